"""Recording one timeline event: the time (default now, CST), a note, the event's own details, a late reason."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import IncidentRecord
from desktop.errors import ErrorCode, RepDeskError, ValidationError
from desktop.services import incidents
from desktop.services.rulesets import ruleset_for
from desktop.timeutil import format_cst, now_utc
from ui.common.strings import rule_text
from ui.common.widgets import banner, cst_edit, get_cst, limit_length, mark_invalid
from ui.data.workbench import Workbench

REQUIRED_DATA = {"media_inquiry": ("journalist", "outlet", "contact"), "customer_appeased": ("customer", "agreed")}


class EventDialog(QDialog):
    recorded = Signal(object)  # IncidentRecord

    def __init__(self, workbench: Workbench, record: IncidentRecord, event_type: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench, self.record, self.event_type = workbench, record, event_type
        et = ruleset_for(record.rule_set_id, record.rule_set_version).event_types[event_type]
        self.setWindowTitle(self.tr("记录事件进展"))
        self.error = banner("errorBanner")
        self.heading = QLabel(f"<b>{escape(rule_text(et.action_for(record.location)))}</b><br>"
                              f"{escape(record.number)} {escape(record.title)}")
        self.heading.setWordWrap(True)
        self.at = cst_edit(self, now_utc())
        self.note = limit_length(QLineEdit(), "note")
        self.note.setPlaceholderText(self.tr("如：电话报告综合管理部张伟"))
        self.fields: dict[str, QLineEdit] = {}
        form = self.form = QFormLayout()
        form.addRow(self.tr("发生时间（北京时间）"), self.at)
        for name in et.fields:
            edit = limit_length(QLineEdit(), name)
            self.fields[name] = edit
            label = rule_text(et.field_labels_zh.get(name, name))
            if name in REQUIRED_DATA.get(event_type, ()):
                label += " *"
            form.addRow(label, edit)
        form.addRow(self.tr("备注"), self.note)
        self.late_hint = QLabel()
        self.late_hint.setObjectName("banner")
        self.late_hint.setWordWrap(True)
        self.late_reason = QPlainTextEdit()
        self.late_reason.setTabChangesFocus(True)
        self.late_reason.setFixedHeight(64)
        self.late_label = QLabel(self.tr("迟报说明 *"))
        form.addRow(self.late_label, self.late_reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("记录"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.error)
        layout.addWidget(self.late_hint)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.at.dateTimeChanged.connect(self._check_late)
        self._check_late()
        self.setMinimumWidth(520)
        (next(iter(self.fields.values())) if self.fields else self.note).setFocus()

    def _field_widget(self, name: str) -> QWidget | None:
        if name == "at":
            return self.at
        if name == "late_reason":
            return self.late_reason
        return self.fields.get(name)

    def _check_late(self, *_: Any) -> None:
        """Ask for the late-report reason up front when the chosen time completes a rule after its limit."""
        late = incidents.late_rules_for(self.record, self.event_type, get_cst(self.at), now_utc())
        show = bool(late)
        if show:
            items = "、".join(self.tr("第%1条（时限 %2）").replace("%1", r.article).replace("%2", format_cst(r.due_at))
                             for r in late)
            self.late_hint.setText(self.tr("已超过%1，请填写迟报说明。").replace("%1", items))
        self.late_hint.setVisible(show)
        self.late_label.setVisible(show)
        self.late_reason.setVisible(show)

    def submit(self) -> None:
        self.error.hide()
        for w in (self.at, self.late_reason, *self.fields.values()):
            mark_invalid(w, False)
        actor, incident_id, event_type = self.workbench.actor, self.record.id, self.event_type
        at, note = get_cst(self.at), self.note.text()
        late = self.late_reason.toPlainText() if self.late_reason.isVisible() else ""
        data = {k: e.text() for k, e in self.fields.items()}
        job: Callable[[Any], IncidentRecord] = lambda s: incidents.record_event(
            s, actor, incident_id, event_type, at, note=note, late_reason=late, data=data)
        self.buttons.setEnabled(False)
        self.workbench.write(job, self._done, self._failed)

    def _done(self, record: IncidentRecord) -> None:
        self.buttons.setEnabled(True)
        self.recorded.emit(record)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        message = exc.message if isinstance(exc, RepDeskError) else str(exc)
        self.error.setText(message)
        self.error.show()
        if isinstance(exc, ValidationError):
            if exc.code == ErrorCode.LATE_REASON_REQUIRED:
                self.late_hint.show()
                self.late_label.show()
                self.late_reason.show()
            widget = self._field_widget(exc.field)
            if widget is not None:
                mark_invalid(widget, True)
                widget.setFocus()
