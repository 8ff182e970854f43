"""The approval queue: its models, the live countdown, returning with a comment, refusing a stale version."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import ime_type, settle
from tests.ui.test_approvals_flow import decide, open_queue_item, refresh


def _demo_plan_incident(demo_db: Any) -> int:
    """The incident of the demo's remote response plan: approved by the local leader, waiting for the office."""
    from desktop.domain import SYSTEM
    from desktop.services import incidents

    with demo_db.read() as s:
        return next(r.id for r in incidents.list_incidents(s, SYSTEM) if "朝阳支行大厅" in r.title)


def test_models_pass_the_model_tester_and_tick_only_the_countdown(qtmodeltester: Any, qtbot: Any,
                                                                  make_window: Any, worker: Any) -> None:
    window = make_window("bangongshi")
    window.show_page("approvals")
    page = window.pages["approvals"]
    qtbot.waitUntil(lambda: page.loaded_once and page.model.rowCount() >= 1, timeout=5000)
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.returned)
    model = page.model
    item = model.row_at(0)
    assert item.kind == "response_plan" and item.action == "approve" and item.rule_article == "4.2.2.2(3)"
    assert model.index(0, model.RULE).data() == "第4.2.2.2(3)条"
    # The badge: the count waiting, on the title and in the navigation.
    count = model.rowCount()
    assert page.title.text() == f"待我审批（{count}）"
    assert window.nav.item(list(window.specs).index("approvals")).text() == f"待我审批 ({count})"
    before = model.index(0, model.COUNTDOWN).data()
    changed: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=None: changed.append((a.row(), a.column(), b.row(), b.column())))
    model.tick(item.due_at - timedelta(seconds=61))
    assert changed == [(0, model.COUNTDOWN, count - 1, model.COUNTDOWN)]
    assert model.index(0, model.COUNTDOWN).data() == "0:01:01" != before
    model.tick(item.due_at + timedelta(seconds=5))
    assert model.index(0, model.COUNTDOWN).data() == "超 0:00:05"
    assert model.index(0, model.COUNTDOWN).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_stale_version_refused_then_returned_to_the_drafter(qtbot: Any, make_window: Any, worker: Any,
                                                           demo_db: Any) -> None:
    from desktop.services import documents
    from tests.ui.conftest import login

    incident = _demo_plan_incident(demo_db)
    bgs = make_window("bangongshi")
    dialog = open_queue_item(qtbot, bgs, incident, "approve")
    shown = dialog.view
    # Meanwhile the drafter changes the plan: version 2 replaces the one on screen.
    jingban = login(demo_db, "jingban").actor()
    with demo_db.session() as s:
        v2 = documents.edit_document(s, jingban, shown.document_id, shown.sha256, {"plan_measures": "增加回访。"})
        v2 = documents.submit(s, jingban, v2.version_id, v2.sha256)
    # The live update reaches the open dialog: a notice naming the new version, the buttons still there.
    qtbot.waitUntil(dialog.stale.isVisible, timeout=5000)
    settle(qtbot, worker)
    assert dialog.stale.text() == "该文件已有新的第2版，您看到的第1版可能不能再办理。"
    assert not dialog.error.isVisible() and dialog.view.number == 1 and not dialog.view.is_current
    # Approving what is on screen anyway: the core refuses it, naming the new version; nothing is decided.
    assert dialog.buttons["approve"].isEnabled()
    qtbot.mouseClick(dialog.buttons["approve"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=5000)
    settle(qtbot, worker)
    assert dialog.isVisible() and dialog.stale.isVisible() and not dialog.outcome
    error = dialog.error.text()
    assert "文件已变化" in error and "已有新的第2版" in error and "第1版已失效" in error and "未作任何更改" in error
    with demo_db.read() as s:
        assert documents.get_version(s, jingban, shown.version_id).decisions == shown.decisions
    dialog.reject()

    # The new version: returned with a comment, which the drafter sees on his queue page.
    refresh(qtbot, bgs, worker)
    dialog = open_queue_item(qtbot, bgs, incident, "approve")
    assert dialog.view.number == 2
    qtbot.mouseClick(dialog.buttons["return"], Qt.MouseButton.LeftButton)  # no comment: refused
    qtbot.waitUntil(dialog.error.isVisible, timeout=5000)
    assert "退回时请填写意见" in dialog.error.text()
    decide(qtbot, worker, dialog, "return", "应答口径须补充处理时限")
    drafter = make_window("jingban")
    drafter.show_page("approvals")
    page = drafter.pages["approvals"]
    qtbot.waitUntil(lambda: page.returned.rowCount() == 1, timeout=5000)
    assert page.returned.index(0, page.returned.COMMENT).data() == "应答口径须补充处理时限"
    assert page.returned.index(0, page.returned.RETURNED_BY).data() == "赵丽"
    assert page.fix_button.isVisible() and page.fix_button.height() > 0  # its pane not squeezed to nothing
    qtbot.mouseClick(page.fix_button, Qt.MouseButton.LeftButton)
    incident_page = drafter.incident_page
    qtbot.waitUntil(lambda: incident_page.tabs.currentWidget() is incident_page.documents
                    and incident_page.documents.state.incident_id == incident, timeout=5000)
    # Editing the returned (frozen) version makes version 3, and the dialog says so first.
    incident_page.documents.view.selectRow(incident_page.documents.model.find(v2.version_id))
    qtbot.mouseClick(incident_page.documents.edit_button, Qt.MouseButton.LeftButton)
    editor = incident_page.documents.editor
    assert "生成第3版" in editor.frozen.text() and "应答口径须补充处理时限" in editor.frozen.text()
    ime_type(editor.edits["reply_script"], "，三个工作日内答复")
    qtbot.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=5000)
    settle(qtbot, worker)
    qtbot.waitUntil(lambda: page.returned.rowCount() == 0, timeout=5000)
    tab = incident_page.documents
    qtbot.waitUntil(lambda: tab.version_model.rowCount() == 3, timeout=5000)
    assert [tab.version_model.index(i, 1).data() for i in range(3)] == ["已被新版本取代", "已退回", "待审批"]
