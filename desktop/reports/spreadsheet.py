"""A table as an Excel workbook (.xlsx, openpyxl): one header row, then the rows as given. No Qt here."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from contextlib import suppress
from datetime import datetime
from itertools import chain, islice
from pathlib import Path
from typing import Any

from desktop.errors import RepDeskError
from desktop.timeutil import to_cst

TIME_FORMAT = "yyyy-mm-dd hh:mm"
WIDTH_SAMPLE = 500  # rows read ahead to size the columns


def _width(value: object) -> int:
    if value is None:
        return 0
    text = value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def write_table(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[object]],
                sheet_title: str = "Sheet1") -> int:
    """Write `headers` and `rows` to `path`; returns the number of rows written.

    `rows` may be any iterable, a generator over a database cursor included: the workbook is written in
    openpyxl's write-only mode, each row going to the file as it comes, so memory does not grow with the rows
    (column widths are decided from the header and the first WIDTH_SAMPLE rows, before any row is written).
    Times with an offset are written as China Standard Time wall-clock times (Excel has no time zones).
    Text is always text: a title beginning with "=" never becomes a formula. The workbook is written to a
    temporary file beside `path` and moved into place, so a failure never leaves half a file; a file that cannot
    be written (no such folder, no permission, open in Excel) is a RepDeskError saying so."""
    from openpyxl import Workbook

    # The file beside `path` first: a folder that cannot be written is said before any row is read.
    target = Path(path)
    try:
        fd, temporary = tempfile.mkstemp(suffix=".xlsx", prefix=".repdesk-", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise RepDeskError(f"无法写入“{target}”：{exc.strerror or exc}") from exc
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    try:
        count = _fill(sheet, headers, rows)
        book.save(temporary)
        os.replace(temporary, target)
    except BaseException as exc:
        if not sheet.closed:
            with suppress(Exception):  # ends openpyxl's own spool of the rows, which would complain when collected
                sheet.close()
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise RepDeskError(f"无法写入“{target}”：{exc.strerror or exc}") from exc
        raise
    return count


def _fill(sheet: Any, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """The header and the rows into a write-only sheet; the number of rows."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    source = iter(rows)
    sample = list(islice(source, WIDTH_SAMPLE))
    widths = [_width(h) for h in headers]
    for row in sample:
        for column, value in enumerate(row[:len(widths)]):
            widths[column] = max(widths[column], _width(value))
    # Widths, the frozen header and the filter belong to the sheet's head and tail: set before the first row.
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(60, width + 2)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def header(text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        return cell

    def cell(value: object) -> object:
        if isinstance(value, datetime):
            out = WriteOnlyCell(sheet, value=to_cst(value).replace(tzinfo=None))
            out.number_format = TIME_FORMAT
            return out
        if isinstance(value, str):
            out = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
            out.data_type = "s"  # never a formula
            return out
        return value

    sheet.append([header(h) for h in headers])
    count = 0
    for row in chain(sample, source):
        sheet.append([cell(v) for v in row])
        count += 1
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    return count
