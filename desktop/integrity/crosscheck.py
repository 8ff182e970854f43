"""Does the data match the verified record? Every signed version (content, signer, time), every approval decision
and every timeline event must have its entry in the keyed audit chain; a row without one, or one that differs from
it, was written around the program (a forged approval, a changed signer, a deleted or inserted event)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import Session

from desktop.db.models import ApprovalDecision, AuditEntry, DocumentVersion, IncidentEvent, PaperSignature
from desktop.domain import Decision
from desktop.registers import attachments, followups, prevention
from desktop.services import audit, documents, printing
from desktop.services.issuing import verification
from desktop.timeutil import format_rfc3339_cst, parse_rfc3339

_DECISIONS = {f"document.{d.value}": d.value for d in Decision}
_PAPER = "document.paper_signed"
_EVENT = "event.record"
_EVENT_ENTITY = "incident_event"  # what the program records an event under (services, exchange)
# Rows per read: a long table (hundreds of thousands of events) is compared a chunk at a time, as plain columns,
# so the check's memory follows this and not the years of history (as ORM objects, 100,000 incidents took 1.4 GB).
CHUNK = 1000
_Row = Row[*tuple[Any, ...]]


@dataclass(frozen=True)
class Report:
    ok: bool
    chain: audit.VerifyResult
    problems: tuple[str, ...]


def _second(moment: datetime | str | None) -> str:
    """A moment to the second, as the record spells it (what audit.canonical writes, without the quotes): the
    payloads keep seconds, the columns may keep more."""
    if moment is None:
        return ""
    if isinstance(moment, str):
        try:
            parsed = parse_rfc3339(moment)
        except ValueError:
            return moment  # an edited payload: it then matches nothing, and the mismatch is named
        return format_rfc3339_cst(parsed)
    if not isinstance(moment, datetime):
        return audit.canonical(moment)  # not a moment at all: it then matches nothing
    return format_rfc3339_cst(moment)


def _same_second(column: datetime, recorded: Any) -> bool:
    # The payload spells the moment as _second does, so equal text needs no parsing (400,000 events at 100,000).
    spelled = _second(column)
    return recorded == spelled or _second(recorded) == spelled


def _chunks(session: Session, query: Select[*tuple[Any, ...]]) -> Iterator[Sequence[_Row]]:
    """`query`'s rows in chunks, in the order of its first column, a table's integer primary key (keyset
    pagination: `id > last ORDER BY id LIMIT n`, by the key's index, linear over the whole table)."""
    # The first page unbounded: a row inserted with id 0 or below is compared like any other. Each statement is
    # built once: a new one per chunk left garbage cycles that grew the peak with the history.
    key = query.selected_columns[0]
    first = query.order_by(key).limit(CHUNK)
    rest = first.where(key > bindparam("last"))
    rows = session.execute(first).all()
    while rows:
        yield rows
        if len(rows) < CHUNK:
            return
        rows = session.execute(rest, {"last": rows[-1][0]}).all()


def _after(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text or "null")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _decision_key(version_id: int, step: str, decision: str, actor_id: int | None, at: Any) -> tuple[Any, ...]:
    return (version_id, str(step), str(decision), actor_id, _second(at))


def _entries(session: Session, version_id: int | None) -> Sequence[_Row]:
    """The entries of approval decisions and signings (as rows, in id order): one per decision, a few per
    document; the timeline's entries, one per event, are compared a chunk at a time in `_check_events`."""
    query = select(AuditEntry.id, AuditEntry.action, AuditEntry.entity_id, AuditEntry.actor_id,
                   AuditEntry.actor_name, AuditEntry.at, AuditEntry.after).where(
        AuditEntry.action.in_([*_DECISIONS, _PAPER]))
    if version_id is not None:
        query = query.where(AuditEntry.entity == "document_version", AuditEntry.entity_id == str(version_id))
    return session.execute(query.order_by(AuditEntry.id)).all()


def _check_versions(session: Session, entries: Sequence[_Row], version_id: int | None) -> list[str]:
    problems: list[str] = []
    signs: dict[str, _Row] = {}
    for entry in entries:
        if entry.action in (f"document.{Decision.SIGNED.value}", _PAPER):
            signs.setdefault(entry.entity_id, entry)
    query = select(DocumentVersion.id, DocumentVersion.content, DocumentVersion.sha256, DocumentVersion.signed_by_id,
                   DocumentVersion.signed_at).where(DocumentVersion.signed_at.is_not(None))
    if version_id is not None:
        query = query.where(DocumentVersion.id == version_id)
    for chunk in _chunks(session, query):
        for v in chunk:
            name = f"第 {v.id} 号文件版本"
            if documents.content_sha256(v.content) != v.sha256:
                problems.append(f"{name}：内容与其哈希不符，已被改动")
                continue
            e = signs.get(str(v.id))
            if e is None:
                problems.append(f"{name}：签发没有对应的审计记录（可能是伪造的签发）")
                continue
            after = _after(e.after)
            if after.get("sha256") != v.sha256:
                problems.append(f"{name}：内容与第 {e.id} 条审计记录登记的签发内容不符，已被改动")
            if e.action == _PAPER:
                paper = session.execute(select(PaperSignature).where(PaperSignature.version_id == v.id)).scalar()
                if v.signed_by_id is not None or paper is None or paper.signer_name != after.get("signer_name"):
                    problems.append(f"{name}：签发人与第 {e.id} 条审计记录登记的纸质签字人不符，已被改动")
                if _second(v.signed_at) != _second(after.get("signed_at")):
                    problems.append(f"{name}：签发时间与第 {e.id} 条审计记录不符，已被改动")
            else:
                if v.signed_by_id != e.actor_id:
                    problems.append(f"{name}：签发人与第 {e.id} 条审计记录（{e.actor_name}签发）不符，已被改动")
                if _second(v.signed_at) != _second(e.at):
                    problems.append(f"{name}：签发时间与第 {e.id} 条审计记录不符，已被改动")
    return problems


def _check_decisions(session: Session, entries: Sequence[_Row], version_id: int | None) -> list[str]:
    recorded: Counter[tuple[Any, ...]] = Counter()
    where: dict[tuple[Any, ...], int] = {}
    for e in entries:
        if e.action not in _DECISIONS and e.action != _PAPER:
            continue
        after = _after(e.after)
        if e.action == _PAPER:
            key = _decision_key(int(e.entity_id), after.get("step", ""), Decision.SIGNED.value, e.actor_id,
                                after.get("signed_at"))
        else:
            key = _decision_key(int(e.entity_id), after.get("step", ""), _DECISIONS[e.action], e.actor_id, e.at)
        recorded[key] += 1
        where.setdefault(key, e.id)
    problems: list[str] = []
    query = select(ApprovalDecision.id, ApprovalDecision.version_id, ApprovalDecision.step, ApprovalDecision.decision,
                   ApprovalDecision.actor_id, ApprovalDecision.actor_name, ApprovalDecision.decided_at)
    if version_id is not None:
        query = query.where(ApprovalDecision.version_id == version_id)
    for chunk in _chunks(session, query):
        for d in chunk:
            key = _decision_key(d.version_id, d.step, d.decision, d.actor_id, d.decided_at)
            if recorded[key] > 0:
                recorded[key] -= 1
                continue
            problems.append(f"审批记录 #{d.id}（第 {d.version_id} 号文件版本，{d.step} {d.decision}，{d.actor_name}）"
                            "没有对应的审计记录：可能是伪造的审批")
    for key, left in recorded.items():
        if left > 0:
            problems.append(f"第 {where[key]} 条审计记录登记的审批（第 {key[0]} 号文件版本，{key[1]} {key[2]}）"
                            "在库中已不存在或被改动")
    return problems


def _event_id(entity_id: str) -> int | None:
    """The event an entry names, if it can name one: only `str(event.id)` ever matches a row."""
    try:
        value = int(entity_id)
    except ValueError:
        return None
    return value if str(value) == entity_id and 0 < value < 2**63 else None


def _check_events(session: Session) -> list[str]:
    """Each event against the last `event.record` entry naming it, and each such entry against an event, as the
    whole-table version did (the same problems in the same order), holding one chunk of each side at a time and,
    across chunks, only what is already a problem."""
    # First the entries, in id order: those whose event is gone (named where first recorded, with the last entry
    # naming it), and any recorded under another entity than the program's (none are; the lookup below is by
    # the (entity, entity_id) index, so these few are kept aside to be compared all the same).
    gone: dict[str, tuple[int, str]] = {}
    aside: dict[str, tuple[int, str]] = {}
    entries = select(AuditEntry.id, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.after).where(
        AuditEntry.action == _EVENT)
    exist = select(IncidentEvent.id).where(IncidentEvent.id.in_(bindparam("ids", expanding=True)))
    for chunk in _chunks(session, entries):
        wanted = [i for i in {_event_id(e.entity_id) for e in chunk} if i is not None]
        present = set(session.execute(exist, {"ids": wanted}).scalars())
        for e in chunk:
            if e.entity != _EVENT_ENTITY:
                aside[e.entity_id] = (e.id, e.after)
            if _event_id(e.entity_id) not in present:
                gone[e.entity_id] = (e.id, e.after)  # a later entry replaces the value, not the place
    problems: list[str] = []
    events = select(IncidentEvent.id, IncidentEvent.type, IncidentEvent.at, IncidentEvent.note)
    naming = select(AuditEntry.id, AuditEntry.entity_id, AuditEntry.after).where(  # by the (entity, entity_id) index
        AuditEntry.entity == _EVENT_ENTITY, AuditEntry.entity_id.in_(bindparam("ids", expanding=True)),
        AuditEntry.action == _EVENT).order_by(AuditEntry.id)
    for chunk in _chunks(session, events):
        recorded: dict[str, tuple[int, str]] = {}
        for r in session.execute(naming, {"ids": [str(ev.id) for ev in chunk]}):
            recorded[r.entity_id] = (r.id, r.after)  # the last entry counts
        for ev in chunk:
            found = max(recorded.get(str(ev.id)), aside.get(str(ev.id)), key=lambda f: f[0] if f else 0)
            if found is None:
                problems.append(f"时间线事件 #{ev.id}（{ev.type}）没有对应的审计记录：可能是直接写入库中的")
                continue
            after = _after(found[1])
            if (after.get("type"), after.get("note")) != (ev.type, ev.note) or not _same_second(ev.at, after.get("at")):
                problems.append(f"时间线事件 #{ev.id}（{ev.type}）与第 {found[0]} 条审计记录不符，已被改动")
    for entity_id, (entry_id, text) in gone.items():
        problems.append(f"第 {entry_id} 条审计记录登记的时间线事件 #{entity_id}（{_after(text).get('type', '')}）"
                        "在库中已不存在：被删除")
    return problems


def check(session: Session) -> Report:
    """The whole database: the chain first (a broken chain proves nothing about the data), then the data."""
    chain = audit.verify(session)
    if not chain.ok:
        return Report(False, chain, ())
    entries = _entries(session, None)
    problems = [
        *_check_versions(session, entries, None),
        *_check_decisions(session, entries, None),
        *_check_events(session),
        *attachments.verify_attachments(session),  # each file against the hash its audit entry recorded
        *prevention.verify_records(session),  # each prevention record, withdrawal and sign-off against its entry
        *followups.verify_followups(session),
    ]
    return Report(not problems, chain, tuple(problems))


def check_version(session: Session, version_id: int) -> Report:
    """One signed version, as `repdesk verify` needs it: the chain, then the version's facts and decisions."""
    chain = audit.verify(session)
    if not chain.ok:
        return Report(False, chain, ())
    entries = _entries(session, version_id)
    problems = [
        *_check_versions(session, entries, version_id),
        *_check_decisions(session, entries, version_id),
    ]
    return Report(not problems, chain, tuple(problems))


def first_problem(report: Report) -> str:
    """One line for the command line and the window."""
    if not report.chain.ok:
        where = f"第 {report.chain.broken_id} 条 — " if report.chain.broken_id else ""
        return f"审计记录校验失败：{where}{report.chain.reason}"
    return report.problems[0] if report.problems else ""


def verify_pdf(session: Session, pdf: bytes) -> printing.Verdict:
    """A printed PDF as `repdesk verify` and the window's 验证PDF judge it: the file must match a stored signed
    version (printing.verify_pdf), and that version must be what the keyed record says was signed; a signer or
    content changed around the program fails here even when the file itself matches the changed row."""
    verdict = printing.verify_pdf(session, pdf)
    parsed = verification.parse_code(verification.extract_code(pdf) or "")
    if verdict.ok and parsed is not None:
        report = check_version(session, parsed[0])
        if not report.ok:
            return printing.Verdict(False, first_problem(report))
    return verdict
