"""The report layer's parts: fonts, line breaking, titles, verification codes, counting, input checks."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop.paths import resource
from desktop.reports import fonts as F
from desktop.reports.blocks import balance_title
from desktop.reports.build import MissingGlyphError, build
from desktop.reports.layout import LEADING, OFFICIAL, PITCH, install_cjk_line_rules
from desktop.reports.linebreak import Para
from desktop.reports.model import DeadlineRow, summarize
from desktop.reports.official import new_context
from desktop.services.issuing.verification import extract_code as extract_verification_code
from desktop.services.issuing.verification import make_code, parse_code
from tests.fixtures.samples import sample_written_report

BUNDLED = resource("fonts", F.BUNDLED_FILE)


def test_bundled_font_and_licence_are_shipped() -> None:
    assert BUNDLED.is_file() and F.is_truetype_cjk(BUNDLED)
    licence = BUNDLED.with_name("wqy-microhei.LICENSE-Apache-2.0.txt").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0" in licence


def test_without_system_fonts_every_face_is_the_bundled_font() -> None:
    sources = F.resolve_sources({}, BUNDLED)
    assert {role: src.origin for role, src in sources.items()} == {r: "bundled" for r in F.ROLES}


def test_windows_faces_are_preferred_by_role(tmp_path: Path) -> None:
    """Faces are picked by file name; a file ReportLab cannot load is skipped (here: an empty fake)."""
    fake = tmp_path / "simfang.ttf"
    fake.write_bytes(b"")
    files = {"simfang.ttf": fake, "wqy-microhei.ttc": BUNDLED}
    sources = F.resolve_sources(files, None)
    assert sources[F.FANG].path == BUNDLED  # the broken simfang.ttf is not used
    assert sources[F.HEI].path == BUNDLED and sources[F.HEI].origin == "system"


def test_other_truetype_fonts_are_taken_by_file_name(tmp_path: Path) -> None:
    fang = tmp_path / "FZFangSong-Z02.ttc"
    fang.write_bytes(BUNDLED.read_bytes())
    sources = F.resolve_sources({fang.name.lower(): fang}, BUNDLED)
    assert sources[F.FANG].path == fang and sources[F.KAI].path == fang  # 楷体 falls back to the 仿宋 face
    assert sources[F.HEI].origin == "bundled"


def test_cff_fonts_are_not_taken_for_truetype() -> None:
    noto = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
    if not noto.exists():
        pytest.skip("Noto CJK not installed")
    assert not F.is_truetype_cjk(noto)


def test_font_set_is_registered_once() -> None:
    assert F.font_set() is F.font_set()


def test_grid_font_fits_28_characters_in_156_mm() -> None:
    fs = F.font_set()
    grid = F.grid_font(fs.font(F.FANG), 16, PITCH)
    assert grid == F.grid_font(fs.font(F.FANG), 16, PITCH)  # cached
    assert abs(stringWidth("国" * 28, grid, 16) - OFFICIAL.width) < 0.01
    assert abs(LEADING * 22 - OFFICIAL.height) < 0.1


def test_full_width_comma_may_not_start_a_line() -> None:
    install_cjk_line_rules()
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    assert all(c in paragraph.ALL_CANNOT_START and c in textsplit.ALL_CANNOT_START for c in "，；：！？、）》」』。")
    st = new_context().st
    text = "一" * 27 + "二，三四五" + "六" * 26 + "七。”八"
    para = Para(text, st.body.clone("t", firstLineIndent=0))
    para.wrap(OFFICIAL.width, 1000)
    rendered = ["".join(w.text for w in line.words) for line in para.blPara.lines]
    assert "".join(rendered) == text  # nothing lost, nothing added
    for line in rendered:
        assert line[0] not in "，。”"
        assert stringWidth(line, st.grid, 16) <= OFFICIAL.width + 0.01  # nothing hangs into the margin
    assert rendered[1].startswith("二，")  # the comma took the character before it along


def test_latin_runs_are_kept_whole_when_possible() -> None:
    st = new_context().st
    text = "事件编号" * 6 + "SJZ-2026-0012"
    para = Para(text, st.body.clone("t", firstLineIndent=0))
    para.wrap(OFFICIAL.width, 1000)
    rendered = ["".join(w.text for w in line.words) for line in para.blPara.lines]
    assert rendered[-1] == "SJZ-2026-0012"


def test_split_paragraphs_gain_no_spaces() -> None:
    st = new_context().st
    text = "客户认为支行故意拖延" * 12
    para = Para(text, st.body)
    first, second = para.split(OFFICIAL.width, LEADING * 2.5)
    first.wrap(OFFICIAL.width, 1000)
    second.wrap(OFFICIAL.width, 1000)
    joined = "".join(w.text for p in (first, second) for line in p.blPara.lines for w in line.words)
    assert joined == text


@pytest.mark.parametrize(("title", "expected"), [
    ("关于新华路支行代销理财产品兑付延迟引发客户聚集事件的重大突发事件报告",
     "关于新华路支行代销理财产品兑付延迟\n引发客户聚集事件的重大突发事件报告"),
    ("关于裕华路支行客户投诉引发网络舆情事件的报告（续报）", "关于裕华路支行客户投诉引发\n网络舆情事件的报告（续报）"),
    ("关于某事的报告", "关于某事的报告"),
])
def test_titles_break_at_word_boundaries(title: str, expected: str) -> None:
    assert balance_title(title, 20) == expected


def test_verification_codes() -> None:
    sha = "ABCDEF0123456789" + "0" * 48
    code = make_code(123, sha)
    assert code == "RDV1:123:abcdef0123456789"
    assert parse_code(code) == (123, "abcdef0123456789")
    assert parse_code(" " + code + "\n") == (123, "abcdef0123456789")  # as typed or scanned, spaces aside
    assert parse_code(code.replace("RDV1", "rdv1")) is None
    for crafted in ("RDV1:x", "RDV1:0:abcdef0123456789", "RDV1:99999999999999999999:abcdef0123456789",
                    "RDV1:１２:abcdef0123456789", "RDV1:12:abcdef012345678", "RDV1:12:abcdef01234567890",
                    "RDV1:-1:abcdef0123456789", "x" * 5000):
        assert parse_code(crafted) is None, crafted
    with pytest.raises(ValueError):
        make_code("a:b", sha)


def test_anchored_verification_codes() -> None:
    """RDV2 (3.3.x records kept as evidence): the signing entry id rides on the page, tagged with the key."""
    from desktop.services.issuing.verification import Code, make_anchored_code, parse, tag_ok

    key, other = b"k" * 32, b"o" * 32
    sha = "ABCDEF0123456789" + "0" * 48
    code = make_anchored_code(key, 123, sha, 4567)
    assert code.startswith("RDV2:123:abcdef0123456789:4567:") and len(code.rsplit(":", 1)[1]) == 8
    parsed = parse(code)
    assert parsed is not None and parsed.entry_id == 4567 and parsed.version_id == 123
    assert parse_code(code) == (123, "abcdef0123456789")
    assert tag_ok(key, parsed) and not tag_ok(other, parsed)
    assert parse("RDV1:123:abcdef0123456789") == Code(123, "abcdef0123456789")  # old codes: no anchor
    for forged in (code.replace(":4567:", ":4566:"), code[:-1] + ("0" if code[-1] != "0" else "1")):
        p = parse(forged)
        assert p is not None and not tag_ok(key, p), forged
    for crafted in (code + "0", code.replace(":4567:", ":0:"), code.replace(":4567:", ":-1:"),
                    code.replace("RDV2", "rdv2"), code[:-1]):
        assert parse(crafted) is None, crafted


def test_no_code_in_foreign_or_broken_pdfs() -> None:
    buf = io.BytesIO()
    canvas = Canvas(buf)
    canvas.setKeywords("something else")
    canvas.showPage()
    canvas.save()
    assert extract_verification_code(buf.getvalue()) is None
    assert extract_verification_code(b"not a pdf") is None


def test_compliance_counts() -> None:
    rows = [DeadlineRow("3.2.1", "报告", "事发单位", None, s) for s in
            ["met", "met", "late", "overdue", "pending", "lapsed", "superseded", "open", "waiting"]]
    s = summarize(rows)
    assert (s.met, s.late, s.missed, s.pending, s.due) == (2, 1, 1, 3, 4)
    assert s.rate_text == "50.0%" and summarize([]).rate_text == "—"


def test_bad_input_is_refused() -> None:
    doc = sample_written_report()
    with pytest.raises(ValueError, match="unknown document kind"):
        build("memo", doc)
    with pytest.raises(TypeError):
        build("major-report", doc)
    with pytest.raises(ValueError, match="verification code"):
        build("written-report", replace(doc, header=replace(doc.header, verification_code=None)))
    no_cause = replace(doc.incident, elements={k: v for k, v in doc.incident.elements.items() if k != "cause"})
    with pytest.raises(ValueError, match="3.3.2"):
        build("written-report", replace(doc, incident=no_cause))


def test_a_draft_may_lack_elements_and_says_so() -> None:
    doc = sample_written_report(signed_copy=False)
    no_cause = replace(doc.incident, elements={k: v for k, v in doc.incident.elements.items() if k != "cause"})
    result = build("written-report", replace(doc, incident=no_cause))
    assert any("起因" in w for w in result.warnings)


def test_strict_mode_refuses_characters_no_font_has() -> None:
    doc = sample_written_report()
    odd = replace(doc.incident, place="𠀀村")
    with pytest.raises(MissingGlyphError, match="U\\+20000"):
        build("written-report", replace(doc, incident=odd), strict=True)


@pytest.mark.parametrize("title", [
    "关于保定朝阳支行“飞单”传闻采访事件的报告",
    "关于中山路支行《理财说明书》被转发引发关注的情况报告",
    "关于网传“某支行理财产品爆雷”的情况报告（续报）",
])
def test_no_title_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(title: str) -> None:
    for per_line in (10, 12, 14, 16, 18):
        for line in balance_title(title, per_line).split("\n"):
            assert line[0] not in "”’）》」』〕，。、；：！？", (per_line, line)
            assert line[-1] not in "“‘（《「『〔", (per_line, line)
