"""Issue 11, parts 7 and 8: the faces that stand in are named; the user's font files are embedded; 黑体 headings
stay distinct in the bundled fallback; the register prints its period once and the compiling unit."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTChar, LTContainer

from desktop.reports import fonts as F
from desktop.reports.build import build
from tests.fixtures.samples import SAMPLES

UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")


@pytest.fixture
def no_system_fonts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No 仿宋, 小标宋, 黑体 or 楷体 on the machine: the font search finds nothing, only the bundled font."""
    monkeypatch.setenv("REPDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setattr(F, "_index_font_files", lambda dirs: {})
    F.reset_font_set()
    yield
    F.reset_font_set()


def _chars(pdf: bytes) -> list[LTChar]:
    out: list[LTChar] = []

    def walk(node: object) -> None:
        if isinstance(node, LTChar):
            out.append(node)
        elif isinstance(node, LTContainer):
            for child in node:
                walk(child)

    for page in extract_pages(io.BytesIO(pdf)):
        walk(page)
    return out


def test_a_build_names_the_face_standing_in(no_system_fonts: None) -> None:
    result = build("written-report", SAMPLES["written-report"]())
    assert any("仿宋" in w and "WenQuanYi Micro Hei" in w for w in result.warnings)
    assert any("小标宋" in w for w in result.stand_ins) and set(result.stand_ins) <= set(result.warnings)


def test_bundled_headings_differ_from_the_body(no_system_fonts: None) -> None:
    pdf = build("written-report", SAMPLES["written-report"]()).pdf
    chars = _chars(pdf)
    text = "".join(c.get_text() for c in chars)
    at = text.index("一、事件基本情况")
    heading_font = chars[at + 2].fontname  # 事
    body_font = chars[text.index("2026年3月2日9时15分")].fontname
    assert heading_font != body_font and "Bold" in heading_font


def test_a_users_font_file_is_embedded(no_system_fonts: None, tmp_path: Path) -> None:
    if not UMING.exists():
        pytest.skip("AR PL UMing not installed")
    own = tmp_path / "uming-from-office.ttc"
    shutil.copyfile(UMING, own)
    F.save_user_fonts({F.FANG: own})
    assert F.user_fonts() == {F.FANG: own}
    result = build("written-report", SAMPLES["written-report"]())
    assert b"UMing" in result.pdf  # the BaseFont of the embedded subset
    assert not any("仿宋" in w for w in result.stand_ins)


def test_a_file_that_cannot_be_embedded_is_refused_and_changes_nothing(no_system_fonts: None,
                                                                       tmp_path: Path) -> None:
    bad = tmp_path / "notafont.ttf"
    bad.write_text("hello", encoding="utf-8")
    with pytest.raises(F.FontFileError, match="无法嵌入"):
        F.save_user_fonts({F.FANG: bad})
    with pytest.raises(F.FontFileError, match="不存在"):
        F.save_user_fonts({F.SONG: tmp_path / "missing.ttf"})
    assert F.user_fonts() == {} and not F.user_fonts_file().exists()


def test_register_prints_its_period_once_and_the_compiling_unit(demo_db: object) -> None:
    from desktop.services import accounts, printing

    db = demo_db
    with db.session() as session:  # type: ignore[attr-defined]
        actor = accounts.authenticate(session, "bangongshi", "repdesk2026").actor()
        from desktop.services import org

        unit = org.unit_info(session, actor.unit_id).name
        printed = printing.build_register(session, actor, date(2020, 1, 1), date(2030, 12, 31))
    text = extract_text(io.BytesIO(printed.pdf)).replace("\n", "")
    assert text.count("2020年1月1日至2030年12月31日") == 1
    assert f"编制单位：{unit}" in text and actor.name not in text.split("编制单位：")[1][:len(unit) + 2]


def test_the_command_line_names_the_stand_in_on_one_line(no_system_fonts: None, demo_db: object, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.cli.main import main

    monkeypatch.setenv("REPDESK_PASSWORD", "repdesk2026")
    url = str(demo_db.url)  # type: ignore[attr-defined]
    out = tmp_path / "register.pdf"
    assert main(["--database-url", url, "--user", "bangongshi", "report", "register", "--from", "2020-01-01",
                 "--to", "2030-12-31", "-o", str(out)]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if line.startswith("字体：")]
    assert len(lines) == 1 and "仿宋" in lines[0] and "WenQuanYi Micro Hei" in lines[0]

