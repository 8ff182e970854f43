"""舆情监测台账: the standing log of public opinion about the bank, kept whether or not anything comes of it.

An entry is assessed (待研判) and then escalated to an incident in one step (the incident is recorded through the
incident service with the entry's facts, and the entry keeps the link), linked to an incident already recorded, or
closed with a reason. A mistake is corrected by a new version of the entry; the old one stays in the record. The
entries linked to an incident are printed on its major report and evaluation (4.2.2.x(5), 4.3.4(5))."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Incident
from desktop.db.register_tables import MonitoringEntry
from desktop.domain import Actor, IncidentRecord, IncidentStatus
from desktop.errors import ConflictError, ErrorCode, ValidationError
from desktop.registers import attachments, base
from desktop.services import incidents, permissions
from desktop.timeutil import format_cst, now_utc
from desktop.validation import count, ident, mapping

FIELDS = ("unit_id", "observed_at", "platform", "url", "title", "excerpt", "reads", "reposts", "tone")


@dataclass(frozen=True)
class MonitoringRow:
    id: int
    unit_id: int
    unit_name: str
    observed_at: datetime
    platform: str
    url: str
    title: str
    excerpt: str
    reads: int | None
    reposts: int | None
    tone: str
    logged_by: str
    logged_at: datetime
    state: str
    incident_id: int | None
    incident_number: str
    close_reason: str
    closed_at: datetime | None
    closed_by: str
    supersedes_id: int | None
    superseded_by_id: int | None
    correction_reason: str
    row_version: int
    attachments: int = 0

    @property
    def platform_label(self) -> str:
        return base.PLATFORMS.get(self.platform, self.platform)

    @property
    def tone_label(self) -> str:
        return base.TONES.get(self.tone, self.tone)

    @property
    def state_label(self) -> str:
        return base.MONITORING_STATES.get(self.state, self.state)

    @property
    def reach(self) -> str:
        """阅读/转发 as one short text for paper and lists."""
        parts = [f"阅读{self.reads}" if self.reads is not None else "", f"转发{self.reposts}"
                 if self.reposts is not None else ""]
        return "，".join(p for p in parts if p)


def _rows(session: Session, entries: list[MonitoringEntry]) -> list[MonitoringRow]:
    names = base.unit_names(session)
    numbers = dict(session.execute(select(Incident.id, Incident.number).where(
        Incident.id.in_({e.incident_id for e in entries if e.incident_id is not None}))).all())
    files = attachments.counts(session, "monitoring", [e.id for e in entries])
    return [MonitoringRow(
        e.id, e.unit_id, names.get(e.unit_id, ""), e.observed_at, e.platform, e.url, e.title, e.excerpt, e.reads,
        e.reposts, e.tone, e.logged_by_name, e.logged_at, e.state, e.incident_id,
        numbers.get(e.incident_id, "") if e.incident_id is not None else "", e.close_reason, e.closed_at,
        e.closed_by_name, e.supersedes_id, e.superseded_by_id, e.correction_reason, e.row_version,
        files.get(e.id, 0)) for e in entries]


def _snapshot(e: MonitoringEntry) -> dict[str, Any]:
    return {k: getattr(e, k) for k in FIELDS}


def _clean(session: Session, data: Any, now: datetime, partial: bool = False) -> dict[str, Any]:
    mapping(data, "data", len(FIELDS))
    unknown = {str(k) for k in data} - set(FIELDS)
    if unknown:
        raise ValidationError(min(unknown)[:40], "未知的字段")
    out: dict[str, Any] = {}
    if "unit_id" in data:
        out["unit_id"] = base.unit_id_of(session, data["unit_id"])
    if "observed_at" in data:
        out["observed_at"] = base.moment(data["observed_at"], "observed_at", "发现时间", now)
    if "platform" in data:
        out["platform"] = base.choice(data["platform"], base.PLATFORMS, "platform", "请选择发布平台")
    if "tone" in data:
        out["tone"] = base.choice(data["tone"], base.TONES, "tone", "请选择舆情倾向（负面、中性或正面）")
    if "title" in data:
        out["title"] = base.field(data["title"], "title", required="标题或内容摘要")
    if "url" in data:
        out["url"] = base.field(data["url"], "url")
    if "excerpt" in data:
        out["excerpt"] = base.field(data["excerpt"], "excerpt", multiline=True)
    for key, what in (("reads", "阅读量"), ("reposts", "转发量")):
        if key in data:
            out[key] = base.number(data[key], key, what)
    if not partial:
        for key, what in (("unit_id", "涉及单位"), ("observed_at", "发现时间"), ("platform", "发布平台"),
                          ("title", "标题或内容摘要"), ("tone", "舆情倾向")):
            if key not in out:
                raise ValidationError(key, f"请填写{what}")
    return out


def _load(session: Session, actor: Actor, entry_id: Any) -> MonitoringEntry:
    entry: MonitoringEntry = base.get_or_404(session, MonitoringEntry, entry_id, "舆情监测记录")
    base.require_visible(session, actor, entry.unit_id, "舆情监测记录")
    return entry


def _current(entry: MonitoringEntry) -> None:
    if entry.superseded_by_id is not None:
        raise ConflictError(f"该记录已被更正（新记录编号 {entry.superseded_by_id}），请在新记录上办理",
                            ErrorCode.STALE)


def _open(entry: MonitoringEntry) -> None:
    _current(entry)
    if entry.state != "open":
        state = base.MONITORING_STATES.get(entry.state, entry.state)
        raise ConflictError(f"该舆情监测记录{state}，不能再办理", ErrorCode.WRONG_STATE)


# --- commands --------------------------------------------------------------------------------------------------


def add_entry(session: Session, actor: Actor, data: dict[str, Any], now: datetime | None = None) -> MonitoringRow:
    now = now or now_utc()
    values = _clean(session, data, now)
    actor = base.require_recorder(session, actor, values["unit_id"], "登记舆情监测记录")
    entry = MonitoringEntry(logged_by_id=actor.user_id, logged_by_name=actor.name, logged_at=now, state="open",
                            close_reason="", closed_by_name="", correction_reason="",
                            **{"url": "", "excerpt": "", "reads": None, "reposts": None, **values})
    session.add(entry)
    session.flush()
    base.audit_change(session, actor, "monitoring.add", "monitoring_entry", entry.id, after=_snapshot(entry), at=now)
    return _rows(session, [entry])[0]


def correct_entry(session: Session, actor: Actor, entry_id: int, expected_version: int, changes: dict[str, Any],
                  reason: str, now: datetime | None = None) -> MonitoringRow:
    """A new version of the entry with the changes; the old one stays in the record, out of the lists."""
    now = now or now_utc()
    count(expected_version, "expected_version", 0)
    reason = base.field(reason, "reason", required="更正理由", multiline=True)
    values = _clean(session, changes, now, partial=True)
    actor = base.fresh(session, actor)
    old = _load(session, actor, entry_id)
    _current(old)
    if old.row_version != expected_version:
        raise ConflictError("该记录已被其他用户修改，请刷新后再更正", ErrorCode.STALE)
    merged = {**_snapshot(old), **values}
    actor = base.require_recorder(session, actor, old.unit_id, "更正舆情监测记录")
    if merged["unit_id"] != old.unit_id:
        permissions.require_unit_in_scope(session, actor, merged["unit_id"], "更正舆情监测记录")
    if merged == _snapshot(old):
        raise ValidationError("data", "没有需要更正的内容")
    new = MonitoringEntry(logged_by_id=actor.user_id, logged_by_name=actor.name, logged_at=now, state=old.state,
                          incident_id=old.incident_id, close_reason=old.close_reason, closed_at=old.closed_at,
                          closed_by_name=old.closed_by_name, supersedes_id=old.id, correction_reason=reason,
                          **merged)
    session.add(new)
    session.flush()
    old.superseded_by_id = new.id
    session.flush()
    changed = {k: v for k, v in merged.items() if _snapshot(old)[k] != v}
    base.audit_change(session, actor, "monitoring.correct", "monitoring_entry", new.id,
                      before={"id": old.id, **{k: _snapshot(old)[k] for k in changed}},
                      after={"supersedes": old.id, "reason": reason, **changed}, incident_id=old.incident_id, at=now)
    return _rows(session, [new])[0]


def incident_form(session: Session, actor: Actor, entry_id: int) -> dict[str, Any]:
    """The incident form's fields filled from the entry (the window shows them for a last look)."""
    entry = _load(session, actor, entry_id)
    platform = base.PLATFORMS.get(entry.platform, entry.platform)
    reach = _rows(session, [entry])[0].reach
    situation = "；".join(p for p in (
        f"{format_cst(entry.observed_at)}在{platform}发现{base.TONES.get(entry.tone, '')}舆情：{entry.title}",
        entry.excerpt, f"传播情况：{reach}" if reach else "", f"链接：{entry.url}" if entry.url else "") if p)
    return {
        "title": entry.title[:200], "unit_id": entry.unit_id, "occurred_at": entry.observed_at,
        "learned_at": entry.observed_at, "severity": "general", "source": "online", "place": platform,
        "el_situation": situation[:20_000],
    }


def escalate(session: Session, actor: Actor, entry_id: int, data: dict[str, Any] | None = None,
             now: datetime | None = None) -> tuple[MonitoringRow, IncidentRecord]:
    """One step: the incident recorded with the entry's facts (overridden by `data`, the form as the user left
    it), and the entry linked to it."""
    now = now or now_utc()
    actor = base.fresh(session, actor)
    entry = _load(session, actor, entry_id)
    _open(entry)
    form = {**incident_form(session, actor, entry_id), **(mapping(data or {}, "data"))}
    record = incidents.create_incident(session, actor, form, now=now)
    entry.state, entry.incident_id = "escalated", record.id
    session.flush()
    base.audit_change(session, actor, "monitoring.escalate", "monitoring_entry", entry.id,
                      before={"state": "open"}, after={"state": "escalated", "incident": record.number},
                      incident_id=record.id, at=now)
    return _rows(session, [entry])[0], record


def link(session: Session, actor: Actor, entry_id: int, incident_id: int,
         now: datetime | None = None) -> MonitoringRow:
    """The entry is about an incident already recorded: it goes on that incident's documents."""
    now = now or now_utc()
    actor = base.fresh(session, actor)
    entry = _load(session, actor, entry_id)
    _open(entry)
    base.require_recorder(session, actor, entry.unit_id, "关联舆情监测记录")
    incident = incidents.load_visible(session, actor, ident(incident_id, "incident_id"))
    if incident.status == IncidentStatus.CLOSED:
        raise ValidationError("incident_id", f"事件 {incident.number} 已结束，不能再关联舆情", ErrorCode.WRONG_STATE)
    entry.state, entry.incident_id = "linked", incident.id
    session.flush()
    base.audit_change(session, actor, "monitoring.link", "monitoring_entry", entry.id, before={"state": "open"},
                      after={"state": "linked", "incident": incident.number}, incident_id=incident.id, at=now)
    return _rows(session, [entry])[0]


def close(session: Session, actor: Actor, entry_id: int, reason: str, now: datetime | None = None) -> MonitoringRow:
    """Assessed and nothing to handle: closed with the reason (it stays in the log and the figures)."""
    now = now or now_utc()
    reason = base.field(reason, "reason", required="关闭理由", multiline=True)
    actor = base.fresh(session, actor)
    entry = _load(session, actor, entry_id)
    _open(entry)
    base.require_recorder(session, actor, entry.unit_id, "关闭舆情监测记录", base.DECIDERS)
    entry.state, entry.close_reason, entry.closed_at, entry.closed_by_name = "closed", reason, now, actor.name
    session.flush()
    base.audit_change(session, actor, "monitoring.close", "monitoring_entry", entry.id, before={"state": "open"},
                      after={"state": "closed", "reason": reason}, at=now)
    return _rows(session, [entry])[0]


# --- queries ---------------------------------------------------------------------------------------------------


def list_entries(session: Session, actor: Actor, first: date | None = None, last: date | None = None,
                 state: str | None = None, include_superseded: bool = False, limit: int = 500,
                 offset: int = 0) -> list[MonitoringRow]:
    """The log, newest first: observed within first..last (CST days), in the actor's area."""
    actor = base.fresh(session, actor)
    start, end = base.period(first, last)
    query = select(MonitoringEntry)
    query = base.where_visible(query, MonitoringEntry.unit_id, base.visible_units(session, actor))
    if start is not None:
        query = query.where(MonitoringEntry.observed_at >= start)
    if end is not None:
        query = query.where(MonitoringEntry.observed_at < end)
    if state is not None:
        query = query.where(MonitoringEntry.state == base.choice(state, base.MONITORING_STATES, "state", "状态无效"))
    if not include_superseded:
        query = query.where(MonitoringEntry.superseded_by_id.is_(None))
    query = query.order_by(MonitoringEntry.observed_at.desc(), MonitoringEntry.id.desc())
    query = query.limit(count(limit, "limit", 1, 10_000)).offset(count(offset, "offset"))
    return _rows(session, list(session.execute(query).scalars()))


def get_entry(session: Session, actor: Actor, entry_id: int) -> MonitoringRow:
    return _rows(session, [_load(session, base.fresh(session, actor), entry_id)])[0]


def history(session: Session, actor: Actor, entry_id: int) -> list[MonitoringRow]:
    """Every version of an entry, oldest first (the corrections' trail)."""
    entry = _load(session, base.fresh(session, actor), entry_id)
    chain = [entry]
    while chain[0].supersedes_id is not None:
        older = session.get(MonitoringEntry, chain[0].supersedes_id)
        if older is None:
            break
        chain.insert(0, older)
    while chain[-1].superseded_by_id is not None:
        newer = session.get(MonitoringEntry, chain[-1].superseded_by_id)
        if newer is None:
            break
        chain.append(newer)
    return _rows(session, chain)


def linked_entries(session: Session, actor: Actor, incident_id: int) -> list[MonitoringRow]:
    """The current entries linked to an incident the actor may see, oldest first."""
    incidents.load_visible(session, base.fresh(session, actor), incident_id)
    rows = session.execute(select(MonitoringEntry).where(MonitoringEntry.incident_id == incident_id,
                                                         MonitoringEntry.superseded_by_id.is_(None))
                           .order_by(MonitoringEntry.observed_at, MonitoringEntry.id)).scalars()
    return _rows(session, list(rows))
