"""The pages behind the navigation, in navigation order.

Another module adds or replaces a page with `MainWindow.register_page(spec)` (same key replaces).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.admin.page import AdminPage
from ui.app.settings_page import SettingsPage
from ui.approvals.page import ApprovalsPage
from ui.dashboard.view import DashboardPage
from ui.data.workbench import Workbench
from ui.exchange.page import OPERATORS as EXCHANGE_OPERATORS
from ui.exchange.page import ExchangePage
from ui.incidents.list_page import IncidentListPage
from ui.registers import pages as registers
from ui.shell.host import Host, PageSpec
from ui.statistics.page import StatisticsPage


def _t(text: str) -> str:
    return QCoreApplication.translate("pages", text)


def _register(factory: Callable[[Workbench, Callable[[int], None], Callable[[str], None]], QWidget]
              ) -> Callable[[Host], QWidget]:
    """A register page: its incidents open in the window, its messages go to the status bar."""
    return lambda w: factory(w.workbench, w.open_incident, lambda text: w.statusBar().showMessage(text, 8000))


def default_pages() -> list[PageSpec]:
    def dashboard(w: Host) -> QWidget:
        page = DashboardPage(w.workbench, w.settings)
        page.openIncident.connect(w.open_incident)
        # Reminders (panel, taskbar, sound, tray) come from the window's ReminderPanel on every page, not from here.
        return page

    def incident_list(w: Host) -> QWidget:
        page = IncidentListPage(w.workbench)
        page.openIncident.connect(w.open_incident)
        page.message.connect(lambda text: w.statusBar().showMessage(text, 8000))
        return page

    def approval_queue(w: Host) -> QWidget:
        page = ApprovalsPage(w.workbench)
        page.countChanged.connect(lambda n: w.set_page_count("approvals", n))
        page.openIncident.connect(lambda i: w.open_incident(i, tab="documents"))
        page.message.connect(lambda text: w.statusBar().showMessage(text, 8000))
        return page

    def statistics(w: Host) -> QWidget:
        page = StatisticsPage(w.workbench)
        page.message.connect(lambda text: w.statusBar().showMessage(text, 8000))
        return page

    def exchange(w: Host) -> QWidget:
        page = ExchangePage(w.workbench)
        page.openIncident.connect(w.open_incident)
        page.message.connect(lambda text: w.statusBar().showMessage(text, 8000))
        return page

    return [
        PageSpec("dashboard", _t("时限看板"), dashboard, "Ctrl+1"),
        PageSpec("incidents", _t("事件列表"), incident_list, "Ctrl+2"),
        PageSpec("approvals", _t("待我审批"), approval_queue, "Ctrl+3"),
        # The registers of the reputation-risk year, each a page of its own (ui/registers).
        *(PageSpec(key, title, _register(factory)) for key, title, factory in (
            ("monitoring", _t("舆情监测"), registers.monitoring_page),
            ("complaints", _t("投诉台账"), registers.complaints_page),
            ("media", _t("媒体与发言人"), registers.media_page),
            ("prevention", _t("预防工作"), registers.prevention_page),
            ("accountability", _t("责任追究"), registers.accountability_page))),
        PageSpec("statistics", _t("统计"), statistics, "Ctrl+5"),
        # Packages between installations (offline sites and their upstream); the core checks rights anyway.
        PageSpec("exchange", _t("数据交换"), exchange, visible=lambda w: w.actor.has(*EXCHANGE_OPERATORS)),
        PageSpec("settings", _t("设置"), lambda w: SettingsPage(w.settings, w.apply_settings), "Ctrl+,"),
        PageSpec("admin", _t("系统管理"), lambda w: AdminPage(w.workbench),
                 visible=lambda w: w.actor.has("admin")),  # the core refuses everyone else whatever the UI shows
    ]
