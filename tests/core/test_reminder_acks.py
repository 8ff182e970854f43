"""Deadline reminders: which are shown, and each account's acknowledgements kept in the database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from desktop.db.models import Incident, User
from desktop.db.session import Database
from desktop.domain import Actor, IncidentStatus
from desktop.errors import PermissionDenied, ValidationError
from desktop.services import deadline_board as dl

T0 = datetime(2026, 3, 2, 1, 15, tzinfo=UTC)
Key = dl.ReminderKey


def _row(rule_id: str, kind: str = "deadline", limit_min: int = 30, incident_id: int = 1) -> dl.DeadlineRow:
    row = dl.DeadlineRow(incident_id, "SY2026-0001", "测试", 5, "中山路支行", 2, None, "general", "3.2.1",
                         "3.2.1", "报告", "deadline", "事发单位", "reported_to_lead", T0, 1800.0, T0.timestamp())
    due = T0 + timedelta(minutes=limit_min)
    return replace(row, rule_id=rule_id, kind=kind, limit_seconds=limit_min * 60.0, due_at=due,
                   due_ts=due.timestamp())


def test_reminders_are_the_unacknowledged_duties_in_a_reminder_state_most_urgent_first() -> None:
    now = (T0 + timedelta(minutes=40)).timestamp()
    overdue = _row("a", limit_min=30)  # 10 minutes past
    soon = _row("b", limit_min=45)  # 5 minutes left
    calm = _row("c", limit_min=24 * 60)
    immediate = _row("d", kind="immediate", limit_min=0)
    window = _row("e", kind="window", limit_min=240)
    rows = [calm, immediate, soon, window, overdue]
    assert dl.reminders(rows, now, frozenset()) == [
        (overdue, dl.OVERDUE), (soon, dl.DUE_SOON), (immediate, dl.IMMEDIATE)]
    # Acknowledged in its state: quiet. Acknowledging "due soon" does not silence the later "overdue".
    acked = {Key(1, "b", dl.DUE_SOON), Key(1, "a", dl.DUE_SOON), Key(1, "d", dl.IMMEDIATE)}
    assert dl.reminders(rows, now, acked) == [(overdue, dl.OVERDUE)]
    later = (T0 + timedelta(minutes=46)).timestamp()
    assert dl.reminders(rows, later, acked) == [(overdue, dl.OVERDUE), (soon, dl.OVERDUE)]  # due soon -> overdue


@pytest.fixture
def world(db: Database, fill_example: Any) -> dict[str, object]:
    made = fill_example(db, year=False)  # the current incidents alone: quicker
    with db.read() as s:
        users = {u.username: Actor(u.id, u.display_name, u.unit_id) for u in s.execute(select(User)).scalars()}
    return {"db": db, "incidents": made, "users": users}


def test_acknowledgements_are_kept_per_account_and_per_state(world: dict[str, object]) -> None:
    db: Database = world["db"]  # type: ignore[assignment]
    users: dict[str, Actor] = world["users"]  # type: ignore[assignment]
    made: dict[str, int] = world["incidents"]  # type: ignore[assignment]
    i = made["overdue"]
    jingban, bangongshi = users["jingban"], users["bangongshi"]
    at = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
    with db.session() as s:
        stored = dl.acknowledge(s, jingban, [Key(i, "3.2.2a", dl.DUE_SOON), (i, "3.2.2a", dl.OVERDUE)], now=at)
    assert stored == [Key(i, "3.2.2a", dl.DUE_SOON), Key(i, "3.2.2a", dl.OVERDUE)]
    with db.session() as s:  # twice is harmless
        assert dl.acknowledge(s, jingban, [Key(i, "3.2.2a", dl.OVERDUE)]) == []
    with db.read() as s:
        assert dl.acknowledged_keys(s, jingban.user_id) == {Key(i, "3.2.2a", dl.DUE_SOON),
                                                           Key(i, "3.2.2a", dl.OVERDUE)}
        assert dl.acknowledged_keys(s, bangongshi.user_id) == frozenset()  # another account: nothing
        assert dl.acknowledged_keys(s, None) == frozenset()
        from desktop.db.models import ReminderAck

        assert {a.acknowledged_at for a in s.execute(select(ReminderAck)).scalars()} == {at}
    # A closed incident's reminders are over: no longer listed.
    with db.session() as s:
        incident = s.get(Incident, i)
        assert incident is not None
        incident.status = IncidentStatus.CLOSED
    with db.read() as s:
        assert dl.acknowledged_keys(s, jingban.user_id) == frozenset()
        assert dl.acknowledged_keys(s, jingban.user_id, [i]) == {Key(i, "3.2.2a", dl.DUE_SOON),
                                                                 Key(i, "3.2.2a", dl.OVERDUE)}


def test_acknowledging_needs_an_account_and_a_reminder_state(world: dict[str, object]) -> None:
    db: Database = world["db"]  # type: ignore[assignment]
    users: dict[str, Actor] = world["users"]  # type: ignore[assignment]
    i = world["incidents"]["overdue"]  # type: ignore[index]
    with db.session() as s, pytest.raises(PermissionDenied):
        dl.acknowledge(s, Actor(None, "系统", None), [Key(i, "3.2.2a", dl.OVERDUE)])
    with db.session() as s, pytest.raises(ValidationError):
        dl.acknowledge(s, users["jingban"], [Key(i, "3.2.2a", dl.COMFORTABLE)])
    with db.session() as s:  # an incident that does not exist (any more): nothing to keep
        assert dl.acknowledge(s, users["jingban"], [Key(10**6, "3.2.2a", dl.OVERDUE)]) == []
        assert dl.acknowledge(s, users["jingban"], []) == []
