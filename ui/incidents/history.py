"""The incident's history tab (操作记录): every audit entry of the incident — when (CST), who, what, before → after.

The audit log is append-only and hash-chained (desktop.services.audit); this tab only reads it, in the worker.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.domain import ELEMENTS, MAJOR_ELEMENTS, IncidentRecord
from desktop.services import history
from desktop.services.history import HistoryRow
from desktop.services.documents import STATES
from desktop.services.incidents import WORKFLOW_EVENTS
from desktop.services.rulesets import ruleset_for
from desktop.timeutil import format_cst
from ui.approvals.model import _Rows
from ui.approvals.render import FIELD_LABELS
from ui.common.strings import rule_text
from ui.data.workbench import Workbench

ACTION_LABELS: dict[str, str] = {
    "incident.create": "登记事件",
    "incident.update": "修改事件信息",
    "incident.close": "结束事件",
    "event.record": "记录时间线事项",
    "opinion.add": "添加舆情监测记录",
    "leadership.set": "设置处置领导小组",
    "document.create": "新建文件",
    "document.edit": "修改文件",
    "document.submit": "提交审批",
    "document.approved": "审批同意",
    "document.returned": "退回起草人",
    "document.signed": "签发",
    "document.sent": "报送",
}
# Keys of the before/after records, in words; unknown keys are shown as they are.
KEY_LABELS: dict[str, str] = {
    **FIELD_LABELS, **ELEMENTS, **MAJOR_ELEMENTS,
    "state": "状态", "version": "版本", "kind": "文件", "stage": "阶段", "step": "环节", "comment": "意见",
    "type": "事项", "at": "时间", "note": "备注", "late_reason": "迟报说明", "data": "详情", "place": "地点",
    "severity": "级别", "occurred_at": "事发时间", "learned_at": "获悉时间", "source": "来源",
    "spokesperson_name": "新闻发言人", "link_or_title": "链接或标题", "reach": "传播量", "tone": "倾向",
}
HIDDEN_KEYS = frozenset({"sha256", "fields"})


def _t(text: str) -> str:
    return QCoreApplication.translate("HistoryModel", text)


def _value(key: str, value: Any, events: dict[str, str]) -> str:
    if key == "type" and isinstance(value, str):
        return events.get(value, value)
    if key == "state" and isinstance(value, str):
        return _t(STATES.get(value, value))
    if key == "version":
        return _t("第%1版").replace("%1", str(value))
    if isinstance(value, dict):
        return "，".join(f"{k}：{v}" for k, v in value.items() if v)
    if isinstance(value, list):
        return "；".join("/".join(map(str, v)) if isinstance(v, list) else str(v) for v in value)
    return "" if value is None else str(value)


def describe(raw: str, events: dict[str, str], limit: int = 160) -> str:
    """A stored before/after (canonical JSON) as '名称：值' pairs for people."""
    if not raw:
        return ""
    try:
        value = json.loads(raw)
    except ValueError:
        return raw[:limit]
    if isinstance(value, dict):
        parts = [f"{_t(KEY_LABELS.get(k, k))}：{_value(k, v, events)}" for k, v in value.items()
                 if k not in HIDDEN_KEYS and v not in (None, "", {}, [])]
        text = "；".join(parts)
    else:
        text = _value("", value, events)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class HistoryModel(_Rows):
    AT, ACTOR, ACTION, CHANGE = range(4)
    HEADERS = ("时间（北京时间）", "操作人", "操作", "内容（修改前 → 修改后）")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.events: dict[str, str] = dict(WORKFLOW_EVENTS)

    def headerData(self, section: int, orientation: Any, role: int = 0) -> Any:
        value = super().headerData(section, orientation, role)
        return _t(self.HEADERS[section]) if value is not None else None

    def cell(self, row: HistoryRow, column: int) -> str:
        if column == self.AT:
            return format_cst(row.at, seconds=True)
        if column == self.ACTOR:
            return row.actor_name
        if column == self.ACTION:
            return _t(ACTION_LABELS.get(row.action, row.action))
        before, after = describe(row.before, self.events), describe(row.after, self.events)
        return f"{before} → {after}" if before else after


class HistoryTab(QWidget):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.record: IncidentRecord | None = None
        self.model = HistoryModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.horizontalHeader().setSectionResizeMode(HistoryModel.CHANGE, QHeaderView.ResizeMode.Stretch)
        hint = QLabel(self.tr("本事件的全部操作，按时间先后；记录只增不改（哈希链校验）。"))
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)

    def load(self, record: IncidentRecord) -> None:
        self.record = record
        rules = ruleset_for(record.rule_set_id, record.rule_set_version)
        self.model.events = {t: rule_text(et.label_zh) for t, et in rules.event_types.items()}
        incident_id = record.id
        self.workbench.read(lambda s: (incident_id, history.history(s, self.workbench.actor, incident_id)), self._loaded, lambda _e: None)

    def _loaded(self, result: tuple[int, list[HistoryRow]]) -> None:
        incident_id, rows = result
        if self.record is None or self.record.id != incident_id:
            return  # a late answer for the incident shown before
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(HistoryModel.CHANGE, QHeaderView.ResizeMode.Stretch)
