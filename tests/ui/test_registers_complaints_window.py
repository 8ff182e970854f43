"""投诉台账 through the window: a complaint logged, linked to an open incident, its handling steps recorded and
its result reported back to the lead department (4.2.2.1(4), 4.2.2.2(4)), which closes that deadline's clock;
a bad amount is refused in the form with nothing written."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import ime_type, settle
from tests.ui.registers_steps import save_form, show_register

REPORT_BACK = "4.2.2-4b"


def add_complaint(qtbot: Any, worker: Any, page: Any, unit_id: int, amount: str = "12000.50") -> Any:
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.form
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    dialog.set_value("unit_id", unit_id)
    ime_type(dialog.inputs["customer"], "王先生")
    ime_type(dialog.inputs["subject"], "信用卡年费争议")
    ime_type(dialog.inputs["description"], "客户称未被告知年费，要求退还并致歉。")
    qtbot.keyClicks(dialog.inputs["amount"], amount)
    save_form(qtbot, worker, dialog)
    return dialog


def test_a_linked_complaints_result_is_reported_back_and_closes_its_clock(qtbot: Any, window: Any,
                                                                          worker: Any, demo_db: Any) -> None:
    from desktop.services import incidents
    from desktop.timeutil import now_utc

    record = next(r for r in window.workbench.snapshot.records if r.status == "open" and not r.is_major)
    page = show_register(qtbot, window, worker, "complaints")
    before = page.model.rowCount()
    dialog = add_complaint(qtbot, worker, page, record.unit_id, amount="12.000.5")
    # A malformed amount: refused in the form, the field marked, nothing written.
    assert dialog.isVisible() and "金额" in dialog.error.text()
    assert dialog.inputs["amount"].property("invalid") == "true"
    settle(qtbot, worker)
    assert page.model.rowCount() == before
    dialog.inputs["amount"].clear()
    qtbot.keyClicks(dialog.inputs["amount"], "12000.50")
    save_form(qtbot, worker, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().customer == "王先生", timeout=5000)
    complaint = page.selected()
    assert complaint.amount_cents == 1_200_050 and complaint.state == "open"
    # A handling step.
    qtbot.mouseClick(page.action_buttons["step"], Qt.MouseButton.LeftButton)
    step = page.dialog
    ime_type(step.inputs["note"], "致电客户解释年费政策，客户仍不满意")
    save_form(qtbot, worker, step)
    qtbot.waitUntil(lambda: not step.isVisible(), timeout=3000)
    # Linked to the open incident: the report-back deadline now applies to it.
    qtbot.mouseClick(page.action_buttons["link"], Qt.MouseButton.LeftButton)
    link = page.dialog
    qtbot.waitUntil(link.isVisible, timeout=3000)
    link.set_value("incident_id", str(record.id))
    save_form(qtbot, worker, link)
    qtbot.waitUntil(lambda: not link.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: page.select_id(complaint.id) and page.selected().incident_id == record.id, timeout=5000)
    with demo_db.session() as s:
        linked = incidents.get_incident(s, window.workbench.actor, record.id)
    clock = next(st for st in incidents.deadlines(linked, now_utc()) if st.id == REPORT_BACK)
    assert clock.done_at is None
    # The result, reported back to the lead department from the register.
    qtbot.mouseClick(page.action_buttons["result"], Qt.MouseButton.LeftButton)
    result = page.dialog
    qtbot.waitUntil(result.isVisible, timeout=3000)
    assert "late_reason" in result.inputs
    ime_type(result.inputs["result"], "退还年费，客户表示满意")
    ime_type(result.inputs["late_reason"], "客户多次沟通后方达成一致")
    save_form(qtbot, worker, result)
    qtbot.waitUntil(lambda: not result.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: page.select_id(complaint.id) and page.selected().state == "resolved", timeout=5000)
    assert "已报牵头部门" in page.status.text()
    kinds = [s.kind for s in page.selected().steps]
    assert kinds[0] == "received" and "step" in kinds and kinds[-2:] == ["result", "result_reported"]
    with demo_db.session() as s:
        reported = incidents.get_incident(s, window.workbench.actor, record.id)
    assert any(e.type == "complaint_result_reported" and not e.withdrawn for e in reported.events)
    clock = next(st for st in incidents.deadlines(reported, now_utc()) if st.id == REPORT_BACK)
    assert clock.done_at is not None
    # The steps are on the detail panel, oldest first.
    qtbot.waitUntil(lambda: len(page.step_rows) == len(kinds), timeout=3000)
    assert "已报牵头部门" in page.steps.toPlainText()
