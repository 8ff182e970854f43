"""The example's closed year (desktop.demo.history): closed incidents over the twelve months before the current ones,
numbered in the order they happened, handled through the services (the audit chain verifies), not all on time,
with accountability items in several quarters, two grown from monitoring entries and one complaint reported back."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from desktop import demo
from desktop.db.models import AccountabilityItem, Incident, IncidentEvent
from desktop.db.register_tables import Complaint, ComplaintStep, MonitoringEntry
from desktop.demo import history
from desktop.domain import SYSTEM, IncidentStatus
from desktop.registers import statistics
from desktop.services import audit
from desktop.timeutil import now_utc, to_cst


def _incidents(s: Any) -> list[Incident]:
    return list(s.execute(select(Incident).order_by(Incident.id)).scalars())


def test_the_year_comes_first_closed_and_numbered_in_time(demo_db: Any) -> None:
    with demo_db.read() as s:
        rows = _incidents(s)
        current = {demo.number_of(s, key) for key in demo.TITLES}
    past, now = rows[:history.COUNT], rows[history.COUNT:]
    assert len(rows) == history.COUNT + 4 and {r.number for r in now} == current
    assert all(r.status == IncidentStatus.CLOSED and r.closed_at is not None for r in past)
    assert [r.occurred_at for r in past] == sorted(r.occurred_at for r in past)  # recorded in the order it happened
    for year in {to_cst(r.occurred_at).year for r in rows}:  # each year's numbers are dense, in recording order
        numbers = [r.number for r in rows if to_cst(r.occurred_at).year == year]
        assert numbers == [f"SY{year}-{n:04d}" for n in range(1, len(numbers) + 1)]
    first, last = min(r.occurred_at for r in past), max(r.occurred_at for r in past)
    assert timedelta(days=300) < now_utc() - first < timedelta(days=366) and now_utc() - last > timedelta(days=25)
    assert len({to_cst(r.occurred_at).strftime("%Y-%m") for r in past}) >= 10  # every month has something
    assert sum(r.severity == "major" for r in past) == len(history.MAJORS)
    assert len({r.unit_id for r in past}) >= 6 and len({r.source for r in past}) == 5


def test_the_year_is_on_the_record_and_not_all_on_time(demo_db: Any) -> None:
    with demo_db.read() as s:
        assert audit.verify(s).ok
        late = s.execute(select(IncidentEvent.id).where(IncidentEvent.late_reason != "")).all()
        quarters = set(s.execute(select(AccountabilityItem.quarter).where(AccountabilityItem.quarter != "")).scalars())
        period = statistics.between(to_cst(now_utc() - timedelta(days=365)).date(), to_cst(now_utc()).date())
        figures = statistics.compute(s, SYSTEM, period)
    assert late and len(quarters) >= 3
    assert figures.total == history.COUNT + 4 and sum(c.value for c in figures.by_month if c.value) == figures.total
    met = sum(r.met for r in figures.on_time_rules)
    due = sum(r.met + r.late + r.missed for r in figures.on_time_rules)
    assert 0.75 < met / due < 0.98  # mostly on time, not a flat 100 %


def test_monitoring_entries_and_a_complaint_joined_the_year(demo_db: Any) -> None:
    with demo_db.read() as s:
        past = {r.id for r in _incidents(s)[:history.COUNT]}
        escalated = list(s.execute(select(MonitoringEntry).where(MonitoringEntry.state == "escalated")).scalars())
        joined = list(s.execute(select(Complaint).where(Complaint.incident_id.in_(past))).scalars())
        steps = {k for (k,) in s.execute(select(ComplaintStep.kind).where(ComplaintStep.complaint_id == joined[0].id))}
        reported = s.execute(select(IncidentEvent.id).where(IncidentEvent.incident_id == joined[0].incident_id,
                                                            IncidentEvent.type == "complaint_result_reported")).all()
    assert len([e for e in escalated if e.incident_id in past]) == 2
    assert len(joined) == 1 and joined[0].state == "resolved" and {"linked", "result_reported"} <= steps
    assert len(reported) == 1  # 4.2.2.x(4): the result went back to the lead department on the timeline
