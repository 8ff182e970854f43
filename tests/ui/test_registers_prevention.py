"""预防工作 through the window: a training recorded; a screening recorded by the clerk and signed off by the leader
it names in 待我审批; a follow-up action with an owner and a past due date shown on the dashboard in red."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import ime_type, settle
from tests.ui.registers_steps import save_form, show_register


def tab(qtbot: Any, window: Any, worker: Any, key: str) -> Any:
    tabs = show_register(qtbot, window, worker, "prevention")
    page = tabs.pages[key]
    tabs.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.loaded_once, timeout=5000)
    settle(qtbot, worker)
    return page


def open_add_form(qtbot: Any, worker: Any, page: Any) -> Any:
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible(), timeout=5000)
    return page.form


def test_a_training_is_recorded_with_its_hours(qtbot: Any, window: Any, worker: Any) -> None:
    page = tab(qtbot, window, worker, "training")
    before = page.model.rowCount()
    form = open_add_form(qtbot, worker, page)
    ime_type(form.inputs["title"], "声誉风险管理专题培训")
    form.inputs["participants"].setValue(36)
    qtbot.keyClicks(form.inputs["hours"], "1.5")
    save_form(qtbot, worker, form)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 1, timeout=5000)
    row = next(page.model.row_at(i) for i in range(page.model.rowCount())
               if page.model.row_at(i).title == "声誉风险管理专题培训")
    assert row.participants == 36 and row.hours == 1.5 and row.unit_id == window.workbench.actor.unit_id
    assert page.status.text() == "已保存"


def test_a_screening_is_signed_off_by_its_leader_in_the_approval_queue(qtbot: Any, make_window: Any,
                                                                       worker: Any, demo_db: Any) -> None:
    from desktop.registers import prevention

    clerk = make_window("jingban")
    page = tab(qtbot, clerk, worker, "screening")
    form = open_add_form(qtbot, worker, page)
    leader = form.inputs["leader_id"]
    at = next(i for i in range(leader.count()) if leader.itemText(i).startswith("陈志远"))  # lingdao
    leader.setCurrentIndex(at)
    ime_type(form.inputs["subject"], "手机银行新版转账功能")
    ime_type(form.inputs["assessment"], "转账限额调整可能引发客户误解，已准备告知话术。")
    ime_type(form.inputs["measures"], "上线前在网点和手机银行发布公告")
    form.set_value("verdict", "proceed_with_measures")
    save_form(qtbot, worker, form)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().subject == "手机银行新版转账功能",
                    timeout=5000)
    screening = page.selected()
    assert screening.state == "pending" and screening.leader_name == "陈志远"
    clerk.close()

    leader_window = make_window("lingdao")
    leader_window.show_page("approvals")
    queue = leader_window.pages["approvals"].screenings
    qtbot.waitUntil(lambda: any(r.id == screening.id for r in queue.rows), timeout=5000)
    assert queue.isVisible()
    queue.table.selectRow(next(i for i, r in enumerate(queue.rows) if r.id == screening.id))
    assert "告知话术" in queue.detail.text()
    # A return needs a comment: refused by the core, shown, nothing decided.
    qtbot.mouseClick(queue.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(queue.error.isVisible, timeout=5000)
    assert "意见" in queue.error.text()
    ime_type(queue.comment, "同意，按措施落实后上线")
    qtbot.mouseClick(queue.approve_button, Qt.MouseButton.LeftButton)
    settle(qtbot, worker)
    qtbot.waitUntil(lambda: all(r.id != screening.id for r in queue.rows), timeout=5000)
    with demo_db.session() as s:
        signed = prevention.get_record(s, leader_window.workbench.actor, "screening", screening.id)
    assert signed.state == "approved" and signed.decided_by_name == "陈志远"
    assert signed.decision_comment == "同意，按措施落实后上线"
    assert "已同意" in leader_window.pages["approvals"].status.text()


def test_an_overdue_follow_up_is_on_the_dashboard_in_red(qtbot: Any, window: Any, worker: Any) -> None:
    from desktop.timeutil import now_utc
    from ui.common.widgets import set_cst

    drills = tab(qtbot, window, worker, "drill")
    form = open_add_form(qtbot, worker, drills)
    ime_type(form.inputs["scenario"], "网点群体性聚集应急演练")
    ime_type(form.inputs["findings"], "现场引导人员不足")
    save_form(qtbot, worker, form)
    qtbot.waitUntil(lambda: drills.selected() is not None and drills.selected().scenario == "网点群体性聚集应急演练",
                    timeout=5000)
    qtbot.mouseClick(drills.action_buttons["followup"], Qt.MouseButton.LeftButton)
    follow = drills.dialog
    qtbot.waitUntil(follow.isVisible, timeout=3000)
    ime_type(follow.inputs["owner"], "李晓梅")
    ime_type(follow.inputs["action"], "补充现场引导人员并培训")
    set_cst(follow.inputs["due_at"], now_utc() - timedelta(days=2))
    save_form(qtbot, worker, follow)
    qtbot.waitUntil(lambda: not follow.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: any("补充现场引导人员" in s[2] for s in drills.step_rows), timeout=5000)
    window.show_page("dashboard")
    panel = window.pages["dashboard"].followups
    window.workbench.reload()
    qtbot.waitUntil(lambda: any(r.action == "补充现场引导人员并培训" for r in panel.rows), timeout=5000)
    row = next(i for i, r in enumerate(panel.rows) if r.action == "补充现场引导人员并培训")
    assert panel.isVisible() and row in panel.overdue_rows()
    assert "已超期" in panel.title()
    assert panel.table.item(row, 4).text() == "李晓梅"
