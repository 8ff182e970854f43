"""GB/T 9704-2012 page geometry, type sizes, paragraph styles and the page template.

A4; margins top 37, bottom 35, left 28, right 26 mm: a 156 x 225 mm text block holding 22 lines of
28 characters of 3号 (16 pt) 仿宋. Page numbers "— 1 —" in 4号 (14 pt), 7 mm below the text block, odd pages at
the right and even pages at the left, one character in from the edge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

import desktop.reports.fonts as F
from desktop.reports.text import Typesetter
from desktop.timeutil import to_cst

RED = colors.Color(0.86, 0.0, 0.0)
BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
FOOT_SIZE = 14.0  # 4号: page numbers and 版记
TABLE_SIZE = 12.0  # 小四, tables inside the body
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
# Text in the body of a CJK line may not start with these (ReportLab's own list misses "，": measured, 12 of 88
# lines of a report began with one).
CANNOT_START = "，；：！？、）》」』。”’〕】"


@dataclass(frozen=True)
class Geometry:
    page: tuple[float, float]
    left: float
    right: float
    top: float
    bottom: float

    @property
    def width(self) -> float:
        return self.page[0] - self.left - self.right

    @property
    def height(self) -> float:
        return self.page[1] - self.top - self.bottom


OFFICIAL = Geometry(A4, 28 * mm, 26 * mm, 37 * mm, 35 * mm)
# The register's wide tables: landscape A4 with the official side margins turned.
REGISTER = Geometry(landscape(A4), 20 * mm, 20 * mm, 22 * mm, 24 * mm)

PITCH = OFFICIAL.width / CHARS_PER_LINE  # 15.79 pt: 16 pt characters at -0.21 pt spacing
LEADING = math.floor(OFFICIAL.height / LINES_PER_PAGE * 1000) / 1000  # 28.99 pt


def install_cjk_line_rules() -> None:
    """Extend ReportLab's no-line-start characters (both copies are read at line-break time), and let justified
    Chinese lines spread their slack over the characters (ReportLab justifies by widening spaces only)."""
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for module in (paragraph, textsplit):
        current = module.ALL_CANNOT_START
        extra = "".join(c for c in CANNOT_START if c not in current)
        if extra:
            module.ALL_CANNOT_START = current + extra
    if not getattr(paragraph._justifyDrawParaLineX, "cjk_aware", False):
        paragraph._justifyDrawParaLineX = _cjk_justify(paragraph._justifyDrawParaLineX)


def _cjk_justify(original: Any) -> Any:
    """Wrap ReportLab's justified-line drawing: lines marked by our line breaker (`cjk_justify`) get character
    spacing (Tc) that closes the gap at the right; every other line is drawn exactly as before."""

    def draw(tx: Any, offset: float, line: Any, last: int = 0) -> Any:
        extra = getattr(line, "extraSpace", 0.0)
        chars = sum(len(w.text) for w in getattr(line, "words", ()))
        if (last or not getattr(line, "cjk_justify", False) or chars < 2
                or not 0.01 < extra <= 4 * line.fontSize):
            return original(tx, offset, line, last)
        tx.setCharSpace(extra / (chars - 1))
        try:
            return original(tx, offset, line, last)
        finally:
            tx.setCharSpace(0)

    draw.cjk_aware = True  # type: ignore[attr-defined]
    return draw


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle  # 仿宋 16 pt on the 28 x 22 grid, first line indented two characters
    plain: ParagraphStyle  # the same without indent (主送机关)
    h1: ParagraphStyle  # 一、 黑体
    title: ParagraphStyle  # 2号 Song, centred
    cell: ParagraphStyle
    cell_centre: ParagraphStyle
    cell_head: ParagraphStyle
    small: ParagraphStyle
    fang: str
    song: str
    hei: str
    kai: str
    grid: str  # the body face with the grid's character spacing


def make_styles(fs: F.FontSet, table_size: float = TABLE_SIZE) -> Styles:
    fang, song, hei, kai = (fs.font(r) for r in F.ROLES)
    grid = F.grid_font(fang, BODY_SIZE, PITCH)
    common: dict[str, Any] = {"wordWrap": "CJK", "alignment": TA_LEFT, "spaceBefore": 0, "spaceAfter": 0}
    body = ParagraphStyle("body", fontName=grid, fontSize=BODY_SIZE, leading=LEADING,
                          firstLineIndent=2 * PITCH, **{**common, "alignment": TA_JUSTIFY})
    cell = ParagraphStyle("cell", fontName=fang, fontSize=table_size, leading=table_size * 1.3, **common)
    return Styles(
        body=body,
        plain=ParagraphStyle("plain", parent=body, firstLineIndent=0),
        h1=ParagraphStyle("h1", parent=body, fontName=hei),
        title=ParagraphStyle("title", fontName=song, fontSize=TITLE_SIZE, leading=TITLE_SIZE * 1.5,
                             wordWrap="CJK", alignment=TA_CENTER),
        cell=cell,
        cell_centre=ParagraphStyle("cell_centre", parent=cell, alignment=TA_CENTER),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=hei, alignment=TA_CENTER),
        small=ParagraphStyle("small", parent=cell, fontSize=10.5, leading=14),
        fang=fang, song=song, hei=hei, kai=kai, grid=grid,
    )


def pdf_date(moment: datetime) -> str:
    """PDF date string in China Standard Time, D:20260302101500+08'00'."""
    return to_cst(moment).strftime("D:%Y%m%d%H%M%S+08'00'")


class OfficialDocTemplate(BaseDocTemplate):
    """One frame per page on the text block; page numbers and the draft watermark drawn per page."""

    def __init__(self, buf: Any, *, geometry: Geometry, ts: Typesetter, created: datetime, draft: bool,
                 mark: str = "草稿", **kw: Any) -> None:
        self.geometry = geometry
        self.ts = ts
        self.created = created
        self.draft = draft
        self.mark = mark  # the unsigned copy's mark: 草稿, or 待签字 when printed for a wet-ink signature
        self.unnumbered: set[int] = set()  # a blank page before the 版记 page, and that page, carry no number
        # The canvas's start-of-page font would otherwise be Helvetica, a non-embedded base-14 font.
        super().__init__(buf, pagesize=geometry.page, leftMargin=geometry.left, rightMargin=geometry.right,
                         topMargin=geometry.top, bottomMargin=geometry.bottom,
                         initialFontName=ts.fonts.font(F.FANG), initialFontSize=BODY_SIZE, **kw)
        frame = Frame(geometry.left, geometry.bottom, geometry.width, geometry.height,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._on_page,
                                            onPageEnd=self._on_page_end)])

    def _on_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        canv.saveState()
        stamp = pdf_date(self.created)
        canv.setDateFormatter(lambda *_ignored: stamp)
        canv.restoreState()

    def _on_page_end(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """The page number at the page's end, when the page is known to be numbered (a blank page is found
        blank only while it is laid out). The draft mark goes over the content (translucent), so no table fill
        can hide it."""
        if canv.getPageNumber() not in self.unnumbered:
            canv.saveState()
            self._page_number(canv, canv.getPageNumber())
            canv.restoreState()
        if self.draft:
            canv.saveState()
            self._watermark(canv)
            canv.restoreState()

    def _watermark(self, canv: Canvas) -> None:
        g = self.geometry
        canv.setFillColor(colors.Color(0.45, 0.45, 0.45))
        canv.setFillAlpha(0.25)
        canv.translate(g.left + g.width / 2, g.bottom + g.height / 2)
        canv.rotate(math.degrees(math.atan2(g.height, g.width)))
        size = min(g.width, g.height) * 0.32
        size *= 2 / max(2, len(self.mark))  # a longer mark in smaller type, across the same diagonal
        self.ts.draw(canv, 0, -size * 0.35, self.mark, self.ts.fonts.font(F.HEI), size, align="centre")

    def _page_number(self, canv: Canvas, number: int) -> None:
        g = self.geometry
        text = f"— {number} —"
        font = self.ts.fonts.font(F.SONG)
        y = g.bottom - 7 * mm - FOOT_SIZE * 0.35  # the dashes sit 7 mm under the text block
        canv.setFillColor(colors.black)
        if number % 2:
            self.ts.draw(canv, g.page[0] - g.right - FOOT_SIZE, y, text, font, FOOT_SIZE, align="right")
        else:
            self.ts.draw(canv, g.left + FOOT_SIZE, y, text, font, FOOT_SIZE)
