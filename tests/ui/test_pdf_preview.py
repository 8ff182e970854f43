"""The PDF preview: built in the worker, shown with QtPdf, saved and printed from the dialog. Printing and saving
send out the very bytes that were built and record the print with who printed it; looking records nothing."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QDialog

from tests.ui.conftest import login, settle


def signed_major_version(db: Any) -> tuple[int, bytes]:
    """The demo's signed 《重大突发事件报告》 and the bytes printing.build_version gives for it."""
    from desktop.services import documents, incidents, printing

    actor = login(db, "jingban").actor()
    with db.session() as s:
        for record in incidents.list_incidents(s, actor):
            for view in documents.list_documents(s, actor, record.id):
                if view.kind == "major_report" and printing.is_signed(view):
                    return view.version_id, printing.build_version(s, actor, view.version_id).pdf
    raise AssertionError("the demo has no signed major report")


def prints(db: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """(pdf sha256, printed by) of every DocumentPrint; (action, actor, after) of every print in the audit record."""
    from sqlalchemy import select

    from desktop.db.models import AuditEntry, DocumentPrint

    with db.read() as s:
        rows = [(p.pdf_sha256, p.printed_by_name) for p in s.execute(select(DocumentPrint)).scalars()]
        entries = [(e.action, e.actor_name, e.after) for e in s.execute(
            select(AuditEntry).where(AuditEntry.action.like("%.print%")).order_by(AuditEntry.id)).scalars()]
    return rows, entries


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


def test_a_preview_alone_records_no_print(qtbot: Any, preview: tuple[Any, bytes], demo_db: Any, worker: Any) -> None:
    dialog, pdf = preview
    settle(qtbot, worker)
    assert dialog.printed is not None and dialog.printed.pdf == pdf and dialog.printed.signed
    assert prints(demo_db) == ([], [])


def test_save_as_writes_the_recorded_bytes_and_they_verify(qtbot: Any, preview: tuple[Any, bytes], tmp_path: Path,
                                                          demo_db: Any, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli.main import main
    from desktop.services import printing

    dialog, pdf = preview
    target = tmp_path / "major"
    monkeypatch.setattr("ui.printing.preview.save_file_name", lambda *a, **k: str(target))
    with qtbot.waitSignal(dialog.pane.sentOut, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = (tmp_path / "major.pdf").read_bytes()
    assert saved == pdf == dialog.printed.pdf
    name = login(demo_db, "jingban").actor().name
    rows, entries = prints(demo_db)
    assert rows == [(hashlib.sha256(saved).hexdigest(), name)]  # the bytes written are the bytes recorded
    assert [(action, actor) for action, actor, _ in entries] == [("document.print", name)]
    assert hashlib.sha256(saved).hexdigest() in entries[0][2]
    assert "已保存到" in dialog.message.text()
    with demo_db.read() as s:
        assert printing.verify_pdf(s, saved).ok
    capsys.readouterr()
    assert main(["--database-url", str(demo_db.url), "verify", str(tmp_path / "major.pdf")]) == 0
    assert "验证通过" in capsys.readouterr().out
    assert main(["--database-url", str(demo_db.url), "audit", "verify"]) == 0


def test_save_to_an_unwritable_place_says_so_and_records_nothing(qtbot: Any, preview: tuple[Any, bytes],
                                                                tmp_path: Path, demo_db: Any,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    dialog, _ = preview
    shown: list[str] = []
    monkeypatch.setattr("ui.printing.preview.save_file_name", lambda *a, **k: str(tmp_path / "no" / "such" / "x.pdf"))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: shown.append(text)))
    with qtbot.waitSignal(dialog.pane.sendFailed, timeout=10000):
        assert dialog.save_as() is True  # on its way to the worker
    assert shown and "无法保存到" in shown[0]
    assert prints(demo_db) == ([], [])


def test_print_to_a_pdf_printer_writes_the_document_itself(qtbot: Any, preview: tuple[Any, bytes], tmp_path: Path,
                                                          demo_db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    dialog, pdf = preview
    out = tmp_path / "printed.pdf"
    original = dialog.pane.make_printer

    def pdf_printer() -> QPrinter:  # the print dialog's "print to file"
        printer = original()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    monkeypatch.setattr(dialog.pane, "make_printer", pdf_printer)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    with qtbot.waitSignal(dialog.pane.sentOut, timeout=10000):
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert out.read_bytes() == pdf  # the PDF itself, not pictures of its pages
    name = login(demo_db, "jingban").actor().name
    rows, entries = prints(demo_db)
    assert rows == [(hashlib.sha256(pdf).hexdigest(), name)]
    assert [(action, actor) for action, actor, _ in entries] == [("document.print", name)]


class NamedPrinter:
    """A printer of the system's (Qt offers none offscreen): the print dialog's choices, as QPrinter answers them."""

    def __init__(self, name: str) -> None:
        from PySide6.QtPrintSupport import QPrinter

        self.name, self.Q = name, QPrinter

    def outputFormat(self) -> Any:
        return self.Q.OutputFormat.NativeFormat

    def printerName(self) -> str:
        return self.name

    def copyCount(self) -> int:
        return 2

    def printRange(self) -> Any:
        return self.Q.PrintRange.PageRange

    def fromPage(self) -> int:
        return 1

    def toPage(self) -> int:
        return 1

    def duplex(self) -> Any:
        return self.Q.DuplexMode.DuplexLongSide


class AcceptingPrintDialog:
    def __init__(self, *_: Any) -> None:
        pass

    def setWindowTitle(self, _: str) -> None:
        pass

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted


@pytest.mark.parametrize("accepted", [True, False])
def test_print_to_a_printer_gives_cups_the_pdf_itself(qtbot: Any, preview: tuple[Any, bytes], demo_db: Any,
                                                      monkeypatch: pytest.MonkeyPatch, accepted: bool) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui.printing import spool

    dialog, pdf = preview
    runs: list[tuple[list[str], bytes, bool]] = []

    def run(cmd: list[str], *, input: bytes, shell: bool = False, **_: Any) -> subprocess.CompletedProcess[bytes]:
        runs.append((cmd, input, shell))
        if accepted:
            return subprocess.CompletedProcess(cmd, 0, b"request id is Office-7 (1 file(s))\n", b"")
        return subprocess.CompletedProcess(cmd, 1, b"", b"lp: The printer or class does not exist.\n")

    shown: list[str] = []
    monkeypatch.setattr(spool, "spooler", lambda: "/usr/bin/lp")
    monkeypatch.setattr(spool, "RUNNER", run)
    monkeypatch.setattr("ui.printing.preview.QPrintDialog", AcceptingPrintDialog)
    monkeypatch.setattr(dialog.pane, "make_printer", lambda: NamedPrinter("Office; rm -rf ~"))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: shown.append(text)))
    with qtbot.waitSignal(dialog.pane.sentOut if accepted else dialog.pane.sendFailed, timeout=10000):
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    [(cmd, data, shell)] = runs
    assert data == pdf and not shell
    assert cmd[:3] == ["/usr/bin/lp", "-d", "Office; rm -rf ~"]  # one argument, no shell to read it
    assert cmd[cmd.index("-n") + 1] == "2" and cmd[cmd.index("-P") + 1] == "1-1"
    assert "sides=two-sided-long-edge" in cmd
    name = login(demo_db, "jingban").actor().name
    rows, entries = prints(demo_db)
    if accepted:
        assert rows == [(hashlib.sha256(pdf).hexdigest(), name)]
        assert [(action, actor) for action, actor, _ in entries] == [("document.print", name)]
        assert "已发送到打印机 Office; rm -rf ~" in dialog.message.text()
    else:  # refused by the spooler: said, and not recorded
        assert rows == [] and entries == []
        assert shown and "does not exist" in shown[0]


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


def test_the_approvers_preview_records_nothing_and_a_saved_draft_is_recorded_as_theirs(
        qtbot: Any, make_window: Any, worker: Any, demo_db: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.domain import SYSTEM
    from desktop.services import history
    from tests.ui.test_approvals_flow import open_queue_item
    from tests.ui.test_approvals_queue import _demo_plan_incident

    window = make_window("bangongshi")
    incident = _demo_plan_incident(demo_db)
    dialog = open_queue_item(qtbot, window, incident, "approve")
    pane = dialog.preview
    qtbot.waitUntil(lambda: pane.printed is not None, timeout=15000)
    settle(qtbot, worker)
    assert prints(demo_db) == ([], [])  # reading the version before deciding is not printing it
    assert not pane.printed.signed
    monkeypatch.setattr("ui.printing.preview.save_file_name", lambda *a, **k: str(tmp_path / "plan.pdf"))
    with qtbot.waitSignal(pane.sentOut, timeout=10000):
        qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "plan.pdf").read_bytes() == pane.printed.pdf
    name = login(demo_db, "bangongshi").actor().name
    rows, entries = prints(demo_db)
    assert rows == []  # a draft is no recognised print, but it is in the record, as the approver's
    assert [(action, actor) for action, actor, _ in entries] == [("document.print_draft", name)]
    with demo_db.read() as s:
        row = [r for r in history.history(s, SYSTEM, incident) if r.action == "document.print_draft"]
    assert [r.action_label for r in row] == ["打印草稿"] and "pdf_sha256" not in row[0].change
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
