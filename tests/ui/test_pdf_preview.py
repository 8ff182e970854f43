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
    original = dialog.make_printer

    def pdf_printer() -> QPrinter:
        printer = original()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setResolution(72)  # fast; the path is the same at any resolution
        printer.setOutputFileName(str(out))
        return printer

    monkeypatch.setattr(dialog, "make_printer", pdf_printer)
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


def test_missing_glyph_warnings_are_shown(qtbot: Any, preview: tuple[Any, bytes]) -> None:
    from desktop.services.printing import Printed
    from ui.printing.preview import PdfPreviewDialog

    _, pdf = preview
    dialog = PdfPreviewDialog("台账")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_printed(Printed(pdf, False, "草稿（待审批）", None, ("“𠮷”在所用字体中缺字",)))
    assert dialog.warnings.isVisible() and "𠮷" in dialog.warnings.text()
    assert dialog.message.text() == "草稿（待审批）" and dialog.document.pageCount() > 0
