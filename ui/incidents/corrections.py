"""Withdrawing or correcting a wrong timeline event: asked with a reason, written through the workbench.

The original stays on the timeline, struck through; the core decides who may (`incidents.change_refusal`) and
refuses regardless of what the window offers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from html import escape
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import EventRecord, IncidentRecord
from desktop.errors import RepDeskError, ValidationError
from desktop.services import incidents
from desktop.services.rulesets import ruleset_for
from desktop.timeutil import format_cst, now_utc
from ui.common.strings import rule_text
from ui.common.widgets import banner, get_cst, mark_invalid, set_cst
from ui.data.workbench import Workbench
from ui.incidents.event_dialog import EventDialog


def refusal(workbench: Workbench, record: IncidentRecord, event: EventRecord, correcting: bool) -> str | None:
    """Why the logged-in user may not withdraw (correct) this event, or None: the core's own rule."""
    refused = incidents.change_refusal(workbench.actor, record, event, correcting)
    return refused.message if refused is not None else None


def without(record: IncidentRecord, event: EventRecord) -> IncidentRecord:
    """The incident as if the event were already taken back: what a correction is checked against."""
    moment = now_utc()
    return replace(record, events=tuple(replace(e, withdrawn_at=moment) if e.id == event.id else e
                                        for e in record.events))


def _reason_edit() -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(64)
    return edit


class _ReasonDialog(QDialog):
    """A dialog that asks for a reason and writes one change through the workbench: the core's refusal stays in
    the dialog, with the reason field marked when the refusal is about it."""

    recorded = Signal(object)  # IncidentRecord
    reason_fields: tuple[str, ...] = ("reason",)
    buttons: QDialogButtonBox
    error: QLabel
    reason: QPlainTextEdit

    def _done(self, record: IncidentRecord) -> None:
        self.buttons.setEnabled(True)
        self.recorded.emit(record)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(exc.message if isinstance(exc, RepDeskError) else str(exc))
        self.error.show()
        if isinstance(exc, ValidationError) and exc.field in self.reason_fields:
            mark_invalid(self.reason, True)
            self.reason.setFocus()


class WithdrawDialog(_ReasonDialog):
    """Asks why the event is withdrawn; the event stays on the timeline, struck through."""

    def __init__(self, workbench: Workbench, record: IncidentRecord, event: EventRecord,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Not `self.event`: that would hide QWidget.event(), which Qt calls for every event.
        self.workbench, self.record, self.target = workbench, record, event
        et = ruleset_for(record.rule_set_id, record.rule_set_version).event_types.get(event.type)
        label = rule_text(et.label_zh) if et is not None else event.type
        self.setWindowTitle(self.tr("撤回时间线事项"))
        heading = QLabel(f"<b>{escape(label)}</b>　{escape(format_cst(event.at))}　{escape(event.recorded_by)}<br>"
                         + escape(self.tr("撤回后该事项仍保留在时间线和操作记录中（划线显示），不再计入时限。")))
        heading.setWordWrap(True)
        self.error = banner("errorBanner")
        self.reason = _reason_edit()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("撤回"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(self.tr("撤回理由 *")))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.reason.setFocus()

    def submit(self) -> None:
        self.error.hide()
        mark_invalid(self.reason, False)
        actor, event_id, version = self.workbench.actor, self.target.id, self.record.row_version
        reason = self.reason.toPlainText()
        job: Callable[[Any], IncidentRecord] = lambda s: incidents.withdraw_event(
            s, actor, event_id, reason, expected_version=version)
        self.buttons.setEnabled(False)
        self.workbench.write(job, self._done, self._failed)


class CorrectionDialog(EventDialog):
    """The event dialog, filled with the original's time, note and details, and a reason for the correction."""

    def __init__(self, workbench: Workbench, record: IncidentRecord, event: EventRecord,
                 parent: QWidget | None = None) -> None:
        self.original, self.version = event, record.row_version
        super().__init__(workbench, without(record, event), event.type, parent)
        self.setWindowTitle(self.tr("更正时间线事项"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("更正"))
        set_cst(self.at, event.at)
        self.note.setText(event.note)
        for name, edit in self.fields.items():
            edit.setText(event.data.get(name, ""))
        self.late_reason.setPlainText(event.late_reason)
        self.reason = _reason_edit()
        self.form.addRow(self.tr("更正理由 *"), self.reason)
        self._check_late()
        self.reason.setFocus()

    def _field_widget(self, name: str) -> QWidget | None:
        return self.reason if name == "reason" else super()._field_widget(name)

    def submit(self) -> None:
        self.error.hide()
        for w in (self.at, self.late_reason, self.reason, *self.fields.values()):
            mark_invalid(w, False)
        actor, event_id, version = self.workbench.actor, self.original.id, self.version
        at, note, reason = get_cst(self.at), self.note.text(), self.reason.toPlainText()
        late = self.late_reason.toPlainText() if self.late_reason.isVisible() else ""
        details = {**self.original.data, **{k: e.text() for k, e in self.fields.items()}} if self.fields else None
        job: Callable[[Any], IncidentRecord] = lambda s: incidents.correct_event(
            s, actor, event_id, at=at, note=note, details=details, late_reason=late, reason=reason,
            expected_version=version)
        self.buttons.setEnabled(False)
        self.workbench.write(job, self._done, self._failed)


class CloseDialog(_ReasonDialog):
    """结束事件: once the 评估总结报告 is done, a confirmation; otherwise the lead department's reason why none is
    due (5.2, 5.3). The core decides who may and refuses otherwise; its message is shown here."""

    reason_fields = ("reason", "evaluation")

    def __init__(self, workbench: Workbench, record: IncidentRecord, evaluated: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench, self.record, self.evaluated = workbench, record, evaluated
        self.setWindowTitle(self.tr("结束事件"))
        text = (self.tr("评估总结报告已审核。结束后不再记录新的事项，已记录的内容全部保留。") if evaluated else
                self.tr("评估总结报告尚未审核签发。如本事件无须评估总结，请由牵头部门经办人员填写理由"
                        "（5.2、5.3），理由将记入操作记录。"))
        heading = QLabel(f"<b>{escape(record.number)}　{escape(record.title)}</b><br>{escape(text)}")
        heading.setWordWrap(True)
        self.error = banner("errorBanner")
        self.reason = _reason_edit()
        self.reason_label = QLabel(self.tr("不须评估的理由 *"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("结束事件"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.error)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reason_label.setVisible(not evaluated)
        self.reason.setVisible(not evaluated)
        self.setMinimumWidth(480)
        self.reason.setFocus()

    def submit(self) -> None:
        self.error.hide()
        mark_invalid(self.reason, False)
        actor, incident_id = self.workbench.actor, self.record.id
        reason = "" if self.evaluated else self.reason.toPlainText()
        job: Callable[[Any], IncidentRecord] = lambda s: incidents.close_incident(
            s, actor, incident_id, no_evaluation_reason=reason)
        self.buttons.setEnabled(False)
        self.workbench.write(job, self._done, self._failed)

