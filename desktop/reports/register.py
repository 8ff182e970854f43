"""台账: the incidents of a period on landscape A4, with deadline compliance per unit and a row per incident."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.platypus import Flowable, Spacer

from desktop.reports.blocks import TitleParagraph, data_table, data_tables, heading
from desktop.reports.linebreak import Para
from desktop.reports.model import DeadlineSummary, Register, ReportIncident, summarize
from desktop.reports.official import Context, Rendered, render
from desktop.reports.sections import cn_datetime
from desktop.timeutil import chinese_date, format_cst

REGISTER_TABLE_SIZE = 9.5
REGISTER_CHUNK = 40  # rows per detail table: about two pages


def per_unit(incidents: list[ReportIncident]) -> list[tuple[str, DeadlineSummary]]:
    """Compliance per incident unit, units in order of first appearance."""
    units: dict[str, DeadlineSummary] = {}
    for inc in incidents:
        units[inc.unit_name] = units.get(inc.unit_name, DeadlineSummary()) + summarize(inc.deadlines, 1)
    return list(units.items())


def _breaches(ctx: Context, inc: ReportIncident) -> Flowable:
    """The late (with the stored reason) and missed rules of one incident, one line each."""
    st, ts = ctx.st, ctx.ts
    lines = []
    for r in inc.deadlines:
        if r.status == "late":
            lines.append(ts.markup(f"{r.article} 迟报：{r.late_reason.strip() or '未填写迟报说明'}", st.fang))
        elif r.status == "overdue":
            reason = f"：{r.late_reason.strip()}" if r.late_reason.strip() else ""
            lines.append(ts.markup(f"{r.article} 超时未办{reason}", st.fang))
    return Para("<br/>".join(lines) or ts.markup("—", st.fang), st.cell)


def _unit_rows(units: list[tuple[str, DeadlineSummary]]) -> list[list[str]]:
    def row(name: str, s: DeadlineSummary) -> list[str]:
        return [name, str(s.incidents), str(s.due), str(s.met), str(s.late), str(s.missed), str(s.pending),
                s.rate_text]

    total = sum((s for _n, s in units), DeadlineSummary())
    return [row(n, s) for n, s in units] + [row("合计", total)]


def build_register(ctx: Context, reg: Register, invariant: bool = True) -> Rendered:
    ts, st = ctx.ts, ctx.st
    period = f"{chinese_date(reg.period_start)}至{chinese_date(reg.period_end)}"
    info = st.plain.clone("info", fontName=st.fang, fontSize=12, leading=18, alignment=TA_CENTER)
    title_style = st.title.clone("rtitle", fontSize=20, leading=28)
    h1 = st.h1.clone("rh1", fontSize=14, leading=24, firstLineIndent=0, fontName=st.hei)
    units = per_unit(reg.incidents)
    story: list[Flowable] = [
        TitleParagraph(ts.markup(reg.title, st.song), title_style, bold=not ctx.fonts.title_is_heavy),
        Para(ts.markup(f"（{period}）", st.fang), info),
        Para(ts.markup(f"编制单位：{reg.compiled_by}　　编制时间：{cn_datetime(reg.compiled_at)}"
                            f"　　事件数：{len(reg.incidents)}起", st.fang), info),
        Spacer(0, 8),
        heading(ts, st, "一、各单位报告及处置时限执行情况"),
    ]
    story[-1].style = h1
    story += [
        data_table(ts, st, ["单位", "事件数", "应办时限", "按时", "迟报", "超时未办", "待办", "及时率"],
                   _unit_rows(units), [6.0, 1.6, 1.8, 1.6, 1.6, 1.8, 1.6, 2.0], ctx.width,
                   centre_cols=(1, 2, 3, 4, 5, 6, 7)),
        Para(ts.markup("注：应办时限＝按时＋迟报＋超时未办；及时率＝按时÷应办时限。待办含尚未到期、尚未起算的时限；"
                            "可选的时间窗口未使用及因升级为重大事件不再适用的时限不计入。", st.fang), st.small),
        Spacer(0, 10),
    ]
    story.append(heading(ts, st, "二、事件明细"))
    story[-1].style = h1
    rows = []
    for i, inc in enumerate(reg.incidents, 1):
        s = summarize(inc.deadlines)
        rows.append([str(i), inc.number, inc.title, inc.unit_name, inc.severity_zh,
                     format_cst(inc.occurred_at), inc.status or "—", f"{s.due}/{s.met}/{s.late}/{s.missed}",
                     _breaches(ctx, inc)])
    # Tables of REGISTER_CHUNK rows that join into one: ReportLab sizes and splits a chunk at a time, not a year.
    story += data_tables(ts, st, ["序号", "事件编号", "事件名称", "事发单位", "等级", "事发时间", "处置状态",
                                  "应办/按时/迟报/超时", "迟报及超时说明"],
                         rows or [["—"] * 9], [0.9, 2.8, 6.4, 3.6, 1.1, 3.8, 1.6, 2.2, 7.0], ctx.width,
                         centre_cols=(0, 1, 4, 5, 6, 7), chunk=REGISTER_CHUNK)
    if reg.note:
        story += [Spacer(0, 6), Para(ts.markup(reg.note, st.fang), st.small)]
    return render(ctx, story, title=f"{reg.title}（{period}）", created=reg.compiled_at, draft=False,
                  author=reg.compiled_by, invariant=invariant)
