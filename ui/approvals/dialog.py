"""Reading one frozen version and deciding on it: approve, return with a comment, sign, or confirm it was sent.

The approver reads the version as it prints (the PDF preview, built in the worker) beside the decision buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import DocumentState
from desktop.services import deadline_board as dl
from desktop.services.approvals import QueueItem
from desktop.services.documents import DocumentVersionView
from desktop.timeutil import format_cst, now_utc
from ui.approvals import controller as ctl
from ui.approvals.render import version_html
from ui.common.widgets import banner, cst_edit, get_cst, mark_invalid
from ui.data.workbench import Workbench


class DecisionDialog(QDialog):
    """The version as it prints (PDF, built in the worker) on the left; beside it what the approver needs to decide:
    the record (fields, steps, decisions so far), the comment and the decision buttons. After a decision the dialog
    stays open on the new state, its buttons spent, until closed."""

    decided = Signal(str)  # what was done, for the status bar

    def __init__(self, workbench: Workbench, item: QueueItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.printing.preview import PdfPreviewPane  # QtPdf and the report layer: loaded on first use

        self.workbench, self.item = workbench, item
        self.view: DocumentVersionView | None = None
        self.outcome = ""  # what was done, once a decision has gone through
        self._previewed = False  # the PDF arrived, or could not be made (the record below still shows the content)
        self.setWindowTitle(self.tr("%1：%2").replace("%1", item.action_label).replace("%2", item.kind_label))
        heading = QLabel(self._heading(item))
        heading.setWordWrap(True)
        self.state = QLabel()
        self.state.setObjectName("hint")
        self.error = banner("errorBanner")  # refusals of this user's own decisions
        # Someone else moved the document on while this dialog is open: said apart from the error line, so a
        # refusal and this notice never overwrite each other (the core still refuses a decision on it).
        self.stale = banner("banner")
        self.outcome_label = banner("banner")
        self.preview = PdfPreviewPane(item.kind_label, self)
        self.preview.ready.connect(self._previewed_now)
        self.preview.failed.connect(self._previewed_now)
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
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.close_button)
        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 0, 0, 0)
        sl.addWidget(heading)
        sl.addWidget(self.state)
        sl.addWidget(self.stale)
        sl.addWidget(self.error)
        sl.addWidget(self.outcome_label)
        sl.addWidget(self.browser, 1)
        sl.addWidget(self.late_hint)
        sl.addLayout(form)
        sl.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.preview)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([800, 540])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.resize(1360, 900)
        ctl.load_version_and_latest(workbench, item.version_id, self._loaded, self._failed)
        self._load_preview(item.version_id)
        workbench.incidentChanged.connect(self._incident_changed)

    def _incident_changed(self, incident_id: int) -> None:
        """Changed meanwhile (by someone else): the version as it is now, and a warning if it moved on."""
        if incident_id == self.item.incident_id and not self.outcome and self.isVisible():
            ctl.load_version_and_latest(self.workbench, self.item.version_id, self._loaded, self._failed)

    def _heading(self, item: QueueItem) -> str:
        due = ""
        reading = item.reading(now_utc())
        if reading is not None and reading.state == dl.IMMEDIATE:  # an immediate duty has no limit: 立即
            due = self.tr("　所服务的时限：第%1条，立即办理").replace("%1", item.rule_article or "")
        elif item.due_at is not None:
            due = self.tr("　所服务的时限：第%1条，%2前").replace("%1", item.rule_article or "") \
                .replace("%2", format_cst(item.due_at))
        return (f"<b>{item.incident_number} {item.incident_title}</b><br>"
                f"{item.action_label}：{item.step_label}（{item.step_article}）{due}")

    def _load_preview(self, version_id: int) -> None:
        from ui.printing.preview import load_version

        load_version(self.preview, self.workbench, version_id)

    def _show_late(self, show: bool) -> None:
        for w in (self.late_label, self.late_reason):
            w.setVisible(show)

    def _show_view(self, view: DocumentVersionView) -> None:
        self.view = view
        self.browser.setHtml(version_html(view))
        self.state.setText(self.tr("第%1版 · %2").replace("%1", str(view.number)).replace("%2", view.state_label))

    def _update_buttons(self) -> None:
        ready = self.view is not None and self._previewed and not self.outcome
        for button in self.buttons.values():
            button.setEnabled(ready)

    def _previewed_now(self, *_: object) -> None:
        self._previewed = True
        self._update_buttons()

    def _loaded(self, answer: tuple[DocumentVersionView, int]) -> None:
        view, latest = answer
        self._show_view(view)
        if latest != view.number:
            self.stale.setText(self.tr("该文件已有新的第%1版，您看到的第%2版可能不能再办理。")
                               .replace("%1", str(latest)).replace("%2", str(view.number)))
            self.stale.show()
        elif view.sha256 != self.item.sha256:
            self.stale.setText(self.tr("该文件内容已变化，您看到的版本可能不能再办理。"))
            self.stale.show()
        self._update_buttons()

    def decide(self, decision: str) -> None:
        if self.view is None or self.outcome:
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
        """Decided: the new state, what is still to be done, no decision left to take here."""
        text = ctl.done_text(self._pending, view)
        waiting = [s.label for s in view.steps if not s.done_by]
        if waiting and view.state == DocumentState.SUBMITTED:
            text += self.tr("；尚待：%1").replace("%1", "、".join(waiting))
        self.outcome = text
        self._show_view(view)
        self.outcome_label.setText(text)
        self.outcome_label.show()
        self.late_hint.hide()
        for widget in (self.comment, self.late_reason, self.sent_at):
            widget.setEnabled(False)
        self._update_buttons()
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        if self._pending != "return":
            self._load_preview(view.version_id)  # e.g. signed now: the document as it will be printed and sent
        self.decided.emit(text)

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        self.error.setText(ctl.error_text(exc))
        self.error.show()
        if ctl.needs_late_reason(exc):
            self.late_hint.setText(self.tr("已超过时限，请填写迟报说明后再次办理。"))
            self.late_hint.show()
            self._show_late(True)
            mark_invalid(self.late_reason, True)
            self.late_reason.setFocus()
