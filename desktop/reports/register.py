"""台账: the incidents of a period on landscape A4, with deadline compliance per unit and a row per incident.

A register of years must not hold years in memory: the detail table is made from `RegisterLine`s (the text one
row prints) that may come from a generator, a chunk table at a time, and ReportLab is handed them as it lays out
(`LazyStory`), so only a few chunk tables exist at once. The per-unit totals printed above the table come first,
so a streamed register (`StreamedRegister`) carries them counted beforehand (`RegisterTotals`).

Built into a file (`out`), the finished pages do not stay in memory either: each page's compressed content goes
to a spool file as the page is finished, and the PDF is written to `out` object by object (`StreamingCanvas`),
where ReportLab would join the whole file in memory first. The bytes are the same either way."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFBase85Encode,
    PDFCrossReferenceTable,
    PDFDictionary,
    PDFDocument,
    PDFFile,
    PDFIndirectObject,
    PDFName,
    PDFStream,
    PDFTrailer,
    PDFZCompress,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from desktop.reports.blocks import TitleParagraph, data_table, data_table_stream, heading
from desktop.reports.linebreak import Para
from desktop.reports.model import DeadlineSummary, Register, ReportIncident, summarize
from desktop.reports.official import Context, Rendered, render
from desktop.reports.sections import cn_datetime
from desktop.timeutil import chinese_date, format_cst

REGISTER_TABLE_SIZE = 9.5
REGISTER_CHUNK = 40  # rows per detail table: about two pages
DETAIL_HEADERS = ["序号", "事件编号", "事件名称", "事发单位", "等级", "事发时间", "处置状态", "应办/按时/迟报/超时",
                  "迟报及超时说明"]
LOOKAHEAD = 3  # chunk tables made ahead of ReportLab (a heading keeps with the table after it)


@dataclass(frozen=True, slots=True)
class RegisterLine:
    """One incident's row of the detail table: only the text it prints (a period's lines can be spooled to a
    file as JSON and read back, instead of keeping every incident)."""

    number: str
    title: str
    unit_name: str
    severity_zh: str
    occurred: str  # 事发时间 as printed (China Standard Time)
    status: str
    counts: str  # 应办/按时/迟报/超时
    breaches: tuple[str, ...]  # one line per late or missed rule, with its stored reason

    def to_json(self) -> str:
        return json.dumps([self.number, self.title, self.unit_name, self.severity_zh, self.occurred, self.status,
                           self.counts, list(self.breaches)], ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> RegisterLine:
        number, title, unit, severity, occurred, status, counts, breaches = json.loads(text)
        return cls(number, title, unit, severity, occurred, status, counts, tuple(breaches))


def line_of(inc: ReportIncident) -> RegisterLine:
    s = summarize(inc.deadlines)
    breaches = []
    for r in inc.deadlines:
        if r.status == "late":
            breaches.append(f"{r.article} 迟报：{r.late_reason.strip() or '未填写迟报说明'}")
        elif r.status == "overdue":
            reason = f"：{r.late_reason.strip()}" if r.late_reason.strip() else ""
            breaches.append(f"{r.article} 超时未办{reason}")
    return RegisterLine(inc.number, inc.title, inc.unit_name, inc.severity_zh, format_cst(inc.occurred_at),
                        inc.status or "—", f"{s.due}/{s.met}/{s.late}/{s.missed}", tuple(breaches))


class RegisterTotals:
    """The per-unit compliance counted while the incidents go by (units in order of first appearance): counters
    only, whatever the number of incidents."""

    def __init__(self) -> None:
        self.units: dict[str, DeadlineSummary] = {}
        self.count = 0

    def add(self, inc: ReportIncident) -> RegisterLine:
        self.units[inc.unit_name] = self.units.get(inc.unit_name, DeadlineSummary()) + summarize(inc.deadlines, 1)
        self.count += 1
        return line_of(inc)


@dataclass(frozen=True)
class StreamedRegister(Register):
    """A register whose rows are read when the PDF is laid out: `lines()` gives them in order, once, and
    `units`/`count` were counted beforehand (`incidents` stays empty)."""

    lines: Callable[[], Iterator[RegisterLine]] = field(default=lambda: iter(()))
    units: list[tuple[str, DeadlineSummary]] = field(default_factory=list)
    count: int = 0


class LazyStory(list[Flowable]):
    """A story fed to ReportLab as it is laid out. BaseDocTemplate.build works on the front of its list only
    (len, [0], del [0], insert(0, ...), and keepWithNext looking a few items ahead); this list tops itself up
    from `more` whenever it holds fewer than LOOKAHEAD flowables, so a table of a year is never all made."""

    def __init__(self, head: Iterable[Flowable], more: Iterator[Flowable]) -> None:
        super().__init__(head)
        self._more: Iterator[Flowable] | None = more

    def _fill(self) -> None:
        while self._more is not None and list.__len__(self) < LOOKAHEAD:
            try:
                self.append(next(self._more))
            except StopIteration:
                self._more = None

    def __len__(self) -> int:
        self._fill()
        return list.__len__(self)

    def __getitem__(self, index: Any) -> Any:
        self._fill()
        return list.__getitem__(self, index)


def _page_filters() -> list[Any]:
    """PDFPage.check_format's filters, in the order ReportLab lists them (applied last one first)."""
    return [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]


def _compressed(page: Any) -> Any:
    """The finished page's content as the file will hold it: the very filters ReportLab applies when it writes
    the page, applied the way PDFStream.format applies them."""
    content: Any = page.stream
    for f in reversed(_page_filters()):
        content = f.encode(content)
    return content


def _filter_names() -> PDFArray:
    return PDFArray([PDFName(f.pdfname) for f in _page_filters()])  # "Filter" set: applied, not again


class PageCompressingCanvas(Canvas):
    """A canvas that compresses each page's content as soon as the page is finished. ReportLab keeps every
    page's drawing operators as text until the file is written and compresses them only then, so a register of
    thousands of pages would hold all of them uncompressed; compressed here, the same bytes come out (the very
    filter ReportLab applies, with the same dictionary) and a page costs what it costs in the file."""

    def showPage(self) -> None:
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if page.compression and isinstance(page.stream, str) and not page.Contents:
            contents = PDFStream(content=_compressed(page))
            contents.dictionary["Filter"] = _filter_names()
            contents.__Comment__ = "page stream"
            page.Contents, page.stream = contents, None


class _SpooledContent(PDFStream):
    """A finished page's compressed content, kept in the canvas's spool file until the PDF is written: read back
    while its object is formatted, and let go right after. A page of a register of years costs a few numbers:
    the stream dictionary is shared (PDFStream.format copies it before adding the length) and the rest are
    class attributes."""

    content: Any = None
    filters = None
    __Comment__ = "page stream"

    def __init__(self, spool: IO[bytes], at: int, length: int, dictionary: PDFDictionary) -> None:
        # PDFStream.__init__ not called: it would give every page a dictionary and two attributes of its own
        self.dictionary, self.spool, self.at, self.length = dictionary, spool, at, length

    def format(self, document: Any) -> bytes:
        self.spool.seek(self.at)
        self.content = self.spool.read(self.length)
        try:
            return bytes(super().format(document))
        finally:
            del self.content  # let go (the class's None again): read from the spool whenever it is formatted


class _FileSink(PDFFile):
    """ReportLab's output collector (PDFFile), writing each formatted object to the file at once instead of
    keeping them all to join at the end; the offsets are counted the same way, so the cross-reference table and
    the bytes are the same."""

    strings: list[bytes]

    def __init__(self, out: IO[bytes], pdf_version: Any) -> None:
        super().__init__(pdf_version)  # collects the header line in self.strings
        out.write(b"".join(self.strings))
        self.strings = []
        self.write = out.write

    def format(self, document: Any) -> bytes:
        return b""  # written already


class _StreamingDocument(PDFDocument):
    """A PDFDocument that writes itself to the file object it is saved to as it formats it."""

    _sink: IO[bytes]

    def SaveToFile(self, filename: Any, canvas: Any) -> None:
        if not callable(getattr(filename, "write", None)):
            raise TypeError("a streamed PDF is written to a file object")
        if getattr(self, "_savedToFile", False):
            raise RuntimeError("a PDF document can be saved only once")
        self._savedToFile = True
        self._sink = filename
        self.GetPDFData(canvas)

    def format(self) -> bytes:
        """ReportLab's PDFDocument.format (5.1), with `_FileSink` as the collector. Objects are numbered as they
        are first referenced, and formatting one may reference more (the loop runs until none is left)."""
        if getattr(self, "_digiSigs", None):
            raise ValueError("a digitally signed PDF is assembled in memory, not streamed")
        self.encrypt.prepare(self)
        cat, info = self.Catalog, self.info
        self.Reference(cat)
        self.Reference(info)
        encryptref = None
        encryptinfo = self.encrypt.info()
        if encryptinfo:
            encryptref = self.Reference(encryptinfo)
        counter = 0
        ids = []
        numbertoid, id_to_object, id_to_offset = self.numberToId, self.idToObject, self.idToOffset
        sink = _FileSink(self._sink, self._pdfVersion)
        while True:
            counter += 1
            if counter not in numbertoid:
                break
            oid = numbertoid[counter]
            obj = id_to_object[oid]
            formatted = PDFIndirectObject(oid, obj).format(self)
            if not rl_config.invariant and rl_config.pdfComments:
                sink.add(f"% {oid!a}: class {obj.__class__.__name__[:50]} \n")
            id_to_offset[oid] = sink.add(formatted)
            ids.append(oid)
        if counter - 1 != len(numbertoid):
            raise ValueError(f"counter {counter} does not match the {len(numbertoid)} numbered objects")
        xref = PDFCrossReferenceTable()
        xref.addsection(0, ids)
        xref_offset = sink.add(xref.format(self))
        trailer = PDFTrailer(startxref=xref_offset, Size=len(numbertoid) + 1, Root=self.Reference(cat),
                             Info=self.Reference(info), Encrypt=encryptref, ID=self.ID())
        sink.add(trailer.format(self))
        return b""


class StreamingCanvas(Canvas):
    """The canvas for a PDF built into a file object: each finished page's compressed content goes to a spool
    file at once (a page costs a few numbers in memory, not its content), and the PDF is written to the file
    object as it is formatted. The same bytes as `PageCompressingCanvas` into memory."""

    # What PDFPage.check_format reads as attributes of the page itself (the rest it reads with a default of None)
    _PAGE_READS = frozenset({"MediaBox", "Rotate", "Annots", "Contents", "Resources", "Parent", "ExtGState",
                             "_shadingUsed"})

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._doc.__class__ = _StreamingDocument  # the same document, saved by streaming (no state of its own)
        self._contents_dictionary = PDFDictionary({"Filter": _filter_names()})
        # closed by save(); a build that fails before it leaves the file to the collector, which deletes it
        self._spool: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115

    def showPage(self) -> None:
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if page.compression and isinstance(page.stream, str) and not page.Contents:
            content = _compressed(page)
            data = content.encode("latin-1") if isinstance(content, str) else bytes(content)
            at = self._spool.seek(0, 2)
            self._spool.write(data)
            page.Contents = _SpooledContent(self._spool, at, len(data), self._contents_dictionary)
            page.stream = None
            # ReportLab gives each page some twenty attributes that stay None (1.6 KiB a page): dropped, they
            # read as None all the same (PDFCatalog.format), and thousands of pages stay small until written
            page.__dict__ = {k: v for k, v in page.__dict__.items() if v is not None or k in self._PAGE_READS}

    def save(self) -> None:
        try:
            super().save()
        finally:
            self._spool.close()


def per_unit(incidents: list[ReportIncident]) -> list[tuple[str, DeadlineSummary]]:
    """Compliance per incident unit, units in order of first appearance."""
    totals = RegisterTotals()
    for inc in incidents:
        totals.add(inc)
    return list(totals.units.items())


def _breaches(ctx: Context, line: RegisterLine) -> Flowable:
    """The late (with the stored reason) and missed rules of one incident, one line each."""
    st, ts = ctx.st, ctx.ts
    return Para("<br/>".join(ts.markup(b, st.fang) for b in line.breaches) or ts.markup("—", st.fang), st.cell)


def _unit_rows(units: list[tuple[str, DeadlineSummary]]) -> list[list[str]]:
    def row(name: str, s: DeadlineSummary) -> list[str]:
        return [name, str(s.incidents), str(s.due), str(s.met), str(s.late), str(s.missed), str(s.pending),
                s.rate_text]

    total = sum((s for _n, s in units), DeadlineSummary())
    return [row(n, s) for n, s in units] + [row("合计", total)]


def build_register(ctx: Context, reg: Register, invariant: bool = True, out: IO[bytes] | None = None) -> Rendered:
    """The register's PDF; with `out` (a binary file object) it is written there as it is made and
    `Rendered.pdf` is empty: nothing of the finished file is held in memory."""
    ts, st = ctx.ts, ctx.st
    if isinstance(reg, StreamedRegister):
        units, count, lines = reg.units, reg.count, reg.lines()
    else:
        units, count, lines = per_unit(reg.incidents), len(reg.incidents), map(line_of, reg.incidents)
    period = f"{chinese_date(reg.period_start)}至{chinese_date(reg.period_end)}"
    info = st.plain.clone("info", fontName=st.fang, fontSize=12, leading=18, alignment=TA_CENTER)
    title_style = st.title.clone("rtitle", fontSize=20, leading=28)
    h1 = st.h1.clone("rh1", fontSize=14, leading=24, firstLineIndent=0, fontName=st.hei)
    story: list[Flowable] = [
        TitleParagraph(ts.markup(reg.title, st.song), title_style, bold=not ctx.fonts.title_is_heavy),
        Para(ts.markup(f"（{period}）", st.fang), info),
        Para(ts.markup(f"编制单位：{reg.compiled_by}　　编制时间：{cn_datetime(reg.compiled_at)}"
                       f"　　事件数：{count}起", st.fang), info),
        Spacer(0, 8),
        heading(ts, st, "一、各单位报告及处置时限执行情况"),
    ]
    story[-1].style = h1
    story += [
        data_table(ts, st, ["单位", "事件数", "应办时限", "按时", "迟报", "超时未办", "待办", "及时率"],
                   _unit_rows(units), [6.0, 1.6, 1.8, 1.6, 1.6, 1.8, 1.6, 2.0], ctx.width,
                   centre_cols=(1, 2, 3, 4, 5, 6, 7)),
        Para(ts.markup("注：应办时限＝按时＋迟报＋超时未办；及时率＝按时÷应办时限。待办含尚未到期、尚未起算的时限；"
                       "可选的时间窗口未使用及因升级为重大事件不再适用的时限不计入。", st.fang), st.small),
        Spacer(0, 10),
    ]
    story.append(heading(ts, st, "二、事件明细"))
    story[-1].style = h1

    def rows() -> Iterator[list[Any]]:
        empty = True
        for i, line in enumerate(lines, 1):
            empty = False
            yield [str(i), line.number, line.title, line.unit_name, line.severity_zh, line.occurred, line.status,
                   line.counts, _breaches(ctx, line)]
        if empty:
            yield ["—"] * 9

    def tail() -> Iterator[Flowable]:
        # Tables of REGISTER_CHUNK rows that join into one, made as ReportLab reaches them: it sizes and splits
        # a chunk at a time, and the rows of a year are never all alive.
        yield from data_table_stream(ts, st, DETAIL_HEADERS, rows(), [0.9, 2.8, 6.4, 3.6, 1.1, 3.8, 1.6, 2.2, 7.0],
                                     ctx.width, centre_cols=(0, 1, 4, 5, 6, 7), chunk=REGISTER_CHUNK)
        if reg.note:
            yield Spacer(0, 6)
            yield Para(ts.markup(reg.note, st.fang), st.small)

    return render(ctx, LazyStory(story, tail()), title=f"{reg.title}（{period}）", created=reg.compiled_at,
                  draft=False, author=reg.compiled_by, invariant=invariant,
                  canvasmaker=PageCompressingCanvas if out is None else StreamingCanvas, out=out)
