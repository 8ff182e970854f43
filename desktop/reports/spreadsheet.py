"""A table as an Excel workbook (.xlsx, openpyxl): one header row, then the rows as given. No Qt here."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from desktop.errors import RepDeskError
from desktop.timeutil import to_cst

TIME_FORMAT = "yyyy-mm-dd hh:mm"


def _width(value: object) -> int:
    if value is None:
        return 0
    text = value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def write_table(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[object]],
                sheet_title: str = "Sheet1") -> int:
    """Write `headers` and `rows` to `path`; returns the number of rows written.

    Times with an offset are written as China Standard Time wall-clock times (Excel has no time zones).
    Text is always text: a title beginning with "=" never becomes a formula. The workbook is written to a
    temporary file beside `path` and moved into place, so a failure never leaves half a file; a file that cannot
    be written (no such folder, no permission, open in Excel) is a RepDeskError saying so."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title[:31]
    widths = [_width(h) for h in headers]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 0
    for row in rows:
        count += 1
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=count + 1, column=column)
            if isinstance(value, datetime):
                cell.value = to_cst(value).replace(tzinfo=None)
                cell.number_format = TIME_FORMAT
            elif isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # never a formula
            else:
                cell.value = value
            if column <= len(widths):
                widths[column - 1] = max(widths[column - 1], _width(value))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(60, width + 2)
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    target = Path(path)
    try:
        fd, temporary = tempfile.mkstemp(suffix=".xlsx", prefix=".repdesk-", dir=target.parent)
        os.close(fd)
        try:
            book.save(temporary)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise RepDeskError(f"无法写入“{target}”：{exc.strerror or exc}") from exc
    return count
