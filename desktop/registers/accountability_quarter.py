"""6.1 kept per unit and quarter: the accountability items recorded in incidents' evaluations
(desktop.services.accountability), read by quarter and unit, each with the incident it comes from.

6.1.1: responsibility pursued and a financial penalty; 6.1.2: the quarter's assessment score set to zero and the
year's honours withdrawn. An item of 6.1.2 names the quarter it applies to; an item without one counts in the
quarter (China Standard Time) it was recorded in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from desktop import validation as check
from desktop.db.models import AccountabilityItem, Incident
from desktop.domain import ACCOUNTABILITY_MEASURES, Actor
from desktop.errors import ValidationError
from desktop.services import accounts, permissions
from desktop.timeutil import CST, to_cst

CLAUSES: dict[str, str] = {"penalty": "6.1.1", "score_zero": "6.1.2"}


@dataclass(frozen=True)
class QuarterItem:
    id: int
    quarter: str
    unit_name: str
    person: str
    measure: str
    text: str
    incident_id: int
    incident_number: str
    incident_title: str
    recorded_by_name: str
    recorded_at: datetime

    @property
    def measure_label(self) -> str:
        return ACCOUNTABILITY_MEASURES.get(self.measure, self.measure)

    @property
    def clause(self) -> str:
        return CLAUSES.get(self.measure, "")


@dataclass(frozen=True)
class UnitQuarter:
    """One unit's accountability in one quarter: how many of each measure, from which incidents."""

    unit_name: str
    quarter: str
    penalties: int  # 6.1.1
    score_zero: int  # 6.1.2
    incidents: tuple[str, ...]  # the incidents' numbers


def quarter_of(moment: datetime) -> str:
    local = to_cst(moment)
    return f"{local.year}Q{(local.month - 1) // 3 + 1}"


def parse_quarter(text: Any, field: str = "quarter") -> tuple[str, datetime, datetime]:
    """"2026Q1" -> ("2026Q1", its first instant, the first instant of the next quarter), China Standard Time."""
    if not isinstance(text, str):
        raise ValidationError(field, "季度格式应为 YYYYQn，如 2026Q1")
    value = text.strip().upper()
    if len(value) != 6 or not value[:4].isdigit() or value[4] != "Q" or value[5] not in "1234":
        raise ValidationError(field, "季度格式应为 YYYYQn，如 2026Q1")
    year, q = int(value[:4]), int(value[5])
    if not 2000 <= year <= 2099:
        raise ValidationError(field, "季度的年份应在2000年至2099年之间")
    start = datetime(year, 3 * q - 2, 1, tzinfo=CST)
    end = datetime(year + 1, 1, 1, tzinfo=CST) if q == 4 else datetime(year, 3 * q + 1, 1, tzinfo=CST)
    return value, start, end


def _query(session: Session, actor: Actor) -> Any:
    query = select(AccountabilityItem, Incident.number, Incident.title).join(
        Incident, Incident.id == AccountabilityItem.incident_id)
    units = permissions.scope(session, actor)
    if units is not None:
        query = query.where(Incident.unit_id.in_(units) | Incident.business_dept_id.in_(units))
    return query


def _item(row: AccountabilityItem, number: str, title: str) -> QuarterItem:
    return QuarterItem(row.id, row.quarter or quarter_of(row.recorded_at), row.unit_name, row.person, row.measure,
                       row.text, row.incident_id, number, title, row.recorded_by_name, row.recorded_at)


def items(session: Session, actor: Actor, quarter: str | None = None,
          unit_name: str | None = None) -> list[QuarterItem]:
    """The items of the incidents the actor may see, in a quarter and for a unit when given; by quarter, unit,
    then as recorded."""
    actor = accounts.current_actor(session, actor)
    query = _query(session, actor)
    if quarter is not None:
        q, start, end = parse_quarter(quarter)
        query = query.where(or_(AccountabilityItem.quarter == q, and_(
            AccountabilityItem.quarter == "", AccountabilityItem.recorded_at >= start,
            AccountabilityItem.recorded_at < end)))
    if unit_name is not None:
        query = query.where(AccountabilityItem.unit_name == check.text(unit_name, "unit_name"))
    rows = session.execute(query.order_by(AccountabilityItem.recorded_at, AccountabilityItem.id)).all()
    out = [_item(r, n, t) for r, n, t in rows]
    out.sort(key=lambda i: (i.quarter, i.unit_name))  # stable: as recorded within a unit's quarter
    return out


def iter_items(session: Session, actor: Actor, chunk: int = 500) -> Any:
    """Every item the actor may see, by id, `chunk` rows at a time (the export)."""
    actor = accounts.current_actor(session, actor)
    base = _query(session, actor)
    last = 0
    while True:
        rows = session.execute(base.where(AccountabilityItem.id > last).order_by(AccountabilityItem.id)
                               .limit(chunk)).all()
        if not rows:
            return
        for r, n, t in rows:
            yield _item(r, n, t)
        last = rows[-1][0].id


def summary(session: Session, actor: Actor, quarter: str) -> list[UnitQuarter]:
    """Per unit in the quarter: 6.1.1 penalties and 6.1.2 score-zero items, and the incidents they come from."""
    found: dict[str, list[QuarterItem]] = {}
    for item in items(session, actor, quarter):
        found.setdefault(item.unit_name, []).append(item)
    q = parse_quarter(quarter)[0]
    return [
        UnitQuarter(unit, q, sum(1 for i in its if i.measure == "penalty"),
                    sum(1 for i in its if i.measure == "score_zero"),
                    tuple(dict.fromkeys(i.incident_number for i in its)))
        for unit, its in sorted(found.items())
    ]


def quarters(session: Session, actor: Actor) -> list[str]:
    """The quarters that hold an item the actor may see, newest first."""
    actor = accounts.current_actor(session, actor)
    seen = {_item(r, n, t).quarter for r, n, t in session.execute(_query(session, actor)).all()}
    return sorted(seen, reverse=True)
