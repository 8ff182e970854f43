"""投诉台账: complaints any unit received, their handling steps and result; a complaint becomes an incident or is
linked to one, and its result, once recorded, is reported back to the lead department on the incident's timeline
(4.2.2.1(4), 4.2.2.2(4)), which closes that deadline."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox
from sqlalchemy.orm import Session

from desktop.domain import Actor
from desktop.registers import base
from desktop.registers import complaints as core
from desktop.timeutil import format_cst, now_utc
from ui.registers.common import label, money, when
from ui.registers.form import FormDialog, link_to_incident, tr
from ui.registers.spec import Action, Column, Detail, Field, Listing, Query, RegisterSpec, page_of


def listing(session: Session, actor: Actor, q: Query) -> Listing:
    if q.unit_id is not None:  # the core lists by area: one unit's rows are picked from it here
        rows = [r for r in core.list_complaints(session, actor, q.first, q.last, limit=10_000)
                if r.unit_id == q.unit_id]
        return page_of(rows, q)
    rows = core.list_complaints(session, actor, q.first, q.last, limit=q.limit + 1, offset=q.offset)
    return Listing(rows[:q.limit], len(rows) > q.limit)


def detail(session: Session, actor: Actor, row: Any) -> Detail:
    facts = [("受理时间", when(row.received_at)), ("客户", row.customer or ""), ("联系方式", row.contact or ""),
             ("渠道", label(base.COMPLAINT_CHANNELS, row.channel)), ("事由", row.subject or ""),
             ("情况", row.description or ""), ("涉及金额（元）", money(row.amount_cents)),
             ("单位", row.unit_name or ""), ("状态", label(base.COMPLAINT_STATES, row.state)),
             ("处理结果", row.result or ""), ("关联事件", row.incident_number or "")]
    steps = [(when(s.at), s.by or "", f"{label(base.COMPLAINT_STEP_KINDS, s.kind)}{'：' + s.note if s.note else ''}")
             for s in row.steps]
    return Detail(facts, steps)


def _create(session: Session, actor: Actor, values: dict[str, Any]) -> Any:
    data = {k: v for k, v in values.items() if v is not None}
    amount = data.pop("amount", None)
    data["amount_cents"] = None if amount is None else int(amount * 100)
    return core.add_complaint(session, actor, data)


def _open(row: Any) -> str:
    return tr("已办结") if row.state != "open" else ""


def _unlinked(row: Any) -> str:
    if row.incident_id is not None:
        return tr("已关联事件 %1").replace("%1", row.incident_number or "")
    return _open(row)


def add_step(page: Any, row: Any) -> None:
    dialog = FormDialog(page.workbench, tr("记录处理步骤"),
                        [Field("at", "时间", "datetime", required=True),
                         Field("note", "处理情况", "multiline", required=True, max_length=2000)],
                        lambda s, a, v: core.add_step(s, a, row.id, v["note"], v["at"]), parent=page)
    dialog.saved.connect(lambda r: page.done(tr("已记录处理步骤"), select=r))
    page.dialog = dialog
    dialog.open()


def report_result(page: Any, row: Any) -> None:
    """The result; for a complaint linked to an incident it is also reported back to the lead department on the
    incident's timeline, which closes the report-back deadline."""
    fields = [Field("at", "办结时间", "datetime", required=True),
              Field("result", "处理结果", "multiline", required=True, max_length=2000)]
    if row.incident_id is not None:
        fields.append(Field("late_reason", "迟报说明", "multiline", max_length=2000,
                            hint="超过时限报送时填写原因"))
    dialog = FormDialog(page.workbench, tr("处理结果"), fields,
                        lambda s, a, v: core.record_result(s, a, row.id, v["result"], v["at"],
                                                           late_reason=v.get("late_reason") or ""), parent=page)
    text = tr("处理结果已记录，并已报牵头部门（事件 %1）").replace("%1", row.incident_number) \
        if row.incident_id is not None else tr("处理结果已记录")
    dialog.saved.connect(lambda r: page.done(text, select=r))
    page.dialog = dialog
    dialog.open()


def escalate(page: Any, row: Any) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, tr("转为事件"),
                      tr("以这件投诉的内容登记一起新的声誉事件，并打开该事件继续填写。确定吗？"),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, page)
    box.button(QMessageBox.StandardButton.Yes).setText(tr("转为事件"))
    box.button(QMessageBox.StandardButton.Cancel).setText(tr("取消"))
    actor, complaint_id = page.workbench.actor, row.id

    def go() -> None:
        page.write(lambda s: core.escalate(s, actor, complaint_id, now=now_utc()), tr("已转为事件"),
                   lambda result: page.openIncident.emit(result[1].id))

    box.accepted.connect(go)
    page.dialog = box
    box.open()


def link(page: Any, row: Any) -> None:
    link_to_incident(page, row, core.link)


def open_incident(page: Any, row: Any) -> None:
    page.openIncident.emit(row.incident_id)


SPEC = RegisterSpec(
    key="complaints",
    title="投诉台账",
    hint="各单位受理的客户投诉：受理、处理步骤、处理结果逐项记录。引发声誉风险的投诉可转为事件或关联到已有事件；"
         "关联事件的投诉，处理结果记录后即作为安抚处置结果报牵头部门（4.2.2.1(4)、4.2.2.2(4)）。",
    columns=[
        Column("受理时间", lambda r: format_cst(r.received_at)),
        Column("客户", lambda r: r.customer or ""),
        Column("渠道", lambda r: label(base.COMPLAINT_CHANNELS, r.channel)),
        Column("事由", lambda r: r.subject or "", stretch=True),
        Column("金额（元）", lambda r: money(r.amount_cents)),
        Column("单位", lambda r: r.unit_name or ""),
        Column("状态", lambda r: label(base.COMPLAINT_STATES, r.state)),
        Column("事件", lambda r: r.incident_number or ""),
    ],
    listing=listing,
    detail=detail,
    fields=[
        Field("unit_id", "受理单位", "unit", required=True),
        Field("received_at", "受理时间", "datetime", required=True),
        Field("customer", "客户", required=True, max_length=100),
        Field("contact", "联系方式", max_length=100),
        Field("channel", "渠道", "choice", required=True, choices=lambda: dict(base.COMPLAINT_CHANNELS)),
        Field("subject", "事由", required=True, max_length=200),
        Field("description", "情况", "multiline", max_length=4000),
        Field("amount", "涉及金额（元）", "money", max_length=20),
    ],
    create=_create,
    create_label="登记投诉…",
    actions=[
        Action("step", "记录处理步骤…", add_step, _open),
        Action("result", "处理结果…", report_result),  # a later result replaces it; both stay
        Action("escalate", "转为事件…", escalate, _unlinked),
        Action("link", "关联事件…", link, _unlinked),
        Action("incident", "打开事件", open_incident,
               lambda r: "" if r.incident_id is not None else tr("未关联事件")),
    ],
    attachments="complaint",
)
