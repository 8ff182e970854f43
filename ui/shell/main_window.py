"""The main window: navigation between registered pages, the incident page, the clock, the status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.db.session import Database
from desktop.domain import ROLES, Actor, IncidentRecord
from desktop.paths import resource
from desktop.services import deadline_board as dl
from desktop.services.accounts import Account
from desktop.timeutil import format_cst, now_utc
from ui.app.settings import Settings
from ui.auth.password import ChangePasswordDialog
from ui.dashboard.notifier import Notifier
from ui.dashboard.reminders import ReminderPanel
from ui.data.workbench import Preload, Workbench
from ui.data.worker import DbWorker
from ui.shell.host import PageSpec
from ui.shell.pages import default_pages
from ui.shell.search import SearchBox

if TYPE_CHECKING:
    from ui.incidents.intake import IntakeDialog
    from ui.incidents.page import IncidentPage


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "repdesk.svg")))


class _Deferred(QWidget):
    """Where a page not built yet stands in the stack."""


class _Pages(dict[str, QWidget]):
    """The window's pages by key. A deferred page is built when first asked for (`pages[key]`, `pages.get(key)`);
    iterating gives the stand-ins of those not built yet (they have no tick, no title of their own)."""

    def __init__(self, build: Callable[[str, QWidget], QWidget]) -> None:
        super().__init__()
        self._build = build

    def __getitem__(self, key: str) -> QWidget:
        widget = super().__getitem__(key)
        if isinstance(widget, _Deferred):
            widget = self._build(key, widget)
            super().__setitem__(key, widget)
        return widget

    def get(self, key: str, default: QWidget | None = None) -> QWidget | None:  # type: ignore[override]
        if key not in self:
            return default
        return self[key]


class MainWindow(QMainWindow):
    logoutRequested = Signal()

    def __init__(self, db: Database, account: Account, settings: Settings | None = None,
                 worker: DbWorker | None = None, pages: list[PageSpec] | None = None,
                 preload: Preload | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.account = account
        # Kept current by changes, not by a timer: its change feed hears every commit (ui.data.live).
        # `preload`: the open incidents read while the password was typed (ui.app.start), narrowed to this account.
        self.workbench = Workbench(db, account, worker, self, preload=preload)
        self.workbench.thresholds = dl.Thresholds(self.settings.due_soon_min_minutes)
        # The first load queued first: the worker runs jobs in order, and the pages built below queue their own
        # reads (the approval queue's); its answer is handled once this constructor has returned.
        self.workbench.reload()
        self.notifier = Notifier(self.settings, app_icon(), self)
        # The page and who is logged in; Qt adds the program's name (applicationDisplayName) once after it.
        self.setWindowTitle(account.display_name)
        self.setWindowIcon(app_icon())
        self.pages: dict[str, QWidget] = _Pages(self._build_page)
        self.specs: dict[str, PageSpec] = {}
        self.intake: IntakeDialog | None = None
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        self._incident_page: IncidentPage | None = None
        # Above every page: the deadline reminders the user has not acknowledged (hidden when there are none).
        self.reminders = ReminderPanel(self.workbench)
        self.reminders.openIncident.connect(self.open_incident)
        self.reminders.appeared.connect(self._remind)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.reminders)
        row = QHBoxLayout()
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        column.addLayout(row, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self._build_status()
        # The page the window opens on is built now (and the approval queue, whose count shows in the navigation),
        # the others when first shown or asked for: building every page first kept the filled dashboard from the
        # user for a second or more.
        first = self.settings.last_page
        for spec in pages if pages is not None else default_pages():
            self.register_page(spec, defer=spec.key not in (first, "dashboard", "approvals"))
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.stack.currentChanged.connect(self._retitle)
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self.tick)
        self.clock.start()
        self.workbench.loaded.connect(self._on_loaded)
        self.workbench.worker.busyChanged.connect(self._show_busy)
        self.workbench.failed.connect(lambda e: self.statusBar().showMessage(getattr(e, "message", str(e)), 10000))
        self.workbench.accountDisabled.connect(self._account_disabled)
        self._restore()

    # --- pages -----------------------------------------------------------------------------------------------

    @property
    def actor(self) -> Actor:
        return self.account.actor()

    def register_page(self, spec: PageSpec, defer: bool = False) -> QWidget | None:
        """Add a page to the navigation, or replace the page with the same key. `defer`: a stand-in now, the page
        when first asked for (`pages[key]`, `pages.get(key)`, shown)."""
        if not spec.visible(self):
            return None
        widget = _Deferred() if defer else spec.factory(self)
        if spec.key in self.pages:
            old = dict.__getitem__(self.pages, spec.key)  # a stand-in is replaced unbuilt
            index = self.stack.indexOf(old)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(index, widget)
            row = list(self.specs).index(spec.key)
            self.nav.item(row).setText(spec.title)
        else:
            self.stack.addWidget(widget)
            item = QListWidgetItem(spec.title)
            item.setData(256, spec.key)
            self.nav.addItem(item)
            if spec.shortcut:
                action = QAction(self)
                action.setShortcut(QKeySequence(spec.shortcut))
                action.triggered.connect(lambda _=False, k=spec.key: self.show_page(k))
                self.addAction(action)
        self.pages[spec.key] = widget
        self.specs[spec.key] = spec
        return widget

    def _build_page(self, key: str, stand_in: QWidget) -> QWidget:
        """Build a deferred page in its stand-in's place (_Pages calls this on first access)."""
        widget = self.specs[key].factory(self)
        index = self.stack.indexOf(stand_in)
        current = self.stack.currentWidget() is stand_in
        self.stack.insertWidget(index, widget)
        if current:
            self.stack.setCurrentWidget(widget)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        return widget

    def show_page(self, key: str) -> None:
        if key in self.specs:
            self.nav.setCurrentRow(list(self.specs).index(key))

    def current_key(self) -> str:
        item = self.nav.currentItem()
        return item.data(256) if item is not None else ""

    def _nav_changed(self, row: int) -> None:
        key = self.nav.item(row).data(256) if row >= 0 else None
        if key in self.pages:
            self.stack.setCurrentWidget(self.pages[key])
            self.settings.last_page = key
            activated = getattr(self.pages[key], "activated", None)
            if callable(activated):
                activated()
        self._retitle()

    def _retitle(self, *_: object) -> None:
        current = self.stack.currentWidget()
        if current is not None and current is self._incident_page:
            where = self.tr("事件详情")
        else:
            where = next((self.specs[k].title for k, w in self.pages.items() if w is current and k in self.specs), "")
        who = self.account.display_name
        self.setWindowTitle(self.tr("%1 — %2").replace("%1", where).replace("%2", who) if where else who)

    def prepare_incident_page(self) -> None:
        """Build the incident page ahead of its first use: once the dashboard is filled, while it is being read
        (0.1-0.2 s, after which the first incident opened shows at once). The start calls it; a window made
        otherwise builds the page when it is first asked for."""

        def loaded() -> None:
            self.workbench.loaded.disconnect(loaded)
            QTimer.singleShot(300, self, lambda: self.incident_page)  # after the dashboard's first paint

        if self.workbench.snapshot.at is not None:
            QTimer.singleShot(300, self, lambda: self.incident_page)
        else:
            self.workbench.loaded.connect(loaded)

    @property
    def incident_page(self) -> IncidentPage:
        """Built on first use: the window is usable sooner, and most starts begin at the dashboard."""
        if self._incident_page is None:
            from ui.incidents.page import IncidentPage

            self._incident_page = IncidentPage(self.workbench)
            self._incident_page.back.connect(self.go_back)
            self.stack.addWidget(self._incident_page)
        return self._incident_page

    def set_page_count(self, key: str, count: int) -> None:
        """A count after a page's title in the navigation, e.g. 待我审批 (3)."""
        if key in self.specs and key in self.pages:
            title = self.specs[key].title
            self.nav.item(list(self.specs).index(key)).setText(f"{title} ({count})" if count else title)

    def open_incident(self, incident_id: int, tab: str = "") -> None:
        self.incident_page.show_incident(incident_id)
        if tab:
            self.incident_page.show_tab(tab)
        self.stack.setCurrentWidget(self.incident_page)
        self.nav.clearSelection()

    def go_back(self) -> None:
        self.stack.setCurrentWidget(self.pages.get(self.current_key()) or self.pages["dashboard"])

    # --- actions, status -------------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        bar = QToolBar(self.tr("工具栏"))
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setIconSize(QSize(18, 18))
        self.addToolBar(bar)
        self.new_action = QAction(self.tr("登记新事件 (Ctrl+N)"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_incident)
        self.reload_action = QAction(self.tr("刷新 (F5)"), self)
        self.reload_action.setShortcut(QKeySequence("F5"))
        self.reload_action.triggered.connect(self.workbench.reload)
        self.wall_action = QAction(self.tr("值班大屏 (F11)"), self)
        self.wall_action.setShortcut(QKeySequence("F11"))
        self.wall_action.triggered.connect(self.toggle_wall)
        self.logout_action = QAction(self.tr("注销/切换用户"), self)
        self.logout_action.triggered.connect(self.logoutRequested.emit)
        # Everyone, the administrator included, changes their own password here (the core checks the old one).
        self.password_action = QAction(self.tr("修改密码…"), self)
        self.password_action.setObjectName("change_password")
        self.password_action.triggered.connect(self.change_password)
        self.password_dialog: ChangePasswordDialog | None = None
        for action in (self.new_action, self.reload_action, self.wall_action, self.password_action,
                       self.logout_action):
            bar.addAction(action)
        from ui.printing.register import install_actions

        self.register_actions = install_actions(self, self.workbench, bar)  # 打印台账…, 验证PDF…
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.search = SearchBox(self.workbench, self)  # its answers are laid over the window
        self.search.openIncident.connect(self.open_incident)
        bar.addWidget(self.search)
        self.find_action = QAction(self.tr("查找事件"), self)
        self.find_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence(QKeySequence.StandardKey.Find)])
        self.find_action.triggered.connect(self.search.focus_search)
        self.addAction(self.find_action)

    def change_password(self) -> None:
        self.password_dialog = ChangePasswordDialog(self.workbench.worker, self.account, parent=self)
        self.password_dialog.changed.connect(self._password_changed)
        self.password_dialog.open()

    def _password_changed(self, account: Account) -> None:
        self.account = account
        self.statusBar().showMessage(self.tr("密码已修改"), 5000)

    def _build_status(self) -> None:
        a = self.account
        roles = "、".join(self.tr(ROLES.get(r, r)) for r in sorted(a.roles))
        self.user_label = QLabel(self.tr("%1（%2）· %3").replace("%1", a.display_name).replace("%2", a.unit_name)
                                 .replace("%3", roles))
        self.busy = QLabel()
        self.loaded_label = QLabel()
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.loaded_label)
        self.statusBar().addWidget(self.user_label)

    def _account_disabled(self, message: str) -> None:
        """The accounts table says this account is disabled: say so, then log out (nothing may be done here)."""
        if getattr(self, "_logging_out", False):
            return
        self._logging_out = True
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("账号已停用"), message)
        box.setObjectName("accountDisabledBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.disabled_notice = box
        self.logoutRequested.emit()

    def _show_busy(self, busy: bool) -> None:
        self.busy.setText(self.tr("正在读写数据…") if busy else "")

    def _on_loaded(self) -> None:
        at = self.workbench.snapshot.at
        self.loaded_label.setText(self.tr("数据更新于 %1").replace("%1", format_cst(at, seconds=True)) if at else "")

    def new_incident(self) -> None:
        from ui.incidents.intake import IntakeDialog

        self.intake = IntakeDialog(self.workbench, self)
        self.intake.created.connect(lambda r: self._created(r))
        self.intake.open()

    def _created(self, record: IncidentRecord) -> None:
        self.statusBar().showMessage(self.tr("事件 %1 已登记").replace("%1", record.number), 8000)
        self.open_incident(record.id)

    def toggle_wall(self) -> None:
        dashboard = self.pages.get("dashboard")
        if dashboard is not None:
            dashboard.toggle_wall()  # type: ignore[attr-defined]

    def apply_settings(self) -> None:
        s = self.settings
        dashboard = self.pages.get("dashboard")
        if dashboard is not None:
            dashboard.set_thresholds(dl.Thresholds(s.due_soon_min_minutes))  # type: ignore
        self.workbench.thresholds = dl.Thresholds(s.due_soon_min_minutes)  # the queue and the incident page
        self.reminders.refresh()  # a new due-soon threshold may bring reminders

    def _remind(self, items: list[tuple[dl.DeadlineRow, str]]) -> None:
        """New reminders are in the panel; the notifier flashes the taskbar entry, beeps if chosen, and shows a
        tray balloon where there is a tray."""
        self.notifier.on_states(items)

    def tick(self) -> None:
        now = now_utc()
        self.reminders.tick(now)
        for widget in (*self.pages.values(), self._incident_page):
            tick = getattr(widget, "tick", None)
            if callable(tick):
                tick(now)

    # --- geometry --------------------------------------------------------------------------------------------

    def _restore(self) -> None:
        if not self.restoreGeometry(self.settings.geometry):
            # The first start: 1440×900, but never more than the screen offers (a 1366×768 office laptop).
            screen = self.screen().availableGeometry()
            self.resize(min(1440, screen.width()), min(900, screen.height()))
        self.restoreState(self.settings.window_state)
        self.show_page(self.settings.last_page if self.settings.last_page in self.specs else "dashboard")
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.sync()
        if self.intake is not None:
            self.intake.editor.flush()
        if self._incident_page is not None:
            self._incident_page.editor.flush()
        self.clock.stop()
        self.workbench.shutdown()
        dashboard = self.pages.get("dashboard")
        if dashboard is not None and getattr(dashboard, "wall", None) is not None:
            dashboard.wall.close()  # type: ignore[attr-defined]
        super().closeEvent(event)
