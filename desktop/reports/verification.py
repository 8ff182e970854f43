"""Verification codes: on the page (QR code and text) and in the PDF metadata, readable back with pypdf.

A code ties a printed, signed document to the stored version it was built from. The caller makes it (it knows
the version); `make_verification_code` is the default form, RDV1:<version id>:<first 16 hex of a SHA-256>.
"""

from __future__ import annotations

import hashlib
import io
import re

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib.colors import black
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop.reports.layout import Styles
from desktop.reports.linebreak import Para
from desktop.reports.text import Typesetter

KEYWORD_PREFIX = "RepDesk-Verification:"
_CODE = re.compile(r"^RDV1:([^:\s]+):([0-9a-f]{16})$")


def make_verification_code(version_id: str, content: bytes | str) -> str:
    """RDV1:<version_id>:<sha256(content) first 16 hex>; `content` is the frozen version's canonical bytes."""
    if not version_id or ":" in version_id or any(ch.isspace() for ch in version_id):
        raise ValueError("version id must be non-empty, without ':' or spaces")
    data = content.encode("utf-8") if isinstance(content, str) else content
    return f"RDV1:{version_id}:{hashlib.sha256(data).hexdigest()[:16]}"


def parse_verification_code(code: str) -> tuple[str, str] | None:
    """(version id, digest) of an RDV1 code, or None when it is not one."""
    m = _CODE.fullmatch(code.strip())
    return (m.group(1), m.group(2)) if m else None


def pdf_keywords(code: str) -> str:
    return f"{KEYWORD_PREFIX} {code}"


def extract_verification_code(pdf_bytes: bytes) -> str | None:
    """The verification code stored in a RepDesk PDF's metadata (Keywords), or None (draft, foreign file)."""
    from pypdf import PdfReader  # lazily: only verifiers need it
    from pypdf.errors import PdfReadError

    try:
        meta = PdfReader(io.BytesIO(pdf_bytes)).metadata
    except (PdfReadError, ValueError, OSError):
        return None
    if not meta:
        return None
    for key in ("/Keywords", "/Subject"):
        value = str(meta.get(key) or "")
        if KEYWORD_PREFIX in value:
            code = value.split(KEYWORD_PREFIX, 1)[1].strip()
            return code or None
    return None


def qr_flowable(code: str, size: float = 22 * mm) -> Flowable:
    """ReportLab's own QR code (no extra dependency), error correction M, drawn as plain rectangles
    (the graphics renderer would select Helvetica, a font that is not embedded)."""
    return QrCode(code, width=size, height=size, qrBorder=2, qrLevel="M")


class VerificationPanel(Flowable):
    """QR code with the code beside it, sized for the free left part of the signature block."""

    def __init__(self, ts: Typesetter, st: Styles, code: str, width: float, qr: float = 22 * mm) -> None:
        super().__init__()
        self.qr, self.code_width = qr, width
        self.drawing = qr_flowable(code, qr)
        small = st.small.clone("vpanel", fontSize=9, leading=12)
        head = small.clone("vpanel_head", fontName=st.hei, fontSize=10.5, leading=15)
        self.lines = [
            Para(ts.markup("电子签发验证", st.hei), head),
            Para(ts.markup(f"验证码：{code}", small.fontName), small),
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
