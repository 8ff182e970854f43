"""The drafter's GB/T 9704 marks in the documents editor: typed or picked, saved, and printed on the document."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import ime_type, settle
from tests.ui.test_approvals_flow import open_incident

LEFT = Qt.MouseButton.LeftButton


def _incident(window: Any) -> int:
    """An open incident of the informant's own outlet."""
    unit = next(u.id for u in window.workbench.units if u.name == "保定朝阳支行")
    return next(r.id for r in window.workbench.snapshot.records if r.status == "open" and r.unit_id == unit)


def test_marks_are_saved_and_printed(qtbot: Any, make_window: Any, worker: Any, demo_db: Any) -> None:
    from pdfminer.high_level import extract_text

    from desktop.services import documents, printing

    window = make_window("xinxi")  # 3.3.1: the outlet's informant drafts its written report

    page = open_incident(qtbot, window, _incident(window))
    page.show_tab("documents")
    tab = page.documents
    qtbot.waitUntil(tab.new_buttons["written_report"].isEnabled, timeout=5000)
    tab.stage.setCurrentIndex(tab.stage.findData("follow_up"))  # a follow-up: any number of them (3.3.1)
    qtbot.mouseClick(tab.new_buttons["written_report"], LEFT)
    qtbot.waitUntil(lambda: (tab.editor is not None and tab.editor.isVisible()) or tab.error.isVisible(),
                    timeout=5000)
    assert not tab.error.isVisible(), tab.error.text()
    editor = tab.editor
    edits = editor.edits
    # Urgency and classification offer the standard's words only, "none" first.
    assert [edits["urgency"].itemData(i) for i in range(edits["urgency"].count())] == ["", "加急", "特急"]
    assert [edits["classification"].itemData(i) for i in range(edits["classification"].count())] == [
        "", "秘密", "机密", "绝密"]
    edits["urgency"].setCurrentIndex(edits["urgency"].findData("特急"))
    edits["classification"].setCurrentIndex(edits["classification"].findData("秘密"))
    qtbot.keyClicks(edits["copy_number"], "000012")
    ime_type(edits["secrecy_period"], "1年")
    ime_type(edits["attachments"], "客户投诉记录")
    qtbot.keyClick(edits["attachments"], Qt.Key.Key_Return)
    ime_type(edits["attachments"], "舆情截图")
    edits["cc"].clear()
    ime_type(edits["cc"], "保定分行办公室")
    edits["doc_number"].clear()
    ime_type(edits["doc_number"], "朝银报〔2026〕7号")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.mouseClick(editor.save_button, LEFT)
    settle(qtbot, worker)
    assert not editor.error.isVisible()
    view = editor.view
    assert view.fields["urgency"] == "特急" and view.fields["classification"] == "秘密"
    assert view.fields["attachments"] == "客户投诉记录\n舆情截图" and view.fields["copy_number"] == "000012"
    recipient = view.fields["recipient"]
    with demo_db.read() as s:
        printed = printing.build_version(s, window.actor, view.version_id)
        stored = documents.get_version(s, window.actor, view.version_id)
    assert stored.fields["secrecy_period"] == "1年"
    text = "".join(extract_text(__import__("io").BytesIO(printed.pdf)).split())
    for expected in ("特急", "秘密", "000012", "1年", "客户投诉记录", "舆情截图", "保定分行办公室",
                     "朝银报〔2026〕7号", "".join(recipient.split())):
        assert expected in text, expected


def test_a_bad_mark_is_refused_in_the_editor(qtbot: Any, make_window: Any, worker: Any) -> None:
    window = make_window("xinxi")
    page = open_incident(qtbot, window, _incident(window))
    page.show_tab("documents")
    tab = page.documents
    qtbot.waitUntil(tab.new_buttons["written_report"].isEnabled, timeout=5000)
    tab.stage.setCurrentIndex(tab.stage.findData("follow_up"))  # a follow-up: any number of them (3.3.1)
    qtbot.mouseClick(tab.new_buttons["written_report"], LEFT)
    qtbot.waitUntil(lambda: (tab.editor is not None and tab.editor.isVisible()) or tab.error.isVisible(),
                    timeout=5000)
    assert not tab.error.isVisible(), tab.error.text()
    editor = tab.editor
    ime_type(editor.edits["secrecy_period"], "1年")  # a period without a classification
    qtbot.mouseClick(editor.save_button, LEFT)
    qtbot.waitUntil(editor.error.isVisible, timeout=5000)
    assert "密级" in editor.error.text() and editor.edits["secrecy_period"].property("invalid") == "true"
