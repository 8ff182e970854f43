"""`repdesk` opens here: the application, its translations and crash handling, first-run set-up or log-in,
then the main window. `run()` returns the process exit code.

The log-in dialog is drawn first, before anything of the core is loaded: this module and the dialog import Qt
and the light `ui.app` helpers only. Behind the dialog a thread (`_Boot`) imports the core, opens the database,
brings its schema to head, asks whether the organisation is still empty (then the set-up wizard replaces the
dialog) and, while the user types, imports the main window; the password is checked in the database worker.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from desktop.errors import RepDeskError
from desktop.paths import resource
from ui.app import crash, i18n, theme
from ui.app.settings import Settings
from ui.auth.login import LoginDialog

if TYPE_CHECKING:  # typing only: these load behind the first dialog (_Boot)
    from desktop.db.session import Database
    from desktop.services.accounts import Account
    from ui.data.workbench import Preload
    from ui.data.worker import DbWorker
    from ui.shell.main_window import MainWindow

log = logging.getLogger("repdesk.ui.app")


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        # Fractional scaling (HighDpiScaleFactorRoundingPolicy.PassThrough) is Qt 6's default: not set here, as
        # touching PySide6's `Qt` namespace costs 60 ms before the first dialog.
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("RepDesk")
    app.setApplicationName("RepDesk")
    app.setApplicationDisplayName("声誉风险工作台")
    return app


class _Boot(QObject):
    """The slow part of starting, in a plain thread while the first dialog is on screen: imports (SQLAlchemy,
    the models, the services), the connection, the schema check (migrations when needed), whether the
    organisation is still empty; then the main window's modules, so that opening it after the log-in costs only
    its construction. Results come back by queued signal to the controller in the UI thread."""

    ready = Signal(object, bool)  # the Database, whether the organisation is empty
    failed = Signal(object)  # the exception: the database cannot be opened

    def __init__(self, url: str | None, due_soon_minutes: int = 10) -> None:
        super().__init__()
        self.url = url
        self.due_soon_minutes = due_soon_minutes  # the settings' "due soon", for the preload's states
        self.db: Database | None = None
        self.runner = threading.Thread(target=self._run, name="repdesk-boot", daemon=True)
        self.go = threading.Event()
        self.prepared = threading.Event()  # the imports are done: what is left (the preload) may be abandoned
        self._lock = threading.Lock()
        self._preload: Preload | None = None
        self._claimed = False

    def claim_preload(self) -> Preload | None:
        """The open incidents read ahead for the first window (once: later windows read their own). None when
        the reading has not begun: it then never begins."""
        with self._lock:
            self._claimed = True
            preload, self._preload = self._preload, None
        return preload

    def start(self) -> None:
        self.runner.start()

    @Slot()
    def dialog_drawn(self) -> None:
        self.go.set()

    def _run(self) -> None:
        try:
            empty = self._prepare()
        finally:
            self.prepared.set()
        if empty is None or empty or self.db is None:
            return
        # Last, while the password is typed: the open incidents for the window (ui.data.workbench.Preload).
        from desktop.services.deadline_board import Thresholds
        from ui.data.workbench import Preload

        with self._lock:
            if self._claimed:  # the window is already open and reads them itself
                return
            preload = self._preload = Preload(self.db, Thresholds(self.due_soon_minutes))
        preload.run()

    def _prepare(self) -> bool | None:
        """Whether the organisation is empty; None when the database cannot be opened."""
        # Python runs one thread at a time: imports started before the dialog's first paint would delay it.
        # The dialog says when it is drawn; without a dialog (--user with a password) there is nothing to wait for.
        self.go.wait(timeout=2.0)
        try:
            from desktop.db.session import Database, ensure_at_head
            from desktop.services import org

            db = Database(self.url, upgrade=False)
            ensure_at_head(db.engine)
            with db.read() as session:
                empty = org.is_empty(session)
        except Exception as exc:  # a broken URL, an unreachable server, a damaged file: said, not crashed
            log.exception("database")
            self.failed.emit(exc)
            return None
        self.db = db
        self.ready.emit(db, empty)
        try:
            import ui.shell.main_window  # noqa: F401 - imported for its side effect: the modules loaded meanwhile

            # Paper too: the first preview would otherwise load ReportLab, the faces and the segmenter.
            from desktop.reports.blocks import title_words
            from desktop.reports.fonts import font_set

            font_set()
            title_words("声誉风险事件报告")
        except Exception:  # the UI thread or the worker does it again when needed, and reports what fails
            log.exception("preparing the main window and printing")
        return empty


class AppController(QObject):
    """From start to window and back: set-up wizard or log-in, main window, log out / switch user."""

    def __init__(self, app: QApplication, settings: Settings) -> None:
        super().__init__()
        self.app, self.settings = app, settings
        self.db: Database | None = None
        self.worker: DbWorker | None = None
        self.window: MainWindow | None = None
        self.dialog: QDialog | None = None
        self.exit_code = 0
        self.prefill = ""
        self._direct: tuple[str, str] | None = None
        self._boot: _Boot | None = None

    def start(self, url: str | None, user: str | None = None, password: str | None = None) -> None:
        """The log-in dialog at once (the name filled in with `repdesk --user NAME`), the database behind it;
        `--user` with REPDESK_PASSWORD logs in straight away, with no dialog."""
        self.prefill = user or ""
        boot = self._boot = _Boot(url, self.settings.due_soon_min_minutes)
        boot.ready.connect(self._booted)
        boot.failed.connect(self._fatal)
        if user and password is not None:
            self._direct = (user, password)
            boot.go.set()
        else:
            self.show_login().painted.connect(boot.dialog_drawn)
        boot.start()

    @Slot(object, bool)
    def _booted(self, db: Database, empty: bool) -> None:
        from ui.data.worker import DbWorker

        self.db = db
        worker = self.worker = DbWorker(db)
        if self._direct is not None:
            user, password = self._direct
            self._direct = None
            from desktop.services import accounts

            worker.submit(lambda s: accounts.authenticate(s, user, password), self._direct_ok,
                          self._direct_login_failed)
        elif empty:
            self._first_run()
        elif isinstance(self.dialog, LoginDialog):
            self.dialog.attach(worker)

    def _direct_ok(self, account: Account) -> None:
        if account.must_change_password:  # an administrator's reset: the dialog asks for a new one first
            self.show_login(account.username)._ok(account)
            return
        self.open_window(account)

    def _first_run(self) -> None:
        """No organisation yet: the set-up wizard takes the log-in dialog's place."""
        from ui.auth.setup_wizard import SetupWizard

        assert self.worker is not None
        old = self.dialog
        wizard = SetupWizard(self.worker)
        wizard.setWindowIcon(app_icon())
        wizard.finishedSetup.connect(self.open_window)
        wizard.rejected.connect(self.app.quit)
        self.dialog = wizard
        wizard.show()
        if old is not None:
            old.rejected.disconnect(self.app.quit)
            old.close()
            old.deleteLater()

    def show_login(self, name: str = "") -> LoginDialog:
        dialog = LoginDialog(self.worker, name or self.prefill or self.settings.last_user)
        self.prefill = ""  # after a log-out, the last user as usual
        dialog.setWindowIcon(app_icon())
        dialog.loggedIn.connect(self.open_window)
        dialog.rejected.connect(self.app.quit)
        self.dialog = dialog
        dialog.show()
        return dialog

    def open_window(self, account: Account) -> None:
        from ui.shell.main_window import MainWindow  # imported meanwhile by _Boot: a dictionary look-up now

        assert self.db is not None and self.worker is not None
        self.settings.last_user = account.username
        preload = self._boot.claim_preload() if self._boot is not None else None
        window = self.window = MainWindow(self.db, account, self.settings, self.worker, preload=preload)
        window.logoutRequested.connect(self.logout)
        window.prepare_incident_page()
        window.show()
        log.info("logged in: %s", account.username)

    def logout(self) -> None:
        window, self.window = self.window, None
        if window is not None:
            self.app.setQuitOnLastWindowClosed(False)
            window.close()
            window.deleteLater()
        self.show_login()
        self.app.setQuitOnLastWindowClosed(True)

    def _direct_login_failed(self, exc: BaseException) -> None:
        message = exc.message if isinstance(exc, RepDeskError) else str(exc)
        log.error("log-in with --user failed: %s", message)
        print(f"repdesk: {message}", file=sys.stderr)
        self.exit_code = 2
        self.app.exit(2)

    @Slot(object)
    def _fatal(self, exc: BaseException) -> None:
        log.error("cannot open the database: %s", exc)
        print(f"repdesk: cannot open the database: {exc}", file=sys.stderr)
        if crash.dialogs_enabled():
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(self.dialog, "RepDesk", str(exc))
        self.exit_code = 1
        self.app.exit(1)

    def shut_down(self) -> None:
        if self._boot is not None:
            # It finishes its imports (a thread killed mid-import leaves half a module); a read ahead of the
            # log-in still running is abandoned with the process.
            self._boot.claim_preload()
            self._boot.prepared.wait()
        if self.worker is not None:
            self.worker.stop()
        if self.db is not None:
            self.db.dispose()


def app_icon() -> QIcon:
    return QIcon(str(resource("icons", "repdesk.svg")))


theme_icon = app_icon  # the name earlier versions used


def run(database_url: str | None = None, *, user: str | None = None, password: str | None = None) -> int:
    crash.install()
    app = make_application()
    settings = Settings()
    theme.apply(app)
    i18n.install_translators(app, settings.language)
    controller = AppController(app, settings)
    controller.start(database_url, user, password)
    code = app.exec()
    controller.shut_down()
    _tear_down(app, controller)
    return code or controller.exit_code


def _tear_down(app: QApplication, controller: AppController) -> None:
    """Destroy the widgets while Qt and Python are both alive; left to the interpreter's final garbage
    collection, PySide6 can abort the process on its way out."""
    window = controller.window
    controller.window = None
    if window is not None:
        window.close()
        shiboken6.delete(window)
    for widget in app.topLevelWidgets():
        if shiboken6.isValid(widget):
            shiboken6.delete(widget)
    app.processEvents()
    gc.collect()
