"""The window's printing actions: the register (台账) of a period, and verifying a printed PDF.

`install_actions(window, workbench, toolbar)` adds 打印台账… and 验证PDF… to the main window's toolbar and keeps
them in a `RegisterActions` object (window.register_actions). The register is built and the PDF checked in the worker.
The report layer and QtPdf are imported on first use: the window starts without them. The register's PDF is laid
out into a temporary file (`register_job`), shown and printed from there, and removed when its preview is gone:
a register of years is never held in memory whole.
"""

from __future__ import annotations

import calendar
import tempfile
import weakref
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.timeutil import now_utc, to_cst
from ui.common.widgets import open_file_name
from ui.data.workbench import Workbench

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from desktop.domain import Actor
    from desktop.services.printing import Printed, Verdict
    from ui.printing.preview import PdfPreviewDialog


def this_month(today: date | None = None) -> tuple[date, date]:
    today = today or to_cst(now_utc()).date()
    last_day = calendar.monthrange(today.year, today.month)[1]
    return today.replace(day=1), today.replace(day=last_day)


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:  # still open elsewhere (Windows): the system's temporary folder is cleaned by the system
        pass


def register_job(actor: Actor, first: date, last: date) -> Callable[[Session], Printed]:
    """The register built in the worker into a temporary file (`Printed.path`; `pdf` stays empty), deleted with
    the Printed that names it (its preview closed: `_let_go`), or at exit; a failed build leaves none."""

    def job(session: Session) -> Printed:
        from desktop.services import printing

        fh = tempfile.NamedTemporaryFile(prefix="repdesk-register-", suffix=".pdf", delete=False)  # noqa: SIM115
        path = Path(fh.name)
        try:
            with fh:
                printed = printing.build_register(session, actor, first, last, out=fh)
        except BaseException:
            _remove(path)
            raise
        weakref.finalize(printed, _remove, path)
        return printed

    return job


def _let_go(dialog: PdfPreviewDialog) -> None:
    """The register's preview is closed: the document lets go of the file, then the Printed, which removes it."""
    dialog.document.close()
    dialog.pane.printed = None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PeriodDialog(QDialog):
    """Asks for the register's period (both days included); refuses an end before the start."""

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("打印台账"))
        first, last = this_month(today)
        self.first = QDateEdit(_qdate(first))
        self.last = QDateEdit(_qdate(last))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("预览台账"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("事发日期自"), self.first)
        form.addRow(self.tr("至"), self.last)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("台账列出事发时间在所选期间内（北京时间，含首尾两日）的事件。")))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def period(self) -> tuple[date, date]:
        return self.first.date().toPython(), self.last.date().toPython()  # type: ignore[return-value]

    def accept(self) -> None:
        first, last = self.period()
        if last < first:
            self.error.setText(self.tr("结束日期不能早于开始日期。"))
            self.error.show()
            self.last.setFocus()
            return
        super().accept()


class RegisterActions(QObject):
    """The two actions and what they open; `verified` carries each verdict (also shown in a message box)."""

    verified = Signal(object)  # Verdict

    def __init__(self, window: QMainWindow, workbench: Workbench) -> None:
        super().__init__(window)
        self.window = window
        self.workbench = workbench
        self.period_dialog: PeriodDialog | None = None
        self.preview: PdfPreviewDialog | None = None
        self.verdict_box: QMessageBox | None = None
        self.register_action = QAction(self.tr("打印台账…"), window)
        self.register_action.setObjectName("print_register")
        self.register_action.triggered.connect(self.ask_period)
        self.verify_action = QAction(self.tr("验证PDF…"), window)
        self.verify_action.setObjectName("verify_pdf")
        self.verify_action.triggered.connect(self.verify_file)

    # --- the register ------------------------------------------------------------------------------------------

    def ask_period(self) -> PeriodDialog:
        if self.period_dialog is not None:
            self.period_dialog.deleteLater()
        self.period_dialog = PeriodDialog(self.window)
        self.period_dialog.accepted.connect(self._period_chosen)
        self.period_dialog.open()
        return self.period_dialog

    def _period_chosen(self) -> None:
        assert self.period_dialog is not None
        self.open_register(*self.period_dialog.period())

    def open_register(self, first: date, last: date) -> PdfPreviewDialog:
        from ui.printing.preview import show_pdf_preview

        title = self.tr("台账 %1 至 %2").replace("%1", first.isoformat()).replace("%2", last.isoformat())
        self.preview = dialog = show_pdf_preview(self.window, self.workbench,
                                                 register_job(self.workbench.actor, first, last), title)
        dialog.finished.connect(lambda _result: _let_go(dialog))
        return dialog

    # --- verification ------------------------------------------------------------------------------------------

    def verify_file(self) -> None:
        path = open_file_name(self.window, self.tr("选择要验证的 PDF 文件"), "",
                              self.tr("PDF 文件 (*.pdf);;所有文件 (*)"))
        if path:
            self.verify_path(path)

    def verify_path(self, path: str) -> None:
        from desktop.integrity import crosscheck
        from desktop.services.printing import Verdict

        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self._show(Verdict(False, self.tr("无法读取文件“%1”：%2").replace("%1", path)
                               .replace("%2", exc.strerror or str(exc))))
            return
        self.window.statusBar().showMessage(self.tr("正在验证 %1…").replace("%1", Path(path).name))
        # The same judgement as `repdesk verify`: the file, then the keyed record of its signing.
        self.workbench.read(lambda s: crosscheck.verify_pdf(s, data), self._show, self._failed)

    def _failed(self, exc: BaseException) -> None:
        from desktop.services.printing import Verdict

        self._show(Verdict(False, getattr(exc, "message", None) or self.tr("验证时出错：%1").replace("%1", str(exc))))

    def _show(self, verdict: Verdict) -> None:
        self.window.statusBar().clearMessage()
        box = QMessageBox(self.window)
        box.setWindowTitle(self.tr("验证PDF"))
        box.setIcon(QMessageBox.Icon.Information if verdict.ok else QMessageBox.Icon.Warning)
        box.setText(self.tr("通过") if verdict.ok else self.tr("未通过"))
        box.setInformativeText(verdict.message)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.button(QMessageBox.StandardButton.Close).setText(self.tr("关闭"))
        if self.verdict_box is not None:
            self.verdict_box.deleteLater()
        self.verdict_box = box
        box.open()
        self.verified.emit(verdict)


def install_actions(window: QMainWindow, workbench: Workbench, toolbar: QToolBar) -> RegisterActions:
    actions = RegisterActions(window, workbench)
    toolbar.addSeparator()
    toolbar.addAction(actions.register_action)
    toolbar.addAction(actions.verify_action)
    return actions
