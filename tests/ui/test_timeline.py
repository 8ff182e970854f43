"""The timeline, driven through its buttons: events recorded, late reasons asked, escalation, dashboard colours."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.services import deadline_board as dl
from tests.ui.conftest import ime_type, settle
from ui.dashboard.model import COL_INCIDENT, STATE_ROLE


def _open_from_dashboard(qtbot: Any, window: Any, title_part: str) -> Any:
    page = window.pages["dashboard"]
    view = page.view
    for row in range(page.proxy.rowCount()):
        if title_part in page.proxy.index(row, COL_INCIDENT).data():
            rect = view.visualRect(page.proxy.index(row, COL_INCIDENT))
            view.scrollTo(page.proxy.index(row, COL_INCIDENT))
            rect = view.visualRect(page.proxy.index(row, COL_INCIDENT))
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            break
    else:
        raise AssertionError(f"no dashboard row for {title_part}")
    qtbot.waitUntil(lambda: window.incident_page.record is not None and title_part in window.incident_page.record.title)
    return window.incident_page


def _click_action(qtbot: Any, page: Any, event_type: str) -> Any:
    button = page.action_buttons[event_type]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.event_dialog is not None and page.event_dialog.isVisible())
    return page.event_dialog


def _ok(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_record_events_through_buttons_and_escalate(qtbot: Any, window: Any, worker: Any) -> None:
    page = _open_from_dashboard(qtbot, window, "朝阳支行大厅拍摄视频")
    incident_id = page.record.id
    rows = {r.rule_id for r in window.workbench.snapshot.rows if r.incident_id == incident_id}
    assert "3.2.2b" in rows  # remote: the local lead department reports on within 30 minutes
    assert page.action_buttons["reported_to_branch_office"].text() == "属地牵头部门已报告分行办公室"
    dialog = _click_action(qtbot, page, "reported_to_branch_office")
    assert not dialog.late_reason.isVisible()
    ime_type(dialog.note, "电话报告分行办公室赵丽")
    with qtbot.waitSignal(window.workbench.loaded, timeout=5000):
        _ok(qtbot, dialog)
    settle(qtbot, worker)
    event = page.record.events[-1]
    assert event.type == "reported_to_branch_office" and event.recorded_by == "张伟"
    assert page.events.rowCount() == len(page.record.events)
    assert page.events.index(page.events.rowCount() - 1, 3).data() == "张伟"
    rows = {r.rule_id for r in window.workbench.snapshot.rows if r.incident_id == incident_id}
    assert "3.2.2b" not in rows and "reported_to_branch_office" not in page.action_buttons

    # A media inquiry records the journalist's name, outlet and contact.
    dialog = _click_action(qtbot, page, "media_inquiry")
    ime_type(dialog.fields["journalist"], "王记者")
    ime_type(dialog.fields["outlet"], "河北日报")
    qtbot.keyClicks(dialog.fields["contact"], "0311-1234567")
    with qtbot.waitSignal(window.workbench.loaded, timeout=5000):
        _ok(qtbot, dialog)
    settle(qtbot, worker)
    assert page.record.events[-1].data["outlet"] == "河北日报"

    # Escalation to major: the general-only duties give way to the major ones (4.3.4).
    assert page.badge.text() == "一般"
    dialog = _click_action(qtbot, page, "escalated_to_major")
    with qtbot.waitSignal(window.workbench.loaded, timeout=5000):
        _ok(qtbot, dialog)
    settle(qtbot, worker)
    assert page.record.is_major and page.badge.text() == "重大"
    assert page.tabs.isTabEnabled(3)
    rows = {r.rule_id: r for r in window.workbench.snapshot.rows if r.incident_id == incident_id}
    assert {"3.2.3a", "4.3.4-1", "4.3.4-3b"} <= set(rows)
    assert "4.2.2.2-2a" not in rows  # superseded
    model = window.pages["dashboard"].model
    states = {model.row_at(i).rule_id: model.data(model.index(i, 0), STATE_ROLE)
              for i in range(model.rowCount()) if model.row_at(i).incident_id == incident_id}
    assert states["4.3.4-1"] == dl.IMMEDIATE and states["3.2.3a"] == dl.COMFORTABLE
    assert states["4.3.4-4a"] == dl.WINDOW


def test_late_completion_asks_for_the_reason(qtbot: Any, make_window: Any, worker: Any) -> None:
    window = make_window("bangongshi")  # the branch office sees the same-city incidents
    page = _open_from_dashboard(qtbot, window, "存单到期无法支取")
    model = window.pages["dashboard"].model
    overdue = [model.row_at(i) for i in range(model.rowCount())
               if model.data(model.index(i, 0), STATE_ROLE) == dl.OVERDUE]
    assert any(r.incident_id == page.record.id for r in overdue)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert page.action_buttons["written_details_to_lead"].objectName() == "actionUrgent"
    dialog = _click_action(qtbot, page, "written_details_to_lead")
    assert dialog.late_reason.isVisible() and "4.2.2.1(2)" in dialog.late_hint.text()
    _ok(qtbot, dialog)
    settle(qtbot, worker)
    assert dialog.isVisible() and "迟报说明" in dialog.error.text()
    ime_type(dialog.late_reason, "业务部门负责人外出，未能及时签报")
    with qtbot.waitSignal(window.workbench.loaded, timeout=5000):
        _ok(qtbot, dialog)
    settle(qtbot, worker)
    event = page.record.events[-1]
    assert event.type == "written_details_to_lead" and event.late_reason.startswith("业务部门负责人")
    assert not any(r.incident_id == page.record.id and r.rule_id == "4.2.2.1-2" for r in window.workbench.snapshot.rows)


def test_written_report_button_leads_into_the_documents_workflow(qtbot: Any, make_window: Any, worker: Any,
                                                                  demo_db: Any) -> None:
    """written_report_to_lead is recorded only by sending a signed report (3.3.3): the button drafts one, and
    submitting it is refused while 3.3.2 elements are missing, naming them."""
    from datetime import timedelta

    from desktop.services import incidents, org
    from desktop.timeutil import now_utc

    window = make_window("xinxi")
    with demo_db.session() as s:
        unit = next(u.id for u in org.list_units(s) if u.name == "保定朝阳支行")
        record = incidents.create_incident(s, window.account.actor(), {
            "title": "要素不全的事件", "unit_id": unit, "occurred_at": now_utc() - timedelta(minutes=5),
            "severity": "general", "source": "complaint"})
        incidents.record_event(s, window.account.actor(), record.id, "reported_to_lead", now_utc())
    window.workbench.reload()
    settle(qtbot, worker)
    window.open_incident(record.id)
    page = window.incident_page
    qtbot.waitUntil(lambda: page.record is not None and page.record.id == record.id)
    # The buttons are rebuilt as the page's loads come back from the worker: wait for them, then take the
    # current one.
    settle(qtbot, worker)

    def ready() -> bool:
        current = page.action_buttons.get("written_report_to_lead")
        return current is not None and current.isEnabled()

    qtbot.waitUntil(ready)
    settle(qtbot, worker)
    qtbot.waitUntil(ready)
    button = page.action_buttons["written_report_to_lead"]
    assert button.text() == "起草并签发书面报告"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.documents.editor is not None and page.documents.editor.isVisible())
    assert page.tabs.currentWidget() is page.documents
    assert page.event_dialog is None or not page.event_dialog.isVisible()
    editor = page.documents.editor
    qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.error.isVisible())
    assert "起因" in editor.error.text() and "3.3.2" in editor.error.text() and editor.isVisible()
    settle(qtbot, worker)
    assert "written_report_to_lead" not in {e.type for e in page.record.events}
    assert page.documents.model.rowCount() == 1 and page.documents.model.row_at(0).state == "draft"


def test_opinion_entry_and_leadership_group(qtbot: Any, window: Any, worker: Any) -> None:
    page = _open_from_dashboard(qtbot, window, "飞单")
    tab = page.opinions
    ime_type(tab.source, "微博")
    ime_type(tab.link, "网传保定营业部员工私售理财")
    ime_type(tab.reach, "阅读3万")
    tab.add()
    settle(qtbot, worker)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.model.index(0, 5).data() == "张伟"
    assert page.major.group.rowCount() == 5
