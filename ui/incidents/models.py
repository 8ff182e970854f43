"""Table models of the incident pages: the incident list, a timeline's events, opinion entries.

Rows are cached plain records; data() never touches the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from desktop.domain import SEVERITIES, SOURCES, STATUSES, EventRecord, IncidentRecord, IncidentStatus
from desktop.services import incidents
from desktop.timeutil import format_cst
from ui.common.table_model import RECORD_ROLE, SORT_ROLE, CachedTableModel, Index  # noqa: F401 - re-exported


def _t(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class IncidentListModel(CachedTableModel):
    """The incident list. Filled by `set_rows` whole, or paged: `reset_pages(first_page, total)` shows the first
    page and the total the database counted; scrolling near the end asks for the next page (`fetchRequested` with
    the offset), which the page reads in the worker and hands to `append_page`. A header click asks for the whole
    list sorted in the database (`sortRequested`), never sorts the fetched rows alone."""

    CONTEXT = "IncidentListModel"
    HEADERS = ("编号", "标题", "事发单位", "级别", "来源", "事发时间", "状态", "牵头部门")
    TIME_COLUMN = 5
    SORT_KEYS = incidents.SORT_KEYS  # the column's key in the database, column by column

    fetchRequested = Signal(int)  # the offset of the page wanted
    sortRequested = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._total = 0
        self._waiting = False  # a page is being read: ask once
        self._sort = (self.TIME_COLUMN, Qt.SortOrder.DescendingOrder)
        self.origins: dict[int, str] = {}  # incidents received from another installation: the sender's name

    def set_origins(self, origins: dict[int, str]) -> None:
        if origins != self.origins:
            self.origins = origins
            if self._rows:
                self.dataChanged.emit(self.index(0, 1), self.index(len(self._rows) - 1, 1))

    # --- paging ------------------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        self._total, self._waiting = len(rows), False
        super().set_rows(rows)

    def reset_pages(self, rows: Sequence[Any], total: int) -> None:
        self._total, self._waiting = max(total, len(rows)), False
        super().set_rows(rows)

    def append_page(self, offset: int, rows: Sequence[Any]) -> None:
        """The page read from `offset`; a page for another offset (the list was re-read meanwhile) is dropped."""
        self._waiting = False
        if offset != len(self._rows):
            return
        if not rows:
            self._total = len(self._rows)  # fewer than counted (deleted meanwhile): stop asking
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def page_failed(self) -> None:
        self._waiting = False

    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._waiting and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._waiting = True
            self.fetchRequested.emit(len(self._rows))

    # --- sorting -----------------------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.SORT_KEYS) or (column, order) == self._sort:
            return
        self._sort = (column, order)
        self.sortRequested.emit()

    def sort_key(self) -> tuple[str, bool]:
        """(the database's sort key, descending)."""
        column, order = self._sort
        return self.SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder

    def cell(self, r: IncidentRecord | incidents.IncidentRow, column: int) -> str:
        title = r.title
        if r.id in self.origins:  # marked with its origin (a site's record, received by exchange)
            title += _t(self.CONTEXT, "（来自：%1）").replace("%1", self.origins[r.id])
        values = (r.number, title, r.unit_name, _t("domain", SEVERITIES.get(r.severity, r.severity)),
                  _t("domain", SOURCES.get(r.source, r.source)), format_cst(r.occurred_at),
                  _t("domain", STATUSES.get(r.status, r.status)), r.lead_unit_name)
        return values[column]

    def sort_value(self, r: IncidentRecord | incidents.IncidentRow, column: int) -> Any:
        return r.occurred_at.timestamp() if column == self.TIME_COLUMN else self.cell(r, column)

    def export_value(self, r: IncidentRecord | incidents.IncidentRow, column: int) -> Any:
        """What a spreadsheet cell holds: the time itself (an aware datetime) for the time column, else the text."""
        return r.occurred_at if column == self.TIME_COLUMN else self.cell(r, column)

    def colour(self, r: IncidentRecord | incidents.IncidentRow, column: int) -> QColor | None:
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
