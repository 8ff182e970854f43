"""Chinese line breaking that keeps every line inside its box.

ReportLab's CJK wrapping lets a punctuation mark that may not start a line hang past the right edge (标点悬挂).
An official document keeps the text block exact, so `Para` breaks the other way (禁则, 推出): the mark
moves to the next line together with the character before it. Opening brackets and quotes never end a line, and runs of
Latin letters or digits (SJZ-2026-0012, 0311-85231234) are not cut when a break before them is near.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus.paragraph import ALL_CANNOT_START, FragLine, Paragraph, ParaLines

from desktop.reports.layout import CANNOT_START

_NO_START = frozenset(ALL_CANNOT_START + CANNOT_START)
_NO_END = frozenset("（《“‘「『〔【([{")
_FUZZ = 1e-6


def _is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80 if ch else False


def _widths(frag: Any) -> list[float]:
    """Advance of each character of a frag (TrueType: straight from the face's width table)."""
    font = pdfmetrics.getFont(frag.fontName)
    face: Any = getattr(font, "face", None)
    table = getattr(face, "charWidths", None)
    if table is None or not getattr(font, "_dynamicFont", False):
        return [stringWidth(c, frag.fontName, frag.fontSize) for c in frag.text]
    get, default, scale = table.get, face.defaultWidth, frag.fontSize * 0.001
    return [get(ord(c), default) * scale for c in frag.text]


class _Run:
    """The paragraph as parallel lists: character, advance, owning frag."""

    def __init__(self, frags: list[Any]) -> None:
        self.chars: list[str] = []
        self.widths: list[float] = []
        self.owner: list[Any] = []
        for f in frags:
            if f.text:
                self.chars.extend(f.text)
                self.widths.extend(_widths(f))
                self.owner.extend([f] * len(f.text))
            else:  # <br/> and other empty frags keep their place
                self.chars.append("")
                self.widths.append(0.0)
                self.owner.append(f)

    def latin_break(self, start: int, i: int) -> int:
        """A break before a Latin/digit run: after the last space or CJK character in the line's second
        half, or `i` when there is none (the run is then cut)."""
        for j in range(i - 1, (start + i) // 2, -1):
            if self.chars[j].isspace() or _is_cjk(self.chars[j]):
                return j + 1
        return i

    def line(self, start: int, end: int, max_width: float, line_break: bool) -> FragLine:
        while end > start + 1 and self.chars[end - 1].isspace():
            end -= 1  # trailing spaces vanish at a break
        words: list[Any] = []
        size = ascent = descent = 0.0
        k = start
        while k < end:
            frag, j = self.owner[k], k
            while j < end and self.owner[j] is frag:
                j += 1
            word = frag.clone()
            word.text = "".join(self.chars[k:j])
            words.append(word)
            a, d = getAscentDescent(frag.fontName, frag.fontSize)
            size, ascent, descent = max(size, frag.fontSize), max(ascent, a), min(descent, d)
            k = j
        width = sum(self.widths[start:end])
        return FragLine(kind=1, extraSpace=max_width - width, wordCount=1, words=words, fontSize=size,
                        ascent=ascent, descent=descent, maxWidth=max_width, currentWidth=width,
                        lineBreak=line_break, cjk_justify=not line_break)


def grid_frag_split(frags: list[Any], max_widths: list[float]) -> ParaLines:
    run = _Run(frags)
    chars, widths, owner = run.chars, run.widths, run.owner
    lines: list[FragLine] = []
    i = start = 0
    used = 0.0
    max_width = max_widths[0]
    n = len(chars)
    while i < n:
        used += widths[i]
        line_break = hasattr(owner[i], "lineBreak")
        i += 1
        if not (line_break or (used > max_width + _FUZZ and used > 0)):
            continue
        if not line_break and i > start + 1:
            i -= 1  # the overflowing character opens the next line ...
            if chars[i].strip() and not _is_cjk(chars[i]) and not _is_cjk(chars[i - 1]):
                i = max(run.latin_break(start, i), start + 1)
            while i > start + 1 and (chars[i] in _NO_START or chars[i - 1] in _NO_END):
                i -= 1  # ... with the character before it when it may not start (or that may not end) a line
        lines.append(run.line(start, i, max_width, line_break))
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        while i < n and chars[i].isspace():
            i += 1  # nor does a line start with the spaces of the break
        start, used = i, 0.0
    if start < n:
        lines.append(run.line(start, n, max_width, False))
    return ParaLines(kind=1, lines=lines)


def _split_lines(bl_para: ParaLines, start: int, stop: int) -> list[Any]:
    """The frags of lines start..stop, copied: ReportLab's own version appends a space to every line (right
    for Latin words, a stray space in Chinese) and mutates the words the first half still draws."""
    out = []
    for line in bl_para.lines[start:stop]:
        for word in line.words:
            out.append(word.clone())
    return out


class Para(Paragraph):
    """A CJK paragraph whose lines never run past its width (see the module docstring)."""

    def _get_split_blParaFunc(self) -> Any:  # ReportLab's name
        return _split_lines if self.blPara.kind == 1 else super()._get_split_blParaFunc()

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # ReportLab's name
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        special = any(hasattr(f, "cbDefn") for f in self.frags)
        auto = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        if not self.frags or special or auto not in ("", "off") or self.style.endDots or self.bulletText:
            return super().breakLinesCJK(maxWidths)  # images, dot leaders, bullets: ReportLab's own
        self.height = 0
        return grid_frag_split(self.frags, list(maxWidths))
