"""Reading one frozen version and deciding on it: approve, return with a comment, sign, or confirm it was sent."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.services.approvals import QueueItem
from desktop.services.documents import DocumentVersionView
from desktop.timeutil import format_cst
from ui.approvals import controller as ctl
from ui.approvals.render import version_html
from ui.common.widgets import banner, cst_edit, get_cst, mark_invalid
from ui.data.workbench import Workbench


class DecisionDialog(QDialog):
    decided = Signal(str)  # what was done, for the status bar

    def __init__(self, workbench: Workbench, item: QueueItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench, self.item = workbench, item
        self.view: DocumentVersionView | None = None
        self.setWindowTitle(self.tr("%1：%2").replace("%1", item.action_label).replace("%2", item.kind_label))
        heading = QLabel(self._heading(item))
        heading.setWordWrap(True)
        self.error = banner("errorBanner")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setPlaceholderText(self.tr("正在读取文件…"))
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(60)
        self.comment.setPlaceholderText(self.tr("审批意见；退回时必填"))
        self.sent_at = cst_edit(self)
        self.late_hint = banner("banner")
        self.late_reason = QPlainTextEdit()
        self.late_reason.setTabChangesFocus(True)
        self.late_reason.setFixedHeight(54)
        self.late_label = QLabel(self.tr("迟报说明 *"))
        form = QFormLayout()
        form.addRow(self.tr("意见/备注"), self.comment)
        if item.action == "send":
            form.addRow(self.tr("报送时间（北京时间）"), self.sent_at)
        else:
            self.sent_at.hide()
        form.addRow(self.late_label, self.late_reason)
        self._show_late(False)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addStretch(1)
        for decision in ctl.OFFERED[item.action]:
            button = QPushButton(self.tr(ctl.DECISION_LABELS[decision]))
            button.setObjectName("primary" if decision != "return" else "")
            button.setEnabled(False)  # until the version is read: nobody decides on what they have not seen
            button.clicked.connect(lambda _=False, d=decision: self.decide(d))
            row.addWidget(button)
            self.buttons[decision] = button
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.error)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.late_hint)
        layout.addLayout(form)
        layout.addLayout(row)
        self.resize(900, 760)
        ctl.load_version(workbench, item.version_id, self._loaded, self._failed)

    def _heading(self, item: QueueItem) -> str:
        due = ""
        if item.due_at is not None:
            due = self.tr("　所服务的时限：第%1条，%2前").replace("%1", item.rule_article or "") \
                .replace("%2", format_cst(item.due_at))
        return (f"<b>{item.incident_number} {item.incident_title}</b><br>"
                f"{item.action_label}：{item.step_label}（{item.step_article}）{due}")

    def _show_late(self, show: bool) -> None:
        for w in (self.late_label, self.late_reason):
            w.setVisible(show)

    def _loaded(self, view: DocumentVersionView) -> None:
        self.view = view
        self.browser.setHtml(version_html(view))
        if view.sha256 != self.item.sha256 or not view.is_current:
            self.error.setText(self.tr("该文件已有新的版本或内容已变化，您看到的版本可能不能再办理。"))
            self.error.show()
        for button in self.buttons.values():
            button.setEnabled(True)

    def decide(self, decision: str) -> None:
        if self.view is None:
            return
        self.error.hide()
        mark_invalid(self.late_reason, False)
        for button in self.buttons.values():
            button.setEnabled(False)
        late = self.late_reason.toPlainText() if self.late_reason.isVisible() else ""
        at = get_cst(self.sent_at) if decision == "send" else None
        self._pending = decision
        # The version the user read: its id and SHA-256 (the core refuses a stale one).
        ctl.decide(self.workbench, decision, self.view.version_id, self.view.sha256,
                   comment=self.comment.toPlainText(), late_reason=late, at=at,
                   on_result=self._done, on_error=self._failed)

    def _done(self, view: DocumentVersionView) -> None:
        self.decided.emit(ctl.done_text(self._pending, view))
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        for button in self.buttons.values():
            button.setEnabled(self.view is not None)
        self.error.setText(ctl.error_text(exc))
        self.error.show()
        if ctl.needs_late_reason(exc):
            self.late_hint.setText(self.tr("已超过时限，请填写迟报说明后再次办理。"))
            self.late_hint.show()
            self._show_late(True)
            mark_invalid(self.late_reason, True)
            self.late_reason.setFocus()
