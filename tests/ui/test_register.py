"""The window's 打印台账… and 验证PDF… actions."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from tests.ui.test_pdf_preview import signed_major_version


def test_period_defaults_to_this_month() -> None:
    from ui.printing.register import this_month

    assert this_month(date(2026, 2, 14)) == (date(2026, 2, 1), date(2026, 2, 28))


def test_register_action_previews_the_register(qtbot: Any, window: Any) -> None:
    actions = window.register_actions
    actions.register_action.trigger()
    dialog = actions.period_dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    today = date.today()
    dialog.first.setDate(QDate(today.year, today.month, today.day))
    dialog.last.setDate(dialog.first.date().addDays(-1))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.text() == "结束日期不能早于开始日期。"
    first = today - timedelta(days=40)
    dialog.first.setDate(QDate(first.year, first.month, first.day))
    dialog.last.setDate(dialog.first.date().addDays(41))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    preview = actions.preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready, timeout=15000)
    assert preview.document.pageCount() > 0
    assert preview.message.text().startswith("台账：") and not preview.message.text().startswith("台账：0 ")


def test_the_register_is_shown_and_saved_from_a_temporary_file_removed_when_closed(
        qtbot: Any, window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13: the register's PDF is laid out into a file and never held in memory whole, in the window too."""
    import hashlib
    import json

    from sqlalchemy import select

    from desktop.db.models import AuditEntry

    today = date.today()
    preview = window.register_actions.open_register(today - timedelta(days=400), today)
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready, timeout=15000)
    printed = preview.printed
    temporary = printed.path
    assert printed.pdf == b"" and temporary.is_file() and temporary.read_bytes().startswith(b"%PDF")
    assert preview.document.pageCount() > 0
    target = tmp_path / "register.pdf"
    monkeypatch.setattr("ui.printing.preview.save_file_name", lambda *a, **k: str(target))
    with qtbot.waitSignal(preview.pane.sentOut, timeout=10000):
        qtbot.mouseClick(preview.save_button, Qt.MouseButton.LeftButton)
    saved = target.read_bytes()
    assert saved == temporary.read_bytes()
    with window.workbench.db.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "register.print")
                          .order_by(AuditEntry.id.desc())).scalars().first()
        assert json.loads(entry.after)["pdf_sha256"] == hashlib.sha256(saved).hexdigest()
    del printed
    preview.close()
    qtbot.waitUntil(lambda: not temporary.exists(), timeout=5000)


def _verify(qtbot: Any, window: Any, path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    actions = window.register_actions
    with qtbot.waitSignal(actions.verified, timeout=15000) as blocker:
        actions.verify_action.trigger()
    return blocker.args[0]


def test_verify_accepts_a_signed_print_and_refuses_a_changed_one(qtbot: Any, window: Any, demo_db: Any, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _, pdf = signed_major_version(demo_db)
    honest = tmp_path / "honest.pdf"
    honest.write_bytes(pdf)
    verdict = _verify(qtbot, window, honest, monkeypatch)
    assert verdict.ok and "验证通过" in verdict.message
    box = window.register_actions.verdict_box
    assert box.text() == "通过" and box.informativeText() == verdict.message
    box.close()
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(pdf.replace(b"/Producer", b"/Producex", 1))
    verdict = _verify(qtbot, window, changed, monkeypatch)
    assert not verdict.ok
    assert window.register_actions.verdict_box.text() == "未通过"


def test_verify_a_missing_file_says_so(qtbot: Any, window: Any, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    verdict = _verify(qtbot, window, tmp_path / "gone.pdf", monkeypatch)
    assert not verdict.ok and "无法读取文件" in verdict.message


def test_verify_refuses_a_print_whose_signer_was_changed_around_the_program(
        qtbot: Any, window: Any, demo_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file still matches its stored version byte for byte, but the version's signer no longer matches the
    keyed record of its signing: the window refuses it as `repdesk verify` does."""
    from sqlalchemy import text

    from desktop.services import printing
    from tests.ui.conftest import login

    vid, _ = signed_major_version(demo_db)
    actor = login(demo_db, "jingban").actor()
    with demo_db.session() as s:  # the official copy, printed and registered by the program
        printed = printing.build_version(s, actor, vid)
        printing.record_print(s, actor, printed)
    path = tmp_path / "printed.pdf"
    path.write_bytes(printed.pdf)
    assert _verify(qtbot, window, path, monkeypatch).ok
    window.register_actions.verdict_box.close()
    with demo_db.session() as s:
        signer = s.execute(text("SELECT signed_by_id FROM document_versions WHERE id = :v"), {"v": vid}).scalar()
        other = s.execute(text("SELECT min(id) FROM users WHERE id != :u"), {"u": signer}).scalar()
        s.execute(text("UPDATE document_versions SET signed_by_id = :o WHERE id = :v"), {"o": other, "v": vid})
    verdict = _verify(qtbot, window, path, monkeypatch)
    assert not verdict.ok and "签发人" in verdict.message
    assert window.register_actions.verdict_box.text() == "未通过"


def test_a_register_that_fails_in_the_window_leaves_no_temporary_file(demo_db: Any, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from desktop.errors import ValidationError
    from tests.ui.conftest import login
    from ui.printing.register import register_job

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    actor = login(demo_db, "bangongshi").actor()
    today = date.today()
    with demo_db.read() as s, pytest.raises(ValidationError):
        register_job(actor, today, today - timedelta(days=1))(s)  # refused: the period ends before it starts
    assert list(tmp_path.glob("repdesk-register-*")) == []
    with demo_db.read() as s:
        printed = register_job(actor, today - timedelta(days=30), today)(s)
    made = printed.path
    assert made is not None and made.parent == tmp_path and made.read_bytes().startswith(b"%PDF")
    del printed  # the Printed gone (its preview closed), its file goes too
    assert not made.exists()
