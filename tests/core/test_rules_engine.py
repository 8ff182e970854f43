"""The engine's statuses, escalation and timeline checks (docs/deadline-catalogue.md, "Status of a rule")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.rules import (
    IncidentFacts,
    InputError,
    RuleStatus,
    TimelineEvent,
    default_ruleset,
    evaluate,
    major_since,
    validate_timeline,
)
from desktop.timeutil import CST

T0 = datetime(2026, 3, 2, 9, 15, tzinfo=CST)
S = timedelta(seconds=1)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def ev(event_type: str, minutes: float) -> TimelineEvent:
    return TimelineEvent(event_type, at(minutes))


def facts(location: str = "same_city", severity: str = "general", **flags: bool) -> IncidentFacts:
    return IncidentFacts(T0, location, severity, **flags)


def run(incident: IncidentFacts, events: list[TimelineEvent], now: datetime) -> dict[str, RuleStatus]:
    return {s.rule.id: s for s in evaluate(incident, events, default_ruleset(), now)}


def status_of(rule_id: str, incident: IncidentFacts, events: list[TimelineEvent], now: datetime) -> str:
    return run(incident, events, now)[rule_id].status


# --- deadline ---------------------------------------------------------------------------------------------


def test_deadline_3_2_1_met_when_done_exactly_at_due() -> None:
    result = run(facts(), [ev("reported_to_lead", 30)], at(60))["3.2.1"]
    assert (result.status, result.due_at, result.done_at) == ("met", at(30), at(30))


def test_deadline_3_2_1_late_one_second_after_due() -> None:
    result = run(facts(), [TimelineEvent("reported_to_lead", at(30) + S)], at(60))["3.2.1"]
    assert (result.status, result.done_at) == ("late", at(30) + S)


def test_deadline_3_2_1_pending_with_now_exactly_at_due_then_overdue() -> None:
    assert status_of("3.2.1", facts(), [], at(30)) == "pending"
    assert status_of("3.2.1", facts(), [], at(30) + S) == "overdue"


def test_deadline_3_2_2b_runs_from_receipt_of_the_report() -> None:
    # 3.2.2: the local lead department has 30 minutes from receipt.
    events = [ev("reported_to_lead", 20), ev("reported_to_branch_office", 45)]
    result = run(facts("remote"), events, at(60))
    assert (result["3.2.2b"].due_at, result["3.2.2b"].status) == (at(50), "met")
    assert result["3.2.2a"].status == "met"


def test_anchor_without_event_is_waiting_but_done_at_is_still_shown() -> None:
    result = run(facts("remote"), [ev("reported_to_branch_office", 10)], at(20))["3.2.2b"]
    assert (result.status, result.due_at, result.done_at) == ("waiting", None, at(10))


def test_anchor_is_the_earliest_event_whatever_the_order() -> None:
    events = [ev("reported_to_lead", 40), ev("reported_to_lead", 10), ev("reported_to_lead", 25)]
    result = run(facts(), events, at(50))
    assert result["3.2.1"].done_at == at(10)
    assert result["4.2.2.1-2"].due_at == at(70)
    assert run(facts(), list(reversed(events)), at(50)) == result


def test_times_with_other_offsets_compare_as_instants() -> None:
    utc_event = TimelineEvent("reported_to_lead", (at(30)).astimezone(UTC))
    result = run(facts(), [utc_event], at(60))["3.2.1"]
    assert result.status == "met" and result.done_at == at(30)


# --- immediate ---------------------------------------------------------------------------------------------


def test_immediate_3_3_1_is_pending_however_long_until_done() -> None:
    events = [ev("reported_to_lead", 10)]
    result = run(facts(), events, at(60 * 24 * 30))["3.3.1"]
    assert (result.status, result.due_at) == ("pending", at(10))


def test_immediate_3_3_1_met_once_done_at_any_time() -> None:
    events = [ev("reported_to_lead", 10), ev("written_report_to_lead", 600)]
    assert status_of("3.3.1", facts(), events, at(700)) == "met"
    # Even a written report that arrived before the phone call counts.
    events = [ev("written_report_to_lead", 5), ev("reported_to_lead", 10)]
    assert status_of("3.3.1", facts(), events, at(700)) == "met"


def test_immediate_4_2_2_1a_media_applies_whatever_the_severity() -> None:
    events = [ev("media_inquiry", 100)]
    for severity in ("general", "major"):
        result = run(facts("remote", severity), events, at(120))
        assert (result["4.2.2-1a"].status, result["4.2.2-1a"].due_at) == ("pending", at(100))
        # 4.2.2.2(1): literally one hour from occurrence, so already overdue when the journalist came later.
        assert result["4.2.2.2-1b"].status == "overdue"


def test_immediate_4_3_4_1_counts_only_what_was_done_once_major() -> None:
    events = [ev("leadership_group_convened", 30), ev("escalated_to_major", 60)]
    result = run(facts(), events, at(90))["4.3.4-1"]
    assert (result.status, result.due_at, result.done_at) == ("pending", at(60), None)
    events.append(ev("leadership_group_convened", 60))
    result = run(facts(), events, at(90))["4.3.4-1"]
    assert (result.status, result.done_at) == ("met", at(60))


# --- window -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "now_minutes", "expected"),
    [
        ([], 100, "open"),
        ([], 240, "open"),
        ([], 241, "lapsed"),
        ([ev("official_statement_published", 240)], 300, "met"),
        ([ev("official_statement_published", 241)], 300, "late"),
    ],
    ids=["open", "open-at-due", "lapsed", "met-at-due", "late"],
)
def test_window_4_3_4_4a(events: list[TimelineEvent], now_minutes: float, expected: str) -> None:
    assert status_of("4.3.4-4a", facts(severity="major"), events, at(now_minutes)) == expected


def test_window_4_3_4_4b_needs_worsening_and_runs_from_major_since() -> None:
    major = facts(severity="major")
    assert "4.3.4-4b" not in run(major, [], at(10))
    result = run(major, [ev("worsening", 500)], at(500))["4.3.4-4b"]
    assert (result.status, result.due_at) == ("lapsed", at(360))
    result = run(major, [ev("worsening", 100), ev("press_conference_held", 200)], at(500))["4.3.4-4b"]
    assert result.status == "met"


# --- escalation and supersession ----------------------------------------------------------------------------


def test_major_since_is_occurrence_or_the_earliest_escalation() -> None:
    assert major_since(facts(severity="major"), []) == T0
    assert major_since(facts(), []) is None
    assert major_since(facts(), [ev("escalated_to_major", 300), ev("escalated_to_major", 200)]) == at(200)


def test_escalation_at_hour_5_gives_the_head_office_report_at_hour_7() -> None:
    result = run(facts(), [ev("reported_to_lead", 10), ev("escalated_to_major", 300)], at(310))
    assert result["3.2.3a"].due_at == at(420)
    assert result["4.3.4-2"].due_at == at(420)
    assert result["4.3.4-3"].due_at == at(540)
    # 3.2.3: the regulator report is literal, 12 hours after occurrence.
    assert result["3.2.3b"].due_at == at(720)


def test_3_2_3b_is_already_overdue_when_escalation_comes_after_12_hours() -> None:
    result = run(facts(), [ev("escalated_to_major", 13 * 60)], at(13 * 60))
    assert result["3.2.3b"].status == "overdue"
    assert result["3.2.3a"].status == "pending"


def test_major_rules_are_not_listed_while_general() -> None:
    listed = run(facts(customer_dispute=True), [ev("worsening", 10)], at(20))
    assert not [rule_id for rule_id in listed if default_ruleset().rule(rule_id).major]


def test_general_only_rules_are_not_listed_for_an_incident_major_from_the_start() -> None:
    listed = run(facts(severity="major", customer_dispute=True), [ev("reported_to_lead", 10)], at(20))
    assert "4.2.2.1-2" not in listed and "4.2.2.1-3" not in listed and "4.2.2-4" not in listed
    assert listed["4.3.4-6"].due_at == at(720)


def test_general_only_rule_open_at_escalation_is_superseded() -> None:
    events = [ev("reported_to_lead", 10), ev("escalated_to_major", 40)]
    result = run(facts(), events, at(50))
    assert result["4.2.2.1-2"].status == "superseded"
    assert result["4.2.2.1-3"].status == "superseded"
    # Superseded whatever else: even once overdue by the general clock.
    assert status_of("4.2.2.1-2", facts(), events, at(500)) == "superseded"


def test_supersession_with_due_at_absent() -> None:
    result = run(facts(), [ev("escalated_to_major", 40)], at(50))["4.2.2.1-2"]
    assert (result.status, result.due_at, result.done_at) == ("superseded", None, None)


def test_supersession_keeps_done_at_of_a_duty_done_after_escalation() -> None:
    events = [ev("reported_to_lead", 10), ev("escalated_to_major", 40), ev("written_details_to_lead", 50)]
    result = run(facts(), events, at(60))["4.2.2.1-2"]
    assert (result.status, result.done_at) == ("superseded", at(50))


def test_breach_before_escalation_stays_overdue() -> None:
    events = [ev("reported_to_lead", 10), ev("escalated_to_major", 120)]
    result = run(facts(), events, at(130))
    assert result["4.2.2.1-2"].status == "overdue"  # due at 70, passed before escalation
    assert result["4.2.2.1-3"].status == "superseded"  # due at 250, still running


def test_breach_before_escalation_stays_late_when_done_afterwards() -> None:
    events = [ev("reported_to_lead", 10), ev("escalated_to_major", 120), ev("written_details_to_lead", 130)]
    result = run(facts(), events, at(140))["4.2.2.1-2"]
    assert (result.status, result.done_at) == ("late", at(130))


def test_late_done_before_escalation_stays_late() -> None:
    events = [ev("reported_to_lead", 10), ev("written_details_to_lead", 100), ev("escalated_to_major", 120)]
    assert status_of("4.2.2.1-2", facts(), events, at(140)) == "late"


def test_done_at_escalation_keeps_met() -> None:
    events = [ev("reported_to_lead", 10), ev("written_details_to_lead", 40), ev("escalated_to_major", 40)]
    assert status_of("4.2.2.1-2", facts(), events, at(50)) == "met"


def test_due_exactly_at_escalation_is_not_superseded() -> None:
    events = [ev("reported_to_lead", 10), ev("escalated_to_major", 70)]
    assert status_of("4.2.2.1-2", facts(), events, at(70)) == "pending"
    assert status_of("4.2.2.1-2", facts(), events, at(71)) == "overdue"
    events = [ev("reported_to_lead", 10), TimelineEvent("escalated_to_major", at(70) - S)]
    assert status_of("4.2.2.1-2", facts(), events, at(71)) == "superseded"


def test_customer_appeasement_4_2_2_4_gives_way_to_4_3_4_6() -> None:
    events = [ev("escalated_to_major", 600)]
    result = run(facts("remote", customer_dispute=True), events, at(700))
    assert result["4.2.2-4"].status == "superseded"
    assert result["4.3.4-6"].due_at == at(600 + 720)


def test_rules_that_are_not_general_only_are_never_superseded() -> None:
    events = [ev("media_inquiry", 5), ev("reported_to_lead", 10), ev("escalated_to_major", 20)]
    result = run(facts("remote", business_line=True), events, at(25))
    assert result["3.2.2a"].status == "met"
    for rule_id in ("3.2.2b", "3.2.4", "3.3.1", "4.2.2-1a", "4.2.2.2-1b"):
        assert result[rule_id].status == "pending", rule_id


# --- listing and order --------------------------------------------------------------------------------------


def test_remote_only_events_on_a_same_city_incident_are_ignored() -> None:
    base = [ev("reported_to_lead", 10)]
    extra = [ev("reported_to_branch_office", 20), ev("details_to_branch_office", 30)]
    validate_timeline(facts(), base + extra, at(40))
    assert run(facts(), base + extra, at(40)) == run(facts(), base, at(40))


def test_order_is_due_at_then_id_by_code_point_with_nulls_last() -> None:
    # 4.2.2-4 (24 h from occurrence) and 4.2.2.1-3 (4 h from the report at hour 20) fall due together.
    events = [ev("reported_to_lead", 20 * 60)]
    incident = facts(customer_dispute=True, business_line=True)
    statuses = evaluate(incident, events, default_ruleset(), at(20 * 60))
    ids = [s.rule.id for s in statuses]
    assert ids == ["3.2.1", "3.2.4", "3.3.1", "4.2.2.1-2", "4.2.2-4", "4.2.2.1-3"]
    assert statuses[-1].due_at == statuses[-2].due_at == at(24 * 60)


def test_rules_without_due_at_come_last_in_id_order() -> None:
    statuses = evaluate(facts("remote"), [], default_ruleset(), at(1))
    ids = [s.rule.id for s in statuses]
    assert ids == ["3.2.2a", "3.2.2b", "3.3.1", "4.2.2.2-2a", "4.2.2.2-2b", "4.2.2.2-3"]
    assert [s.due_at is None for s in statuses] == [False, True, True, True, True, True]


# --- timeline refusals --------------------------------------------------------------------------------------


def refusal(incident: IncidentFacts, events: list[TimelineEvent], now: datetime) -> str:
    with pytest.raises(InputError) as info:
        validate_timeline(incident, events, now)
    assert str(info.value) == f"{info.value.field}: {info.value.message}"
    return info.value.field


def test_refuses_an_unknown_event_type() -> None:
    assert refusal(facts(), [ev("reported_to_lead", 1), ev("phoned_mum", 2)], at(5)) == "events[1].type"


def test_refuses_an_event_before_occurrence_and_accepts_one_at_it() -> None:
    validate_timeline(facts(), [ev("reported_to_lead", 0)], at(5))
    assert refusal(facts(), [TimelineEvent("reported_to_lead", T0 - S)], at(5)) == "events[0].at"


def test_refuses_an_event_after_now_and_accepts_one_at_it() -> None:
    validate_timeline(facts(), [ev("reported_to_lead", 5)], at(5))
    too_late = TimelineEvent("reported_to_lead", at(5) + S)
    assert refusal(facts(), [ev("media_inquiry", 1), too_late], at(5)) == "events[1].at"


def test_refuses_the_regulator_before_head_office_consent() -> None:
    # 3.1.4, 3.2.3: no skipping levels.
    base = [ev("major_report_approved", 10), ev("reported_to_head_office", 20)]
    major = facts(severity="major")
    validate_timeline(major, [*base, ev("head_office_consent", 30), ev("reported_to_regulator", 30)], at(40))
    events = [*base, ev("reported_to_regulator", 29), ev("head_office_consent", 30),
              ev("head_office_consent", 35)]
    assert refusal(major, events, at(40)) == "events[2].at"
    assert refusal(major, [*base, ev("reported_to_regulator", 30)], at(40)) == "events[2].type"


def test_a_later_consent_does_not_excuse_an_earlier_regulator_report() -> None:
    events = [ev("head_office_consent", 30), ev("reported_to_regulator", 40), ev("reported_to_regulator", 20)]
    assert refusal(facts(severity="major"), events, at(50)) == "events[2].at"


def test_refuses_the_head_office_report_before_its_approval() -> None:
    # 4.3.4(2): the leadership group approves the report first.
    approved_then_sent = [ev("major_report_approved", 10), ev("reported_to_head_office", 10)]
    validate_timeline(facts(severity="major"), approved_then_sent, at(20))
    events = [ev("reported_to_head_office", 9), ev("major_report_approved", 10)]
    assert refusal(facts(severity="major"), events, at(20)) == "events[0].at"
    assert refusal(facts(severity="major"), [ev("reported_to_head_office", 9)], at(20)) == "events[0].type"


def test_refuses_escalating_an_incident_major_from_the_start() -> None:
    validate_timeline(facts(), [ev("escalated_to_major", 10)], at(20))
    assert refusal(facts(severity="major"), [ev("escalated_to_major", 10)], at(20)) == "events[0].type"


def test_refuses_naive_times_and_bad_facts() -> None:
    naive = TimelineEvent("reported_to_lead", datetime(2026, 3, 2, 10, 0))
    assert refusal(facts(), [naive], at(60)) == "events[0].at"
    assert refusal(facts(location="abroad"), [], at(60)) == "location"
    assert refusal(facts(severity="minor"), [], at(60)) == "severity"
