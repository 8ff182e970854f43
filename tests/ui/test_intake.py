"""The intake form, driven like a person would: typing, picking, saving; errors, conflicts and drafts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop.services import incidents
from tests.ui.conftest import ime_type, login, settle
from ui.incidents.intake import IncidentEditor


def _open_intake(qtbot: Any, window: Any) -> Any:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.intake is not None and window.intake.isVisible(), timeout=3000)
    return window.intake


def test_create_incident_through_the_form(qtbot: Any, window: Any, worker: Any) -> None:
    before = {r.id for r in window.workbench.snapshot.records}
    dialog = _open_intake(qtbot, window)
    form = dialog.editor.form
    ime_type(form.title, "客户在营业部大厅拉横幅")
    form.unit.setCurrentIndex(form.unit.findText("保定朝阳支行", Qt.MatchFlag.MatchContains))
    assert "异地机构" in form.unit_info.text() and "保定分行综合管理部" in form.unit_info.text()
    ime_type(form.place, "保定朝阳支行大厅")
    form.business_line.setFocus()
    qtbot.keyClick(form.business_line, Qt.Key.Key_Space)  # keyboard only
    ime_type(form.business_line_name, "个人贷款")
    ime_type(form.elements["el_cause"], "贷款审批未通过")
    assert "起因" not in form.missing.text() and "当前情况" in form.missing.text()
    with qtbot.waitSignal(window.workbench.loaded, timeout=5000):
        qtbot.mouseClick(dialog.editor.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, worker)
    created = [r for r in window.workbench.snapshot.records if r.id not in before]
    assert len(created) == 1 and created[0].title == "客户在营业部大厅拉横幅" and created[0].business_line
    assert window.stack.currentWidget() is window.incident_page
    rows = [r for r in window.workbench.snapshot.rows if r.incident_id == created[0].id]
    assert {r.rule_id for r in rows} >= {"3.2.2a", "3.2.4"}  # remote: 30 minutes to the local lead department


def test_validation_error_is_shown_at_the_field_and_nothing_is_stored(qtbot: Any, window: Any, worker: Any) -> None:
    count = len(window.workbench.snapshot.records)
    dialog = _open_intake(qtbot, window)
    qtbot.mouseClick(dialog.editor.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, worker)
    form = dialog.editor.form
    assert form.error.isVisible() and "标题" in form.error.text()
    assert form.title.property("invalid") == "true"
    window.workbench.reload()
    settle(qtbot, worker)
    assert len(window.workbench.snapshot.records) == count


def test_draft_survives_the_window_destroyed_without_saving(qtbot: Any, make_window: Any, worker: Any) -> None:
    first = make_window(managed=False)
    dialog = _open_intake(qtbot, first)
    with qtbot.waitSignal(dialog.editor.draftSaved, timeout=4000):
        ime_type(dialog.editor.form.title, "停电前没保存的事件")
        ime_type(dialog.editor.form.elements["el_cause"], "系统故障")
    dialog.setParent(None)
    dialog.deleteLater()  # gone without saving, like a crash
    first.deleteLater()
    QApplication.processEvents()
    second = make_window()
    dialog = _open_intake(qtbot, second)
    editor = dialog.editor
    qtbot.waitUntil(lambda: editor.restore_bar.isVisible(), timeout=3000)
    assert editor.restore_button.text() == "恢复未保存的草稿"
    qtbot.mouseClick(editor.restore_button, Qt.MouseButton.LeftButton)
    assert editor.form.title.text() == "停电前没保存的事件"
    assert editor.form.elements["el_cause"].toPlainText() == "系统故障"


def test_conflict_keeps_the_input_as_draft(qtbot: Any, window: Any, worker: Any, demo_db: Any) -> None:
    record = next(r for r in window.workbench.snapshot.records if r.status == "open" and not r.is_major)
    editor = IncidentEditor(window.workbench, record)
    qtbot.addWidget(editor)
    settle(qtbot, worker)
    other = login(demo_db, "bangongshi").actor()
    with demo_db.session() as s:  # someone else saves first
        incidents.update_incident(s, other, record.id, record.row_version, {"place": "别人改的地点"})
    editor.form.place.setText("我填写的地点")
    editor.form.edited.emit()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, worker)
    assert "其他用户修改" in editor.form.error.text()
    assert editor.form.place.text() == "我填写的地点"
    from desktop.services.drafts import load_draft

    with demo_db.read() as s:
        draft = load_draft(s, "jingban", f"incident:{record.id}")
    assert draft is not None and draft["place"] == "我填写的地点"


def test_major_criteria_are_ticked_saved_and_shown_in_the_major_tab(qtbot: Any, window: Any, worker: Any) -> None:
    """4.1: choosing 重大 offers the rules' criteria; the ticked ones are stored and shown with the major set-up."""
    before = {r.id for r in window.workbench.snapshot.records}
    dialog = _open_intake(qtbot, window)
    form = dialog.editor.form
    assert not form.criteria["market_swing"].isVisible()  # a general incident has no criteria to give
    ime_type(form.title, "网传我行资金链断裂")
    form.severity.setCurrentIndex(form.severity.findData("major"))
    qtbot.waitUntil(form.criteria["market_swing"].isVisible, timeout=3000)
    for key in ("market_swing", "social_order"):  # on the box itself: a wide check box is not hit to the right
        box = form.criteria[key]
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    with qtbot.waitSignal(window.workbench.loaded, timeout=5000):
        qtbot.mouseClick(dialog.editor.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, worker)
    created = [r for r in window.workbench.snapshot.records if r.id not in before]
    assert len(created) == 1 and created[0].is_major
    assert created[0].major_criteria == ("market_swing", "social_order")
    page = window.incident_page
    page.show_tab("major")
    assert page.major.criteria.text() == "认定情形（4.1）：市场大幅波动、影响社会经济秩序稳定"
    assert page.editor.form.criteria["social_order"].isChecked()
    assert not page.editor.form.criteria["heavy_loss"].isChecked()
