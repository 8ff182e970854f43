"""Nothing dead-ends, through the real window: the lead department reports for a unit without accounts and records
its head's wet-ink signature (3.3.1, 3.3.3); saving the spokesperson records the designation and the group's
meeting goes on the timeline (4.3.4(1), 4.3.4(3)); the incident's time and place fill the 时间 and 地点 elements
until the user edits them (3.3.2)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from desktop.timeutil import format_cst
from tests.ui.conftest import ime_type, settle
from tests.ui.test_approvals_flow import click_action, decide, new_incident, open_incident, open_queue_item
from ui.common.widgets import get_cst, set_cst

SCAN = b"%PDF-1.4\n" + b"signed page " * 50


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))


def _ok(dialog: Any) -> Any:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_the_lead_clerk_reports_for_a_unit_without_accounts_and_records_the_paper_signature(
    qtbot: Any, window: Any, worker: Any, demo_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    incident = new_incident(demo_db, "保定分行营业部")  # no account at all: it phoned 保定分行综合管理部
    page = open_incident(qtbot, window, incident)
    tab = page.documents
    # The timeline's button leads jingban into drafting the unit's written report (3.3.1).
    click_action(qtbot, page, "written_report_to_lead")
    qtbot.waitUntil(lambda: tab.editor is not None and tab.editor.isVisible(), timeout=5000)
    qtbot.mouseClick(tab.editor.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.editor.isVisible(), timeout=5000)
    settle(qtbot, worker)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and tab.model.row_at(0).state == "submitted"
                    and bool(tab.state.paper), timeout=5000)
    tab.view.selectRow(0)
    assert tab.paper_button.isVisible() and tab.paper_button.isEnabled()

    # Pressing the timeline's button again: the next step is the paper signature.
    click_action(qtbot, page, "written_report_to_lead")
    qtbot.waitUntil(lambda: tab.paper_dialog is not None and tab.paper_dialog.isVisible(), timeout=5000)
    dialog = tab.paper_dialog
    assert dialog.view.unit_name == "保定分行营业部" and dialog.view.number == 1

    # Refused without a scan, and with a file that is no scan: said at the field, nothing stored.
    ime_type(dialog.signer, "王德明")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and dialog.scan_button.property("invalid") == "true"
    wrong = tmp_path / "签字页.docx"
    wrong.write_bytes(b"PK\x03\x04 not a scan")
    _choose(monkeypatch, wrong)
    qtbot.mouseClick(dialog.scan_button, Qt.MouseButton.LeftButton)
    assert dialog.scan_label.text() == "签字页.docx"
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and "PDF" in dialog.error.text(), timeout=5000)
    assert dialog.isVisible() and tab.model.row_at(0).state == "submitted"

    # The signed page's scan: recorded, the version signed by the named unit head.
    scan = tmp_path / "签字页.pdf"
    scan.write_bytes(SCAN)
    _choose(monkeypatch, scan)
    qtbot.mouseClick(dialog.scan_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    settle(qtbot, worker)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1 and tab.model.row_at(0).state == "signed", timeout=5000)
    signed = tab.model.row_at(0)
    assert signed.signer_name == "王德明" and signed.paper_signature is not None
    assert signed.paper_signature.scan_filename == "签字页.pdf" and signed.paper_signature.scan_size == len(SCAN)
    assert "王德明" in tab.status.text() and not tab.paper_button.isVisible()

    # It flows on: jingban sends it (the lead department receives the unit's signed report), 3.3.1 met.
    dialog = open_queue_item(qtbot, window, incident, "send")
    decide(qtbot, worker, dialog, "send", "纸质签字件已收到")
    page = open_incident(qtbot, window, incident)
    qtbot.waitUntil(lambda: "written_report_to_lead" in {e.type for e in page.record.events}, timeout=5000)


def _major(window: Any) -> Any:
    return next(r for r in window.workbench.snapshot.records if "飞单" in r.title)


def _designations(page: Any) -> list[str]:
    return [e.note for e in page.record.events if e.type == "spokesperson_designated" and not e.withdrawn]


def test_saving_the_spokesperson_records_the_designation_and_the_group_meeting_is_recorded(
    qtbot: Any, window: Any, worker: Any
) -> None:
    incident = _major(window)
    window.open_incident(incident.id, tab="major")
    page = window.incident_page
    major = page.major
    qtbot.waitUntil(lambda: page.record is not None and page.record.id == incident.id
                    and major.spokesperson.text() == "吴静" and major.group.rowCount() == 5, timeout=5000)
    assert _designations(page) == []  # the demo named her without recording the designation

    def save() -> None:
        with qtbot.waitSignal(major.saved, timeout=5000):
            qtbot.mouseClick(major.save_script_button, Qt.MouseButton.LeftButton)
        settle(qtbot, worker)

    save()  # the name on file is designated now (4.3.4(3))
    qtbot.waitUntil(lambda: _designations(page) == ["指定新闻发言人：吴静"], timeout=5000)
    assert "指定新闻发言人" in major.status.text()
    save()  # unchanged: nothing again
    assert _designations(page) == ["指定新闻发言人：吴静"] and "指定新闻发言人" not in major.status.text()
    major.spokesperson.setFocus()
    qtbot.keyClick(major.spokesperson, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    ime_type(major.spokesperson, "李明")
    save()  # another person: a new designation, the first stays on the timeline
    qtbot.waitUntil(lambda: _designations(page) == ["指定新闻发言人：吴静", "指定新闻发言人：李明"], timeout=5000)
    assert page.record.spokesperson_name == "李明"

    # 4.3.4(1): the group's meeting, recorded from its tab with its members named.
    before = sum(1 for e in page.record.events if e.type == "leadership_group_convened")
    qtbot.mouseClick(major.convene_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: major.event_dialog is not None and major.event_dialog.isVisible(), timeout=5000)
    assert "组长 周明" in major.event_dialog.note.text()
    qtbot.mouseClick(major.event_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not major.event_dialog.isVisible(), timeout=5000)
    settle(qtbot, worker)
    qtbot.waitUntil(lambda: sum(1 for e in page.record.events if e.type == "leadership_group_convened")
                    == before + 1, timeout=5000)


def test_the_time_and_place_elements_follow_the_facts_until_edited(qtbot: Any, window: Any, worker: Any) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.intake is not None and window.intake.isVisible(), timeout=3000)
    form = window.intake.editor.form
    when, where = form.elements["el_time"], form.elements["el_place"]
    assert when.toPlainText() == format_cst(get_cst(form.occurred_at)) and where.toPlainText() == ""
    assert "时间" not in form.missing.text()
    earlier = get_cst(form.occurred_at) - timedelta(hours=2, minutes=5)
    set_cst(form.occurred_at, earlier)
    assert when.toPlainText() == format_cst(earlier)
    ime_type(form.place, "保定分行营业部大厅")
    assert where.toPlainText() == "保定分行营业部大厅"
    # The user writes the time in their own words: it stays so, the place still follows.
    when.setFocus()
    qtbot.keyClick(when, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    ime_type(when, "今日上午十时许")
    set_cst(form.occurred_at, earlier - timedelta(minutes=10))
    assert when.toPlainText() == "今日上午十时许" and not form.follows_facts("el_time")
    form.place.setFocus()
    qtbot.keyClick(form.place, Qt.Key.Key_End)
    ime_type(form.place, "东侧")
    assert where.toPlainText() == "保定分行营业部大厅东侧"
    ime_type(where, "（ATM区）")
    ime_type(form.place, "门口")
    assert where.toPlainText() != "保定分行营业部大厅东侧门口" and not form.follows_facts("el_place")
    # Saved as shown.
    ime_type(form.title, "客户在营业部大厅拉横幅")
    form.unit.setCurrentIndex(form.unit.findText("保定分行营业部", Qt.MatchFlag.MatchContains))
    before = {r.id for r in window.workbench.snapshot.records}
    with qtbot.waitSignal(window.workbench.loaded, timeout=5000):
        qtbot.mouseClick(window.intake.editor.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, worker)
    created = next(r for r in window.workbench.snapshot.records if r.id not in before)
    assert created.elements["el_time"] == "今日上午十时许" and "ATM" in created.elements["el_place"]
    assert created.place == "保定分行营业部大厅东侧门口"
