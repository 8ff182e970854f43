"""Withdrawing and correcting timeline events through the real window; the next-step buttons follow the
responsible party."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import ime_type, settle
from tests.ui.test_timeline import _ok, _open_from_dashboard

TITLE = "朝阳支行大厅拍摄视频"


def _row_of(page: Any, event_type: str, withdrawn: bool = False) -> int:
    return next(i for i in range(page.events.rowCount())
                if page.events.row_at(i).type == event_type and page.events.row_at(i).withdrawn == withdrawn)


def _select(qtbot: Any, page: Any, row: int) -> None:
    view = page.events_view
    view.scrollTo(page.events.index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(page.events.index(row, 1)).center())
    qtbot.waitUntil(lambda: page.selected_event() is page.events.row_at(row))


def _open(qtbot: Any, window: Any, worker: Any, title_part: str) -> Any:
    incident_id = next(r.id for r in window.workbench.snapshot.records if title_part in r.title)
    window.open_incident(incident_id)
    page = window.incident_page
    qtbot.waitUntil(lambda: page.record is not None and page.record.id == incident_id)
    settle(qtbot, worker)
    return page


def _open_duties(window: Any, incident_id: int) -> set[str]:
    return {r.rule_id for r in window.workbench.snapshot.rows if r.incident_id == incident_id}


def test_the_lead_department_withdraws_an_event_and_the_deadline_comes_back(qtbot: Any, window: Any,
                                                                           worker: Any) -> None:
    page = _open_from_dashboard(qtbot, window, TITLE)
    incident_id, count = page.record.id, page.events.rowCount()
    assert "3.2.2a" not in _open_duties(window, incident_id)  # the outlet reported to its lead department
    status = next(s for s in page.statuses if s.rule.id == "3.2.2a")
    assert status.status == "met"
    assert not page.withdraw_button.isEnabled()  # nothing selected yet
    _select(qtbot, page, _row_of(page, "reported_to_lead"))
    assert page.withdraw_button.isEnabled() and page.correct_button.isEnabled()  # 2.3: the lead department
    qtbot.mouseClick(page.withdraw_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.change_dialog is not None and page.change_dialog.isVisible())
    dialog = page.change_dialog
    _ok(qtbot, dialog)  # without a reason: refused, the dialog stays
    settle(qtbot, worker)
    assert dialog.isVisible() and "撤回理由" in dialog.error.text()
    ime_type(dialog.reason, "经核实网点尚未电话报告，系误记")
    with qtbot.waitSignal(window.workbench.loaded, timeout=5000):
        _ok(qtbot, dialog)
    settle(qtbot, worker)
    assert not dialog.isVisible()
    # The original stays on the timeline, struck through, marked and explained.
    assert page.events.rowCount() == count
    row = _row_of(page, "reported_to_lead", withdrawn=True)
    assert page.events.index(row, 1).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert page.events.index(row, page.events.STATE_COLUMN).data() == "已撤回"
    assert "系误记" in page.events.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "张伟" in page.events.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    # The deadline is computed again: 3.2.2 is open again, here and on the dashboard.
    status = next(s for s in page.statuses if s.rule.id == "3.2.2a")
    assert status.status in ("pending", "overdue") and status.done_at is None
    assert "3.2.2a" in _open_duties(window, incident_id)
    assert "reported_to_lead" in page.action_buttons
    # Once withdrawn, it cannot be withdrawn again.
    _select(qtbot, page, row)
    assert not page.withdraw_button.isEnabled() and "已于" in page.withdraw_button.toolTip()


def test_a_correction_through_the_event_dialog(qtbot: Any, make_window: Any, worker: Any) -> None:
    window = make_window("xinxi")
    page = _open(qtbot, window, worker, TITLE)
    _select(qtbot, page, _row_of(page, "reported_to_lead"))
    qtbot.mouseClick(page.correct_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.change_dialog is not None and page.change_dialog.isVisible())
    dialog = page.change_dialog
    assert dialog.note.text() == "电话报告综合管理部张伟"  # filled with the original
    dialog.note.clear()
    ime_type(dialog.note, "电话报告综合管理部张伟，并短信确认")
    ime_type(dialog.reason, "补充报告方式")
    with qtbot.waitSignal(window.workbench.loaded, timeout=5000):
        _ok(qtbot, dialog)
    settle(qtbot, worker)
    old = page.events.row_at(_row_of(page, "reported_to_lead", withdrawn=True))
    new = page.events.row_at(_row_of(page, "reported_to_lead"))
    assert old.corrected and new.corrects_id == old.id and new.note.endswith("短信确认")
    withdrawn = _row_of(page, "reported_to_lead", withdrawn=True)
    assert page.events.index(withdrawn, page.events.STATE_COLUMN).data() == "已更正"
    assert page.events.index(_row_of(page, "reported_to_lead"), page.events.STATE_COLUMN).data() == "更正后"


def test_the_outlets_head_gets_only_its_own_buttons(qtbot: Any, make_window: Any, worker: Any) -> None:
    """3.2.2(2): reporting to the branch office is the local lead department's; the outlet's head may not record
    it, nor withdraw what the outlet's informant recorded."""
    window = make_window("fuzeren")
    page = _open(qtbot, window, worker, TITLE)
    offered = set(page.action_buttons) | {a.text() for a in page.more_menu.actions()}
    assert "reported_to_branch_office" not in offered
    assert "属地牵头部门已报告分行办公室" not in offered
    assert "details_to_branch_office" not in page.action_buttons
    assert "media_inquiry" in page.action_buttons  # anyone's
    _select(qtbot, page, _row_of(page, "reported_to_lead"))
    assert not page.withdraw_button.isEnabled() and "记录人（李晓梅）" in page.withdraw_button.toolTip()
