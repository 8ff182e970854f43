"""The append-only, hash-chained record of every change (who, when, what, before/after)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop.db.models import AuditEntry, Setting
from desktop.domain import Actor
from desktop.timeutil import format_rfc3339_cst, now_utc

GENESIS = "0" * 64
_LOCK_KEY = "audit_chain_lock"


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_jsonable)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_rfc3339_cst(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def entry_hash(entry: AuditEntry) -> str:
    body = canonical(
        {
            "id": entry.id,
            "at": entry.at,
            "actor_id": entry.actor_id,
            "actor_name": entry.actor_name,
            "action": entry.action,
            "entity": entry.entity,
            "entity_id": entry.entity_id,
            "incident_id": entry.incident_id,
            "before": entry.before,
            "after": entry.after,
            "prev_hash": entry.prev_hash,
        }
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _take_chain_lock(session: Session) -> None:
    """Serialise appends: the UPDATE takes SQLite's write lock or PostgreSQL's row lock before the head is read."""
    result = session.execute(update(Setting).where(Setting.key == _LOCK_KEY).values(value=Setting.value))
    if result.rowcount == 0:  # type: ignore[attr-defined]
        session.add(Setting(key=_LOCK_KEY, value="1"))
        session.flush()


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object,
    before: Any = None,
    after: Any = None,
    incident_id: int | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Append one entry to the chain; `at`: the moment of the change, the service's `now` (the clock if None)."""
    _take_chain_lock(session)
    last = session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one_or_none()
    entry = AuditEntry(
        id=(last.id + 1) if last else 1,
        at=at or now_utc(),
        actor_id=actor.user_id,
        actor_name=actor.name,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        incident_id=incident_id,
        before="" if before is None else canonical(before),
        after="" if after is None else canonical(after),
        prev_hash=last.hash if last else GENESIS,
        hash="",
    )
    entry.hash = entry_hash(entry)
    session.add(entry)
    session.flush()
    return entry


def changes_after(session: Session, after: int | None) -> tuple[int, dict[int, int]]:
    """What changed since entry `after`: the newest entry's id, and each incident an entry after `after` is about,
    with the newest such entry's id. With `after` None (the caller has seen nothing yet) no incident is new.

    Every change to an incident is audited with its id, whoever made it and from wherever: the window reads this
    to refresh the views of exactly the incidents that changed."""
    newest = session.execute(select(func.max(AuditEntry.id))).scalar() or 0
    if after is None or newest <= after:
        return newest, {}
    rows = session.execute(
        select(AuditEntry.incident_id, func.max(AuditEntry.id))
        .where(AuditEntry.id > after, AuditEntry.incident_id.is_not(None))
        .group_by(AuditEntry.incident_id)
    ).all()
    return newest, {incident_id: last for incident_id, last in rows if incident_id is not None}


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    broken_id: int | None = None
    reason: str = ""


def verify(session: Session) -> VerifyResult:
    prev = GENESIS
    expected_id = 1
    count = 0
    for entry in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars():
        count += 1
        if entry.id != expected_id:
            return VerifyResult(False, count, entry.id, f"第 {expected_id} 条记录缺失（下一条为第 {entry.id} 条）")
        if entry.prev_hash != prev:
            return VerifyResult(False, count, entry.id, "与上一条记录的链接不符")
        if entry_hash(entry) != entry.hash:
            return VerifyResult(False, count, entry.id, "记录内容与其哈希不符，已被改动")
        prev = entry.hash
        expected_id += 1
    return VerifyResult(True, count)
