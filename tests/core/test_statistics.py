"""The figures (统计) and the 声誉风险管理工作报告: every count checked against one computed independently from the
database with raw SQL, on SQLite and PostgreSQL; the scope follows the account; the report prints the figures and
`repdesk report annual|quarterly` records the print."""

from __future__ import annotations

import hashlib
import io
import statistics as pystats
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from desktop import demo
from desktop.cli.main import main
from desktop.domain import SEVERITIES, SOURCES
from desktop.errors import ValidationError
from desktop.registers import statistics as S
from desktop.services import accounts
from desktop.timeutil import CST, now_utc, to_cst


def _when(value: Any) -> datetime:
    """A stored time as raw SQL returns it: a datetime (PostgreSQL) or naive UTC text (SQLite)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _actor(session: Any, name: str) -> Any:
    return accounts.authenticate(session, name, demo.DEMO_PASSWORD).actor()


def _area(session: Any, root_name: str) -> set[int]:
    """The unit and everything under it, walked from the raw units table."""
    rows = session.execute(text("SELECT id, parent_id, name FROM units")).all()
    root = next(i for i, _p, n in rows if n == root_name)
    found, grew = {root}, True
    while grew:
        more = {i for i, p, _n in rows if p in found} - found
        found |= more
        grew = bool(more)
    return found


def _expected(session: Any, period: S.Period, units: set[int] | None, now: datetime) -> dict[str, Any]:
    start, end = period.bounds()
    incidents = [r for r in session.execute(text(
        "SELECT i.id, i.occurred_at, i.source, i.severity, i.status, u.name, i.unit_id, i.business_dept_id "
        "FROM incidents i JOIN units u ON u.id = i.unit_id")).all()
        if start <= _when(r[1]) < end and (units is None or r[6] in units or r[7] in units)]
    ids = {r[0] for r in incidents}
    first_reports: dict[int, datetime] = {}
    for incident_id, at in session.execute(text(
            "SELECT incident_id, at FROM incident_events WHERE type = 'reported_to_lead' AND withdrawn_at IS NULL")):
        if incident_id in ids:
            first_reports[incident_id] = min(_when(at), first_reports.get(incident_id, _when(at)))
    occurred = {r[0]: _when(r[1]) for r in incidents}
    waits = [(first_reports[i] - occurred[i]).total_seconds() / 60 for i in first_reports]

    def in_scope(unit_id: int) -> bool:
        return units is None or unit_id in units

    trainings = [r for r in session.execute(text(
        "SELECT unit_id, held_at, hours FROM prevention_trainings WHERE withdrawn_at IS NULL")).all()
        if start <= _when(r[1]) < end and in_scope(r[0])]
    drills = [r for r in session.execute(text(
        "SELECT unit_id, held_at FROM prevention_drills WHERE withdrawn_at IS NULL")).all()
        if start <= _when(r[1]) < end and in_scope(r[0])]
    followups = [r for r in session.execute(text(
        "SELECT unit_id, due_at FROM prevention_followups WHERE state = 'open'")).all() if in_scope(r[0])]
    watched = [r for r in session.execute(text(
        "SELECT unit_id, observed_at, incident_id FROM monitoring_entries WHERE superseded_by_id IS NULL")).all()
        if start <= _when(r[1]) < end and in_scope(r[0])]
    quarters = {S.quarter_of(period.first + timedelta(days=d)) for d in range((period.last - period.first).days + 1)}
    measures = Counter(
        r[0] for r in session.execute(text(
            "SELECT a.measure, a.quarter, a.recorded_at, i.unit_id, i.business_dept_id FROM accountability_items a "
            "JOIN incidents i ON i.id = a.incident_id")).all()
        if (r[1] or S.quarter_of(to_cst(_when(r[2])).date())) in quarters
        and (units is None or r[3] in units or r[4] in units))
    complaints = [r for r in session.execute(text(
        "SELECT unit_id, received_at, incident_id FROM complaints")).all()
        if start <= _when(r[1]) < end and in_scope(r[0])]
    return {
        "total": len(incidents),
        "open": sum(1 for r in incidents if r[4] == "open"),
        "major": sum(1 for r in incidents if r[3] == "major"),
        "by_month": Counter(to_cst(_when(r[1])).month for r in incidents),
        "by_unit": Counter(r[5] for r in incidents),
        "by_source": Counter(SOURCES[r[2]] for r in incidents),
        "by_severity": Counter(SEVERITIES[r[3]] for r in incidents),
        "median": pystats.median(waits) if waits else None,
        "within_30": sum(1 for w in waits if w <= 30),
        "reports": len(waits),
        "training_hours": round(sum(float(r[2]) for r in trainings), 1),
        "training_sessions": len(trainings),
        "drills": len(drills),
        "followups_open": len(followups),
        "followups_overdue": sum(1 for r in followups if _when(r[1]) < now),
        "monitoring": len(watched),
        "monitoring_escalated": sum(1 for r in watched if r[2] is not None),
        "monitoring_by_month": Counter(to_cst(_when(r[1])).month for r in watched),
        "penalties": measures["penalty"],
        "score_zero": measures["score_zero"],
        "complaints": len(complaints),
        "complaints_to_incidents": sum(1 for r in complaints if r[2] is not None),
    }


def _check(f: Any, e: dict[str, Any]) -> None:
    assert f.total == e["total"] and f.open == e["open"] and f.major == e["major"]
    assert f.closed == f.total - f.open
    assert {int(c.label.rstrip("月").split("年")[-1]): c.value for c in f.by_month if c.value} == dict(e["by_month"])
    assert {c.label: c.value for c in f.by_unit} == dict(e["by_unit"])
    assert {c.label: c.value for c in f.by_source if c.value} == dict(e["by_source"])
    assert {c.label: c.value for c in f.by_severity if c.value} == dict(e["by_severity"])
    assert f.first_reports == e["reports"] and f.first_report_within_30 == e["within_30"]
    if e["median"] is None:
        assert f.first_report_median_minutes is None
    else:
        assert f.first_report_median_minutes == pytest.approx(e["median"])
    assert round(f.training_hours, 1) == e["training_hours"] and f.training_sessions == e["training_sessions"]
    assert f.drills == e["drills"]
    assert (f.followups_open, f.followups_overdue) == (e["followups_open"], e["followups_overdue"])
    assert (f.monitoring_entries, f.monitoring_escalated) == (e["monitoring"], e["monitoring_escalated"])
    assert {int(c.label.rstrip("月").split("年")[-1]): c.value for c in f.monitoring_by_month if c.value} == dict(
        e["monitoring_by_month"])
    assert (f.complaints, f.complaints_to_incidents) == (e["complaints"], e["complaints_to_incidents"])
    assert sum(a.penalties for a in f.accountability) == e["penalties"]
    assert sum(a.score_zero for a in f.accountability) == e["score_zero"]
    # the on-time counts: per rule and per unit are the same duties counted two ways
    assert f.on_time_total.due == sum(r.due for r in f.on_time_units)
    assert f.on_time_total.met == sum(r.met for r in f.on_time_units)


def test_figures_match_raw_sql_on_both_databases(db: Any, fill_example: Any) -> None:
    fill_example(db)
    now = now_utc()
    year = S.year_period(to_cst(now).year)
    with db.read() as s:
        whole = S.compute(s, _actor(s, "fenhang"), year, now)
        _check(whole, _expected(s, year, None, now))
        assert whole.total > 0 and whole.monitoring_entries > 0 and whole.training_sessions > 0
        assert whole.on_time_total.due > 0 and "全辖" in whole.scope_name and whole.accountability
        # the remote lead department sees its secondary branch's area only
        area = _area(s, "华夏银行保定分行")
        local = S.compute(s, _actor(s, "jingban"), year, now)
        _check(local, _expected(s, year, area, now))
        assert 0 < local.total < whole.total and "保定分行" in local.scope_name
        # a quarter is the sum of its months
        quarter = S.quarter_period(S.quarter_of(to_cst(now).date()))
        q = S.compute(s, _actor(s, "fenhang"), quarter, now)
        _check(q, _expected(s, quarter, None, now))
        assert len(q.by_month) == 3


def test_periods_and_bad_input() -> None:
    q = S.quarter_period("2026Q4")
    assert (q.first, q.last, q.kind, q.name) == (date(2026, 10, 1), date(2026, 12, 31), "quarterly", "2026年第四季度")
    start, end = q.bounds()
    assert start == datetime(2026, 10, 1, tzinfo=CST) and end == datetime(2027, 1, 1, tzinfo=CST)
    assert S.quarter_period(" 2025q1 ").last == date(2025, 3, 31)
    assert S.between(date(2026, 1, 1), date(2026, 12, 31)).name == "2026年度"
    assert [m[0] for m in S.months(S.between(date(2025, 11, 15), date(2026, 2, 3)))] == [
        "2025年11月", "2025年12月", "2026年1月", "2026年2月"]
    for bad in ("2026Q5", "26Q1", "2026-4", ""):
        with pytest.raises(ValidationError, match="YYYYQn"):
            S.quarter_period(bad)
    with pytest.raises(ValidationError, match="结束日期"):
        S.between(date(2026, 2, 1), date(2026, 1, 1))


def test_a_late_first_report_counts_against_its_rule(sqlite_db: Any, fill_example: Any) -> None:
    """An incident reported 50 minutes after it happened: 3.2.1 late, the median is 50 minutes."""
    from desktop.services import incidents

    fill_example(sqlite_db)
    now = now_utc()
    occurred = now - timedelta(days=800)  # two years back: before any example record
    year = S.year_period(to_cst(occurred).year)
    with sqlite_db.read() as s:
        assert S.compute(s, _actor(s, "fenhang"), year, now).total == 0
    with sqlite_db.session() as s:
        clerk = _actor(s, "zhongshan")
        record = incidents.create_incident(s, clerk, {
            "title": "柜面排队过长引发网络投诉", "unit_id": clerk.unit_id, "occurred_at": occurred,
            "learned_at": occurred, "place": "营业大厅", "severity": "general", "source": "online"},
            now=occurred + timedelta(minutes=5))
        incidents.record_event(s, clerk, record.id, "reported_to_lead", occurred + timedelta(minutes=50),
                               late_reason="值班人员外出", now=occurred + timedelta(minutes=51))
    with sqlite_db.read() as s:
        f = S.compute(s, _actor(s, "fenhang"), year, now)
    assert f.total == 1 and f.first_reports == 1 and f.first_report_within_30 == 0
    assert f.first_report_median_minutes == pytest.approx(50)
    rule = next(r for r in f.on_time_rules if r.article == "3.2.1")
    assert (rule.met, rule.late, rule.missed) == (0, 1, 0) and rule.rate_text == "0.0%"
    assert [(c.label, c.value) for c in f.by_source if c.value] == [("网络舆情", 1)]


def _pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_report_prints_the_figures(demo_db: Any) -> None:
    now = now_utc()
    period = S.year_period(to_cst(now).year)
    with demo_db.read() as s:
        actor = _actor(s, "fenhang")
        figures = S.compute(s, actor, period, now)
        printed = S.build_report(s, actor, period, now)
    assert printed.kind == "work_report" and printed.period == period.key
    words = _pdf_text(printed.pdf).replace("\n", "").replace(" ", "")
    assert figures.title in words and "统计范围" in words
    assert f"本期共发生声誉风险事件{figures.total}起" in words
    assert f"舆情监测共登记{figures.monitoring_entries}条" in words
    assert f"及时率{figures.on_time_total.rate_text}" in words
    for c in figures.by_unit:
        assert c.label in words
    assert len(PdfReader(io.BytesIO(printed.pdf)).pages) >= 3


@pytest.fixture
def demo_url(tmp_path: Path, demo_db: Any) -> str:
    return str(demo_db.url)


def test_cli_report_annual_and_quarterly(demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPDESK_USER", "bangongshi")
    monkeypatch.setenv("REPDESK_PASSWORD", demo.DEMO_PASSWORD)
    year = to_cst(now_utc()).year
    out = tmp_path / "annual.pdf"
    assert main(["--database-url", demo_url, "report", "annual", "--from", f"{year}-01-01", "--to",
                 f"{year}-12-31", "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"{year}年度声誉风险管理工作报告" in said and str(out) in said
    quarterly = tmp_path / "q.pdf"
    quarter = S.quarter_of(to_cst(now_utc()).date())
    assert main(["--database-url", demo_url, "report", "quarterly", "--quarter", quarter, "-o", str(quarterly)]) == 0
    assert "季度声誉风险管理工作报告" in _pdf_text(quarterly.read_bytes())
    from sqlalchemy import create_engine

    engine = create_engine(demo_url)
    with engine.connect() as conn:
        prints = conn.execute(text("SELECT action, entity_id, after FROM audit_log WHERE action = 'work_report.print' "
                                   "ORDER BY id")).all()
    engine.dispose()
    assert [p[1] for p in prints] == [f"{year}-01-01..{year}-12-31", S.quarter_period(quarter).key]
    assert hashlib.sha256(out.read_bytes()).hexdigest() in prints[0][2]
    # bad arguments: one line, status 2, nothing written or recorded
    for args in (["annual", "--quarter", quarter], ["quarterly", "--from", f"{year}-01-01"], ["annual", "SY2026-0001",
                 "--from", f"{year}-01-01", "--to", f"{year}-12-31"], ["quarterly", "--quarter", "2026Q9"]):
        bad = tmp_path / "bad.pdf"
        assert main(["--database-url", demo_url, "report", *args, "-o", str(bad)]) == 2
        assert not bad.exists()
    assert main(["--database-url", demo_url, "audit", "verify"]) == 0
