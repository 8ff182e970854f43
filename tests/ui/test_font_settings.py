"""The settings' document fonts: a file that cannot be embedded is refused and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.reports import fonts as F


@pytest.fixture
def no_system_fonts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("REPDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setattr(F, "_index_font_files", lambda dirs: {})
    F.reset_font_set()
    yield
    F.reset_font_set()


def test_settings_page_refuses_a_bad_font_file_and_stores_a_good_one(no_system_fonts: None, tmp_path: Path,
                                                                    qtbot: object) -> None:
    from ui.app.settings import Settings
    from ui.app.settings_page import SettingsPage

    page = SettingsPage(Settings(), lambda: None)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"not a font")
    page.font_paths[F.FANG].setText(str(bad))
    page.apply()
    assert "无法嵌入" in page.note.text() and F.user_fonts() == {}
    page.font_paths[F.FANG].setText(str(F.resource("fonts", F.BUNDLED_FILE)))
    page.apply()
    assert F.user_fonts() == {F.FANG: F.resource("fonts", F.BUNDLED_FILE)}
    page.show_faces()
    assert "仿宋" not in page.font_status.text() and "小标宋" in page.font_status.text()
