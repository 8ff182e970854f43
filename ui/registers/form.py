"""The form of a register, built from its field description, and the one-line reason dialog: both write through
the workbench and keep the core's refusal in the dialog (the field it names marked), so nothing is lost and
nothing is written when the input is refused."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.domain import Actor
from desktop.errors import RepDeskError, ValidationError
from desktop.timeutil import today_cst
from ui.common.widgets import banner, cst_edit, fill_unit_combo, get_cst, mark_invalid, select_data, set_cst
from ui.data.workbench import Workbench
from ui.registers.common import incident_choices
from ui.registers.spec import Field


def tr(text: str) -> str:
    return QCoreApplication.translate("Registers", text)


def error_text(exc: BaseException) -> str:
    return exc.message if isinstance(exc, RepDeskError) else str(exc)


Job = Callable[[Session, Actor, dict[str, Any]], Any]


class FormDialog(QDialog):
    """Asks for `fields`; OK runs `job(session, actor, values)` as one write. `saved(result)` once written."""

    saved = Signal(object)

    def __init__(self, workbench: Workbench, title: str, fields: Sequence[Field], job: Job,
                 values: dict[str, Any] | None = None, parent: QWidget | None = None,
                 choices: dict[str, dict[str, str]] | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.choices = choices or {}
        self.fields = list(fields)
        self.job = job
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.inputs: dict[str, QWidget] = {}
        self.error = banner("errorBanner")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for f in self.fields:
            widget = self._input(f)
            self.inputs[f.name] = widget
            label = tr(f.label) + ("*" if f.required else "")
            if f.hint:
                widget.setToolTip(tr(f.hint))
            form.addRow(label, widget)
        for name, value in (values or {}).items():
            self.set_value(name, value)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def _input(self, f: Field) -> QWidget:
        actor = self.workbench.actor
        default = f.default(actor) if f.default is not None else None
        if f.kind == "multiline":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(72)
            if default:
                edit.setPlainText(str(default))
            return edit
        if f.kind == "int":
            spin = QSpinBox()
            spin.setRange(0, 100_000_000)
            spin.setValue(int(default or 0))
            return spin
        if f.kind == "datetime":
            return cst_edit(moment=default)
        if f.kind == "date":
            day = default or today_cst()
            date_edit = QDateEdit(QDate(day.year, day.month, day.day))
            date_edit.setDisplayFormat("yyyy-MM-dd")
            date_edit.setCalendarPopup(True)
            return date_edit
        if f.kind == "choice":
            combo = QComboBox()
            options = self.choices.get(f.name) or (f.choices() if f.choices is not None else {})
            for value, label in options.items():
                combo.addItem(QCoreApplication.translate("domain", label), value)
            if default is not None:
                select_data(combo, default)
            return combo
        if f.kind == "unit":
            combo = QComboBox()
            combo.setMinimumWidth(240)
            fill_unit_combo(combo, self.workbench.units)
            select_data(combo, default if default is not None else actor.unit_id)
            return combo
        if f.kind == "bool":
            box = QCheckBox()
            box.setChecked(bool(default))
            return box
        line = QLineEdit()
        line.setMaxLength(f.max_length)
        if f.kind == "money":
            line.setPlaceholderText(tr("元，可留空"))
        if default:
            line.setText(str(default))
        return line

    # --- values ----------------------------------------------------------------------------------------------

    def set_value(self, name: str, value: Any) -> None:
        widget = self.inputs.get(name)
        if widget is None or value is None:
            return
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        elif isinstance(widget, QComboBox):
            select_data(widget, value)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QDateEdit):
            widget.setDate(QDate(value.year, value.month, value.day))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))
        else:
            set_cst(widget, value)  # type: ignore[arg-type]

    def values(self) -> dict[str, Any]:
        """What was typed, as plain values; a required field left empty or a malformed amount raises
        ValidationError naming it (nothing is written)."""
        out: dict[str, Any] = {}
        for f in self.fields:
            widget = self.inputs[f.name]
            value: Any
            if isinstance(widget, QPlainTextEdit):
                value = widget.toPlainText().strip()
            elif isinstance(widget, QSpinBox):
                value = widget.value()
            elif isinstance(widget, QComboBox):
                value = widget.currentData()
            elif isinstance(widget, QCheckBox):
                value = widget.isChecked()
            elif isinstance(widget, QDateEdit):
                value = widget.date().toPython()
            elif isinstance(widget, QLineEdit):
                value = widget.text().strip()
                if f.kind in ("money", "decimal"):
                    value = _money(f, value)
            else:
                value = get_cst(widget)  # type: ignore[arg-type]
            if f.required and value in ("", None):
                raise ValidationError(f.name, tr("请填写“%1”").replace("%1", tr(f.label)))
            out[f.name] = value if value != "" else None
        return out

    def submit(self) -> None:
        for widget in self.inputs.values():
            mark_invalid(widget, False)
        try:
            values = self.values()
        except ValidationError as exc:
            self._refused(exc)
            return
        job, actor = self.job, self.workbench.actor
        self.buttons.setEnabled(False)
        self.workbench.write(lambda s: job(s, actor, values), self._done, self._refused)

    def _done(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(result)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(error_text(exc))
        self.error.show()
        field = getattr(exc, "field", None)
        if field in self.inputs:
            mark_invalid(self.inputs[field], True)
            self.inputs[field].setFocus()


def _money(f: Field, text: str) -> Decimal | None:
    if not text:
        return None
    try:
        amount = Decimal(text.replace(",", "").replace("，", ""))
    except InvalidOperation:
        raise ValidationError(f.name, _number_message(f)) from None
    if amount < 0 or not amount.is_finite():
        raise ValidationError(f.name, _number_message(f))
    return amount


def _number_message(f: Field) -> str:
    if f.kind == "money":
        return tr("“%1”应为金额（元），如 12000.50").replace("%1", tr(f.label))
    return tr("“%1”应为不小于零的数，如 1.5").replace("%1", tr(f.label))


class ReasonDialog(FormDialog):
    """One required text: the reason for closing, the result reported, a step taken."""

    def __init__(self, workbench: Workbench, title: str, label: str, job: Job, parent: QWidget | None = None,
                 hint: str = "") -> None:
        super().__init__(workbench, title, [Field("reason", label, "multiline", required=True, max_length=2000)],
                         job, parent=parent)
        if hint:
            note = QLabel(hint)
            note.setObjectName("hint")
            note.setWordWrap(True)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(0, note)


def link_to_incident(page: Any, row: Any, link: Callable[[Session, Actor, int, int], Any]) -> None:
    """Ask which incident a register entry belongs to, and link it there through the core's `link`."""
    choices = incident_choices(page.workbench)
    dialog = FormDialog(page.workbench, tr("关联到已有事件"),
                        [Field("incident_id", "事件", "choice", required=True, choices=lambda: choices)],
                        lambda s, a, v: link(s, a, row.id, int(v["incident_id"])), parent=page)
    dialog.saved.connect(lambda r: page.done(tr("已关联事件"), select=r))
    page.dialog = dialog
    dialog.open()
