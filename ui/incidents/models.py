"""Table models of the incident pages: the incident list, a timeline's events, opinion entries.

Rows are cached plain records; data() never touches the database.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from desktop.domain import SEVERITIES, SOURCES, STATUSES, EventRecord, IncidentRecord
from desktop.timeutil import format_cst
from ui.common.table_model import RECORD_ROLE, SORT_ROLE, CachedTableModel, Index  # noqa: F401 - re-exported


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class IncidentListModel(CachedTableModel):
    CONTEXT = "IncidentListModel"
    HEADERS = ("编号", "标题", "事发单位", "级别", "来源", "事发时间", "状态", "牵头部门")

    def cell(self, r: IncidentRecord, column: int) -> str:
        values = (r.number, r.title, r.unit_name, _t("domain", SEVERITIES.get(r.severity, r.severity)),
                  _t("domain", SOURCES.get(r.source, r.source)), format_cst(r.occurred_at),
                  _t("domain", STATUSES.get(r.status, r.status)), r.lead_unit_name)
        return values[column]

    def sort_value(self, r: IncidentRecord, column: int) -> Any:
        return r.occurred_at.timestamp() if column == 5 else self.cell(r, column)

    def colour(self, r: IncidentRecord, column: int) -> QColor | None:
        if column == 3 and r.is_major:
            return QColor("#b71c1c")
        if r.status == "closed":
            return QColor("#777777")
        return None


class EventTableModel(CachedTableModel):
    """Who recorded what, when (3.3.1): every event of one incident's timeline."""

    CONTEXT = "EventTableModel"
    HEADERS = ("发生时间", "事项", "详情", "记录人", "记录时间", "迟报说明")

    def __init__(self, labels: dict[str, str] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.labels = labels or {}

    def cell(self, e: EventRecord, column: int) -> str:
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
