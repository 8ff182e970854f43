"""Which actions an incident's timeline offers next, in the user's words (from the rule set's event types)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain import Actor, IncidentRecord
from desktop.rules.model import RuleSet, RuleStatus
from desktop.services import permissions
from desktop.services.rulesets import ruleset_for

ACTIVE = frozenset({"pending", "overdue", "open"})
# Always offered: things that happen to an incident rather than being due (4.2.2.x(1), 4.3.4(4), 4.1).
ALWAYS = ("media_inquiry", "worsening")


@dataclass(frozen=True)
class NextAction:
    event_type: str
    text: str
    urgent: bool  # a rule it closes is overdue or immediate
    articles: tuple[str, ...] = ()


def next_actions(record: IncidentRecord, statuses: list[RuleStatus], actor: Actor,
                 ruleset: RuleSet | None = None) -> list[NextAction]:
    """The done-by events of rules still pending/overdue/open, soonest first, then the always-available ones.

    When a due event needs a prior one that has not happened (3.1.4: no skipping levels), the prior is offered."""
    rules = ruleset or ruleset_for(record.rule_set_id, record.rule_set_version)
    happened = {e.type for e in record.events}
    found: dict[str, NextAction] = {}
    for s in statuses:
        if s.status not in ACTIVE:
            continue
        event_type = s.rule.done_by
        prior = rules.event_types[event_type].requires_prior if event_type in rules.event_types else None
        if prior and prior not in happened:
            event_type = prior
        urgent = s.status == "overdue" or s.rule.kind == "immediate"
        if event_type in found:
            old = found[event_type]
            found[event_type] = NextAction(event_type, old.text, old.urgent or urgent, (*old.articles, s.rule.article))
            continue
        found[event_type] = NextAction(event_type, rules.event_types[event_type].action_for(record.location),
                                       urgent, (s.rule.article,))
    extra = list(ALWAYS)
    # 4.1: declaring an incident major is for the lead department and the leaders, and only upwards.
    if not record.is_major and (actor.user_id is None or actor.has(*permissions.ESCALATORS)):
        extra.append("escalated_to_major")
    for event_type in extra:
        if event_type not in found and event_type in rules.event_types:
            found[event_type] = NextAction(event_type, rules.event_types[event_type].action_for(record.location),
                                           False)
    return list(found.values())


def other_actions(record: IncidentRecord, shown: list[NextAction], ruleset: RuleSet | None = None) -> list[NextAction]:
    """Every other event type that applies to the incident's location (the "other…" menu)."""
    rules = ruleset or ruleset_for(record.rule_set_id, record.rule_set_version)
    taken = {a.event_type for a in shown}
    out = []
    for event_type, et in rules.event_types.items():
        if event_type in taken or not et.applies_to(record.location):
            continue
        if event_type == "escalated_to_major" and record.is_major:
            continue
        out.append(NextAction(event_type, et.action_for(record.location), False))
    return out
