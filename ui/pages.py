"""The pages behind the navigation, and how more are added.

A page is a PageSpec: a key, a title, and a factory `(window) -> QWidget`. `default_pages()` lists them in
navigation order; another module adds or replaces one with `MainWindow.register_page(spec)` (same key
replaces: e.g. `PageSpec("approvals", ..., lambda w: ApprovalsPage(w.workbench))` from ui/approvals.py).
A page may define `tick(now)` (called every second while the window runs) and `activated()` (when shown).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt, Signal
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

from ui.incident_models import RECORD_ROLE, SORT_ROLE, IncidentListModel
from ui.workbench import Workbench

if TYPE_CHECKING:
    from ui.main_window import MainWindow


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # already translated
    factory: Callable[[MainWindow], QWidget]
    shortcut: str = ""
    visible: Callable[[MainWindow], bool] = lambda _w: True  # e.g. admin pages: lambda w: w.actor.has("admin")


def _t(text: str) -> str:
    return QCoreApplication.translate("pages", text)


def default_pages() -> list[PageSpec]:
    from ui.admin import admin_page_spec
    from ui.dashboard import DashboardPage
    from ui.settings_page import SettingsPage

    def dashboard(w: MainWindow) -> QWidget:
        page = DashboardPage(w.workbench, w.settings)
        page.openIncident.connect(w.open_incident)
        page.model.stateEntered.connect(w.notifier.on_state)
        return page

    def incident_list(w: MainWindow) -> QWidget:
        page = IncidentListPage(w.workbench)
        page.openIncident.connect(w.open_incident)
        return page

    def approval_queue(w: MainWindow) -> QWidget:
        from ui.approvals import ApprovalsPage

        page = ApprovalsPage(w.workbench)
        page.countChanged.connect(lambda n: w.set_page_count("approvals", n))
        page.openIncident.connect(lambda i: w.open_incident(i, tab="documents"))
        page.message.connect(lambda text: w.statusBar().showMessage(text, 8000))
        return page

    return [
        PageSpec("dashboard", _t("时限看板"), dashboard, "Ctrl+1"),
        PageSpec("incidents", _t("事件列表"), incident_list, "Ctrl+2"),
        PageSpec("approvals", _t("待我审批"), approval_queue, "Ctrl+3"),
        PageSpec("settings", _t("设置"), lambda w: SettingsPage(w.settings, w.apply_settings), "Ctrl+,"),
        admin_page_spec(),  # 系统管理, administrators only
    ]


class EmptyPage(QWidget):
    """A real page with nothing to list yet, saying so plainly."""

    def __init__(self, title: str, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        heading.setObjectName("pageTitle")
        self.message = QLabel(message)
        self.message.setObjectName("hint")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addStretch(2)


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
