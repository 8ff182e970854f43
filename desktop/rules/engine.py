"""The deadline engine: from an incident's facts and timeline to the status of every listed rule.

Pure functions of their arguments (docs/deadline-catalogue.md, "Status of a rule at a given moment").
`evaluate` runs for every visible incident on every tick of the dashboard, so it does one pass over the events
and one over the rules the rule set has already narrowed down for the incident's location and first severity.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from operator import attrgetter

from desktop.rules.model import (
    ANCHOR_MAJOR_SINCE,
    ANCHOR_OCCURRED,
    ESCALATED_TO_MAJOR,
    LOCATIONS,
    SEVERITIES,
    IncidentFacts,
    InputError,
    InputProblem,
    RuleSet,
    RuleStatus,
    TimelineEvent,
)


def _is_aware(moment: datetime) -> bool:
    return moment.tzinfo is not None and moment.utcoffset() is not None


def validate_facts(facts: IncidentFacts) -> None:
    """Refuse facts the engine cannot work with (the field names are those of the `deadlines` input)."""
    if not isinstance(facts.occurred_at, datetime) or not _is_aware(facts.occurred_at):
        raise InputError("occurred_at", "not a time with an offset")
    if facts.location not in LOCATIONS:
        raise InputError("location", f"must be same_city or remote, not {facts.location!r}")
    if facts.initial_severity not in SEVERITIES:
        raise InputError("severity", f"must be general or major, not {facts.initial_severity!r}")
    for name in ("business_line", "customer_dispute"):
        if not isinstance(getattr(facts, name), bool):
            raise InputError(name, "must be true or false")


def validate_timeline(
    facts: IncidentFacts,
    events: Sequence[TimelineEvent],
    now: datetime,
    ruleset: RuleSet | None = None,
) -> None:
    """Refuse a timeline the rules forbid; the first offending event is named as `events[i].type` / `.at`.

    `ruleset` supplies the known event types and their required predecessors (the default rule set if None).
    """
    if ruleset is None:
        from desktop.rules.loader import default_ruleset

        ruleset = default_ruleset()
    validate_facts(facts)
    if not _is_aware(now):
        raise InputError("now", "not a time with an offset")
    event_types = ruleset.event_types
    initially_major = facts.initial_severity == "major"
    earliest: dict[str, datetime] = {}
    for index, event in enumerate(events):
        if event.type not in event_types:
            raise InputError(
                f"events[{index}].type", f"unknown event type {event.type!r}", InputProblem.UNKNOWN_EVENT_TYPE
            )
        if not isinstance(event.at, datetime) or not _is_aware(event.at):
            raise InputError(f"events[{index}].at", "not a time with an offset")
        if event.at < facts.occurred_at:
            raise InputError(
                f"events[{index}].at", f"{event.type} before occurred_at", InputProblem.BEFORE_OCCURRED
            )
        if event.at > now:
            raise InputError(f"events[{index}].at", f"{event.type} after now", InputProblem.AFTER_NOW)
        # 4.1: severity only goes up; an incident major from the start cannot be escalated.
        if event.type == ESCALATED_TO_MAJOR and initially_major:
            message = "escalated_to_major on an incident that was major when first recorded"
            raise InputError(f"events[{index}].type", message, InputProblem.ALREADY_MAJOR)
        current = earliest.get(event.type)
        if current is None or event.at < current:
            earliest[event.type] = event.at
    # 3.1.4, 3.2.3, 4.3.4(2): no skipping levels; a report may not precede the approval or consent it needs.
    for index, event in enumerate(events):
        prior_type = event_types[event.type].requires_prior
        if prior_type is None:
            continue
        prior = earliest.get(prior_type)
        if prior is None:
            raise InputError(
                f"events[{index}].type", f"{event.type} without any {prior_type}",
                InputProblem.MISSING_PRIOR, prior_type,
            )
        if event.at < prior:
            raise InputError(
                f"events[{index}].at", f"{event.type} before the earliest {prior_type}",
                InputProblem.BEFORE_PRIOR, prior_type,
            )


def major_since(facts: IncidentFacts, events: Sequence[TimelineEvent]) -> datetime | None:
    """When the incident became major: occurred_at if major when first recorded, else the first escalation."""
    if facts.initial_severity == "major":
        return facts.occurred_at
    since: datetime | None = None
    for event in events:
        if event.type == ESCALATED_TO_MAJOR and (since is None or event.at < since):
            since = event.at
    return since


_by_due_at = attrgetter("due_at")


def evaluate(
    facts: IncidentFacts,
    events: Sequence[TimelineEvent],
    ruleset: RuleSet,
    now: datetime,
) -> list[RuleStatus]:
    """The listed rules' statuses at `now`, by due_at (nulls last), then id. Assumes a valid timeline."""
    same_city = facts.location == "same_city"
    remote_only = ruleset.remote_only_types
    # The earliest time of each event type; remote-only events on a same-city incident are ignored.
    earliest: dict[str, datetime] = {}
    for event in events:
        event_type = event.type
        if same_city and event_type in remote_only:
            continue
        current = earliest.get(event_type)
        if current is None or event.at < current:
            earliest[event_type] = event.at

    initially_major = facts.initial_severity == "major"
    since = facts.occurred_at if initially_major else earliest.get(ESCALATED_TO_MAJOR)

    # Candidates come in id order (code points); a stable sort by due_at keeps it for ties.
    result: list[RuleStatus] = []
    no_due: list[RuleStatus] = []
    for rule in ruleset.candidate_rules(facts.location, initially_major):
        if rule.major and since is None:
            continue
        if rule.requires_event is not None and rule.requires_event not in earliest:
            continue
        if rule.requires_fact is not None and not getattr(facts, rule.requires_fact):
            continue

        anchor_name = rule.anchor
        if anchor_name == ANCHOR_OCCURRED:
            anchor: datetime | None = facts.occurred_at
        elif anchor_name == ANCHOR_MAJOR_SINCE:
            anchor = since
        else:
            anchor = earliest.get(anchor_name)

        done = earliest.get(rule.done_by)
        if done is not None and since is not None and done < since and anchor_name == ANCHOR_MAJOR_SINCE:
            # Only what was done once the incident was major counts for the major-incident steps.
            done_by = rule.done_by
            done = min((e.at for e in events if e.type == done_by and e.at >= since), default=None)

        due = anchor + rule.limit if anchor is not None else None
        kind = rule.kind
        if due is None:
            status = "waiting"
        elif kind == "immediate":
            status = "met" if done is not None else "pending"
        elif done is not None:
            status = "met" if done <= due else "late"
        elif kind == "window":
            status = "lapsed" if now > due else "open"
        else:
            status = "overdue" if now > due else "pending"

        # Escalation, last: a general-only duty still open at major_since gives way to the major steps;
        # one whose limit had passed before keeps its breach on the record.
        if rule.general_only and since is not None:
            done_before = done is not None and done <= since
            if not done_before and (due is None or due > since):
                status = "superseded"

        (result if due is not None else no_due).append(RuleStatus(rule, due, status, done))

    result.sort(key=_by_due_at)
    result.extend(no_due)
    return result
