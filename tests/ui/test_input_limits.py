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


def test_the_admin_and_setup_fields_stop_at_the_cores_limits(qtbot: Any) -> None:
    from desktop.services.accounts import MAX_PASSWORD
    from ui.admin.dialogs import AccountDialog, SettingDialog
    from ui.auth.setup_wizard import SetupWizard

    account = AccountDialog([], frozenset())
    qtbot.addWidget(account)
    assert account.username.maxLength() == validation.LIMITS["username"]
    assert account.phone.maxLength() == validation.LIMITS["phone"]
    assert account.password.maxLength() == MAX_PASSWORD
    setting = SettingDialog("t", "l", "doc_prefix", "")
    qtbot.addWidget(setting)
    assert setting.value.maxLength() == validation.LIMITS["doc_prefix"]
    wizard = SetupWizard(worker=None)  # type: ignore[arg-type]  # nothing is submitted here
    qtbot.addWidget(wizard)
    assert wizard.branch_name.maxLength() == validation.LIMITS["unit_full_name"]
    assert wizard.branch_code.maxLength() == validation.LIMITS["code"]
    assert wizard.head_office.maxLength() == validation.LIMITS["head_office"]
    # No organisation's name is written in code: a real installation starts empty, the examples are placeholders.
    assert wizard.branch_name.text() == "" and wizard.branch_name.placeholderText()
    assert wizard.office_name.text() == "" and wizard.office_code.text() == ""
