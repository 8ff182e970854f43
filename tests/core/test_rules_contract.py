"""`repdesk deadlines FILE` (docs/deadline-catalogue.md, "The `repdesk deadlines` command")."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop.rules.contract import run_deadlines
from desktop.timeutil import format_rfc3339_cst, now_utc

# The example of docs/deadline-catalogue.md (tests/core/test_docs.py checks the page's copy).
EXAMPLE_INPUT = """{
  "occurred_at": "2026-03-02T09:15:00+08:00",
  "location": "same_city",
  "severity": "general",
  "business_line": true,
  "customer_dispute": false,
  "now": "2026-03-02T10:00:00+08:00",
  "events": [{"type": "reported_to_lead", "at": "2026-03-02T09:40:00+08:00"}]
}"""

EXAMPLE_OUTPUT = """[
 {"id": "3.3.1", "article": "3.3.1, 3.3.3", "kind": "immediate", "responsible": "事发单位",
  "due_at": "2026-03-02T09:40:00+08:00", "status": "pending", "done_at": null},
 {"id": "3.2.1", "article": "3.2.1", "kind": "deadline", "responsible": "事发单位",
  "due_at": "2026-03-02T09:45:00+08:00", "status": "met", "done_at": "2026-03-02T09:40:00+08:00"},
 {"id": "3.2.4", "article": "3.2.4", "kind": "deadline", "responsible": "事发单位",
  "due_at": "2026-03-02T09:45:00+08:00", "status": "overdue", "done_at": null},
 {"id": "4.2.2.1-2", "article": "4.2.2.1(2)", "kind": "deadline", "responsible": "主办业务部门",
  "due_at": "2026-03-02T10:40:00+08:00", "status": "pending", "done_at": null},
 {"id": "4.2.2.1-3", "article": "4.2.2.1(3)", "kind": "deadline", "responsible": "分行办公室、主办业务部门",
  "due_at": "2026-03-02T13:40:00+08:00", "status": "pending", "done_at": null}
]"""

KEYS = ["id", "article", "kind", "responsible", "due_at", "status", "done_at"]


def call(text: str | bytes, file_arg: str = "-") -> tuple[int, str, str]:
    stdin = io.BytesIO(text) if isinstance(text, bytes) else io.StringIO(text)
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run_deadlines(file_arg, stdin, stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def doc(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = json.loads(EXAMPLE_INPUT)
    for key, value in changes.items():
        if value is ...:
            base.pop(key, None)
        else:
            base[key] = value
    return base


def ok(document: object) -> list[dict[str, Any]]:
    code, out, err = call(json.dumps(document, ensure_ascii=False))
    assert (code, err) == (0, ""), err
    result: list[dict[str, Any]] = json.loads(out)
    return result


def refused(text: str | bytes, file_arg: str = "-") -> str:
    code, out, err = call(text, file_arg)
    assert code == 2
    assert out == ""
    assert err.endswith("\n") and err.count("\n") == 1, err
    return err.rstrip("\n")


# --- the documented example and the output format -------------------------------------------------------


def test_the_documented_example_gives_exactly_the_documented_output() -> None:
    code, out, err = call(EXAMPLE_INPUT)
    assert (code, err) == (0, "")
    assert json.loads(out) == json.loads(EXAMPLE_OUTPUT)
    assert all(list(item) == KEYS for item in json.loads(out))


def test_output_is_utf8_without_escapes_whatever_the_console_encoding(tmp_path: Path) -> None:
    path = tmp_path / "incident.json"
    path.write_text(EXAMPLE_INPUT, encoding="utf-8")
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="ascii")
    stderr = io.StringIO()
    assert run_deadlines(str(path), io.StringIO(), stdout, stderr) == 0
    text = raw.getvalue().decode("utf-8")
    assert "分行办公室、主办业务部门" in text and "\\u" not in text
    assert json.loads(text) == json.loads(EXAMPLE_OUTPUT)


def test_reads_standard_input_as_bytes() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(EXAMPLE_INPUT.encode("utf-8")), encoding="ascii")
    stdout, stderr = io.StringIO(), io.StringIO()
    assert run_deadlines("-", stdin, stdout, stderr) == 0
    assert json.loads(stdout.getvalue()) == json.loads(EXAMPLE_OUTPUT)


def test_a_byte_order_mark_is_tolerated() -> None:
    code, out, _ = call(b"\xef\xbb\xbf" + EXAMPLE_INPUT.encode("utf-8"))
    assert code == 0 and json.loads(out) == json.loads(EXAMPLE_OUTPUT)


def test_no_rule_listed_gives_an_empty_array() -> None:
    # Every incident lists some rule; an empty result can only come from an empty rule set.
    from desktop.rules.contract import render

    assert json.loads(render([])) == []


def test_defaults_events_flags_and_unknown_fields() -> None:
    result = ok(doc(events=..., business_line=..., customer_dispute=..., reporter="张三", extra={"x": [1]}))
    assert [item["id"] for item in result] == ["3.2.1", "3.3.1", "4.2.2.1-2", "4.2.2.1-3"]
    assert [item["status"] for item in result] == ["overdue", "waiting", "waiting", "waiting"]


def test_now_defaults_to_the_current_time() -> None:
    occurred = now_utc() - timedelta(hours=1)
    result = ok({"occurred_at": format_rfc3339_cst(occurred), "location": "same_city", "severity": "major"})
    statuses = {item["id"]: item["status"] for item in result}
    assert statuses["3.2.1"] == "overdue"
    assert statuses["3.2.3a"] == "pending"


def test_times_are_truncated_to_seconds_and_output_in_china_standard_time() -> None:
    result = ok(
        doc(
            occurred_at="2026-03-02T01:15:00.999Z",
            now="2026-03-02T02:00:00.5Z",
            events=[{"type": "reported_to_lead", "at": "2026-03-02T01:45:00.999999+00:00"}],
        )
    )
    by_id = {item["id"]: item for item in result}
    assert by_id["3.2.1"]["status"] == "met"  # 09:45:00.999 is 09:45:00, exactly at due
    assert by_id["3.2.1"]["due_at"] == "2026-03-02T09:45:00+08:00"
    assert by_id["3.2.1"]["done_at"] == "2026-03-02T09:45:00+08:00"


def test_remote_only_events_on_a_same_city_incident_are_accepted_and_ignored() -> None:
    events = [
        {"type": "reported_to_lead", "at": "2026-03-02T09:40:00+08:00"},
        {"type": "reported_to_branch_office", "at": "2026-03-02T09:50:00+08:00"},
        {"type": "details_to_branch_office", "at": "2026-03-02T09:55:00+08:00"},
    ]
    assert ok(doc(events=events)) == json.loads(EXAMPLE_OUTPUT)


def test_statuses_of_an_escalated_remote_incident() -> None:
    events = [
        {"type": "reported_to_lead", "at": "2026-03-02T09:30:00+08:00"},
        {"type": "escalated_to_major", "at": "2026-03-02T14:15:00+08:00"},
        {"type": "worsening", "at": "2026-03-02T14:20:00+08:00"},
        {"type": "major_report_approved", "at": "2026-03-02T15:00:00+08:00"},
        {"type": "reported_to_head_office", "at": "2026-03-02T15:10:00+08:00"},
    ]
    result = ok(doc(location="remote", business_line=False, events=events, now="2026-03-02T15:30:00+08:00"))
    by_id = {item["id"]: (item["due_at"], item["status"]) for item in result}
    assert by_id["4.2.2.2-2a"] == ("2026-03-02T10:30:00+08:00", "overdue")  # breach before escalation stays
    assert by_id["4.2.2.2-2b"] == (None, "superseded")
    assert by_id["4.2.2.2-3"] == ("2026-03-02T13:30:00+08:00", "overdue")
    assert by_id["3.2.3a"] == ("2026-03-02T16:15:00+08:00", "met")
    assert by_id["4.3.4-4b"] == ("2026-03-02T20:15:00+08:00", "open")
    assert by_id["3.2.3b"] == ("2026-03-02T21:15:00+08:00", "pending")


# --- refusals -------------------------------------------------------------------------------------------


def test_refuses_an_unreadable_file(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.json")
    assert refused("", missing).startswith(f"{missing}: cannot be read")
    assert refused("", str(tmp_path)).startswith(f"{tmp_path}: cannot be read")


def test_refuses_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes(EXAMPLE_INPUT.replace("same_city", "同城").encode("gbk"))
    assert refused("", str(path)).startswith(f"{path}: not valid UTF-8")
    assert refused(b'{"location": "\xff"}').startswith("stdin: not valid UTF-8")


@pytest.mark.parametrize(
    "text",
    ["", "{", "{'a': 1}", '{"occurred_at": NaN}', EXAMPLE_INPUT + ",", "[1,]"],
    ids=["empty", "open-brace", "single-quotes", "nan", "trailing-comma", "array-comma"],
)
def test_refuses_malformed_json(text: str) -> None:
    assert refused(text).startswith("stdin: not valid JSON")


@pytest.mark.parametrize("text", ["[]", "null", "3", '"incident"'])
def test_refuses_a_top_level_that_is_not_an_object(text: str) -> None:
    assert refused(text).startswith("input: must be a JSON object")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"occurred_at": ...}, "occurred_at"),
        ({"occurred_at": None}, "occurred_at"),
        ({"occurred_at": "2026-03-02T09:15:00"}, "occurred_at"),
        ({"occurred_at": "2026-03-02 09:15:00+08:00"}, "occurred_at"),
        ({"occurred_at": "2026-03-02"}, "occurred_at"),
        ({"occurred_at": "2026-02-30T09:15:00+08:00"}, "occurred_at"),
        ({"occurred_at": 1772414100}, "occurred_at"),
        ({"occurred_at": "\uff12\uff10\uff12\uff16-03-02T09:15:00+08:00"}, "occurred_at"),  # full-width digits
        ({"occurred_at": "2026-03-02T09:15:00+08:00\n"}, "occurred_at"),
        ({"occurred_at": "2026-03-02T09:15:00+08:00 "}, "occurred_at"),
        ({"occurred_at": "0001-01-01T00:00:00+08:00"}, "occurred_at"),  # would leave datetime's range in UTC
        ({"now": "9999-12-31T20:00:00-05:00"}, "now"),
        ({"location": ...}, "location"),
        ({"location": None}, "location"),
        ({"location": "abroad"}, "location"),
        ({"location": "Same_City"}, "location"),
        ({"severity": ...}, "severity"),
        ({"severity": None}, "severity"),
        ({"severity": "minor"}, "severity"),
        ({"severity": ["major"]}, "severity"),
        ({"business_line": 1}, "business_line"),
        ({"business_line": "true"}, "business_line"),
        ({"business_line": None}, "business_line"),
        ({"customer_dispute": 0}, "customer_dispute"),
        ({"now": "now"}, "now"),
        ({"now": None}, "now"),
        ({"now": "2026-03-02T10:00:00+0800"}, "now"),
        ({"events": {"type": "reported_to_lead"}}, "events"),
        ({"events": None}, "events"),
        ({"events": "reported_to_lead"}, "events"),
    ],
    ids=lambda v: json.dumps(v, ensure_ascii=True, default=str) if isinstance(v, dict) else str(v),
)
def test_refuses_a_bad_top_level_field(changes: dict[str, Any], field: str) -> None:
    message = refused(json.dumps(doc(**changes)))
    assert message.startswith(f"{field}: ")


GOOD = {"type": "reported_to_lead", "at": "2026-03-02T09:40:00+08:00"}


@pytest.mark.parametrize(
    ("event", "field"),
    [
        ("reported_to_lead", "events[1]"),
        ([GOOD], "events[1]"),
        (None, "events[1]"),
        ({"at": GOOD["at"]}, "events[1].type"),
        ({"type": None, "at": GOOD["at"]}, "events[1].type"),
        ({"type": 3, "at": GOOD["at"]}, "events[1].type"),
        ({"type": "phoned_the_boss", "at": GOOD["at"]}, "events[1].type"),
        ({"type": "reported_to_lead"}, "events[1].at"),
        ({"type": "reported_to_lead", "at": None}, "events[1].at"),
        ({"type": "reported_to_lead", "at": "09:40"}, "events[1].at"),
        ({"type": "reported_to_lead", "at": "2026-03-02T09:14:59+08:00"}, "events[1].at"),
        ({"type": "reported_to_lead", "at": "2026-03-02T10:00:01+08:00"}, "events[1].at"),
    ],
    ids=["string", "array", "null", "no-type", "null-type", "number-type", "unknown-type", "no-at", "null-at",
         "bad-at", "before-occurred", "after-now"],
)
def test_refuses_a_bad_event(event: object, field: str) -> None:
    message = refused(json.dumps(doc(events=[GOOD, event])))
    assert message.startswith(f"{field}: ")


def test_error_message_for_a_bad_time_is_the_documented_one() -> None:
    bad = {"type": "reported_to_lead", "at": "yesterday"}
    message = refused(json.dumps(doc(events=[GOOD, GOOD, bad])))
    assert message.startswith("events[2].at: not an RFC 3339 time with an offset")


def test_refuses_an_event_after_the_current_time_when_now_is_omitted() -> None:
    future = format_rfc3339_cst(now_utc() + timedelta(minutes=5))
    message = refused(json.dumps(doc(now=..., events=[{"type": "reported_to_lead", "at": future}])))
    assert message.startswith("events[0].at: ")


def test_accepts_events_at_the_boundaries() -> None:
    events = [
        {"type": "reported_to_lead", "at": "2026-03-02T09:15:00+08:00"},
        {"type": "media_inquiry", "at": "2026-03-02T10:00:00+08:00"},
    ]
    ok(doc(events=events))


MAJOR_CHAIN = [
    {"type": "major_report_approved", "at": "2026-03-02T09:30:00+08:00"},
    {"type": "reported_to_head_office", "at": "2026-03-02T09:30:00+08:00"},
    {"type": "head_office_consent", "at": "2026-03-02T09:50:00+08:00"},
    {"type": "reported_to_regulator", "at": "2026-03-02T09:50:00+08:00"},
]


def test_accepts_reports_upwards_at_the_time_of_their_consent() -> None:
    by_id = {item["id"]: item["status"] for item in ok(doc(severity="major", events=MAJOR_CHAIN))}
    assert by_id["3.2.3a"] == by_id["3.2.3b"] == "met"


@pytest.mark.parametrize(
    ("events", "field"),
    [
        ([MAJOR_CHAIN[0], MAJOR_CHAIN[1], MAJOR_CHAIN[3]], "events[2].type"),
        ([*MAJOR_CHAIN[:3], {"type": "reported_to_regulator", "at": "2026-03-02T09:49:59+08:00"}],
         "events[3].at"),
        ([MAJOR_CHAIN[1]], "events[0].type"),
        ([{"type": "reported_to_head_office", "at": "2026-03-02T09:29:00+08:00"}, MAJOR_CHAIN[0]],
         "events[0].at"),
    ],
    ids=["regulator-without-consent", "regulator-before-consent", "head-office-without-approval",
         "head-office-before-approval"],
)
def test_refuses_skipping_levels(events: list[dict[str, str]], field: str) -> None:
    # 3.1.4, 3.2.3, 4.3.4(2)
    assert refused(json.dumps(doc(severity="major", events=events))).startswith(f"{field}: ")


def test_refuses_escalating_an_incident_major_from_the_start() -> None:
    event = {"type": "escalated_to_major", "at": "2026-03-02T09:30:00+08:00"}
    ok(doc(events=[event]))
    assert refused(json.dumps(doc(severity="major", events=[event]))).startswith("events[0].type: ")


def test_error_messages_stay_on_one_line() -> None:
    sneaky = {"type": "reported\nto\nlead", "at": GOOD["at"]}
    message = refused(json.dumps(doc(events=[sneaky])))
    assert message.startswith("events[0].type: ")
