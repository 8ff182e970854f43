"""An incident's record as its history tab shows it: every audit entry about the incident, oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import AuditEntry, Incident
from desktop.domain import Actor
from desktop.errors import NotFound
from desktop.services import permissions


@dataclass(frozen=True)
class HistoryRow:
    id: int
    at: datetime
    actor_name: str
    action: str
    entity: str
    before: str
    after: str


def history(session: Session, actor: Actor, incident_id: int) -> list[HistoryRow]:
    """An incident's record, for those who may see the incident."""
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound(f"找不到事件（编号 {incident_id}）")
    permissions.require_see(session, actor, incident)
    rows = session.execute(
        select(AuditEntry).where(AuditEntry.incident_id == incident_id).order_by(AuditEntry.id)
    ).scalars()
    return [HistoryRow(r.id, r.at, r.actor_name, r.action, r.entity, r.before, r.after) for r in rows]
