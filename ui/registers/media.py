"""媒体与发言人: the directory of outlets and journalists (filled from the incidents' media records, plus those
added here), each with the history of their inquiries, and the designated spokespeople with their phones."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from desktop.domain import Actor
from desktop.registers import base
from desktop.registers import media as core
from ui.registers.common import label, when
from ui.registers.form import ReasonDialog, tr
from ui.registers.spec import Action, Column, Detail, Field, Listing, Query, RegisterSpec, page_of


def _source(row: Any) -> str:
    """Typed into the directory here, or known only from the incidents' media records."""
    return tr("名录登记") if row.directory_id is not None else tr("事件记录")


def _journalists(session: Session, actor: Actor, q: Query) -> Listing:
    return page_of(core.directory(session, actor), q)


def _journalist_detail(_session: Session, _actor: Actor, row: Any) -> Detail:
    facts = [("姓名", row.name), ("媒体", row.outlet), ("电话", row.phone), ("电子邮箱", row.email),
             ("备注", row.notes), ("来源", _source(row))]
    steps = [(when(i.asked_at), i.incident_number, i.question) for i in row.inquiries]
    return Detail(facts, steps)


def _create_journalist(session: Session, actor: Actor, values: dict[str, Any]) -> Any:
    return core.add_journalist(session, actor, {k: v for k, v in values.items() if v is not None})


JOURNALISTS = RegisterSpec(
    key="journalists", title="记者名录", hint="",
    columns=[
        Column("姓名", lambda r: r.name),
        Column("媒体", lambda r: r.outlet, stretch=True),
        Column("电话", lambda r: r.phone),
        Column("采访次数", lambda r: str(len(r.inquiries))),
        Column("来源", _source),
    ],
    listing=_journalists,
    detail=_journalist_detail,
    fields=[
        Field("name", "姓名", required=True, max_length=60),
        Field("outlet", "媒体", required=True, max_length=120),
        Field("phone", "电话", max_length=60),
        Field("email", "电子邮箱", max_length=120),
        Field("notes", "备注", "multiline", max_length=2000),
    ],
    create=_create_journalist, create_label="登记记者…",
    row_id=lambda r: hash(r.key),
    period_filter=False, unit_filter=False,
)


def _outlets(session: Session, actor: Actor, q: Query) -> Listing:
    return page_of(core.outlets(session, actor), q)


def _create_outlet(session: Session, actor: Actor, values: dict[str, Any]) -> Any:
    return core.add_outlet(session, actor, {k: v for k, v in values.items() if v is not None})


OUTLETS = RegisterSpec(
    key="outlets", title="媒体名录", hint="",
    columns=[
        Column("媒体", lambda r: r.name, stretch=True),
        Column("类别", lambda r: label(base.OUTLET_KINDS, r.kind)),
        Column("电话", lambda r: r.phone),
        Column("地址", lambda r: r.address),
        Column("记者", lambda r: str(r.journalists)),
        Column("采访次数", lambda r: str(r.inquiries)),
    ],
    listing=_outlets,
    fields=[
        Field("name", "媒体", required=True, max_length=120),
        Field("kind", "类别", "choice", required=True, choices=lambda: dict(base.OUTLET_KINDS)),
        Field("phone", "电话", max_length=60),
        Field("address", "地址", max_length=200),
        Field("notes", "备注", "multiline", max_length=2000),
    ],
    create=_create_outlet, create_label="登记媒体…",
    row_id=lambda r: hash(r.name),
    period_filter=False, unit_filter=False,
)


def _spokespeople(session: Session, actor: Actor, q: Query) -> Listing:
    rows = core.spokespeople(session, actor, include_ended=True)
    if q.unit_id is not None:
        rows = [r for r in rows if r.unit_id == q.unit_id]
    return page_of(rows, q)


def _create_spokesperson(session: Session, actor: Actor, values: dict[str, Any]) -> Any:
    return core.designate_spokesperson(session, actor, {k: v for k, v in values.items() if v is not None})


def _end(page: Any, row: Any) -> None:
    dialog = ReasonDialog(page.workbench, tr("不再担任发言人"), "原因",
                          lambda s, a, v: core.end_spokesperson(s, a, row.id, v["reason"]), parent=page)
    dialog.saved.connect(lambda r: page.done(tr("已记录"), select=r))
    page.dialog = dialog
    dialog.open()


SPOKESPEOPLE = RegisterSpec(
    key="spokespeople", title="新闻发言人", hint="",
    columns=[
        Column("单位", lambda r: r.unit_name),
        Column("姓名", lambda r: r.name),
        Column("职务", lambda r: r.title, stretch=True),
        Column("办公电话", lambda r: r.phone),
        Column("手机", lambda r: r.mobile),
        Column("指定时间", lambda r: when(r.designated_at)),
        Column("状态", lambda r: tr("在任") if r.ended_at is None else tr("已卸任：%1").replace("%1", r.end_reason),
               colour=lambda r: None if r.ended_at is None else "#888888"),
    ],
    listing=_spokespeople,
    fields=[
        Field("unit_id", "单位", "unit", required=True),
        Field("name", "姓名", required=True, max_length=60),
        Field("title", "职务", max_length=120),
        Field("phone", "办公电话", max_length=60),
        Field("mobile", "手机", max_length=60, hint="办公电话和手机至少填一项"),
    ],
    create=_create_spokesperson, create_label="指定发言人…",
    actions=[Action("end", "不再担任…", _end, lambda r: tr("已卸任") if r.ended_at is not None else "")],
    period_filter=False,
)

REGISTERS = [OUTLETS, JOURNALISTS, SPOKESPEOPLE]
