"""The pages behind the navigation, in navigation order.

Another module adds or replaces a page with `MainWindow.register_page(spec)` (same key replaces).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ui.admin.page import AdminPage
from ui.app.settings_page import SettingsPage
from ui.approvals.page import ApprovalsPage
from ui.dashboard.view import DashboardPage
from ui.incidents.list_page import IncidentListPage
from ui.shell.host import Host, PageSpec


def _t(text: str) -> str:
    return QCoreApplication.translate("pages", text)


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

    return [
        PageSpec("dashboard", _t("时限看板"), dashboard, "Ctrl+1"),
        PageSpec("incidents", _t("事件列表"), incident_list, "Ctrl+2"),
        PageSpec("approvals", _t("待我审批"), approval_queue, "Ctrl+3"),
        PageSpec("settings", _t("设置"), lambda w: SettingsPage(w.settings, w.apply_settings), "Ctrl+,"),
        PageSpec("admin", _t("系统管理"), lambda w: AdminPage(w.workbench),
                 visible=lambda w: w.actor.has("admin")),  # the core refuses everyone else whatever the UI shows
    ]
