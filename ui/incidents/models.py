"""Table models of the incident pages: the incident list, a timeline's events, opinion entries.

Rows are cached plain records; data() never touches the database.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont

from desktop.domain import SEVERITIES, SOURCES, STATUSES, EventRecord, IncidentRecord, IncidentStatus
from desktop.timeutil import format_cst
from ui.common.table_model import RECORD_ROLE, SORT_ROLE, CachedTableModel, Index  # noqa: F401 - re-exported


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class IncidentListModel(CachedTableModel):
    CONTEXT = "IncidentListModel"
    HEADERS = ("编号", "标题", "事发单位", "级别", "来源", "事发时间", "状态", "牵头部门")
    TIME_COLUMN = 5

    def cell(self, r: IncidentRecord, column: int) -> str:
        values = (r.number, r.title, r.unit_name, _t("domain", SEVERITIES.get(r.severity, r.severity)),
                  _t("domain", SOURCES.get(r.source, r.source)), format_cst(r.occurred_at),
                  _t("domain", STATUSES.get(r.status, r.status)), r.lead_unit_name)
        return values[column]

    def sort_value(self, r: IncidentRecord, column: int) -> Any:
        return r.occurred_at.timestamp() if column == self.TIME_COLUMN else self.cell(r, column)

    def export_value(self, r: IncidentRecord, column: int) -> Any:
        """What a spreadsheet cell holds: the time itself (an aware datetime) for the time column, else the text."""
        return r.occurred_at if column == self.TIME_COLUMN else self.cell(r, column)

    def colour(self, r: IncidentRecord, column: int) -> QColor | None:
        if column == 3 and r.is_major:
            return QColor("#b71c1c")
        if r.status == IncidentStatus.CLOSED:
            return QColor("#777777")
        return None


class EventTableModel(CachedTableModel):
    """Who recorded what, when (3.3.1): every event of one incident's timeline. Withdrawn and corrected events
    stay, struck through, with who took them back, when and why in the tooltip and a mark in the last column."""

    CONTEXT = "EventTableModel"
    HEADERS = ("发生时间", "事项", "详情", "记录人", "记录时间", "迟报说明", "状态")
    STATE_COLUMN = 6

    def __init__(self, labels: dict[str, str] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.labels = labels or {}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < self.rowCount():
            e = self.row_at(index.row())
            if role == Qt.ItemDataRole.FontRole:
                if e.withdrawn and index.column() != self.STATE_COLUMN:
                    font = QFont()
                    font.setStrikeOut(True)
                    return font
                return None
            if role == Qt.ItemDataRole.ToolTipRole and (e.withdrawn or e.corrects_id is not None):
                return self.change_tooltip(e)
        return super().data(index, role)

    def state(self, e: EventRecord) -> str:
        if e.corrected:
            return _t(self.CONTEXT, "已更正")
        if e.withdrawn:
            return _t(self.CONTEXT, "已撤回")
        if e.corrects_id is not None:
            return _t(self.CONTEXT, "更正后")
        return ""

    def change_tooltip(self, e: EventRecord) -> str:
        if e.withdrawn and e.withdrawn_at is not None:
            template = _t(self.CONTEXT, "%1 于 %2 更正，理由：%3" if e.corrected else "%1 于 %2 撤回，理由：%3")
            return (template.replace("%1", e.withdrawn_by).replace("%2", format_cst(e.withdrawn_at))
                    .replace("%3", e.withdraw_reason))
        original = next((o for o in self._rows if o.id == e.corrects_id), None)
        if original is None:
            return ""
        return (_t(self.CONTEXT, "更正了 %1 的原记录，理由：%2").replace("%1", format_cst(original.at))
                .replace("%2", original.withdraw_reason))

    def cell(self, e: EventRecord, column: int) -> str:
        if column == self.STATE_COLUMN:
            return self.state(e)
        if column == 0:
            return format_cst(e.at)
        if column == 1:
            return self.labels.get(e.type, e.type)
        if column == 2:
            details = "；".join(v for v in e.data.values() if v)
            return "；".join(x for x in (details, e.note) if x)
        if column == 3:
            return e.recorded_by
        if column == 4:
            return format_cst(e.recorded_at)
        return e.late_reason

    def sort_value(self, e: EventRecord, column: int) -> Any:
        return e.at.timestamp() if column == 0 else self.cell(e, column)

    def colour(self, e: EventRecord, column: int) -> QColor | None:
        if e.withdrawn:
            return QColor("#777777")
        return QColor("#b71c1c") if column == 5 and e.late_reason else None


class OpinionRow:
    __slots__ = ("link_or_title", "reach", "recorded_by", "seen_at", "source", "tone")

    def __init__(self, source: str, link_or_title: str, seen_at: datetime, reach: str, tone: str,
                 recorded_by: str) -> None:
        self.source, self.link_or_title, self.seen_at = source, link_or_title, seen_at
        self.reach, self.tone, self.recorded_by = reach, tone, recorded_by


class OpinionTableModel(CachedTableModel):
    """4.2.2.x(5), 4.3.4(5): the public-opinion monitoring log."""

    CONTEXT = "OpinionTableModel"
    HEADERS = ("监测时间", "来源", "链接或标题", "传播量", "倾向", "记录人")

    def cell(self, o: OpinionRow, column: int) -> str:
        return (format_cst(o.seen_at), o.source, o.link_or_title, o.reach, o.tone, o.recorded_by)[column]
