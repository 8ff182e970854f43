"""benchmarks/make_data.py: the synthetic history is what its docstring promises, on SQLite and PostgreSQL: the
example accounts, 90 % closed over three years and 10 % open within the last week, 1-7 events each, drafts for
some, numbers dense per year, a chain `repdesk audit verify` accepts, and the services carry on where it stopped."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from types import ModuleType

from sqlalchemy import func, select

from desktop.db.models import AuditEntry, DocumentVersion, Incident, IncidentEvent, User
from desktop.db.session import Database
from desktop.demo import ACCOUNTS, DEMO_PASSWORD
from desktop.domain import IncidentStatus
from desktop.integrity import crosscheck
from desktop.services import accounts, documents, incidents
from desktop.timeutil import CST

N = 300


def test_the_history_is_as_promised_and_the_services_continue_it(db_url: str, make_data: ModuleType) -> None:
    hash_password = accounts.hash_password
    db = Database(db_url)
    try:
        started = datetime.now(UTC).replace(microsecond=0)
        made = make_data.fill(db, N, 7)
        assert accounts.hash_password is hash_password  # the hash made ahead was handed over, then put back
        assert made.incidents == N

        with db.read() as s:
            rows = s.execute(select(Incident.id, Incident.number, Incident.status, Incident.occurred_at,
                                    Incident.closed_at)).all()
            per_incident = Counter(s.execute(select(IncidentEvent.incident_id)).scalars())
            versions = list(s.execute(select(DocumentVersion)).scalars())
            users = set(s.execute(select(User.username)).scalars())
            report = crosscheck.check(s)
        assert report.ok, crosscheck.first_problem(report)
        # Every entry keyed and checked: the example's own and the fill's.
        assert report.chain.entries == _count(db, AuditEntry) > made.audit_entries
        assert report.chain.unkeyed_until == 0
        assert users == {a.username for a in ACCOUNTS}

        assert len(rows) == N
        opened = [r for r in rows if r.status == IncidentStatus.OPEN]
        assert len(opened) == round(N * make_data.OPEN_SHARE)
        week = timedelta(days=7)
        assert all(started - week <= r.occurred_at <= started and r.closed_at is None for r in opened)
        closed = [r for r in rows if r.status == IncidentStatus.CLOSED]
        assert all(started - timedelta(days=3 * 365 + 1) <= r.occurred_at < started - week for r in closed)
        assert all(r.closed_at is not None and r.closed_at > r.occurred_at for r in closed)
        # Spread over the three years, not bunched: each of the last three years before this one has some.
        assert len({r.occurred_at.astimezone(CST).year for r in closed}) >= 3

        assert set(per_incident) == {r.id for r in rows}
        assert min(per_incident.values()) == 1 and max(per_incident.values()) == 7
        assert sum(per_incident.values()) == made.events

        assert 0 < len(versions) == made.documents < N // 5
        assert all(documents.content_sha256(v.content) == v.sha256 for v in versions)

        by_year: defaultdict[int, list[int]] = defaultdict(list)
        for r in rows:
            match = re.fullmatch(r"SY(\d{4})-(\d{4})", r.number)
            assert match, r.number
            year = int(match[1])
            assert year == r.occurred_at.astimezone(CST).year
            by_year[year].append(int(match[2]))
        for numbers in by_year.values():
            assert sorted(numbers) == list(range(1, len(numbers) + 1))  # dense from 1
        this_year = datetime.now(CST).year
        used = len(by_year.get(this_year, []))

        # The services continue: the next incident of this year gets the next number (and, on PostgreSQL, ids
        # the sequences give without colliding), logged in with the example password.
        now = datetime.now(UTC)
        with db.session() as s:
            actor = accounts.authenticate(s, "zhongshan", DEMO_PASSWORD, now=now).actor()
        with db.session() as s:
            unit_id = actor.unit_id
            assert unit_id is not None
            record = incidents.create_incident(s, actor, {
                "title": "客户投诉网点排队时间过长", "unit_id": unit_id, "occurred_at": now - timedelta(minutes=5),
                "severity": "general", "source": "complaint"}, now=now)
            incidents.record_event(s, actor, record.id, "reported_to_lead", now, now=now)
        assert record.number == f"SY{this_year}-{used + 1:04d}"
        with db.read() as s:
            again = crosscheck.check(s)
        assert again.ok, crosscheck.first_problem(again)
    finally:
        db.dispose()


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())
