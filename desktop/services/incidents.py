"""Incidents and their timelines: the only way in which they are created and changed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from desktop.db.models import (
    Appeasement,
    Incident,
    IncidentEvent,
    LeadershipMember,
    MediaContact,
    OpinionEntry,
)
from desktop.domain import (
    ELEMENTS,
    LEADERSHIP_POSITIONS,
    MAJOR_ELEMENTS,
    SEVERITIES,
    SOURCES,
    Actor,
    EventRecord,
    IncidentRecord,
)
from desktop.errors import ConflictError, NotFound, ValidationError
from desktop.rules.engine import evaluate, validate_timeline
from desktop.rules.model import IncidentFacts, InputError, RuleSet, RuleStatus, TimelineEvent
from desktop.services import audit, org, permissions
from desktop.services.rulesets import active_ruleset, ruleset_for
from desktop.timeutil import CST, format_cst, now_utc

TEXT_FIELDS = ("title", "place", "business_line_name", "spokesperson_name", "reply_script", "positive_publicity",
               "evaluation", "lessons", "accountability", *ELEMENTS, *MAJOR_ELEMENTS)
EDITABLE = (*TEXT_FIELDS, "unit_id", "occurred_at", "learned_at", "severity", "business_line", "business_dept_id",
            "customer_dispute", "source")
# Events that carry their own details (4.2.2.x(1), (4)); the rest carry a note.
MEDIA_FIELDS = ("journalist", "outlet", "contact", "question")
APPEASEMENT_FIELDS = ("customer", "agreed", "result")
CLOCK_SKEW = timedelta(minutes=5)
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
    return [TimelineEvent(type=e.type, at=e.at) for e in record.events]


def deadlines(record: IncidentRecord, now: datetime, ruleset: RuleSet | None = None) -> list[RuleStatus]:
    """The incident's rules, judged under the rule set it was recorded with."""
    rules = ruleset or ruleset_for(record.rule_set_id, record.rule_set_version)
    return evaluate(facts_of(record), timeline_of(record), rules, now)


def _to_record(session: Session, incident: Incident) -> IncidentRecord:
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
        events=tuple(
            EventRecord(
                id=e.id, type=e.type, at=e.at, recorded_at=e.recorded_at, recorded_by=e.recorded_by_name,
                note=e.note, late_reason=e.late_reason, data=json.loads(e.data or "{}"),
            )
            for e in sorted(incident.events, key=lambda e: (e.at, e.id))
        ),
    )


def _snapshot(incident: Incident) -> dict[str, Any]:
    return {k: getattr(incident, k) for k in EDITABLE}


# --- validation ---------------------------------------------------------------------------------------------


def _clean(session: Session, data: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Check every field the caller gave; raise ValidationError naming the first bad one."""
    out: dict[str, Any] = {}
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ValidationError(min(unknown), "未知的字段")
    for key in TEXT_FIELDS:
        if key in data:
            value = data[key]
            if not isinstance(value, str):
                raise ValidationError(key, "应为文字")
            out[key] = value.strip()
    if "title" in out and not out["title"]:
        raise ValidationError("title", "请填写事件标题")
    if "title" in out and len(out["title"]) > 200:
        raise ValidationError("title", "事件标题不能超过200字")
    for key in ("occurred_at", "learned_at"):
        if key in data:
            value = data[key]
            if not isinstance(value, datetime) or value.tzinfo is None:
                raise ValidationError(key, "时间无效")
            if value > now + CLOCK_SKEW:
                raise ValidationError(key, f"时间 {format_cst(value)} 晚于当前时间")
            out[key] = value.replace(microsecond=0)
    if "severity" in data:
        if data["severity"] not in SEVERITIES:
            raise ValidationError("severity", "事件级别只能是“一般”或“重大”")
        out["severity"] = data["severity"]
    if "source" in data:
        if data["source"] not in SOURCES:
            raise ValidationError("source", "请选择事件来源")
        out["source"] = data["source"]
    for key in ("business_line", "customer_dispute"):
        if key in data:
            if not isinstance(data[key], bool):
                raise ValidationError(key, "应为“是”或“否”")
            out[key] = data[key]
    if "unit_id" in data:
        try:
            info = org.unit_info(session, int(data["unit_id"]))
        except (NotFound, TypeError, ValueError):
            raise ValidationError("unit_id", "请选择事发单位") from None
        out["unit_id"] = info.id
    if "business_dept_id" in data:
        if data["business_dept_id"] in (None, ""):
            out["business_dept_id"] = None
        else:
            try:
                out["business_dept_id"] = org.unit_info(session, int(data["business_dept_id"])).id
            except (NotFound, TypeError, ValueError):
                raise ValidationError("business_dept_id", "主办业务部门不存在") from None
    return out


def _check_times(incident: Incident) -> None:
    if incident.learned_at < incident.occurred_at:
        raise ValidationError("learned_at", "获悉时间不能早于事发时间")
    earliest = min((e.at for e in incident.events), default=None)
    if earliest is not None and earliest < incident.occurred_at:
        raise ValidationError("occurred_at", "事发时间不能晚于时间线上最早的事件")


def _next_number(session: Session, when: datetime) -> str:
    year = when.astimezone(CST).year
    prefix = f"SY{year}-"
    last = session.execute(
        select(func.max(Incident.number)).where(Incident.number.like(f"{prefix}%"))
    ).scalar_one_or_none()
    seq = int(last[len(prefix):]) + 1 if last else 1
    return f"{prefix}{seq:04d}"


# --- commands -----------------------------------------------------------------------------------------------


def create_incident(session: Session, actor: Actor, data: dict[str, Any], now: datetime | None = None) -> IncidentRecord:
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
        status="open",
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
                 incident_id=incident.id)
    return _to_record(session, incident)


def load_visible(session: Session, actor: Actor, incident_id: int) -> Incident:
    """The incident with its events, if it exists and the actor may see it; else a clear refusal."""
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
    now = now or now_utc()
    permissions.require_role(actor, permissions.INCIDENT_WRITERS, "修改事件")
    incident = load_visible(session, actor, incident_id)
    if incident.row_version != expected_version:
        raise ConflictError(f"事件 {incident.number} 已被其他用户修改，请重新打开后再编辑；您填写的内容已保存为草稿")
    if incident.status == "closed":
        raise ValidationError("status", "事件已结束，不能再修改")
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
        _escalate(session, actor, incident, now, "")
    incident.updated_at = now
    changed = {k: v for k, v in _snapshot(incident).items() if before.get(k) != v}
    if changed:
        audit.record(session, actor, "incident.update", "incident", incident.id,
                     before={k: before[k] for k in changed}, after=changed, incident_id=incident.id)
    try:
        session.flush()
    except StaleDataError:
        raise ConflictError(f"事件 {incident.number} 已被其他用户修改，请重新打开后再编辑") from None
    return _to_record(session, incident)


def _escalate(session: Session, actor: Actor, incident: Incident, at: datetime, note: str) -> IncidentEvent:
    permissions.require_role(actor, permissions.ESCALATORS, "将事件升级为重大事件")
    return _add_event(session, actor, incident, "escalated_to_major", at, note, "", {}, now=max(at, now_utc()))


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
    rules = ruleset_for(incident.rule_set_id, incident.rule_set_version)
    if event_type not in rules.event_types:
        raise ValidationError("type", f"未知的事件类型：{event_type}")
    existing = [TimelineEvent(type=e.type, at=e.at) for e in sorted(incident.events, key=lambda e: (e.at, e.id))]
    try:
        validate_timeline(_facts(incident, info.location), [*existing, TimelineEvent(type=event_type, at=at)], now,
                          rules)
    except InputError as exc:
        raise ValidationError("at" if ".at" in exc.field else "type", _explain(exc, event_type, rules)) from None
    record = _to_record(session, incident)
    late = late_rules_for(record, event_type, at, now)
    if late and not late_reason.strip():
        items = "、".join(f"第{r.article}条（时限 {format_cst(r.due_at)}）" for r in late)
        raise ValidationError("late_reason", f"该事项已超过{items}，请填写迟报说明")
    event = IncidentEvent(
        type=event_type, at=at, recorded_at=now_utc(), recorded_by_id=actor.user_id, recorded_by_name=actor.name,
        note=note.strip(), late_reason=late_reason.strip(), data=json.dumps(data, ensure_ascii=False),
    )
    incident.events.append(event)
    if event_type == "escalated_to_major":
        incident.severity = "major"
    incident.updated_at = now_utc()
    session.flush()
    audit.record(session, actor, "event.record", "incident_event", event.id,
                 after={"type": event_type, "at": at, "note": event.note, "late_reason": event.late_reason,
                        "data": data}, incident_id=incident.id)
    return event


def _explain(exc: InputError, event_type: str, rules: RuleSet) -> str:
    label = rules.event_types[event_type].label_zh if event_type in rules.event_types else event_type
    text = exc.message
    if "before occurred_at" in text or "before occurred" in text:
        return f"“{label}”的时间不能早于事发时间"
    if "after now" in text:
        return f"“{label}”的时间不能晚于当前时间"
    if "head_office_consent" in text:
        return "未经总行同意，不能向监管部门报告（3.1.4、3.2.3：不得越级）"
    if "major_report_approved" in text:
        return "《重大突发事件报告》经处置领导小组审定后，才能报送总行（4.3.4(2)）"
    if "escalated_to_major" in text or "major" in text:
        return "该事件登记时即为重大事件，无需升级"
    return f"“{label}”：{text}"


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
    if event_type in WORKFLOW_EVENTS and not workflow:
        raise ValidationError("type", f"“{WORKFLOW_EVENTS[event_type]}”须通过文件审批流程办理（起草、提交、审批/签发、报送）")
    data = {k: str(v).strip() for k, v in (data or {}).items()}
    permissions.require_role(actor, permissions.INCIDENT_WRITERS + ("spokesperson",), "记录事件进展")
    incident = load_visible(session, actor, incident_id)
    if incident.status == "closed":
        raise ValidationError("status", "事件已结束，不能再记录进展")
    if at.tzinfo is None:
        raise ValidationError("at", "时间无效")
    at = at.replace(microsecond=0)
    if event_type == "escalated_to_major":
        permissions.require_role(actor, permissions.ESCALATORS, "将事件升级为重大事件")
    if event_type == "media_inquiry":
        for key, label in (("journalist", "记者姓名"), ("outlet", "媒体名称"), ("contact", "联系方式")):
            if not data.get(key):
                raise ValidationError(key, f"请填写{label}")
    if event_type == "customer_appeased":
        for key, label in (("customer", "客户"), ("agreed", "安抚内容/达成的意见")):
            if not data.get(key):
                raise ValidationError(key, f"请填写{label}")
    event = _add_event(session, actor, incident, event_type, at, note, late_reason, data, now)
    if event_type == "media_inquiry":
        session.add(MediaContact(incident_id=incident.id, event_id=event.id, journalist=data["journalist"],
                                 outlet=data["outlet"], phone=data["contact"], question=data.get("question", ""),
                                 asked_at=at))
    if event_type == "customer_appeased":
        session.add(Appeasement(incident_id=incident.id, event_id=event.id, customer=data["customer"],
                                handled_by=data.get("handled_by", actor.name), agreed=data["agreed"],
                                result=data.get("result", ""), at=at))
    session.flush()
    return _to_record(session, incident)


def escalate(session: Session, actor: Actor, incident_id: int, at: datetime, note: str = "",
             now: datetime | None = None) -> IncidentRecord:
    """4.1: general to major, never back."""
    return record_event(session, actor, incident_id, "escalated_to_major", at, note=note, now=now)


def close_incident(session: Session, actor: Actor, incident_id: int, now: datetime | None = None) -> IncidentRecord:
    now = now or now_utc()
    permissions.require_role(actor, ("lead_officer", "leader", "president", "admin"), "结束事件")
    incident = load_visible(session, actor, incident_id)
    if incident.status == "closed":
        raise ValidationError("status", "事件已经结束")
    incident.status, incident.closed_at, incident.updated_at = "closed", now, now
    audit.record(session, actor, "incident.close", "incident", incident.id, before="open", after="closed",
                 incident_id=incident.id)
    session.flush()
    return _to_record(session, incident)


def add_opinion(session: Session, actor: Actor, incident_id: int, *, source: str, link_or_title: str,
                seen_at: datetime, reach: str = "", tone: str = "") -> None:
    """4.2.2.x(5), 4.3.4(5): public-opinion monitoring entries."""
    incident = load_visible(session, actor, incident_id)
    if not source.strip():
        raise ValidationError("source", "请填写舆情来源")
    if not link_or_title.strip():
        raise ValidationError("link_or_title", "请填写链接或标题")
    if seen_at.tzinfo is None or seen_at > now_utc() + CLOCK_SKEW:
        raise ValidationError("seen_at", "监测时间无效")
    entry = OpinionEntry(incident_id=incident.id, source=source.strip(), link_or_title=link_or_title.strip(),
                         seen_at=seen_at, reach=reach.strip(), tone=tone.strip(), recorded_by_name=actor.name)
    session.add(entry)
    session.flush()
    audit.record(session, actor, "opinion.add", "opinion_entry", entry.id,
                 after={"source": source, "link_or_title": link_or_title, "reach": reach, "tone": tone},
                 incident_id=incident.id)


def set_leadership_group(session: Session, actor: Actor, incident_id: int,
                         members: list[tuple[str, str, str]]) -> None:
    """4.3.1-4.3.3: (position, name, title) rows; replaces the group."""
    permissions.require_role(actor, permissions.ESCALATORS, "设置处置领导小组")
    incident = load_visible(session, actor, incident_id)
    for i, (position, name, _title) in enumerate(members):
        if position not in LEADERSHIP_POSITIONS:
            raise ValidationError(f"members[{i}].position", "职务只能是组长、副组长或成员")
        if not name.strip():
            raise ValidationError(f"members[{i}].name", "请填写姓名")
    old = session.execute(select(LeadershipMember).where(LeadershipMember.incident_id == incident.id)).scalars().all()
    before = [(m.position, m.name, m.title) for m in old]
    for m in old:
        session.delete(m)
    for i, (position, name, title) in enumerate(members):
        session.add(LeadershipMember(incident_id=incident.id, position=position, name=name.strip(),
                                     title=title.strip(), sort_order=i))
    audit.record(session, actor, "leadership.set", "incident", incident.id, before=before,
                 after=[list(m) for m in members], incident_id=incident.id)


# --- queries ------------------------------------------------------------------------------------------------


def get_incident(session: Session, actor: Actor, incident_id: int) -> IncidentRecord:
    return _to_record(session, load_visible(session, actor, incident_id))


def find_by_number(session: Session, actor: Actor, number: str) -> IncidentRecord:
    incident = session.execute(select(Incident).where(Incident.number == number.strip())).scalar_one_or_none()
    if incident is None:
        raise NotFound(f"找不到事件 {number}")
    permissions.require_see(session, actor, incident)
    return _to_record(session, incident)


def list_incidents(session: Session, actor: Actor, status: str | None = None) -> list[IncidentRecord]:
    query = select(Incident).options(selectinload(Incident.events), selectinload(Incident.business_dept))
    if status:
        query = query.where(Incident.status == status)
    units = permissions.scope(session, actor)
    if units is not None:
        query = query.where(Incident.unit_id.in_(units) | Incident.business_dept_id.in_(units))
    rows = session.execute(query.order_by(Incident.occurred_at.desc(), Incident.id.desc())).scalars().all()
    by_unit = {u.id: u for u in org.list_units(session, include_inactive=True)}
    return [_fast_record(i, by_unit) for i in rows]


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
        events=tuple(
            EventRecord(id=e.id, type=e.type, at=e.at, recorded_at=e.recorded_at, recorded_by=e.recorded_by_name,
                        note=e.note, late_reason=e.late_reason, data=json.loads(e.data or "{}"))
            for e in sorted(incident.events, key=lambda e: (e.at, e.id))
        ),
    )


@dataclass(frozen=True)
class MediaContactRow:
    journalist: str
    outlet: str
    phone: str
    question: str
    asked_at: datetime


def media_contacts(session: Session, actor: Actor, incident_id: int) -> list[MediaContactRow]:
    load_visible(session, actor, incident_id)
    rows = session.execute(select(MediaContact).where(MediaContact.incident_id == incident_id)
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
    rows = session.execute(select(Appeasement).where(Appeasement.incident_id == incident_id)
                           .order_by(Appeasement.at)).scalars()
    return [AppeasementRecord(r.customer, r.handled_by, r.agreed, r.result, r.at) for r in rows]
