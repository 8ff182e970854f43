"""Reminders nobody can miss: shown in the window itself with no system tray, the taskbar entry flashed, a sound
if chosen; each user's "知道了" survives a restart, an unacknowledged reminder comes back."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from desktop.services import deadline_board as dl
from tests.ui.conftest import settle
from ui.dashboard.reminders import COL_ACK, COL_INCIDENT, COL_RESPONSIBLE


@pytest.fixture
def alerts(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """QApplication.alert (the taskbar entry flashes) and QApplication.beep, recorded instead of done."""
    seen: dict[str, list[Any]] = {"alert": [], "beep": []}
    monkeypatch.setattr(QApplication, "alert", lambda widget, msec=0: seen["alert"].append(widget))
    monkeypatch.setattr(QApplication, "beep", lambda: seen["beep"].append(True))
    return seen


def _at(window: Any, monkeypatch: pytest.MonkeyPatch, when: datetime) -> None:
    """The window's clock stopped, then one tick of it at `when`."""
    from ui.shell import main_window

    window.clock.stop()
    monkeypatch.setattr(main_window, "now_utc", lambda: when)
    window.tick()


def _open(window: Any, qtbot: Any) -> Any:
    window.clock.stop()
    qtbot.waitUntil(lambda: window.reminders.isVisible(), timeout=5000)
    return window.reminders


def test_a_reminder_in_the_window_without_a_tray_acknowledged_once_per_user(
        qtbot: Any, make_window: Any, worker: Any, settings: Any, alerts: dict[str, list[Any]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen: no tray, the window alone must do
    settings.sound = True
    window = make_window("jingban")
    assert window.notifier.tray is None
    panel = _open(window, qtbot)

    # At log-in: what is already overdue, due soon or immediate and not acknowledged is there.
    overdue = next(k for k in panel.shown_keys() if k.state == dl.OVERDUE)
    assert {k.state for k in panel.shown_keys()} == {dl.OVERDUE, dl.DUE_SOON, dl.IMMEDIATE}
    assert panel.shown_keys()[0].state == dl.OVERDUE  # most urgent first
    qtbot.waitUntil(lambda: window in alerts["alert"])
    assert alerts["beep"]
    shown = len(window.notifier.history)

    # A comfortable duty enters "due soon" as the clock runs: it appears, the taskbar flashes again.
    rows, thresholds = window.workbench.snapshot.rows, window.workbench.thresholds
    now_ts = window.workbench.snapshot.at.timestamp()
    row = min((r for r in rows if dl.state_at(r, now_ts, thresholds) == dl.COMFORTABLE and r.kind == "deadline"),
              key=lambda r: r.due_ts)
    soon_ts = dl.next_change(row, now_ts, thresholds)
    assert soon_ts is not None
    soon = datetime.fromtimestamp(soon_ts, UTC)
    alerts["alert"].clear()
    _at(window, monkeypatch, soon)
    key = dl.ReminderKey(row.incident_id, row.rule_id, dl.DUE_SOON)
    assert key in panel.shown_keys() and panel.isVisible()
    r = panel.shown_keys().index(key)
    assert panel.table.item(r, COL_INCIDENT).text() == f"{row.number} {row.title}"
    assert panel.table.item(r, COL_RESPONSIBLE).text() == row.responsible  # who must act
    qtbot.waitUntil(lambda: alerts["alert"] == [window])
    assert len(window.notifier.history) == shown + 1
    assert row.number in window.notifier.history[-1][1]

    # A click on the reminder opens its incident; "知道了" quiets it, for this user, in the database.
    cell = panel.table.visualItemRect(panel.table.item(r, COL_INCIDENT)).center()
    QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert window.stack.currentWidget() is window.incident_page
    settle(qtbot, worker)
    panel.table.cellWidget(r, COL_ACK).click()
    assert key not in panel.shown_keys()
    settle(qtbot, worker)
    alerts["alert"].clear()
    window.close()

    # Restart, same user, same database: the acknowledged reminder stays quiet, the others come back.
    again = make_window("jingban")
    panel = _open(again, qtbot)
    _at(again, monkeypatch, soon)
    assert key not in panel.shown_keys()
    assert overdue in panel.shown_keys()
    qtbot.waitUntil(lambda: again in alerts["alert"])
    # Acknowledging "due soon" does not silence "overdue".
    _at(again, monkeypatch, datetime.fromtimestamp(row.due_ts + 1, UTC))
    assert key._replace(state=dl.OVERDUE) in panel.shown_keys()
    # "全部知道了": nothing left, the panel hides, and stays so after another restart.
    panel.ack_all_button.click()
    assert panel.shown_keys() == [] and not panel.isVisible()
    settle(qtbot, worker)
    again.close()
    third = make_window("jingban")
    third.clock.stop()
    settle(qtbot, worker)
    _at(third, monkeypatch, datetime.fromtimestamp(row.due_ts + 1, UTC))
    assert third.reminders.shown_keys() == [] and not third.reminders.isVisible()
    third.close()

    # Another user has not acknowledged anything: the same reminder is theirs to see.
    other = make_window("bangongshi")
    panel = _open(other, qtbot)
    _at(other, monkeypatch, soon)
    assert key in panel.shown_keys() and overdue in panel.shown_keys()


def test_the_panel_is_above_every_page(qtbot: Any, make_window: Any) -> None:
    window = make_window("jingban")
    panel = _open(window, qtbot)
    for key in ("incidents", "settings", "dashboard"):
        window.show_page(key)
        assert panel.isVisible()
        assert panel.mapTo(window, panel.rect().topLeft()).y() < window.stack.mapTo(window, window.stack.rect()
                                                                                      .topLeft()).y()
    window.open_incident(window.workbench.snapshot.rows[0].incident_id)
    assert panel.isVisible()
