"""Assemble and render a document: the official frame around a body, metadata, deterministic bytes."""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from desktop import __version__
from desktop.reports.blocks import (
    ClosingGroup,
    DocHead,
    Imprint,
    ParityBreak,
    SignatureBlock,
    TitleParagraph,
    balance_title,
)
from desktop.reports.fonts import FontSet, font_set
from desktop.reports.layout import (
    LEADING,
    OFFICIAL,
    PITCH,
    Geometry,
    OfficialDocTemplate,
    Styles,
    install_cjk_line_rules,
    make_styles,
)
from desktop.reports.linebreak import Para
from desktop.reports.model import DocumentHeader
from desktop.reports.panel import FooterStamp, VerificationPanel
from desktop.reports.text import Typesetter

# TTFont objects keep per-document subset state, the line-break tables are globals: one build at a time.
_BUILD_LOCK = threading.Lock()
_rules_installed = False


@dataclass
class Context:
    """What a document builder needs: fonts, styles, and where notes for the caller are collected."""

    fonts: FontSet
    ts: Typesetter
    st: Styles
    geometry: Geometry = OFFICIAL
    notes: list[str] = field(default_factory=list)

    @property
    def width(self) -> float:
        return self.geometry.width


def new_context(geometry: Geometry = OFFICIAL, table_size: float | None = None) -> Context:
    global _rules_installed
    if not _rules_installed:
        install_cjk_line_rules()
        _rules_installed = True
    fonts = font_set()
    st = make_styles(fonts) if table_size is None else make_styles(fonts, table_size)
    return Context(fonts=fonts, ts=Typesetter(fonts), st=st, geometry=geometry)


def check_signable(header: DocumentHeader) -> None:
    if header.signed_at is None:
        return
    if not header.signer_name.strip():
        raise ValueError("a signed document needs the signer's name (签发人)")
    if not (header.verification_code or "").strip():
        raise ValueError("a signed document needs a verification code")


def official_story(ctx: Context, header: DocumentHeader, title: str, urgency: str,
                   body: Sequence[Flowable], closing: str) -> list[Flowable]:
    """版头, title, 主送, body, closing, signature, 附注, verification block, 版记 (GB/T 9704 order)."""
    check_signable(header)
    ts, st = ctx.ts, ctx.st
    story: list[Flowable] = [
        DocHead(header, urgency, ts, st, heavy_mark=ctx.fonts.title_is_heavy),
        Spacer(0, 1.5 * LEADING),  # title two lines under the red rule
        TitleParagraph(ts.markup(balance_title(title, int(ctx.width // st.title.fontSize)), st.song),
                       st.title, bold=not ctx.fonts.title_is_heavy),
        Spacer(0, 0.6 * LEADING),
        Para(ts.markup(header.recipient.rstrip("：:") + "：", st.grid), st.plain),
        *body,
    ]
    # 7.3.5: the signature never stands alone on a page; it keeps the closing line with it, tightening first.
    def pair(text: str, style: Any) -> tuple[Para, Para]:
        tight = style.clone(style.name + "_tight", leading=style.leading * 0.85)
        return Para(ts.markup(text, style.fontName), style), Para(ts.markup(text, style.fontName), tight)

    before = [pair(closing, st.body)] if closing else []
    if header.attachments:
        before += attachment_note(ts, st, header.attachments, pair)
    after = []
    if header.contact_person or header.contact_phone:
        after.append(pair(f"（联系人：{header.contact_person}，电话：{header.contact_phone}）", st.body))
    imprint = Imprint(header, ts, st) if header.cc or header.printed_by_org else None
    signature = SignatureBlock(header.issuing_unit, header, ts, st)
    if imprint is None:
        story.append(ClosingGroup(before, signature, after))
    elif header.duplex:  # 7.5: on paper printed both sides the 版记 is the back of the last sheet
        story += [ClosingGroup(before, signature, after), ParityBreak(imprint), imprint]
    else:  # one-sided: the 版记 closes the signature's page unless that would strand the signature (7.3.5)
        story += [ClosingGroup(before, signature, after, reserve=imprint, page_height=ctx.geometry.height), imprint]
    if header.signed_at is not None and header.verification_code:
        # The code and the signing time go under the page number of the last page, where no element stands.
        panel = VerificationPanel(ts, st, header.verification_code, ctx.width, qr=15 * mm,
                                  signed_at=header.signed_at)
        story.append(FooterStamp(panel, top_below_block=13 * mm))
    return story


def attachment_note(ts: Typesetter, st: Styles, names: Sequence[str], pair: Any) -> list[tuple[Para, Para]]:
    """附件说明 (7.3.4): a line under the body, two characters in, 附件： and the names numbered 1. 2. when several,
    no closing punctuation; a long name wraps under its own first character."""
    names = [n.strip().rstrip("。.；;，,") for n in names if n.strip()]
    out = [pair("", st.plain)] if names else []  # the blank line before it
    label = ts.width("附件：", st.grid, st.plain.fontSize)
    for i, name in enumerate(names):
        number = f"{i + 1}." if len(names) > 1 else ""
        num_w = ts.width(f"{len(names)}.", st.grid, st.plain.fontSize) if number else 0.0
        style = st.plain.clone(f"attach{i}", leftIndent=2 * PITCH + label + num_w,
                               firstLineIndent=-(num_w + (label if i == 0 else 0)))
        out.append(pair(("附件：" if i == 0 else "") + number + name, style))
    return out


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int


def render(ctx: Context, story: list[Flowable], *, title: str, created: datetime, draft: bool,
           author: str = "", verification_code: str | None = None, keywords: str = "",
           invariant: bool = True, mark: str = "草稿", canvasmaker: Any = None,
           out: IO[bytes] | None = None) -> Rendered:
    """Build to bytes. With `invariant` the same input gives the same bytes (creation date from `created`).
    An unsigned copy carries `mark` across every page: 草稿, or 待签字 for a copy printed to be signed.
    `canvasmaker`: a Canvas class of the caller's (the register's compresses each page as it is finished).
    `out`: a binary file object the PDF is written to instead (`Rendered.pdf` is then empty)."""
    buf: Any = io.BytesIO() if out is None else out
    subject = (mark if draft else "已签发") + (f"；验证码 {verification_code}" if verification_code else "")
    with _BUILD_LOCK:
        doc = OfficialDocTemplate(
            buf, geometry=ctx.geometry, ts=ctx.ts, created=created, draft=draft, mark=mark,
            title=title, author=author, subject=subject, keywords=keywords,
            creator=f"RepDesk {__version__}", producer=f"RepDesk {__version__} (ReportLab)",
            invariant=1 if invariant else 0, lang="zh-CN",
        )
        doc.build(story, canvasmaker=canvasmaker or Canvas)
        pages = doc.page
    return Rendered(buf.getvalue() if out is None else b"", pages)
