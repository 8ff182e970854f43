"""舆情监测台账: the standing log of what was seen where, escalated to an incident in one step (the incident opens
with the entry's facts), linked to one, or closed with a reason; the daily or weekly summary prints."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox
from sqlalchemy.orm import Session

from desktop.domain import Actor
from desktop.registers import base
from desktop.registers import monitoring as core
from desktop.registers import summary as summary_pdf
from desktop.timeutil import format_cst, now_utc, today_cst
from ui.printing.preview import show_pdf_preview
from ui.registers.common import label, number, when
from ui.registers.form import FormDialog, ReasonDialog, link_to_incident, tr
from ui.registers.spec import Action, Column, Detail, Field, Listing, Query, RegisterSpec, page_of

NEGATIVE = "#b00020"


def listing(session: Session, actor: Actor, q: Query) -> Listing:
    if q.unit_id is not None:  # the core lists by area: one unit's rows are picked from it here
        rows = [r for r in core.list_entries(session, actor, q.first, q.last, limit=10_000) if r.unit_id == q.unit_id]
        return page_of(rows, q)
    rows = core.list_entries(session, actor, q.first, q.last, limit=q.limit + 1, offset=q.offset)
    return Listing(rows[:q.limit], len(rows) > q.limit)


def detail(session: Session, actor: Actor, row: Any) -> Detail:
    facts = [("发现时间", when(row.observed_at)), ("平台", label(base.PLATFORMS, row.platform)),
             ("网址", row.url or ""), ("标题", row.title or ""), ("内容摘要", row.excerpt or ""),
             ("阅读量", number(row.reads)), ("转发量", number(row.reposts)), ("倾向", label(base.TONES, row.tone)),
             ("单位", row.unit_name or ""), ("状态", label(base.MONITORING_STATES, row.state)),
             ("关联事件", row.incident_number or "")]
    steps = [(when(row.logged_at), row.logged_by or "", tr("登记"))]
    if row.incident_number:
        steps.append(("", "", tr("关联事件 %1").replace("%1", row.incident_number)))
    if row.closed_at is not None:
        steps.append((when(row.closed_at), row.closed_by or "", tr("关闭：%1").replace("%1", row.close_reason or "")))
    return Detail(facts, steps)


def _create(session: Session, actor: Actor, values: dict[str, Any]) -> Any:
    return core.add_entry(session, actor, {k: v for k, v in values.items() if v is not None})


def _open_refusal(row: Any) -> str:
    if row.state == "open":
        return ""
    return tr("该条目%1").replace("%1", label(base.MONITORING_STATES, row.state))


def escalate(page: Any, row: Any) -> None:
    """One step after a yes: the incident is created from the entry's facts and opens."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("升级为事件"),
                      tr("以这条舆情的内容登记一起新的声誉事件，并打开该事件继续填写。确定吗？"),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, page)
    box.button(QMessageBox.StandardButton.Yes).setText(tr("升级为事件"))
    box.button(QMessageBox.StandardButton.Cancel).setText(tr("取消"))
    actor, entry_id = page.workbench.actor, row.id

    def go() -> None:
        def opened(result: Any) -> None:
            _entry, record = result
            page.openIncident.emit(record.id)
        page.write(lambda s: core.escalate(s, actor, entry_id), tr("已升级为事件"), opened)

    box.accepted.connect(go)
    page.dialog = box
    box.open()


def link(page: Any, row: Any) -> None:
    link_to_incident(page, row, core.link)


CORRECTED = ("unit_id", "observed_at", "platform", "url", "title", "excerpt", "reads", "reposts", "tone")


def correct(page: Any, row: Any) -> None:
    """The entry's form filled with what it says, and the reason: a new version; the old one stays in the record."""

    def job(session: Session, actor: Actor, values: dict[str, Any]) -> Any:
        reason = values.pop("reason")
        # Only what was changed: an empty box and an empty value (none, "", 0 in a count box) are the same.
        changes = {k: v for k, v in values.items() if (v or None) != (getattr(row, k) or None)}
        return core.correct_entry(session, actor, row.id, row.row_version, changes, reason)

    fields = [*SPEC.fields, Field("reason", "更正理由", "multiline", required=True, max_length=1000)]
    dialog = FormDialog(page.workbench, tr("更正舆情条目"), fields, job,
                        values={k: getattr(row, k) for k in CORRECTED}, parent=page)
    dialog.saved.connect(lambda r: page.done(tr("已更正：原记录保留，可在操作记录中查看"), select=r))
    page.dialog = dialog
    dialog.open()


def close(page: Any, row: Any) -> None:
    dialog = ReasonDialog(page.workbench, tr("关闭舆情条目"), "关闭原因",
                          lambda s, a, v: core.close(s, a, row.id, v["reason"]), parent=page,
                          hint=tr("关闭的条目仍保留在台账中，原因记入操作记录。"))
    dialog.saved.connect(lambda r: page.done(tr("已关闭"), select=r))
    page.dialog = dialog
    dialog.open()


def summary(page: Any, _row: Any) -> None:
    """The summary of the chosen period (or of the last seven days) as a printable document; printing or saving
    it from the preview is recorded, the preview itself is not."""
    first, last = page.period.dates()
    if first is None or last is None:
        first, last = summary_pdf.last_days(today_cst(), 7)
    actor = page.workbench.actor
    page.dialog = show_pdf_preview(page, page.workbench,
                                   lambda s: summary_pdf.build_summary(s, actor, first, last, now_utc()),
                                   tr(summary_pdf.title_for(first, last)))


def _tone_colour(row: Any) -> str | None:
    return NEGATIVE if row.tone == "negative" else None


SPEC = RegisterSpec(
    key="monitoring",
    title="舆情监测台账",
    hint="日常监测到的舆情逐条登记（不必先有事件）；需要处置的一键升级为事件，事件表单自动带入这里的内容；"
         "无需处置的写明原因后关闭。所有记录都留痕，不会被删除。",
    columns=[
        Column("发现时间", lambda r: format_cst(r.observed_at)),
        Column("平台", lambda r: label(base.PLATFORMS, r.platform)),
        Column("标题/摘要", lambda r: r.title or (r.excerpt or "")[:60], stretch=True),
        Column("阅读", lambda r: number(r.reads)),
        Column("转发", lambda r: number(r.reposts)),
        Column("倾向", lambda r: label(base.TONES, r.tone), colour=_tone_colour),
        Column("单位", lambda r: r.unit_name or ""),
        Column("状态", lambda r: label(base.MONITORING_STATES, r.state)),
        Column("事件", lambda r: r.incident_number or ""),
    ],
    listing=listing,
    detail=detail,
    fields=[
        Field("unit_id", "单位", "unit", required=True),
        Field("observed_at", "发现时间", "datetime", required=True),
        Field("platform", "平台", "choice", required=True, choices=lambda: dict(base.PLATFORMS)),
        Field("url", "网址", max_length=1000),
        Field("title", "标题", max_length=200),
        Field("excerpt", "内容摘要", "multiline", required=True, max_length=4000),
        Field("reads", "阅读量", "int"),
        Field("reposts", "转发量", "int"),
        Field("tone", "倾向", "choice", required=True, choices=lambda: dict(base.TONES),
              default=lambda _a: "negative"),
    ],
    create=_create,
    create_label="登记舆情…",
    actions=[
        Action("escalate", "升级为事件…", escalate, _open_refusal),
        Action("link", "关联事件…", link, _open_refusal),
        Action("correct", "更正…", correct),
        Action("close", "关闭…", close, _open_refusal),
        Action("summary", "打印监测报告…", summary, needs_row=False),
    ],
    attachments="monitoring",
)
