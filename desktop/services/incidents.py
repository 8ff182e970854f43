"""Incidents and their timelines: the only way in which they are created and changed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from desktop import validation
from desktop.db.models import (
    Appeasement,
    Document,
    DocumentVersion,
    Incident,
    IncidentCounter,
    IncidentEvent,
    LeadershipMember,
    MediaContact,
    OpinionEntry,
    Setting,
    Unit,
    User,
)
from desktop.db.session import take_write_lock
from desktop.domain import (
    ELEMENTS,
    LEADERSHIP_POSITIONS,
    MAJOR_CRITERIA,
    MAJOR_ELEMENTS,
    SEVERITIES,
    SOURCES,
    STATUSES,
    Actor,
    DocumentState,
    EventRecord,
    IncidentRecord,
    IncidentStatus,
)
from desktop.errors import ConflictError, ErrorCode, NotFound, PermissionDenied, RepDeskError, ValidationError
from desktop.rules.engine import evaluate, validate_timeline
from desktop.rules.model import IncidentFacts, InputError, InputProblem, RuleSet, RuleStatus, TimelineEvent
from desktop.services import audit, doc_steps, org, permissions
from desktop.services.rulesets import active_ruleset, ensure, ruleset_for
from desktop.timeutil import CST, cst_days, format_cst, now_utc
from desktop.validation import count, ident, mapping, optional_text, optional_time, text, time

TEXT_FIELDS = ("title", "place", "business_line_name", "spokesperson_name", "reply_script", "positive_publicity",
               "evaluation", "lessons", "accountability", *ELEMENTS, *MAJOR_ELEMENTS)
EDITABLE = (*TEXT_FIELDS, "unit_id", "occurred_at", "learned_at", "severity", "business_line", "business_dept_id",
            "customer_dispute", "source", "major_criteria")
CLOCK_SKEW = timedelta(minutes=5)
SINGLE_LINE = ("title", "place", "business_line_name", "spokesperson_name")  # one line on screen and on paper
# 3.3.3, 4.2.2.x(3), 4.3.4(2): recorded by the decisions of desktop.services.approvals, never typed in.
WORKFLOW_EVENTS = {
    "written_report_to_lead": "签发的书面报告已报送牵头部门",
    "response_plan_approved": "应对方案及应答口径审批通过",
    "major_report_approved": "《重大突发事件报告》经处置领导小组审定",
    "reported_to_head_office": "《重大突发事件报告》已报送总行",
    "head_office_consent": "总行同意报送监管部门",
    "reported_to_regulator": "已报告辖内监管部门",
}


def _facts(incident: Incident, location: str) -> IncidentFacts:
    return IncidentFacts(
        occurred_at=incident.occurred_at,
        location=location,
        initial_severity=incident.initial_severity,
        business_line=incident.business_line,
        customer_dispute=incident.customer_dispute,
    )


def facts_of(record: IncidentRecord) -> IncidentFacts:
    return IncidentFacts(
        occurred_at=record.occurred_at,
        location=record.location,
        initial_severity=record.initial_severity,
        business_line=record.business_line,
        customer_dispute=record.customer_dispute,
    )


def timeline_of(record: IncidentRecord) -> list[TimelineEvent]:
    """What the deadlines are computed from: the events not withdrawn or corrected."""
    return [TimelineEvent(type=e.type, at=e.at) for e in record.events if not e.withdrawn]


def deadlines(record: IncidentRecord, now: datetime, ruleset: RuleSet | None = None) -> list[RuleStatus]:
    """The incident's rules, judged under the rule set it was recorded with."""
    rules = ruleset or ruleset_for(record.rule_set_id, record.rule_set_version)
    return evaluate(facts_of(record), timeline_of(record), rules, now)


def _to_record(session: Session, incident: Incident) -> IncidentRecord:
    ensure(session, incident.rule_set_id, incident.rule_set_version)
    info = org.unit_info(session, incident.unit_id)
    return IncidentRecord(
        id=incident.id,
        number=incident.number,
        title=incident.title,
        unit_id=incident.unit_id,
        unit_name=info.name,
        location=info.location,
        lead_unit_id=info.lead_unit_id,
        lead_unit_name=info.lead_unit_name,
        occurred_at=incident.occurred_at,
        learned_at=incident.learned_at,
        place=incident.place,
        initial_severity=incident.initial_severity,
        severity=incident.severity,
        business_line=incident.business_line,
        business_line_name=incident.business_line_name,
        business_dept_id=incident.business_dept_id,
        business_dept_name=incident.business_dept.name if incident.business_dept else "",
        customer_dispute=incident.customer_dispute,
        source=incident.source,
        elements={k: getattr(incident, k) for k in (*ELEMENTS, *MAJOR_ELEMENTS)},
        spokesperson_name=incident.spokesperson_name,
        reply_script=incident.reply_script,
        positive_publicity=incident.positive_publicity,
        evaluation=incident.evaluation,
        lessons=incident.lessons,
        accountability=incident.accountability,
        status=incident.status,
        closed_at=incident.closed_at,
        rule_set_id=incident.rule_set_id,
        rule_set_version=incident.rule_set_version,
        row_version=incident.row_version,
        created_at=incident.created_at,
        updated_at=incident.updated_at,
        events=_event_records(incident.events),
        major_criteria=criteria_of(incident.major_criteria),
    )


def criteria_of(stored: str) -> tuple[str, ...]:
    """4.1: the stored comma-separated MAJOR_CRITERIA keys, in the rules' order."""
    ticked = set(stored.split(",")) if stored else set()
    return tuple(k for k in MAJOR_CRITERIA if k in ticked)


def _event_records(events: list[IncidentEvent]) -> tuple[EventRecord, ...]:
    """The timeline in time order, withdrawn and corrected events included (the record is evidence)."""
    corrects = {e.superseded_by_id: e.id for e in events if e.superseded_by_id is not None}
    return tuple(
        EventRecord(
            id=e.id, type=e.type, at=e.at, recorded_at=e.recorded_at, recorded_by=e.recorded_by_name,
            note=e.note, late_reason=e.late_reason, data=json.loads(e.data or "{}"),
            recorded_by_id=e.recorded_by_id, withdrawn_at=e.withdrawn_at, withdrawn_by=e.withdrawn_by_name or "",
            withdraw_reason=e.withdraw_reason or "", superseded_by_id=e.superseded_by_id,
            corrects_id=corrects.get(e.id),
        )
        for e in sorted(events, key=lambda e: (e.at, e.id))
    )


def _snapshot(incident: Incident) -> dict[str, Any]:
    return {k: getattr(incident, k) for k in EDITABLE}


# --- validation ---------------------------------------------------------------------------------------------


def _clean(session: Session, data: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Check every field the caller gave; raise ValidationError naming the first bad one."""
    out: dict[str, Any] = {}
    mapping(data, "data", len(EDITABLE))
    unknown = {str(k) for k in data} - set(EDITABLE)
    if unknown:
        raise ValidationError(min(unknown)[:40], "未知的字段")
    for key in TEXT_FIELDS:
        if key in data:
            out[key] = text(data[key], key, multiline=key not in SINGLE_LINE)
    if "title" in out and not out["title"]:
        raise ValidationError("title", "请填写事件标题")
    if "title" in out and len(out["title"]) > 200:
        raise ValidationError("title", "事件标题不能超过200字")
    for key in ("occurred_at", "learned_at"):
        if key in data:
            value = time(data[key], key)
            if value > now + CLOCK_SKEW:
                raise ValidationError(key, f"时间 {format_cst(value)} 晚于当前时间")
            out[key] = value.replace(microsecond=0)
    if "severity" in data:
        if not isinstance(data["severity"], str) or data["severity"] not in SEVERITIES:
            raise ValidationError("severity", "事件级别只能是“一般”或“重大”")
        out["severity"] = data["severity"]
    if "source" in data:
        if not isinstance(data["source"], str) or data["source"] not in SOURCES:
            raise ValidationError("source", "请选择事件来源")
        out["source"] = data["source"]
    for key in ("business_line", "customer_dispute"):
        if key in data:
            if not isinstance(data[key], bool):
                raise ValidationError(key, "应为“是”或“否”")
            out[key] = data[key]
    if "major_criteria" in data:
        given = data["major_criteria"]
        keys = [k for k in given.split(",") if k] if isinstance(given, str) else given
        if not isinstance(keys, (list, tuple)) or any(not isinstance(k, str) or k not in MAJOR_CRITERIA
                                                      for k in keys):
            raise ValidationError("major_criteria", "重大事件的认定情形只能是4.1所列情形")
        out["major_criteria"] = ",".join(k for k in MAJOR_CRITERIA if k in keys)
    if "unit_id" in data:
        try:
            info = org.unit_info(session, ident(_whole(data["unit_id"]), "unit_id"))
        except (NotFound, ValidationError):
            raise ValidationError("unit_id", "请选择事发单位") from None
        out["unit_id"] = info.id
    if "business_dept_id" in data:
        if data["business_dept_id"] in (None, ""):
            out["business_dept_id"] = None
        else:
            try:
                dept_id = ident(_whole(data["business_dept_id"]), "business_dept_id")
                out["business_dept_id"] = org.unit_info(session, dept_id).id
            except (NotFound, ValidationError):
                raise ValidationError("business_dept_id", "主办业务部门不存在") from None
    return out


def _whole(value: Any) -> Any:
    """A form's id as a number: digits in a text are read (ASCII only, a few at most), anything else is left
    for `ident` to refuse."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and len(value.strip()) <= 19:
        return int(value.strip())
    return value


def _check_times(incident: Incident) -> None:
    if incident.learned_at < incident.occurred_at:
        raise ValidationError("learned_at", "获悉时间不能早于事发时间")
    earliest = min((e.at for e in incident.events if e.withdrawn_at is None), default=None)
    if earliest is not None and earliest < incident.occurred_at:
        raise ValidationError("occurred_at", "事发时间不能晚于时间线上最早的事件")


NUMBER_TAG_KEY = "incidents.number_tag"  # set on a site installation only (desktop.exchange)


def _next_number(session: Session, when: datetime) -> str:
    """SY<year>-<serial>: the year's counter taken under a row lock inside the creating transaction, so numbers
    are dense and never collide; at least four digits, more past 9999."""
    year = when.astimezone(CST).year
    take_write_lock(session)  # the one lock order: the write lock before any row lock
    counter = session.execute(
        select(IncidentCounter).where(IncidentCounter.kind == "incident", IncidentCounter.year == year)
        .with_for_update()
    ).scalar_one_or_none()
    if counter is None:
        # Every writer holds the write lock (desktop.db.session.take_write_lock), so no one else inserts it now.
        counter = IncidentCounter(kind="incident", year=year, next_value=1)
        session.add(counter)
    seq = counter.next_value
    counter.next_value = seq + 1
    # A site installation (desktop.exchange) numbers with its unit's tag, SY<year>-<tag>-<serial>: its incidents
    # keep their numbers at the branch office, where the plain SY<year>-<serial> sequence is the branch's own.
    tag = session.execute(select(Setting.value).where(Setting.key == NUMBER_TAG_KEY)).scalar_one_or_none()
    return f"SY{year}-{tag}-{seq:04d}" if tag else f"SY{year}-{seq:04d}"


# --- commands -----------------------------------------------------------------------------------------------


def create_incident(
    session: Session, actor: Actor, data: dict[str, Any], now: datetime | None = None
) -> IncidentRecord:
    actor = doc_steps.current_actor(session, actor)  # the roles and unit the database holds now
    now = now or now_utc()
    permissions.require_role(actor, permissions.INCIDENT_WRITERS, "登记事件")
    values = _clean(session, data, now)
    for key, label in (("title", "事件标题"), ("unit_id", "事发单位"), ("occurred_at", "事发时间"),
                       ("severity", "事件级别"), ("source", "事件来源")):
        if key not in values:
            raise ValidationError(key, f"请填写{label}")
    permissions.require_unit_in_scope(session, actor, values["unit_id"], "登记事件")
    values.setdefault("learned_at", values["occurred_at"])
    rules = active_ruleset(session)
    incident = Incident(
        number=_next_number(session, values["occurred_at"]),
        initial_severity=values["severity"],
        status=IncidentStatus.OPEN,
        rule_set_id=rules.id,
        rule_set_version=rules.version,
        created_by_id=actor.user_id,
        created_at=now,
        updated_at=now,
        **{k: v for k, v in values.items()},
    )
    incident.events = []
    _check_times(incident)
    session.add(incident)
    session.flush()
    audit.record(session, actor, "incident.create", "incident", incident.id, after=_snapshot(incident),
                 incident_id=incident.id, at=now)
    return _to_record(session, incident)


def load_visible(session: Session, actor: Actor, incident_id: int) -> Incident:
    """The incident with its events, if it exists and the actor may see it; else a clear refusal."""
    ident(incident_id, "incident_id")
    incident = session.get(Incident, incident_id, options=[selectinload(Incident.events)])
    if incident is None:
        raise NotFound(f"找不到事件（编号 {incident_id}）")
    permissions.require_see(session, actor, incident)
    return incident


def update_incident(
    session: Session,
    actor: Actor,
    incident_id: int,
    expected_version: int,
    changes: dict[str, Any],
    now: datetime | None = None,
) -> IncidentRecord:
    """Edit facts and report elements; `expected_version` is the row version the user's form was loaded from."""
    actor = doc_steps.current_actor(session, actor)  # the roles and unit the database holds now
    now = now or now_utc()
    permissions.require_role(actor, permissions.INCIDENT_WRITERS, "修改事件")
    count(expected_version, "expected_version", 0)
    incident = load_visible(session, actor, incident_id)
    if incident.row_version != expected_version:
        raise ConflictError(
            f"事件 {incident.number} 已被其他用户修改，请重新打开后再编辑；您填写的内容已保存为草稿", ErrorCode.STALE
        )
    if incident.status == IncidentStatus.CLOSED:
        raise ValidationError("status", "事件已结束，不能再修改", ErrorCode.WRONG_STATE)
    values = _clean(session, changes, now)
    severity = values.pop("severity", None)
    if severity == "general" and incident.severity == "major":
        raise ValidationError("severity", "事件级别只能升级，不能从“重大”降为“一般”")
    if "unit_id" in values:
        permissions.require_unit_in_scope(session, actor, values["unit_id"], "登记事件")
    before = _snapshot(incident)
    for key, value in values.items():
        setattr(incident, key, value)
    _check_times(incident)
    if severity == "major" and incident.severity == "general":
        _escalate(session, actor, incident, now, "", now)
    incident.updated_at = now
    changed = {k: v for k, v in _snapshot(incident).items() if before.get(k) != v}
    if changed:
        audit.record(session, actor, "incident.update", "incident", incident.id,
                     before={k: before[k] for k in changed}, after=changed, incident_id=incident.id, at=now)
    try:
        session.flush()
    except StaleDataError:
        raise ConflictError(f"事件 {incident.number} 已被其他用户修改，请重新打开后再编辑", ErrorCode.STALE) from None
    return _to_record(session, incident)


def _escalate(session: Session, actor: Actor, incident: Incident, at: datetime, note: str,
              now: datetime) -> IncidentEvent:
    permissions.require_role(actor, permissions.ESCALATORS, "将事件升级为重大事件")
    return _add_event(session, actor, incident, "escalated_to_major", at, note, "", {}, now=max(at, now))


@dataclass(frozen=True)
class LateRule:
    rule_id: str
    article: str
    due_at: datetime


def late_rules_for(record: IncidentRecord, event_type: str, at: datetime, now: datetime) -> list[LateRule]:
    """The deadline rules that an event of this type at this time would complete after their limit."""
    hypothetical = [*timeline_of(record), TimelineEvent(type=event_type, at=at)]
    rules = ruleset_for(record.rule_set_id, record.rule_set_version)
    before = {s.rule.id: s for s in evaluate(facts_of(record), timeline_of(record), rules, max(now, at))}
    late = []
    for status in evaluate(facts_of(record), hypothetical, rules, max(now, at)):
        prior = before.get(status.rule.id)
        if status.status == "late" and status.rule.done_by == event_type and (prior is None or prior.done_at is None):
            assert status.due_at is not None
            late.append(LateRule(status.rule.id, status.rule.article, status.due_at))
    return late


def _add_event(
    session: Session,
    actor: Actor,
    incident: Incident,
    event_type: str,
    at: datetime,
    note: str,
    late_reason: str,
    data: dict[str, str],
    now: datetime,
) -> IncidentEvent:
    info = org.unit_info(session, incident.unit_id)
    ensure(session, incident.rule_set_id, incident.rule_set_version)
    rules = ruleset_for(incident.rule_set_id, incident.rule_set_version)
    if event_type not in rules.event_types:
        raise ValidationError("type", f"未知的事件类型：{event_type}")
    existing = [TimelineEvent(type=e.type, at=e.at) for e in sorted(incident.events, key=lambda e: (e.at, e.id))
                if e.withdrawn_at is None]
    try:
        validate_timeline(_facts(incident, info.location), [*existing, TimelineEvent(type=event_type, at=at)], now,
                          rules)
    except InputError as exc:
        raise ValidationError("at" if ".at" in exc.field else "type", _explain(exc, event_type, rules)) from None
    record = _to_record(session, incident)
    late = late_rules_for(record, event_type, at, now)
    if late and not late_reason.strip():
        items = "、".join(f"第{r.article}条（时限 {format_cst(r.due_at)}）" for r in late)
        raise ValidationError("late_reason", f"该事项已超过{items}，请填写迟报说明", ErrorCode.LATE_REASON_REQUIRED)
    event = IncidentEvent(
        type=event_type, at=at, recorded_at=now, recorded_by_id=actor.user_id, recorded_by_name=actor.name,
        note=note.strip(), late_reason=late_reason.strip(), data=json.dumps(data, ensure_ascii=False),
    )
    incident.events.append(event)
    if event_type == "escalated_to_major":
        incident.severity = "major"
    incident.updated_at = now
    session.flush()
    audit.record(session, actor, "event.record", "incident_event", event.id,
                 after={"type": event_type, "at": at, "note": event.note, "late_reason": event.late_reason,
                        "data": data}, incident_id=incident.id, at=now)
    return event


def _explain(exc: InputError, event_type: str, rules: RuleSet) -> str:
    label = rules.event_types[event_type].label_zh if event_type in rules.event_types else event_type
    if exc.code == InputProblem.BEFORE_OCCURRED:
        return f"“{label}”的时间不能早于事发时间"
    if exc.code == InputProblem.AFTER_NOW:
        return f"“{label}”的时间不能晚于当前时间"
    if exc.code in (InputProblem.MISSING_PRIOR, InputProblem.BEFORE_PRIOR):
        if exc.prior == "head_office_consent":
            return "未经总行同意，不能向监管部门报告（3.1.4、3.2.3：不得越级）"
        if exc.prior == "major_report_approved":
            return "《重大突发事件报告》经处置领导小组审定后，才能报送总行（4.3.4(2)）"
    if exc.code == InputProblem.ALREADY_MAJOR:
        return "该事件登记时即为重大事件，无需升级"
    return f"“{label}”：{exc.message}"


def record_event(
    session: Session,
    actor: Actor,
    incident_id: int,
    event_type: str,
    at: datetime,
    note: str = "",
    late_reason: str = "",
    data: dict[str, str] | None = None,
    now: datetime | None = None,
    *,
    workflow: bool = False,
) -> IncidentRecord:
    """Record one timeline event; refused when it breaks the rules' order, or when late without a reason.

    The events that say a document was signed, approved or sent come only from the approval workflow
    (`workflow=True`, desktop.services.approvals), so what the timeline says was signed really was."""
    now = now or now_utc()
    if not isinstance(event_type, str) or len(event_type) > 40:
        raise ValidationError("type", "未知的事件类型")
    if event_type in WORKFLOW_EVENTS and not workflow:
        raise ValidationError(
            "type", f"“{WORKFLOW_EVENTS[event_type]}”须通过文件审批流程办理（起草、提交、审批/签发、报送）"
        )
    note = text(note, "note", multiline=True)
    late_reason = text(late_reason, "late_reason", multiline=True)
    data = _details(data or {})
    at = time(at, "at")
    actor = doc_steps.current_actor(session, actor)  # the roles and unit the database holds now
    permissions.require_role(actor, permissions.EVENT_RECORDERS, "记录事件进展")
    incident = load_visible(session, actor, incident_id)
    if incident.status == IncidentStatus.CLOSED:
        raise ValidationError("status", "事件已结束，不能再记录进展", ErrorCode.WRONG_STATE)
    at = at.replace(microsecond=0)
    if event_type == "escalated_to_major":
        permissions.require_role(actor, permissions.ESCALATORS, "将事件升级为重大事件")
    if not workflow:  # the workflow's decisions have their own steps (desktop.services.doc_steps)
        _require_party(session, actor, incident, event_type)
    _check_details(event_type, data)
    event = _add_event(session, actor, incident, event_type, at, note, late_reason, data, now)
    _add_details(session, actor, incident, event, data)
    session.flush()
    return _to_record(session, incident)


def _require_party(session: Session, actor: Actor, incident: Incident, event_type: str) -> None:
    """Refuse an event whose rules name a responsible party the actor does not stand for on this incident."""
    kind = org.unit_info(session, actor.unit_id).kind if actor.unit_id is not None else ""
    ensure(session, incident.rule_set_id, incident.rule_set_version)
    rules = ruleset_for(incident.rule_set_id, incident.rule_set_version)
    reason = permissions.record_refusal(actor, kind, _to_record(session, incident), event_type, rules)
    if reason:
        raise PermissionDenied(reason)


DETAIL_FIELDS = ("journalist", "outlet", "contact", "question", "customer", "handled_by", "agreed", "result")
_MULTILINE_DETAILS = ("question", "agreed", "result")


def _details(data: Any) -> dict[str, str]:
    """A timeline event's details (media contact, appeasement): known keys, each checked like a form field."""
    mapping(data, "data", len(DETAIL_FIELDS))
    out: dict[str, str] = {}
    for key, value in data.items():
        if key not in DETAIL_FIELDS:
            raise ValidationError(str(key)[:40], "未知的字段")
        out[key] = text(value, key, multiline=key in _MULTILINE_DETAILS)
    return out


def _check_details(event_type: str, data: dict[str, str]) -> None:
    """4.2.2(1): who asked and how to reach them; 4.2.2.x(4): whom and what was agreed."""
    if event_type == "media_inquiry":
        for key, label in (("journalist", "记者姓名"), ("outlet", "媒体名称"), ("contact", "联系方式")):
            if not data.get(key):
                raise ValidationError(key, f"请填写{label}")
    if event_type == "customer_appeased":
        for key, label in (("customer", "客户"), ("agreed", "安抚内容/达成的意见")):
            if not data.get(key):
                raise ValidationError(key, f"请填写{label}")


def _add_details(session: Session, actor: Actor, incident: Incident, event: IncidentEvent,
                 data: dict[str, str]) -> None:
    """The media contact and appeasement lists, kept beside the event that brought them."""
    if event.type == "media_inquiry":
        session.add(MediaContact(incident_id=incident.id, event_id=event.id, journalist=data["journalist"],
                                 outlet=data["outlet"], phone=data["contact"], question=data.get("question", ""),
                                 asked_at=event.at))
    if event.type == "customer_appeased":
        session.add(Appeasement(incident_id=incident.id, event_id=event.id, customer=data["customer"],
                                handled_by=data.get("handled_by", actor.name), agreed=data["agreed"],
                                result=data.get("result", ""), at=event.at))


def escalate(session: Session, actor: Actor, incident_id: int, at: datetime, note: str = "",
             now: datetime | None = None) -> IncidentRecord:
    """4.1: general to major, never back."""
    return record_event(session, actor, incident_id, "escalated_to_major", at, note=note, now=now)


# --- mistakes: withdrawn or corrected, never erased -----------------------------------------------------------


def change_refusal(actor: Actor, record: IncidentRecord, event: EventRecord,
                   correcting: bool = False) -> RepDeskError | None:
    """None if the actor may withdraw (or, `correcting`, correct) this event, else the refusal to raise.

    Pure: the window asks it which events offer 撤回/更正; `withdraw_event` and `correct_event` raise what it
    returns. The event's recorder or a lead officer of the incident's lead department (2.2, 2.3) may, with a
    reason; never an event only the approval workflow records (3.3.3, 4.2.2.x(3), 4.3.4(2), 3.2.3), nor one
    already withdrawn or corrected, nor on a closed incident. 4.1: a major incident never goes back to
    general, so an escalation can be corrected (its time) but not withdrawn."""
    if record.status == IncidentStatus.CLOSED:
        return ValidationError("status", "事件已结束，不能再撤回或更正时间线事项", ErrorCode.WRONG_STATE)
    if event.type in WORKFLOW_EVENTS:
        return ValidationError("type", f"“{WORKFLOW_EVENTS[event.type]}”由文件审批流程记录，不能撤回或更正")
    if event.withdrawn_at is not None:
        done = "更正" if event.corrected else "撤回"
        return ConflictError(
            f"该事项已于 {format_cst(event.withdrawn_at)} 由{event.withdrawn_by}{done}，不能再次{done}",
            ErrorCode.WRONG_STATE
        )
    if event.type == "escalated_to_major" and not correcting:
        return ValidationError("type", "重大事件不能降为一般事件：认定为重大事件的记录不能撤回，只能更正其时间（4.1）")
    if actor.user_id is None:
        return None
    if actor.has(*permissions.EVENT_RECORDERS) and (
        actor.user_id == event.recorded_by_id or permissions.is_lead_staff(actor, record)
    ):
        return None
    return PermissionDenied(
        f"只有记录人（{event.recorded_by}）或本事件的牵头部门（{record.lead_unit_name or '分行办公室'}）"
        "可以撤回或更正该事项"
    )


def _event_facts(event: IncidentEvent) -> dict[str, Any]:
    return {"type": event.type, "at": event.at, "note": event.note, "late_reason": event.late_reason,
            "data": json.loads(event.data or "{}")}


def _changeable(session: Session, actor: Actor, event_id: int, expected_version: int | None,
                correcting: bool) -> tuple[IncidentEvent, Incident]:
    ident(event_id, "event_id")
    if expected_version is not None:
        count(expected_version, "expected_version", 0)
    event = session.get(IncidentEvent, event_id)
    if event is None:
        raise NotFound(f"找不到时间线事项（编号 {event_id}）")
    incident = load_visible(session, actor, event.incident_id)
    if expected_version is not None and incident.row_version != expected_version:
        raise ConflictError(f"事件 {incident.number} 已被其他用户修改，请刷新后再操作", ErrorCode.STALE)
    record = _to_record(session, incident)
    refusal = change_refusal(actor, record, next(e for e in record.events if e.id == event.id), correcting)
    if refusal is not None:
        raise refusal
    return event, incident


def _reason(reason: str, what: str) -> str:
    return text(reason, "reason", multiline=True, required=f"{what}理由")


def _take_back(event: IncidentEvent, actor: Actor, reason: str, now: datetime) -> None:
    """Mark the event withdrawn; its own facts stay as they were recorded."""
    event.withdrawn_at, event.withdrawn_by_id, event.withdrawn_by_name = now, actor.user_id, actor.name
    event.withdraw_reason = reason


def withdraw_event(session: Session, actor: Actor, event_id: int, reason: str, now: datetime | None = None, *,
                   expected_version: int | None = None) -> IncidentRecord:
    """Withdraw a wrong timeline event: it stays on the timeline and in the record, marked withdrawn with who,
    when and why; the deadlines no longer count it. `expected_version`: the incident's row version the user
    saw."""
    now = now or now_utc()
    reason = _reason(reason, "撤回")
    actor = doc_steps.current_actor(session, actor)
    event, incident = _changeable(session, actor, event_id, expected_version, correcting=False)
    try:
        _take_back(event, actor, reason, now)
        incident.updated_at = now
        audit.record(session, actor, "event.withdraw", "incident_event", event.id,
                     after={**_event_facts(event), "reason": reason}, incident_id=incident.id, at=now)
        session.flush()
    except StaleDataError:
        raise ConflictError(f"事件 {incident.number} 已被其他用户修改，请刷新后再操作", ErrorCode.STALE) from None
    return _to_record(session, incident)


def correct_event(
    session: Session,
    actor: Actor,
    event_id: int,
    *,
    at: datetime | None = None,
    note: str | None = None,
    details: dict[str, str] | None = None,
    late_reason: str | None = None,
    reason: str,
    now: datetime | None = None,
    expected_version: int | None = None,
) -> IncidentRecord:
    """Correct a wrong timeline event: the original is marked corrected (never edited) and a new event of the
    same type with the corrected time, note and details takes its place, linked to it; what is not given is
    taken from the original. The new event is checked like a new recording (order, late reason)."""
    now = now or now_utc()
    reason = _reason(reason, "更正")
    at = optional_time(at, "at")
    note = optional_text(note, "note", multiline=True)
    late_reason = optional_text(late_reason, "late_reason", multiline=True)
    details = None if details is None else _details(details)
    actor = doc_steps.current_actor(session, actor)
    event, incident = _changeable(session, actor, event_id, expected_version, correcting=True)
    new_at = event.at if at is None else at.replace(microsecond=0)
    new_note = event.note if note is None else note
    old_data = json.loads(event.data or "{}")
    new_data = old_data if details is None else details
    new_late = event.late_reason if late_reason is None else late_reason
    if (new_at, new_note, new_data, new_late) == (event.at, event.note, old_data, event.late_reason):
        raise ValidationError("at", "更正后的内容与原记录相同，无需更正")
    _check_details(event.type, new_data)
    before = _event_facts(event)
    try:
        # Taken back first, so that the corrected event is checked against the rest of the timeline.
        _take_back(event, actor, reason, now)
        new = _add_event(session, actor, incident, event.type, new_at, new_note, new_late, new_data, now)
        event.superseded_by_id = new.id
        _add_details(session, actor, incident, new, new_data)
        audit.record(session, actor, "event.correct", "incident_event", event.id, before=before,
                     after={"type": new.type, "at": new.at, "note": new.note, "late_reason": new.late_reason,
                            "data": new_data, "reason": reason, "corrected_by": new.id},
                     incident_id=incident.id, at=now)
        session.flush()
    except StaleDataError:
        raise ConflictError(f"事件 {incident.number} 已被其他用户修改，请刷新后再操作", ErrorCode.STALE) from None
    return _to_record(session, incident)


def evaluation_done(session: Session, incident_id: int) -> bool:
    """5.2, 5.3: a version of the incident's 评估总结报告 has taken all its steps (the lead department's
    review is its only step, so approved is done)."""
    return session.execute(
        select(DocumentVersion.id).join(Document, DocumentVersion.document_id == Document.id)
        .where(Document.incident_id == incident_id, Document.kind == "evaluation",
               DocumentVersion.state.in_((DocumentState.APPROVED, DocumentState.SIGNED, DocumentState.SENT)))
        .limit(1)
    ).first() is not None


def close_incident(session: Session, actor: Actor, incident_id: int, now: datetime | None = None,
                   no_evaluation_reason: str = "") -> IncidentRecord:
    """5.2, 5.3: an incident closes once its 评估总结报告 is done; otherwise only with the lead department's
    recorded reason why none is due (kept in the hash-chained record with the close)."""
    actor = doc_steps.current_actor(session, actor)  # the roles and unit the database holds now
    now = now or now_utc()
    permissions.require_role(actor, ("lead_officer", "leader", "president", "admin"), "结束事件")
    incident = load_visible(session, actor, incident_id)
    if incident.status == IncidentStatus.CLOSED:
        raise ValidationError("status", "事件已经结束", ErrorCode.WRONG_STATE)
    reason = text(no_evaluation_reason, "reason", multiline=True)
    evaluated = evaluation_done(session, incident.id)
    if not evaluated:
        if not reason:
            raise ValidationError("evaluation", "评估总结报告尚未审核签发，不能结束事件（5.2、5.3）；"
                                                "如无须评估，请由牵头部门填写不须评估的理由", ErrorCode.WRONG_STATE)
        info = org.unit_info(session, incident.unit_id)
        if actor.user_id is not None and not (
                actor.has("lead_officer") and actor.unit_id in doc_steps.lead_units(session, info)):
            raise PermissionDenied("不须评估总结的理由须由牵头部门的经办人员填写（5.2、5.3）")
    incident.status, incident.closed_at, incident.updated_at = IncidentStatus.CLOSED, now, now
    after: dict[str, Any] = {"status": IncidentStatus.CLOSED}
    if not evaluated:
        after["no_evaluation_reason"] = reason
    audit.record(session, actor, "incident.close", "incident", incident.id, before=IncidentStatus.OPEN,
                 after=after if not evaluated else IncidentStatus.CLOSED, at=now,
                 incident_id=incident.id)
    session.flush()
    return _to_record(session, incident)


def add_opinion(session: Session, actor: Actor, incident_id: int, *, source: str, link_or_title: str,
                seen_at: datetime, reach: str = "", tone: str = "") -> None:
    """4.2.2.x(5), 4.3.4(5): public-opinion monitoring entries."""
    source = text(source, "source", required="舆情来源")
    link_or_title = text(link_or_title, "link_or_title", required="链接或标题")
    reach, tone = text(reach, "reach"), text(tone, "tone")
    if time(seen_at, "seen_at") > now_utc() + CLOCK_SKEW:
        raise ValidationError("seen_at", "监测时间无效：晚于当前时间")
    actor = doc_steps.current_actor(session, actor)  # the roles and unit the database holds now
    incident = load_visible(session, actor, incident_id)
    entry = OpinionEntry(incident_id=incident.id, source=source, link_or_title=link_or_title,
                         seen_at=seen_at, reach=reach, tone=tone, recorded_by_name=actor.name)
    session.add(entry)
    session.flush()
    audit.record(session, actor, "opinion.add", "opinion_entry", entry.id,
                 after={"source": source, "link_or_title": link_or_title, "reach": reach, "tone": tone},
                 incident_id=incident.id)


def set_leadership_group(session: Session, actor: Actor, incident_id: int,
                         members: list[tuple[str, str, str]]) -> None:
    """4.3.1-4.3.3: (position, name, title) rows; replaces the group."""
    actor = doc_steps.current_actor(session, actor)  # the roles and unit the database holds now
    permissions.require_role(actor, permissions.ESCALATORS, "设置处置领导小组")
    incident = load_visible(session, actor, incident_id)
    if not isinstance(members, (list, tuple)) or len(members) > 100:
        raise ValidationError("members", "领导小组成员格式无效")
    for i, member in enumerate(members):
        if not isinstance(member, (list, tuple)) or len(member) != 3:
            raise ValidationError(f"members[{i}]", "格式无效")
        position, name, title = member
        if not isinstance(position, str) or position not in LEADERSHIP_POSITIONS:
            raise ValidationError(f"members[{i}].position", "职务只能是组长、副组长或成员")
        text(name, "name", required="姓名")
        text(title, "member_title")
    old = session.execute(select(LeadershipMember).where(LeadershipMember.incident_id == incident.id)).scalars().all()
    before = [(m.position, m.name, m.title) for m in old]
    for m in old:
        session.delete(m)
    for i, (position, name, title) in enumerate(members):
        session.add(LeadershipMember(incident_id=incident.id, position=position, name=name.strip(),
                                     title=title.strip(), sort_order=i))
    audit.record(session, actor, "leadership.set", "incident", incident.id, before=before,
                 after=[list(m) for m in members], incident_id=incident.id)


def save_spokesperson(session: Session, actor: Actor, incident_id: int, expected_version: int, name: str,
                      reply_script: str, late_reason: str = "", now: datetime | None = None) -> IncidentRecord:
    """4.3.4(3): the leadership group designates the spokesperson and settles the reply script.

    Saving a name the timeline does not yet say was designated records `spokesperson_designated` (the 4-hour
    rule), by the rules' party check and with `late_reason` when late; saving it unchanged records nothing
    again, a different name records a new designation (the earlier one stays on the timeline)."""
    now = now or now_utc()
    text(name, "spokesperson_name")
    text(reply_script, "reply_script", multiline=True)
    late_reason = text(late_reason, "late_reason", multiline=True)
    incident = load_visible(session, actor, incident_id)
    before = incident.spokesperson_name
    designated = any(e.type == "spokesperson_designated" and e.withdrawn_at is None for e in incident.events)
    record = update_incident(session, actor, incident_id, expected_version,
                             {"spokesperson_name": name, "reply_script": reply_script}, now=now)
    chosen = record.spokesperson_name
    if chosen and (chosen != before or not designated):
        record = record_event(session, actor, incident_id, "spokesperson_designated", now,
                              note=f"指定新闻发言人：{chosen}", late_reason=late_reason, now=now)
    return record


# --- queries ------------------------------------------------------------------------------------------------


def get_incident(session: Session, actor: Actor, incident_id: int) -> IncidentRecord:
    return _to_record(session, load_visible(session, actor, incident_id))


def find_by_number(session: Session, actor: Actor, number: str) -> IncidentRecord:
    number = text(number, "number")
    incident = session.execute(select(Incident).where(Incident.number == number)).scalar_one_or_none()
    if incident is None:
        raise NotFound(f"找不到事件 {number}")
    permissions.require_see(session, actor, incident)
    return _to_record(session, incident)


@dataclass(frozen=True)
class IncidentFilter:
    """What the incident list narrows to; every part is optional. The dates are China Standard Time calendar
    days, both included; the unit takes the units under it along; the text is searched as `search_incidents`
    searches it (every word must match somewhere)."""

    status: IncidentStatus | None = None
    severity: str | None = None
    unit_id: int | None = None
    occurred_from: date | None = None
    occurred_to: date | None = None
    text: str = ""



def _visible(session: Session, actor: Actor, query: Select[Any]) -> Select[Any]:
    units = permissions.scope(session, actor)
    if units is not None:
        query = query.where(Incident.unit_id.in_(units) | Incident.business_dept_id.in_(units))
    return query


def _words(text: str) -> list[str]:
    return text.split()[:8]


def _mentions(word: str) -> ColumnElement[bool]:
    """The incident's number, title, unit or a person on it contains the word (LIKE; % and _ taken literally)."""

    def like(column: Any) -> ColumnElement[bool]:
        return column.icontains(word, autoescape=True)

    units = select(Unit.id).where(like(Unit.name) | like(Unit.short_name))
    return or_(
        like(Incident.number), like(Incident.title), like(Incident.spokesperson_name),
        Incident.unit_id.in_(units), Incident.business_dept_id.in_(units),
        Incident.created_by_id.in_(select(User.id).where(like(User.display_name))),
        select(MediaContact.id).where(MediaContact.incident_id == Incident.id,
                                      like(MediaContact.journalist) | like(MediaContact.outlet)).exists(),
        select(LeadershipMember.id).where(LeadershipMember.incident_id == Incident.id,
                                          like(LeadershipMember.name)).exists(),
        select(Appeasement.id).where(Appeasement.incident_id == Incident.id,
                                     like(Appeasement.customer) | like(Appeasement.handled_by)).exists(),
        select(IncidentEvent.id).where(IncidentEvent.incident_id == Incident.id,
                                       like(IncidentEvent.recorded_by_name)).exists(),
    )


def _filtered(session: Session, query: Select[Any], f: IncidentFilter) -> Select[Any]:
    if f.status:
        query = query.where(Incident.status == f.status)
    if f.severity:
        query = query.where(Incident.severity == f.severity)
    if f.unit_id is not None:
        query = query.where(Incident.unit_id.in_(org.descendants(session, f.unit_id)))
    start, end = cst_days(f.occurred_from, f.occurred_to)
    if start is not None:
        query = query.where(Incident.occurred_at >= start)
    if end is not None:
        query = query.where(Incident.occurred_at < end)
    for word in _words(f.text):
        query = query.where(_mentions(word))
    return query


def list_incidents(session: Session, actor: Actor, status: IncidentStatus | None = None,
                   filters: IncidentFilter | None = None) -> list[IncidentRecord]:
    """The incidents the actor may see, newest first, narrowed by `status` and `filters` in the query."""
    query = select(Incident).options(selectinload(Incident.events), selectinload(Incident.business_dept))
    if status:
        query = query.where(Incident.status == status)
    query = _visible(session, actor, _filtered(session, query, filters or IncidentFilter()))
    rows = session.execute(query.order_by(Incident.occurred_at.desc(), Incident.id.desc())).scalars().all()
    by_unit = {u.id: u for u in org.list_units(session, include_inactive=True)}
    for rule_set in {(i.rule_set_id, i.rule_set_version) for i in rows}:
        ensure(session, *rule_set)
    return [_fast_record(i, by_unit) for i in rows]


_RECORD_FIELDS = ("id", "number", "title", "unit_id", "occurred_at", "learned_at", "place", "initial_severity",
                  "severity", "business_line", "business_line_name", "business_dept_id", "customer_dispute", "source",
                  "spokesperson_name", "reply_script", "positive_publicity", "evaluation", "lessons",
                  "accountability", "status", "closed_at", "rule_set_id", "rule_set_version", "row_version",
                  "created_at", "updated_at")
_ELEMENT_KEYS = (*ELEMENTS, *MAJOR_ELEMENTS)
_EVENT_COLUMNS = (IncidentEvent.incident_id, IncidentEvent.id, IncidentEvent.type, IncidentEvent.at,
                  IncidentEvent.recorded_at, IncidentEvent.recorded_by_name, IncidentEvent.note,
                  IncidentEvent.late_reason, IncidentEvent.data, IncidentEvent.recorded_by_id,
                  IncidentEvent.withdrawn_at, IncidentEvent.withdrawn_by_name, IncidentEvent.withdraw_reason,
                  IncidentEvent.superseded_by_id)


def open_records(session: Session, actor: Actor) -> list[IncidentRecord]:
    """The open incidents the actor may see, newest first, as `list_incidents(status=OPEN)` gives them, read in two
    plain-column queries (the incidents by the index on (status, occurred_at); their events by a join on that same
    condition, through the index on incident_events.incident_id): no ORM objects, no identity map. The window's
    first fill waits on this, so its cost is what the open set holds, not the history."""
    return _open_records(session, actor)


def every_open_record(session: Session) -> list[IncidentRecord]:
    """Every open incident, whoever may see it, as `open_records` reads them. Only for a reader that narrows them
    to an account's sight (`in_sight` with `permissions.scope`, read from the database) before anything is shown:
    the window reads them while the password is typed, before it knows whose window it will be."""
    return _open_records(session, None)


def in_sight(records: list[IncidentRecord], units: set[int] | None) -> list[IncidentRecord]:
    """The records an account whose `permissions.scope` is `units` may see (the condition of `_visible`)."""
    if units is None:
        return records
    return [r for r in records if r.unit_id in units or r.business_dept_id in units]


def _open_records(session: Session, actor: Actor | None) -> list[IncidentRecord]:
    def visible(query: Select[Any]) -> Select[Any]:
        return query if actor is None else _visible(session, actor, query)

    columns = [getattr(Incident, k) for k in (*_RECORD_FIELDS, *_ELEMENT_KEYS, "major_criteria")]
    query = visible(cast(Select[Any], select(*columns)).where(Incident.status == IncidentStatus.OPEN))
    # Fetched a chunk at a time (a server-side cursor on PostgreSQL): the driver's buffer of the whole open set
    # (tens of megabytes at 10,000 open incidents) raised the window's memory for good once freed.
    chunked = {"yield_per": 1000}
    rows = session.execute(query.order_by(Incident.occurred_at.desc(), Incident.id.desc())
                           .execution_options(**chunked)).all()
    events_query = visible(cast(Select[Any], select(*_EVENT_COLUMNS))
                           .join(Incident, Incident.id == IncidentEvent.incident_id)
                           .where(Incident.status == IncidentStatus.OPEN))
    by_incident: dict[int, list[Any]] = {}
    for e in session.execute(events_query.execution_options(**chunked)):
        by_incident.setdefault(e.incident_id, []).append(e)
    by_unit = {u.id: u for u in org.list_units(session, include_inactive=True)}
    for rule_set in {(r.rule_set_id, r.rule_set_version) for r in rows}:
        ensure(session, *rule_set)
    n_fields, n_elements = len(_RECORD_FIELDS), len(_ELEMENT_KEYS)
    # One string object for each text that repeats (a severity, a source, a rule set, who recorded an event, an
    # event type): the driver makes a new one for every row, and the open set is kept for the whole session.
    pool: dict[str, str] = {}
    same = pool.setdefault
    records = []
    for r in rows:
        info = by_unit[r.unit_id]
        dept = by_unit.get(r.business_dept_id) if r.business_dept_id else None
        base: dict[str, Any] = {k: same(v, v) if type(v) is str else v
                                for k, v in zip(_RECORD_FIELDS, r[:n_fields], strict=True)}
        records.append(IncidentRecord(
            **base,
            unit_name=info.name,
            location=info.location,
            lead_unit_id=info.lead_unit_id,
            lead_unit_name=info.lead_unit_name,
            business_dept_name=dept.name if dept else "",
            elements={k: same(v, v) if type(v) is str else v
                      for k, v in zip(_ELEMENT_KEYS, r[n_fields:n_fields + n_elements], strict=True)},
            events=_plain_events(by_incident.get(r.id, ()), same),
            major_criteria=criteria_of(r.major_criteria),
        ))
    return records


def _plain_events(rows: Any, same: Callable[[str, str], str]) -> tuple[EventRecord, ...]:
    """`_event_records` for rows of _EVENT_COLUMNS; `same(text, text)`: the one object to keep for a text."""
    corrects = {e.superseded_by_id: e.id for e in rows if e.superseded_by_id is not None}
    return tuple(
        EventRecord(
            id=e.id, type=same(e.type, e.type), at=e.at, recorded_at=e.recorded_at,
            recorded_by=same(e.recorded_by_name, e.recorded_by_name), note=same(e.note, e.note),
            late_reason=same(e.late_reason, e.late_reason),
            # nearly every event stores no details: "{}" needs no parser
            data=json.loads(e.data) if e.data and e.data != "{}" else {},
            recorded_by_id=e.recorded_by_id, withdrawn_at=e.withdrawn_at, withdrawn_by=e.withdrawn_by_name or "",
            withdraw_reason=e.withdraw_reason or "", superseded_by_id=e.superseded_by_id,
            corrects_id=corrects.get(e.id),
        )
        for e in sorted(rows, key=lambda e: (e.at, e.id))
    )


def iter_incidents(session: Session, actor: Actor, filters: IncidentFilter,
                   chunk: int = 200) -> Iterator[IncidentRecord]:
    """`list_incidents` oldest first, loaded `chunk` incidents at a time: a year's register never holds every
    incident's events, nor every id, at once. Each chunk is the next `chunk` rows after the last one read, in the
    order of (occurred_at, id) (keyset paging: the period's index range is walked, never skipped over again)."""
    chunk = count(chunk, "chunk", 1, 10_000)
    by_unit = {u.id: u for u in org.list_units(session, include_inactive=True)}
    base = _visible(session, actor, _filtered(session, select(Incident), filters))
    after: tuple[datetime, int] | None = None
    while True:
        query = base
        if after is not None:
            query = query.where(or_(Incident.occurred_at > after[0],
                                    and_(Incident.occurred_at == after[0], Incident.id > after[1])))
        rows = session.execute(
            query.options(selectinload(Incident.events), selectinload(Incident.business_dept))
            .order_by(Incident.occurred_at, Incident.id).limit(chunk)
        ).scalars().all()
        if not rows:
            return
        after = (rows[-1].occurred_at, rows[-1].id)
        for rule_set in {(i.rule_set_id, i.rule_set_version) for i in rows}:
            ensure(session, *rule_set)
        records = [_fast_record(incident, by_unit) for incident in rows]
        # the session holds loaded rows weakly: once a chunk's records are made, its rows can be freed
        del rows
        yield from records
        if len(records) < chunk:
            return


# The incident list's columns that sort in the database (ui/incidents/models.py shows them in this order).
SORT_KEYS = ("number", "title", "unit", "severity", "source", "occurred_at", "status", "lead_unit")
PAGE_LIMIT = 1000  # most rows one page may ask for


@dataclass(frozen=True, slots=True)
class IncidentRow:
    """One line of the incident list: what it shows, without the timeline or the element texts (a list scrolled
    through thousands of incidents holds these, not whole records)."""

    id: int
    number: str
    title: str
    unit_id: int
    unit_name: str
    lead_unit_name: str
    severity: str
    source: str
    occurred_at: datetime
    status: IncidentStatus

    @property
    def is_major(self) -> bool:
        return self.severity == "major"


_ROW_COLUMNS = (Incident.id, Incident.number, Incident.title, Incident.unit_id, Incident.severity, Incident.source,
                Incident.occurred_at, Incident.status)


def _row_query() -> Select[Any]:
    return cast(Select[Any], select(*_ROW_COLUMNS))


def _rank(column: Any, names: dict[Any, str]) -> Any:
    """An ORDER BY term putting the column's values in the order of the names shown for them (a handful of units
    or labels, so a CASE in the query); values without a name last."""
    ranked = sorted(names, key=lambda k: (names[k], str(k)))
    if not ranked:
        return column
    return case({key: i for i, key in enumerate(ranked)}, value=column, else_=len(ranked))


def _sorted(session: Session, query: Select[Any], sort_key: str, descending: bool) -> Select[Any]:
    """Order by the column the user clicked, then newest first (and by id, so pages never overlap)."""
    if sort_key not in SORT_KEYS:
        raise ValidationError("sort", "未知的排序列")
    if sort_key in ("unit", "lead_unit"):
        units = org.list_units(session, include_inactive=True)
        names = {u.id: (u.name if sort_key == "unit" else u.lead_unit_name) for u in units}
        term: Any = _rank(Incident.unit_id, names)
    elif sort_key in ("severity", "source", "status"):
        labels = {"severity": SEVERITIES, "source": SOURCES, "status": STATUSES}[sort_key]
        term = _rank(getattr(Incident, sort_key), {str(k): v for k, v in labels.items()})
    else:
        term = getattr(Incident, sort_key)
    if sort_key == "occurred_at":
        keys = [term.desc() if descending else term.asc(), Incident.id.desc() if descending else Incident.id.asc()]
    else:
        keys = [term.desc() if descending else term.asc(), Incident.occurred_at.desc(), Incident.id.desc()]
    return query.order_by(*keys)


def _rows(session: Session, query: Select[Any]) -> Iterator[IncidentRow]:
    by_unit = {u.id: u for u in org.list_units(session, include_inactive=True)}
    for r in session.execute(query):
        unit = by_unit[r.unit_id]
        yield IncidentRow(r.id, r.number, r.title, r.unit_id, unit.name, unit.lead_unit_name, r.severity, r.source,
                          r.occurred_at, IncidentStatus(r.status))


def page_incidents(session: Session, actor: Actor, filters: IncidentFilter | None = None,
                   sort_key: str = "occurred_at", descending: bool = True, offset: int = 0,
                   limit: int = 200) -> list[IncidentRow]:
    """One page of the incident list: filtered, sorted and cut in the database, so its cost follows the page,
    not the history (the indexes of migration 0015_scale serve each filter in the list's order)."""
    offset = count(offset, "offset", 0, 10**9)
    limit = count(limit, "limit", 1, PAGE_LIMIT)
    query = _visible(session, actor, _filtered(session, _row_query(), filters or IncidentFilter()))
    return list(_rows(session, _sorted(session, query, sort_key, descending).offset(offset).limit(limit)))


TEXT_COUNT_CAP = 10_000  # a text filter counts this many at most (see count_incidents)


def count_incidents(session: Session, actor: Actor, filters: IncidentFilter | None = None) -> int:
    """How many incidents the list's filters let through, counted in the database.

    A word matched anywhere in a text (LIKE '%word%') can use no B-tree index, so with a text filter the count
    stops at TEXT_COUNT_CAP matches, walking the occurred_at index newest first: its cost is bounded however long
    the history. A result equal to the cap means "at least this many"."""
    chosen = filters or IncidentFilter()
    if _words(chosen.text):
        ids = _visible(session, actor, _filtered(session, select(Incident.id), chosen))
        capped = ids.order_by(Incident.occurred_at.desc()).limit(TEXT_COUNT_CAP).subquery()
        return int(session.execute(select(func.count()).select_from(capped)).scalar_one())
    query = _visible(session, actor, _filtered(session, select(func.count(Incident.id)), chosen))
    return int(session.execute(query).scalar_one())


def stream_incidents(session: Session, actor: Actor, filters: IncidentFilter | None = None,
                     sort_key: str = "occurred_at", descending: bool = True,
                     chunk: int = 500) -> Iterator[IncidentRow]:
    """Every row the filters let through, in the list's order, read from one query `chunk` rows at a time (a
    server-side cursor on PostgreSQL): an export of the whole history never holds it all."""
    chunk = count(chunk, "chunk", 1, 10_000)
    query = _visible(session, actor, _filtered(session, _row_query(), filters or IncidentFilter()))
    yield from _rows(session, _sorted(session, query, sort_key, descending).execution_options(yield_per=chunk))


def _fast_record(incident: Incident, by_unit: dict[int, Any]) -> IncidentRecord:
    """Like _to_record, with the organisation looked up once for the whole list."""
    info = by_unit[incident.unit_id]
    dept = by_unit.get(incident.business_dept_id) if incident.business_dept_id else None
    base = {
        k: getattr(incident, k)
        for k in ("id", "number", "title", "unit_id", "occurred_at", "learned_at", "place", "initial_severity",
                  "severity", "business_line", "business_line_name", "business_dept_id", "customer_dispute",
                  "source", "spokesperson_name", "reply_script", "positive_publicity", "evaluation", "lessons",
                  "accountability", "status", "closed_at", "rule_set_id", "rule_set_version", "row_version",
                  "created_at", "updated_at")
    }
    return IncidentRecord(
        **base,
        unit_name=info.name,
        location=info.location,
        lead_unit_id=info.lead_unit_id,
        lead_unit_name=info.lead_unit_name,
        business_dept_name=dept.name if dept else "",
        elements={k: getattr(incident, k) for k in (*ELEMENTS, *MAJOR_ELEMENTS)},
        events=_event_records(incident.events),
        major_criteria=criteria_of(incident.major_criteria),
    )


# Where a search found an incident, in the order a hit reports it.
SEARCH_FIELDS = ("number", "title", "unit", "spokesperson", "reporter", "journalist", "outlet", "leadership",
                 "appeasement", "recorder")


@dataclass(frozen=True)
class SearchHit:
    """One incident `search_incidents` found, and the first of its texts that matched (`field`, `value`)."""

    id: int
    number: str
    title: str
    unit_name: str
    severity: str
    status: IncidentStatus
    occurred_at: datetime
    field: str  # one of SEARCH_FIELDS
    value: str


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    more: bool  # more incidents matched than the limit let through


def search_incidents(session: Session, actor: Actor, text: str, limit: int = 20) -> SearchResult:
    """Incidents the actor may see whose number, title, unit, people (spokesperson, reporter, leadership group,
    customers appeased, who recorded the timeline) or journalists contain every word of `text`.

    An incident whose number is the text comes first, then the newest."""
    words = _words(validation.text(text, "search"))  # the parameter shadows `text`
    limit = count(limit, "limit", 1, 1000)
    if not words:
        return SearchResult([], False)
    query = select(Incident.id, Incident.number, Incident.title, Incident.unit_id, Incident.business_dept_id,
                   Incident.severity, Incident.status, Incident.occurred_at, Incident.spokesperson_name)
    for word in words:
        query = query.where(_mentions(word))
    visible = _visible(session, actor, cast(Select[Any], query))
    # The incident numbered by the first word (found through the number's unique index) comes first; the rest
    # walk the occurred_at index newest first and stop after limit + 1 matches: no sort of every match.
    number = words[0].upper()
    rows = list(session.execute(visible.where(Incident.number == number)).all())
    rest = visible.where(Incident.number != number).order_by(Incident.occurred_at.desc(), Incident.id.desc())
    rows += session.execute(rest.limit(limit + 1 - len(rows))).all()
    more, rows = len(rows) > limit, rows[:limit]
    by_unit = {u.id: u for u in org.list_units(session, include_inactive=True)}
    people = _people(session, [r.id for r in rows])
    folded = [w.casefold() for w in words]
    hits = []
    for r in rows:
        unit = by_unit[r.unit_id]
        dept = by_unit.get(r.business_dept_id) if r.business_dept_id else None
        texts = [("number", r.number), ("title", r.title), ("unit", unit.name), ("unit", unit.short_name),
                 ("unit", dept.name if dept else ""), ("unit", dept.short_name if dept else ""),
                 ("spokesperson", r.spokesperson_name), *people.get(r.id, [])]
        texts.sort(key=lambda t: SEARCH_FIELDS.index(t[0]))
        field, value = next(((f, v) for f, v in texts if v and any(w in v.casefold() for w in folded)),
                            ("title", r.title))
        hits.append(SearchHit(r.id, r.number, r.title, unit.name, r.severity, r.status, r.occurred_at, field, value))
    return SearchResult(hits, more)


def _people(session: Session, ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Who appears on these incidents, as (search field, name) pairs."""
    found: dict[int, list[tuple[str, str]]] = {i: [] for i in ids}
    if not ids:
        return found
    media, group, appeased = MediaContact.incident_id, LeadershipMember.incident_id, Appeasement.incident_id
    queries = (
        ("journalist", select(media, MediaContact.journalist).where(media.in_(ids))),
        ("outlet", select(media, MediaContact.outlet).where(media.in_(ids))),
        ("leadership", select(group, LeadershipMember.name).where(group.in_(ids))),
        ("appeasement", select(appeased, Appeasement.customer).where(appeased.in_(ids))),
        ("appeasement", select(appeased, Appeasement.handled_by).where(appeased.in_(ids))),
        ("reporter", select(Incident.id, User.display_name).join(User, User.id == Incident.created_by_id)
         .where(Incident.id.in_(ids))),
        ("recorder", select(IncidentEvent.incident_id, IncidentEvent.recorded_by_name).distinct()
         .where(IncidentEvent.incident_id.in_(ids))),
    )
    for field, query in queries:
        for incident_id, name in session.execute(query):
            found[incident_id].append((field, name or ""))
    return found


@dataclass(frozen=True)
class MediaContactRow:
    journalist: str
    outlet: str
    phone: str
    question: str
    asked_at: datetime


def _current(event_id: Any, incident_id: int) -> ColumnElement[bool]:
    """Brought by no event, or by one not withdrawn or corrected (those stay in the record, not in the lists)."""
    withdrawn = select(IncidentEvent.id).where(IncidentEvent.incident_id == incident_id,
                                               IncidentEvent.withdrawn_at.is_not(None))
    return or_(event_id.is_(None), event_id.not_in(withdrawn))


def media_contacts(session: Session, actor: Actor, incident_id: int) -> list[MediaContactRow]:
    load_visible(session, actor, incident_id)
    rows = session.execute(select(MediaContact).where(MediaContact.incident_id == incident_id,
                                                      _current(MediaContact.event_id, incident_id))
                           .order_by(MediaContact.asked_at)).scalars()
    return [MediaContactRow(r.journalist, r.outlet, r.phone, r.question, r.asked_at) for r in rows]


def leadership_group(session: Session, actor: Actor, incident_id: int) -> list[tuple[str, str, str]]:
    load_visible(session, actor, incident_id)
    rows = session.execute(select(LeadershipMember).where(LeadershipMember.incident_id == incident_id)
                           .order_by(LeadershipMember.sort_order)).scalars()
    return [(r.position, r.name, r.title) for r in rows]


@dataclass(frozen=True)
class OpinionRecord:
    source: str
    link_or_title: str
    seen_at: datetime
    reach: str
    tone: str
    recorded_by_name: str


@dataclass(frozen=True)
class AppeasementRecord:
    customer: str
    handled_by: str
    agreed: str
    result: str
    at: datetime


def opinions(session: Session, actor: Actor, incident_id: int) -> list[OpinionRecord]:
    load_visible(session, actor, incident_id)
    rows = session.execute(select(OpinionEntry).where(OpinionEntry.incident_id == incident_id)
                           .order_by(OpinionEntry.seen_at)).scalars()
    return [OpinionRecord(r.source, r.link_or_title, r.seen_at, r.reach, r.tone, r.recorded_by_name) for r in rows]


def appeasements(session: Session, actor: Actor, incident_id: int) -> list[AppeasementRecord]:
    load_visible(session, actor, incident_id)
    rows = session.execute(select(Appeasement).where(Appeasement.incident_id == incident_id,
                                                     _current(Appeasement.event_id, incident_id))
                           .order_by(Appeasement.at)).scalars()
    return [AppeasementRecord(r.customer, r.handled_by, r.agreed, r.result, r.at) for r in rows]
