"""The forms stop at the core's limits: a field's maxLength is the core's, and a time outside the supported range
cannot be entered."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone

from desktop import validation
from ui.common.widgets import cst_edit, get_cst
from ui.incidents.intake_form import IncidentForm


def test_the_intake_fields_stop_at_the_cores_limits(qtbot: Any) -> None:
    form = IncidentForm()
    qtbot.addWidget(form)
    for name in ("title", "place", "business_line_name"):
        assert getattr(form, name).maxLength() == validation.LIMITS[name], name
    form.title.setText("字" * (validation.LIMITS["title"] + 50))
    assert len(form.title.text()) == validation.LIMITS["title"]


def test_an_impossible_time_cannot_be_entered(qtbot: Any) -> None:
    edit = cst_edit()
    qtbot.addWidget(edit)
    edit.setDateTime(QDateTime(QDate(1026, 3, 1), QTime(10, 0), QTimeZone.utc()))  # a mistyped year
    assert get_cst(edit) >= validation.EARLIEST
    edit.setDateTime(QDateTime(QDate(9026, 3, 1), QTime(10, 0), QTimeZone.utc()))
    assert get_cst(edit) < validation.LATEST
    validation.time(get_cst(edit), "at")  # what the window gives, the core takes
    edit.setDateTime(QDateTime(QDate(2026, 3, 1), QTime(10, 0), QTimeZone.utc()))
    assert get_cst(edit).astimezone(UTC) == datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
