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
from desktop.services.issuing.verification import extract_code as extract_verification_code
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
    assert result.warnings == result.stand_ins  # only the notes on faces this machine lacks
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
    assert "加 急" not in text and "加急" not in text and "报告（续报）" in text  # no urgency unless chosen
    assert "分行办公室：" in text and "特此报告。" in text
    assert "2026年3月3日" in text and "（联系人：赵敏，电话：0311-85231234）" in text
    assert "抄送：分行个人信贷部。" in text and "2026年3月3日印发" in text


def test_major_report_has_major_elements_group_and_reply_script() -> None:
    text = text_of(built("major-report").pdf)
    for label in ["起因", "时间", "地点", "当前情况", "已采取的措施", "事态发展预测", "造成的影响",
                  "可能引发的后果", "拟采取的措施"]:
        assert f"）{label}。" in text, label
    assert "特 急" not in text and "总行办公室：" in text and "华夏银行石家庄分行文件" in text
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
        # the page number line (a signed copy's verification stamp sits further down, 13 mm under the block)
        foot = [g for g in glyphs if g.upright and not in_block(g, bottom) and g.y0 > bottom - 12 * MM]
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
    assert "签发人：刘志强" in text and "签发时间：2026-03-0316:40" in text.replace(" ", "")
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
    assert "签发时间" not in text_of(result.pdf) and "验证码" not in text_of(result.pdf)


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


def test_one_sided_imprint_is_on_the_last_page() -> None:
    """Printed one-sided, however long the body, the 版记 is at the foot of the last page and nowhere else; it
    shares the signature's page unless that would leave the closing and signature alone on a page (7.3.5)."""
    base = sample_written_report()
    base = replace(base, header=replace(base.header, duplex=False))
    shared = 0
    for extra_lines in range(0, 23, 2):  # the end of the text walks down a whole page
        line = "补充说明：客户已于当日下午到支行复核合同原件，情绪平稳。"
        doc = replace(base, body="\n".join(line for _ in range(extra_lines)))
        pdf = build("written-report", doc).pdf
        texts = [p.extract_text().replace(" ", "") for p in PdfReader(io.BytesIO(pdf)).pages]
        assert "印发" in texts[-1] and not any("印发" in t for t in texts[:-1]), extra_lines
        closing = next(i for i, t in enumerate(texts) if "特此报告" in t)
        assert "2026年3月3日" in texts[closing] and closing >= len(texts) - 2, extra_lines
        shared += closing == len(texts) - 1
    assert shared > 0  # mostly the 版记 closes the signature's page


# --- GB/T 9704 to the letter, and no half-empty pages ------------------------------------------------------------

BLOCK_H = A4_H - TOP - BOTTOM
CLOSINGS = ("特此报告。", "妥否，请批示。")


def _line_texts(glyphs: list[Glyph]) -> list[tuple[float, float, str]]:
    """(baseline, left, text) of each upright line."""
    return [(ln[0].base, ln[0].x0, "".join(g.text for g in ln)) for ln in lines(glyphs)]


def test_signer_line_holds_the_name_only_and_the_code_sits_in_the_last_footer() -> None:
    result = built("written-report")
    header = SAMPLES["written-report"]().header
    doc = pages(result.pdf)
    signer = [t for _b, _x, t in _line_texts(doc[0]) if "签发人" in t]
    assert signer == [header.doc_number + "签发人：" + header.signer_name]
    code = header.verification_code or ""
    for number, glyphs in enumerate(doc, 1):
        for base, _x, text in _line_texts(glyphs):
            if code[:6] in text or "签发时间" in text:
                assert number == len(doc) and base < BOTTOM - 14, (number, text)  # under the page number line
    assert "签发时间：2026-03-0316:40" in "".join(t for _b, _x, t in _line_texts(doc[-1])).replace(" ", "")


@pytest.mark.parametrize("kind", ["written-report", "major-report", "response-plan", "evaluation"])
def test_no_urgency_unless_the_drafter_chose_one(kind: str) -> None:
    data = SAMPLES[kind]()
    assert data.header.urgency == ""
    first = _line_texts(pages(built(kind).pdf)[0])
    assert not any(t.replace(" ", "") in ("特急", "加急") for _b, _x, t in first)
    chosen = build(kind, replace(data, header=replace(data.header, urgency="特急")))
    top = _line_texts(pages(chosen.pdf)[0])[0]
    assert top[2] == "特 急" and abs(top[1] - LEFT) < 1


REAL_TITLES = [
    "关于保定朝阳支行客户投诉引发网络舆情事件的报告",
    "裕华路支行客户投诉引发网络舆情事件应对方案",
    "关于新华路支行代销理财产品兑付延迟引发客户聚集事件的重大突发事件报告",
    "关于长安区支行员工违规催收引发媒体曝光事件的评估总结报告",
    "关于自助设备吞卡故障导致客户在网络平台投诉事件的报告",
    "关于信用卡分期手续费争议引发微博话题发酵的应对方案",
    "关于个人住房贷款提前还款受阻引发网络舆情的评估总结报告（终报）",
]


@pytest.mark.parametrize("title", REAL_TITLES)
def test_titles_break_between_words(title: str) -> None:
    from desktop.reports.blocks import balance_title, title_words

    broken = balance_title(title, 20)
    assert broken.replace("\n", "") == title and all(len(x) <= 20 for x in broken.split("\n"))
    breaks, pos = set(), 0
    for part in broken.split("\n")[:-1]:
        pos += len(part)
        breaks.add(pos)
    start = 0
    for word in title_words(title):
        assert not any(start < b < start + len(word) for b in breaks), (word, broken)
        start += len(word)
    # and the PDF draws exactly those lines
    base = SAMPLES["written-report"]()
    pdf = build("written-report", replace(base, header=replace(base.header, title=title))).pdf
    drawn = [t for _b, _x, t in _line_texts(pages(pdf)[0]) if t and t in broken.split("\n")]
    assert drawn == broken.split("\n")


def _fill_ok(pdf: bytes) -> tuple[bool, str]:
    """No page holds only the closing and what follows it while the page before is under three quarters full."""
    doc = pages(pdf)
    for i, glyphs in enumerate(doc):
        texts = _line_texts([g for g in glyphs if in_block(g)])
        if texts and texts[0][2] in CLOSINGS and i > 0:
            prev = [g for g in doc[i - 1] if g.upright and in_block(g)]
            lowest = min(g.y0 for g in prev)
            if lowest - BOTTOM > BLOCK_H / 4:
                return False, f"page {i + 1} starts with the closing; page {i} ends {lowest - BOTTOM:.0f} pt up"
    return True, ""


@pytest.mark.parametrize("duplex", [True, False])
@pytest.mark.parametrize("kind", ["written-report", "major-report", "response-plan", "evaluation"])
def test_no_page_holds_only_the_closing_and_signature(kind: str, duplex: bool) -> None:
    # Double-sided (the default) the 版记 takes the back of the last sheet; one-sided it shares the signature's
    # page when it fits and otherwise goes on alone, so the closing stays with the last text lines either way.
    base = SAMPLES[kind]()
    base = replace(base, header=replace(base.header, duplex=duplex))
    for extra in range(0, 23, 3):  # the end of the text walks down a whole page
        body = "\n".join("补充说明：客户已于当日下午到支行复核合同原件，情绪平稳。" for _ in range(extra))
        ok, why = _fill_ok(build(kind, replace(base, body=body)).pdf)
        assert ok, (extra, why)


def test_sample_page_counts() -> None:
    # The signature tightens into the page rather than spilling; duplex puts the 版记 on an even page.
    assert built("written-report").pages == 4
    assert built("major-report").pages % 2 == 0


def test_imprint_lands_on_an_even_page_with_duplex() -> None:
    base = sample_written_report()
    for extra in range(0, 23, 2):
        body = "\n".join("补充说明：客户已于当日下午到支行复核合同原件，情绪平稳。" for _ in range(extra))
        pdf = build("written-report", replace(base, body=body)).pdf
        doc = pages(pdf)
        assert len(doc) % 2 == 0, extra
        last = "".join(t for _b, _x, t in _line_texts(doc[-1]))
        assert "印发" in last, extra
        for glyphs in doc[:-1]:
            assert "印发" not in "".join(t for _b, _x, t in _line_texts(glyphs))
        closing_page = next(i for i, g in enumerate(doc) if "特此报告。" in "".join(x.text for x in g))
        for blank in range(closing_page + 1, len(doc) - 1):  # a page left blank: no text, no page number
            assert not [g for g in doc[blank] if g.upright], extra
            assert "—" not in last, extra  # and the 版记 page after a blank one carries no number


def test_copy_number_classification_and_attachments_at_their_places() -> None:
    base = sample_written_report()
    header = replace(base.header, copy_number="12", classification="机密", secrecy_period="1年", urgency="加急",
                     attachments=("客户投诉材料", "网络舆情监测截图"))
    doc = pages(build("written-report", replace(base, header=header)).pdf)
    top = _line_texts(doc[0])[:3]
    assert [t for _b, _x, t in top] == ["000012", "机密★1年", "加 急"]  # 7.2.1-7.2.3: in this order, at the left
    assert all(abs(x - LEFT) < 1 for _b, x, _t in top)
    texts = [(i, b, x, t) for i, g in enumerate(doc) for b, x, t in _line_texts(g)]
    closing = next(k for k, r in enumerate(texts) if r[3] == "特此报告。")
    first = next(k for k, r in enumerate(texts) if r[3].startswith("附件：1."))
    second = next(k for k, r in enumerate(texts) if r[3].startswith("2.") and k > first)
    unit = next(k for k, r in enumerate(texts) if r[3] == header.issuing_unit and k > second)
    assert closing < first < second < unit
    assert abs(texts[first][2] - (LEFT + 2 * 156 * MM / 28)) < 1.5  # two characters in
    assert texts[first][3] == "附件：1.客户投诉材料"
