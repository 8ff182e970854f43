"""What the countdown dashboard shows, decided without Qt: rows, colour states, "mine", transitions.

Reading of "due soon" (the issue: "a quarter of the limit or 10 minutes, whichever is larger"): a deadline is
due soon from `due_at - max(limit x fraction, minimum)` until `due_at`; with the defaults a 30-minute report
turns amber 10 minutes before its limit, a 2-hour one 30 minutes before, a 24-hour one 6 hours before.
Both numbers are settings. Immediate duties (立即) and optional windows (可) have their own states.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.domain import IncidentRecord
from desktop.rules.model import RuleSet, RuleStatus
from desktop.services.incidents import deadlines

COMFORTABLE, DUE_SOON, OVERDUE, IMMEDIATE, WINDOW, LAPSED = (
    "comfortable", "due_soon", "overdue", "immediate", "window", "lapsed")
OPEN_STATUSES = frozenset({"pending", "overdue", "open"})
ALERT_STATES = frozenset({DUE_SOON, OVERDUE})


@dataclass(frozen=True, slots=True)
class Thresholds:
    fraction: float = 0.25
    minimum_minutes: int = 10

    def soon_seconds(self, limit_seconds: float) -> float:
        return max(limit_seconds * self.fraction, self.minimum_minutes * 60.0)


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    """One open duty of one open incident, as cached for the dashboard (never an ORM object)."""

    incident_id: int
    number: str
    title: str
    unit_id: int
    unit_name: str
    lead_unit_id: int | None
    business_dept_id: int | None
    severity: str
    rule_id: str
    article: str
    label: str
    kind: str
    responsible: str
    done_by: str
    due_at: datetime
    limit_seconds: float
    due_ts: float

    @property
    def key(self) -> tuple[int, str]:
        return (self.incident_id, self.rule_id)


def rows_for(record: IncidentRecord, statuses: Iterable[RuleStatus]) -> list[DeadlineRow]:
    rows = []
    for s in statuses:
        if s.status not in OPEN_STATUSES or s.due_at is None:
            continue
        rule = s.rule
        rows.append(DeadlineRow(
            incident_id=record.id, number=record.number, title=record.title, unit_id=record.unit_id,
            unit_name=record.unit_name, lead_unit_id=record.lead_unit_id, business_dept_id=record.business_dept_id,
            severity=record.severity, rule_id=rule.id, article=rule.article, label=rule.label_zh or rule.id,
            kind=rule.kind, responsible=rule.responsible, done_by=rule.done_by, due_at=s.due_at,
            limit_seconds=rule.limit.total_seconds(), due_ts=s.due_at.timestamp()))
    return rows


def build_rows(records: Iterable[IncidentRecord], now: datetime, ruleset: RuleSet | None = None) -> list[DeadlineRow]:
    """Every open duty of every open incident, soonest first."""
    rows: list[DeadlineRow] = []
    for record in records:
        if record.status != "open":
            continue
        rows.extend(rows_for(record, deadlines(record, now, ruleset)))
    rows.sort(key=lambda r: (r.due_ts, r.incident_id, r.rule_id))
    return rows


def state_at(row: DeadlineRow, now_ts: float, thresholds: Thresholds) -> str:
    if row.kind == "immediate":
        return IMMEDIATE
    left = row.due_ts - now_ts
    if row.kind == "window":
        return WINDOW if left >= 0 else LAPSED
    if left < 0:
        return OVERDUE
    return DUE_SOON if left <= thresholds.soon_seconds(row.limit_seconds) else COMFORTABLE


def next_change(row: DeadlineRow, now_ts: float, thresholds: Thresholds) -> float | None:
    """The next instant at which the row's state changes, or None when it never will by the clock alone."""
    if row.kind == "immediate":
        return None
    # "now exactly at due_at is still pending": the state flips one instant after due_at.
    after_due = row.due_ts + 0.001
    if row.kind == "deadline":
        soon = row.due_ts - thresholds.soon_seconds(row.limit_seconds)
        if now_ts < soon:
            return soon
    return after_due if now_ts < after_due else None


# Who answers for which 'responsible' word, by role (deadline-rules.md, the catalogue's responsible column).
ROLE_DUTIES: dict[str, frozenset[str]] = {
    "leader": frozenset({"处置领导小组"}),
    "president": frozenset({"处置领导小组"}),
    "spokesperson": frozenset({"新闻发言人"}),
}


@dataclass(frozen=True)
class MyScope:
    """The actor as the "mine" filter sees them: their unit, the area they answer for, their roles."""

    unit_id: int | None
    unit_kind: str
    area: frozenset[int]
    roles: frozenset[str]

    def owns(self, row: DeadlineRow) -> bool:
        if row.unit_id in self.area or row.lead_unit_id == self.unit_id or row.business_dept_id == self.unit_id:
            return True
        duties: set[str] = set()
        for role in self.roles:
            duties |= ROLE_DUTIES.get(role, frozenset())
        if "lead_officer" in self.roles and self.unit_kind == "branch_office":
            duties.add("分行办公室")
        return any(part in duties for part in row.responsible.split("、"))


def countdown_text(row: DeadlineRow, now_ts: float) -> str:
    """1:05:09 left, -0:03:12 overdue; for an immediate item the time since it became due. Called for every
    visible row every second: kept to plain arithmetic (the same text as `desktop.timeutil.format_duration`)."""
    left = row.due_ts - now_ts
    if row.kind == "immediate":
        if left >= 0:
            return "0:00:00"
        left = -left
    sign = "-" if left < 0 else ""
    total = int(-left if left < 0 else left)
    return f"{sign}{total // 3600}:{total // 60 % 60:02d}:{total % 60:02d}"


def due_in(row: DeadlineRow, now: datetime) -> timedelta:
    return row.due_at - now
