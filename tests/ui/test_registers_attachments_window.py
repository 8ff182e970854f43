"""Attachments (附件) through the window: a screenshot and a PDF added to a monitoring entry and previewed in the
window; a file over the size limit refused with a message and nothing written; the incident page has them too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter

from tests.ui.conftest import settle
from tests.ui.registers_steps import add_entry, show_register


def png(path: Path) -> Path:
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    image.save(str(path))
    return path


def pdf(path: Path) -> Path:
    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    painter.drawText(100, 100, "RepDesk evidence")
    painter.end()
    return path


def attachment_count(db: Any) -> int:
    from sqlalchemy import func, select

    from desktop.db.register_tables import Attachment

    with db.session() as s:
        return int(s.execute(select(func.count()).select_from(Attachment)).scalar_one())


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The file dialog answers with `path` (the dialog itself is Qt's)."""
    monkeypatch.setattr("ui.documents.attachments.open_file_name", lambda *_a, **_k: str(path))


def test_files_are_added_and_previewed_and_a_too_big_one_is_refused(
        qtbot: Any, window: Any, worker: Any, demo_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = show_register(qtbot, window, worker, "monitoring")
    add_entry(qtbot, worker, page, "网传网点排长队", "短视频称网点排队两小时。")
    page.detail_tabs.setCurrentWidget(page.attachments)
    files = page.attachments
    qtbot.waitUntil(lambda: files.limit is not None and files.add_button.isEnabled(), timeout=5000)
    before = attachment_count(demo_db)
    # Too big: refused before a byte is read, in plain Chinese, nothing written.
    big = tmp_path / "现场视频.mp4"
    with big.open("wb") as f:
        f.truncate(files.limit + 1)
    choose(monkeypatch, big)
    qtbot.mouseClick(files.add_button, Qt.MouseButton.LeftButton)
    settle(qtbot, worker)
    assert files.error.isVisible() and "超过附件上限" in files.error.text() and "现场视频.mp4" in files.error.text()
    assert attachment_count(demo_db) == before and files.model.rowCount() == 0
    # A screenshot: stored, listed, previewed as an image.
    choose(monkeypatch, png(tmp_path / "截图.png"))
    qtbot.mouseClick(files.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: files.model.rowCount() == 1, timeout=5000)
    assert not files.error.isVisible() and attachment_count(demo_db) == before + 1
    files.view.selectRow(0)
    qtbot.waitUntil(lambda: files.previewing() == "image", timeout=5000)
    assert files.image.pixmap().width() > 0
    # A PDF: previewed in the window.
    choose(monkeypatch, pdf(tmp_path / "情况说明.pdf"))
    qtbot.mouseClick(files.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: files.model.rowCount() == 2, timeout=5000)
    files.view.selectRow(1)
    qtbot.waitUntil(lambda: files.previewing() == "pdf", timeout=5000)
    assert files._preview_pdf.pageCount() == 1
    assert files.model.row_at(1).filename == "情况说明.pdf"
    # Not evidence the program keeps: the core refuses it, the message stays, nothing written.
    text = tmp_path / "notes.txt"
    text.write_text("x", encoding="utf-8")
    choose(monkeypatch, text)
    qtbot.mouseClick(files.add_button, Qt.MouseButton.LeftButton)
    settle(qtbot, worker)
    assert files.error.isVisible() and "不能作为附件" in files.error.text()
    assert attachment_count(demo_db) == before + 2
    files.view.selectRow(0)
    qtbot.waitUntil(lambda: files.previewing() == "image", timeout=5000)


def test_the_incident_page_has_its_attachments(qtbot: Any, window: Any, worker: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    record = window.workbench.snapshot.records[0]
    window.open_incident(record.id, tab="attachments")
    page = window.incident_page
    files = page.attachments
    qtbot.waitUntil(lambda: page.record is not None and files.owner_id == record.id and files.limit is not None,
                    timeout=5000)
    assert page.tabs.currentWidget() is files
    choose(monkeypatch, png(tmp_path / "post.png"))
    qtbot.mouseClick(files.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: files.model.rowCount() == 1, timeout=5000)
    assert files.model.row_at(0).owner_kind == "incident" and files.model.row_at(0).owner_id == record.id
