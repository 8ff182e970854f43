"""投诉台账: customer complaints received by any unit, their handling steps (only ever added to) and result.

A complaint becomes an incident in one step, or is linked to one; either records `complaint_linked` on the
incident's timeline, which starts the rule set's clock for reporting the complaint's result back to the lead
department (4.2.2.1(4), 4.2.2.2(4): rule 4.2.2-4b). Recording the result here records
`complaint_result_reported` on that timeline, which closes the clock (late: with the late-report reason)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Incident
from desktop.db.register_tables import Complaint, ComplaintStep
from desktop.domain import Actor, IncidentRecord, IncidentStatus
from desktop.errors import ConflictError, ErrorCode, ValidationError
from desktop.registers import attachments, base
from desktop.services import incidents
from desktop.timeutil import format_cst, now_utc
from desktop.validation import count, ident, mapping

FIELDS = ("unit_id", "received_at", "customer", "contact", "channel", "subject", "description", "amount_cents")
LINKED_EVENT = "complaint_linked"
RESULT_EVENT = "complaint_result_reported"


@dataclass(frozen=True)
class ComplaintStepRow:
    id: int
    kind: str
    at: datetime
    note: str
    by: str
    recorded_at: datetime

    @property
    def kind_label(self) -> str:
        return base.COMPLAINT_STEP_KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    unit_id: int
    unit_name: str
    received_at: datetime
    customer: str
    contact: str
    channel: str
    subject: str
    description: str
    amount_cents: int | None
    state: str
    result: str
    result_at: datetime | None
    incident_id: int | None
    incident_number: str
    recorded_by: str
    recorded_at: datetime
    row_version: int
    steps: tuple[ComplaintStepRow, ...] = ()
    attachments: int = 0

    @property
    def channel_label(self) -> str:
        return base.COMPLAINT_CHANNELS.get(self.channel, self.channel)

    @property
    def state_label(self) -> str:
        return base.COMPLAINT_STATES.get(self.state, self.state)

    @property
    def amount_text(self) -> str:
        """The sum in dispute in yuan, e.g. 12,345.60 元; "" when none was given."""
        if self.amount_cents is None:
            return ""
        return f"{self.amount_cents // 100:,}.{self.amount_cents % 100:02d} 元"


def _rows(session: Session, complaints: list[Complaint], with_steps: bool = True) -> list[ComplaintRow]:
    names = base.unit_names(session)
    numbers = dict(session.execute(select(Incident.id, Incident.number).where(
        Incident.id.in_({c.incident_id for c in complaints if c.incident_id is not None}))).all())
    steps: dict[int, list[ComplaintStepRow]] = {}
    if with_steps and complaints:
        for s in session.execute(select(ComplaintStep).where(
                ComplaintStep.complaint_id.in_([c.id for c in complaints]))
                .order_by(ComplaintStep.at, ComplaintStep.id)).scalars():
            steps.setdefault(s.complaint_id, []).append(
                ComplaintStepRow(s.id, s.kind, s.at, s.note, s.by_name, s.recorded_at))
    files = attachments.counts(session, "complaint", [c.id for c in complaints])
    return [ComplaintRow(
        c.id, c.unit_id, names.get(c.unit_id, ""), c.received_at, c.customer, c.contact, c.channel, c.subject,
        c.description, c.amount_cents, c.state, c.result, c.result_at, c.incident_id,
        numbers.get(c.incident_id, "") if c.incident_id is not None else "", c.recorded_by_name, c.recorded_at,
        c.row_version, tuple(steps.get(c.id, ())), files.get(c.id, 0)) for c in complaints]


def _clean(session: Session, data: Any, now: datetime) -> dict[str, Any]:
    mapping(data, "data", len(FIELDS))
    unknown = {str(k) for k in data} - set(FIELDS)
    if unknown:
        raise ValidationError(min(unknown)[:40], "未知的字段")
    out: dict[str, Any] = {
        "unit_id": base.unit_id_of(session, data.get("unit_id")),
        "received_at": base.moment(data.get("received_at"), "received_at", "受理时间", now),
        "customer": base.field(data.get("customer", ""), "customer", required="客户"),
        "contact": base.field(data.get("contact", ""), "contact"),
        "channel": base.choice(data.get("channel"), base.COMPLAINT_CHANNELS, "channel", "请选择投诉渠道"),
        "subject": base.field(data.get("subject", ""), "subject", required="投诉事项"),
        "description": base.field(data.get("description", ""), "description", multiline=True),
        "amount_cents": base.number(data.get("amount_cents"), "amount_cents", "涉及金额"),
    }
    return out


def _load(session: Session, actor: Actor, complaint_id: Any) -> Complaint:
    complaint: Complaint = base.get_or_404(session, Complaint, complaint_id, "投诉")
    base.require_visible(session, actor, complaint.unit_id, "投诉")
    return complaint


def _step(session: Session, actor: Actor, complaint: Complaint, kind: str, at: datetime, note: str,
          now: datetime) -> ComplaintStep:
    step = ComplaintStep(complaint_id=complaint.id, kind=kind, at=at, note=note, by_id=actor.user_id,
                         by_name=actor.name, recorded_at=now)
    session.add(step)
    session.flush()
    return step


def _check_version(complaint: Complaint, expected_version: int | None) -> None:
    if expected_version is not None and complaint.row_version != count(expected_version, "expected_version"):
        raise ConflictError("该投诉已被其他用户修改，请刷新后再办理", ErrorCode.STALE)


# --- commands --------------------------------------------------------------------------------------------------


def add_complaint(session: Session, actor: Actor, data: dict[str, Any], now: datetime | None = None) -> ComplaintRow:
    now = now or now_utc()
    values = _clean(session, data, now)
    actor = base.require_recorder(session, actor, values["unit_id"], "登记投诉")
    complaint = Complaint(state="open", result="", recorded_by_id=actor.user_id, recorded_by_name=actor.name,
                          recorded_at=now, **values)
    session.add(complaint)
    session.flush()
    _step(session, actor, complaint, "received", values["received_at"],
          f"{base.COMPLAINT_CHANNELS[values['channel']]}受理：{values['subject']}", now)
    base.audit_change(session, actor, "complaint.add", "complaint", complaint.id, after=values, at=now)
    return _rows(session, [complaint])[0]


def add_step(session: Session, actor: Actor, complaint_id: int, note: str, at: datetime,
             now: datetime | None = None) -> ComplaintRow:
    """One handling step (a call back, a visit, an investigation), appended."""
    now = now or now_utc()
    note = base.field(note, "note", required="处理情况", multiline=True)
    at = base.moment(at, "at", "处理时间", now)
    actor = base.fresh(session, actor)
    complaint = _load(session, actor, complaint_id)
    actor = base.require_recorder(session, actor, complaint.unit_id, "记录投诉处理情况")
    if at < complaint.received_at:
        raise ValidationError("at", f"处理时间不能早于受理时间（{format_cst(complaint.received_at)}）")
    step = _step(session, actor, complaint, "step", at, note, now)
    base.audit_change(session, actor, "complaint.step", "complaint_step", step.id,
                      after={"complaint": complaint.id, "at": at, "note": note},
                      incident_id=complaint.incident_id, at=now)
    return _rows(session, [complaint])[0]


def record_result(session: Session, actor: Actor, complaint_id: int, result: str, at: datetime,
                  late_reason: str = "", expected_version: int | None = None,
                  now: datetime | None = None) -> ComplaintRow:
    """The handling's result; a later result is a new step that replaces it as the complaint's result (both
    stay). 4.2.2.x(4): when the complaint is part of an open incident, the result is reported back to the lead
    department on that incident's timeline (refused when late without `late_reason`, nothing stored)."""
    now = now or now_utc()
    result = base.field(result, "result", required="处理结果", multiline=True)
    at = base.moment(at, "at", "办结时间", now)
    actor = base.fresh(session, actor)
    complaint = _load(session, actor, complaint_id)
    _check_version(complaint, expected_version)
    actor = base.require_recorder(session, actor, complaint.unit_id, "登记投诉处理结果")
    if at < complaint.received_at:
        raise ValidationError("at", f"办结时间不能早于受理时间（{format_cst(complaint.received_at)}）")
    before = {"state": complaint.state, "result": complaint.result}
    complaint.state, complaint.result, complaint.result_at = "resolved", result, at
    _step(session, actor, complaint, "result", at, result, now)
    reported = False
    if complaint.incident_id is not None:
        incident = session.get(Incident, complaint.incident_id)
        if incident is not None and incident.status == IncidentStatus.OPEN:
            # Recorded by this register, never typed on the timeline twice: the clock closes with the result.
            incidents.record_event(session, actor, incident.id, RESULT_EVENT, max(at, incident.occurred_at),
                                   note=f"投诉（{complaint.customer}：{complaint.subject}）处理结果：{result}"[:5_000],
                                   late_reason=late_reason, now=now, workflow=True)
            _step(session, actor, complaint, "result_reported", at, f"已报牵头部门（事件 {incident.number}）", now)
            reported = True
    session.flush()
    base.audit_change(session, actor, "complaint.result", "complaint", complaint.id, before=before,
                      after={"state": "resolved", "result": result, "at": at, "reported": reported},
                      incident_id=complaint.incident_id, at=now)
    return _rows(session, [complaint])[0]


def incident_form(session: Session, actor: Actor, complaint_id: int) -> dict[str, Any]:
    """The incident form's fields filled from the complaint."""
    c = _load(session, base.fresh(session, actor), complaint_id)
    row = _rows(session, [c], with_steps=False)[0]
    cause = "；".join(p for p in (f"客户{c.customer}通过{row.channel_label}投诉：{c.subject}", c.description,
                                  f"涉及金额{row.amount_text}" if row.amount_text else "") if p)
    return {"title": f"客户投诉：{c.subject}"[:200], "unit_id": c.unit_id, "occurred_at": c.received_at,
            "learned_at": c.received_at, "severity": "general", "source": "complaint", "customer_dispute": True,
            "el_cause": cause[:20_000]}


def _link(session: Session, actor: Actor, complaint: Complaint, record: IncidentRecord, kind: str,
          now: datetime) -> None:
    complaint.incident_id = record.id
    at = max(now.replace(microsecond=0), record.occurred_at)
    incidents.record_event(session, actor, record.id, LINKED_EVENT, at,
                           note=f"投诉台账第 {complaint.id} 号：{complaint.customer}，{complaint.subject}"[:5_000],
                           now=now, workflow=True)
    _step(session, actor, complaint, kind, at, f"事件 {record.number}", now)
    session.flush()
    base.audit_change(session, actor, f"complaint.{kind}", "complaint", complaint.id, before={"incident": None},
                      after={"incident": record.number}, incident_id=record.id, at=now)


def escalate(session: Session, actor: Actor, complaint_id: int, data: dict[str, Any] | None = None,
             now: datetime | None = None) -> tuple[ComplaintRow, IncidentRecord]:
    """One step: the incident recorded with the complaint's facts (overridden by `data`), linked to it."""
    now = now or now_utc()
    actor = base.fresh(session, actor)
    complaint = _load(session, actor, complaint_id)
    if complaint.incident_id is not None:
        raise ConflictError("该投诉已纳入事件处置", ErrorCode.WRONG_STATE)
    form = {**incident_form(session, actor, complaint_id), **mapping(data or {}, "data")}
    record = incidents.create_incident(session, actor, form, now=now)
    _link(session, actor, complaint, record, "escalated", now)
    return _rows(session, [complaint])[0], incidents.get_incident(session, actor, record.id)


def link(session: Session, actor: Actor, complaint_id: int, incident_id: int,
         now: datetime | None = None) -> ComplaintRow:
    now = now or now_utc()
    actor = base.fresh(session, actor)
    complaint = _load(session, actor, complaint_id)
    if complaint.incident_id is not None:
        raise ConflictError("该投诉已纳入事件处置", ErrorCode.WRONG_STATE)
    actor = base.require_recorder(session, actor, complaint.unit_id, "关联投诉与事件")
    record = incidents.get_incident(session, actor, ident(incident_id, "incident_id"))
    if record.status == IncidentStatus.CLOSED:
        raise ValidationError("incident_id", f"事件 {record.number} 已结束，不能再关联投诉", ErrorCode.WRONG_STATE)
    _link(session, actor, complaint, record, "linked", now)
    return _rows(session, [complaint])[0]


# --- queries ---------------------------------------------------------------------------------------------------


def list_complaints(session: Session, actor: Actor, first: date | None = None, last: date | None = None,
                    state: str | None = None, limit: int = 500, offset: int = 0) -> list[ComplaintRow]:
    actor = base.fresh(session, actor)
    start, end = base.period(first, last)
    query = base.where_visible(select(Complaint), Complaint.unit_id, base.visible_units(session, actor))
    if start is not None:
        query = query.where(Complaint.received_at >= start)
    if end is not None:
        query = query.where(Complaint.received_at < end)
    if state is not None:
        query = query.where(Complaint.state == base.choice(state, base.COMPLAINT_STATES, "state", "状态无效"))
    query = query.order_by(Complaint.received_at.desc(), Complaint.id.desc())
    query = query.limit(count(limit, "limit", 1, 10_000)).offset(count(offset, "offset"))
    return _rows(session, list(session.execute(query).scalars()))


def get_complaint(session: Session, actor: Actor, complaint_id: int) -> ComplaintRow:
    return _rows(session, [_load(session, base.fresh(session, actor), complaint_id)])[0]


def complaints_of_incident(session: Session, actor: Actor, incident_id: int) -> list[ComplaintRow]:
    incidents.load_visible(session, base.fresh(session, actor), incident_id)
    rows = session.execute(select(Complaint).where(Complaint.incident_id == incident_id)
                           .order_by(Complaint.received_at, Complaint.id)).scalars()
    return _rows(session, list(rows))
