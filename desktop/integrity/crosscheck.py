"""Does the data match the verified record? Every signed version (content, signer, time), every approval decision
and every timeline event must have its entry in the keyed audit chain; a row without one, or one that differs from
it, was written around the program (a forged approval, a changed signer, a deleted or inserted event)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import ApprovalDecision, AuditEntry, DocumentVersion, IncidentEvent, PaperSignature
from desktop.domain import Decision
from desktop.registers import attachments, followups, prevention
from desktop.services import audit, documents, printing
from desktop.services.issuing import verification
from desktop.timeutil import parse_rfc3339

_DECISIONS = {f"document.{d.value}": d.value for d in Decision}
_PAPER = "document.paper_signed"


@dataclass(frozen=True)
class Report:
    ok: bool
    chain: audit.VerifyResult
    problems: tuple[str, ...]


def _second(moment: datetime | str | None) -> str:
    """A moment to the second, as the record spells it: the payloads keep seconds, the columns may keep more."""
    if moment is None:
        return ""
    if isinstance(moment, str):
        try:
            parsed = parse_rfc3339(moment)
        except ValueError:
            return moment  # an edited payload: it then matches nothing, and the mismatch is named
        return audit.canonical(parsed)
    return audit.canonical(moment)


def _after(entry: AuditEntry) -> dict[str, Any]:
    try:
        value = json.loads(entry.after or "null")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _decision_key(version_id: int, step: str, decision: str, actor_id: int | None, at: Any) -> tuple[Any, ...]:
    return (version_id, str(step), str(decision), actor_id, _second(at))


def _entries(session: Session, version_id: int | None) -> list[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.action.in_([*_DECISIONS, _PAPER, "event.record"]))
    if version_id is not None:
        query = query.where(AuditEntry.entity == "document_version", AuditEntry.entity_id == str(version_id))
    return list(session.execute(query.order_by(AuditEntry.id)).scalars())


def _check_versions(session: Session, entries: list[AuditEntry], version_id: int | None) -> list[str]:
    problems: list[str] = []
    signs: dict[str, AuditEntry] = {}
    for entry in entries:
        if entry.action in (f"document.{Decision.SIGNED.value}", _PAPER):
            signs.setdefault(entry.entity_id, entry)
    query = select(DocumentVersion).where(DocumentVersion.signed_at.is_not(None))
    if version_id is not None:
        query = query.where(DocumentVersion.id == version_id)
    for v in session.execute(query.order_by(DocumentVersion.id)).scalars():
        name = f"第 {v.id} 号文件版本"
        if documents.content_sha256(v.content) != v.sha256:
            problems.append(f"{name}：内容与其哈希不符，已被改动")
            continue
        e = signs.get(str(v.id))
        if e is None:
            problems.append(f"{name}：签发没有对应的审计记录（可能是伪造的签发）")
            continue
        after = _after(e)
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


def _check_decisions(session: Session, entries: list[AuditEntry], version_id: int | None) -> list[str]:
    recorded: Counter[tuple[Any, ...]] = Counter()
    where: dict[tuple[Any, ...], int] = {}
    for e in entries:
        if e.action not in _DECISIONS and e.action != _PAPER:
            continue
        after = _after(e)
        if e.action == _PAPER:
            key = _decision_key(int(e.entity_id), after.get("step", ""), Decision.SIGNED.value, e.actor_id,
                                after.get("signed_at"))
        else:
            key = _decision_key(int(e.entity_id), after.get("step", ""), _DECISIONS[e.action], e.actor_id, e.at)
        recorded[key] += 1
        where.setdefault(key, e.id)
    problems: list[str] = []
    query = select(ApprovalDecision)
    if version_id is not None:
        query = query.where(ApprovalDecision.version_id == version_id)
    for d in session.execute(query.order_by(ApprovalDecision.id)).scalars():
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


def _check_events(session: Session, entries: list[AuditEntry]) -> list[str]:
    recorded = {e.entity_id: e for e in entries if e.action == "event.record"}
    problems: list[str] = []
    seen: set[str] = set()
    for ev in session.execute(select(IncidentEvent).order_by(IncidentEvent.id)).scalars():
        e = recorded.get(str(ev.id))
        seen.add(str(ev.id))
        if e is None:
            problems.append(f"时间线事件 #{ev.id}（{ev.type}）没有对应的审计记录：可能是直接写入库中的")
            continue
        after = _after(e)
        if (after.get("type"), _second(after.get("at")), after.get("note")) != (ev.type, _second(ev.at), ev.note):
            problems.append(f"时间线事件 #{ev.id}（{ev.type}）与第 {e.id} 条审计记录不符，已被改动")
    for entity_id, e in recorded.items():
        if entity_id not in seen:
            problems.append(f"第 {e.id} 条审计记录登记的时间线事件 #{entity_id}（{_after(e).get('type', '')}）"
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
        *_check_events(session, entries),
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
