"""`repdesk deadlines FILE`: one incident as JSON in, the status of every listed rule as JSON out.

The contract is docs/deadline-catalogue.md, "The `repdesk deadlines` command": exit 0 with a JSON array on
standard output, or exit 2 with one line on standard error naming the offending field and nothing on standard
output. The window computes its dashboard from the same engine, so both always agree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import IO, Any

from desktop.rules.engine import evaluate, validate_timeline
from desktop.rules.loader import RuleSetError, default_ruleset
from desktop.rules.model import (
    LOCATIONS,
    SEVERITIES,
    IncidentFacts,
    InputError,
    RuleSet,
    RuleStatus,
    TimelineEvent,
)
from desktop.timeutil import TimeFormatError, format_rfc3339_cst, now_utc, parse_rfc3339

EXIT_OK = 0
EXIT_RULESET = 1
EXIT_BAD_INPUT = 2


def _show(value: object) -> str:
    """A short, single-line rendering of a JSON value for an error message."""
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 40 else text[:37] + "..."


def _time(value: object, field: str) -> datetime:
    try:
        return parse_rfc3339(value)
    except TimeFormatError as exc:
        raise InputError(field, f"{exc}, got {_show(value)}") from None


def _required(doc: Mapping[str, Any], key: str) -> object:
    if key not in doc:
        raise InputError(key, "required")
    value = doc[key]
    if value is None:
        raise InputError(key, "required, got null")
    return value


def _flag(doc: Mapping[str, Any], key: str) -> bool:
    value = doc.get(key, False)
    if not isinstance(value, bool):
        raise InputError(key, f"must be true or false (a JSON boolean), got {_show(value)}")
    return value


def parse_request(doc: object, default_now: datetime) -> tuple[IncidentFacts, list[TimelineEvent], datetime]:
    """Turn the input document into facts, events and `now`, refusing what the contract refuses."""
    if not isinstance(doc, dict):
        got = "null" if doc is None else type(doc).__name__
        raise InputError("input", f"must be a JSON object, got {got}")
    occurred_at = _time(_required(doc, "occurred_at"), "occurred_at")
    location = _required(doc, "location")
    if location not in LOCATIONS:
        raise InputError("location", f"must be same_city or remote, got {_show(location)}")
    severity = _required(doc, "severity")
    if severity not in SEVERITIES:
        raise InputError("severity", f"must be general or major, got {_show(severity)}")
    facts = IncidentFacts(
        occurred_at=occurred_at,
        location=str(location),
        initial_severity=str(severity),
        business_line=_flag(doc, "business_line"),
        customer_dispute=_flag(doc, "customer_dispute"),
    )
    now = _time(doc["now"], "now") if "now" in doc else default_now

    raw_events = doc.get("events", [])
    if not isinstance(raw_events, list):
        raise InputError("events", f"must be an array of event objects, got {_show(raw_events)}")
    events: list[TimelineEvent] = []
    for index, raw in enumerate(raw_events):
        where = f"events[{index}]"
        if not isinstance(raw, dict):
            raise InputError(where, f"must be an object with type and at, got {_show(raw)}")
        event_type = _required_in(raw, "type", where)
        if not isinstance(event_type, str):
            raise InputError(f"{where}.type", f"must be a string, got {_show(event_type)}")
        at = _time(_required_in(raw, "at", where), f"{where}.at")
        events.append(TimelineEvent(type=event_type, at=at))
    return facts, events, now


def _required_in(raw: Mapping[str, Any], key: str, where: str) -> object:
    if raw.get(key) is None:
        raise InputError(f"{where}.{key}", "required" if key not in raw else "required, got null")
    return raw[key]


def status_to_json(status: RuleStatus) -> dict[str, object]:
    """One output object: exactly the seven keys of the contract, in its order."""
    rule = status.rule
    return {
        "id": rule.id,
        "article": rule.article,
        "kind": rule.kind,
        "responsible": rule.responsible,
        "due_at": format_rfc3339_cst(status.due_at) if status.due_at is not None else None,
        "status": status.status,
        "done_at": format_rfc3339_cst(status.done_at) if status.done_at is not None else None,
    }


def render(statuses: list[RuleStatus]) -> str:
    """The output document: a JSON array, one rule per line."""
    if not statuses:
        return "[]\n"
    lines = (" " + json.dumps(status_to_json(s), ensure_ascii=False) for s in statuses)
    return "[\n" + ",\n".join(lines) + "\n]\n"


def deadlines_for(doc: object, ruleset: RuleSet | None = None, default_now: datetime | None = None) -> str:
    """The whole computation on a parsed document; raises `InputError` for bad input."""
    if ruleset is None:
        ruleset = default_ruleset()
    facts, events, now = parse_request(doc, default_now or now_utc())
    validate_timeline(facts, events, now, ruleset)
    return render(evaluate(facts, events, ruleset, now))


def _read_input(file_arg: str, stdin: IO[Any]) -> bytes | str:
    if file_arg == "-":
        try:
            buffer = getattr(stdin, "buffer", None)
            data: bytes | str = buffer.read() if buffer is not None else stdin.read()
            return data
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError("stdin", f"cannot be read: {exc}") from None
    try:
        with open(file_arg, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(file_arg, f"cannot be read: {exc.strerror or exc}") from None


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _decode(data: bytes | str, source: str) -> object:
    if isinstance(data, bytes):
        try:
            # A byte-order mark is tolerated: Windows editors still write one.
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(source, f"not valid UTF-8 (byte {exc.start})") from None
    elif data.startswith("\ufeff"):
        data = data[1:]
    try:
        return json.loads(data, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise InputError(source, f"not valid JSON: {exc.msg} ({where})") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(source, f"not valid JSON: {exc}") from None


def _write(stream: IO[Any], text: str) -> None:
    """UTF-8 whatever the console's code page, through the byte buffer when there is one."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8", errors="backslashreplace"))
        buffer.flush()
    else:
        stream.write(text)
        stream.flush()


def _one_line(text: str) -> str:
    return " ".join(text.splitlines()) + "\n"


def run_deadlines(file_arg: str, stdin: IO[Any], stdout: IO[Any], stderr: IO[Any]) -> int:
    """The `repdesk deadlines FILE` command (FILE `-` is standard input); returns the exit status."""
    source = "stdin" if file_arg == "-" else file_arg
    try:
        ruleset = default_ruleset()
        output = deadlines_for(_decode(_read_input(file_arg, stdin), source), ruleset)
    except InputError as exc:
        _write(stderr, _one_line(str(exc)))
        return EXIT_BAD_INPUT
    except RuleSetError as exc:
        _write(stderr, _one_line(f"rule set: {exc}"))
        return EXIT_RULESET
    _write(stdout, output)
    return EXIT_OK
