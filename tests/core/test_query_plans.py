"""The main queries of the window and the commands use an index on both databases (migration 0015_scale).

Each service call is run on the example data while every statement it sends is captured; each statement is then
explained by the database itself (SQLite's EXPLAIN QUERY PLAN; PostgreSQL's EXPLAIN with sequential scans priced
out, so a scan remains only where no index can serve). A table that grows with the years (incidents, their events,
documents, versions, decisions, the record) must never be read whole; the organisation's small tables may be."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import event

from desktop import demo
from desktop.db.session import Database
from desktop.domain import SYSTEM, Actor, IncidentStatus
from desktop.services import accounts, approvals, audit, deadline_board, drafts, history, incidents, printing
from desktop.services.incidents import IncidentFilter

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
# Tables that grow with history: never scanned whole.
BIG = ("incidents", "incident_events", "documents", "document_versions", "approval_decisions", "audit_log",
       "media_contacts", "appeasements", "leadership_members", "opinion_entries", "reminder_acks", "drafts",
       "document_prints", "paper_signatures")


@pytest.fixture
def example(db: Database, fill_example: Any) -> Database:
    fill_example(db, now=NOW, year=False)  # the current incidents alone: quicker
    return db


def _actor(db: Database, username: str) -> Actor:
    with db.session() as s:
        return accounts.authenticate(s, username, demo.DEMO_PASSWORD).actor()


@contextmanager
def _captured(db: Database) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def before(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT") and not many:
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def _full_scans(db: Database, statement: str, parameters: Any) -> list[str]:
    """The plan's lines that read a growing table whole."""
    with db.engine.connect() as conn:
        if db.engine.dialect.name == "sqlite":
            plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
            # "SCAN t" reads every row; "SCAN t USING [COVERING] INDEX" walks an index in its order (stopped by
            # LIMIT, or an index-only count), "SEARCH" seeks
            return [line for line in plan if line.startswith("SCAN ") and " USING " not in line
                    and line.split()[1] in BIG]
        conn.exec_driver_sql("SET enable_seqscan = off")
        plan = [row[0] for row in conn.exec_driver_sql("EXPLAIN " + statement, parameters)]
        return [line.strip() for line in plan if "Seq Scan on " in line
                and line.split("Seq Scan on ")[1].split()[0] in BIG]


def _check(db: Database, call: Callable[..., object], *args: Any) -> list[str]:
    """Run call(session, *args); return every statement it sent whose plan reads a growing table whole."""
    with db.read() as s, _captured(db) as seen:
        result = call(s, *args)
        if isinstance(result, Iterator):
            list(result)
    assert seen, "the call sent no query"
    bad = []
    for statement, parameters in seen:
        scans = _full_scans(db, statement, parameters)
        if scans:
            bad.append(f"{scans}\n  in: {' '.join(statement.split())[:400]}")
    return bad


YEAR = IncidentFilter(occurred_from=date(2026, 1, 1), occurred_to=date(2026, 12, 31))
FILTERS = {
    "none": IncidentFilter(),
    "open": IncidentFilter(status=IncidentStatus.OPEN),
    "closed": IncidentFilter(status=IncidentStatus.CLOSED),
    "major": IncidentFilter(severity="major"),
    "unit": None,  # filled with a real unit below
    "dates": IncidentFilter(occurred_from=date(2026, 3, 1), occurred_to=date(2026, 3, 2)),
    "text": IncidentFilter(text="飞单"),
}


def test_the_open_incidents_and_their_events_are_read_through_indexes(example: Database) -> None:
    assert _check(example, lambda s: incidents.list_incidents(s, SYSTEM, status=IncidentStatus.OPEN)) == []
    jingban = _actor(example, "jingban")  # a scoped user: visibility by unit or business department
    assert _check(example, lambda s: incidents.list_incidents(s, jingban, status=IncidentStatus.OPEN)) == []
    # The window's first fill: plain columns, the events joined on the open status
    assert _check(example, lambda s: incidents.open_records(s, SYSTEM)) == []
    assert _check(example, lambda s: incidents.open_records(s, jingban)) == []


def test_a_page_of_the_list_and_its_count_use_indexes_under_each_filter(example: Database) -> None:
    """Newest first (the list's order) and by number: an index gives the order, so a page reads its rows only.
    (A click on another header, e.g. the unit, sorts the filtered rows in the database: one pass, not per page.)"""
    with example.read() as s:
        baoding = next(u.id for u in incidents.org.list_units(s) if u.name == "华夏银行保定分行")
    chosen = {**FILTERS, "unit": IncidentFilter(unit_id=baoding)}
    bad = []
    for actor in (SYSTEM, _actor(example, "jingban")):
        for name, f in chosen.items():
            assert f is not None
            for sort_key in ("occurred_at", "number"):
                bad += [f"{name} {sort_key}: {b}" for b in _check(
                    example, incidents.page_incidents, actor, f, sort_key, True, 0, 200)]
            bad += [f"{name} count: {b}" for b in _check(example, incidents.count_incidents, actor, f)]
    assert bad == []


def test_search_uses_indexes(example: Database) -> None:
    jingban = _actor(example, "jingban")
    for text in ("孙晓", "SY2026-0001", "保定 飞单"):
        assert _check(example, incidents.search_incidents, SYSTEM, text, 20) == []
        assert _check(example, incidents.search_incidents, jingban, text, 20) == []


def test_the_register_of_a_year_reads_its_period_through_indexes(example: Database) -> None:
    assert _check(example, lambda s: incidents.iter_incidents(s, SYSTEM, YEAR, chunk=2)) == []
    hangzhang = _actor(example, "hangzhang")
    assert _check(example, lambda s: printing.build_register(s, hangzhang, date(2026, 1, 1), date(2026, 12, 31),
                                                             NOW)) == []


def test_the_approval_queue_uses_indexes(example: Database) -> None:
    for name in ("bangongshi", "hangzhang", "jingban"):
        who = _actor(example, name)
        assert _check(example, approvals.pending_for, who, NOW) == []
        assert _check(example, approvals.returned_to, who) == []


def test_changes_since_a_mark_acks_drafts_and_history_use_indexes(example: Database) -> None:
    with example.read() as s:
        newest, _ = audit.changes_after(s, None)
        first = incidents.list_incidents(s, SYSTEM)[0].id
    assert _check(example, lambda s: audit.changes_after(s, newest - 5)) == []
    jingban = _actor(example, "jingban")
    assert _check(example, lambda s: deadline_board.acknowledged_keys(s, jingban.user_id)) == []
    assert _check(example, lambda s: drafts.load_draft(s, "jingban", "intake")) == []
    assert _check(example, lambda s: history.history(s, SYSTEM, first)) == []


def test_the_check_sees_a_full_scan(example: Database) -> None:
    """Not vacuous: a query no index can serve is reported on both databases."""
    from sqlalchemy import select

    from desktop.db.models import Incident

    found = _check(example, lambda s: s.execute(select(Incident.id).where(Incident.place == "x")).all())
    assert len(found) == 1 and "incidents" in found[0]
