"""The deadline engine: the deadline catalogue (docs/deadline-catalogue.md) kept as data, and the pure
function applying it.

Nothing under `desktop.rules` imports Qt, SQLAlchemy or ReportLab: the `deadlines` command must start quickly.
"""

from __future__ import annotations

from desktop.rules.engine import evaluate, major_since, validate_facts, validate_timeline
from desktop.rules.loader import RuleSetError, default_ruleset, load_ruleset, parse_ruleset
from desktop.rules.model import (
    EventType,
    IncidentFacts,
    InputError,
    Rule,
    RuleSet,
    RuleStatus,
    TimelineEvent,
)

__all__ = [
    "EventType",
    "IncidentFacts",
    "InputError",
    "Rule",
    "RuleSet",
    "RuleSetError",
    "RuleStatus",
    "TimelineEvent",
    "default_ruleset",
    "evaluate",
    "load_ruleset",
    "major_since",
    "parse_ruleset",
    "validate_facts",
    "validate_timeline",
]
