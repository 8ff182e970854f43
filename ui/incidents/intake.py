"""Recording and editing an incident: saving through the core, drafts as the user types, errors and conflicts."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import IncidentRecord
from desktop.errors import ConflictError, RepDeskError, ValidationError
from desktop.services import incidents
from ui.data.drafts import DraftStore
from ui.data.workbench import Workbench
from ui.incidents.intake_form import IncidentForm

log = logging.getLogger("repdesk.ui.intake")
DRAFT_DELAY_MS = 1000


def changed_values(record: IncidentRecord, values: dict[str, Any]) -> dict[str, Any]:
    """Only what the user changed goes to update_incident (severity can only go up, 4.1)."""
    current: dict[str, Any] = {k: getattr(record, k) for k in values if hasattr(record, k)}
    current.update(record.elements)
    return {k: v for k, v in values.items() if current.get(k) != v and not (k == "severity" and v == "general"
                                                                           and record.is_major)}


class IncidentEditor(QWidget):
    saved = Signal(object)  # IncidentRecord
    draftSaved = Signal()
    draftOffered = Signal()

    def __init__(self, workbench: Workbench, record: IncidentRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.record = record
        self.drafts = DraftStore(workbench.worker, workbench.account.username)
        self._draft: dict[str, Any] | None = None
        self._dirty = False
        self.form = IncidentForm()
        self.form.set_units(workbench.units)
        self.restore_bar = QWidget()
        self.restore_label = QLabel(self.tr("上次有未保存的内容。"))
        self.restore_label.setObjectName("banner")
        self.restore_button = QPushButton(self.tr("恢复未保存的草稿"))
        self.discard_button = QPushButton(self.tr("丢弃草稿"))
        bar = QHBoxLayout(self.restore_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.restore_label, 1)
        bar.addWidget(self.restore_button)
        bar.addWidget(self.discard_button)
        self.restore_bar.hide()
        self.save_button = QPushButton(self.tr("保存 (Ctrl+S)"))
        self.save_button.setObjectName("primary")
        self.status = QLabel()
        self.status.setObjectName("hint")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.restore_bar)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.save_draft)
        self.form.edited.connect(self._on_edited)
        self.save_button.clicked.connect(self.save)
        self.restore_button.clicked.connect(self.restore_draft)
        self.discard_button.clicked.connect(self.discard_draft)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.load(record)

    @property
    def draft_key(self) -> str:
        return f"incident:{self.record.id}" if self.record else "incident:new"

    def load(self, record: IncidentRecord | None) -> None:
        self.record = record
        self.form.clear_errors()
        if record is None:
            me = self.workbench.unit(self.workbench.actor.unit_id)
            self.form.load_values({"unit_id": me.id if me else None, "severity": "general", "source": "complaint"})
        else:
            self.form.load_record(record)
            self.form.set_severity_locked(record.is_major)
        self._dirty = False
        self.drafts.load(self.draft_key, self._offer_draft)

    # --- drafts ----------------------------------------------------------------------------------------------

    def _on_edited(self) -> None:
        self._dirty = True
        self.status.setText(self.tr("有未保存的修改"))
        self._timer.start()

    def save_draft(self) -> None:
        self._timer.stop()
        if not self._dirty:
            return
        self.drafts.save(self.draft_key, self.form.payload(), self._draft_stored)

    def _draft_stored(self, _result: object = None) -> None:
        self.status.setText(self.tr("草稿已自动保存"))
        self.draftSaved.emit()

    def _offer_draft(self, payload: dict[str, Any] | None) -> None:
        self._draft = payload
        self.restore_bar.setVisible(payload is not None)
        if payload is not None:
            self.draftOffered.emit()

    def restore_draft(self) -> None:
        if self._draft is not None:
            self.form.load_payload(self._draft)
            self._dirty = True
        self.restore_bar.hide()

    def discard_draft(self) -> None:
        self.drafts.discard(self.draft_key)
        self._draft = None
        self.restore_bar.hide()

    def flush(self) -> None:
        """Called when the editor goes away: whatever is typed and unsaved becomes the draft now."""
        if self._timer.isActive() or self._dirty:
            self.save_draft()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    # --- saving ----------------------------------------------------------------------------------------------

    def save(self) -> None:
        self.form.clear_errors()
        values = self.form.values()
        actor = self.workbench.actor
        record = self.record
        if record is None:
            job = lambda s: incidents.create_incident(s, actor, values)
        else:
            changes = changed_values(record, values)
            if not changes:
                self.status.setText(self.tr("没有需要保存的修改"))
                return
            job = lambda s: incidents.update_incident(s, actor, record.id, record.row_version, changes)
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("正在保存…"))
        self.workbench.write(job, self._on_saved, self._on_failed)

    def _on_saved(self, record: IncidentRecord) -> None:
        self.save_button.setEnabled(True)
        old_key = self.draft_key
        self._timer.stop()
        self._dirty = False
        self.drafts.discard(old_key)
        self.record = record
        self.form.load_record(record)
        self.form.set_severity_locked(record.is_major)
        self.status.setText(self.tr("已保存"))
        self.saved.emit(record)

    def _on_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.form.show_error(exc.field, exc.message)
            self.status.setText(self.tr("未保存：请更正标红的内容"))
        elif isinstance(exc, ConflictError):
            self._dirty = True
            self.save_draft()
            self.form.show_error(None, exc.message)
            self.status.setText(self.tr("未保存：记录已被他人修改，您的内容已存为草稿"))
        elif isinstance(exc, RepDeskError):
            self.form.show_error(None, exc.message)
            self.status.setText(self.tr("未保存"))
        else:
            log.error("save failed: %r", exc)
            self.form.show_error(None, self.tr("保存失败：%1").replace("%1", str(exc)))


class IntakeDialog(QDialog):
    """Ctrl+N: record a new incident; on success the window opens it."""

    created = Signal(object)

    def __init__(self, workbench: Workbench, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登记声誉风险事件"))
        self.editor = IncidentEditor(workbench, None, self)
        cancel = QPushButton(self.tr("关闭（保留草稿）"))
        cancel.clicked.connect(self.reject)
        self.editor.layout().itemAt(2).layout().insertWidget(1, cancel)  # type: ignore[union-attr]
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        self.editor.saved.connect(self._on_saved)
        self.resize(1180, 760)
        self.editor.form.title.setFocus()

    def _on_saved(self, record: IncidentRecord) -> None:
        self.created.emit(record)
        self.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.editor.flush()
        super().closeEvent(event)

    def reject(self) -> None:
        self.editor.flush()
        super().reject()
