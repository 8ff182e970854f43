"""Follow-up actions left by prevention work (a drill's findings, a screening's measures, a sweep's problems, a
plan review's changes, a training's next step): an owning unit and person, a due date and a state.

They stay on the record: an action is done (with what was done) or cancelled (with why), never removed. The
dashboard shows the open ones in the actor's scope, overdue first."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import validation as check
from desktop.db.models import AuditEntry
from desktop.db.prevention_tables import FollowUp
from desktop.db.session import take_write_lock
from desktop.domain import Actor
from desktop.errors import ConflictError, ErrorCode, NotFound, PermissionDenied, ValidationError
from desktop.registers import prevention
from desktop.services import accounts, audit, permissions
from desktop.timeutil import now_utc

SOURCE_KINDS: dict[str, str] = dict(prevention.REGISTERS)
STATES: dict[str, str] = {"open": "待落实", "done": "已落实", "cancelled": "已取消"}
OWNER_LENGTH = 60  # prevention_followups.owner


@dataclass(frozen=True)
class FollowUpView:
    id: int
    source_kind: str
    source_id: int
    source_title: str
    unit_id: int
    unit_name: str
    owner: str
    action: str
    due_at: datetime
    state: str
    overdue: bool  # open and past its due date, at the moment the list was asked for
    closed_at: datetime | None
    closed_by_name: str
    close_note: str
    recorded_by_name: str
    recorded_at: datetime

    @property
    def source_label(self) -> str:
        return SOURCE_KINDS.get(self.source_kind, self.source_kind)

    @property
    def state_label(self) -> str:
        return "已超期" if self.overdue else STATES.get(self.state, self.state)


def _title(view: Any) -> str:
    """What the source record is called in a list: its title, scenario, subject, scope or plan."""
    for name in ("title", "scenario", "subject", "scope", "plan_name"):
        value = getattr(view, name, None)
        if value:
            return str(value)
    return ""


def _titles(session: Session, rows: list[FollowUp]) -> dict[tuple[str, int], str]:
    wanted: dict[str, set[int]] = {}
    for row in rows:
        wanted.setdefault(row.source_kind, set()).add(row.source_id)
    out: dict[tuple[str, int], str] = {}
    for kind, ids in wanted.items():
        model = prevention.MODELS.get(kind)
        if model is None:
            continue
        for source in session.execute(select(model).where(model.id.in_(ids))).scalars():
            out[(kind, source.id)] = _title(source)
    return out


def _view(row: FollowUp, names: dict[int, str], titles: dict[tuple[str, int], str], now: datetime) -> FollowUpView:
    return FollowUpView(
        id=row.id, source_kind=row.source_kind, source_id=row.source_id,
        source_title=titles.get((row.source_kind, row.source_id), ""), unit_id=row.unit_id,
        unit_name=names.get(row.unit_id, ""), owner=row.owner, action=row.action, due_at=row.due_at,
        state=row.state, overdue=row.state == "open" and row.due_at < now, closed_at=row.closed_at,
        closed_by_name=row.closed_by_name, close_note=row.close_note, recorded_by_name=row.recorded_by_name,
        recorded_at=row.recorded_at,
    )


def _views(session: Session, rows: list[FollowUp], now: datetime) -> list[FollowUpView]:
    names = prevention.unit_names(session)
    titles = _titles(session, rows)
    return [_view(r, names, titles, now) for r in rows]


def add_followup(session: Session, actor: Actor, *, source_kind: str, source_id: int, unit_id: int, owner: str,
                 action: str, due_at: datetime, now: datetime | None = None) -> FollowUpView:
    """An action a prevention record left to do. Whoever may record for the source's unit adds it; the owning
    unit is one the actor may record for as well (a drill may hand an action to a unit that took part)."""
    now = now or now_utc()
    if not isinstance(source_kind, str) or source_kind not in SOURCE_KINDS:
        raise ValidationError("source_kind", "整改事项的来源无效")
    check.ident(source_id, "source_id")
    owner = check.text(owner, "owner", OWNER_LENGTH, multiline=False, required="责任人")
    action = check.text(action, "action", check.NOTE, multiline=True, required="整改事项")
    if due_at is None:
        raise ValidationError("due_at", "请填写完成期限")
    due_at = check.time(due_at, "due_at").replace(microsecond=0)
    actor = accounts.current_actor(session, actor)
    source = prevention.get_record(session, actor, source_kind, source_id)  # NotFound if not visible
    if source.withdrawn:
        raise ConflictError("来源记录已撤回，不能再添加整改事项", ErrorCode.WRONG_STATE)
    check.ident(unit_id, "unit_id")
    for unit in (source.unit_id, unit_id):
        refused = prevention.refusal(session, actor, unit)
        if refused == prevention.NO_UNIT:
            raise ValidationError("unit_id", "请选择责任单位")
        if refused:
            raise PermissionDenied(refused)
    row = FollowUp(source_kind=source_kind, source_id=source_id, unit_id=unit_id, owner=owner, action=action,
                   due_at=due_at, state="open", closed_by_name="", close_note="", recorded_by_id=actor.user_id,
                   recorded_by_name=actor.name, recorded_at=now)
    session.add(row)
    session.flush()
    audit.record(session, actor, "followup.add", "prevention_followup", row.id,
                 after={"source": f"{source_kind}:{source_id}", "unit_id": unit_id, "owner": owner,
                        "action": action, "due_at": due_at}, at=now)
    return _views(session, [row], now)[0]


def _close(session: Session, actor: Actor, followup_id: int, state: str, note: str, now: datetime) -> FollowUpView:
    check.ident(followup_id, "followup_id")
    actor = accounts.current_actor(session, actor)
    take_write_lock(session)  # the state read below stays current until the change is written
    row = session.get(FollowUp, followup_id)
    units = permissions.scope(session, actor)
    if row is None or (units is not None and row.unit_id not in units):
        raise NotFound("找不到该整改事项")
    refused = prevention.refusal(session, actor, row.unit_id)
    if refused:
        raise PermissionDenied(refused)
    if row.state != "open":
        raise ConflictError(f"该整改事项{STATES[row.state]}（{row.closed_by_name}），不能再更改",
                            ErrorCode.WRONG_STATE)
    row.state, row.closed_at, row.closed_by_name, row.close_note = state, now, actor.name, note
    session.flush()
    audit.record(session, actor, f"followup.{state}", "prevention_followup", row.id, before={"state": "open"},
                 after={"state": state, "note": note}, at=now)
    return _views(session, [row], now)[0]


def complete_followup(session: Session, actor: Actor, followup_id: int, note: str = "",
                      now: datetime | None = None) -> FollowUpView:
    """The action is done; `note` says what was done."""
    note = check.text(note, "note", check.NOTE, multiline=True)
    return _close(session, actor, followup_id, "done", note, now or now_utc())


def cancel_followup(session: Session, actor: Actor, followup_id: int, reason: str,
                    now: datetime | None = None) -> FollowUpView:
    """The action is no longer needed; the reason stays on the record."""
    reason = check.text(reason, "reason", check.NOTE, multiline=True, required="取消原因")
    return _close(session, actor, followup_id, "cancelled", reason, now or now_utc())


def open_followups(session: Session, actor: Actor, now: datetime | None = None) -> list[FollowUpView]:
    """The open actions in the actor's scope for the dashboard: overdue ones first, then the soonest due."""
    now = now or now_utc()
    actor = accounts.current_actor(session, actor)
    query = select(FollowUp).where(FollowUp.state == "open")
    units = permissions.scope(session, actor)
    if units is not None:
        query = query.where(FollowUp.unit_id.in_(units))
    rows = list(session.execute(query.order_by(FollowUp.due_at, FollowUp.id)).scalars())
    return _views(session, rows, now)  # ordered by due date: the overdue ones come first by themselves


def list_followups(session: Session, actor: Actor, *, state: str | None = None, source_kind: str | None = None,
                   source_id: int | None = None, now: datetime | None = None) -> list[FollowUpView]:
    """Follow-ups in the actor's scope, soonest due first; narrowed to a state or to one source record."""
    now = now or now_utc()
    actor = accounts.current_actor(session, actor)
    query = select(FollowUp)
    if state is not None:
        if not isinstance(state, str) or state not in STATES:
            raise ValidationError("state", "整改事项状态无效")
        query = query.where(FollowUp.state == state)
    if source_kind is not None:
        if not isinstance(source_kind, str) or source_kind not in SOURCE_KINDS:
            raise ValidationError("source_kind", "整改事项的来源无效")
        query = query.where(FollowUp.source_kind == source_kind)
    if source_id is not None:
        query = query.where(FollowUp.source_id == check.ident(source_id, "source_id"))
    units = permissions.scope(session, actor)
    if units is not None:
        query = query.where(FollowUp.unit_id.in_(units))
    rows = list(session.execute(query.order_by(FollowUp.due_at, FollowUp.id)).scalars())
    return _views(session, rows, now)


def iter_followups(session: Session, actor: Actor, now: datetime | None = None,
                   chunk: int = 500) -> Iterator[FollowUpView]:
    """Every follow-up in the actor's scope, by id, `chunk` rows at a time (the export)."""
    now = now or now_utc()
    actor = accounts.current_actor(session, actor)
    units = permissions.scope(session, actor)
    base = select(FollowUp)
    if units is not None:
        base = base.where(FollowUp.unit_id.in_(units))
    last = 0
    while True:
        rows = list(session.execute(base.where(FollowUp.id > last).order_by(FollowUp.id).limit(chunk)).scalars())
        if not rows:
            return
        yield from _views(session, rows, now)
        last = rows[-1].id


def verify_followups(session: Session) -> list[str]:
    """Every follow-up against the keyed audit record: the entry that added it, with the same facts, and the
    entry of its completion or cancellation by the person named on it. A row written around the program is
    named (`repdesk audit verify`)."""
    wanted = ["followup.add", *(f"followup.{s}" for s in STATES if s != "open")]
    found: dict[tuple[str, str], AuditEntry] = {}
    for entry in session.execute(select(AuditEntry).where(AuditEntry.action.in_(wanted))
                                 .order_by(AuditEntry.id)).scalars():
        found.setdefault((entry.action, entry.entity_id), entry)
    problems: list[str] = []
    for row in session.execute(select(FollowUp).order_by(FollowUp.id)).scalars():
        name = f"整改事项第 {row.id} 号"
        added = found.get(("followup.add", str(row.id)))
        if added is None:
            problems.append(f"{name}：审计记录中没有其登记，系绕过程序写入")
            continue
        facts = {"source": f"{row.source_kind}:{row.source_id}", "unit_id": row.unit_id, "owner": row.owner,
                 "action": row.action, "due_at": row.due_at}
        if json.loads(added.after or "null") != json.loads(audit.canonical(facts)):
            problems.append(f"{name}：内容与登记时的审计记录不符，已被改动")
        closed = {s: found.get((f"followup.{s}", str(row.id))) for s in STATES if s != "open"}
        closing = closed.get(row.state)
        if (row.state == "open" and any(closed.values())) or (
                row.state != "open" and (closing is None or closing.actor_name != row.closed_by_name)):
            problems.append(f"{name}：办结情况与审计记录不符")
    return problems
