"""An incident's record as its history tab shows it: every audit entry about the incident, oldest first.

The audit log stores before/after as canonical JSON of internal keys and values (`business_line: false`,
`step: unit_head_sign`, RFC 3339 times). `describe` turns one entry into what people read: the forms' labels in
the order of the rules, the vocabularies' words, 是/否, Beijing times `YYYY-MM-DD HH:MM`; plain strings, no Qt.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import AuditEntry, Incident
from desktop.domain import (
    ACCOUNTABILITY_MEASURES,
    ELEMENTS,
    LEADERSHIP_POSITIONS,
    LOCATIONS,
    MAJOR_CRITERIA,
    MAJOR_ELEMENTS,
    ROLES,
    SEVERITIES,
    SOURCES,
    STATUSES,
    Actor,
)
from desktop.errors import NotFound
from desktop.services import doc_steps, documents, org, permissions
from desktop.services.incidents import WORKFLOW_EVENTS
from desktop.services.rulesets import ensure, ruleset_for
from desktop.timeutil import format_cst, parse_rfc3339

ACTION_LABELS: dict[str, str] = {
    "incident.create": "登记事件",
    "incident.update": "修改事件信息",
    "incident.close": "结束事件",
    "event.record": "记录时间线事项",
    "event.withdraw": "撤回时间线事项",
    "event.correct": "更正时间线事项",
    "opinion.add": "添加舆情监测记录",
    "leadership.set": "设置处置领导小组",
    "document.create": "新建文件",
    "document.edit": "修改文件",
    "document.submit": "提交审批",
    "document.approved": "审批同意",
    "document.returned": "退回起草人",
    "document.signed": "签发",
    "document.sent": "报送",
    "document.print": "打印签发版本",
    "document.print_draft": "打印草稿",
    "document.paper_signed": "录入纸质签字",
    "document.numbered": "编发文字号",
    "accountability.add": "登记责任追究",
}
# An incident's fields in the words and the order of the intake form (3.3.2 elements in the rules' order).
INCIDENT_FIELDS: dict[str, str] = {
    "title": "事件标题",
    "unit_id": "事发单位",
    "occurred_at": "事发时间",
    "learned_at": "获悉时间",
    "place": "事发地点",
    "source": "事件来源",
    "severity": "事件级别",
    "business_line": "涉及具体业务条线",
    "business_line_name": "业务条线",
    "business_dept_id": "主办业务部门",
    "customer_dispute": "涉及客户纠纷",
    "major_criteria": "重大事件认定情形",  # 4.1
    **ELEMENTS,
    **MAJOR_ELEMENTS,
    "spokesperson_name": "新闻发言人",
    "reply_script": "应答口径",
    "positive_publicity": "正面宣传",
    "evaluation": "影响及处置评估",
    "lessons": "经验教训",
    "accountability": "责任追究",
    "status": "状态",
    "leadership": "处置领导小组",
}
# Documents, their decisions, timeline events and monitoring entries.
RECORD_FIELDS: dict[str, str] = {
    "kind": "文件",
    "stage": "阶段",
    "version": "版本",
    "state": "状态",
    "step": "环节",
    "comment": "意见",
    "fields": "文件内容",
    "type": "事项",
    "at": "时间",
    "note": "备注",
    "late_reason": "迟报说明",
    "data": "详情",
    "reason": "理由",
    "corrected_by": "更正后的事项编号",
    "signer_name": "签字人",
    "signed_at": "签字时间",
    "scan_filename": "签字扫描件",
    "scan_mime": "扫描件类型",
    "scan_size": "扫描件大小（字节）",
    "scan_sha256": "扫描件SHA-256",
    "source": "来源",
    "link_or_title": "链接或标题",
    "reach": "传播量",
    "tone": "倾向",
    # document.numbered: the unit's number for the year (unit_id here is the issuing unit, not the incident's)
    "doc_number": "发文字号",
    "unit_id": "发文单位",
    "year": "年度",
    "seq": "当年序号",
    # accountability.add (6.1), in the words of the form that records it
    "unit": "机构或部门",
    "person": "责任人",
    "measure": "追责措施",
    "text": "具体内容",
    "quarter": "考核季度",
}
HIDDEN = frozenset({"sha256", "pdf_sha256"})
# A scalar before/after: what it is about.
SCALAR_KEYS: dict[str, str] = {"incident.close": "status", "leadership.set": "leadership"}
YES, NO, EMPTY = "是", "否", "（空）"
SHOWN, CHANGED, SEPARATOR = "%1：%2", "%1：%2 → %3", "；"
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})")


@dataclass(frozen=True)
class Vocabulary:
    """The words that depend on the incident: its rule set's event types and their fields, the unit names."""

    events: Mapping[str, str] = field(default_factory=dict)
    event_fields: Mapping[str, str] = field(default_factory=dict)
    units: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """One labelled value of an entry; `before` is None when the entry has no earlier value for it."""

    label: str
    after: str
    before: str | None = None

    def text(self, translate: Callable[[str], str] = str) -> str:
        """`名称：值` or `名称：旧 → 新`; `translate` (the window's) is given the templates, labels and values."""
        label = translate(self.label)
        after = translate(self.after) if self.after else translate(EMPTY)
        if self.before is None:
            return translate(SHOWN).replace("%1", label).replace("%2", after)
        before = translate(self.before) if self.before else translate(EMPTY)
        return translate(CHANGED).replace("%1", label).replace("%2", before).replace("%3", after)


def change_text(changes: tuple[Change, ...], translate: Callable[[str], str] = str) -> str:
    return translate(SEPARATOR).join(c.text(translate) for c in changes)


@dataclass(frozen=True)
class HistoryRow:
    id: int
    at: datetime
    actor_name: str
    action: str
    entity: str
    before: str  # the stored JSON, as the audit log keeps it
    after: str
    action_label: str = ""
    changes: tuple[Change, ...] = ()

    @property
    def change(self) -> str:
        return change_text(self.changes)


# --- describing one entry ---------------------------------------------------------------------------------------


def _labels(action: str) -> dict[str, str]:
    if action.startswith(("incident.", "leadership.")):
        return INCIDENT_FIELDS
    labels = dict(RECORD_FIELDS)
    if action == "document.sent":
        labels["comment"] = "备注"
    return labels


def _time(value: str) -> str:
    try:
        return format_cst(parse_rfc3339(value))
    except ValueError:
        return value


def _text(value: Any) -> str:
    """A value of no known key: booleans, times and numbers in words, the rest as it is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, str) and _TIME.fullmatch(value):
        return _time(value)
    return str(value)


def _value(key: str, value: Any, vocab: Vocabulary) -> str:
    if isinstance(value, bool) or value is None:
        return _text(value)
    vocabularies: dict[str, Mapping[Any, str]] = {
        "severity": SEVERITIES,
        "source": SOURCES,
        "status": STATUSES,
        "location": LOCATIONS,
        "state": documents.STATES,
        "kind": documents.KINDS,
        "stage": documents.STAGES,
        "step": {**doc_steps.STEP_LABELS, "send": "报送"},
        "type": {**WORKFLOW_EVENTS, **vocab.events},
        "unit_id": vocab.units,
        "business_dept_id": vocab.units,
        "measure": ACCOUNTABILITY_MEASURES,
    }
    words = vocabularies.get(key)
    if words is not None and not isinstance(value, (dict, list)):
        return words.get(value, _text(value))
    if key == "version":
        return f"第{value}版"
    if key == "major_criteria" and isinstance(value, str):  # stored as "heavy_loss,social_order"
        return "、".join(MAJOR_CRITERIA.get(k, k) for k in value.split(",") if k)
    if key == "roles" and isinstance(value, list):
        return "、".join(ROLES.get(r, str(r)) for r in value)
    if key == "leadership" and isinstance(value, list):
        return "；".join(_member(m) for m in value)
    if isinstance(value, dict):
        labels = documents.FIELD_LABELS if key == "fields" else vocab.event_fields
        return "，".join(f"{labels.get(k, k)}：{_text(v)}" for k, v in _ordered(value, labels)
                        if v not in (None, "", [], {}))
    if isinstance(value, list):
        return "、".join(_text(v) for v in value)
    return _text(value)


def _member(member: Any) -> str:
    if isinstance(member, list | tuple) and len(member) == 3:
        position, name, title = member
        return f"{LEADERSHIP_POSITIONS.get(position, position)} {name}" + (f"（{title}）" if title else "")
    return _text(member)


def _ordered(values: Mapping[str, Any], labels: Mapping[str, str]) -> list[tuple[str, Any]]:
    """The labelled keys in the labels' order (the rules'), then the others by name."""
    order = {k: i for i, k in enumerate(labels)}
    return sorted(values.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))


def _load(raw: str) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def describe(action: str, before: str, after: str, vocab: Vocabulary | None = None) -> tuple[Change, ...]:
    """One audit entry's before/after (stored JSON) as labelled values: a changed value as before → after."""
    vocab = vocab or Vocabulary()
    labels = _labels(action)
    old, new = _load(before), _load(after)
    if isinstance(new, dict) and (old is None or isinstance(old, dict)):
        old = old or {}
        changes = []
        for key, value in _ordered({**{k: None for k in old}, **new}, labels):
            if key in HIDDEN:
                continue
            label = labels.get(key, RECORD_FIELDS.get(key, key))
            if key in old:
                if old[key] == value:
                    continue
                changes.append(Change(label, _value(key, value, vocab), _value(key, old[key], vocab)))
            elif value not in (None, "", [], {}):
                changes.append(Change(label, _value(key, value, vocab)))
        return tuple(changes)
    if old is None and new is None:
        return ()
    key = SCALAR_KEYS.get(action, "")
    label = labels.get(key, "")
    return (Change(label, _value(key, new, vocab), None if old is None else _value(key, old, vocab)),)


def vocabulary(session: Session, incident: Incident) -> Vocabulary:
    ensure(session, incident.rule_set_id, incident.rule_set_version)
    rules = ruleset_for(incident.rule_set_id, incident.rule_set_version)
    fields: dict[str, str] = {}
    for event_type in rules.event_types.values():
        fields.update(event_type.field_labels_zh)
    return Vocabulary(
        events={t: e.label_zh for t, e in rules.event_types.items()},
        event_fields=fields,
        units={u.id: u.name for u in org.list_units(session, include_inactive=True)},
    )


def history(session: Session, actor: Actor, incident_id: int) -> list[HistoryRow]:
    """An incident's record, for those who may see the incident, each entry described for people."""
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound(f"找不到事件（编号 {incident_id}）")
    permissions.require_see(session, actor, incident)
    vocab = vocabulary(session, incident)
    rows = session.execute(
        select(AuditEntry).where(AuditEntry.incident_id == incident_id).order_by(AuditEntry.id)
    ).scalars()
    return [
        HistoryRow(r.id, r.at, r.actor_name, r.action, r.entity, r.before, r.after,
                   ACTION_LABELS.get(r.action, r.action), describe(r.action, r.before, r.after, vocab))
        for r in rows
    ]
