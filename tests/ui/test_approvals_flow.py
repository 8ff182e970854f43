"""The approval workflow through the real window, logged in as each person in turn: drafting, submitting,
approving, signing and sending, with the timeline and the dashboard moving (3.3.1, 3.3.3, 4.2.2.2(3), 3.2.3)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.conftest import ime_type, settle


def new_incident(db: Any, unit_name: str, severity: str = "general", minutes_ago: int = 10) -> int:
    """An incident with every 3.3.2 element, phoned in to its lead department three minutes ago."""
    from desktop.domain import ELEMENTS, MAJOR_ELEMENTS, SYSTEM
    from desktop.services import incidents, org
    from desktop.timeutil import now_utc

    labels = {**ELEMENTS, **(MAJOR_ELEMENTS if severity == "major" else {})}
    now = now_utc()
    with db.session() as s:
        unit = next(u.id for u in org.list_units(s) if u.name == unit_name)
        record = incidents.create_incident(s, SYSTEM, {
            "title": f"测试事件（{unit_name}）", "unit_id": unit, "occurred_at": now - timedelta(minutes=minutes_ago),
            "severity": severity, "source": "complaint", "place": unit_name,
            **{k: f"{label}：测试内容" for k, label in labels.items()}})
        incidents.record_event(s, SYSTEM, record.id, "reported_to_lead", now - timedelta(minutes=3))
    return record.id


def open_incident(qtbot: Any, window: Any, incident_id: int) -> Any:
    window.open_incident(incident_id)
    page = window.incident_page
    qtbot.waitUntil(lambda: page.record is not None and page.record.id == incident_id
                    and page.documents.state.incident_id == incident_id, timeout=5000)
    return page


def click_action(qtbot: Any, page: Any, event_type: str) -> None:
    button = page.action_buttons[event_type]
    qtbot.waitUntil(button.isEnabled, timeout=5000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def submit_in_editor(qtbot: Any, worker: Any, page: Any, reply_script: str = "",
                     fields: dict[str, str] | None = None) -> None:
    tab = page.documents
    qtbot.waitUntil(lambda: tab.editor is not None and tab.editor.isVisible(), timeout=5000)
    editor = tab.editor
    if reply_script and "reply_script" in editor.edits:
        ime_type(editor.edits["reply_script"], reply_script)
    for key, text in (fields or {}).items():
        ime_type(editor.edits[key], text)
    qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5000)
    settle(qtbot, worker)


def open_queue_item(qtbot: Any, window: Any, incident_id: int, action: str) -> Any:
    """On 待我审批: select the row of this incident waiting for `action`, press 打开办理, wait for the version."""
    window.show_page("approvals")
    page = window.pages["approvals"]

    def row() -> int:
        for i in range(page.model.rowCount()):
            item = page.model.row_at(i)
            if item.incident_id == incident_id and item.action == action:
                return i
        return -1

    qtbot.waitUntil(lambda: row() >= 0, timeout=5000)
    index = page.model.index(row(), page.model.INCIDENT)
    page.view.scrollTo(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center())
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible() and page.dialog.view is not None
                    and all(b.isEnabled() for b in page.dialog.buttons.values()), timeout=15000)
    return page.dialog


def decide(qtbot: Any, worker: Any, dialog: Any, decision: str, comment: str = "") -> None:
    """Decide once the version has been read (its PDF beside the buttons); the dialog then shows the new state with
    no decision left to take, and is closed."""
    qtbot.waitUntil(dialog.buttons[decision].isEnabled, timeout=15000)
    if comment:
        ime_type(dialog.comment, comment)
    qtbot.mouseClick(dialog.buttons[decision], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome != "", timeout=5000)
    assert dialog.isVisible() and not any(b.isEnabled() for b in dialog.buttons.values())
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    settle(qtbot, worker)


def statuses(page: Any) -> dict[str, str]:
    return {s.rule.id: s.status for s in page.statuses}


def dashboard_rules(window: Any, incident_id: int) -> set[str]:
    return {r.rule_id for r in window.workbench.snapshot.rows if r.incident_id == incident_id}


def refresh(qtbot: Any, window: Any, worker: Any) -> None:
    with qtbot.waitSignal(window.workbench.loaded, timeout=5000):
        window.workbench.reload()
    settle(qtbot, worker)


def test_general_remote_written_report_and_response_plan(qtbot: Any, make_window: Any, worker: Any,
                                                         demo_db: Any) -> None:
    incident = new_incident(demo_db, "保定朝阳支行")
    # 3.3.1, 3.3.3: the outlet's information officer drafts and submits the written report.
    xinxi = make_window("xinxi")
    page = open_incident(qtbot, xinxi, incident)
    assert "3.3.1" in dashboard_rules(xinxi, incident)
    assert "response_plan_approved" in page.action_buttons  # jingban's, not hers: disabled
    qtbot.waitUntil(lambda: not page.action_buttons["response_plan_approved"].isEnabled(), timeout=5000)
    click_action(qtbot, page, "written_report_to_lead")
    submit_in_editor(qtbot, worker, page)
    qtbot.waitUntil(lambda: page.documents.model.rowCount() == 1
                    and page.documents.model.row_at(0).state == "submitted", timeout=5000)

    # The unit head reads the frozen version and signs it.
    fuzeren = make_window("fuzeren")
    dialog = open_queue_item(qtbot, fuzeren, incident, "sign")
    assert set(dialog.buttons) == {"sign", "return"}
    assert "起因：测试内容" in dialog.browser.toPlainText() and "事发单位主要负责人签发" in dialog.browser.toPlainText()
    decide(qtbot, worker, dialog, "sign", "同意报送")
    queue = fuzeren.pages["approvals"]
    # Signed: what is left for the unit is sending it (the head may send too, 3.3.3).
    qtbot.waitUntil(lambda: [queue.model.row_at(i).action for i in range(queue.model.rowCount())
                             if queue.model.row_at(i).incident_id == incident] == ["send"])

    # The information officer sends it: written_report_to_lead is recorded, 3.3.1 met.
    refresh(qtbot, xinxi, worker)
    dialog = open_queue_item(qtbot, xinxi, incident, "send")
    assert set(dialog.buttons) == {"send"} and "刘强" in dialog.browser.toPlainText()
    decide(qtbot, worker, dialog, "send", "已传真综合管理部")
    page = open_incident(qtbot, xinxi, incident)
    qtbot.waitUntil(lambda: statuses(page).get("3.3.1") == "met", timeout=5000)
    assert "written_report_to_lead" in {e.type for e in page.record.events}
    assert "3.3.1" not in dashboard_rules(xinxi, incident)
    assert page.documents.model.row_at(0).state == "sent"

    # 4.2.2.2(3): the local lead department drafts the plan; the local leader and the branch office approve.
    jingban = make_window("jingban")
    page = open_incident(qtbot, jingban, incident)
    click_action(qtbot, page, "response_plan_approved")
    # A response plan states its principles and lists its measures before it can be submitted.
    submit_in_editor(qtbot, worker, page, "我行已关注到相关情况，正在核实处理。",
                     {"body": "积极回应，实事求是。", "plan_measures": "核实情况，回访客户。"})
    for who in ("bangongshi", "lingdao"):  # any order
        window = make_window(who)
        dialog = open_queue_item(qtbot, window, incident, "approve")
        decide(qtbot, worker, dialog, "approve", "同意")
    page = open_incident(qtbot, window, incident)
    qtbot.waitUntil(lambda: statuses(page).get("4.2.2.2-3") == "met", timeout=5000)
    assert "response_plan_approved" in {e.type for e in page.record.events}
    assert "4.2.2.2-3" not in dashboard_rules(window, incident)
    page.show_tab("history")
    qtbot.waitUntil(lambda: page.history.model.rowCount() >= 8, timeout=5000)
    actions = [page.history.model.index(i, 2).data() for i in range(page.history.model.rowCount())]
    assert {"提交审批", "签发", "报送", "审批同意"} <= set(actions)


def test_major_report_head_office_consent_then_regulator(qtbot: Any, make_window: Any, worker: Any,
                                                         demo_db: Any) -> None:
    incident = new_incident(demo_db, "保定分行营业部", "major")
    bgs = make_window("bangongshi")
    page = open_incident(qtbot, bgs, incident)
    # 3.2.3: consent only after the head-office report, the regulator only after consent.
    assert page.action_buttons["head_office_consent"].isEnabled() is False
    assert "reported_to_head_office" not in page.action_buttons  # its prior, the approval, is offered first
    click_action(qtbot, page, "major_report_approved")
    submit_in_editor(qtbot, worker, page)

    fenhang = make_window("fenhang")  # the leadership group approves (4.3.4(2))
    decide(qtbot, worker, open_queue_item(qtbot, fenhang, incident, "approve"), "approve", "领导小组审定同意")
    page = open_incident(qtbot, fenhang, incident)
    qtbot.waitUntil(lambda: "major_report_approved" in {e.type for e in page.record.events}, timeout=5000)

    hangzhang = make_window("hangzhang")  # the president signs (3.3.3)
    decide(qtbot, worker, open_queue_item(qtbot, hangzhang, incident, "sign"), "sign")

    refresh(qtbot, bgs, worker)
    page = open_incident(qtbot, bgs, incident)
    assert "3.2.3a" in dashboard_rules(bgs, incident)
    qtbot.waitUntil(lambda: "reported_to_head_office" in page.action_buttons, timeout=5000)
    click_action(qtbot, page, "reported_to_head_office")  # opens the send decision on the signed version
    qtbot.waitUntil(lambda: page.documents.dialog is not None and page.documents.dialog.view is not None)
    decide(qtbot, worker, page.documents.dialog, "send", "已通过总行公文系统报送")
    qtbot.waitUntil(lambda: statuses(page).get("3.2.3a") == "met", timeout=5000)
    assert "3.2.3a" not in dashboard_rules(bgs, incident)

    for event_type in ("head_office_consent", "reported_to_regulator"):
        qtbot.waitUntil(lambda t=event_type: t in page.action_buttons and page.action_buttons[t].isEnabled(),
                        timeout=5000)
        click_action(qtbot, page, event_type)
        qtbot.waitUntil(lambda: page.event_dialog is not None and page.event_dialog.isVisible())
        dialog = page.event_dialog
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible(), timeout=5000)
        settle(qtbot, worker)
    qtbot.waitUntil(lambda: statuses(page).get("3.2.3b") == "met", timeout=5000)
    types = [e.type for e in page.record.events]
    assert types.index("head_office_consent") < types.index("reported_to_regulator")
    assert "3.2.3b" not in dashboard_rules(bgs, incident)
