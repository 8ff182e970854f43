"""The log-in dialog: the core authenticates (and locks out); the dialog only asks and shows its answer."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.errors import RepDeskError
from desktop.services import accounts
from desktop.services.accounts import Account
from ui.auth.password import ChangePasswordDialog
from ui.common.widgets import banner
from ui.data.worker import DbWorker


class LoginDialog(QDialog):
    loggedIn = Signal(object)  # Account

    def __init__(self, worker: DbWorker, last_user: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.account: Account | None = None
        self.setWindowTitle(self.tr("登录"))  # Qt adds the program's name (applicationDisplayName)
        heading = QLabel(self.tr("声誉风险工作台"))
        heading.setObjectName("pageTitle")
        self.error = banner("errorBanner")
        self.username = QLineEdit(last_user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.username.setMaxLength(60)  # users.username
        self.password.setMaxLength(accounts.MAX_PASSWORD)
        self.change_dialog: ChangePasswordDialog | None = None
        form = QFormLayout()
        form.addRow(self.tr("登录名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        (self.password if last_user else self.username).setFocus()

    def submit(self) -> None:
        username, password = self.username.text(), self.password.text()
        self.error.hide()
        self.buttons.setEnabled(False)
        self.worker.submit(lambda s: accounts.authenticate(s, username, password), self._ok, self._failed)

    def _ok(self, account: Account) -> None:
        self.buttons.setEnabled(True)
        if account.must_change_password:  # an administrator's reset: a new password before the window
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
        self.buttons.setEnabled(True)
        self.error.setText(exc.message if isinstance(exc, RepDeskError) else str(exc))
        self.error.show()
        self.password.selectAll()
        self.password.setFocus()
