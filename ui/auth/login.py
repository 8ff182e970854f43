"""The log-in dialog: the core authenticates (and locks out); the dialog only asks and shows its answer.

It is the first thing drawn at start, so it imports Qt and nothing of the core: the database, the services and
the main window load behind it (ui.app.start), and the password is checked in the worker (scrypt takes a tenth of
a second or more), with a busy bar meanwhile, so the dialog stays responsive. Created before the database is open
(`worker` None), it takes the name and password at once and sends them when `attach(worker)` comes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import RepDeskError  # an enum and the exceptions: light

if TYPE_CHECKING:  # typing only: importing the core here would delay the first paint
    from desktop.services.accounts import Account
    from ui.auth.password import ChangePasswordDialog
    from ui.data.worker import DbWorker

# desktop.services.accounts.MAX_PASSWORD, written here so the dialog needs no core import (a test checks they
# agree): scrypt takes any length; the bound keeps a pasted file from being hashed.
MAX_PASSWORD = 256
MAX_USERNAME = 60  # users.username


class LoginDialog(QDialog):
    loggedIn = Signal(object)  # Account
    painted = Signal()  # the first paint: the rest of the program loads once the dialog is on screen

    def __init__(self, worker: DbWorker | None, last_user: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.account: Account | None = None
        self._pending: tuple[str, str] | None = None  # asked for before the database was open
        self._painted = False
        self.setWindowTitle(self.tr("登录"))  # Qt adds the program's name (applicationDisplayName)
        heading = QLabel(self.tr("声誉风险工作台"))
        heading.setObjectName("pageTitle")
        self.error = QLabel()
        self.error.setObjectName("errorBanner")
        self.error.setWordWrap(True)
        self.error.hide()
        self.username = QLineEdit(last_user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username.setMaxLength(MAX_USERNAME)
        self.password.setMaxLength(MAX_PASSWORD)
        self.change_dialog: ChangePasswordDialog | None = None
        form = QFormLayout()
        form.addRow(self.tr("登录名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        # What the dialog is waiting for (the database opening, the password being checked), with a busy bar.
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: it moves while the worker works
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        for widget in (self.status, self.busy):  # the dialog keeps its size as they come and go
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        self.busy.hide()
        # Buttons of its own rather than the standard Ok/Cancel: those look up their icons in the platform's icon
        # theme, a tenth of a second before the first paint. The box still orders them as the platform does.
        self.buttons = QDialogButtonBox()
        self.ok_button = QPushButton(self.tr("登录"))
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QPushButton(self.tr("取消")), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        (self.password if last_user else self.username).setFocus()
        if worker is None:
            self._show_busy(self.tr("正在打开数据库…"), moving=False)
        else:
            self._show_busy("", moving=False)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()

    def _show_busy(self, text: str, *, moving: bool) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.busy.setVisible(moving)
        self.ok_button.setEnabled(not moving)

    def attach(self, worker: DbWorker) -> None:
        """The database is open: a log-in asked for meanwhile is sent now."""
        self.worker = worker
        pending, self._pending = self._pending, None
        if pending is not None:
            self._send(*pending)
        else:
            self._show_busy("", moving=False)

    def submit(self) -> None:
        username, password = self.username.text(), self.password.text()
        self.error.hide()
        if self.worker is None:
            self._pending = (username, password)
            self._show_busy(self.tr("正在打开数据库…"), moving=True)
            return
        self._send(username, password)

    def _send(self, username: str, password: str) -> None:
        from desktop.services import accounts  # loaded behind the dialog by then (ui.app.start)

        assert self.worker is not None
        self._show_busy(self.tr("正在验证密码…"), moving=True)
        self.worker.submit(lambda s: accounts.authenticate(s, username, password), self._ok, self._failed)

    def _ok(self, account: Account) -> None:
        self._show_busy("", moving=False)
        if account.must_change_password:  # an administrator's reset: a new password before the window
            from ui.auth.password import ChangePasswordDialog

            assert self.worker is not None
            self.change_dialog = ChangePasswordDialog(self.worker, account, forced=True, parent=self)
            self.change_dialog.changed.connect(self._ok)
            self.change_dialog.rejected.connect(self._change_declined)
            self.change_dialog.open()
            return
        self.account = account
        self.loggedIn.emit(account)
        self.accept()

    def _change_declined(self) -> None:
        self.error.setText(self.tr("须先设置新密码才能登录"))
        self.error.show()
        self.password.clear()
        self.password.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self._show_busy("", moving=False)
        self.error.setText(exc.message if isinstance(exc, RepDeskError) else str(exc))
        self.error.show()
        self.password.selectAll()
        self.password.setFocus()
