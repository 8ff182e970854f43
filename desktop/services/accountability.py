"""6.1: accountability items of an incident (unit, person, measure), recorded by the lead department and
printed in the 评估总结报告. There is no delete: what was decided stays on the record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import validation as check
from desktop.db.models import AccountabilityItem, Incident
from desktop.domain import ACCOUNTABILITY_MEASURES, Actor, IncidentStatus
from desktop.errors import ErrorCode, NotFound, PermissionDenied, ValidationError
from desktop.services import audit, doc_steps, org, permissions
from desktop.timeutil import now_utc

QUARTER_PATTERN = "YYYYQn"


@dataclass(frozen=True)
class ItemView:
    id: int
    unit_name: str
    person: str
    measure: str
    text: str
    quarter: str
    recorded_by_name: str
    recorded_at: datetime

    @property
    def measure_label(self) -> str:
        return ACCOUNTABILITY_MEASURES.get(self.measure, self.measure)


def _incident(session: Session, actor: Actor, incident_id: int) -> Incident:
    check.ident(incident_id, "incident_id")
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound(f"找不到事件（编号 {incident_id}）")
    permissions.require_see(session, actor, incident)
    return incident


def _quarter_ok(text: str) -> bool:
    return len(text) == 6 and text[:4].isdigit() and text[4] == "Q" and text[5] in "1234"


def add_item(session: Session, actor: Actor, incident_id: int, *, unit_name: str, person: str = "",
             measure: str, text: str = "", quarter: str = "", now: datetime | None = None) -> ItemView:
    """Record one measure. 6.1.2 (quarter score zero, honours withdrawn) needs the quarter it applies to."""
    now = now or now_utc()
    unit_name, person = check.text(unit_name, "unit_name"), check.text(person, "person")
    text, quarter = check.text(text, "text"), check.text(quarter, "quarter").upper()
    if not isinstance(measure, str):
        raise ValidationError("measure", "请选择追责措施（6.1.1 或 6.1.2）")
    actor = doc_steps.current_actor(session, actor)
    incident = _incident(session, actor, incident_id)
    if incident.status == IncidentStatus.CLOSED:
        raise ValidationError("status", "事件已结束，不能再登记责任追究", ErrorCode.WRONG_STATE)
    if not _allowed(session, actor, incident):
        raise PermissionDenied("责任追究由牵头部门经办人员或分行领导登记（6.1）")
    if not unit_name:
        raise ValidationError("unit_name", "请填写被追责的机构或部门")
    if measure not in ACCOUNTABILITY_MEASURES:
        raise ValidationError("measure", "请选择追责措施（6.1.1 或 6.1.2）")
    if measure == "score_zero" and not _quarter_ok(quarter):
        raise ValidationError("quarter", f"6.1.2 须填写考核记零分的季度，格式为 {QUARTER_PATTERN}，如 2026Q1")
    if quarter and not _quarter_ok(quarter):
        raise ValidationError("quarter", f"季度格式应为 {QUARTER_PATTERN}，如 2026Q1")
    if len(unit_name) > 120 or len(person) > 60:
        raise ValidationError("unit_name", "机构或姓名过长")
    item = AccountabilityItem(incident_id=incident.id, unit_name=unit_name, person=person, measure=measure,
                              text=text, quarter=quarter, recorded_by_id=actor.user_id,
                              recorded_by_name=actor.name, recorded_at=now)
    session.add(item)
    session.flush()
    audit.record(session, actor, "accountability.add", "accountability_item", item.id,
                 after={"unit": unit_name, "person": person, "measure": measure, "text": text,
                        "quarter": quarter}, incident_id=incident.id, at=now)
    return _view(item)


def _allowed(session: Session, actor: Actor, incident: Incident) -> bool:
    """6.1: the lead department's clerks and the branch's leaders record accountability."""
    info = org.unit_info(session, incident.unit_id)
    return actor.user_id is None or (
        (actor.has("lead_officer") and actor.unit_id in doc_steps.lead_units(session, info))
        or actor.has(*doc_steps.LEADERS)
    )


def may_add(session: Session, actor: Actor, incident_id: int) -> bool:
    """Whether add_item would accept this actor for this (open) incident: the window offers the action only then."""
    actor = doc_steps.current_actor(session, actor)
    incident = _incident(session, actor, incident_id)
    return incident.status != IncidentStatus.CLOSED and _allowed(session, actor, incident)


def _view(item: AccountabilityItem) -> ItemView:
    return ItemView(item.id, item.unit_name, item.person, item.measure, item.text, item.quarter,
                    item.recorded_by_name, item.recorded_at)


def items(session: Session, actor: Actor, incident_id: int) -> list[ItemView]:
    _incident(session, actor, incident_id)
    rows = session.execute(select(AccountabilityItem).where(AccountabilityItem.incident_id == incident_id)
                           .order_by(AccountabilityItem.recorded_at, AccountabilityItem.id)).scalars()
    return [_view(r) for r in rows]
