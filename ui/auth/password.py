"""Changing one's own password: the old one, the new one twice. After an administrator's reset the log-in opens
it before the window (the administrator knows the reset password, so it must not stay in use)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from desktop.errors import RepDeskError
from desktop.services import accounts
from desktop.services.accounts import Account
from ui.common.widgets import banner
from ui.data.worker import DbWorker


class ChangePasswordDialog(QDialog):
    changed = Signal(object)  # the Account, read again after the change

    def __init__(self, worker: DbWorker, account: Account, *, forced: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker, self.account = worker, account
        self.setWindowTitle(self.tr("修改密码"))
        note = QLabel(self.tr("管理员已重置您的密码，请先设置新密码再继续使用。") if forced
                      else self.tr("请输入原密码和新密码。"))
        note.setWordWrap(True)
        self.error = banner("errorBanner")
        self.old, self.new, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.old, self.new, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setMaxLength(accounts.MAX_PASSWORD)
        form = QFormLayout()
        form.addRow(self.tr("原密码"), self.old)
        form.addRow(self.tr("新密码"), self.new)
        form.addRow(self.tr("再次输入新密码"), self.again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        self.old.setFocus()

    def submit(self) -> None:
        old, new = self.old.text(), self.new.text()
        if new != self.again.text():
            self._failed_text(self.tr("两次输入的新密码不一致"))
            return
        self.error.hide()
        self.buttons.setEnabled(False)
        actor = self.account.actor()
        user_id = self.account.id

        def change(s: Session) -> Account:
            accounts.change_password(s, actor, old, new)
            return accounts.get_account(s, user_id)

        self.worker.submit(change, self._ok, self._failed)

    def _ok(self, account: Account) -> None:
        self.buttons.setEnabled(True)
        self.account = account
        self.changed.emit(account)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self._failed_text(exc.message if isinstance(exc, RepDeskError) else str(exc))

    def _failed_text(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.new.clear()
        self.again.clear()
