"""Preview of a printed PDF: built in the database worker, shown with Qt's PDF view, printed or saved from here.

`show_version_preview(parent, workbench, version_id)` previews one stored document version (signed or draft, as
`printing.build_version` decides); `show_pdf_preview(parent, workbench, job, title)` any `job(session) -> Printed`
(e.g. the register). The dialog opens at once with a busy indicator; the UI thread never builds the PDF.
`PdfPreviewPane` is the preview itself, for a dialog that shows the document beside something else (the approval
dialog, with `load_version(pane, workbench, version_id)`).

Looking is not printing: a preview records nothing. "Print" and "save as PDF" send out the very bytes that were
built (the PDF itself to a file, to a print-to-file printer or to the system's spooler; see ui.printing.spool) and
record the print with the person who printed it (`printing.record_print`), both in one job in the worker, so
that a print that failed is not recorded.
"""

from __future__ import annotations

import shutil
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.errors import RepDeskError
from desktop.reports.fonts import font_set
from desktop.services import audit, printing
from desktop.services.printing import Printed
from desktop.timeutil import now_utc, to_cst
from ui.common.widgets import save_file_name
from ui.data.workbench import Workbench
from ui.printing import spool

PrintJob = Callable[[Session], Printed]
# Painted pages (a printer with no spooler that takes PDF: Windows) are rendered at the printer's resolution up to
# this: a 1200 dpi A4 page would be a 550 MB image; 300 dpi prints text sharply.
MAX_PRINT_DPI = 300
ZOOMS = ((0, "适合宽度"), (-1, "整页"), (50, "50%"), (75, "75%"), (100, "100%"), (125, "125%"), (150, "150%"),
         (200, "200%"))


def render_page(document: QPdfDocument, page: int, dpi: float) -> QImage:
    """One page at `dpi` on white paper (QPdfDocument.render leaves the background transparent)."""
    points = document.pagePointSize(page)
    size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
    rendered = document.render(page, size, QPdfDocumentRenderOptions())
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page onto the printer, each fitted to the printable area; returns the pages printed. Only for
    a printer that takes nothing but painted pages (see PdfPreviewPane.print_pdf)."""
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            image = render_page(document, page, dpi)
            area = painter.viewport()
            scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(area.x() + (area.width() - scaled.width()) // 2, area.y(), scaled.width(),
                           scaled.height())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return document.pageCount()


def lp_job(printer: QPrinter, lp: str, title: str) -> spool.LpJob:
    """The print dialog's choices (printer, copies, page range, sides) as one `lp` submission."""
    pages = None
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        pages = (printer.fromPage(), max(printer.fromPage(), printer.toPage()))
    sides = {QPrinter.DuplexMode.DuplexNone: "one-sided", QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
             QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge"}.get(printer.duplex(), "")
    return spool.LpJob(lp, printer.printerName(), title, printer.copyCount(), pages, sides)


def _write_pdf(path: str, printed: Printed) -> str:
    if printed.path is not None and not printed.pdf:  # a register's file: copied, not read whole
        shutil.copyfile(printed.path, path)
    else:
        Path(path).write_bytes(printed.pdf)
    return path


def _t(text: str) -> str:
    """The preview's words: one translation context wherever the pane is shown (its dialog, the approval dialog)."""
    return QCoreApplication.translate("PdfPreviewDialog", text)


class PdfPreviewPane(QWidget):
    """Shows one Printed with page navigation, zoom, print and save; `ready` is emitted once the PDF is loaded,
    `failed` with the core's message. Sits in its own dialog (PdfPreviewDialog) or beside an approver's buttons."""

    ready = Signal()
    failed = Signal(str)
    titleChanged = Signal(str)  # the printed document's title, for a window title and the suggested file name
    sentOut = Signal(str)  # printed or saved, and recorded: what the message line says
    sendFailed = Signal(str)  # not printed or saved, nothing recorded: the reason

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.printed: Printed | None = None
        self.workbench: Workbench | None = None  # who prints, and the worker that records it; set on loading
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.message = QLabel(_t("正在生成 PDF…"))
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.warnings = QLabel()
        self.warnings.setObjectName("warning")
        self.warnings.setWordWrap(True)
        self.warnings.hide()
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy
        self.progress.setTextVisible(False)
        busy = QWidget()
        busy_layout = QVBoxLayout(busy)
        busy_layout.addStretch(1)
        self.busy_label = QLabel(_t("正在生成 PDF，请稍候…"))
        self.busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        busy_layout.addWidget(self.busy_label)
        busy_layout.addWidget(self.progress)
        busy_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(busy)
        self.stack.addWidget(self.view)
        self.prev_button = QPushButton(_t("上一页"))
        self.next_button = QPushButton(_t("下一页"))
        self.page = QSpinBox()
        self.page.setMinimum(1)
        self.page_count = QLabel()
        self.zoom = QComboBox()
        for value, label in ZOOMS:
            self.zoom.addItem(_t(label), value)
        self.print_button = QPushButton(_t("打印…"))
        self.save_button = QPushButton(_t("另存为 PDF…"))
        self.nav = QHBoxLayout()
        self.nav.addWidget(self.prev_button)
        self.nav.addWidget(QLabel(_t("第")))
        self.nav.addWidget(self.page)
        self.nav.addWidget(self.page_count)
        self.nav.addWidget(self.next_button)
        self.nav.addSpacing(16)
        self.nav.addWidget(QLabel(_t("缩放")))
        self.nav.addWidget(self.zoom)
        self.nav.addStretch(1)
        self.nav.addWidget(self.print_button)
        self.nav.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.warnings)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self.nav)
        self._set_enabled(False)
        self.prev_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.page.valueChanged.connect(lambda v: self.go_to(v - 1))
        self.zoom.currentIndexChanged.connect(self._zoom_changed)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.print_button.clicked.connect(self.print_pdf)
        self.save_button.clicked.connect(self.save_as)

    def show_busy(self) -> None:
        """Waiting for a (new) PDF: the busy indicator until set_printed or set_error."""
        self.stack.setCurrentIndex(0)
        self.message.setText(_t("正在生成 PDF…"))
        self.message.setStyleSheet("")
        self.progress.show()
        self.busy_label.setText(_t("正在生成 PDF，请稍候…"))
        self._set_enabled(False)

    # --- loading ---------------------------------------------------------------------------------------------

    def set_printed(self, printed: Printed) -> None:
        shown = self.printed  # kept until the new one is loaded: a register's file goes with its Printed
        self.printed = printed
        if printed.title:  # names the window and the suggested file
            self.title = printed.title
            self.titleChanged.emit(printed.title)
        if printed.path is not None and not printed.pdf:  # a register laid out into a file: shown from there
            self._buffer = None
            self.document.load(str(printed.path))
        else:
            self._buffer = QBuffer(self)
            self._buffer.setData(QByteArray(printed.pdf))
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)
        del shown
        self.message.setText(printed.message)
        colour = "#1b5e20" if printed.signed else "#a14b00"  # a draft must not pass for the signed document
        self.message.setStyleSheet(f"QLabel {{ font-weight: bold; font-size: 15px; color: {colour}; }}")
        self.warnings.setText(_t("注意：") + "；".join(printed.warnings) if printed.warnings else "")
        self.warnings.setVisible(bool(printed.warnings))
        pages = self.document.pageCount()
        self.page.setMaximum(max(1, pages))
        self.page_count.setText(_t("页，共 %1 页").replace("%1", str(pages)))
        self.stack.setCurrentWidget(self.view)
        self._set_enabled(pages > 0)
        self._page_changed(0)
        self.ready.emit()

    def set_error(self, exc: BaseException) -> None:
        text = getattr(exc, "message", None) or _t("生成 PDF 时出错：%1").replace("%1", str(exc))
        self.message.setText(text)
        self.message.setStyleSheet("QLabel { font-weight: bold; color: #b71c1c; }")
        self.busy_label.setText(_t("无法生成 PDF。"))
        self.progress.hide()
        self.failed.emit(text)

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.prev_button, self.next_button, self.page, self.zoom):
            widget.setEnabled(on)
        for widget in (self.print_button, self.save_button):  # a print is recorded: not without the worker
            widget.setEnabled(on and self.workbench is not None)

    # --- navigation and zoom ---------------------------------------------------------------------------------

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        pages = self.document.pageCount()
        if pages == 0 or page == self.current_page():
            return
        page = max(0, min(page, pages - 1))
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def _page_changed(self, page: int) -> None:
        self.page.blockSignals(True)
        self.page.setValue(page + 1)
        self.page.blockSignals(False)
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page + 1 < self.document.pageCount())

    def _zoom_changed(self, index: int) -> None:
        value = self.zoom.itemData(index)
        if value == 0:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif value == -1:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(value / 100)

    # --- print and save --------------------------------------------------------------------------------------

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        return printer

    def print_pdf(self) -> bool:
        """The print dialog, then the document's own PDF to the chosen printer; True when it was sent (printing
        to a file or to the spooler: once the worker has done it, `sentOut` or `sendFailed`)."""
        printed = self.printed
        if printed is None or self.workbench is None or self.document.pageCount() == 0:
            return False
        self.printer = self.make_printer()
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle(_t("打印"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        printer = self.printer
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:  # "print to file": the PDF is the file
            path = printer.outputFileName()
            if not path:
                return False
            self._send_out(printed, lambda p: _write_pdf(path, p), _t("已打印到文件 %1").replace("%1", path),
                           _t("打印"), lambda exc: _t("无法保存到“%1”：%2").replace("%1", path)
                           .replace("%2", getattr(exc, "strerror", None) or str(exc)))
            return True
        lp = spool.spooler()
        if lp is not None:  # CUPS takes the PDF itself and renders it at the printer's own resolution
            job = lp_job(printer, lp, self.title)
            shown = printer.printerName() or _t("默认打印机")
            # `lp` reads the PDF from its standard input: a register's file is read for it (the spooler has it then)
            self._send_out(printed, lambda p: job.submit(p.read()), _t("已发送到打印机 %1").replace("%1", shown),
                           _t("打印"),
                           lambda exc: _t("打印机未接受文件：%1").replace("%1", getattr(exc, "message", str(exc))))
            return True
        # No spooler here takes a PDF as it is (Windows): the pages are painted at the printer's resolution (up to
        # MAX_PRINT_DPI), here in the UI thread as QPainter requires, and the print recorded once they are out.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = print_document(self.document, printer)
        finally:
            QApplication.restoreOverrideCursor()
        if pages == 0:
            QMessageBox.warning(self, _t("打印"), _t("无法打印：打印机未能开始打印。"))
            return False
        shown = printer.printerName() or _t("默认打印机")
        self._send_out(printed, lambda p: None, _t("已发送到打印机 %1").replace("%1", shown), _t("打印"), str)
        return True

    def save_as(self) -> bool:
        """The PDF's own bytes to a file chosen here, written in the worker; True when it is on its way."""
        printed = self.printed
        if printed is None or self.workbench is None:
            return False
        path = save_file_name(self, _t("另存为 PDF"), self._suggested_name(), _t("PDF 文件 (*.pdf)"))
        if not path:
            return False
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self._send_out(printed, lambda p: _write_pdf(path, p), _t("已保存到 %1").replace("%1", path),
                       _t("另存为 PDF"), lambda exc: _t("无法保存到“%1”：%2").replace("%1", path)
                       .replace("%2", getattr(exc, "strerror", None) or str(exc)))
        return True

    def _send_out(self, printed: Printed, send: Callable[[Printed], object], done: str, caption: str,
                  reason: Callable[[BaseException], str]) -> None:
        """In the worker, one transaction: record the print as the logged-in user, then `send(printed)`; a failure
        rolls the record back. The same bytes are recorded and sent."""
        assert self.workbench is not None
        actor = self.workbench.actor

        def job(session: Session) -> None:
            printing.record_print(session, actor, printed)
            send(printed)

        def sent(_: object) -> None:
            self.message.setText(f"{printed.message} · {done}")
            self.sentOut.emit(done)

        def refused(exc: BaseException) -> None:
            text = exc.message if isinstance(exc, RepDeskError) else reason(exc)
            self.sendFailed.emit(text)
            QMessageBox.warning(self, caption, text)

        self.workbench.write(job, sent, refused, reload=False)

    def _suggested_name(self) -> str:
        name = "".join(ch for ch in self.title if ch not in '\\/:*?"<>|').strip() or "RepDesk"
        return str(Path.home() / f"{name}.pdf")


class PdfPreviewDialog(QDialog):
    """The preview in a window of its own: `pane` with a close button; the pane's parts under the names they had."""

    ready = Signal()
    failed = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 1000)
        self.pane = PdfPreviewPane(title, self)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.close)
        self.pane.nav.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pane)
        self.pane.ready.connect(self.ready)
        self.pane.failed.connect(self.failed)
        self.pane.titleChanged.connect(self.setWindowTitle)
        pane = self.pane
        self.document, self.view, self.stack, self.message, self.warnings = (
            pane.document, pane.view, pane.stack, pane.message, pane.warnings)
        self.page, self.page_count, self.zoom = pane.page, pane.page_count, pane.zoom
        self.prev_button, self.next_button, self.print_button, self.save_button = (
            pane.prev_button, pane.next_button, pane.print_button, pane.save_button)
        self.set_printed, self.set_error, self.current_page, self.go_to, self.print_pdf, self.save_as = (
            pane.set_printed, pane.set_error, pane.current_page, pane.go_to, pane.print_pdf, pane.save_as)

    @property
    def printed(self) -> Printed | None:
        return self.pane.printed


def show_pdf_preview(parent: QWidget | None, workbench: Workbench, job: PrintJob, title: str) -> PdfPreviewDialog:
    """Open the preview at once (busy), build the PDF in the worker, show it when it arrives. A read: only
    printing or saving it records a print."""
    dialog = PdfPreviewDialog(title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.pane.workbench = workbench
    dialog.show()
    workbench.read(job, dialog.set_printed, dialog.set_error)
    return dialog


def show_version_preview(parent: QWidget | None, workbench: Workbench, version_id: int) -> PdfPreviewDialog:
    return show_pdf_preview(parent, workbench, version_job(workbench, version_id), _t("打印预览"))


# Stored versions built already, newest last. A version's PDF is the same bytes for the same record (its state,
# the accounts and their rights, the organisation's names), and every change to the record is an audit entry: built
# for the same person, on the same record (newest entry), day and faces, it is served again instead of rebuilt
# (asking twice: the approval dialog, then the preview; the preview closed and opened again). Any newer entry,
# a rights change included, means a new build with its own permission check.
_BUILT: OrderedDict[tuple[object, ...], Printed] = OrderedDict()
_BUILT_LOCK = threading.Lock()
_BUILT_KEEP = 8


def version_job(workbench: Workbench, version_id: int) -> PrintJob:
    """One stored version as it prints (signed or draft, as `printing.build_version` decides); records nothing."""
    actor = workbench.actor

    def job(session: Session) -> Printed:
        newest, _ = audit.changes_after(session, None)
        key = (version_id, actor.user_id, actor.roles, newest, to_cst(now_utc()).date(), id(font_set()))
        with _BUILT_LOCK:
            hit = _BUILT.get(key)
            if hit is not None:
                _BUILT.move_to_end(key)
                return hit
        printed = printing.build_version(session, actor, version_id)
        with _BUILT_LOCK:
            _BUILT[key] = printed
            while len(_BUILT) > _BUILT_KEEP:
                _BUILT.popitem(last=False)
        return printed

    return job


# The speculative build's turn: each selection takes the next number, and a build still queued in the worker when
# the user has selected something else (or nothing) is dropped before it starts, so the queue never fills with
# builds nobody will look at.
_wanted = 0


def prepare_version(workbench: Workbench, version_id: int | None) -> None:
    """The user selected this version (None: nothing): build its PDF in the worker now, into the same store
    `version_job` serves from, so that asking for the preview a moment later finds it built (building takes
    0.1-0.2 s, the preview should appear within 0.15 s of asking). Records nothing, shows nothing: a refusal is
    shown by the preview itself when it is asked for."""
    global _wanted
    with _BUILT_LOCK:
        _wanted += 1
        mine = _wanted
    if version_id is None:
        return
    build = version_job(workbench, version_id)

    def job(session: Session) -> None:
        with _BUILT_LOCK:
            if mine != _wanted:  # selected away meanwhile
                return
        build(session)

    workbench.read(job, _ignore, _ignore)


def _ignore(_: object) -> None:
    """A speculative build's answer: it is in the store (or it was refused); nobody waits for it."""


def load_version(pane: PdfPreviewPane, workbench: Workbench, version_id: int) -> None:
    """Show one stored version in a pane that is already on screen; the PDF is built in the worker."""
    pane.workbench = workbench
    pane.show_busy()
    workbench.read(version_job(workbench, version_id), pane.set_printed, pane.set_error)
