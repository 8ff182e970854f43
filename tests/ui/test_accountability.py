"""6.1 in the window: the lead department's clerk records an accountability item; others only read the list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import ime_type, settle
from tests.ui.test_approvals_flow import open_incident

LEFT = Qt.MouseButton.LeftButton


def _open_items(qtbot: Any, window: Any, worker: Any, incident_id: int) -> Any:
    page = open_incident(qtbot, window, incident_id)
    page.show_tab("accountability")
    settle(qtbot, worker)
    return page.accountability


def _open_incident_id(window: Any) -> int:
    return next(r.id for r in window.workbench.snapshot.records if r.status == "open"
                and r.unit_id == next(u.id for u in window.workbench.units if u.name == "保定朝阳支行"))


def test_lead_clerk_adds_an_item_and_sees_it_listed(qtbot: Any, window: Any, worker: Any, demo_db: Any) -> None:
    from desktop.services import accountability

    incident_id = _open_incident_id(window)
    tab = _open_items(qtbot, window, worker, incident_id)
    qtbot.waitUntil(tab.add_button.isEnabled, timeout=5000)
    rows = tab.table.rowCount()
    qtbot.mouseClick(tab.add_button, LEFT)
    dialog = tab.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    ime_type(dialog.unit_name, "保定朝阳支行")
    ime_type(dialog.person, "张三")
    dialog.measure.setCurrentIndex(dialog.measure.findData("score_zero"))
    # 6.1.2 without its quarter: the core's refusal is shown, nothing is stored, the dialog stays open.
    qtbot.mouseClick(dialog.save_button, LEFT)
    qtbot.waitUntil(dialog.error.isVisible, timeout=5000)
    assert "季度" in dialog.error.text() and dialog.isVisible()
    qtbot.keyClicks(dialog.quarter, "2026q1")
    with qtbot.waitSignal(dialog.added, timeout=5000):
        qtbot.mouseClick(dialog.save_button, LEFT)
    settle(qtbot, worker)
    qtbot.waitUntil(lambda: tab.table.rowCount() == rows + 1, timeout=5000)
    last = [tab.table.item(rows, c).text() for c in range(4)]
    assert last[:2] == ["保定朝阳支行", "张三"] and "6.1.2" in last[2] and last[3] == "2026Q1"
    with demo_db.read() as s:
        stored = accountability.items(s, window.actor, incident_id)
    assert len(stored) == rows + 1 and stored[-1].quarter == "2026Q1"


def test_the_informant_sees_the_list_but_may_not_add(qtbot: Any, make_window: Any, worker: Any) -> None:
    window = make_window("xinxi")
    tab = _open_items(qtbot, window, worker, _open_incident_id(window))
    assert not tab.add_button.isEnabled()
