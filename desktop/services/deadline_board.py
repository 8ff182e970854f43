"""What the countdown dashboard shows, decided without Qt: rows, colour states, "mine", transitions.

`reading` is the one status function: the dashboard, the duty wall, the approval queue, the incident page and
the printed documents all take a duty's state and countdown text from it.

"Due soon" (amber): less than half of the limit remains, or less than the configured number of minutes,
whichever comes first, i.e. from `due_at - max(limit / 2, minutes)` until `due_at`. With the default 10 minutes
a 30-minute report turns amber with 15 minutes left, a 2-hour one with 1 hour left, a 24-hour one with 12 hours
left. Immediate duties (立即: no limit) are "immediate", never due soon or overdue, with the time since they
became due; optional windows (可) have their own states.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Incident, ReminderAck
from desktop.domain import Actor, IncidentRecord, IncidentStatus, UnitInfo
from desktop.errors import PermissionDenied, ValidationError
from desktop.rules.model import BRANCH_OFFICE, RuleSet, RuleStatus
from desktop.services import accounts, permissions
from desktop.services.incidents import deadlines
from desktop.timeutil import now_utc

COMFORTABLE, DUE_SOON, OVERDUE, IMMEDIATE, WINDOW, LAPSED = (
    "comfortable", "due_soon", "overdue", "immediate", "window", "lapsed")
OPEN_STATUSES = frozenset({"pending", "overdue", "open"})
ALERT_STATES = frozenset({DUE_SOON, OVERDUE})
# The states a reminder is raised for, each once per duty: acknowledging one leaves the next to be seen.
REMINDER_STATES = frozenset({DUE_SOON, OVERDUE, IMMEDIATE})


# Amber once less than half of the limit remains (fixed: "13 minutes left on a 30-minute rule is never green").
SOON_FRACTION = 0.5


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The configured part of "due soon": the minutes; the half of the limit is not a setting."""

    minimum_minutes: int = 10

    def soon_seconds(self, limit_seconds: float) -> float:
        """Due soon while less than this remains: either condition, whichever holds first."""
        return max(limit_seconds * SOON_FRACTION, self.minimum_minutes * 60.0)


DEFAULT_THRESHOLDS = Thresholds()
# The countdown text per state, in Chinese with %1 for the clock (h:mm:ss); the window translates the template.
TEMPLATES: dict[str, str] = {
    COMFORTABLE: "%1", DUE_SOON: "%1", OVERDUE: "超 %1", IMMEDIATE: "立即（已过 %1）", WINDOW: "可 · 剩 %1",
    LAPSED: "超 %1",
}
STATE_LABELS: dict[str, str] = {
    COMFORTABLE: "时间充裕", DUE_SOON: "即将到期", OVERDUE: "已超时", IMMEDIATE: "立即办理", WINDOW: "可选时段",
    LAPSED: "可选时段已过",
}


class Reading(NamedTuple):
    """A duty at one instant: its colour state and its countdown (`template` with `clock` for %1). A named tuple:
    made for every visible countdown every second, and a tuple is the cheapest immutable record to make."""

    state: str
    template: str
    clock: str

    @property
    def text(self) -> str:
        return self.template.replace("%1", self.clock)

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


def _clock(seconds: float) -> str:
    total = int(seconds)
    return f"{total // 3600}:{total // 60 % 60:02d}:{total % 60:02d}"


def state_of(kind: str, due_ts: float, limit_seconds: float, now_ts: float,
             thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str:
    """The colour state alone (the dashboard's transition heap asks for it without the text)."""
    if kind == "immediate" or (kind == "deadline" and limit_seconds <= 0):
        return IMMEDIATE
    left = due_ts - now_ts
    if kind == "window":
        return WINDOW if left >= 0 else LAPSED
    if left < 0:  # exactly at due_at is still pending
        return OVERDUE
    return DUE_SOON if left < thresholds.soon_seconds(limit_seconds) else COMFORTABLE


def reading(kind: str, due_ts: float, limit_seconds: float, now_ts: float,
            thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Reading:
    """The one status function: state and countdown of an open duty at `now_ts`. Called for every visible
    countdown every second, so plain arithmetic only. Immediate duties count the time since they became due."""
    state = state_of(kind, due_ts, limit_seconds, now_ts, thresholds)
    left = due_ts - now_ts
    return Reading(state, TEMPLATES[state], _clock(-left if left < 0 else left))


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
    parties: tuple[str, ...] = ()  # the rule's responsible parties one by one (desktop.rules.model.PARTIES)
    occurred_at: datetime | None = None  # the incident's, for the dashboard's date-range filter

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
            limit_seconds=rule.limit.total_seconds(), due_ts=s.due_at.timestamp(), parties=rule.parties,
            occurred_at=record.occurred_at))
    return rows


def build_rows(records: Iterable[IncidentRecord], now: datetime, ruleset: RuleSet | None = None) -> list[DeadlineRow]:
    """Every open duty of every open incident, soonest first."""
    rows: list[DeadlineRow] = []
    for record in records:
        if record.status != IncidentStatus.OPEN:
            continue
        rows.extend(rows_for(record, deadlines(record, now, ruleset)))
    rows.sort(key=lambda r: (r.due_ts, r.incident_id, r.rule_id))
    return rows


def state_at(row: DeadlineRow, now_ts: float, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str:
    return state_of(row.kind, row.due_ts, row.limit_seconds, now_ts, thresholds)


def read_row(row: DeadlineRow, now_ts: float, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Reading:
    return reading(row.kind, row.due_ts, row.limit_seconds, now_ts, thresholds)


def next_change(row: DeadlineRow, now_ts: float, thresholds: Thresholds) -> float | None:
    """The next instant at which the row's state changes, or None when it never will by the clock alone."""
    if state_at(row, now_ts, thresholds) == IMMEDIATE:
        return None
    # Both boundaries are strict ("less than" half remains; exactly at due_at is still pending): the state
    # flips one instant after each.
    after_due = row.due_ts + 0.001
    if row.kind == "deadline":
        soon = row.due_ts - thresholds.soon_seconds(row.limit_seconds) + 0.001
        if now_ts < soon:
            return soon
    return after_due if now_ts < after_due else None


@dataclass(frozen=True, eq=False)
class Board:
    """The open duties worked out at one instant, off the UI thread: what the countdown table and the reminder
    panel would otherwise compute row by row on it when a load arrives (tens of thousands of duties at a large
    branch). Taken as it is only when nothing it depends on moved since (the instant, the thresholds, the
    acknowledgements); otherwise its users compute again."""

    now_ts: float
    thresholds: Thresholds
    acknowledged: frozenset[ReminderKey]
    rows: Sequence[DeadlineRow]  # the rows it was made for (the next board reuses what it found for them)
    keys: list[tuple[int, str]]  # the rows' keys, in the rows' order
    states: list[str]  # each row's state at now_ts
    changes: list[float | None]  # each row's next change after now_ts (`next_change`)
    heap: list[tuple[float, tuple[int, str], int]]  # (next change, key, i + 1), a heap (the model's generations)
    reminders: list[tuple[DeadlineRow, str]]  # the reminders at now_ts, most urgent first (`reminders`)
    reminder_keys: list[ReminderKey]  # theirs, in the same order
    next_change: float  # the earliest next change of any row; inf when none changes by the clock alone

    def fits(self, rows: Sequence[DeadlineRow], now_ts: float, thresholds: Thresholds) -> bool:
        return len(rows) == len(self.keys) and now_ts == self.now_ts and thresholds == self.thresholds


def prepare(rows: Sequence[DeadlineRow], now_ts: float, thresholds: Thresholds,
            acknowledged: frozenset[ReminderKey], before: Board | None = None) -> Board:
    """`rows` (sorted as `build_rows` sorts them) at `now_ts`: states, next changes, reminders. `before`: an
    earlier board with the same thresholds: the rows it was made for that are still here (the same objects) keep
    its state and next change unless that change fell due by now_ts (a reload changes a few incidents of
    thousands; the read ahead of the log-in is seconds old)."""
    prior: dict[int, int] = {}
    if before is not None and before.thresholds == thresholds and before.now_ts <= now_ts:
        prior = {id(row): i for i, row in enumerate(before.rows)}  # alive in before.rows: no id is reused
    old_states, old_changes = (before.states, before.changes) if prior and before is not None else ([], [])
    keys = [(r.incident_id, r.rule_id) for r in rows]
    states: list[str] = []
    changes: list[float | None] = []
    for row in rows:
        i = prior.get(id(row))
        if i is not None and ((t := old_changes[i]) is None or t > now_ts):
            states.append(old_states[i])
            changes.append(t)
        else:
            states.append(state_at(row, now_ts, thresholds))
            changes.append(next_change(row, now_ts, thresholds))
    heap = [(t, key, i) for i, (t, key) in enumerate(zip(changes, keys, strict=True), 1) if t is not None]
    soonest = min((entry[0] for entry in heap), default=math.inf)
    heapq.heapify(heap)
    found = []
    for row, state, key in zip(rows, states, keys, strict=True):
        if state in REMINDER_STATES:
            reminder = ReminderKey(key[0], key[1], state)
            if reminder not in acknowledged:
                found.append((_REMINDER_ORDER[state], row.due_ts, key[0], key[1], row, state, reminder))
    found.sort(key=lambda f: f[:4])
    return Board(now_ts, thresholds, acknowledged, rows, keys, states, changes, heap, [(f[4], f[5]) for f in found],
                 [f[6] for f in found], soonest)


# The parties an account stands for by its role alone, on every incident (4.3.1, 4.3.4(3)).
ROLE_PARTIES = permissions.ROLE_PARTIES


@dataclass(frozen=True)
class MyScope:
    """The actor as the "mine" filter sees them: their unit, the area they answer for, their roles."""

    unit_id: int | None
    unit_kind: str
    area: frozenset[int]
    roles: frozenset[str]
    parties: frozenset[str] = field(init=False)  # the responsible parties the actor stands for on any incident

    def __post_init__(self) -> None:
        found: set[str] = set()
        for role in self.roles:
            found |= ROLE_PARTIES.get(role, frozenset())
        # 2.2: the branch office leads same-city incidents; its lead officers act for it wherever a duty names it.
        if "lead_officer" in self.roles and self.unit_kind == "branch_office":
            found.add(BRANCH_OFFICE)
        object.__setattr__(self, "parties", frozenset(found))

    def owns(self, row: DeadlineRow) -> bool:
        """Mine: an incident in my area, one my unit leads or serves as business department, or a duty that names
        a party I stand for."""
        if row.unit_id in self.area or row.lead_unit_id == self.unit_id or row.business_dept_id == self.unit_id:
            return True
        return not self.parties.isdisjoint(row.parties)


def my_scope(session: Session, actor: Actor, unit: UnitInfo | None) -> MyScope:
    """`unit` is the actor's unit as the window has it (None when it is not in the active tree: no area)."""
    area = frozenset(permissions.area(session, unit.id)) if unit is not None else frozenset()
    return MyScope(actor.unit_id, unit.kind if unit is not None else "", area, actor.roles)


def countdown_text(row: DeadlineRow, now_ts: float, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str:
    """The countdown in Chinese: `2:25:10`, `超 1:54:30`, `立即（已过 0:12:03）`."""
    return read_row(row, now_ts, thresholds).text


def due_in(row: DeadlineRow, now: datetime) -> timedelta:
    return row.due_at - now


# --- reminders ------------------------------------------------------------------------------------------------


class ReminderKey(NamedTuple):
    """One reminder: a duty of an incident in the state it entered (due soon, overdue, immediate)."""

    incident_id: int
    rule_id: str
    state: str


# Most urgent first: overdue, then due soon, then immediate duties.
_REMINDER_ORDER = {OVERDUE: 0, DUE_SOON: 1, IMMEDIATE: 2}


def reminders(rows: Iterable[DeadlineRow], now_ts: float, acknowledged: Container[ReminderKey],
              thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[tuple[DeadlineRow, str]]:
    """The reminders to show at `now_ts`: every open duty in a reminder state whose (incident, rule, state) the
    user has not acknowledged, most urgent first, soonest due first."""
    found = []
    for row in rows:
        state = state_at(row, now_ts, thresholds)
        if state in REMINDER_STATES and ReminderKey(row.incident_id, row.rule_id, state) not in acknowledged:
            found.append((row, state))
    found.sort(key=lambda item: (_REMINDER_ORDER[item[1]], item[0].due_ts, item[0].incident_id, item[0].rule_id))
    return found


def acknowledge(session: Session, actor: Actor, keys: Iterable[ReminderKey],
                now: datetime | None = None) -> list[ReminderKey]:
    """The actor has seen these reminders ("知道了"): stored for their account; returns the keys newly stored
    (acknowledging twice is harmless)."""
    if actor.user_id is None:
        raise PermissionDenied("请先登录")
    actor = accounts.current_actor(session, actor)  # a disabled account acknowledges nothing
    wanted = {ReminderKey(*key) for key in keys}
    for key in wanted:
        if key.state not in REMINDER_STATES:
            raise ValidationError("state", f"没有这种提醒：{key.state}")
    if not wanted:
        return []
    have = acknowledged_keys(session, actor.user_id, {key.incident_id for key in wanted})
    known = set(session.execute(select(Incident.id).where(Incident.id.in_({k.incident_id for k in wanted})))
                .scalars())
    at = now or now_utc()
    stored = sorted(key for key in wanted - have if key.incident_id in known)
    session.add_all(ReminderAck(user_id=actor.user_id, incident_id=key.incident_id, rule_id=key.rule_id,
                                state=key.state, acknowledged_at=at) for key in stored)
    session.flush()
    return stored


def acknowledged_keys(session: Session, user_id: int | None,
                      incident_ids: Iterable[int] | None = None) -> frozenset[ReminderKey]:
    """The reminders the account has acknowledged on open incidents (or on the incidents named)."""
    if user_id is None:
        return frozenset()
    query = select(ReminderAck.incident_id, ReminderAck.rule_id, ReminderAck.state).where(
        ReminderAck.user_id == user_id)
    if incident_ids is None:
        query = query.join(Incident, Incident.id == ReminderAck.incident_id).where(
            Incident.status == IncidentStatus.OPEN)
    else:
        query = query.where(ReminderAck.incident_id.in_(set(incident_ids)))
    return frozenset(ReminderKey(*row) for row in session.execute(query))
