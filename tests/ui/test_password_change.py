"""After an administrator's reset the log-in asks for a new password before the window opens."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.ui.conftest import settle


@pytest.fixture
def org_worker(sqlite_db: Any) -> Iterator[Any]:
    """The example organisation and accounts (no incidents), xinxi's password reset by the administrator."""
    from desktop import demo
    from desktop.services import accounts
    from ui.data.worker import DbWorker

    with sqlite_db.session() as s:
        actors = demo.build_accounts(s, demo.build_organisation(s))
    with sqlite_db.session() as s:
        accounts.reset_password(s, actors["admin"], actors["xinxi"].user_id, "fromadmin1")
    w = DbWorker(sqlite_db)
    yield w
    w.stop()


def test_a_reset_password_must_be_changed_before_the_window(qtbot: Any, org_worker: Any) -> None:
    from ui.auth.login import LoginDialog

    dialog = LoginDialog(org_worker, "xinxi")
    qtbot.addWidget(dialog)
    logged_in: list[Any] = []
    dialog.loggedIn.connect(logged_in.append)
    dialog.password.setText("fromadmin1")
    dialog.submit()
    settle(qtbot, org_worker)
    change = dialog.change_dialog
    assert change is not None and not logged_in
    assert change.old.maxLength() == change.new.maxLength() > 0
    change.old.setText("fromadmin1")
    change.new.setText("mine12345")
    change.again.setText("mine54321")
    change.submit()  # the two differ: said, nothing sent
    assert change.error.isVisibleTo(change) and not logged_in
    change.new.setText("mine12345")
    change.again.setText("mine12345")
    change.submit()
    settle(qtbot, org_worker)
    qtbot.waitUntil(lambda: bool(logged_in), timeout=5000)
    assert not logged_in[0].must_change_password and logged_in[0].username == "xinxi"


def test_declining_the_change_stays_on_the_log_in(qtbot: Any, org_worker: Any) -> None:
    from ui.auth.login import LoginDialog

    dialog = LoginDialog(org_worker, "xinxi")
    qtbot.addWidget(dialog)
    logged_in: list[Any] = []
    dialog.loggedIn.connect(logged_in.append)
    dialog.password.setText("fromadmin1")
    dialog.submit()
    settle(qtbot, org_worker)
    assert dialog.change_dialog is not None
    dialog.change_dialog.reject()
    assert not logged_in and dialog.error.isVisibleTo(dialog) and dialog.password.text() == ""


@pytest.mark.parametrize("username", ["admin", "xinxi"])
def test_every_user_changes_their_own_password_from_the_window(qtbot: Any, make_window: Any, demo_db: Any,
                                                               username: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox, QToolBar

    from desktop.errors import AuthError
    from desktop.services import accounts

    window = make_window(username)
    bar = window.findChild(QToolBar, "main_toolbar")
    assert window.password_action in bar.actions()
    qtbot.mouseClick(bar.widgetForAction(window.password_action), Qt.MouseButton.LeftButton)
    dialog = window.password_dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.old, "wrongpass1")
    qtbot.keyClicks(dialog.new, "fresh2026x")
    qtbot.keyClicks(dialog.again, "fresh2026x")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settle(qtbot, window.workbench.worker)
    assert dialog.isVisible() and dialog.error.text()  # the core's refusal; nothing changed
    with demo_db.read() as s:
        assert accounts.authenticate(s, username, "repdesk2026").username == username
    dialog.old.clear()
    qtbot.keyClicks(dialog.old, "repdesk2026")
    qtbot.keyClicks(dialog.new, "fresh2026x")
    qtbot.keyClicks(dialog.again, "fresh2026x")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with demo_db.read() as s:
        assert accounts.authenticate(s, username, "fresh2026x").username == username
        with pytest.raises(AuthError):
            accounts.authenticate(s, username, "repdesk2026")
