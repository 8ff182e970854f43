"""The PDF preview: built in the worker, shown with QtPdf, saved and printed from the dialog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QDialog

from tests.ui.conftest import login, settle


def signed_major_version(db: Any) -> tuple[int, bytes]:
    """The demo's signed 《重大突发事件报告》 and the bytes printing.print_version gives for it."""
    from desktop.services import printing
    from desktop.services import documents, incidents

    actor = login(db, "jingban").actor()
    with db.session() as s:
        for record in incidents.list_incidents(s, actor):
            for view in documents.list_documents(s, actor, record.id):
                if view.kind == "major_report" and printing.is_signed(view):
                    return view.version_id, printing.print_version(s, actor, view.version_id).pdf
    raise AssertionError("the demo has no signed major report")


@pytest.fixture
def preview(qtbot: Any, window: Any, demo_db: Any) -> tuple[Any, bytes]:
    from ui.printing.preview import show_version_preview

    version_id, pdf = signed_major_version(demo_db)
    dialog = show_version_preview(window, window.workbench, version_id)
    assert dialog.stack.currentWidget() is not dialog.view  # busy while the worker builds
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=15000)
    return dialog, pdf


def test_preview_shows_the_signed_version(qtbot: Any, preview: tuple[Any, bytes]) -> None:
    dialog, _ = preview
    assert dialog.document.pageCount() > 0
    assert dialog.stack.currentWidget() is dialog.view
    assert dialog.message.text() == "签发版本"
    assert dialog.page_count.text().endswith(f"共 {dialog.document.pageCount()} 页")
    if dialog.document.pageCount() > 1:
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.current_page() == 1)
        assert dialog.page.value() == 2
    dialog.zoom.setCurrentIndex(dialog.zoom.findData(150))
    assert abs(dialog.view.zoomFactor() - 1.5) < 1e-6


def test_save_as_writes_the_printed_bytes(qtbot: Any, preview: tuple[Any, bytes], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    dialog, pdf = preview
    target = tmp_path / "major"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "major.pdf").read_bytes() == pdf


def test_save_to_an_unwritable_place_says_so(qtbot: Any, preview: tuple[Any, bytes], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    dialog, _ = preview
    shown: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "no" / "such" / "x.pdf"), "")))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: shown.append(text)))
    assert dialog.save_as() is False
    assert shown and "无法保存到" in shown[0]


def test_print_goes_through_a_pdf_printer(qtbot: Any, preview: tuple[Any, bytes], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    dialog, _ = preview
    out = tmp_path / "printed.pdf"
    original = dialog.pane.make_printer

    def pdf_printer() -> QPrinter:
        printer = original()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setResolution(72)  # fast; the path is the same at any resolution
        printer.setOutputFileName(str(out))
        return printer

    monkeypatch.setattr(dialog.pane, "make_printer", pdf_printer)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000
    printed = QPdfDocument()
    printed.load(str(out))
    assert printed.pageCount() == dialog.document.pageCount()


def test_a_refused_preview_shows_the_core_message(qtbot: Any, window: Any, worker: Any) -> None:
    from ui.printing.preview import show_version_preview

    dialog = show_version_preview(window, window.workbench, 999999)
    with qtbot.waitSignal(dialog.failed, timeout=10000):
        pass
    settle(qtbot, worker)
    assert dialog.message.text() and not dialog.print_button.isEnabled()


def _a_character_no_font_has() -> str:
    """A private-use character of the supplementary planes: no CJK or text font draws one."""
    from desktop.reports.fonts import font_set

    fonts = font_set()
    for char in ("\U0010FFFD", "\U000FFFFD", "\U0010ABCD"):
        if fonts.fallback_for(char) is None:
            return char
    raise AssertionError("every candidate character has a glyph in some installed font")


def test_a_character_no_font_has_is_printed_as_its_code_point_and_named(qtbot: Any, window: Any,
                                                                        demo_db: Any) -> None:
    from desktop.services import documents, incidents
    from ui.printing.preview import show_version_preview

    char = _a_character_no_font_has()
    actor = login(demo_db, "bangongshi").actor()  # the branch office drafts the major report (3.2.3)
    with demo_db.session() as s:  # the demo's major report, edited: version 2, a draft
        major = next(view for record in incidents.list_incidents(s, actor)
                     for view in documents.list_documents(s, actor, record.id) if view.kind == "major_report")
        draft = documents.edit_document(s, actor, major.document_id, major.sha256,
                                        {"reply_script": f"客户姓名中的生僻字“{char}”暂以代码表示。"})
    dialog = show_version_preview(window, window.workbench, draft.version_id)
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=15000)
    code = f"U+{ord(char):04X}"
    assert dialog.warnings.isVisible() and code in dialog.warnings.text()
    assert dialog.message.text() != "签发版本" and dialog.document.pageCount() > 0
    text = "".join(dialog.document.getAllText(page).text() for page in range(dialog.document.pageCount()))
    assert f"[{code}]" in text  # printed as its code point, not silently dropped
