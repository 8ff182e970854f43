"""The rule set in force, and every rule set an incident was judged under, stored verbatim."""

from __future__ import annotations

import functools

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import RuleSetRecord
from desktop.rules.loader import default_ruleset, parse_ruleset
from desktop.rules.model import RuleSet
from desktop.timeutil import now_utc

_known: dict[tuple[str, int], RuleSet] = {}


def active_ruleset(session: Session) -> RuleSet:
    """The default rule set; stored in the database the first time it is used so that old incidents keep it."""
    rules = default_ruleset()
    _known[(rules.id, rules.version)] = rules
    stored = session.execute(
        select(RuleSetRecord).where(RuleSetRecord.rule_set_id == rules.id, RuleSetRecord.version == rules.version)
    ).scalar_one_or_none()
    if stored is None:
        content = rules_file_text()
        session.add(RuleSetRecord(rule_set_id=rules.id, version=rules.version, sha256=rules.sha256,
                                  content=content, loaded_at=now_utc()))
        session.flush()
    return rules


def rules_file_text() -> str:
    from desktop.paths import resource

    return resource("rules", "default.json").read_text(encoding="utf-8")


def remember(session: Session) -> None:
    """Load every stored rule set so ruleset_for() can answer without a session."""
    for rec in session.execute(select(RuleSetRecord)).scalars():
        key = (rec.rule_set_id, rec.version)
        if key not in _known:
            _known[key] = _parse(rec.content)


@functools.lru_cache(maxsize=16)
def _parse(content: str) -> RuleSet:
    return parse_ruleset(content.encode("utf-8"), source="stored rule set")


def ensure(session: Session, rule_set_id: str, version: int) -> None:
    """Make ruleset_for() answer for this rule set: an incident judged under an older version than the program's
    (version 1 lacked the complaint report-back rule of 4.2.2.1(4)) keeps the version stored when it was recorded."""
    if (rule_set_id, version) in _known:
        return
    rules = default_ruleset()
    if (rules.id, rules.version) == (rule_set_id, version):
        _known[(rule_set_id, version)] = rules
        return
    stored = session.execute(
        select(RuleSetRecord).where(RuleSetRecord.rule_set_id == rule_set_id, RuleSetRecord.version == version)
    ).scalar_one_or_none()
    if stored is not None:
        _known[(rule_set_id, version)] = _parse(stored.content)


def ruleset_for(rule_set_id: str, version: int) -> RuleSet:
    key = (rule_set_id, version)
    if key in _known:
        return _known[key]
    rules = default_ruleset()
    if (rules.id, rules.version) == key:
        _known[key] = rules
        return rules
    raise LookupError(f"rule set {rule_set_id} v{version} is not loaded")

