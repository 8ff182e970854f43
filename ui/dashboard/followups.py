"""The open follow-up actions of prevention work (drills, screenings, sweeps, plan reviews, training) on the
dashboard: owner, unit, due date; overdue ones first and in red. Read in the worker with every reload."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGroupBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from desktop.registers import followups
from desktop.timeutil import format_cst, now_utc
from ui.data.workbench import Workbench

OVERDUE = QColor("#b00020")
SHOWN = 6  # rows visible without scrolling: the countdown table keeps the page


class FollowUpsPanel(QGroupBox):
    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.rows: list[Any] = []
        self._loading = False
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([self.tr("完成期限"), self.tr("整改事项"), self.tr("来源"),
                                              self.tr("责任单位"), self.tr("责任人")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        QVBoxLayout(self).addWidget(self.table)
        self.hide()
        workbench.loaded.connect(self.reload)

    def reload(self) -> None:
        if self._loading:
            return
        self._loading = True
        actor = self.workbench.actor
        self.workbench.read(lambda s: followups.open_followups(s, actor, now_utc()), self._loaded, self._failed)

    def _failed(self, _exc: BaseException) -> None:
        self._loading = False  # the page's own reload reports database trouble; this panel stays as it was

    def _loaded(self, rows: list[Any]) -> None:
        self._loading = False
        self.rows = rows
        overdue = sum(1 for r in rows if r.overdue)
        title = self.tr("待落实的整改事项（%1 项）").replace("%1", str(len(rows)))
        if overdue:
            title += self.tr("，已超期 %1 项").replace("%1", str(overdue))
        self.setTitle(title)
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            due = format_cst(r.due_at) + (self.tr("（已超期）") if r.overdue else "")
            values = (due, r.action, f"{r.source_label}：{r.source_title}", r.unit_name, r.owner)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if r.overdue:
                    item.setForeground(OVERDUE)
                self.table.setItem(i, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(i) for i in range(min(SHOWN, len(rows))))
        self.table.setFixedHeight(height + 2)
        self.setVisible(bool(rows))

    def overdue_rows(self) -> list[int]:
        """The table rows shown in red (for tests)."""
        items = [self.table.item(i, 0) for i in range(self.table.rowCount())]
        return [i for i, item in enumerate(items) if item is not None and item.foreground().color() == OVERDUE]


