"""The register streams (issue 13, 3): its rows are read while ReportLab lays the pages out, a chunk table at a
time, the per-unit totals are counted in the same pass, and the PDF is the one the whole list gives. The Excel
table streams too (write-only workbook)."""

from __future__ import annotations

import gc
import hashlib
import io
import json
import re
import tracemalloc
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import openpyxl
import pytest
from pypdf import PdfReader

from desktop.reports import layout, register
from desktop.reports.build import build
from desktop.reports.register import RegisterLine, RegisterTotals, StreamedRegister, line_of, per_unit
from desktop.reports.spreadsheet import write_table
from tests.fixtures.samples import sample_register


def _streamed(count: int, lines: Any = None) -> StreamedRegister:
    reg = sample_register(count)
    totals = RegisterTotals()
    spooled = [totals.add(inc).to_json() for inc in reg.incidents]
    return StreamedRegister(title=reg.title, period_start=reg.period_start, period_end=reg.period_end,
                            compiled_by=reg.compiled_by, compiled_at=reg.compiled_at, incidents=[], note=reg.note,
                            lines=lines or (lambda: map(RegisterLine.from_json, spooled)),
                            units=list(totals.units.items()), count=totals.count)


def test_a_streamed_register_prints_the_same_pdf_as_the_whole_list() -> None:
    whole = build("register", sample_register(97)).pdf
    assert build("register", _streamed(97)).pdf == whole  # the same bytes: the same look, page for page


def test_the_counting_pass_gives_the_per_unit_totals() -> None:
    incidents = sample_register(60).incidents
    totals = RegisterTotals()
    lines = [totals.add(inc) for inc in incidents]
    assert list(totals.units.items()) == per_unit(incidents) and totals.count == 60
    assert [RegisterLine.from_json(x.to_json()) for x in lines] == [line_of(i) for i in incidents]
    late = next(x for x in lines if any("迟报" in b for b in x.breaches))
    assert "网点现场处置客户情绪，报告延误" in late.breaches[0] and late.counts.count("/") == 3


def test_rows_are_read_as_the_pages_are_laid_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the first detail page is finished, only the chunks ReportLab looks ahead to have been read, not the
    period's thousand rows (the old register read every row before the first page)."""
    read = 0
    at_page_end: list[int] = []

    def lines() -> Iterator[RegisterLine]:
        nonlocal read
        for line in map(line_of, sample_register(1000).incidents):
            read += 1
            yield line

    ends = layout.OfficialDocTemplate._on_page_end

    def on_page_end(self: Any, canv: Any, doc: Any) -> None:
        at_page_end.append(read)
        ends(self, canv, doc)

    monkeypatch.setattr(layout.OfficialDocTemplate, "_on_page_end", on_page_end)
    pdf = build("register", _streamed(1000, lines)).pdf
    assert read == 1000 and len(at_page_end) == len(PdfReader(io.BytesIO(pdf)).pages) > 40
    bound = (register.LOOKAHEAD + 2) * register.REGISTER_CHUNK
    assert at_page_end[1] <= bound, at_page_end[:4]
    # further on, what has been read stays a bounded distance ahead of what is on paper
    rows_per_page = 1000 / len(at_page_end)
    assert all(r - rows_per_page * (n + 1) <= bound for n, r in enumerate(at_page_end)), at_page_end


def test_a_row_taller_than_a_page_in_a_later_chunk_keeps_the_header_on_every_page() -> None:
    reg = sample_register(130)
    tall = replace(reg.incidents[75].deadlines[0], status="late", late_reason="客户多次到网点反映情况。" * 160)
    incidents = list(reg.incidents)
    incidents[75] = replace(incidents[75], deadlines=[tall, *incidents[75].deadlines[1:]])
    pdf = build("register", replace(reg, incidents=incidents)).pdf
    seen: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text = page.extract_text().replace(" ", "").replace("\n", "")
        numbers = set(re.findall(r"SJZ-2026-\d{4}", text))
        if numbers or "客户多次到网点" in text:
            assert "事件编号" in text and "应办/按时" in text  # the header, on the tall row's pages too
        seen |= numbers
    assert len(seen) == 130


def _rows(n: int) -> Iterator[list[object]]:
    for i in range(n):
        yield [f"SY2026-{i:05d}", f"客户投诉网点排队时间过长（样本{i}）", datetime(2026, 3, 2, 1, 30, tzinfo=UTC), i]


def test_a_spreadsheet_streams_its_rows(tmp_path: Path) -> None:
    peaks = []
    for n in (1_000, 10_000):
        tracemalloc.start()
        count = write_table(tmp_path / f"{n}.xlsx", ["编号", "标题", "事发时间（北京时间）", "序号"], _rows(n),
                            "事件列表")
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert count == n
    assert peaks[1] < 1.5 * peaks[0], peaks  # ten times the rows, not ten times the memory
    book = openpyxl.load_workbook(tmp_path / "10000.xlsx")
    sheet = book.active
    assert sheet.title == "事件列表" and sheet.max_row == 10_001 and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D10001" and sheet["A1"].font.b
    assert sheet["C10001"].value == datetime(2026, 3, 2, 9, 30)
    # widths from the header and the first rows: the title column is as wide as its Chinese text
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width > 10


def test_a_spreadsheet_whose_rows_fail_leaves_no_file(tmp_path: Path) -> None:
    def broken() -> Iterator[list[object]]:
        yield ["SY2026-0001"]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        write_table(tmp_path / "x.xlsx", ["编号"], broken())
    assert list(tmp_path.iterdir()) == []


def test_pages_compressed_as_they_are_finished_give_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from desktop.reports import official

    finished: list[bool] = []
    show = register.PageCompressingCanvas.showPage

    def show_page(self: Any) -> None:
        show(self)
        finished.append(self._doc.Pages.pages[-1].stream is None)  # compressed now, not when the file is written

    monkeypatch.setattr(register.PageCompressingCanvas, "showPage", show_page)
    compressed = build("register", sample_register(60)).pdf
    assert len(finished) > 3 and all(finished)
    made: list[type] = []
    render = official.render

    def plain_render(*args: Any, **kw: Any) -> Any:
        made.append(kw.pop("canvasmaker"))
        return render(*args, **kw, canvasmaker=Canvas)

    monkeypatch.setattr(register, "render", plain_render)
    assert build("register", sample_register(60)).pdf == compressed
    assert made == [register.PageCompressingCanvas]


# --- the PDF itself: written to its file as it is made (issue 13: flat whatever the period) ---------------------


class _Writes:
    """A file object that keeps what each write() was given."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)


def test_a_register_written_to_a_file_is_the_same_pdf_written_object_by_object(
        monkeypatch: pytest.MonkeyPatch) -> None:
    reg = _streamed(150)
    whole = build("register", sample_register(150)).pdf
    held: list[list[tuple[type, object, object]]] = []
    save = register.StreamingCanvas.save

    def at_save(self: Any) -> None:  # every page finished, the file not written yet
        held.append([(type(page.Contents), page.Contents.content, page.stream) for page in self._doc.Pages.pages])
        save(self)

    monkeypatch.setattr(register.StreamingCanvas, "save", at_save)
    out = _Writes()
    result = build("register", reg, out=cast(Any, out))
    assert result.pdf == b"" and b"".join(out.parts) == whole  # the same bytes, page for page
    # the finished pages wait in the spool file, not in memory; the file goes out an object at a time
    assert len(held[0]) == result.pages > 5 and set(held[0]) == {(register._SpooledContent, None, None)}
    assert len(out.parts) > 2 * result.pages


def test_memory_stays_flat_whatever_the_period(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A register three times as long: about the same peak (rows held would add some 70 KiB each), and what is
    held once the last page is finished, just before the file is written, grows by ReportLab's page objects only
    (measured: 3.6 KiB a page). Kept in memory until the file was saved, each page's content added 3.8 KiB more
    here (7.4 KiB a page), and far more on a register of real incidents."""
    held: list[int] = []
    save = register.StreamingCanvas.save

    def at_save(self: Any) -> None:
        gc.collect()  # what is held, not the garbage of the pages laid out so far
        held.append(tracemalloc.get_traced_memory()[0])
        save(self)

    monkeypatch.setattr(register.StreamingCanvas, "save", at_save)
    with (tmp_path / "warm.pdf").open("wb") as fh:
        build("register", _streamed(5), out=fh)  # fonts, rule tables and caches loaded before measuring
    figures = []
    for n in (100, 300):
        reg = _streamed(n)  # its rows (spooled as text) made before measuring
        with (tmp_path / f"{n}.pdf").open("wb") as fh:
            tracemalloc.start()
            try:
                pages = build("register", reg, out=fh).pages
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        figures.append((pages, peak, held[-1]))
    (short_pages, short_peak, short_held), (long_pages, long_peak, long_held) = figures
    assert long_pages > 2.5 * short_pages, figures
    assert long_peak < 1.25 * short_peak, figures
    assert long_held - short_held < 5.5 * 1024 * (long_pages - short_pages), figures
    assert PdfReader(tmp_path / "300.pdf").pages[long_pages - 1].extract_text()  # a whole, readable file


def _register_prints(url: str) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from desktop.db.models import AuditEntry
    from desktop.db.session import Database

    db = Database(url)
    with db.read() as s:
        entries: list[dict[str, Any]] = [json.loads(e.after) for e in s.execute(
            select(AuditEntry).where(AuditEntry.action == "register.print").order_by(AuditEntry.id)).scalars()]
    db.dispose()
    return entries


def test_a_register_refused_or_failing_leaves_no_file_and_records_nothing(
        demo_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli.main import main

    url = demo_db.url
    monkeypatch.setenv("REPDESK_USER", "bangongshi")
    monkeypatch.setenv("REPDESK_PASSWORD", "repdesk2026")
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "register.pdf"
    args = ["--database-url", url, "report", "register", "--from", "2020-01-01", "--to", "2030-12-31", "-o", str(out)]
    # refused by the build (the period ends before it starts), with the output file already opened for it
    assert main([*args[:5], "2026-02-01", "--to", "2026-01-01", *args[-2:]]) == 2
    assert "结束日期不能早于开始日期" in capsys.readouterr().err
    assert list(folder.iterdir()) == [] and _register_prints(url) == []
    # failing half-way through writing the file: no partial file; with --force the old one stays, no .part
    formatted = register._SpooledContent.format
    calls = 0

    def failing(self: Any, document: Any) -> bytes:
        nonlocal calls
        calls += 1
        if calls > 2:
            raise OSError(28, "No space left on device")
        return formatted(self, document)

    monkeypatch.setattr(register._SpooledContent, "format", failing)
    assert main(args) == 2 and "cannot write" in capsys.readouterr().err
    assert calls == 3 and list(folder.iterdir()) == []
    out.write_bytes(b"last month's register")
    calls = 0
    assert main([*args, "--force"]) == 2
    assert calls == 3 and list(folder.iterdir()) == [out] and out.read_bytes() == b"last month's register"
    assert _register_prints(url) == []
    # and when it works: the file replaced whole, the print recorded with the digest of the file as written
    monkeypatch.setattr(register._SpooledContent, "format", formatted)
    assert main([*args, "--force"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF") and list(folder.iterdir()) == [out]
    [entry] = _register_prints(url)
    assert entry["pdf_sha256"] == hashlib.sha256(data).hexdigest()


def test_the_service_builds_into_a_file_and_hashes_it_in_chunks(demo_db: Any, tmp_path: Path) -> None:
    from datetime import date

    from desktop.domain import SYSTEM
    from desktop.services import printing

    path, now = tmp_path / "register.pdf", datetime.now(UTC)
    with demo_db.session() as session, path.open("wb") as fh:
        printed = printing.build_register(session, SYSTEM, date(2020, 1, 1), date(2030, 12, 31), now, out=fh)
    with demo_db.session() as session:
        in_memory = printing.build_register(session, SYSTEM, date(2020, 1, 1), date(2030, 12, 31), now)
    assert printed.pdf == b"" and printed.path == path and printed.read() == path.read_bytes() == in_memory.pdf
    assert printed.sha256() == in_memory.sha256() == hashlib.sha256(in_memory.pdf).hexdigest()
    assert in_memory.path is None and printed.message == in_memory.message
