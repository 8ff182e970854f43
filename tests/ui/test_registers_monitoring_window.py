"""舆情监测台账 through the window: an entry logged in the form and escalated to an incident in one step (the
incident opens with the entry's facts); closing needs a reason; the page's screenshot."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import ime_type, settle
from tests.ui.registers_steps import add_entry, save_form, show_register


def test_an_entry_logged_and_escalated_opens_an_incident_with_its_facts(qtbot: Any, window: Any,
                                                                         worker: Any) -> None:
    page = show_register(qtbot, window, worker, "monitoring")
    add_entry(qtbot, worker, page, "网传某支行拒收现金", "有网友发帖称在某支行办理业务时被拒收现金，配图为柜台。")
    entry = page.selected()
    assert entry.state == "open" and entry.reads == 52000
    qtbot.waitUntil(lambda: page.action_buttons["escalate"].isEnabled(), timeout=3000)
    qtbot.mouseClick(page.action_buttons["escalate"], Qt.MouseButton.LeftButton)
    box = page.dialog
    assert isinstance(box, QMessageBox)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    settle(qtbot, worker)
    incident_page = window.incident_page
    qtbot.waitUntil(lambda: window.stack.currentWidget() is incident_page and incident_page.record is not None,
                    timeout=5000)
    record = incident_page.record
    assert record.title == "网传某支行拒收现金"
    assert record.unit_id == entry.unit_id and record.occurred_at == entry.observed_at
    assert "拒收现金" in incident_page.title.text()
    # Back in the register the entry says what became of it, and can be escalated no more.
    page = show_register(qtbot, window, worker, "monitoring")
    qtbot.waitUntil(lambda: page.select_id(entry.id) and page.selected().state == "escalated", timeout=5000)
    assert page.selected().incident_number == record.number
    assert not page.action_buttons["escalate"].isEnabled()
    assert "已转为事件" in page.action_reason.text()


def test_closing_needs_a_reason_and_keeps_the_entry(qtbot: Any, window: Any, worker: Any) -> None:
    page = show_register(qtbot, window, worker, "monitoring")
    add_entry(qtbot, worker, page, "理财产品收益讨论", "论坛讨论理财收益，语气平和。")
    entry = page.selected()
    qtbot.mouseClick(page.action_buttons["close"], Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    save_form(qtbot, worker, dialog)  # no reason: refused in the dialog, nothing written
    assert dialog.isVisible() and dialog.error.isVisible() and "关闭原因" in dialog.error.text()
    ime_type(dialog.inputs["reason"], "属正常讨论，无需处置")
    save_form(qtbot, worker, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: page.select_id(entry.id) and page.selected().state == "closed", timeout=5000)
    assert page.selected().close_reason == "属正常讨论，无需处置"
    qtbot.waitUntil(lambda: len(page.step_rows) == 2, timeout=3000)
    assert "属正常讨论" in page.step_rows[1][2] and "属正常讨论" in page.steps.toPlainText()


def test_the_weekly_summary_prints_as_a_document(qtbot: Any, window: Any, worker: Any) -> None:
    page = show_register(qtbot, window, worker, "monitoring")
    add_entry(qtbot, worker, page, "网传某网点服务态度差", "短视频称柜员态度冷淡。")
    qtbot.mouseClick(page.action_buttons["summary"], Qt.MouseButton.LeftButton)
    preview = page.dialog
    qtbot.waitUntil(lambda: preview.printed is not None, timeout=10000)
    assert preview.document.pageCount() >= 1
    assert preview.windowTitle().startswith("舆情监测")
    preview.close()


def test_an_entry_is_corrected_with_a_reason_and_the_old_version_stays(qtbot: Any, window: Any, worker: Any,
                                                                        demo_db: Any) -> None:
    from sqlalchemy import select

    from desktop.db.register_tables import MonitoringEntry

    page = show_register(qtbot, window, worker, "monitoring")
    add_entry(qtbot, worker, page, "网传某网点服务差", "短视频称柜员态度冷淡。")
    entry = page.selected()
    qtbot.waitUntil(lambda: page.action_buttons["correct"].isEnabled(), timeout=3000)
    qtbot.mouseClick(page.action_buttons["correct"], Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog.inputs["title"].text() == "网传某网点服务差"  # the form says what the entry says
    # No reason: refused, nothing written.
    dialog.inputs["title"].clear()
    ime_type(dialog.inputs["title"], "网传某网点柜员服务态度差")
    save_form(qtbot, worker, dialog)
    assert dialog.isVisible() and dialog.error.isVisible() and "更正理由" in dialog.error.text()
    ime_type(dialog.inputs["reason"], "标题记错，按原帖更正")
    save_form(qtbot, worker, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().title == "网传某网点柜员服务态度差",
                    timeout=5000)
    corrected = page.selected()
    assert corrected.id != entry.id and corrected.supersedes_id == entry.id
    assert corrected.correction_reason == "标题记错，按原帖更正" and corrected.excerpt == entry.excerpt
    assert corrected.reads == entry.reads and corrected.tone == entry.tone
    with demo_db.read() as s:
        old = s.execute(select(MonitoringEntry).where(MonitoringEntry.id == entry.id)).scalar_one()
        assert old.title == "网传某网点服务差" and old.superseded_by_id == corrected.id  # kept, out of the list
