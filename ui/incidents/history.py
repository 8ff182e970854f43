"""The incident's history tab (操作记录): every audit entry of the incident — when (CST), who, what, before → after.

The audit log is append-only and hash-chained (desktop.services.audit); this tab only reads it, in the worker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.domain import IncidentRecord
from desktop.services import history
from desktop.services.history import HistoryRow, change_text
from desktop.timeutil import format_cst
from ui.approvals.model import _Rows
from ui.common.strings import translated
from ui.data.workbench import Workbench

CELL_LIMIT = 200  # the whole change is in the tooltip


def _t(text: str) -> str:
    return QCoreApplication.translate("HistoryModel", text)


# Where the core's words are translated: this tab's, the domain's, the documents', the rule set's.
CONTEXTS = ("HistoryModel", "domain", "DocumentsTab", "rules")


def _word(text: str) -> str:
    """A label or value the core described, in the window's language where it is one of ours or the rules'."""
    for context in CONTEXTS:
        words = translated(context, text)
        if words != text:
            return words
    return text


class HistoryModel(_Rows):
    AT, ACTOR, ACTION, CHANGE = range(4)
    HEADERS = ("时间（北京时间）", "操作人", "操作", "内容（修改前 → 修改后）")

    def headerData(self, section: int, orientation: Any, role: int = 0) -> Any:
        value = super().headerData(section, orientation, role)
        return _t(self.HEADERS[section]) if value is not None else None

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == self.CHANGE \
                and 0 <= index.row() < len(self._rows):
            return change_text(self._rows[index.row()].changes, _word)
        return super().data(index, role)

    def cell(self, row: HistoryRow, column: int) -> str:
        if column == self.AT:
            return format_cst(row.at, seconds=True)
        if column == self.ACTOR:
            return row.actor_name
        if column == self.ACTION:
            return _t(row.action_label)
        text = change_text(row.changes, _word)
        return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


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
        workbench.incidentChanged.connect(self._incident_changed)

    def load(self, record: IncidentRecord) -> None:
        """Another incident: the previous one's entries go at once, this one's are read; the same incident's are read
        again when it changes."""
        if self.record is None or self.record.id != record.id:
            self.clear()
            self.record = record
            self.reload()
        self.record = record

    def clear(self) -> None:
        self.record = None
        self.model.set_rows([])

    def _incident_changed(self, incident_id: int) -> None:
        if self.record is not None and incident_id == self.record.id:
            self.reload()

    def reload(self) -> None:
        if self.record is None:
            return
        incident_id, actor = self.record.id, self.workbench.actor
        self.workbench.read(lambda s: (incident_id, history.history(s, actor, incident_id)), self._loaded,
                            lambda _e: None)

    def _loaded(self, result: tuple[int, list[HistoryRow]]) -> None:
        incident_id, rows = result
        if self.record is None or self.record.id != incident_id:
            return  # a late answer for the incident shown before
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(HistoryModel.CHANGE, QHeaderView.ResizeMode.Stretch)
