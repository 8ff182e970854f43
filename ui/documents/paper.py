"""Recording a unit head's wet-ink signature (3.3.3): who signed the printed version, when, and a scan of it.

For a unit with no unit-head account: its lead department's lead officer prints the submitted written report
(marked 待签字), has it signed by hand, and records the signature here; the core decides who may
(`approvals.paper_signature_refusal`) and checks everything again.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import RepDeskError, ValidationError
from desktop.services import approvals
from desktop.services.documents import DocumentVersionView
from desktop.timeutil import now_utc
from ui.common.widgets import banner, cst_edit, get_cst, mark_invalid, open_file_name
from ui.data.workbench import Workbench


def read_scan(path: str) -> bytes:
    """The chosen scan's bytes, refused before reading when it is too large (in the worker, not the UI)."""
    file = Path(path)
    try:
        if file.stat().st_size > approvals.MAX_SCAN_BYTES:
            raise ValidationError("scan", f"扫描件不能超过 {approvals.MAX_SCAN_BYTES // (1024 * 1024)} MB")
        return file.read_bytes()
    except OSError as exc:
        raise ValidationError("scan", f"无法读取扫描件“{file.name}”：{exc.strerror or exc}") from None


class PaperSignatureDialog(QDialog):
    recorded = Signal(object)  # DocumentVersionView, signed

    def __init__(self, workbench: Workbench, view: DocumentVersionView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench, self.view = workbench, view
        self.path = ""
        self.setWindowTitle(self.tr("录入纸质签字"))
        heading = QLabel(
            "<b>" + escape(self.tr("%1第%2版（%3）").replace("%1", view.kind_label).replace("%2", str(view.number))
                           .replace("%3", view.incident_number)) + "</b><br>"
            + escape(self.tr("%1的主要负责人已在打印件上手写签字（3.3.3）：请填写签字人、签字时间，并附签字页扫描件。")
                     .replace("%1", view.unit_name)))
        heading.setWordWrap(True)
        self.error = banner("errorBanner")
        self.signer = QLineEdit()
        self.signer.setPlaceholderText(self.tr("签字的主要负责人姓名"))
        self.signed_at = cst_edit(self, now_utc())
        self.scan_label = QLabel(self.tr("（未选择）"))
        self.scan_label.setObjectName("hint")
        self.scan_button = QPushButton(self.tr("选择扫描件…"))
        self.scan_button.clicked.connect(self.choose_scan)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_label, 1)
        scan_row.addWidget(self.scan_button)
        form = QFormLayout()
        form.addRow(self.tr("签字人 *"), self.signer)
        form.addRow(self.tr("签字时间（北京时间） *"), self.signed_at)
        form.addRow(self.tr("签字页扫描件 *"), scan_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("录入"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.signer.setFocus()

    def choose_scan(self) -> None:
        path = open_file_name(self, self.tr("选择签字页扫描件"), "",
                              self.tr("扫描件 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)"))
        if path:
            self.path = path
            self.scan_label.setText(Path(path).name)
            mark_invalid(self.scan_button, False)

    def _widget(self, field: str) -> QWidget | None:
        return {"signer_name": self.signer, "signed_at": self.signed_at, "scan": self.scan_button}.get(field)

    def submit(self) -> None:
        self.error.hide()
        for widget in (self.signer, self.signed_at, self.scan_button):
            mark_invalid(widget, False)
        if not self.path:
            self._failed(ValidationError("scan", self.tr("请选择签字页的扫描件")))
            return
        actor, view, path = self.workbench.actor, self.view, self.path
        signer, signed_at = self.signer.text(), get_cst(self.signed_at)

        def job(session: Any) -> DocumentVersionView:
            return approvals.record_paper_signature(session, actor, view.version_id, signer, signed_at,
                                                    read_scan(path), Path(path).name,
                                                    expected_sha256=view.sha256)

        self.buttons.setEnabled(False)
        self.workbench.write(job, self._done, self._failed)

    def _done(self, view: DocumentVersionView) -> None:
        self.buttons.setEnabled(True)
        self.recorded.emit(view)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(exc.message if isinstance(exc, RepDeskError) else str(exc))
        self.error.show()
        widget = self._widget(exc.field) if isinstance(exc, ValidationError) else None
        if widget is not None:
            mark_invalid(widget, True)
            widget.setFocus()
