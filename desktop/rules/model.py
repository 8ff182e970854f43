"""The deadline engine's vocabulary: incident facts, timeline events, rules, rule sets, statuses.

Plain frozen dataclasses, no behaviour beyond small helpers; the engine (`engine.py`) decides, the loader
(`loader.py`) builds a `RuleSet` from data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal

Location = Literal["same_city", "remote"]
Severity = Literal["general", "major"]
Kind = Literal["deadline", "immediate", "window"]

LOCATIONS: tuple[str, ...] = ("same_city", "remote")
SEVERITIES: tuple[str, ...] = ("general", "major")
KINDS: tuple[str, ...] = ("deadline", "immediate", "window")
# Where a rule applies; "any" means both locations.
RULE_LOCATIONS: tuple[str, ...] = ("same_city", "remote", "any")
# Incident facts a rule may require to be true (3.2.4, 4.2.2.x(4), 4.3.4(6)).
FACTS: tuple[str, ...] = ("business_line", "customer_dispute")

# The parties a rule may name as responsible (the catalogue's 责任方 column), in the rule set's own words; a rule
# names one or several, joined by PARTY_SEPARATOR. Who each of them is for an incident and an account is the
# deadline board's business (`desktop.services.deadline_board.MyScope`).
INCIDENT_UNIT = "事发单位"
LOCAL_LEAD = "属地牵头部门"
BRANCH_OFFICE = "分行办公室"
BUSINESS_DEPT = "主办业务部门"
LEADING_GROUP = "处置领导小组"
SPOKESPERSON = "新闻发言人"
INTERVIEWED_UNIT = "受访单位"
PARTIES: tuple[str, ...] = (INCIDENT_UNIT, LOCAL_LEAD, BRANCH_OFFICE, BUSINESS_DEPT, LEADING_GROUP, SPOKESPERSON,
                            INTERVIEWED_UNIT)
PARTY_SEPARATOR = "、"

# Clock starts other than an event type (docs/deadline-catalogue.md, "When a clock starts").
ANCHOR_OCCURRED = "occurred"
ANCHOR_MAJOR_SINCE = "major_since"
# The event that turns a general incident into a major one (4.1: only upwards).
ESCALATED_TO_MAJOR = "escalated_to_major"

STATUSES: tuple[str, ...] = ("waiting", "pending", "met", "late", "overdue", "open", "lapsed", "superseded")
# The statuses each kind can take; `waiting` and `superseded` apply to every kind.
KIND_STATUSES: dict[str, frozenset[str]] = {
    "deadline": frozenset({"waiting", "pending", "met", "late", "overdue", "superseded"}),
    "immediate": frozenset({"waiting", "pending", "met", "superseded"}),
    "window": frozenset({"waiting", "open", "met", "late", "lapsed", "superseded"}),
}


class InputProblem(StrEnum):
    """What is wrong with an input, for callers that explain it in their own words."""

    INVALID = "invalid"
    UNKNOWN_EVENT_TYPE = "unknown_event_type"
    BEFORE_OCCURRED = "before_occurred"  # an event before the incident occurred
    AFTER_NOW = "after_now"
    ALREADY_MAJOR = "already_major"  # escalating an incident major from the start (4.1)
    MISSING_PRIOR = "missing_prior"  # an event whose required predecessor never happened (3.1.4)
    BEFORE_PRIOR = "before_prior"  # an event before its required predecessor


class InputError(ValueError):
    """Bad input, refused with a message naming the offending field (`events[2].at`).

    `code` says what is wrong (callers never match on the message); for `MISSING_PRIOR` and `BEFORE_PRIOR`,
    `prior` is the event type that must come first."""

    def __init__(
        self, field: str, message: str, code: InputProblem = InputProblem.INVALID, prior: str | None = None
    ) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.code = code
        self.prior = prior


@dataclass(frozen=True, slots=True)
class IncidentFacts:
    """What the deadlines depend on. `initial_severity` is the severity when first recorded."""

    occurred_at: datetime
    location: str
    initial_severity: str
    business_line: bool = False
    customer_dispute: bool = False


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    type: str
    at: datetime


@dataclass(frozen=True)
class EventType:
    """One kind of timeline event, with the words the UI uses for it."""

    type: str
    label_zh: str
    action_zh: str
    action_zh_same_city: str | None = None
    action_zh_remote: str | None = None
    remote_only: bool = False
    # Extra data the UI asks for when recording the event, by name, with their Chinese labels.
    fields: tuple[str, ...] = ()
    field_labels_zh: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # Refused when earlier than the earliest event of this type, or without one (3.1.4: no skipping levels).
    requires_prior: str | None = None

    def action_for(self, location: str) -> str:
        """The button text for an incident at `location`."""
        if location == "same_city" and self.action_zh_same_city:
            return self.action_zh_same_city
        if location == "remote" and self.action_zh_remote:
            return self.action_zh_remote
        return self.action_zh

    def applies_to(self, location: str) -> bool:
        return not self.remote_only or location == "remote"


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the catalogue: who must do what, by when, and when it is listed at all."""

    id: str
    article: str
    kind: str
    responsible: str
    done_by: str
    anchor: str
    limit: timedelta
    location: str = "any"
    general_only: bool = False
    major: bool = False
    requires_event: str | None = None
    requires_fact: str | None = None
    label_zh: str = ""
    deliverable_zh: str = ""
    note_zh: str = ""
    # The responsible parties one by one (members of PARTIES, as the loader checks), read once from `responsible`.
    parties: tuple[str, ...] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parties", tuple(self.responsible.split(PARTY_SEPARATOR)))

    @property
    def limit_minutes(self) -> int:
        return int(self.limit.total_seconds() // 60)


@dataclass(frozen=True, slots=True)
class RuleSet:
    id: str
    version: int
    title_zh: str
    rules: tuple[Rule, ...]
    event_types: dict[str, EventType] = field(compare=False, hash=False)
    sha256: str = ""
    # Precomputed for the engine: the rules that can be listed, per (location, major when first recorded),
    # in the contract's tie order (id by code point) so that a stable sort by due_at finishes the job.
    _by_context: dict[tuple[str, bool], tuple[Rule, ...]] = field(
        init=False, repr=False, compare=False, hash=False
    )
    _remote_only_types: frozenset[str] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_id = sorted(self.rules, key=lambda rule: rule.id)
        by_context = {
            (location, initially_major): tuple(
                rule
                for rule in by_id
                if rule.location in ("any", location) and not (rule.general_only and initially_major)
            )
            for location in LOCATIONS
            for initially_major in (False, True)
        }
        object.__setattr__(self, "_by_context", by_context)
        remote_only = frozenset(t for t, et in self.event_types.items() if et.remote_only)
        object.__setattr__(self, "_remote_only_types", remote_only)

    def candidate_rules(self, location: str, initially_major: bool) -> tuple[Rule, ...]:
        """The rules whose location and general-only conditions allow them for such an incident."""
        return self._by_context[(location, initially_major)]

    @property
    def remote_only_types(self) -> frozenset[str]:
        return self._remote_only_types

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


@dataclass(frozen=True, slots=True)
class RuleStatus:
    rule: Rule
    due_at: datetime | None
    status: str
    done_at: datetime | None

    @property
    def id(self) -> str:
        return self.rule.id
