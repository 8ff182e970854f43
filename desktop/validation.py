"""One place that says what input the core accepts: text lengths, ids and times, checked before anything reaches
SQL, with a Chinese message naming the field. The services call it; the window reads the same `LIMITS` for its
fields' `maxLength`, so a form never lets through what the core would refuse.

The lengths of names and other short fields are the columns' `String(n)` in desktop.db.models (a test keeps them
equal); long texts (Text columns) get a bound generous for any real report but small enough that a pasted file
cannot be stored, hashed and printed.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from typing import Any

from desktop.errors import ValidationError

# The id columns are INTEGER: 32 bits on PostgreSQL, which refuses a larger number with a driver error (SQLite
# would take it); checked here, both databases refuse it alike and before SQL.
MAX_ID = 2**31 - 1
SHORT = 60  # a person's or account's name: users.username / display_name, *_name columns
LONG_TEXT = 20_000  # one narrative field (a report element, the reply script); a page is ~1,000 characters
NOTE = 5_000  # a note, reason or comment on one step

# Field name -> maximum length in characters. Short fields equal their column's String(n).
LIMITS: dict[str, int] = {
    # incidents
    "title": 200,
    "place": 200,
    "business_line_name": 120,
    "spokesperson_name": SHORT,
    "number": 20,
    "search": 200,
    # the timeline (note, reasons) and its details (media contact, appeasement)
    "note": NOTE,
    "late_reason": NOTE,
    "reason": NOTE,
    "journalist": SHORT,
    "outlet": 120,
    "contact": SHORT,
    "question": NOTE,
    "customer": 120,
    "handled_by": 120,
    "agreed": NOTE,
    "result": NOTE,
    # public opinion (4.2.2.x(5))
    "source": 120,
    "link_or_title": 2_000,
    "reach": SHORT,
    "tone": 20,
    # leadership group, accountability
    "name": SHORT,
    "position": 20,
    "member_title": 120,
    "unit_name": 120,
    "person": SHORT,
    "measure": 20,
    "quarter": 10,
    "text": NOTE,
    # organisation and accounts
    "unit_full_name": 120,
    "short_name": SHORT,
    "code": 32,
    "phone": 40,
    "username": SHORT,
    "display_name": SHORT,
    "head_office": 120,  # an organisation's name, as unit_full_name
    "doc_prefix": 20,  # a 机关代字 such as 冀华银办: a few characters
    # documents and approvals
    "doc_number": SHORT,
    "comment": NOTE,
    "signer_name": SHORT,
    "scan_filename": 255,
    "field": LONG_TEXT,  # one field of a document's content (documents.KIND_FIELDS)
    # a document's fields (documents.KIND_FIELDS) that are one line on paper
    "recipient": 200,
    "cc": 500,
    "urgency": 20,
    "copy_number": 20,
    "classification": 20,
    "secrecy_period": 40,
    "contact_person": SHORT,
    "contact_phone": 40,
    "spokesperson": SHORT,
    "spokesperson_phone": 40,
    "attachments": NOTE,
    "overdue_notes": NOTE,
    # drafts
    "draft_owner": SHORT,
    "draft_key": 120,
}
# Narrative fields: several paragraphs, line breaks and tabs allowed.
MULTILINE = frozenset({
    "el_cause", "el_time", "el_place", "el_situation", "el_measures_taken", "el_forecast", "el_impact",
    "el_consequences", "el_planned_measures", "reply_script", "positive_publicity", "evaluation", "lessons",
    "accountability", "body", "plan_measures", "responsibility", "improvements", "attachments", "overdue_notes",
    "note", "late_reason", "reason", "question", "agreed", "result", "text", "comment", "link_or_title",
})
for _key in ("el_cause", "el_time", "el_place", "el_situation", "el_measures_taken", "el_forecast", "el_impact",
             "el_consequences", "el_planned_measures", "reply_script", "positive_publicity", "evaluation", "lessons",
             "accountability", "body", "plan_measures", "responsibility", "improvements"):
    LIMITS[_key] = LONG_TEXT

# The times the core accepts: far enough back for any old incident that is still looked at, far enough ahead for
# any deadline; outside it a mistyped year (0026, 20260) is refused at entry, not found by a later report.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)

_ALLOWED_IN_MULTILINE = frozenset("\t\n\r")


def limit(field: str) -> int:
    return LIMITS.get(field, NOTE)


def text(value: Any, field: str, max_len: int | None = None, *, multiline: bool | None = None,
         required: str = "") -> str:
    """`value` stripped, if it is text of at most `max_len` characters (default: the field's limit) with no NUL
    or other control character (tabs and line breaks only when `multiline`; default: the field is in
    MULTILINE). `required`: the field's name in the message when it must not be empty."""
    if not isinstance(value, str):
        raise ValidationError(field, "应为文字")
    if multiline is None:
        multiline = field in MULTILINE
    bound = limit(field) if max_len is None else max_len
    if len(value) > bound:
        raise ValidationError(field, f"内容过长：不能超过{bound}字（现为{len(value)}字）")
    for ch in value:
        if ch in _ALLOWED_IN_MULTILINE and multiline:
            continue
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\u2028\u2029":
            what = "换行或制表符" if ch in _ALLOWED_IN_MULTILINE or ch in "\u2028\u2029" else "控制字符"
            raise ValidationError(field, f"不能包含{what}（U+{ord(ch):04X}）")
    out = value.strip()
    if required and not out:
        raise ValidationError(field, f"请填写{required}")
    return out


def optional_text(value: Any, field: str, max_len: int | None = None, *,
                  multiline: bool | None = None) -> str | None:
    return None if value is None else text(value, field, max_len, multiline=multiline)


def ident(value: Any, field: str) -> int:
    """A database id: a whole number 1..MAX_ID (never a bool, a float or a text)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, "编号无效")
    if not 0 < value <= MAX_ID:
        raise ValidationError(field, "编号超出范围")
    return value


def optional_ident(value: Any, field: str) -> int | None:
    return None if value is None else ident(value, field)


def count(value: Any, field: str, low: int = 0, high: int = MAX_ID) -> int:
    """A whole number within [low, high]: a row version, a limit."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, "应为整数")
    if not low <= value <= high:
        raise ValidationError(field, f"应在{low}到{high}之间")
    return value


def time(value: Any, field: str) -> datetime:
    """An aware datetime within the supported range (EARLIEST..LATEST)."""
    if not isinstance(value, datetime):
        raise ValidationError(field, "时间无效")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(field, "时间无效：缺少时区")
    try:
        inside = EARLIEST <= value < LATEST
    except (OverflowError, ValueError):
        inside = False
    if not inside:
        raise ValidationError(field, f"时间超出支持的范围（{EARLIEST.year}年至{LATEST.year - 1}年）")
    return value


def optional_time(value: Any, field: str) -> datetime | None:
    return None if value is None else time(value, field)


def mapping(value: Any, field: str, max_items: int = 50) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise ValidationError(field, "格式无效")
    if len(value) > max_items:
        raise ValidationError(field, f"不能超过{max_items}项")
    return value
