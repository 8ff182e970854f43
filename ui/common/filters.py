"""Filter widgets shared by the dashboard and the incident list: a CST date range, choice combos."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import cast

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from desktop.timeutil import today_cst


def fill_choices(combo: QComboBox, choices: Mapping[str, str], empty: str | None, context: str = "domain") -> None:
    """`empty` (data None) first, then the vocabulary's labels translated in `context`, keeping the choice."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if empty is not None:
        combo.addItem(empty, None)
    for key, label in choices.items():
        combo.addItem(QCoreApplication.translate(context, label), str(key))
    at = combo.findData(current) if current is not None else -1
    combo.setCurrentIndex(max(at, 0))
    combo.blockSignals(False)


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    edit.setEnabled(False)
    return edit


class DateRangeFilter(QWidget):
    """[x] 事发日期 [from] 至 [to]: calendar days in China Standard Time, both included; unticked means any day."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = today_cst()
        self.enabled = QCheckBox(label)
        self.enabled.setToolTip(self.tr("北京时间的日历日，含起止两日"))
        self.start = _date_edit(today - timedelta(days=30))
        self.end = _date_edit(today)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled)
        row.addWidget(self.start)
        row.addWidget(QLabel(self.tr("至")))
        row.addWidget(self.end)
        self.enabled.toggled.connect(self._toggled)
        self.start.dateChanged.connect(self._edited)
        self.end.dateChanged.connect(self._edited)

    def _toggled(self, on: bool) -> None:
        self.start.setEnabled(on)
        self.end.setEnabled(on)
        self.changed.emit()

    def _edited(self, *_: object) -> None:
        if self.enabled.isChecked():
            self.changed.emit()

    def set_range(self, first: date | None, last: date | None) -> None:
        """Tick and set both days (None for neither: untick); one `changed`."""
        for widget in (self.enabled, self.start, self.end):
            widget.blockSignals(True)
        if first is not None:
            self.start.setDate(QDate(first.year, first.month, first.day))
        if last is not None:
            self.end.setDate(QDate(last.year, last.month, last.day))
        on = first is not None or last is not None
        self.enabled.setChecked(on)
        self.start.setEnabled(on)
        self.end.setEnabled(on)
        for widget in (self.enabled, self.start, self.end):
            widget.blockSignals(False)
        self.changed.emit()

    def dates(self) -> tuple[date | None, date | None]:
        """(first, last) in order, or (None, None) when unticked."""
        if not self.enabled.isChecked():
            return None, None
        # QDate.toPython() is typed as returning object; it returns a datetime.date
        a, b = cast(date, self.start.date().toPython()), cast(date, self.end.date().toPython())
        return (a, b) if a <= b else (b, a)
