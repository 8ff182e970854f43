"""舆情监测日报/周报: the monitoring register of a period printed as a document (landscape A4, like the incident
register): the counts by tone, platform and handling, then every entry of the period.

A day prints as 日报, up to a week as 周报, a longer period as 汇总. Building records nothing; a print is recorded by
desktop.services.printing.record_print (kind "monitoring_summary", the period) like the register's."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable, Spacer
from sqlalchemy.orm import Session

from desktop.domain import Actor
from desktop.errors import ValidationError
from desktop.registers import base, monitoring
from desktop.reports.blocks import TitleParagraph, data_table, data_tables, heading
from desktop.reports.layout import REGISTER
from desktop.reports.linebreak import Para
from desktop.reports.official import new_context, render
from desktop.reports.register import REGISTER_CHUNK, REGISTER_TABLE_SIZE
from desktop.reports.sections import cn_datetime
from desktop.services import org
from desktop.services.printing import Printed
from desktop.timeutil import format_cst, now_utc

MAX_DAYS = 366
KIND = "monitoring_summary"


def title_for(first: date, last: date) -> str:
    days = (last - first).days + 1
    return "舆情监测日报" if days == 1 else "舆情监测周报" if days <= 7 else "舆情监测汇总"


def _handling(row: monitoring.MonitoringRow) -> str:
    if row.state in ("escalated", "linked"):
        return f"{row.state_label}（{row.incident_number}）"
    if row.state == "closed":
        return f"已关闭：{row.close_reason}"
    return row.state_label


def build_summary(session: Session, actor: Actor, first: date, last: date, now: datetime | None = None) -> Printed:
    """The period's entries the actor may see, as a PDF (records nothing)."""
    now = now or now_utc()
    if not isinstance(first, date) or not isinstance(last, date):
        raise ValidationError("from", "请选择起止日期")
    if last < first:
        raise ValidationError("to", "结束日期不能早于开始日期")
    if (last - first).days >= MAX_DAYS:
        raise ValidationError("to", f"一次最多汇总{MAX_DAYS}天")
    actor = base.fresh(session, actor)
    rows = sorted(monitoring.list_entries(session, actor, first, last, limit=10_000),
                  key=lambda r: (r.observed_at, r.id))
    compiled_by = (org.unit_info(session, actor.unit_id).name if actor.unit_id is not None
                   else next((u.name for u in org.list_units(session) if u.kind == "branch"), ""))
    title = title_for(first, last)
    period = (f"{first.year}年{first.month}月{first.day}日" if first == last else
              f"{first.year}年{first.month}月{first.day}日至{last.year}年{last.month}月{last.day}日")

    ctx = new_context(REGISTER, REGISTER_TABLE_SIZE)
    ts, st = ctx.ts, ctx.st
    info = st.plain.clone("info", fontName=st.fang, fontSize=12, leading=18, alignment=TA_CENTER)
    h1 = st.h1.clone("mh1", fontSize=14, leading=24, firstLineIndent=0, fontName=st.hei)
    tones, platforms, states = (Counter(r.tone for r in rows), Counter(r.platform for r in rows),
                                Counter(r.state for r in rows))
    story: list[Flowable] = [
        TitleParagraph(ts.markup(title, st.song), st.title.clone("mtitle", fontSize=20, leading=28),
                       bold=not ctx.fonts.title_is_heavy),
        Para(ts.markup(f"（{period}）", st.fang), info),
        Para(ts.markup(f"编制单位：{compiled_by}　　编制时间：{cn_datetime(now)}　　监测记录：{len(rows)}条",
                       st.fang), info),
        Spacer(0, 8),
        heading(ts, st, "一、监测概况"),
    ]
    story[-1].style = h1
    story.append(data_table(
        ts, st, ["监测记录", *base.TONES.values(), "转为事件", "关联事件", "已关闭", "待研判"],
        [[str(len(rows)), *(str(tones[k]) for k in base.TONES), str(states["escalated"]), str(states["linked"]),
          str(states["closed"]), str(states["open"])]],
        [2.0, 1.5, 1.5, 1.5, 1.8, 1.8, 1.5, 1.5], ctx.width, centre_cols=tuple(range(8))))
    story.append(Spacer(0, 6))
    used = [k for k in base.PLATFORMS if platforms[k]]
    if used:
        story.append(data_table(ts, st, ["发布平台", *(base.PLATFORMS[k] for k in used)],
                                [["条数", *(str(platforms[k]) for k in used)]],
                                [2.0, *([1.6] * len(used))], ctx.width * min(1.0, 0.15 * (len(used) + 1)),
                                centre_cols=tuple(range(len(used) + 1))))
    story.append(Spacer(0, 10))
    story.append(heading(ts, st, "二、监测明细"))
    story[-1].style = h1
    detail = [[str(i), format_cst(r.observed_at), r.platform_label, r.title + (f"　{r.url}" if r.url else ""),
               r.unit_name, r.reach or "—", r.tone_label, _handling(r), r.logged_by]
              for i, r in enumerate(rows, 1)]
    story += data_tables(ts, st, ["序号", "发现时间", "平台", "标题/链接", "涉及单位", "传播情况", "倾向",
                                  "研判处置", "登记人"],
                         detail or [["—"] * 9], [1.1, 3.2, 1.6, 8.0, 3.2, 2.6, 1.1, 4.2, 1.8], ctx.width,
                         centre_cols=(0, 1, 2, 6, 8), chunk=REGISTER_CHUNK)
    rendered = render(ctx, story, title=f"{title}（{period}）", created=now, draft=False, author=compiled_by)
    warnings = tuple(ctx.fonts.stand_ins()) + tuple(ctx.ts.warnings + ctx.notes)
    return Printed(rendered.pdf, False, f"{title}：{len(rows)} 条监测记录。", None, warnings, f"{title}（{period}）",
                   kind=KIND, period=f"{first.isoformat()}..{last.isoformat()}")


def last_days(today: date, days: int) -> tuple[date, date]:
    """The `days` days up to and including `today` (7: a week's 周报)."""
    return today - timedelta(days=days - 1), today
