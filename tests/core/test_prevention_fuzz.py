"""Bad input of every kind reaches the prevention registers' public functions (training, drills, screenings and
their sign-off, sweeps, plan reviews, withdrawals, follow-ups, accountability per quarter, the export) and gets the
core's own refusal, never another exception; a refused call writes nothing, not even an audit entry. SQLite and
PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop import demo
from desktop.db.models import AuditEntry
from desktop.db.session import Database
from desktop.errors import RepDeskError
from desktop.registers import accountability_quarter, export, followups, prevention

NOW = datetime(2026, 6, 30, 4, 0, tzinfo=UTC)
WEIRD_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),
    st.text(min_size=300, max_size=30_000),
    st.sampled_from(["", " ", "\x00", "'; DROP TABLE units; --", "course", "with_measures", "2026Q5"]),
)
ANYTHING = st.one_of(
    WEIRD_TEXT, st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True), st.lists(st.integers(), max_size=3),
    st.datetimes(timezones=st.just(UTC)), st.datetimes(),
    st.sampled_from([datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC), 2**31, 2**63, 0, -1]),
)
SOME = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@dataclass
class Place:
    db: Database
    people: dict[str, Any]
    units: dict[str, int]
    drill_id: int
    screening_id: int
    followup_id: int


@pytest.fixture
def place(db: Database) -> Place:
    with db.session() as s:
        units = demo.build_organisation(s)
        people = demo.build_accounts(s, units)
        jb = people["jingban"]
        drill = prevention.add_drill(s, jb, unit_id=units["bd_office"], scenario="演练", held_at=NOW, now=NOW)
        assert people["lingdao"].user_id is not None
        screening = prevention.add_screening(
            s, jb, unit_id=units["bd_retail"], subject_kind="system", subject="系统", assessment="评估",
            risk_level="low", verdict="proceed", leader_id=people["lingdao"].user_id, now=NOW)
        item = followups.add_followup(s, jb, source_kind="drill", source_id=drill.id, unit_id=units["bd_office"],
                                      owner="张伟", action="整改", due_at=NOW + timedelta(days=3), now=NOW)
    return Place(db, people, units, drill.id, screening.id, item.id)


def _entries(db: Database) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


def _refused_or_done(p: Place, call: Callable[[Any], object]) -> None:
    before = _entries(p.db)
    try:
        with p.db.session() as s:
            call(s)
    except RepDeskError:
        assert _entries(p.db) == before  # refused: nothing written
    except FileExistsError:
        pass


@SOME
@given(kind=ANYTHING, title=ANYTHING, held_at=ANYTHING, participants=ANYTHING, hours=ANYTHING, note=ANYTHING,
       unit=ANYTHING)
def test_add_training(place: Place, kind: Any, title: Any, held_at: Any, participants: Any, hours: Any, note: Any,
                      unit: Any) -> None:
    _refused_or_done(place, lambda s: prevention.add_training(
        s, place.people["jingban"], unit_id=unit, kind=kind, title=title, held_at=held_at,
        participants=participants, hours=hours, note=note, now=NOW))


@SOME
@given(scenario=ANYTHING, held_at=ANYTHING, units=ANYTHING, participants=ANYTHING, findings=ANYTHING,
       scope=ANYTHING, issues=ANYTHING)
def test_add_drill_and_sweep(place: Place, scenario: Any, held_at: Any, units: Any, participants: Any,
                             findings: Any, scope: Any, issues: Any) -> None:
    unit = place.units["bd_office"]
    _refused_or_done(place, lambda s: prevention.add_drill(
        s, place.people["jingban"], unit_id=unit, scenario=scenario, held_at=held_at, units=units,
        participants=participants, findings=findings, now=NOW))
    _refused_or_done(place, lambda s: prevention.add_sweep(
        s, place.people["jingban"], unit_id=unit, scope=scope, held_at=held_at, findings=findings,
        issues_found=issues, now=NOW))


@SOME
@given(kind=ANYTHING, subject=ANYTHING, assessment=ANYTHING, risk=ANYTHING, verdict=ANYTHING, leader=ANYTHING,
       measures=ANYTHING, launch=ANYTHING)
def test_add_screening(place: Place, kind: Any, subject: Any, assessment: Any, risk: Any, verdict: Any,
                       leader: Any, measures: Any, launch: Any) -> None:
    _refused_or_done(place, lambda s: prevention.add_screening(
        s, place.people["jingban"], unit_id=place.units["bd_retail"], subject_kind=kind, subject=subject,
        assessment=assessment, risk_level=risk, verdict=verdict, leader_id=leader, measures=measures,
        launch_at=launch, now=NOW))


@SOME
@given(year=ANYTHING, name=ANYTHING, reviewed=ANYTHING, conclusion=ANYTHING, changes=ANYTHING)
def test_add_plan_review(place: Place, year: Any, name: Any, reviewed: Any, conclusion: Any, changes: Any) -> None:
    _refused_or_done(place, lambda s: prevention.add_plan_review(
        s, place.people["jingban"], unit_id=place.units["bd_office"], year=year, plan_name=name,
        reviewed_at=reviewed, conclusion=conclusion, changes=changes, now=NOW))


@SOME
@given(register=ANYTHING, record=ANYTHING, reason=ANYTHING, approve=ANYTHING, comment=ANYTHING,
       screening=ANYTHING)
def test_withdraw_and_sign_off(place: Place, register: Any, record: Any, reason: Any, approve: Any, comment: Any,
                               screening: Any) -> None:
    _refused_or_done(place, lambda s: prevention.withdraw(s, place.people["jingban"], register, record, reason,
                                                          now=NOW))
    _refused_or_done(place, lambda s: prevention.sign_off(s, place.people["lingdao"], screening, approve, comment,
                                                          now=NOW))


@SOME
@given(kind=ANYTHING, source=ANYTHING, unit=ANYTHING, owner=ANYTHING, action=ANYTHING, due=ANYTHING,
       followup=ANYTHING, note=ANYTHING)
def test_follow_ups(place: Place, kind: Any, source: Any, unit: Any, owner: Any, action: Any, due: Any,
                    followup: Any, note: Any) -> None:
    jb = place.people["jingban"]
    _refused_or_done(place, lambda s: followups.add_followup(s, jb, source_kind=kind, source_id=source, unit_id=unit,
                                                             owner=owner, action=action, due_at=due, now=NOW))
    _refused_or_done(place, lambda s: followups.complete_followup(s, jb, followup, note, now=NOW))
    _refused_or_done(place, lambda s: followups.cancel_followup(s, jb, followup, note, now=NOW))
    _refused_or_done(place, lambda s: followups.list_followups(s, jb, state=kind, source_kind=owner,
                                                               source_id=source))


@SOME
@given(start=ANYTHING, end=ANYTHING, unit=ANYTHING, quarter=ANYTHING, name=ANYTHING)
def test_lists_and_quarters(place: Place, start: Any, end: Any, unit: Any, quarter: Any, name: Any) -> None:
    admin = place.people["admin"]
    _refused_or_done(place, lambda s: prevention.list_trainings(s, admin, start=start, end=end, unit_id=unit))
    _refused_or_done(place, lambda s: prevention.list_screenings(s, admin, start=start, end=end, state=name))
    _refused_or_done(place, lambda s: prevention.training_totals(s, admin, start, end))
    _refused_or_done(place, lambda s: accountability_quarter.items(s, admin, quarter, name))
    _refused_or_done(place, lambda s: accountability_quarter.summary(s, admin, quarter))


@SOME
@given(register=ANYTHING, fmt=ANYTHING)
def test_export_arguments(place: Place, tmp_path_factory: pytest.TempPathFactory, register: Any, fmt: Any) -> None:
    folder: Path = tmp_path_factory.mktemp("export")
    _refused_or_done(place, lambda s: export.export_register(s, place.people["admin"], register, fmt,
                                                             folder / "out.bin"))
