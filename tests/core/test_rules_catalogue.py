"""The shipped rule set against the catalogue typed out again from the rules' articles, row by row, and the
loader's checks."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.paths import resource
from desktop.rules import (
    IncidentFacts,
    RuleSetError,
    TimelineEvent,
    default_ruleset,
    evaluate,
    load_ruleset,
    parse_ruleset,
)
from desktop.timeutil import CST

# The catalogue, typed out again from the rules' articles: id, article, applies (location, general_only, major, requires_event,
# requires_fact), responsible, done_by, anchor, limit in minutes, kind.
CATALOGUE = [
    ("3.2.1", "3.2.1", ("same_city", False, False, None, None), "事发单位", "reported_to_lead", "occurred", 30, "deadline"),
    ("3.2.2a", "3.2.2", ("remote", False, False, None, None), "事发单位", "reported_to_lead", "occurred", 30, "deadline"),
    ("3.2.2b", "3.2.2", ("remote", False, False, None, None), "属地牵头部门", "reported_to_branch_office",
     "reported_to_lead", 30, "deadline"),
    ("3.2.4", "3.2.4", ("any", False, False, None, "business_line"), "事发单位", "reported_to_business_dept",
     "occurred", 30, "deadline"),
    ("3.3.1", "3.3.1, 3.3.3", ("any", False, False, None, None), "事发单位", "written_report_to_lead",
     "reported_to_lead", 0, "immediate"),
    ("4.2.2-1a", "4.2.2.1(1), 4.2.2.2(1)", ("any", False, False, "media_inquiry", None), "受访单位",
     "media_info_to_lead", "media_inquiry", 0, "immediate"),
    ("4.2.2.2-1b", "4.2.2.2(1)", ("remote", False, False, "media_inquiry", None), "属地牵头部门",
     "details_to_branch_office", "occurred", 60, "deadline"),
    ("4.2.2.1-2", "4.2.2.1(2)", ("same_city", True, False, None, None), "主办业务部门", "written_details_to_lead",
     "reported_to_lead", 60, "deadline"),
    ("4.2.2.2-2a", "4.2.2.2(2)", ("remote", True, False, None, None), "主办业务部门", "written_details_to_lead",
     "reported_to_lead", 60, "deadline"),
    ("4.2.2.2-2b", "4.2.2.2(2)", ("remote", True, False, None, None), "属地牵头部门", "details_to_branch_office",
     "written_details_to_lead", 60, "deadline"),
    ("4.2.2.1-3", "4.2.2.1(3)", ("same_city", True, False, None, None), "分行办公室、主办业务部门",
     "response_plan_approved", "reported_to_lead", 240, "deadline"),
    ("4.2.2.2-3", "4.2.2.2(3)", ("remote", True, False, None, None), "属地牵头部门、主办业务部门",
     "response_plan_approved", "reported_to_lead", 240, "deadline"),
    ("4.2.2-4", "4.2.2.1(4), 4.2.2.2(4)", ("any", True, False, None, "customer_dispute"), "主办业务部门、事发单位",
     "customer_appeased", "occurred", 1440, "deadline"),
    # the complaints register's report-back of the result (desktop.registers.complaints)
    ("4.2.2-4b", "4.2.2.1(4), 4.2.2.2(4)", ("any", True, False, "complaint_linked", None), "主办业务部门、事发单位",
     "complaint_result_reported", "occurred", 1440, "deadline"),
    ("4.3.4-1", "4.3.1, 4.3.4(1)", ("any", False, True, None, None), "处置领导小组", "leadership_group_convened",
     "major_since", 0, "immediate"),
    ("4.3.4-2b", "4.3.4(2)", ("any", False, True, None, None), "处置领导小组", "publicity_dept_contacted",
     "major_since", 0, "immediate"),
    ("3.2.3a", "3.2.3, 4.3.4(2)", ("any", False, True, None, None), "分行办公室", "reported_to_head_office",
     "major_since", 120, "deadline"),
    ("4.3.4-2", "4.3.4(2)", ("any", False, True, None, None), "主办业务部门、事发单位", "cause_established",
     "major_since", 120, "deadline"),
    ("4.3.4-3", "4.3.4(3)", ("any", False, True, None, None), "处置领导小组", "response_plan_approved",
     "major_since", 240, "deadline"),
    ("4.3.4-3b", "4.3.4(3)", ("any", False, True, None, None), "处置领导小组", "spokesperson_designated",
     "major_since", 240, "deadline"),
    ("4.3.4-4a", "4.3.4(4)", ("any", False, True, None, None), "处置领导小组", "official_statement_published",
     "major_since", 240, "window"),
    ("4.3.4-4b", "4.3.4(4)", ("any", False, True, "worsening", None), "新闻发言人", "press_conference_held",
     "major_since", 360, "window"),
    ("3.2.3b", "3.2.3", ("any", False, True, None, None), "分行办公室", "reported_to_regulator", "occurred", 720,
     "deadline"),
    ("4.3.4-6", "4.3.4(6)", ("any", False, True, None, "customer_dispute"), "主办业务部门、事发单位",
     "customer_appeased", "major_since", 720, "deadline"),
]

EVENT_TYPES = {
    "reported_to_lead", "written_report_to_lead", "reported_to_business_dept", "reported_to_branch_office",
    "media_inquiry", "media_info_to_lead", "written_details_to_lead", "details_to_branch_office",
    "response_plan_approved", "customer_appeased", "escalated_to_major", "leadership_group_convened",
    "cause_established", "publicity_dept_contacted", "major_report_approved", "reported_to_head_office",
    "head_office_consent", "reported_to_regulator", "spokesperson_designated", "official_statement_published",
    "worsening", "press_conference_held", "complaint_linked", "complaint_result_reported",
}

T0 = datetime(2026, 3, 2, 9, 15, tzinfo=CST)


def _row_id(row: tuple) -> str:
    return f"art {row[1]} [{row[0]}]"


def test_the_rule_set_lists_exactly_the_catalogue_rows() -> None:
    assert [rule.id for rule in default_ruleset().rules] == [row[0] for row in CATALOGUE]


@pytest.mark.parametrize("row", CATALOGUE, ids=_row_id)
def test_catalogue_row_is_in_the_rule_set_exactly(row: tuple) -> None:
    rule_id, article, applies, responsible, done_by, anchor, limit, kind = row
    rule = default_ruleset().rule(rule_id)
    assert rule.article == article
    assert (rule.location, rule.general_only, rule.major, rule.requires_event, rule.requires_fact) == applies
    assert rule.responsible == responsible
    assert rule.done_by == done_by
    assert rule.anchor == anchor
    assert rule.limit == timedelta(minutes=limit) and rule.limit_minutes == limit
    assert rule.kind == kind
    assert rule.label_zh and rule.deliverable_zh


def _incident_where_row_applies(row: tuple) -> tuple[IncidentFacts, list[TimelineEvent], datetime]:
    """Facts and events that make `row` listed, with its anchor present and its done event absent."""
    _, _, (location, general_only, major, requires_event, requires_fact), _, _, anchor, _, _ = row
    facts = IncidentFacts(
        occurred_at=T0,
        location="remote" if location == "remote" else "same_city",
        initial_severity="major" if major and not general_only else "general",
        business_line=requires_fact == "business_line",
        customer_dispute=requires_fact == "customer_dispute",
    )
    events = []
    if requires_event:
        events.append(TimelineEvent(requires_event, T0 + timedelta(minutes=5)))
    if anchor not in ("occurred", "major_since", requires_event):
        events.append(TimelineEvent(anchor, T0 + timedelta(minutes=10)))
    return facts, events, T0 + timedelta(minutes=10)


@pytest.mark.parametrize("row", CATALOGUE, ids=_row_id)
def test_catalogue_row_runs_its_clock_from_its_anchor(row: tuple) -> None:
    rule_id, _, _, _, done_by, anchor, limit, kind = row
    facts, events, now = _incident_where_row_applies(row)
    ruleset = default_ruleset()
    by_id = {s.rule.id: s for s in evaluate(facts, events, ruleset, now)}
    assert rule_id in by_id
    anchor_at = {"occurred": T0, "major_since": T0, "media_inquiry": T0 + timedelta(minutes=5)}.get(
        anchor, T0 + timedelta(minutes=10)
    )
    status = by_id[rule_id]
    assert status.due_at == anchor_at + timedelta(minutes=limit)
    assert status.status == {"deadline": "pending", "immediate": "pending", "window": "open"}[kind]
    assert status.done_at is None

    done_at = now
    later = evaluate(facts, [*events, TimelineEvent(done_by, done_at)], ruleset, now)
    done = {s.rule.id: s for s in later}[rule_id]
    assert (done.status, done.done_at) == ("met", done_at)


@pytest.mark.parametrize("row", CATALOGUE, ids=_row_id)
def test_catalogue_row_is_not_listed_when_its_conditions_fail(row: tuple) -> None:
    rule_id, _, (location, general_only, major, requires_event, requires_fact), *_ = row
    facts, events, now = _incident_where_row_applies(row)
    ruleset = default_ruleset()
    variants = []
    if location != "any":
        other = "same_city" if location == "remote" else "remote"
        variants.append((IncidentFacts(T0, other, facts.initial_severity, True, True), events))
    if general_only:
        variants.append((IncidentFacts(T0, facts.location, "major", True, True), events))
    if major:
        variants.append((IncidentFacts(T0, facts.location, "general", True, True), events))
    if requires_event:
        variants.append((facts, [e for e in events if e.type != requires_event]))
    if requires_fact:
        variants.append((IncidentFacts(T0, facts.location, facts.initial_severity, False, False), events))
    for variant_facts, variant_events in variants:
        listed = {s.rule.id for s in evaluate(variant_facts, variant_events, ruleset, now)}
        assert rule_id not in listed, (variant_facts, variant_events)


def test_event_types_are_the_catalogue_list() -> None:
    event_types = default_ruleset().event_types
    assert set(event_types) == EVENT_TYPES
    assert {t for t, et in event_types.items() if et.remote_only} == {
        "reported_to_branch_office",
        "details_to_branch_office",
    }
    for event_type in event_types.values():
        assert event_type.label_zh and event_type.action_zh
        assert event_type.action_for("same_city") and event_type.action_for("remote")
        assert set(event_type.field_labels_zh) == set(event_type.fields)


def test_event_types_ask_for_the_media_and_appeasement_details() -> None:
    event_types = default_ruleset().event_types
    assert event_types["media_inquiry"].fields == ("journalist", "outlet", "contact", "question")
    assert event_types["customer_appeased"].fields == ("customer", "agreed", "result")
    others = [et for t, et in event_types.items() if t not in ("media_inquiry", "customer_appeased")]
    assert all(not et.fields for et in others)


def test_report_to_lead_button_names_the_lead_department_by_location() -> None:
    event_type = default_ruleset().event_types["reported_to_lead"]
    assert "分行办公室" in event_type.action_for("same_city")
    assert "属地牵头部门" in event_type.action_for("remote")


def test_reports_upwards_require_their_approval_or_consent() -> None:
    # 3.1.4, 3.2.3, 4.3.4(2)
    event_types = default_ruleset().event_types
    assert event_types["reported_to_regulator"].requires_prior == "head_office_consent"
    assert event_types["reported_to_head_office"].requires_prior == "major_report_approved"
    assert [t for t, et in event_types.items() if et.requires_prior] == [
        "reported_to_head_office",
        "reported_to_regulator",
    ]


def test_default_rule_set_is_cached_and_identified() -> None:
    ruleset = default_ruleset()
    assert default_ruleset() is ruleset
    assert (ruleset.id, ruleset.version) == ("hx-sjz-2013", 2)
    assert "石家庄分行" in ruleset.title_zh
    assert len(ruleset.sha256) == 64 and int(ruleset.sha256, 16) >= 0
    assert load_ruleset(resource("rules", "default.json")).sha256 == ruleset.sha256


def test_sha256_ignores_layout_but_not_content() -> None:
    data = json.loads(resource("rules", "default.json").read_bytes())
    compact = json.dumps(data, separators=(",", ":"), ensure_ascii=True).encode()
    assert parse_ruleset(compact).sha256 == default_ruleset().sha256
    data["rules"][0]["limit_minutes"] = 45
    changed = parse_ruleset(json.dumps(data).encode())
    assert changed.sha256 != default_ruleset().sha256
    assert changed.rule("3.2.1").limit == timedelta(minutes=45)


def _broken(mutate) -> bytes:  # type: ignore[no-untyped-def]
    data = json.loads(resource("rules", "default.json").read_bytes())
    mutate(data)
    return json.dumps(data, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(extra=1), "unknown key 'extra'"),
        (lambda d: d["rules"][0].update(limit=3), "rules[0] (3.2.1): unknown key 'limit'"),
        (lambda d: d["rules"][1]["applies"].update(severity="x"), "rules[1] (3.2.2a).applies: unknown key"),
        (lambda d: d["rules"][0].update(kind="soon"), "rules[0] (3.2.1).kind: unknown value 'soon'"),
        (lambda d: d["rules"][0].update(anchor="learned"), "(3.2.1).anchor: unknown value 'learned'"),
        (lambda d: d["rules"][0].update(done_by="phoned"), "(3.2.1).done_by: unknown value 'phoned'"),
        (lambda d: d["rules"][5]["applies"].update(requires_event="tv"), "requires_event: unknown value"),
        (lambda d: d["rules"][3]["applies"].update(requires_fact="vip"), "requires_fact: unknown value"),
        (lambda d: d["rules"][0]["applies"].update(location="abroad"), "location: unknown value 'abroad'"),
        (lambda d: d["rules"][1].update(id="3.2.1"), "rules[1]: duplicate rule id '3.2.1'"),
        (lambda d: d["event_types"].append(d["event_types"][0]), "duplicate event type 'reported_to_lead'"),
        (lambda d: d["event_types"][0].update(colour="red"), "event_types[0]: unknown key 'colour'"),
        (lambda d: d["event_types"][0].update(remote_only="no"), "remote_only: must be true or false"),
        (lambda d: d["event_types"][17].update(requires_prior="x"), "requires_prior: unknown event type 'x'"),
        (lambda d: d["rules"][0].update(limit_minutes=-1), "limit_minutes: must be an integer >= 0"),
        (lambda d: d["rules"][0].update(limit_minutes=True), "limit_minutes: must be an integer >= 0"),
        (lambda d: d["rules"][4].update(limit_minutes=5), "limit_minutes: must be 0 for an immediate rule"),
        (lambda d: d["rules"][0].pop("responsible"), "rules[0] (3.2.1): missing key 'responsible'"),
        (lambda d: d["rules"][0].update(responsible=""), "responsible: must be a non-empty string"),
        (lambda d: d["rules"][0].update(responsible="营业网点"), "(3.2.1).responsible: unknown party '营业网点'"),
        (lambda d: d["rules"][0].update(responsible="事发单位/主办业务部门"), "unknown party '事发单位/主办业务部门'"),
        (lambda d: d.update(version=0), "version: must be an integer >= 1"),
        (lambda d: d.update(rules={}), "rules: must be an array"),
    ],
)
def test_loader_refuses_a_broken_rule_set_with_a_clear_message(mutate, expected: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuleSetError) as info:
        parse_ruleset(_broken(mutate), "custom.json")
    assert str(info.value).startswith("custom.json: ")
    assert expected in str(info.value)


def test_loader_refuses_unreadable_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(RuleSetError, match="cannot be read"):
        load_ruleset(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"{\"id\": ")
    with pytest.raises(RuleSetError, match="bad.json: not valid UTF-8 JSON"):
        load_ruleset(bad)
    bad.write_bytes(b"\xff\xfe{}")
    with pytest.raises(RuleSetError, match="not valid UTF-8 JSON"):
        load_ruleset(bad)


def test_a_branch_with_other_limits_edits_data_not_code(tmp_path: Path) -> None:
    custom = tmp_path / "custom.json"
    custom.write_bytes(_broken(lambda d: d["rules"][0].update(limit_minutes=20)))
    ruleset = load_ruleset(custom)
    facts = IncidentFacts(T0, "same_city", "general")
    (status,) = [s for s in evaluate(facts, [], ruleset, T0) if s.rule.id == "3.2.1"]
    assert status.due_at == T0 + timedelta(minutes=20)


def test_rules_package_imports_neither_qt_nor_the_database_nor_reportlab() -> None:
    code = (
        "import sys, desktop.rules, desktop.rules.contract\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy', 'reportlab', 'ui')]\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip() == "[]"
