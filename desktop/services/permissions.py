"""Who may see and do what. The window hides what a user may not do; these checks refuse it regardless."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.db.models import Incident, Unit
from desktop.domain import Actor
from desktop.errors import PermissionDenied
from desktop.services import org

# Roles that act for an incident's unit or its lead department.
INCIDENT_WRITERS = ("info_officer", "lead_officer", "unit_head", "leader", "president", "admin")
# 4.1, 4.3: declaring an incident major is for the lead department and the leaders.
ESCALATORS = ("lead_officer", "leader", "president", "admin")


def scope(session: Session, actor: Actor) -> set[int] | None:
    """The units whose incidents the actor sees; None means all of them (the branch office and the branch)."""
    if actor.user_id is None or actor.has("admin", "president"):
        return None
    if actor.unit_id is None:
        return set()
    unit = session.get(Unit, actor.unit_id)
    if unit is None:
        return set()
    if unit.kind in ("branch", "branch_office"):
        return None
    info = org.unit_info(session, unit.id)
    # A remote lead department (the secondary branch's comprehensive-management department) sees its own area.
    if info.secondary_branch_id is not None and unit.kind in ("secondary_branch", "comprehensive_dept"):
        return org.descendants(session, info.secondary_branch_id)
    return org.descendants(session, unit.id)


def can_see(session: Session, actor: Actor, incident: Incident) -> bool:
    units = scope(session, actor)
    if units is None:
        return True
    return incident.unit_id in units or (incident.business_dept_id is not None and incident.business_dept_id in units)


def require_see(session: Session, actor: Actor, incident: Incident) -> None:
    if not can_see(session, actor, incident):
        raise PermissionDenied(f"您无权查看事件 {incident.number}")


def require_role(actor: Actor, roles: tuple[str, ...], what: str) -> None:
    if actor.user_id is not None and not actor.has(*roles):
        raise PermissionDenied(f"您的角色不能{what}")


def require_unit_in_scope(session: Session, actor: Actor, unit_id: int, what: str) -> None:
    units = scope(session, actor)
    if units is not None and unit_id not in units:
        raise PermissionDenied(f"您不能为本单位辖外的单位{what}")
