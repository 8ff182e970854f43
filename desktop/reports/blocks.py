"""The parts of a GB/T 9704 document as flowables: 版头, title, signature, 版记, tables, paragraphs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from desktop.reports.layout import BODY_SIZE, FOOT_SIZE, LEADING, OFFICIAL, PITCH, RED, Styles
from desktop.reports.linebreak import Para
from desktop.reports.model import DocumentHeader
from desktop.reports.text import Typesetter
from desktop.timeutil import chinese_date, format_cst

ASCENT = 0.88  # CJK glyph top above the baseline, in em (close enough for every face used here)


def fake_bold(canv: Canvas, width: float, colour: colors.Color) -> None:
    """Fill-and-stroke text rendering: the usual stand-in for a heavy Song face (小标宋) not installed."""
    t = canv.beginText()
    t.setTextRenderMode(2)
    canv.drawText(t)  # Tr is graphics state: it lasts until the caller's restoreState
    canv.setLineWidth(width)
    canv.setStrokeColor(colour)


class DocHead(Flowable):
    """版头: urgency top left, the red organisation mark 35 mm down, the number / 签发人 line, the red rule."""

    def __init__(self, header: DocumentHeader, urgency: str, ts: Typesetter, st: Styles,
                 heavy_mark: bool) -> None:
        super().__init__()
        self.h, self.urgency, self.ts, self.st, self.heavy = header, urgency, ts, st, heavy_mark
        self.mark_size = min(36.0, 0.9 * OFFICIAL.width / max(len(header.org_mark), 1))
        mark_base = 35 * mm + ASCENT * self.mark_size
        self.number_base = mark_base + 0.12 * self.mark_size + 2 * LEADING
        self.rule_y = self.number_base + 0.12 * BODY_SIZE + 4 * mm  # the rule sits 4 mm under the number line
        self.mark_base = mark_base

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width = aW
        return aW, self.rule_y + 1

    def draw(self) -> None:
        c, ts, st, top, w = self.canv, self.ts, self.st, self.rule_y + 1, self.width
        if self.urgency:
            ts.draw(c, 0, top - BODY_SIZE, " ".join(self.urgency), st.hei, BODY_SIZE)
        c.saveState()
        c.setFillColor(RED)
        if not self.heavy:
            fake_bold(c, self.mark_size * 0.035, RED)
        ts.draw(c, w / 2, top - self.mark_base, self.h.org_mark, st.song, self.mark_size, align="centre")
        c.restoreState()
        y = top - self.number_base
        ts.draw(c, PITCH, y, self.h.doc_number, st.fang, BODY_SIZE)
        self._signer(c, w - PITCH, y)
        c.setStrokeColor(RED)
        c.setLineWidth(1.0)
        c.line(0, top - self.rule_y, w, top - self.rule_y)

    def _signer(self, c: Canvas, right: float, y: float) -> None:
        """签发人 line, right-aligned one character in; a signed copy adds the signing time in small type."""
        ts, st = self.ts, self.st
        if self.h.signed_at is not None:
            note = f"（{format_cst(self.h.signed_at)}签发）"
        else:
            note = "（待签发）"
        right -= ts.draw(c, right, y, note, st.fang, 10.5, align="right")
        right -= ts.draw(c, right, y, self.h.signer_name, st.kai, BODY_SIZE, align="right")
        ts.draw(c, right, y, "签发人：", st.fang, BODY_SIZE, align="right")


# Title line breaks keep words whole (GB/T 9704 7.3.1: 词意完整): break after or before these, nearest the middle.
_BREAK_AFTER = ("关于", "的", "支行", "分行", "银行", "部门", "事件", "产品", "业务", "、", "，", "）", "》")
_BREAK_BEFORE = ("引发", "导致", "涉及", "有关", "的报告", "的重大", "的应对", "的评估", "（", "《")


def balance_title(title: str, per_line: int) -> str:
    """Two-line titles broken at a word boundary with balanced lines; other titles unchanged."""
    if "\n" in title or len(title) <= per_line or len(title) > 2 * per_line:
        return title
    cuts = {i + len(tok) for tok in _BREAK_AFTER for i in _find_all(title, tok)}
    cuts |= {i for tok in _BREAK_BEFORE for i in _find_all(title, tok)}
    fitting = [c for c in cuts if 0 < c < len(title) and c <= per_line and len(title) - c <= per_line]
    if not fitting:
        return title
    best = min(fitting, key=lambda c: (abs(len(title) - 2 * c), -c))
    return title[:best] + "\n" + title[best:]


def _find_all(text: str, token: str) -> list[int]:
    out, i = [], text.find(token)
    while i >= 0:
        out.append(i)
        i = text.find(token, i + 1)
    return out


class TitleParagraph(Para):
    """The 2号 title; synthetic bold when the Song face is a regular weight."""

    def __init__(self, text: str, style: Any, bold: bool) -> None:
        super().__init__(text, style)
        self.bold = bold

    def draw(self) -> None:
        self.canv.saveState()
        if self.bold:
            fake_bold(self.canv, self.style.fontSize * 0.03, colors.black)
        super().draw()
        self.canv.restoreState()


class SignatureBlock(Flowable):
    """署名 over the Chinese date, the date four characters in from the right, room above for the seal."""

    def __init__(self, unit: str, header: DocumentHeader, ts: Typesetter, st: Styles,
                 panel: Flowable | None = None) -> None:
        super().__init__()
        self.unit, self.h, self.ts, self.st, self.panel = unit, header, ts, st, panel
        self.room = 2 * LEADING
        self.lines = 3 if header.signed_at is not None else 2

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width = aW
        own = self.room + self.lines * LEADING
        self.height = max(own, self.panel.wrap(aW, aH)[1] + LEADING * 0.5) if self.panel else own
        return aW, self.height

    def draw(self) -> None:
        c, ts, st = self.canv, self.ts, self.st
        top = self.height
        if self.panel is not None:  # the verification panel sits at the left, beside the seal room
            self.panel.drawOn(c, 0, top - LEADING * 0.5 - self.panel.height)
        date = chinese_date(self.h.date)
        date_right = self.width - 4 * PITCH
        date_w = ts.width(date, st.fang, BODY_SIZE)
        unit_w = ts.width(self.unit, st.fang, BODY_SIZE)
        centre = min(date_right - date_w / 2, self.width - PITCH - unit_w / 2)
        base1 = top - self.room - BODY_SIZE
        ts.draw(c, centre, base1, self.unit, st.fang, BODY_SIZE, align="centre")
        ts.draw(c, date_right, base1 - LEADING, date, st.fang, BODY_SIZE, align="right")
        if self.h.signed_at is not None:
            text = f"签发人：{self.h.signer_name}　签发时间：{format_cst(self.h.signed_at)}"
            ts.draw(c, self.width - PITCH, base1 - 2 * LEADING, text, st.fang, 12, align="right")


class Imprint(Flowable):
    """版记 at the foot of the last page: 抄送 and 印发机关 / 印发日期 between rules, 4号仿宋."""

    def __init__(self, header: DocumentHeader, ts: Typesetter, st: Styles) -> None:
        super().__init__()
        self.h, self.ts, self.st = header, ts, st
        style = st.plain.clone("imprint", fontName=st.fang, fontSize=FOOT_SIZE, leading=FOOT_SIZE * 1.6,
                               leftIndent=4 * FOOT_SIZE, firstLineIndent=-3 * FOOT_SIZE,
                               rightIndent=FOOT_SIZE)
        cc = "，".join(header.cc) + "。" if header.cc else ""
        self.cc = Para(ts.markup("抄送：", st.fang) + ts.markup(cc, st.fang), style) if cc else None
        self.row = FOOT_SIZE * 2

    def _inner(self, aW: float) -> float:
        cc_h = self.cc.wrap(aW, 1e6)[1] + FOOT_SIZE * 0.8 if self.cc else 0
        return cc_h + self.row

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width = aW
        need = self._inner(aW)
        # On the page it takes the rest of the frame and is drawn at its foot; measured inside a KeepTogether
        # (ReportLab passes an unbounded height there) it is only as tall as it needs.
        measuring = aH >= 1e6
        self.height = aH - 0.5 if need <= aH and not measuring else need
        return aW, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        c, ts, st, w = self.canv, self.ts, self.st, self.width
        c.setStrokeColor(colors.black)
        y = 0.0
        c.setLineWidth(1.0)
        c.line(0, y, w, y)
        base = y + (self.row - FOOT_SIZE) / 2 + 2
        ts.draw(c, FOOT_SIZE, base, self.h.printed_by_org, st.fang, FOOT_SIZE)
        printed = chinese_date(self.h.printed_on or self.h.date) + "印发"
        ts.draw(c, w - FOOT_SIZE, base, printed, st.fang, FOOT_SIZE, align="right")
        y += self.row
        if self.cc is not None:
            c.setLineWidth(0.7)
            c.line(0, y, w, y)
            _w, h = self.cc.wrap(w, 1e6)
            self.cc.drawOn(c, 0, y + FOOT_SIZE * 0.4)
            y += h + FOOT_SIZE * 0.8
        c.setLineWidth(1.0)
        c.line(0, y, w, y)


def paragraphs(ts: Typesetter, st: Styles, text: str, style: Any | None = None) -> list[Flowable]:
    """Body paragraphs, one per non-empty line of `text`."""
    style = style or st.body
    return [Para(ts.markup(line.strip(), style.fontName), style) for line in text.splitlines()
            if line.strip()]


class Heading(Para):
    """A heading that moves to the next page unless `min_after` points of room remain under it."""

    min_after = 1.6 * LEADING

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        w, h = super().wrap(aW, aH)
        return (w, aH + 1) if h + self.min_after > aH else (w, h)

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return []


def heading(ts: Typesetter, st: Styles, text: str, style: Any | None = None) -> Para:
    """一、 level: 黑体, on its own line, never the last line of a page."""
    return Heading(ts.markup(text, st.hei), style or st.h1)


def run_in(ts: Typesetter, st: Styles, lead: str, text: str) -> Para:
    """（一） level run into its paragraph: the lead in 楷体, the text in 仿宋."""
    lead_markup = f'<font name="{st.kai}">{ts.markup(lead, st.kai)}</font>'
    return Para(lead_markup + ts.markup(text, st.grid), st.body)


Cell = str | Flowable


def _has_tall_row(data: list[list[Flowable]], col_widths: list[float], limit: float = 8 * LEADING) -> bool:
    """Rows are split across pages only when one could not fit on a page otherwise: ReportLab's in-row
    splitting can leave a repeated header with an empty sliver of a row at the foot of a page."""
    for row in data:
        for cell, width in zip(row, col_widths):
            if len(getattr(cell, "text", "")) > 60 and cell.wrap(width - 6, 1e6)[1] > limit:
                return True
    return False


def data_table(ts: Typesetter, st: Styles, headers: Sequence[str], rows: Sequence[Sequence[Cell]],
               widths: Sequence[float], total_width: float, centre_cols: Sequence[int] = (),
               head_style: Any | None = None, cell_style: Any | None = None,
               span_rows: Sequence[int] = ()) -> Table:
    """A ruled table with Para cells and the header repeated on every page (repeatRows=1).

    `span_rows` (indexes into `rows`) are notes whose first cell spans the whole width.
    """
    hs, cs = head_style or st.cell_head, cell_style or st.cell
    cc = cs.clone("cc", alignment=1)

    def cell(value: Cell, col: int) -> Flowable:
        if isinstance(value, Flowable):
            return value
        style = cc if col in centre_cols else cs
        return Para(ts.markup(value, style.fontName), style)

    data: list[list[Flowable]] = [[Para(ts.markup(h, hs.fontName), hs) for h in headers]]
    data += [[cell(v, i) for i, v in enumerate(row)] for row in rows]
    scale = total_width / sum(widths)
    col_widths = [w * scale for w in widths]
    table = Table(data, colWidths=col_widths, repeatRows=1, splitInRow=int(_has_tall_row(data, col_widths)),
                  hAlign="CENTER")
    spans = [("SPAN", (0, r + 1), (-1, r + 1)) for r in span_rows]
    table.setStyle(TableStyle([
        *spans,
        ("FONT", (0, 0), (-1, -1), cs.fontName, cs.fontSize),  # else Table selects Helvetica (not embedded)
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    table.spaceBefore = 4
    table.spaceAfter = 8
    return table
