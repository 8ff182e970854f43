"""Who may see and do what. The window hides what a user may not do; these checks refuse it regardless."""

from __future__ import annotations

from sqlalchemy.orm import Session

from desktop.db.models import Incident, Unit
from desktop.domain import Actor, IncidentRecord
from desktop.errors import PermissionDenied
from desktop.rules.model import (
    BRANCH_OFFICE,
    BUSINESS_DEPT,
    ESCALATED_TO_MAJOR,
    INCIDENT_UNIT,
    INTERVIEWED_UNIT,
    LEADING_GROUP,
    LOCAL_LEAD,
    SPOKESPERSON,
    RuleSet,
)
from desktop.services import org

# Roles that act for an incident's unit or its lead department.
INCIDENT_WRITERS = ("info_officer", "lead_officer", "unit_head", "leader", "president", "admin")
# 4.1, 4.3: declaring an incident major is for the lead department and the leaders.
ESCALATORS = ("lead_officer", "leader", "president", "admin")
# Roles that record timeline events (4.3.4(4): the spokesperson records the press conference).
EVENT_RECORDERS = (*INCIDENT_WRITERS, "spokesperson")
# The parties an account stands for by its role alone, on every incident (the catalogue's responsible column:
# 4.3.1 the leadership group is the leaders and the president; 4.3.4(3) the spokesperson it designates).
ROLE_PARTIES: dict[str, frozenset[str]] = {
    "leader": frozenset({LEADING_GROUP}),
    "president": frozenset({LEADING_GROUP}),
    "spokesperson": frozenset({SPOKESPERSON}),
}


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
    return area(session, unit.id)


def area(session: Session, unit_id: int) -> set[int]:
    """The units a unit answers for: itself and everything under it; 2.3: a secondary branch and its
    comprehensive-management department, the remote lead department, answer for the secondary branch's area."""
    info = org.unit_info(session, unit_id)
    if info.secondary_branch_id is not None and info.kind in ("secondary_branch", "comprehensive_dept"):
        return org.descendants(session, info.secondary_branch_id)
    return org.descendants(session, unit_id)


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


# --- who records which timeline event -----------------------------------------------------------------------


def parties_on(actor: Actor, actor_unit_kind: str, incident: IncidentRecord) -> frozenset[str]:
    """The responsible parties (desktop.rules.model.PARTIES) the actor stands for on this incident.

    The incident unit and the business department are their own staff. 2.2, 2.3: the lead department (the
    branch office for same-city units, the secondary branch's comprehensive-management department for its area)
    is its lead officers; it organises the handling and keeps the incident's record: the reports of the incident
    unit, the business department and the interviewed unit go to it (3.2.1, 3.2.2(1), 4.2.2(1), 4.2.2.x(2)), and
    it records the leadership group's and the spokesperson's steps too. 3.2.2(2), 4.2.2.2(2): the branch office
    receives the remote lead department's reports. 4.3.1, 4.3.4(3): the leadership group and the spokesperson
    by role. 4.2.2(1): a journalist may call on any unit: every account stands for the interviewed unit."""
    found: set[str] = {INTERVIEWED_UNIT}
    for role in actor.roles:
        found |= ROLE_PARTIES.get(role, frozenset())
    if actor.unit_id is not None and actor.unit_id == incident.unit_id:
        found.add(INCIDENT_UNIT)
    if actor.unit_id is not None and actor.unit_id == incident.business_dept_id:
        found.add(BUSINESS_DEPT)
    if is_lead_staff(actor, incident):
        found |= {LOCAL_LEAD, INCIDENT_UNIT, BUSINESS_DEPT, LEADING_GROUP, SPOKESPERSON}
    if actor.has("lead_officer") and actor_unit_kind == "branch_office":
        found |= {BRANCH_OFFICE, LOCAL_LEAD}
    return frozenset(found)


def is_lead_staff(actor: Actor, incident: IncidentRecord) -> bool:
    """2.2, 2.3: the actor is a lead officer of the incident's lead department."""
    return actor.has("lead_officer") and actor.unit_id is not None and actor.unit_id == incident.lead_unit_id


def _party_name(party: str, incident: IncidentRecord) -> str:
    unit = {INCIDENT_UNIT: incident.unit_name, LOCAL_LEAD: incident.lead_unit_name,
            BUSINESS_DEPT: incident.business_dept_name}.get(party, "")
    return f"{party}（{unit}）" if unit else party


def record_refusal(actor: Actor, actor_unit_kind: str, incident: IncidentRecord, event_type: str,
                   rules: RuleSet) -> str | None:
    """None if the actor may record an event of this type on this incident, else why not, in Chinese.

    Pure: the window asks it for its buttons, `incidents.record_event` refuses with it. Who records an event
    follows the responsible party (the rule set's `responsible`) of the rules it completes at the incident's
    location; an event no rule is completed by (a media inquiry, worsening) may be recorded by any account that
    records events. The events of the approval workflow are that workflow's business
    (desktop.services.approvals)."""
    if actor.user_id is None:
        return None
    if not actor.has(*EVENT_RECORDERS):
        return "您的角色不能记录事件进展"
    if event_type == ESCALATED_TO_MAJOR and not actor.has(*ESCALATORS):
        return "您的角色不能将事件升级为重大事件（4.1）"
    owners = [r for r in rules.rules if r.done_by == event_type and r.location in ("any", incident.location)]
    if not owners:
        return None
    mine = parties_on(actor, actor_unit_kind, incident)
    if any(not mine.isdisjoint(r.parties) for r in owners):
        return None
    et = rules.event_types.get(event_type)
    label = et.label_zh if et is not None else event_type
    parties = "或".join(_party_name(p, incident) for p in dict.fromkeys(p for r in owners for p in r.parties))
    articles = "、".join(dict.fromkeys(r.article for r in owners))
    return f"“{label}”应由{parties}记录（{articles}），您不能代为记录"
