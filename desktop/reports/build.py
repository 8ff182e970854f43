"""Build one official document as PDF bytes: the kind's builder, its page context, the glyph check."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, cast

from desktop.reports.documents import (
    build_evaluation,
    build_major_report,
    build_response_plan,
    build_written_report,
)
from desktop.reports.layout import REGISTER
from desktop.reports.model import EvaluationReport, MajorReport, Register, ResponsePlan, WrittenReport
from desktop.reports.official import Context, Rendered, new_context
from desktop.reports.register import REGISTER_TABLE_SIZE, build_register

_KINDS: dict[str, tuple[type, Callable[[Context, Any, bool], Rendered]]] = {
    "written-report": (WrittenReport, build_written_report),
    "major-report": (MajorReport, build_major_report),
    "response-plan": (ResponsePlan, build_response_plan),
    "evaluation": (EvaluationReport, build_evaluation),
    "register": (Register, build_register),
}
KINDS = tuple(_KINDS)


class MissingGlyphError(ValueError):
    """Raised by `build(..., strict=True)` when a character is in none of the fonts."""


@dataclass(frozen=True)
class BuildResult:
    kind: str
    pdf: bytes
    pages: int
    warnings: tuple[str, ...]  # stand-in faces, missing glyphs (printed as [U+XXXX]), elements a draft lacks
    missing_chars: tuple[str, ...]
    stand_ins: tuple[str, ...] = ()  # which face stands in for a 仿宋/小标宋/黑体/楷体 not installed (also in warnings)


def build(kind: str, data: Any, *, invariant: bool = True, strict: bool = False,
          out: IO[bytes] | None = None) -> BuildResult:
    """Build one document. Same input and `invariant` → the same bytes (dates come from the input).
    `out` (the register only, whose PDF grows with its period): the PDF is written to this binary file object as
    it is made, never whole in memory, and `pdf` is empty."""
    kind = kind.replace("_", "-")  # the document service spells kinds written_report, major_report, ...
    try:
        expected, builder = _KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown document kind {kind!r}; expected one of {', '.join(KINDS)}") from None
    if not isinstance(data, expected):
        raise TypeError(f"{kind} needs a {expected.__name__}, got {type(data).__name__}")
    if out is not None and kind != "register":
        raise ValueError(f"{kind} is built in memory; only the register is written to a file as it is made")
    ctx = new_context(REGISTER, REGISTER_TABLE_SIZE) if kind == "register" else new_context()
    if out is None:
        rendered = builder(ctx, data, invariant)
    else:  # a register: checked above
        rendered = build_register(ctx, cast(Register, data), invariant, out)
    missing = tuple(ctx.ts.missing_chars)
    if strict and missing:
        raise MissingGlyphError("; ".join(ctx.ts.warnings))
    stand_ins = tuple(ctx.fonts.stand_ins())
    return BuildResult(kind, rendered.pdf, rendered.pages, stand_ins + tuple(ctx.ts.warnings + ctx.notes), missing,
                       stand_ins)


def build_pdf(kind: str, data: Any, *, invariant: bool = True) -> bytes:
    """The PDF bytes of `build`; use `build` to see the warnings."""
    return build(kind, data, invariant=invariant).pdf
