"""声誉风险管理工作报告 (quarterly and annual): the figures of a period as tables, vector charts and a short
narrative built from them, under an official-document head.

`Figures` is what the report prints; desktop.registers.statistics computes it from the database (in the actor's
scope) and the statistics page draws the same figures on screen. The charts are reportlab.graphics Drawings, so
they print as vectors at any size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop.reports.blocks import TitleParagraph, data_table, heading, paragraphs
from desktop.reports.build import BuildResult
from desktop.reports.layout import LEADING
from desktop.reports.linebreak import Para
from desktop.reports.model import OnTimeRate
from desktop.reports.official import Context, new_context, render
from desktop.reports.sections import cn_datetime
from desktop.timeutil import CST

# The charts' colours: the red of the document head for incidents, muted tones for the rest (prints on grey too).
RED = colors.HexColor("#C00000")
BLUE = colors.HexColor("#2F5597")
GREEN = colors.HexColor("#548235")
AMBER = colors.HexColor("#BF8F00")
GREY = colors.HexColor("#7F7F7F")
PALETTE = (RED, BLUE, GREEN, AMBER, GREY, colors.HexColor("#7030A0"), colors.HexColor("#00B0F0"))


# --- the figures ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """One bar: a label (a month, a unit, a source) and how many."""

    label: str
    value: int


@dataclass(frozen=True)
class OnTime(OnTimeRate):
    """Deadlines with a time limit whose outcome is settled: done in time, done late, not done after the limit."""

    label: str
    met: int = 0
    late: int = 0
    missed: int = 0
    article: str = ""



@dataclass(frozen=True)
class UnitPrevention:
    """Training and drills of one unit in the period."""

    unit: str
    training_sessions: int = 0
    training_hours: float = 0.0
    participants: int = 0
    drills: int = 0


@dataclass(frozen=True)
class QuarterAccountability:
    """6.1 per unit and quarter: 6.1.1 penalties, 6.1.2 quarter score zeroed and honours withdrawn."""

    quarter: str  # 2026Q4
    unit: str
    penalties: int
    score_zero: int
    incidents: str  # the incident numbers they come from


@dataclass(frozen=True)
class Figures:
    """Everything the 工作报告 prints. Optional registers that hold nothing in the period print as 0."""

    kind: str  # "annual" | "quarterly"
    title: str  # e.g. 2026年第四季度声誉风险管理工作报告
    period_label: str  # e.g. 2026年10月1日至2026年12月31日
    first: date
    last: date
    scope_name: str  # 统计范围: the units whose figures these are
    compiled_by: str  # 编制单位
    compiled_at: datetime
    total: int = 0
    open: int = 0
    closed: int = 0
    major: int = 0
    by_month: tuple[Count, ...] = ()
    by_unit: tuple[Count, ...] = ()
    by_source: tuple[Count, ...] = ()
    by_severity: tuple[Count, ...] = ()
    on_time_rules: tuple[OnTime, ...] = ()
    on_time_units: tuple[OnTime, ...] = ()
    first_reports: int = 0  # incidents with a first report (the telephone report to the lead department)
    first_report_median_minutes: float | None = None
    first_report_within_30: int = 0  # 3.2.1, 3.2.2: within half an hour of the occurrence
    monitoring_entries: int = 0
    monitoring_escalated: int = 0  # escalated to an incident or linked to one
    monitoring_by_month: tuple[Count, ...] = ()
    complaints: int = 0
    complaints_to_incidents: int = 0
    prevention: tuple[UnitPrevention, ...] = ()
    followups_open: int = 0
    followups_overdue: int = 0
    accountability: tuple[QuarterAccountability, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def on_time_total(self) -> OnTime:
        return OnTime("合计", sum(r.met for r in self.on_time_rules), sum(r.late for r in self.on_time_rules),
                      sum(r.missed for r in self.on_time_rules))

    @property
    def training_hours(self) -> float:
        return sum(p.training_hours for p in self.prevention)

    @property
    def training_sessions(self) -> int:
        return sum(p.training_sessions for p in self.prevention)

    @property
    def drills(self) -> int:
        return sum(p.drills for p in self.prevention)


def minutes_text(minutes: float | None) -> str:
    """A median as people say it: 25分钟, 2小时15分钟."""
    if minutes is None:
        return "—"
    whole = round(minutes)
    hours, rest = divmod(whole, 60)
    if hours == 0:
        return f"{rest}分钟"
    return f"{hours}小时{rest}分钟" if rest else f"{hours}小时"


def hours_text(hours: float) -> str:
    return f"{hours:g}"


def narrative(f: Figures) -> list[str]:
    """The report's prose: every sentence is made from a figure, so it never says what the tables do not."""
    out = []
    if f.total:
        share = "、".join(f"{c.label}{c.value}起" for c in f.by_source if c.value)
        busiest = max(f.by_unit, key=lambda c: c.value) if f.by_unit else None
        sentence = (f"本期共发生声誉风险事件{f.total}起，其中重大事件{f.major}起、一般事件{f.total - f.major}起；"
                    f"已处置完毕{f.closed}起，仍在处置{f.open}起。")
        if share:
            sentence += f"按来源分，{share}。"
        if busiest is not None and len(f.by_unit) > 1:
            sentence += f"事件数最多的单位为{busiest.label}（{busiest.value}起）。"
        out.append(sentence)
    else:
        out.append("本期未发生声誉风险事件。")
    total = f.on_time_total
    if total.due:
        worst = [r for r in f.on_time_rules if r.due and r.rate is not None and r.rate < 1]
        sentence = (f"本期应在时限内办理的事项{total.due}项，按时办理{total.met}项，迟报{total.late}项，"
                    f"超时未办{total.missed}项，及时率{total.rate_text}。")
        if worst:
            low = min(worst, key=lambda r: (r.rate or 0.0, -r.due))
            sentence += f"及时率最低的是“{low.label}”（{low.article}，{low.rate_text}），应作为下一阶段的改进重点。"
        out.append(sentence)
    if f.first_reports:
        out.append(f"从事发到首次报告牵头部门的时间中位数为{minutes_text(f.first_report_median_minutes)}，"
                   f"{f.first_reports}起有首报记录的事件中{f.first_report_within_30}起在半小时内报告"
                   "（3.2.1、3.2.2）。")
    if f.monitoring_entries or f.complaints:
        out.append(f"舆情监测共登记{f.monitoring_entries}条，其中{f.monitoring_escalated}条转为或关联声誉风险事件；"
                   f"受理投诉{f.complaints}件，其中{f.complaints_to_incidents}件转为或关联声誉风险事件。")
    if f.prevention:
        out.append(f"开展声誉风险培训{f.training_sessions}场、共{hours_text(f.training_hours)}学时，"
                   f"组织应急演练{f.drills}次。")
    if f.followups_open:
        out.append(f"截至报告编制时，尚有整改跟进事项{f.followups_open}项未完成，其中{f.followups_overdue}项已逾期，"
                   "请责任单位抓紧落实。")
    if f.accountability:
        penalties = sum(a.penalties for a in f.accountability)
        zero = sum(a.score_zero for a in f.accountability)
        out.append(f"依据6.1对相关单位追究责任：给予经济处罚{penalties}项（6.1.1），"
                   f"当季考核记零分并取消年度评优资格{zero}项（6.1.2）。")
    return out


# --- the charts (vector: reportlab.graphics) --------------------------------------------------------------------


def _short(label: str, limit: int = 8) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _caption(d: Drawing, text: str, font: str, width: float) -> None:
    d.add(String(width / 2, d.height - 12, text, fontName=font, fontSize=10.5, textAnchor="middle"))


def bar_chart(counts: Sequence[Count], caption: str, font: str, width: float, height: float = 62 * mm,
              colour: colors.Color = RED) -> Drawing:
    """Vertical bars with their values; the labels in the CJK face."""
    d = Drawing(width, height)
    _caption(d, caption, font, width)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 28
    chart.width, chart.height = width - 45, height - 55
    values = [c.value for c in counts] or [0]
    chart.data = [values]
    chart.categoryAxis.categoryNames = [_short(c.label) for c in counts] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7.5 if len(values) > 8 else 8.5
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    top = max(values)
    chart.valueAxis.valueMax = max(top + max(1, top // 5), 4)
    chart.valueAxis.valueStep = max(1, chart.valueAxis.valueMax // 4)
    chart.bars[0].fillColor = colour
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7.5
    chart.barLabels.nudge = 6
    d.add(chart)
    return d


def line_chart(series: Sequence[tuple[str, Sequence[Count], colors.Color]], caption: str, font: str,
               width: float, height: float = 62 * mm) -> Drawing:
    """Lines over the same categories (months), a small legend under the caption."""
    d = Drawing(width, height)
    _caption(d, caption, font, width)
    chart = HorizontalLineChart()
    chart.x, chart.y = 30, 28
    chart.width, chart.height = width - 45, height - 70
    labels = [c.label for c in series[0][1]] if series else []
    chart.data = [[c.value for c in counts] or [0] for _name, counts, _colour in series] or [[0]]
    chart.categoryAxis.categoryNames = labels or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    top = max((max(row) for row in chart.data), default=0)
    chart.valueAxis.valueMax = max(top + max(1, top // 5), 4)
    chart.valueAxis.valueStep = max(1, chart.valueAxis.valueMax // 4)
    for i, (_name, _counts, colour) in enumerate(series):
        chart.lines[i].strokeColor = colour
        chart.lines[i].strokeWidth = 1.6
    d.add(chart)
    x = 30.0
    for name, _counts, colour in series:  # legend
        d.add(Rect(x, height - 27, 8, 8, fillColor=colour, strokeColor=None))
        d.add(String(x + 11, height - 26, name, fontName=font, fontSize=8.5))
        x += 20 + 9 * len(name)
    return d


def hbar_chart(counts: Sequence[Count], caption: str, font: str, width: float, colour: colors.Color = BLUE
               ) -> Drawing:
    """One horizontal bar per unit, its name on the left: many units' names never overlap."""
    top = max([c.value for c in counts] or [0])
    step = max(-(-(top + 1) // 4) * 4, 4) // 4
    return _hbars([c.value for c in counts], [_short(c.label, 12) for c in counts], caption, font, width, colour,
                  step, "%d")


def rate_chart(rows: Sequence[OnTime], caption: str, font: str, width: float) -> Drawing:
    """On-time rate per item as horizontal bars from 0 to 100 %."""
    shown = [r for r in rows if r.due]
    return _hbars([round((r.rate or 0.0) * 100, 1) for r in shown], [_short(r.label, 14) for r in shown], caption,
                  font, width, BLUE, 25, "%.1f%%", axis_format="%d%%")


def _hbars(values: Sequence[float], names: Sequence[str], caption: str, font: str, width: float,
           colour: colors.Color, step: float, bar_format: str, axis_format: str | None = None) -> Drawing:
    """Horizontal bars, the first row on top as in the table beside them; the value axis from 0 in four steps."""
    height = max(30 * mm, 34 + 13 * len(values))
    d = Drawing(width, height)
    _caption(d, caption, font, width)
    chart = HorizontalBarChart()
    chart.x, chart.y = 120, 14
    chart.width, chart.height = width - 150, height - 36
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = list(names) or [""]
    chart.categoryAxis.reverseDirection = True  # the first row on top, as in the table
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 4 * step, step
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    if axis_format is not None:
        chart.valueAxis.labelTextFormat = axis_format
    chart.bars[0].fillColor = colour
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = bar_format
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    d.add(chart)
    return d


def pie_chart(counts: Sequence[Count], caption: str, font: str, width: float, height: float = 58 * mm) -> Drawing:
    """Shares (sources of incidents), labelled with name and count; an empty period draws an empty circle."""
    d = Drawing(width, height)
    _caption(d, caption, font, width)
    shown = [c for c in counts if c.value]
    pie = Pie()
    size = height - 52
    pie.x, pie.y = (width - size) / 2, 14
    pie.width = pie.height = size
    pie.data = [c.value for c in shown] or [1]
    pie.labels = [f"{c.label} {c.value}" for c in shown] or ["无"]
    pie.sideLabels = 1  # labels beside the circle with a pointer: never across a slice's edge
    pie.slices.fontName = font
    pie.slices.fontSize = 8.5
    pie.slices.strokeColor = colors.white
    for i in range(len(pie.data)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)] if shown else colors.white
    if not shown:
        pie.slices[0].strokeColor = GREY
    d.add(pie)
    return d


# --- the document -----------------------------------------------------------------------------------------------


def _rate_rows(rows: Sequence[OnTime], with_article: bool) -> list[list[str]]:
    out = []
    for r in rows:
        head = [r.label, r.article] if with_article else [r.label]
        out.append([*head, str(r.due), str(r.met), str(r.late), str(r.missed), r.rate_text])
    return out


class _Chart(Flowable):
    """A Drawing centred in the text block, kept whole."""

    def __init__(self, drawing: Drawing, width: float) -> None:
        super().__init__()
        self.drawing, self.width, self.height = drawing, width, drawing.height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.drawing.drawOn(self.canv, (self.width - self.drawing.width) / 2, 0)


def build_work_report(f: Figures, *, invariant: bool = True) -> BuildResult:
    """The report as PDF bytes: same figures and `invariant` → the same bytes."""
    ctx = new_context()
    pdf, pages = _render(ctx, f, invariant)
    missing = tuple(ctx.ts.missing_chars)
    stand_ins = tuple(ctx.fonts.stand_ins())
    return BuildResult("work-report", pdf, pages, stand_ins + tuple(ctx.ts.warnings + ctx.notes), missing,
                       stand_ins)


def _render(ctx: Context, f: Figures, invariant: bool) -> tuple[bytes, int]:
    ts, st = ctx.ts, ctx.st
    width = ctx.width
    font = st.fang
    info = st.plain.clone("wr_info", fontName=st.fang, fontSize=14, leading=24, alignment=TA_CENTER)
    h1 = st.h1.clone("wr_h1", firstLineIndent=0, fontName=st.hei)
    note = st.small
    head = st.plain.clone("wr_head", fontName=st.song, fontSize=22, leading=30, alignment=TA_CENTER,
                          textColor=RED)

    def section(text: str) -> Para:
        p = heading(ts, st, text)
        p.style = h1
        return p

    compiled = cn_datetime(f.compiled_at)
    story: list[Flowable] = [
        # 版头 of an internal report: the compiling unit in red over a red rule (GB/T 9704 7.2, without 发文字号:
        # the report is compiled, not issued as a numbered document).
        Para(ts.markup(f"{f.compiled_by}", st.song), head),
        _Rule(width),
        Spacer(0, LEADING),
        TitleParagraph(ts.markup(f.title, st.song), st.title, bold=not ctx.fonts.title_is_heavy),
        Para(ts.markup(f"（{f.period_label}）", st.fang), info),
        Para(ts.markup(f"统计范围：{f.scope_name}", st.fang), info),
        Spacer(0, 0.5 * LEADING),
        section("一、总体情况"),
    ]
    for text in narrative(f):
        story += paragraphs(ts, st, text)
    story += [
        Spacer(0, 6),
        data_table(ts, st, ["事件总数", "重大事件", "一般事件", "已处置完毕", "仍在处置", "首报中位时长"],
                   [[str(f.total), str(f.major), str(f.total - f.major), str(f.closed), str(f.open),
                     minutes_text(f.first_report_median_minutes)]],
                   [1, 1, 1, 1, 1, 1.3], width, centre_cols=(0, 1, 2, 3, 4, 5)),
        KeepTogether([section("二、事件分布"),
                      _Chart(bar_chart(f.by_month, "图1  各月事件数（起）", font, width), width)]),
        Spacer(0, 6),
    ]
    pies = Drawing(width, 58 * mm)
    left = pie_chart(f.by_source, "图2  按来源", font, width / 2)
    right = pie_chart(f.by_severity, "图3  按等级", font, width / 2)
    right.translate(width / 2, 0)
    pies.add(left)
    pies.add(right)
    story += [
        _Chart(pies, width),
        Spacer(0, 6),
        _Chart(hbar_chart(f.by_unit, "图4  各单位事件数（起）", font, width), width),
        Spacer(0, 6),
        data_table(ts, st, ["单位", "事件数"], [[c.label, str(c.value)] for c in f.by_unit] or [["—", "0"]],
                   [4, 1], width, centre_cols=(1,)),
        KeepTogether([section("三、报告及处置时限执行情况"),
                      _Chart(rate_chart(f.on_time_rules, "图5  各时限规则及时率", font, width), width)]),
        Spacer(0, 6),
        data_table(ts, st, ["时限规则", "条款", "应办", "按时", "迟报", "超时未办", "及时率"],
                   _rate_rows(f.on_time_rules, True) + _rate_rows([f.on_time_total], True),
                   [4.6, 2.3, 1.3, 1.2, 1.2, 1.3, 1.4], width, centre_cols=(1, 2, 3, 4, 5, 6)),
        Spacer(0, 6),
        data_table(ts, st, ["单位", "应办", "按时", "迟报", "超时未办", "及时率"],
                   _rate_rows(f.on_time_units, False) or [["—", "0", "0", "0", "0", "—"]],
                   [4.6, 1.3, 1.2, 1.2, 1.3, 1.4], width, centre_cols=(1, 2, 3, 4, 5)),
        Para(ts.markup("注：只计有明确时限且结果已定的事项：应办＝按时＋迟报＋超时未办，及时率＝按时÷应办；"
                       "“立即”办理的事项、可选的时间窗口和尚未到期的时限不计入。", st.fang), note),
        KeepTogether([section("四、舆情监测与投诉"),
                      _Chart(line_chart([("舆情监测", f.monitoring_by_month, BLUE), ("声誉事件", f.by_month, RED)],
                                        "图6  各月舆情监测条数与事件数", font, width), width)]),
        Spacer(0, 6),
        data_table(ts, st, ["舆情监测登记", "转为或关联事件", "受理投诉", "转为或关联事件"],
                   [[str(f.monitoring_entries), str(f.monitoring_escalated), str(f.complaints),
                     str(f.complaints_to_incidents)]], [1, 1, 1, 1], width, centre_cols=(0, 1, 2, 3)),
    ]
    if f.prevention:
        story += [
            KeepTogether([section("五、培训、演练与整改跟进"),
                          _Chart(hbar_chart([Count(p.unit, round(p.training_hours)) for p in f.prevention],
                                            "图7  各单位培训学时", font, width, colour=GREEN), width)]),
            Spacer(0, 6),
        ]
    else:
        story.append(section("五、培训、演练与整改跟进"))
    story += [
        data_table(ts, st, ["单位", "培训场次", "培训学时", "参训人次", "应急演练"],
                   [[p.unit, str(p.training_sessions), hours_text(p.training_hours), str(p.participants),
                     str(p.drills)] for p in f.prevention] or [["—", "0", "0", "0", "0"]],
                   [4, 1.2, 1.2, 1.2, 1.2], width, centre_cols=(1, 2, 3, 4)),
        Spacer(0, 6),
        Para(ts.markup(f"未完成的整改跟进事项{f.followups_open}项，其中已逾期{f.followups_overdue}项"
                       f"（截至{compiled}）。", st.fang), st.body),
        KeepTogether([  # the heading never stays behind at a page's foot
            section("六、责任追究（6.1）"),
            data_table(ts, st, ["季度", "单位", "经济处罚（6.1.1）", "记零分、取消评优（6.1.2）", "涉及事件"],
                       [[a.quarter, a.unit, str(a.penalties), str(a.score_zero), a.incidents]
                        for a in f.accountability] or [["—", "—", "0", "0", "—"]],
                       [1.2, 3, 1.6, 2.2, 2.4], width, centre_cols=(0, 2, 3))]),
        Spacer(0, LEADING),
        Para(ts.markup(f"编制单位：{f.compiled_by}　　编制时间：{compiled}", st.fang), st.plain),
    ]
    for text in f.notes:
        story.append(Para(ts.markup(text, st.fang), note))
    rendered = render(ctx, story, title=f"{f.title}（{f.period_label}）", created=f.compiled_at, draft=False,
                      author=f.compiled_by, invariant=invariant)
    return rendered.pdf, rendered.pages


class _Rule(Flowable):
    """The red rule under the 版头 (GB/T 9704 7.2.5)."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width, self.height = width, 4 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(RED)
        self.canv.setLineWidth(1.2)
        self.canv.line(0, self.height / 2, self.width, self.height / 2)


def cst_day(moment: datetime) -> date:
    return moment.astimezone(CST).date()
