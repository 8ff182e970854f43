"""The window's first fill reads the open incidents with plain-column queries (`incidents.open_records`): the
same records `list_incidents(status=OPEN)` builds from ORM objects, for every account's sight, in fewer queries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event

from desktop import demo
from desktop.db.session import Database
from desktop.domain import SYSTEM, Actor, EventRecord, IncidentRecord, IncidentStatus
from desktop.services import accounts, incidents

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def _actor(db: Database, username: str) -> Actor:
    with db.session() as s:
        return accounts.authenticate(s, username, demo.DEMO_PASSWORD).actor()


def test_open_records_equal_the_orm_listing_for_every_sight(db: Database, fill_example: Any) -> None:
    fill_example(db, now=NOW, year=False)
    with db.read() as s:
        open_now = incidents.list_incidents(s, SYSTEM, status=IncidentStatus.OPEN)
    # A correction (the old event kept, withdrawn, linked both ways) and a withdrawal on one open incident: the
    # record is evidence, so the fast reader must carry them exactly as the ORM path does.
    def changeable(r: IncidentRecord) -> list[EventRecord]:
        return [e for e in r.events if not e.withdrawn and e.type not in incidents.WORKFLOW_EVENTS
                and incidents.change_refusal(SYSTEM, r, e, True) is None]

    some = next(r for r in open_now if len(changeable(r)) >= 2)
    first, second = changeable(some)[:2]
    db.run(lambda s: incidents.correct_event(s, SYSTEM, first.id, note="更正：时间核实", reason="核实后更正",
                                             now=NOW))
    db.run(lambda s: incidents.withdraw_event(s, SYSTEM, second.id, reason="误录", now=NOW))
    for actor in (SYSTEM, _actor(db, "hangzhang"), _actor(db, "jingban"), _actor(db, "xinxi")):
        with db.read() as s:
            expected = incidents.list_incidents(s, actor, status=IncidentStatus.OPEN)
            got = incidents.open_records(s, actor)
        assert got == expected
    assert got and all(r.status == IncidentStatus.OPEN for r in got)  # xinxi sees some open incidents
    with db.read() as s:
        changed = next(r for r in incidents.open_records(s, SYSTEM) if r.id == some.id)
    assert any(e.corrects_id == first.id for e in changed.events)
    assert any(e.id == second.id and e.withdrawn for e in changed.events)


def test_open_records_leave_out_closed_incidents_and_read_in_a_few_queries(db: Database, fill_example: Any) -> None:
    fill_example(db, now=NOW, year=False)
    with db.read() as s:
        every = incidents.list_incidents(s, SYSTEM)
    closed = [r.id for r in every if r.status != IncidentStatus.OPEN]
    assert closed, "the example holds closed incidents"
    statements: list[str] = []

    def seen(_c: object, _cur: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        with db.read() as s:
            got = incidents.open_records(s, SYSTEM)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert {r.id for r in got} == {r.id for r in every if r.status == IncidentStatus.OPEN}
    assert not set(closed) & {r.id for r in got}
    on_events = [q for q in statements if "incident_events" in q]
    assert len(on_events) == 1  # the events of every open incident in one query, not one per incident
    assert len(statements) <= 6
