"""The figures of the reputation-risk year (统计): incidents by month, unit, source and severity; the on-time rate
per rule and per unit; the median time to the first report; monitoring, complaints, training, drills, open
follow-ups and accountability, for a period and the units the actor answers for.

Counting is done in SQL (GROUP BY over the period and the actor's scope); the on-time rates come from the
deadline engine, as the dashboard and the register judge them. `build_report` prints the same figures as the
声誉风险管理工作报告 (desktop.registers.work_report); like every print, it is recorded only once it goes out
(`printing.record_print`).
"""

from __future__ import annotations

import re
import statistics as stats
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from desktop.db.models import AccountabilityItem, Incident, IncidentEvent, Unit
from desktop.db.prevention_tables import Drill, FollowUp, Training
from desktop.db.register_tables import Complaint, MonitoringEntry
from desktop.domain import SEVERITIES, SOURCES, Actor, IncidentStatus
from desktop.errors import ValidationError
from desktop.registers.work_report import (
    Count,
    Figures,
    OnTime,
    QuarterAccountability,
    UnitPrevention,
    build_work_report,
)
from desktop.services import accounts, incidents, org, permissions
from desktop.services.printing import Printed
from desktop.timeutil import CST, now_utc, to_cst

FIRST_REPORT = "reported_to_lead"  # 3.2.1, 3.2.2: the telephone report to the lead department opens the record
FIRST_REPORT_LIMIT = timedelta(minutes=30)
KIND_LABELS = {"annual": "年度", "quarterly": "季度"}
QUARTER_RE = re.compile(r"^\s*(\d{4})\s*[Qq]\s*([1-4])\s*$")
QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


@dataclass(frozen=True)
class Period:
    """China Standard Time calendar days, both included; `kind` says which report it is."""

    first: date
    last: date
    kind: str  # "annual" | "quarterly"
    name: str  # 2026年度, 2026年第四季度, or 2026年1月1日至2026年6月30日

    @property
    def label(self) -> str:
        f, la = self.first, self.last
        return f"{f.year}年{f.month}月{f.day}日至{la.year}年{la.month}月{la.day}日"

    @property
    def key(self) -> str:
        """What the print record names: 2026-10-01..2026-12-31."""
        return f"{self.first.isoformat()}..{self.last.isoformat()}"

    @property
    def title(self) -> str:
        return f"{self.name}声誉风险管理工作报告"

    def bounds(self) -> tuple[datetime, datetime]:
        """The half-open instant range [start, end) of the days."""
        start = datetime(self.first.year, self.first.month, self.first.day, tzinfo=CST)
        end = datetime(self.last.year, self.last.month, self.last.day, tzinfo=CST) + timedelta(days=1)
        return start, end


def quarter_period(text: str) -> Period:
    """2026Q4 → 1 October to 31 December 2026."""
    m = QUARTER_RE.match(text or "")
    if not m:
        raise ValidationError("quarter", f"季度“{text}”无效，应为 YYYYQn，如 2026Q4")
    year, q = int(m.group(1)), int(m.group(2))
    first = date(year, 3 * q - 2, 1)
    last = (date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)) - timedelta(days=1)
    return Period(first, last, "quarterly", f"{year}年{QUARTER_NAMES[q]}")


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "annual", f"{year}年度")


def between(first: date, last: date, kind: str = "annual") -> Period:
    """Any span of days; a whole calendar year is named as the year."""
    if last < first:
        raise ValidationError("to", "结束日期不能早于开始日期")
    if (last - first).days > 3 * 366:
        raise ValidationError("to", "统计期间不能超过三年")
    if first == date(first.year, 1, 1) and last == date(first.year, 12, 31):
        return year_period(first.year)
    name = f"{first.year}年{first.month}月{first.day}日至{last.year}年{last.month}月{last.day}日"
    return Period(first, last, kind, f"{name}")


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def months(period: Period) -> list[tuple[str, datetime, datetime]]:
    """(label, start, end) of each calendar month the period touches, clipped to the period."""
    start, end = period.bounds()
    out = []
    y, m = period.first.year, period.first.month
    while True:
        month_start = max(datetime(y, m, 1, tzinfo=CST), start)
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        month_end = min(datetime(ny, nm, 1, tzinfo=CST), end)
        if month_start >= end:
            break
        out.append((f"{m}月" if period.first.year == period.last.year else f"{y}年{m}月", month_start, month_end))
        y, m = ny, nm
    return out


# --- scope ------------------------------------------------------------------------------------------------------


def _scope_name(session: Session, actor: Actor, units: set[int] | None) -> str:
    if units is None:
        return f"{_branch_name(session)}（全辖）"
    if actor.unit_id is None:
        return "—"
    info = org.unit_info(session, actor.unit_id)
    if info.secondary_branch_id is not None and info.kind in ("secondary_branch", "comprehensive_dept"):
        return f"{org.unit_info(session, info.secondary_branch_id).name}辖内"
    return f"{info.name}及所辖机构" if len(units) > 1 else info.name


def _branch_name(session: Session) -> str:
    branch = session.execute(select(Unit.name).where(Unit.kind == "branch").order_by(Unit.id).limit(1)).scalar()
    return branch or "本行"


def _incident_scope(units: set[int] | None) -> ColumnElement[bool]:
    """The incidents the actor sees (permissions.can_see): its units' own, or those a unit of it is the business
    department of."""
    if units is None:
        return Incident.id.is_not(None)
    return or_(Incident.unit_id.in_(units), Incident.business_dept_id.in_(units))


def _unit_scope(column: Any, units: set[int] | None) -> ColumnElement[bool]:
    return column.is_not(None) if units is None else column.in_(units)


# --- the figures ------------------------------------------------------------------------------------------------


def compute(session: Session, actor: Actor, period: Period, now: datetime | None = None) -> Figures:
    """Every figure of the period in the actor's scope. Reads only."""
    now = now or now_utc()
    actor = accounts.current_actor(session, actor)  # the scope is the one the accounts table gives now
    units = permissions.scope(session, actor)
    start, end = period.bounds()
    in_period = and_(Incident.occurred_at >= start, Incident.occurred_at < end, _incident_scope(units))

    def grouped(column: Any) -> dict[Any, int]:
        rows = session.execute(select(column, func.count(Incident.id)).where(in_period).group_by(column)).all()
        return {key: int(n) for key, n in rows}

    by_status = grouped(Incident.status)
    by_severity = grouped(Incident.severity)
    by_source = grouped(Incident.source)
    unit_counts = grouped(Incident.unit_id)
    names = {u.id: u.name for u in org.list_units(session, include_inactive=True)}
    order = {u.id: i for i, u in enumerate(org.list_units(session, include_inactive=True))}
    month_list = months(period)
    total = sum(by_status.values())
    compiled_by = names.get(actor.unit_id, "") if actor.unit_id is not None else _branch_name(session)
    on_rules, on_units = _on_time(session, actor, period, now)
    median, within, reported = _first_reports(session, in_period)
    return Figures(
        kind=period.kind,
        title=period.title,
        period_label=period.label,
        first=period.first,
        last=period.last,
        scope_name=_scope_name(session, actor, units),
        compiled_by=compiled_by or _branch_name(session),
        compiled_at=now,
        total=total,
        open=by_status.get(IncidentStatus.OPEN, 0),
        closed=by_status.get(IncidentStatus.CLOSED, 0),
        major=by_severity.get("major", 0),
        by_month=tuple(_by_month(session, Incident.occurred_at, in_period, month_list, Incident.id)),
        by_unit=tuple(Count(names.get(uid, str(uid)), n)
                      for uid, n in sorted(unit_counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], 0)))),
        by_source=tuple(Count(label, by_source.get(key, 0)) for key, label in SOURCES.items()),
        by_severity=tuple(Count(label, by_severity.get(key, 0)) for key, label in SEVERITIES.items()),
        on_time_rules=tuple(on_rules),
        on_time_units=tuple(on_units),
        first_reports=reported,
        first_report_median_minutes=median,
        first_report_within_30=within,
        prevention=tuple(_prevention(session, units, start, end, names, order)),
        followups_open=_count(session, FollowUp.id, FollowUp.state == "open",
                              _unit_scope(FollowUp.unit_id, units)),
        followups_overdue=_count(session, FollowUp.id, FollowUp.state == "open", FollowUp.due_at < now,
                                 _unit_scope(FollowUp.unit_id, units)),
        accountability=tuple(_accountability(session, units, period)),
        **_registers(session, units, start, end, month_list),
    )


def _count(session: Session, column: Any, *where: ColumnElement[bool]) -> int:
    return int(session.execute(select(func.count(column)).where(*where)).scalar() or 0)


def _by_month(session: Session, moment: Any, where: ColumnElement[bool],
              month_list: Sequence[tuple[str, datetime, datetime]], key: Any) -> list[Count]:
    """Counts per month in one query: each row's month index as a CASE over the month boundaries, grouped in an
    outer query (PostgreSQL would not match a GROUP BY on the CASE's own bound parameters)."""
    if not month_list:
        return []
    index = case(*((moment < end, i) for i, (_label, _start, end) in enumerate(month_list)), else_=-1)
    inner = select(index.label("month"), key.label("k")).where(where).subquery()
    rows = session.execute(select(inner.c.month, func.count(inner.c.k)).group_by(inner.c.month)).all()
    found = {int(m): int(n) for m, n in rows}
    return [Count(label, found.get(i, 0)) for i, (label, _s, _e) in enumerate(month_list)]


def _first_reports(session: Session, in_period: ColumnElement[bool]) -> tuple[float | None, int, int]:
    """(median minutes from occurrence to the first telephone report, how many within half an hour, how many
    incidents have one). A withdrawn or corrected report does not count; its correction does."""
    first = func.min(IncidentEvent.at)
    rows = session.execute(
        select(Incident.occurred_at, first)
        .join(IncidentEvent, IncidentEvent.incident_id == Incident.id)
        .where(in_period, IncidentEvent.type == FIRST_REPORT, IncidentEvent.withdrawn_at.is_(None))
        .group_by(Incident.id, Incident.occurred_at)
    ).all()
    minutes = [max(0.0, (_aware(reported) - _aware(occurred)).total_seconds() / 60) for occurred, reported in rows]
    if not minutes:
        return None, 0, 0
    within = sum(1 for m in minutes if m <= FIRST_REPORT_LIMIT.total_seconds() / 60)
    return float(stats.median(minutes)), within, len(minutes)


def _aware(moment: Any) -> datetime:
    """An aggregate keeps the column's type (aware UTC); a driver handing back naive or text values is read as
    the UTC the column stores."""
    if isinstance(moment, datetime):
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(moment)).replace(tzinfo=UTC)


def _on_time(session: Session, actor: Actor, period: Period, now: datetime) -> tuple[list[OnTime], list[OnTime]]:
    """Per rule and per incident unit: the deadline rules (with a time limit) whose outcome is settled, judged by
    the engine as of the incident's closing (or now, for an open one), as the register judges them."""
    per_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    rule_info: dict[str, tuple[str, str]] = {}
    per_unit: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    slot = {"met": 0, "late": 1, "overdue": 2}
    period_filter = incidents.IncidentFilter(occurred_from=period.first, occurred_to=period.last)
    for record in incidents.iter_incidents(session, actor, period_filter):
        as_of = record.closed_at if record.closed_at is not None else now
        for status in incidents.deadlines(record, as_of):
            if status.rule.kind != "deadline" or status.status not in slot:
                continue
            per_rule[status.rule.id][slot[status.status]] += 1
            rule_info.setdefault(status.rule.id, (status.rule.label_zh or status.rule.id, status.rule.article))
            per_unit[record.unit_name][slot[status.status]] += 1
    rules = [OnTime(rule_info[rid][0], met, late, missed, rule_info[rid][1])
             for rid, (met, late, missed) in per_rule.items()]
    rules.sort(key=lambda r: _article_key(r.article))
    units = sorted((OnTime(name, met, late, missed) for name, (met, late, missed) in per_unit.items()),
                   key=lambda r: (-r.due, r.label))
    return rules, units


def _article_key(article: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.()（）,，\s]+", article) if p)


def _prevention(session: Session, units: set[int] | None, start: datetime, end: datetime,
                names: dict[int, str], order: dict[int, int]) -> list[UnitPrevention]:
    """Training sessions, hours and participants, and drills, per unit; withdrawn records do not count."""
    trained = session.execute(
        select(Training.unit_id, func.count(Training.id), func.sum(Training.hours), func.sum(Training.participants))
        .where(Training.held_at >= start, Training.held_at < end, Training.withdrawn_at.is_(None),
               _unit_scope(Training.unit_id, units))
        .group_by(Training.unit_id)
    ).all()
    drilled = session.execute(
        select(Drill.unit_id, func.count(Drill.id))
        .where(Drill.held_at >= start, Drill.held_at < end, Drill.withdrawn_at.is_(None),
               _unit_scope(Drill.unit_id, units))
        .group_by(Drill.unit_id)
    ).all()
    found: dict[int, dict[str, Any]] = defaultdict(dict)
    for uid, n, hours, people in trained:
        found[uid].update(training_sessions=int(n), training_hours=round(float(hours or 0), 1),
                          participants=int(people or 0))
    for uid, n in drilled:
        found[uid]["drills"] = int(n)
    return [UnitPrevention(names.get(uid, str(uid)), **values)
            for uid, values in sorted(found.items(), key=lambda kv: order.get(kv[0], 0))]


def _accountability(session: Session, units: set[int] | None, period: Period) -> list[QuarterAccountability]:
    """6.1 per quarter and unit: an item's quarter is the one it names (6.1.2), else the quarter it was recorded
    in; the quarters inside the period, items of incidents in the actor's scope."""
    start, end = period.bounds()
    rows = session.execute(
        select(AccountabilityItem.quarter, AccountabilityItem.recorded_at, AccountabilityItem.unit_name,
               AccountabilityItem.measure, Incident.number)
        .join(Incident, Incident.id == AccountabilityItem.incident_id)
        .where(_incident_scope(units),
               or_(AccountabilityItem.quarter != "",
                   and_(AccountabilityItem.recorded_at >= start, AccountabilityItem.recorded_at < end)))
        .order_by(AccountabilityItem.id)
    ).all()
    wanted = {quarter_of(period.first + timedelta(days=d)) for d in range((period.last - period.first).days + 1)}
    table: dict[tuple[str, str], list[Any]] = {}
    for quarter, recorded_at, unit, measure, number in rows:
        q = quarter or quarter_of(to_cst(recorded_at).date())
        if q not in wanted:
            continue
        cell = table.setdefault((q, unit), [0, 0, []])
        cell[0 if measure == "penalty" else 1] += 1
        if number not in cell[2]:
            cell[2].append(number)
    return [QuarterAccountability(q, unit, p, z, "、".join(nums)) for (q, unit), (p, z, nums) in sorted(table.items())]


def _registers(session: Session, units: set[int] | None, start: datetime, end: datetime,
               month_list: Sequence[tuple[str, datetime, datetime]]) -> dict[str, Any]:
    """Monitoring entries (the current version of each: a correction replaces, it does not add) and complaints of
    the period in the actor's units, and how many of them became or joined an incident."""
    watched = and_(MonitoringEntry.observed_at >= start, MonitoringEntry.observed_at < end,
                   MonitoringEntry.superseded_by_id.is_(None), _unit_scope(MonitoringEntry.unit_id, units))
    received = and_(Complaint.received_at >= start, Complaint.received_at < end,
                    _unit_scope(Complaint.unit_id, units))
    return {
        "monitoring_entries": _count(session, MonitoringEntry.id, watched),
        "monitoring_escalated": _count(session, MonitoringEntry.id, watched, MonitoringEntry.incident_id.is_not(None)),
        "monitoring_by_month": tuple(_by_month(session, MonitoringEntry.observed_at, watched, month_list,
                                               MonitoringEntry.id)),
        "complaints": _count(session, Complaint.id, received),
        "complaints_to_incidents": _count(session, Complaint.id, received, Complaint.incident_id.is_not(None)),
    }


# --- the printed report -----------------------------------------------------------------------------------------


def build_report(session: Session, actor: Actor, period: Period, now: datetime | None = None) -> Printed:
    """The 声誉风险管理工作报告 of the period as PDF bytes. Records nothing: `printing.record_print` does, once
    the PDF has gone out."""
    figures = compute(session, actor, period, now)
    result = build_work_report(figures)
    return Printed(result.pdf, False, f"{figures.title}：{figures.total} 个事件。", None, result.warnings,
                   f"{figures.title}（{period.label}）", kind="work_report", period=period.key)
