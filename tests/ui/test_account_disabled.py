"""A window whose account an administrator disabled says so and logs out; new roles are read again."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import delete, update

from desktop.db.models import User, UserRole
from tests.ui.conftest import settle


def _boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "accountDisabledBox"]


def test_a_disabled_account_is_told_and_logged_out(qtbot: Any, window: Any, demo_db: Any, worker: Any) -> None:
    with demo_db.session() as s:
        s.execute(update(User).where(User.id == window.workbench.account.id).values(active=False))
    with qtbot.waitSignal(window.logoutRequested, timeout=5000):
        window.workbench.reload()
    settle(qtbot, worker)
    boxes = _boxes()
    assert boxes and "停用" in boxes[0].text()
    for box in boxes:
        box.close()


def test_a_write_refused_for_a_disabled_account_logs_out(qtbot: Any, window: Any, demo_db: Any,
                                                          worker: Any) -> None:
    from desktop.services import incidents

    with demo_db.session() as s:
        s.execute(update(User).where(User.id == window.workbench.account.id).values(active=False))
    actor = window.workbench.actor
    record = window.workbench.snapshot.records[0]
    failed: list[Any] = []
    with qtbot.waitSignal(window.logoutRequested, timeout=5000):
        window.workbench.write(lambda s: incidents.add_opinion(
            s, actor, record.id, source="微博", link_or_title="帖子", seen_at=record.occurred_at), None, failed.append)
    settle(qtbot, worker)
    assert not failed  # the window logs out instead of showing the page's error
    for box in _boxes():
        box.close()


def test_changed_roles_are_read_again(qtbot: Any, window: Any, demo_db: Any, worker: Any) -> None:
    account = window.workbench.account
    with demo_db.session() as s:
        s.execute(delete(UserRole).where(UserRole.user_id == account.id))
        s.add(UserRole(user_id=account.id, role="leader"))
    with qtbot.waitSignal(window.workbench.rightsChanged, timeout=5000):
        window.workbench.reload()
    settle(qtbot, worker)
    assert window.workbench.account.roles == frozenset({"leader"})
