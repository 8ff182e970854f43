"""Issue 11.2: an overdue item's 超时未办说明 sits beside it in the documents editor; submitting waits for it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import ime_type, login, settle
from tests.ui.test_approvals_flow import open_incident

LEFT = Qt.MouseButton.LeftButton


def _late_incident(db: Any) -> int:
    """An incident of the informant's outlet that happened three hours ago and was never reported: its deadlines
    (3.2.2 and after) are overdue when the written report is drafted."""
    from desktop.demo import ELEMENTS_GENERAL
    from desktop.services import incidents, org
    from desktop.timeutil import now_utc

    xinxi = login(db, "xinxi").actor()
    ago = now_utc() - timedelta(hours=3)
    with db.session() as s:
        unit = next(u.id for u in org.list_units(s) if u.name == "保定朝阳支行")
        return incidents.create_incident(s, xinxi, dict(
            ELEMENTS_GENERAL, el_time="今日上午", el_place="保定朝阳支行营业大厅",
            title="客户在朝阳支行柜台争吵并报警", unit_id=unit, occurred_at=ago, learned_at=ago,
            place="保定朝阳支行营业大厅", severity="general", source="complaint")).id


def test_submit_waits_for_the_overdue_notes_beside_each_item(
        qtbot: Any, make_window: Any, worker: Any, demo_db: Any) -> None:
    from desktop.domain import DocumentState
    from desktop.services import documents

    incident_id = _late_incident(demo_db)
    window = make_window("xinxi")  # 3.3.1: the outlet's informant drafts its written report
    page = open_incident(qtbot, window, incident_id)
    page.show_tab("documents")
    tab = page.documents
    qtbot.waitUntil(tab.new_buttons["written_report"].isEnabled, timeout=5000)
    qtbot.mouseClick(tab.new_buttons["written_report"], LEFT)
    qtbot.waitUntil(lambda: (tab.editor is not None and tab.editor.isVisible()) or tab.error.isVisible(),
                    timeout=5000)
    assert not tab.error.isVisible(), tab.error.text()
    editor = tab.editor
    overdue = documents.overdue_items(editor.view.content)
    assert overdue, "the incident should have overdue deadlines"
    # One field per overdue item, beside it, empty: the paper never says "未填写".
    assert set(editor.overdue_edits) == {d["id"] for d in overdue}
    assert all(e.text() == "" and e.isVisible() for e in editor.overdue_edits.values())

    # Submitting without them is refused with the message; the first empty field is marked; nothing is submitted.
    qtbot.mouseClick(editor.submit_button, LEFT)
    qtbot.waitUntil(editor.error.isVisible, timeout=5000)
    settle(qtbot, worker)
    assert "超时未办说明" in editor.error.text()
    assert all(d["article"] in editor.error.text() for d in overdue)
    first = next(iter(editor.overdue_edits.values()))
    assert first.property("invalid") == "true"
    assert editor.isVisible() and editor.submit_button.isEnabled()
    with demo_db.read() as s:
        assert documents.get_version(s, window.actor, editor.view.version_id).state == DocumentState.DRAFT

    # Typed beside each item (through the input method, as Chinese arrives), submitting succeeds.
    for rule_id, edit in editor.overdue_edits.items():
        ime_type(edit, f"事发时未及时发现（{rule_id}）")
    with qtbot.waitSignal(editor.submitted, timeout=5000) as done:
        qtbot.mouseClick(editor.submit_button, LEFT)
    settle(qtbot, worker)
    assert not editor.isVisible()
    view = done.args[0]
    assert view.state == DocumentState.SUBMITTED
    with demo_db.read() as s:
        stored = documents.get_version(s, window.actor, view.version_id)
    assert documents.parse_notes(stored.fields["overdue_notes"]) == {
        d["id"]: f"事发时未及时发现（{d['id']}）" for d in overdue}
