"""Bad input of every kind reaches the service layer's public functions and gets the core's own refusal, never
another exception (a database error, a TypeError deep in a query), on SQLite and on PostgreSQL.

A first slice: log-in and accounts, and the scripted intake (`incidents add`) down to create_incident."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import demo
from desktop.cli import intake
from desktop.db.session import Database
from desktop.errors import RepDeskError
from desktop.services import accounts, incidents

WEIRD_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),  # NUL and the other control characters
    st.text(min_size=300, max_size=5000),
    st.sampled_from(["", " ", "\x00", "admin\x00", "'; DROP TABLE users; --", "xinxi"]),
)
ANYTHING = st.one_of(WEIRD_TEXT, st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                     st.floats(allow_nan=True), st.lists(st.integers(), max_size=3),
                     st.datetimes(timezones=st.just(UTC)), st.datetimes())
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                          HealthCheck.too_slow])


@pytest.fixture
def org(db: Database) -> tuple[Database, dict[str, Any]]:
    with db.session() as s:
        actors = demo.build_accounts(s, demo.build_organisation(s))
    return db, actors


def _refused_or_done(db: Database, call: Any) -> None:
    try:
        with db.session() as s:
            call(s)
    except RepDeskError:
        pass


@FUZZ
@given(name=ANYTHING, password=ANYTHING)
def test_authenticate(org: tuple[Database, dict[str, Any]], name: Any, password: Any) -> None:
    db, _actors = org
    _refused_or_done(db, lambda s: accounts.authenticate(s, name, password))


@FUZZ
@given(old=ANYTHING, new=ANYTHING)
def test_change_password(org: tuple[Database, dict[str, Any]], old: Any, new: Any) -> None:
    db, actors = org
    _refused_or_done(db, lambda s: accounts.change_password(s, actors["fayan"], old, new))


@FUZZ
@given(user_id=ANYTHING, password=ANYTHING)
def test_reset_password(org: tuple[Database, dict[str, Any]], user_id: Any, password: Any) -> None:
    db, actors = org
    _refused_or_done(db, lambda s: accounts.reset_password(s, actors["admin"], user_id, password))


FIELD_VALUES = st.dictionaries(st.sampled_from([*intake.FIELDS, "unknown", "\x00"]), ANYTHING, max_size=8)


@FUZZ
@given(changes=FIELD_VALUES)
def test_incident_intake(org: tuple[Database, dict[str, Any]], changes: dict[str, Any]) -> None:
    db, actors = org
    with db.read() as s:
        base = intake.example(s, actors["xinxi"], datetime.now(UTC))
    text = __import__("json").dumps({**base, **changes}, default=str)

    def add(s: Any) -> None:
        data = intake.parse(text)
        incidents.create_incident(s, actors["xinxi"], intake.to_service(s, data))

    _refused_or_done(db, add)
