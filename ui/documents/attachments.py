"""Attachments (附件) of one record: an incident, a monitoring entry, a complaint, a drill or a screening.

The list, 添加附件… (a file chosen, its size checked against the core's limit before a byte is read, then stored by
the core with its content hash), 撤回… with a reason (nothing is erased), and a preview in the window where Qt can
show the file (images, PDF); anything else opens with the system's program from a temporary copy. Lives below
both the incident page and the register pages, which show it alike.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid
from sqlalchemy.orm import Session

from desktop.errors import RepDeskError, ValidationError
from desktop.registers import attachments as core
from desktop.timeutil import format_cst
from ui.common.table_model import RECORD_ROLE, CachedTableModel
from ui.common.widgets import banner, open_file_name
from ui.data.workbench import Workbench

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp")


def _t(text: str) -> str:
    return QCoreApplication.translate("AttachmentsWidget", text)


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} B"


def kind_of(name: str, content_type: str = "") -> str:
    """image, pdf or other: what the preview can show."""
    lower = name.lower()
    if content_type.startswith("image/") or lower.endswith(IMAGE_SUFFIXES):
        return "image"
    if content_type == "application/pdf" or lower.endswith(".pdf"):
        return "pdf"
    return "other"


class AttachmentModel(CachedTableModel):
    HEADERS = ("文件名", "大小", "添加时间", "添加人", "状态")
    CONTEXT = "AttachmentsWidget"

    def cell(self, item: Any, column: int) -> str:
        if column == 0:
            return str(item.filename)
        if column == 1:
            return size_text(int(item.size))
        if column == 2:
            return format_cst(item.uploaded_at)
        if column == 3:
            return str(item.uploaded_by or "")
        if item.withdrawn_at is not None:
            return _t("已撤回：%1").replace("%1", item.withdraw_reason or "")
        return _t("有效")


class AttachmentsWidget(QWidget):
    """The attachments of (owner_kind, owner_id); `changed` after one was added or withdrawn."""

    changed = Signal()
    message = Signal(str)

    def __init__(self, workbench: Workbench, owner_kind: str = "", parent: QWidget | None = None,
                 stacked: bool = False) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.owner_kind = owner_kind
        self.owner_id: int | None = None
        self.limit: int | None = None  # the core's size limit in bytes, read once
        self._generation = 0
        self._preview_pdf = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.model = AttachmentModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.add_button = QPushButton(_t("添加附件…"))
        self.add_button.clicked.connect(self.choose_file)
        self.open_button = QPushButton(_t("用系统程序打开"))
        self.open_button.clicked.connect(self.open_external)
        self.withdraw_button = QPushButton(_t("撤回…"))
        self.withdraw_button.clicked.connect(self.ask_withdraw)
        self.error = banner("errorBanner")
        self.limit_label = QLabel()
        self.limit_label.setObjectName("hint")
        # The preview: nothing chosen, an image, a PDF, or a note that the system's program opens it.
        self.placeholder = QLabel(_t("选中一个附件即可预览"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setObjectName("hint")
        self.placeholder.setWordWrap(True)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image_scroll = QScrollArea()
        self.image_scroll.setWidget(self.image)
        self.image_scroll.setWidgetResizable(True)
        self.pdf = QPdfView()
        self.pdf.setDocument(self._preview_pdf)
        self.pdf.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview = QStackedWidget()
        for widget in (self.placeholder, self.image_scroll, self.pdf):
            self.preview.addWidget(widget)
        self.preview.setMinimumWidth(220)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.view, 1)
        ll.addWidget(self.limit_label)
        ll.addLayout(buttons)
        # Beside each other on a wide page (the incident's tab); the preview under the list in a narrow panel.
        split = QSplitter(Qt.Orientation.Vertical if stacked else Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 1 if stacked else 3)
        split.setStretchFactor(1, 2)
        if stacked:
            split.setSizes([220, 440])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.error)
        layout.addWidget(split, 1)
        self.withdraw_dialog: Any = None
        self.clear()

    # --- data ------------------------------------------------------------------------------------------------

    def clear(self) -> None:
        self.owner_id = None
        self._generation += 1
        self.model.set_rows([])
        self.error.hide()
        self._show_placeholder(_t("选中一个附件即可预览"))
        self._update_buttons()

    def load(self, owner_id: int | None, owner_kind: str | None = None) -> None:
        if owner_kind is not None:
            self.owner_kind = owner_kind
        if owner_id != self.owner_id:
            self.clear()
        self.owner_id = owner_id
        self.reload()

    def reload(self) -> None:
        if self.owner_id is None:
            return
        self._generation += 1
        generation, actor = self._generation, self.workbench.actor
        kind, owner = self.owner_kind, self.owner_id

        def job(session: Session) -> tuple[int, list[Any], int]:
            return generation, core.list_attachments(session, actor, kind, owner), core.size_limit(session)

        # A bound method (the generation travels in the answer): dropped by the worker if this widget is gone.
        self.workbench.read(job, self._loaded, self._failed)

    def _loaded(self, result: tuple[int, list[Any], int]) -> None:
        generation, rows, limit = result
        if generation != self._generation:
            return  # an answer about the record shown before
        self.limit = limit
        selected = self.selected()
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.limit_label.setText(_t("共 %1 个附件；单个文件不超过 %2").replace("%1", str(len(rows)))
                                 .replace("%2", size_text(self.limit)))
        if selected is not None:
            for row, item in enumerate(rows):
                if item.id == selected.id:
                    self.view.selectRow(row)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.error.setText(exc.message if isinstance(exc, RepDeskError) else str(exc))
        self.error.show()
        self._update_buttons()

    def selected(self) -> Any:
        rows = self.view.selectionModel().selectedRows()
        return self.model.data(rows[0], RECORD_ROLE) if rows else None

    def _update_buttons(self) -> None:
        item = self.selected()
        self.add_button.setEnabled(self.owner_id is not None)
        self.open_button.setEnabled(item is not None)
        self.withdraw_button.setEnabled(item is not None and item.withdrawn_at is None)

    # --- adding ----------------------------------------------------------------------------------------------

    def choose_file(self) -> None:
        kinds = _t("证据文件 (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.pdf *.mp3 *.wav *.m4a *.amr *.mp4 *.mov "
                   "*.avi *.mkv);;所有文件 (*)")
        path = open_file_name(self, _t("选择附件"), "", kinds)
        if path:
            self.add_file(path)

    def add_file(self, path: str) -> None:
        """Store the file at `path`: refused in plain Chinese (nothing written) when it is too big or unreadable."""
        self.error.hide()
        if self.owner_id is None:
            return
        try:
            size = os.path.getsize(path)
        except OSError:
            self._failed(ValidationError("file", _t("无法读取文件“%1”").replace("%1", Path(path).name)))
            return
        if self.limit is not None and size > self.limit:
            # Checked here too so a 2 GB video is never read into memory; the core refuses it regardless.
            self._failed(ValidationError("file", _t("文件“%1”有 %2，超过附件上限 %3，未添加。请压缩或截取后再添加。")
                                         .replace("%1", Path(path).name).replace("%2", size_text(size))
                                         .replace("%3", size_text(self.limit))))
            return
        actor, kind, owner, name = self.workbench.actor, self.owner_kind, self.owner_id, Path(path).name

        def job(session: Session) -> Any:
            try:
                data = Path(path).read_bytes()
            except OSError:
                raise ValidationError("file", _t("无法读取文件“%1”").replace("%1", name)) from None
            return core.attach(session, actor, kind, owner, name, data)

        self.add_button.setEnabled(False)
        self.workbench.write(job, self._added, self._failed, reload=False)

    def _added(self, _result: Any) -> None:
        self.message.emit(_t("附件已添加"))
        self.changed.emit()
        self.reload()

    # --- withdrawing -----------------------------------------------------------------------------------------

    def ask_withdraw(self) -> None:
        item = self.selected()
        if item is None:
            return
        reason, ok = QInputDialog.getText(self, _t("撤回附件"), _t("撤回原因（附件不会被删除，仍留在记录中）："))
        if ok:
            self.withdraw(item.id, reason)

    def withdraw(self, attachment_id: int, reason: str) -> None:
        actor = self.workbench.actor
        self.workbench.write(lambda s: core.withdraw(s, actor, attachment_id, reason.strip()),
                             self._added_withdrawn, self._failed, reload=False)

    def _added_withdrawn(self, _result: Any) -> None:
        self.message.emit(_t("附件已撤回"))
        self.changed.emit()
        self.reload()

    # --- preview ---------------------------------------------------------------------------------------------

    def _selection_changed(self) -> None:
        self._update_buttons()
        item = self.selected()
        if item is None:
            self._show_placeholder(_t("选中一个附件即可预览"))
            return
        kind = kind_of(item.filename, item.media_type or "")
        if kind == "other":
            self._show_placeholder(_t("“%1”不能在窗口中预览，请点“用系统程序打开”。").replace("%1", item.filename))
            return
        self._show_placeholder(_t("正在读取…"))
        self._read(item, lambda data: self._show(item, kind, data))

    def _read(self, item: Any, then: Any) -> None:
        actor, attachment_id = self.workbench.actor, item.id
        generation = self._generation

        def arrived(data: bytes) -> None:
            if not isValid(self):  # closed while the file was read
                return
            if generation == self._generation and self.selected() is not None and self.selected().id == item.id:
                then(data)

        self.workbench.read(lambda s: core.read_attachment(s, actor, attachment_id), arrived, self._failed)

    def _show(self, item: Any, kind: str, data: bytes) -> None:
        if kind == "image":
            image = QImage.fromData(QByteArray(data))
            if image.isNull():
                self._show_placeholder(_t("“%1”不是可识别的图片。").replace("%1", item.filename))
                return
            pixmap = QPixmap.fromImage(image)
            width = max(200, self.preview.width() - 24)
            if pixmap.width() > width:
                pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            self.image.setPixmap(pixmap)
            self.preview.setCurrentWidget(self.image_scroll)
            return
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._preview_pdf.load(self._buffer)
        if self._preview_pdf.pageCount() == 0:
            self._show_placeholder(_t("“%1”不是可读的 PDF。").replace("%1", item.filename))
            return
        self.preview.setCurrentWidget(self.pdf)

    def _show_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)
        self.preview.setCurrentWidget(self.placeholder)

    def previewing(self) -> str:
        """What the preview shows now: "image", "pdf" or "none" (for tests and the status line)."""
        current = self.preview.currentWidget()
        return "image" if current is self.image_scroll else "pdf" if current is self.pdf else "none"

    def open_external(self) -> None:
        item = self.selected()
        if item is None:
            return

        def opened(data: bytes) -> None:
            # A private temporary copy: the stored bytes stay as they are whatever the other program does.
            folder = Path(tempfile.mkdtemp(prefix="repdesk-attachment-"))
            target = folder / Path(item.filename).name
            target.write_bytes(data)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

        self._read(item, opened)
