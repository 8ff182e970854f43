"""Text in the right fonts: per-character fallback, never a silently vanished character.

Every string that reaches the PDF goes through a `Typesetter`: `markup()` for Paragraphs (escaped, with
`<font name=...>` runs for characters the style's face lacks) and `draw()` for text drawn on the canvas.
A character no font has is printed as its code point, e.g. [U+20000], and reported in `warnings`.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from desktop.reports.fonts import FontSet

_IGNORED = {"\n", "\r", "\t", " ", "\u3000"}


class Typesetter:
    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self._missing: dict[str, None] = {}
        self._fallback: dict[tuple[str, str], str | None] = {}

    @property
    def warnings(self) -> list[str]:
        return [
            f"字符“{c}”（U+{ord(c):04X}）在已安装的字体中均无字形，已印为 [U+{ord(c):04X}]"
            for c in self._missing
        ]

    @property
    def missing_chars(self) -> list[str]:
        return list(self._missing)

    def _font_for(self, char: str, font: str) -> str | None:
        """`font` if it has the character, else the first fallback that has it, else None."""
        if char in _IGNORED or self.fonts.has_glyph(font, char):
            return font
        key = (char, font)
        if key not in self._fallback:
            found = self.fonts.fallback_for(char)
            self._fallback[key] = found
            if found is None:
                self._missing[char] = None
        return self._fallback[key]

    def runs(self, text: str, font: str) -> list[tuple[str, str]]:
        """Split `text` into (font name, text) runs; characters in no font become [U+XXXX] in `font`."""
        out: list[tuple[str, str]] = []
        for char in text:
            use = self._font_for(char, font)
            piece = char if use is not None else f"[U+{ord(char):04X}]"
            use = use or font
            if out and out[-1][0] == use:
                out[-1] = (use, out[-1][1] + piece)
            else:
                out.append((use, piece))
        return out

    def markup(self, text: str, font: str) -> str:
        """Paragraph markup for plain `text` whose style font is `font`; newlines become line breaks."""
        parts = []
        for use, piece in self.runs(text, font):
            esc = escape(piece).replace("\n", "<br/>")
            parts.append(esc if use == font else f'<font name="{use}">{esc}</font>')
        return "".join(parts)

    def check(self, texts: Iterable[str], font: str) -> None:
        """Record missing characters of texts drawn elsewhere (e.g. only in metadata)."""
        for text in texts:
            self.runs(text, font)

    def width(self, text: str, font: str, size: float) -> float:
        return sum(pdfmetrics.stringWidth(piece, use, size) for use, piece in self.runs(text, font))

    def draw(self, canv: Canvas, x: float, y: float, text: str, font: str, size: float,
             align: str = "left") -> float:
        """Draw one line at baseline y; align left (x is the start), right (x is the end) or centre."""
        runs = self.runs(text, font)
        total = sum(pdfmetrics.stringWidth(piece, use, size) for use, piece in runs)
        if align == "right":
            x -= total
        elif align == "centre":
            x -= total / 2
        for use, piece in runs:
            canv.setFont(use, size)
            canv.drawString(x, y, piece)
            x += pdfmetrics.stringWidth(piece, use, size)
        return total
