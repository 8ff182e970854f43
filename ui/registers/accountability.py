"""责任追究 (6.1): the structured items recorded in evaluations, per unit and quarter — 6.1.1 penalties, 6.1.2
quarter score set to zero and annual honours withdrawn — each with the incident it comes from (opens on a click)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from desktop.domain import ACCOUNTABILITY_MEASURES, Actor
from desktop.registers import accountability_quarter as core
from ui.registers.common import label, when
from ui.registers.form import tr
from ui.registers.spec import Action, Column, Detail, Listing, Query, RegisterSpec, page_of


def _in_period(item_quarter: str, q: Query) -> bool:
    """A quarter is in the period when it overlaps it (the filter is in days, a quarter is three months)."""
    if q.first is None or q.last is None:
        return True
    _q, start, end = core.parse_quarter(item_quarter)
    return start.date() <= q.last and end.date() > q.first


def _items(session: Session, actor: Actor, q: Query) -> Listing:
    rows = [i for i in core.items(session, actor) if _in_period(i.quarter, q)]
    rows.sort(key=lambda i: (i.quarter, i.unit_name), reverse=True)
    return page_of(rows, q)


def _item_detail(_session: Session, _actor: Actor, row: Any) -> Detail:
    facts = [("季度", row.quarter), ("单位", row.unit_name), ("责任人", row.person),
             ("措施", f"{row.clause} {label(ACCOUNTABILITY_MEASURES, row.measure)}"), ("内容", row.text),
             ("来源事件", f"{row.incident_number}　{row.incident_title}")]
    return Detail(facts, [(when(row.recorded_at), row.recorded_by_name, tr("在评估报告中记录"))])


def _open_incident(page: Any, row: Any) -> None:
    page.openIncident.emit(row.incident_id)


ITEMS = RegisterSpec(
    key="accountability_items", title="追责明细", hint="",
    columns=[
        Column("季度", lambda r: r.quarter),
        Column("单位", lambda r: r.unit_name),
        Column("责任人", lambda r: r.person),
        Column("条款", lambda r: r.clause),
        Column("措施", lambda r: label(ACCOUNTABILITY_MEASURES, r.measure)),
        Column("内容", lambda r: r.text, stretch=True),
        Column("来源事件", lambda r: r.incident_number),
    ],
    listing=_items,
    detail=_item_detail,
    actions=[Action("incident", "打开来源事件", _open_incident)],
    unit_filter=False,
)


def _summary(session: Session, actor: Actor, q: Query) -> Listing:
    rows = [u for quarter in core.quarters(session, actor) if _in_period(quarter, q)
            for u in core.summary(session, actor, quarter)]
    return page_of(rows, q)


SUMMARY = RegisterSpec(
    key="accountability_summary", title="按单位和季度汇总", hint="",
    columns=[
        Column("季度", lambda r: r.quarter),
        Column("单位", lambda r: r.unit_name, stretch=True),
        Column("6.1.1 处罚", lambda r: str(r.penalties)),
        Column("6.1.2 季度考核计零分、取消年度评优", lambda r: str(r.score_zero)),
        Column("来源事件", lambda r: "、".join(r.incidents)),
    ],
    listing=_summary,
    row_id=lambda r: hash((r.quarter, r.unit_name)),
    unit_filter=False,
)

REGISTERS = [SUMMARY, ITEMS]
