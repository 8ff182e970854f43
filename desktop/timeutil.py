"""China Standard Time on screen and paper; aware UTC datetimes everywhere else."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

CST = timezone(timedelta(hours=8), "CST")

# ASCII digits only (not full-width ２０２６), the whole text (no trailing newline).
_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", re.ASCII
)


_EARLIEST = datetime(2, 1, 1, tzinfo=UTC)
_LATEST = datetime(9998, 12, 31, 23, 59, 59, tzinfo=UTC)


class TimeFormatError(ValueError):
    """A text that is not an RFC 3339 date-time with an offset."""


def parse_rfc3339(text: object) -> datetime:
    """Parse `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, truncated to whole seconds; anything else refused."""
    if not isinstance(text, str):
        raise TimeFormatError("not an RFC 3339 time with an offset")
    m = _RFC3339.fullmatch(text)
    if not m:
        raise TimeFormatError("not an RFC 3339 time with an offset")
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    offset = m.group(8)
    if offset in ("Z", "z"):
        tz = UTC
    else:
        sign = 1 if offset[0] == "+" else -1
        oh, om = int(offset[1:3]), int(offset[4:6])
        if oh > 23 or om > 59:
            raise TimeFormatError("not an RFC 3339 time with an offset")
        tz = timezone(sign * timedelta(hours=oh, minutes=om))
    if second == 60:  # a leap second: RFC 3339 allows it, Python does not
        raise TimeFormatError("not an RFC 3339 time with an offset")
    try:
        moment = datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError as exc:
        raise TimeFormatError("not an RFC 3339 time with an offset") from exc
    if not _EARLIEST <= moment <= _LATEST:  # room for offsets and limits without leaving datetime's range
        raise TimeFormatError("outside the supported range (years 0002 to 9998)")
    return moment


def to_cst(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: RepDesk only handles times with an offset")
    return moment.astimezone(CST)


def format_rfc3339_cst(moment: datetime) -> str:
    """`YYYY-MM-DDThh:mm:ss+08:00`."""
    return to_cst(moment).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%S+08:00")


def format_cst(moment: datetime, seconds: bool = False) -> str:
    """For people: 2026-03-02 09:15 (China Standard Time)."""
    return to_cst(moment).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def chinese_date(moment: datetime) -> str:
    """GB/T 9704 signature date: 2026年3月2日."""
    local = to_cst(moment)
    return f"{local.year}年{local.month}月{local.day}日"


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def today_cst() -> date:
    return datetime.now(UTC).astimezone(CST).date()


def cst_days(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """Calendar days in China Standard Time as instants: from the start of day `first` to the start of the day
    after `last` (exclusive), so `start <= t < end` holds for every moment of both days. None leaves a side open."""
    start = datetime(first.year, first.month, first.day, tzinfo=CST) if first else None
    end = datetime(last.year, last.month, last.day, tzinfo=CST) + timedelta(days=1) if last else None
    return start, end


def format_duration(seconds: float) -> str:
    """A countdown for people: 1:05:09, or -0:03:12 when overdue."""
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
