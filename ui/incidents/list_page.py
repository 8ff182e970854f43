"""The incident list page (事件列表): every incident the user may see, searchable and sortable."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.data.workbench import Workbench
from ui.incidents.models import RECORD_ROLE, SORT_ROLE, IncidentListModel


class IncidentListPage(QWidget):
    openIncident = Signal(int)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.model = IncidentListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        title = QLabel(self.tr("事件列表"))
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("按编号、标题、单位查找"))
        self.show_closed = QCheckBox(self.tr("包括已结束的事件"))
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.search)
        bar.addWidget(self.show_closed)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.show_closed.toggled.connect(self.refresh)
        self.view.doubleClicked.connect(self._open)
        self.view.activated.connect(self._open)
        workbench.loaded.connect(self.refresh)

    def refresh(self, *_: object) -> None:
        records = self.workbench.snapshot.records
        if not self.show_closed.isChecked():
            records = [r for r in records if r.status == "open"]
        self.model.set_rows(records)
        self.view.resizeColumnsToContents()

    def _open(self, index: QModelIndex) -> None:
        record = self.proxy.data(index, RECORD_ROLE)
        if record is not None:
            self.openIncident.emit(record.id)
