"""The verification panel of a signed document: a QR code of its verification code with the code beside it.

The code itself (its format, parsing, and its place in the PDF metadata) belongs to the verification service;
this module only draws the string it is given.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop.reports.layout import Styles
from desktop.reports.linebreak import Para
from desktop.reports.text import Typesetter
from desktop.timeutil import format_cst


def qr_flowable(code: str, size: float = 22 * mm) -> Flowable:
    """ReportLab's own QR code (no extra dependency), error correction M, drawn as plain rectangles
    (the graphics renderer would select Helvetica, a font that is not embedded)."""
    return QrCode(code, width=size, height=size, qrBorder=2, qrLevel="M")


class VerificationPanel(Flowable):
    """QR code with the code beside it, sized for the free left part of the signature block."""

    def __init__(self, ts: Typesetter, st: Styles, code: str, width: float, qr: float = 22 * mm,
                 signed_at: datetime | None = None) -> None:
        super().__init__()
        self.qr, self.code_width = qr, width
        self.drawing = qr_flowable(code, qr)
        small = st.small.clone("vpanel", fontSize=9, leading=11.5)
        head = small.clone("vpanel_head", fontName=st.hei, fontSize=10, leading=13)
        signed = [Para(ts.markup(f"签发时间：{format_cst(signed_at)}", small.fontName), small)] if signed_at else []
        self.lines = [
            Para(ts.markup("电子签发验证", st.hei), head),
            Para(ts.markup(f"验证码：{code}", small.fontName), small),
            *signed,
            Para(ts.markup("扫码或在系统中输入验证码，核对本件与存档签发版本是否一致。", small.fontName), small),
        ]

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        text_w = self.code_width - self.qr - 6
        self.text_h = sum(p.wrap(text_w, 1e6)[1] for p in self.lines)
        self.width, self.height = self.code_width, max(self.qr, self.text_h)
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setFillColor(black)
        self.drawing.wrapOn(self.canv, self.qr, self.qr)
        self.drawing.drawOn(self.canv, 0, self.height - self.qr)
        y = self.height
        for p in self.lines:
            y -= p.height
            p.drawOn(self.canv, self.qr + 6, y)


class FooterStamp(Flowable):
    """The verification panel and the signing time in the footer margin of the last page, under the page number
    line: no GB/T 9704 element stands there, so the 签发人 line, the signature and the 版记 stay as the standard
    draws them. Zero height in the story (it never pushes anything to another page); drawn at page positions."""

    def __init__(self, panel: VerificationPanel, top_below_block: float) -> None:
        super().__init__()
        self.panel, self.top_below_block = panel, top_below_block

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.panel.wrap(aW, 1e6)
        return 0, 0

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        frame = getattr(self, "_frame", None)
        left, bottom = (frame._x1, frame._y1) if frame is not None else (x, y)
        self.panel.drawOn(canvas, left, bottom - self.top_below_block - self.panel.height)
