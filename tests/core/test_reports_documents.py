"""Every document built from its sample data and checked from the PDF itself (pdfminer.six positions, pypdf)."""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cache

import pytest

pdfminer = pytest.importorskip("pdfminer")
import itertools

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTContainer
from pypdf import PdfReader

from desktop.reports.build import BuildResult, build
from desktop.services.verification import extract_code as extract_verification_code
from tests.fixtures.samples import SAMPLES, sample_written_report

MM = 72 / 25.4
A4_W, A4_H = 210 * MM, 297 * MM
LEFT, RIGHT, TOP, BOTTOM = 28 * MM, 26 * MM, 37 * MM, 35 * MM
TOL = 0.6
NO_START = "，。；：！？、）》」』”"


@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    font: str
    upright: bool  # false for the rotated draft mark
    base: float = 0.0  # the baseline (text origin): faces differ in descent, so y0 is not the line's position


@cache
def built(kind: str) -> BuildResult:
    return build(kind, SAMPLES[kind]())


@cache
def draft_written() -> BuildResult:
    return build("written-report", sample_written_report(signed_copy=False))


def _walk(obj: object, out: list[Glyph]) -> None:
    if isinstance(obj, LTChar):
        a, b = obj.matrix[0], obj.matrix[1]
        out.append(Glyph(obj.get_text(), obj.x0, obj.x1, obj.y0, obj.y1, round(obj.size, 2), obj.fontname,
                         abs(b) < 1e-6 and a > 0, obj.matrix[5]))
    elif isinstance(obj, LTContainer):
        for child in obj:
            _walk(child, out)


@cache
def pages(pdf: bytes) -> list[list[Glyph]]:
    out = []
    for page in extract_pages(io.BytesIO(pdf), laparams=LAParams()):
        glyphs: list[Glyph] = []
        _walk(page, glyphs)
        out.append(glyphs)
    return out


def lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Upright glyphs grouped by baseline (rounded), top to bottom, each sorted left to right."""
    rows: dict[float, list[Glyph]] = defaultdict(list)
    for g in glyphs:
        if g.upright:
            rows[round(g.base, 0)].append(g)
    return [sorted(rows[y], key=lambda g: g.x0) for y in sorted(rows, reverse=True)]


def text_of(pdf: bytes) -> str:
    return "".join(g.text for page in pages(pdf) for g in page if g.upright)


def in_block(g: Glyph, bottom: float = BOTTOM) -> bool:
    return g.y0 >= bottom - TOL


ALL_KINDS = ["written-report", "major-report", "response-plan", "evaluation", "register"]


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_builds_without_warnings_and_is_deterministic(kind: str) -> None:
    result = built(kind)
    assert result.pdf.startswith(b"%PDF-") and result.pages >= 2
    assert result.warnings == ()
    assert build(kind, SAMPLES[kind]()).pdf == result.pdf  # same input, same bytes (invariant)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_fonts_are_embedded_truetype_subsets(kind: str) -> None:
    reader = PdfReader(io.BytesIO(built(kind).pdf))
    seen = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert re.match(r"^/[A-Z]{6}\+", str(font["/BaseFont"])), font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object()
            assert "/ToUnicode" in font  # real, extractable text
            seen += 1
    assert seen


def test_written_report_has_every_element_and_deadline_outcome() -> None:
    text = text_of(built("written-report").pdf)
    for label in ["起因", "时间", "地点", "当前情况", "已采取的措施", "事态发展预测", "造成的影响"]:
        assert f"）{label}。" in text, label
    assert "可能引发的后果" not in text  # general incident: the major-only elements are absent
    assert "事件经过" in text and "客户张某在营业大厅与大堂经理发生争执" in text and "孙晓燕" in text
    assert "按时" in text and "迟报" in text
    assert "迟报说明：支行行长和大堂经理在现场处置客户情绪" in text  # the stored late-report reason
    assert "加 急" in text and "报告（续报）" in text
    assert "分行办公室：" in text and "特此报告。" in text
    assert "2026年3月3日" in text and "（联系人：赵敏，电话：0311-85231234）" in text
    assert "抄送：分行个人信贷部。" in text and "2026年3月3日印发" in text


def test_major_report_has_major_elements_group_and_reply_script() -> None:
    text = text_of(built("major-report").pdf)
    for label in ["起因", "时间", "地点", "当前情况", "已采取的措施", "事态发展预测", "造成的影响",
                  "可能引发的后果", "拟采取的措施"]:
        assert f"）{label}。" in text, label
    assert "特 急" in text and "总行办公室：" in text and "华夏银行石家庄分行文件" in text
    for word in ["处置领导小组", "组长", "副组长", "成员", "新闻发言人", "对外应答口径", "“稳盈3号”信托计划"]:
        assert word in text, word
    assert "签发人：王建华" in text and "冀华银发〔2026〕18号" in text
    assert "迟报说明：事发时财富管理部负责人在外参加会议" in text and "待办" in text


def test_plan_evaluation_and_register_contents() -> None:
    plan = text_of(built("response-plan").pdf)
    for word in ["应对原则", "处置措施及分工", "对外应答口径", "审批情况", "审批人", "审批意见", "何文博",
                 "抓紧落实客户安抚", "妥否，请批示。"]:
        assert word in plan, word
    evaluation = text_of(built("evaluation").pdf)
    for word in ["声誉风险影响评估", "处置情况评估", "经验教训", "改进措施", "正面宣传情况", "责任追究", "6.1.1"]:
        assert word in evaluation, word
    register = text_of(built("register").pdf)
    for word in ["各单位报告及处置时限执行情况", "及时率", "超时未办", "迟报", "合计", "SJZ-2026-0050"]:
        assert word in register, word


@pytest.mark.parametrize("kind", ["written-report", "major-report", "response-plan", "evaluation"])
def test_text_stays_inside_the_gbt9704_text_block(kind: str) -> None:
    for number, glyphs in enumerate(pages(built(kind).pdf), 1):
        body = [g for g in glyphs if g.upright and in_block(g)]
        assert body, f"page {number} empty"
        for g in body:
            assert LEFT - TOL <= g.x0 and g.x1 <= A4_W - RIGHT + TOL, (number, g)
            assert g.y1 <= A4_H - TOP + TOL, (number, g)


@pytest.mark.parametrize("kind", ["written-report", "major-report"])
def test_body_is_16pt_on_a_28_by_22_grid(kind: str) -> None:
    doc = pages(built(kind).pdf)
    body = [g for page in doc for g in page if "Grid" in g.font]
    assert len(body) > 500
    assert {g.size for g in body} == {16.0}
    widths = {round(g.x1 - g.x0, 2) for g in body if ord(g.text) > 0x3000}
    assert widths == {round(156 * MM / 28, 2)}  # 28 characters fill the 156 mm line
    full = [ln for page in doc for ln in lines(page)
            if len(ln) == 28 and all("Grid" in g.font and ord(g.text) > 0x3000 for g in ln)]
    assert full and all(abs(ln[-1].x1 - (A4_W - RIGHT)) < TOL for ln in full)
    counts = []
    for page in doc:
        rows = [ln for ln in lines(page) if in_block(ln[0]) and all(g.size == 16.0 for g in ln)]
        if len(rows) == len([ln for ln in lines(page) if in_block(ln[0])]):  # a page of body text only
            counts.append(len(rows))
            steps = {round(a[0].base - b[0].base, 1) for a, b in itertools.pairwise(rows)}
            assert steps == {round(225 * MM / 22, 1)}
    assert counts and max(counts) == 22


@pytest.mark.parametrize("kind", ["written-report", "major-report"])
def test_body_lines_are_justified(kind: str) -> None:
    """A body line followed by an unindented line of the same paragraph is filled to the right margin."""
    checked = 0
    for glyphs in pages(built(kind).pdf):
        body = [ln for ln in lines(glyphs) if all("Grid" in g.font for g in ln) and in_block(ln[0])]
        for line, after in itertools.pairwise(body):
            if abs(after[0].x0 - LEFT) < TOL and round(line[0].y0 - after[0].y0, 1) == round(225 * MM / 22, 1):
                # pdfminer drops the character spacing (Tc) after the last glyph of each string (Tj); ReportLab
                # starts a new string at every font-subset change. Put those gaps back before measuring.
                gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(line)]
                spacing = max(gaps + [0.0])
                end = line[-1].x1 + spacing * sum(1 for gap in gaps if abs(gap) < 0.01)
                assert abs(end - (A4_W - RIGHT)) < TOL, "".join(g.text for g in line)
                checked += 1
    assert checked > 10


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_no_line_starts_with_closing_punctuation(kind: str) -> None:
    for glyphs in pages(built(kind).pdf):
        for ln in lines(glyphs):
            runs = [[ln[0]]]
            for a, b in itertools.pairwise(ln):
                (runs[-1].append(b) if b.x0 - a.x1 < 3 else runs.append([b]))
            for run in runs:
                assert run[0].text not in NO_START, "".join(g.text for g in run)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_page_numbers_odd_right_even_left(kind: str) -> None:
    left, right, bottom = (20 * MM, 20 * MM, 24 * MM) if kind == "register" else (LEFT, RIGHT, BOTTOM)
    pdf = built(kind).pdf
    for number, glyphs in enumerate(pages(pdf), 1):
        foot = [g for g in glyphs if g.upright and not in_block(g, bottom)]
        assert "".join(g.text for g in sorted(foot, key=lambda g: g.x0)) == f"— {number} —"
        assert {g.size for g in foot} == {14.0}
        width = float(PdfReader(io.BytesIO(pdf)).pages[number - 1].mediabox.width)
        if number % 2:  # one character (14 pt) in from the text block's edge
            assert abs(max(g.x1 for g in foot) - (width - right - 14)) < 1
        else:
            assert abs(min(g.x0 for g in foot) - (left + 14)) < 1


def test_signed_copy_shows_signer_code_and_no_watermark() -> None:
    result = built("written-report")
    header = SAMPLES["written-report"]().header
    text = text_of(result.pdf)
    assert "签发人：刘志强" in text and "2026-03-0316:40签发" in text.replace(" ", "")
    assert header.verification_code and header.verification_code in text.replace(" ", "")
    assert extract_verification_code(result.pdf) == header.verification_code
    assert "草稿" not in "".join(g.text for page in pages(result.pdf) for g in page)


def test_draft_has_a_watermark_on_every_page_and_no_code() -> None:
    result = draft_written()
    for glyphs in pages(result.pdf):
        mark = "".join(sorted(g.text for g in glyphs if not g.upright))
        assert mark == "稿草"  # 草稿, sorted
        assert all(g.size > 100 for g in glyphs if not g.upright)
    assert extract_verification_code(result.pdf) is None
    assert "待签发" in text_of(result.pdf)


def test_register_repeats_its_table_header_on_every_page() -> None:
    doc = pages(built("register").pdf)
    assert len(doc) >= 3
    for glyphs in doc[1:]:
        y_top = max(g.y1 for g in glyphs)
        top = "".join(g.text for g in sorted(glyphs, key=lambda g: g.x0) if g.y1 > y_top - 28)
        assert all(word in top for word in ["序", "事件编号", "事件名称", "迟报及超时说明"]), top
        assert "SJZ-2026" not in top  # the header row, not a data row


def test_rare_characters_are_rendered_or_reported() -> None:
    base = SAMPLES["written-report"]()
    incident = replace(base.incident, unit_name="华夏银行石家庄䶮字支行",
                       elements={**base.incident.elements, "cause": "客户𠀀某投诉。"})
    result = build("written-report", replace(base, incident=incident))
    text = text_of(result.pdf)
    assert "U+20000" in " ".join(result.warnings) and "[U+20000]" in text  # in no font: reported, visible
    rendered = "䶮" in text and not any("U+4DAE" in w for w in result.warnings)
    reported = any("U+4DAE" in w for w in result.warnings) and "[U+4DAE]" in text
    assert rendered or reported


def test_the_imprint_never_stands_alone_on_the_last_page() -> None:
    """However long the body, the 版记 closes the page that carries the closing line and the signature (7.3.5)."""
    base = sample_written_report()
    for extra_lines in range(0, 23, 2):  # the end of the text walks down a whole page
        doc = replace(base, body="\n".join("补充说明：客户已于当日下午到支行复核合同原件，情绪平稳。" for _ in range(extra_lines)))
        text = PdfReader(io.BytesIO(build("written-report", doc).pdf)).pages[-1].extract_text().replace(" ", "")
        assert "印发" in text, extra_lines
        assert "特此报告" in text and "2026年3月3日" in text, (extra_lines, text[:80])
