"""The parts of a GB/T 9704 document as flowables: 版头, title, signature, 版记, tables, paragraphs."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeAlias

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from desktop.reports.caches import Segmenter
from desktop.reports.layout import BODY_SIZE, FOOT_SIZE, LEADING, OFFICIAL, PITCH, RED, Styles
from desktop.reports.linebreak import Para
from desktop.reports.model import DocumentHeader
from desktop.reports.text import Typesetter
from desktop.timeutil import chinese_date

ASCENT = 0.88  # CJK glyph top above the baseline, in em (close enough for every face used here)


def fake_bold(canv: Canvas, width: float, colour: colors.Color) -> None:
    """Fill-and-stroke text rendering: the usual stand-in for a heavy Song face (小标宋) not installed."""
    t = canv.beginText()
    t.setTextRenderMode(2)
    canv.drawText(t)  # Tr is graphics state: it lasts until the caller's restoreState
    canv.setLineWidth(width)
    canv.setStrokeColor(colour)


class DocHead(Flowable):
    """版头: 份号, 密级★保密期限 and urgency top left (7.2.1-7.2.3: in that order, each on its own line, only when
    set), the red organisation mark 35 mm down, the number / 签发人 line, the red rule."""

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
        y = top - BODY_SIZE
        for text, face in self._corner():
            ts.draw(c, 0, y, text, face, BODY_SIZE)
            y -= LEADING
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

    def _corner(self) -> list[tuple[str, str]]:
        """份号 (six Arabic digits), 密级★保密期限 and 紧急程度, each 3号; two-character marks spaced."""
        h, st, out = self.h, self.st, []
        if h.copy_number.strip():
            number = h.copy_number.strip()
            out.append((number.zfill(6) if number.isdigit() else number, st.fang))
        if h.classification.strip():
            level = h.classification.strip()
            period = h.secrecy_period.strip()
            out.append((f"{level}★{period}" if period else " ".join(level), st.hei))
        if self.urgency:
            out.append((" ".join(self.urgency), st.hei))
        return out

    def _signer(self, c: Canvas, right: float, y: float) -> None:
        """签发人 line (7.2.5), right-aligned one character in: the label in 仿宋 and the name in 楷体, nothing
        else (the signing time goes with the verification code in the last page's footer margin)."""
        ts, st = self.ts, self.st
        right -= ts.draw(c, right, y, self.h.signer_name, st.kai, BODY_SIZE, align="right")
        ts.draw(c, right, y, "签发人：", st.fang, BODY_SIZE, align="right")


# Title line breaks keep words whole (GB/T 9704 7.3.1: 词意完整): jieba finds the words, the break goes between
# two of them, nearest the middle. Punctuation and these particles also make good breaks.
_SEGMENTER: Segmenter | None = None
_SEGMENTER_LOCK = threading.Lock()


def _segmenter() -> Segmenter:
    """jieba, set up on first use: without loading its whole dictionary (a second), from the cached, indexed one
    (desktop.reports.caches); its log is silenced."""
    global _SEGMENTER
    with _SEGMENTER_LOCK:
        if _SEGMENTER is None:
            _SEGMENTER = Segmenter(_DOMAIN_WORDS)
    return _SEGMENTER


# Words of this domain jieba's general dictionary would cut in two.
_DOMAIN_WORDS = ("网络舆情", "声誉风险", "应对方案", "评估总结", "突发事件", "重大突发事件", "处置情况", "营业网点",
                 "理财产品", "代销理财产品", "兑付延迟", "应答口径")


def title_words(title: str) -> list[str]:
    """The words of a title as the segmenter sees them (precise mode)."""
    return _segmenter().cut(title)


def balance_title(title: str, per_line: int) -> str:
    """Titles over one line broken between words into balanced lines; a title that fits is unchanged."""
    if "\n" in title or len(title) <= per_line:
        return title
    cuts, pos = [], 0
    for word in title_words(title):
        pos += len(word)
        cuts.append(pos)
    lines_needed = -(-len(title) // per_line)
    out, start = [], 0
    for k in range(1, lines_needed):
        target = start + (len(title) - start) / (lines_needed - k + 1)
        fitting = [c for c in cuts if start < c <= start + per_line and len(title) - c <= per_line * (lines_needed - k)
                   and _may_break(title, c)]
        if not fitting:
            return title  # no break keeps every word whole: let the paragraph wrap it
        # Prefer the cut nearest the balance point; on a tie the longer first line (an inverted pyramid).
        best = min(fitting, key=lambda c: (abs(c - target) - _preference(title, c), -c))
        out.append(title[start:best])
        start = best
    out.append(title[start:])
    return "\n".join(out)


_NO_LINE_START = "”’）》」』〕，。、；：！？"
_NO_LINE_END = "“‘（《「『〔"


def _may_break(title: str, cut: int) -> bool:
    """No line of a title starts with a closing mark or ends with an opening one (GB/T 15834 line rules)."""
    return title[cut] not in _NO_LINE_START and title[cut - 1] not in _NO_LINE_END


def _preference(title: str, cut: int) -> float:
    """A small bonus for breaking after 关于 / 的 / punctuation or before 的报告-like endings."""
    before, after = title[:cut], title[cut:]
    if before.endswith(("关于", "，", "、", "）", "》")) or after.startswith(("（", "《")):
        return 1.5
    if after.startswith("的") or before.endswith("的"):
        return 0.5
    return 0.0


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
    """署名 over the Chinese date, the date four characters in from the right, room above for the seal.

    `tight` is the 7.3.5 remedy when the closing and signature would not fit: the seal's room shrinks to the
    one line the standard requires at most (7.3.5.1: the seal's top within one line of the text) and the two
    lines close up, so the signature stays with the last lines of text."""

    def __init__(self, unit: str, header: DocumentHeader, ts: Typesetter, st: Styles) -> None:
        super().__init__()
        self.unit, self.h, self.ts, self.st = unit, header, ts, st
        self.tight = False

    def size(self, tight: bool) -> float:
        room, leading = (1.0 * LEADING, 0.85 * LEADING) if tight else (2 * LEADING, LEADING)
        return room + 2 * leading

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width, self.height = aW, self.size(self.tight)
        return aW, self.height

    def draw(self) -> None:
        c, ts, st = self.canv, self.ts, self.st
        room, leading = (1.0 * LEADING, 0.85 * LEADING) if self.tight else (2 * LEADING, LEADING)
        date = chinese_date(self.h.date)
        date_right = self.width - 4 * PITCH
        date_w = ts.width(date, st.fang, BODY_SIZE)
        unit_w = ts.width(self.unit, st.fang, BODY_SIZE)
        centre = min(date_right - date_w / 2, self.width - PITCH - unit_w / 2)
        base1 = self.height - room - BODY_SIZE
        ts.draw(c, centre, base1, self.unit, st.fang, BODY_SIZE, align="centre")
        ts.draw(c, date_right, base1 - leading, date, st.fang, BODY_SIZE, align="right")


class ClosingGroup(Flowable):
    """The closing line, 附件说明, signature and 附注, kept together on one page (7.3.5: never a signature alone).

    When they do not fit in what is left of the page, spacing is tightened first (7.3.5: 调整行距、字距): the
    lines close up to 0.85 of the grid's leading and the seal's room to one line; only if that does not fit
    either does the group move to the next page. Each text comes as a (normal, tight) pair of paragraphs."""

    def __init__(self, before: Sequence[tuple[Para, Para]], signature: SignatureBlock,
                 after: Sequence[tuple[Para, Para]], reserve: Flowable | None = None,
                 page_height: float = 0.0) -> None:
        super().__init__()
        self.before, self.signature, self.after = list(before), signature, list(after)
        self.reserve = reserve  # a one-sided copy's 版记, which should fit under the group on the same page
        self.page_height = page_height  # the text block's height: how full the page already is
        self.tight = False

    def _parts(self, tight: bool) -> list[Flowable]:
        pick = 1 if tight else 0
        return [p[pick] for p in self.before] + [self.signature] + [p[pick] for p in self.after]

    def _height(self, aW: float, tight: bool) -> float:
        self.signature.tight = tight
        return sum(f.wrap(aW, 1e6)[1] for f in self._parts(tight))

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width = aW
        natural = self._height(aW, False)
        below = self.reserve.wrap(aW, 1e6)[1] if self.reserve is not None else 0.0
        # Measured for a KeepTogether (an unbounded height) it reports the tight size: the size it can take.
        self.tight = natural + below > aH or aH >= 1e6
        self.height = self._height(aW, True) if self.tight else natural
        if self.height + below > aH:
            # The 版记 does not fit under the group. Moving both on would leave the closing and signature alone
            # on a page; when the page so far is under three quarters full, the group stays with the last text
            # lines and only the 版记 goes to the next page (it is still the last page's foot, 7.5).
            if below and self._height(aW, True) <= aH and aH > self.page_height / 4:
                self.tight = natural > aH
                self.height = self._height(aW, self.tight)  # also sets the signature's spacing to match
                return aW, self.height
            return aW, self.height + below  # not even tightened: report the whole need, so the group moves on
        return aW, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        y = self.height
        for f in self._parts(self.tight):
            _w, h = f.wrap(self.width, 1e6)
            y -= h
            f.drawOn(self.canv, 0, y)


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


class ParityBreak(Flowable):
    """Before the 版记 of a document printed on both sides: the 版记 goes on an even page, the back of the last
    sheet (7.5); a page break, or two (an odd page left blank), until it stands on an even page with room.

    The blank page and the 版记 page after it carry no page number (7.5.x: 版记页前有空白页的，空白页和版记页均不编
    排页码); the template skips the pages listed in its `unnumbered`."""

    def __init__(self, need: Flowable) -> None:
        super().__init__()
        self.need = need

    def _page(self) -> int:
        return int(self.canv._doctemplate.page)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        need = self.need.wrap(aW, 1e6)[1]
        if aH >= 1e6 or (self._page() % 2 == 0 and need <= aH):
            return aW, 0
        frame = getattr(self, "_frame", None)
        if self._page() % 2 and frame is not None and getattr(frame, "_atTop", 0):
            # Nothing on this odd page: it stays blank (this fills it), the 版记 takes the even page after it.
            self.canv._doctemplate.unnumbered.update({self._page(), self._page() + 1})
            return aW, max(aH - 0.25, 0)
        return aW, aH + 1  # does not fit: the frame moves on to the next page

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        pass


def paragraphs(ts: Typesetter, st: Styles, text: str, style: Any | None = None) -> list[Flowable]:
    """Body paragraphs, one per non-empty line of `text`."""
    style = style or st.body
    return [Para(ts.markup(line.strip(), style.fontName), style) for line in text.splitlines()
            if line.strip()]


class Heading(Para):
    """A heading that moves to the next page unless `min_after` points of room remain under it."""

    min_after = 1.6 * LEADING
    bold = False  # set when 黑体 is only a stand-in sharing the body's face (FontSet.hei_bold)

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        w, h = super().wrap(aW, aH)
        return (w, aH + 1) if h + self.min_after > aH else (w, h)

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        if not self.bold:
            super().draw()
            return
        self.canv.saveState()
        fake_bold(self.canv, self.style.fontSize * 0.03, colors.black)
        super().draw()
        self.canv.restoreState()


def heading(ts: Typesetter, st: Styles, text: str, style: Any | None = None) -> Para:
    """一、 level: 黑体, on its own line, never the last line of a page."""
    h = Heading(ts.markup(text, st.hei), style or st.h1)
    h.bold = ts.fonts.hei_bold
    return h


def run_in(ts: Typesetter, st: Styles, lead: str, text: str) -> Para:
    """（一） level run into its paragraph: the lead in 楷体, the text in 仿宋."""
    lead_markup = f'<font name="{st.kai}">{ts.markup(lead, st.kai)}</font>'
    return Para(lead_markup + ts.markup(text, st.grid), st.body)


Cell: TypeAlias = str | Flowable


def _has_tall_row(data: list[list[Flowable]], col_widths: list[float], limit: float = 8 * LEADING) -> bool:
    """Rows are split across pages only when one could not fit on a page otherwise: ReportLab's in-row
    splitting can leave a repeated header with an empty sliver of a row at the foot of a page."""
    for row in data:
        for cell, width in zip(row, col_widths, strict=False):  # a spanned note row holds fewer cells
            if len(getattr(cell, "text", "")) > 60 and cell.wrap(width - 6, 1e6)[1] > limit:
                return True
    return False


class GuardedTable(Table):
    """A ruled table that breaks across pages with its header on every page and never a lone body row at the foot
    or the head of a page (widow and orphan control, as for paragraphs). A chunk of a longer table may come
    without its header (`make` rebuilds any rows, with or without it): its continuation on a new page gets one.
    """

    def __init__(self, data: list[list[Flowable]], make: Any = None, has_header: bool = True, **kw: Any) -> None:
        # ReportLab makes the two parts of a split through this class too, passing repeatRows itself.
        kw.setdefault("repeatRows", 1 if has_header else 0)
        super().__init__(data, **kw)
        self.make, self.has_header = make, bool(kw["repeatRows"])
        self.last = True  # the last chunk: only its final rows can stand alone at the head of a page

    def split(self, aW: float, aH: float) -> list[Flowable]:
        if self.splitInRow:  # a row taller than a page: ReportLab's in-row split, counts mean nothing then
            parts = super().split(aW, aH)
            if len(parts) == 2 and not self.has_header and self.make is not None:
                # a chunk without header goes on over the page: its continuation starts with the header
                rest = self.make(parts[1]._cellvalues, True, True)
                rest.make, rest.last = self.make, self.last
                return [parts[0], rest]
            return parts
        hdr = 1 if self.has_header else 0
        body = self._cellvalues[hdr:]
        parts = super().split(aW, aH)
        first = len(parts[0]._cellvalues) - hdr if len(parts) == 2 else 0
        # A chunk without header continues rows already on this page: one of its rows at the foot is not alone.
        least = 2 if self.has_header else 1
        tail_least = 2 if self.last else 1  # further chunks follow a chunk's own last row
        if len(parts) == 2 and len(body) - first < tail_least and first > least:
            # one row would stand alone on the next page: take one more over with it
            self._calc(aW, aH)
            parts = super().split(aW, aH - self._rowHeights[hdr + first - 1] - 0.01)
            first = len(parts[0]._cellvalues) - hdr if len(parts) == 2 else 0
        if len(parts) != 2 or first < least or len(body) - first < tail_least:
            if self.has_header:
                return []  # the whole table moves on (it starts the next page with its header)
            return [PageBreak(), self._follow(self.make(body, True))]  # on a new page, with its header
        if self.has_header:
            return [parts[0], self._follow(parts[1])]
        return [parts[0], self._follow(self.make(body[first:], True))]

    def _follow(self, part: Table) -> Table:
        if isinstance(part, GuardedTable):
            part.make, part.last = self.make, self.last
        return part


def data_tables(ts: Typesetter, st: Styles, headers: Sequence[str], rows: Sequence[Sequence[Cell]],
                widths: Sequence[float], total_width: float, centre_cols: Sequence[int] = (),
                head_style: Any | None = None, cell_style: Any | None = None,
                span_rows: Sequence[int] = (), chunk: int = 0) -> list[Flowable]:
    """`data_table` as a sequence of tables of `chunk` rows that join seamlessly (one header, ruled through), so a
    long period is laid out a chunk at a time and ReportLab never sizes one table of every row. Without `chunk`
    (or with spanned notes or rows taller than a page) it is a single table."""
    cell, make, head, col_widths = _table_maker(ts, st, headers, widths, total_width, centre_cols, head_style,
                                                cell_style, span_rows)
    tables: list[Flowable] = []
    if not chunk or span_rows:
        body = [[cell(v, i) for i, v in enumerate(row)] for row in rows]
        tables = [make(body, True, _has_tall_row([head, *body], col_widths))]
    else:
        # The last chunk never holds a single row: it joins the one before (no lone row at a chunk's start).
        bounds = list(range(0, len(rows), chunk))
        if len(bounds) > 1 and len(rows) - bounds[-1] < 2:
            bounds.pop()
        for k, lo in enumerate(bounds):
            hi = bounds[k + 1] if k + 1 < len(bounds) else len(rows)
            body = [[cell(v, i) for i, v in enumerate(row)] for row in rows[lo:hi]]
            if _has_tall_row(body, col_widths):
                return data_tables(ts, st, headers, rows, widths, total_width, centre_cols, head_style,
                                   cell_style)
            tables.append(make(body, k == 0))
            tables[-1].last = k == len(bounds) - 1
    tables[0].spaceBefore, tables[-1].spaceAfter = 4, 8
    return tables


def data_table_stream(ts: Typesetter, st: Styles, headers: Sequence[str], rows: Iterable[Sequence[Cell]],
                      widths: Sequence[float], total_width: float, centre_cols: Sequence[int] = (),
                      chunk: int = 40) -> Iterator[Flowable]:
    """`data_tables` with `chunk` for rows that come one by one (a generator over a whole period): each chunk
    table is made only when it is asked for, so the caller can hand them to ReportLab as it goes and never hold
    every row. The same tables as `data_tables`, except that a chunk holding a row taller than a page splits
    inside its rows by itself instead of turning the whole table into one."""
    cell, make, _head, col_widths = _table_maker(ts, st, headers, widths, total_width, centre_cols)
    source = iter(rows)

    def take() -> list[list[Flowable]]:
        out = []
        for row in source:
            out.append([cell(v, i) for i, v in enumerate(row)])
            if len(out) == chunk:
                break
        return out

    current, first = take(), True
    while current:
        following = take()
        if len(following) == 1:  # the last chunk never holds a single row: it joins the one before
            current, following = current + following, []
        table = make(current, first, _has_tall_row(current, col_widths))
        table.last = not following
        if first:
            table.spaceBefore = 4
        if not following:
            table.spaceAfter = 8
        yield table
        current, first = following, False


def _table_maker(ts: Typesetter, st: Styles, headers: Sequence[str], widths: Sequence[float], total_width: float,
                 centre_cols: Sequence[int] = (), head_style: Any | None = None, cell_style: Any | None = None,
                 span_rows: Sequence[int] = ()) -> tuple[Any, Any, list[Flowable], list[float]]:
    """(cell, make, header cells, column widths) of a ruled data table: `cell(value, column)` a cell's
    paragraph, `make(body, with_header, in_row)` a GuardedTable of those rows."""
    hs, cs = head_style or st.cell_head, cell_style or st.cell
    cc = cs.clone("cc", alignment=1)

    def cell(value: Cell, col: int) -> Flowable:
        if isinstance(value, Flowable):
            return value
        style = cc if col in centre_cols else cs
        return Para(ts.markup(value, style.fontName), style)

    head = [Para(ts.markup(h, hs.fontName), hs) for h in headers]
    scale = total_width / sum(widths)
    col_widths = [w * scale for w in widths]

    def make(body: list[list[Flowable]], with_header: bool, in_row: bool = False) -> GuardedTable:
        data = ([head] if with_header else []) + body
        table = GuardedTable(data, make, with_header, colWidths=col_widths, splitInRow=int(in_row),
                             hAlign="CENTER")
        top = 1 if with_header else 0
        spans = [("SPAN", (0, r + top), (-1, r + top)) for r in span_rows]
        table.setStyle(TableStyle([
            *spans,
            ("FONT", (0, 0), (-1, -1), cs.fontName, cs.fontSize),  # else Table selects Helvetica (not embedded)
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            *([("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92))] if with_header else []),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        table.spaceBefore, table.spaceAfter = 0, 0
        return table

    return cell, make, head, col_widths


def data_table(ts: Typesetter, st: Styles, headers: Sequence[str], rows: Sequence[Sequence[Cell]],
               widths: Sequence[float], total_width: float, centre_cols: Sequence[int] = (),
               head_style: Any | None = None, cell_style: Any | None = None,
               span_rows: Sequence[int] = ()) -> Table:
    """A ruled table with Para cells, the header repeated on every page and no lone row at a page's foot or head.

    `span_rows` (indexes into `rows`) are notes whose first cell spans the whole width.
    """
    table = data_tables(ts, st, headers, rows, widths, total_width, centre_cols, head_style, cell_style,
                        span_rows)[0]
    assert isinstance(table, Table)
    return table

