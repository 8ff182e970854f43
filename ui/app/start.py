"""`repdesk` opens here: the application, its translations and crash handling, first-run set-up or log-in,
then the main window. `run()` returns the process exit code."""

from __future__ import annotations

import gc
import logging
import sys
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop.db.session import Database, ensure_at_head
from desktop.errors import RepDeskError
from desktop.services import accounts, org
from desktop.services.accounts import Account
from ui.app import crash, i18n, theme
from ui.app.settings import Settings
from ui.auth.login import LoginDialog
from ui.data.worker import DbWorker

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

log = logging.getLogger("repdesk.ui.app")


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("RepDesk")
    app.setApplicationName("RepDesk")
    app.setApplicationDisplayName("声誉风险工作台")
    return app


class AppController(QObject):
    """From start to window and back: set-up wizard or log-in, main window, log out / switch user."""

    def __init__(self, app: QApplication, db: Database, worker: DbWorker, settings: Settings) -> None:
        super().__init__()
        self.app, self.db, self.worker, self.settings = app, db, worker, settings
        self.window: MainWindow | None = None
        self.dialog: QDialog | None = None
        self.exit_code = 0
        self.prefill = ""

    def start(self, user: str | None = None, password: str | None = None) -> None:
        """`repdesk --user NAME`: logged in straight away when the password came (REPDESK_PASSWORD), else the
        log-in dialog with the name filled in."""
        self.prefill = user or ""
        if user and password is not None:
            self.worker.submit(lambda s: accounts.authenticate(s, user, password), self._direct_ok,
                               self._direct_login_failed)
            return
        self.worker.submit(lambda s: org.is_empty(s), self._first_step, self._fatal, write=False)

    def _direct_ok(self, account: Account) -> None:
        if account.must_change_password:  # an administrator's reset: the dialog asks for a new one first
            self.show_login(account.username)._ok(account)
            return
        self.open_window(account)

    def _first_step(self, empty: bool) -> None:
        if empty:
            from ui.auth.setup_wizard import SetupWizard

            wizard = SetupWizard(self.worker)
            wizard.finishedSetup.connect(self.open_window)
            wizard.rejected.connect(self.app.quit)
            self.dialog = wizard
            wizard.show()
        else:
            self.show_login()

    def show_login(self, name: str = "") -> LoginDialog:
        dialog = LoginDialog(self.worker, name or self.prefill or self.settings.last_user)
        self.prefill = ""  # after a log-out, the last user as usual
        dialog.setWindowIcon(theme_icon())
        dialog.loggedIn.connect(self.open_window)
        dialog.rejected.connect(self.app.quit)
        self.dialog = dialog
        dialog.show()
        return dialog

    def open_window(self, account: Account) -> None:
        from ui.shell.main_window import MainWindow

        self.settings.last_user = account.username
        window = self.window = MainWindow(self.db, account, self.settings, self.worker)
        window.logoutRequested.connect(self.logout)
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

    def _fatal(self, exc: BaseException) -> None:
        log.error("cannot open the database: %s", exc)
        if crash.dialogs_enabled():
            QMessageBox.critical(None, "RepDesk", str(exc))
        self.exit_code = 1
        self.app.exit(1)


def theme_icon() -> QIcon:
    from ui.shell.main_window import app_icon

    return app_icon()


def run(database_url: str | None = None, *, user: str | None = None, password: str | None = None) -> int:
    crash.install()
    app = make_application()
    settings = Settings()
    theme.apply(app)
    i18n.install_translators(app, settings.language)
    try:
        db = Database(database_url, upgrade=False)
    except Exception as exc:  # a broken URL: say so, do not crash
        log.exception("database")
        print(f"repdesk: cannot open the database: {exc}", file=sys.stderr)
        return 1
    worker = DbWorker(db)
    controller = AppController(app, db, worker, settings)
    # The schema is brought to head first in the worker's queue, while this thread builds the window; the
    # cheap revision check spares the usual start Alembic's import.
    worker.submit(lambda _s: ensure_at_head(db.engine), None, controller._fatal, write=False)
    controller.start(user, password)
    code = app.exec()
    worker.stop()
    db.dispose()
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
