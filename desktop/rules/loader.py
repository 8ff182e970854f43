"""Read a rule set (the catalogue kept as data, `resources/rules/*.json`) and check it thoroughly.

A branch with other limits edits the data, not the code; a mistake in the data must therefore stop the program
with a message that names the place, not produce wrong deadlines.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

from desktop.rules.model import (
    ANCHOR_MAJOR_SINCE,
    ANCHOR_OCCURRED,
    FACTS,
    KINDS,
    PARTIES,
    PARTY_SEPARATOR,
    RULE_LOCATIONS,
    EventType,
    Rule,
    RuleSet,
)

_TOP_KEYS = {"id": True, "version": True, "title_zh": True, "event_types": True, "rules": True}
_EVENT_KEYS = {
    "type": True,
    "label_zh": True,
    "action_zh": True,
    "action_zh_same_city": False,
    "action_zh_remote": False,
    "remote_only": False,
    "fields": False,
    "field_labels_zh": False,
    "requires_prior": False,
}
_RULE_KEYS = {
    "id": True,
    "article": True,
    "applies": True,
    "anchor": True,
    "limit_minutes": True,
    "kind": True,
    "responsible": True,
    "done_by": True,
    "label_zh": True,
    "deliverable_zh": True,
    "note_zh": False,
}
_APPLIES_KEYS = {
    "location": False,
    "general_only": False,
    "major": False,
    "requires_event": False,
    "requires_fact": False,
}


class RuleSetError(ValueError):
    """A rule set file that cannot be used; the message names the file and the place in it."""


class _Reader:
    """Typed access to one JSON object, with errors that name where in the file they are."""

    def __init__(self, source: str, where: str, obj: object, keys: dict[str, bool]) -> None:
        self.source = source
        self.where = where
        if not isinstance(obj, dict):
            self.fail("must be an object")
        self.obj: dict[str, Any] = obj
        for key in self.obj:
            if key not in keys:
                self.fail(f"unknown key {key!r} (allowed: {', '.join(keys)})")
        for key, required in keys.items():
            if required and key not in self.obj:
                self.fail(f"missing key {key!r}")

    def fail(self, message: str, key: str | None = None) -> NoReturn:
        place = f"{self.where}.{key}" if key and self.where else (key or self.where or "(top level)")
        raise RuleSetError(f"{self.source}: {place}: {message}")

    def text(self, key: str, default: str | None = None, *, empty_ok: bool = False) -> str:
        value = self.obj.get(key, default)
        if not isinstance(value, str) or (not value and not empty_ok):
            self.fail("must be a non-empty string", key)
        return value

    def optional_text(self, key: str) -> str | None:
        return None if self.obj.get(key) is None else self.text(key)

    def flag(self, key: str) -> bool:
        value = self.obj.get(key, False)
        if not isinstance(value, bool):
            self.fail("must be true or false", key)
        return value

    def integer(self, key: str, minimum: int = 0) -> int:
        value = self.obj.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(f"must be an integer >= {minimum}", key)
        return value

    def choice(self, key: str, allowed: Iterable[str], default: str | None = None) -> str:
        value = self.obj.get(key, default)
        if not isinstance(value, str) or value not in allowed:
            self.fail(f"unknown value {value!r} (allowed: {', '.join(sorted(allowed))})", key)
        return value

    def array(self, key: str) -> list[Any]:
        value = self.obj.get(key, [])
        if not isinstance(value, list):
            self.fail("must be an array", key)
        return value


def _event_type(source: str, index: int, raw: object) -> EventType:
    r = _Reader(source, f"event_types[{index}]", raw, _EVENT_KEYS)
    fields = r.array("fields")
    if not all(isinstance(f, str) and f for f in fields) or len(set(fields)) != len(fields):
        r.fail("must be an array of distinct non-empty names", "fields")
    labels = r.obj.get("field_labels_zh", {})
    if not isinstance(labels, dict) or not all(isinstance(v, str) and v for v in labels.values()):
        r.fail("must be an object of non-empty strings", "field_labels_zh")
    if set(labels) - set(fields):
        r.fail(f"labels for fields not listed: {sorted(set(labels) - set(fields))}", "field_labels_zh")
    return EventType(
        type=r.text("type"),
        label_zh=r.text("label_zh"),
        action_zh=r.text("action_zh"),
        action_zh_same_city=r.optional_text("action_zh_same_city"),
        action_zh_remote=r.optional_text("action_zh_remote"),
        remote_only=r.flag("remote_only"),
        fields=tuple(fields),
        field_labels_zh=dict(labels),
        requires_prior=r.optional_text("requires_prior"),
    )


def _rule(source: str, index: int, raw: object, event_types: dict[str, EventType]) -> Rule:
    # Name the rule by its id too, when it has one, so a message points at the right row.
    raw_id = raw.get("id") if isinstance(raw, dict) else None
    where = f"rules[{index}] ({raw_id})" if isinstance(raw_id, str) and raw_id else f"rules[{index}]"
    r = _Reader(source, where, raw, _RULE_KEYS)
    rule_id = r.text("id")
    applies = _Reader(source, f"{r.where}.applies", r.obj["applies"], _APPLIES_KEYS)
    known_events = set(event_types)
    requires_event = applies.obj.get("requires_event")
    if requires_event is not None:
        requires_event = applies.choice("requires_event", known_events)
    requires_fact = applies.obj.get("requires_fact")
    if requires_fact is not None:
        requires_fact = applies.choice("requires_fact", FACTS)
    kind = r.choice("kind", KINDS)
    limit_minutes = r.integer("limit_minutes")
    if kind == "immediate" and limit_minutes != 0:
        r.fail("must be 0 for an immediate rule", "limit_minutes")
    responsible = r.text("responsible")
    unknown = [p for p in responsible.split(PARTY_SEPARATOR) if p not in PARTIES]
    if unknown:
        r.fail(f"unknown party {unknown[0]!r} (allowed: {', '.join(PARTIES)}, joined by {PARTY_SEPARATOR!r})",
               "responsible")
    return Rule(
        id=rule_id,
        article=r.text("article"),
        kind=kind,
        responsible=responsible,
        done_by=r.choice("done_by", known_events),
        anchor=r.choice("anchor", known_events | {ANCHOR_OCCURRED, ANCHOR_MAJOR_SINCE}),
        limit=timedelta(minutes=limit_minutes),
        location=applies.choice("location", RULE_LOCATIONS, default="any"),
        general_only=applies.flag("general_only"),
        major=applies.flag("major"),
        requires_event=requires_event,
        requires_fact=requires_fact,
        label_zh=r.text("label_zh"),
        deliverable_zh=r.text("deliverable_zh"),
        note_zh=r.text("note_zh", "", empty_ok=True),
    )


def parse_ruleset(data: bytes, source: str = "<rule set>") -> RuleSet:
    """Build a `RuleSet` from the bytes of a rule set file; `RuleSetError` names what is wrong and where."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RuleSetError(f"{source}: not valid UTF-8 JSON: {exc}") from None
    top = _Reader(source, "", doc, _TOP_KEYS)
    version = top.integer("version", minimum=1)

    event_types: dict[str, EventType] = {}
    for index, raw in enumerate(top.array("event_types")):
        event_type = _event_type(source, index, raw)
        if event_type.type in event_types:
            top.fail(f"duplicate event type {event_type.type!r}", f"event_types[{index}]")
        event_types[event_type.type] = event_type
    for index, event_type in enumerate(event_types.values()):
        if event_type.requires_prior is not None and event_type.requires_prior not in event_types:
            where = f"event_types[{index}].requires_prior"
            top.fail(f"unknown event type {event_type.requires_prior!r}", where)

    rules: list[Rule] = []
    seen: set[str] = set()
    for index, raw in enumerate(top.array("rules")):
        rule = _rule(source, index, raw, event_types)
        if rule.id in seen:
            top.fail(f"duplicate rule id {rule.id!r}", f"rules[{index}]")
        seen.add(rule.id)
        rules.append(rule)

    canonical = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return RuleSet(
        id=top.text("id"),
        version=version,
        title_zh=top.text("title_zh"),
        rules=tuple(rules),
        event_types=event_types,
        sha256=hashlib.sha256(canonical).hexdigest(),
    )


def load_ruleset(path: str | Path) -> RuleSet:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RuleSetError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    return parse_ruleset(data, str(path))


@cache
def default_ruleset() -> RuleSet:
    """The shipped catalogue (docs/deadline-catalogue.md), read once per process."""
    from desktop.paths import resource

    return load_ruleset(resource("rules", "default.json"))
