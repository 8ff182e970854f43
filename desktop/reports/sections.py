"""Incident sections shared by the documents: facts, the 3.3.2 elements, timeline and deadline tables."""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable

from desktop.reports.blocks import Cell, data_table, heading, paragraphs, run_in
from desktop.reports.linebreak import Para
from desktop.reports.model import DeadlineRow, ReportIncident, summarize
from desktop.reports.official import Context
from desktop.timeutil import format_cst, to_cst

NUMERALS = "一二三四五六七八九十"
_BREACH = {"late", "overdue"}


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二 (enough for section numbers)."""
    if n <= 10:
        return NUMERALS[n - 1]
    return ("" if n < 20 else NUMERALS[n // 10 - 1]) + "十" + (NUMERALS[n % 10 - 1] if n % 10 else "")


def cn_datetime(moment: datetime) -> str:
    """2026年3月2日9时15分, China Standard Time."""
    t = to_cst(moment)
    return f"{t.year}年{t.month}月{t.day}日{t.hour}时{t.minute:02d}分"


class Numbering:
    """一、 二、 … headings in order, whatever sections a document leaves out."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, ctx: Context, text: str) -> Para:
        self.n += 1
        return heading(ctx.ts, ctx.st, f"{cn_number(self.n)}、{text}")


def facts_sentence(inc: ReportIncident) -> str:
    parts = [(f"{cn_datetime(inc.occurred_at)}，{inc.unit_name}发生一起{inc.severity_zh}声誉风险事件"
             f"（事件编号：{inc.number}")]
    if inc.source:
        parts.append(f"，来源：{inc.source}")
    parts.append("）")
    if inc.business_line:
        dept = f"，主办业务部门为{inc.business_department}" if inc.business_department else ""
        parts.append(f"，涉及{inc.business_line}业务{dept}")
    if inc.customer_dispute:
        parts.append("，涉及客户纠纷")
    parts.append(f"。{inc.lead_department or '牵头部门'}于{cn_datetime(inc.learned_at)}获知。")
    return "".join(parts)


def element_text(ctx: Context, inc: ReportIncident, key: str, label: str, strict: bool) -> str:
    """The element's text; 时间 and 地点 default to the incident's facts. A missing one blocks signing (3.3.2)."""
    text = inc.elements.get(key, "").strip()
    if not text and key == "time":
        text = f"事发时间{cn_datetime(inc.occurred_at)}，获知时间{cn_datetime(inc.learned_at)}。"
    if not text and key == "place":
        text = f"{inc.place}（{inc.location_zh}）。" if inc.place else ""
    if not text:
        if strict:
            raise ValueError(f"3.3.2: the element {label} ({key}) is missing: a signed report needs all")
        ctx.notes.append(f"要素“{label}”尚未填写（草稿中印为“待补充”）")
        text = "（待补充）"
    return text


def element_paragraphs(ctx: Context, inc: ReportIncident, keys: tuple[tuple[str, str], ...], strict: bool,
                       start: int = 1) -> list[Flowable]:
    """（一）起因。…… run-in paragraphs, one per element, in the rules' order."""
    out: list[Flowable] = []
    for i, (key, label) in enumerate(keys, start):
        lead = f"（{cn_number(i)}）{label}。"
        first, *rest = element_text(ctx, inc, key, label, strict).splitlines() or [""]
        out.append(run_in(ctx.ts, ctx.st, lead, first))
        out += paragraphs(ctx.ts, ctx.st, "\n".join(rest))
    return out


def timeline_table(ctx: Context, inc: ReportIncident) -> Flowable:
    rows: list[list[Cell]] = [[format_cst(r.at), r.event + (f"（{r.note}）" if r.note else ""), r.recorded_by]
                              for r in sorted(inc.timeline, key=lambda r: r.at)]
    return data_table(ctx.ts, ctx.st, ["时间（北京时间）", "事项", "记录人"], rows or [["—", "暂无记录", "—"]],
                      [3.9, 8.6, 2.0], ctx.width, centre_cols=(0, 2))


def short_time(moment: datetime | None) -> str:
    """03-02 09:15 (China Standard Time): table cells, where the year is in the text above."""
    return to_cst(moment).strftime("%m-%d %H:%M") if moment else "—"


def due_text(row: DeadlineRow) -> str:
    if row.due_at is None:
        return "未起算"
    if row.kind == "immediate":
        return f"立即（{short_time(row.due_at)}起）"
    if row.kind == "window":
        return f"{short_time(row.due_at)}前（可选）"
    return short_time(row.due_at)


def status_markup(ctx: Context, status: str, status_zh: str, font: str) -> str:
    """Breaches (迟报, 超时未办) in 黑体 so they stand out in black and white."""
    use = ctx.st.hei if status in _BREACH else font
    return f'<font name="{use}">{ctx.ts.markup(status_zh, use)}</font>'


def breach_note(row: DeadlineRow) -> str:
    reason = row.late_reason.strip() or "未填写"
    label = "迟报说明" if row.status == "late" else "超时未办说明"
    return f"{row.article} {label}：{reason}"


def deadlines_summary(inc: ReportIncident) -> str:
    s = summarize(inc.deadlines)
    as_of = f"截至{cn_datetime(inc.deadlines_as_of)}，" if inc.deadlines_as_of else ""
    return (f"{as_of}本事件适用报告和处置时限{len(inc.deadlines)}项：按时完成{s.met}项，迟报{s.late}项，"
            f"超时未办{s.missed}项，待办{s.pending}项。")


def deadlines_block(ctx: Context, inc: ReportIncident) -> list[Flowable]:
    """The summary sentence and a table; a late or missed rule gets its stored reason on a row beneath it."""
    st = ctx.st
    small_head = st.cell_head.clone("small_head", fontSize=st.small.fontSize, leading=st.small.leading)
    rows: list[list[Cell]] = []
    notes: list[int] = []
    for r in inc.deadlines:
        status = Para(status_markup(ctx, r.status, r.status_zh, st.small.fontName),
                           st.small.clone("st", alignment=1))
        rows.append([r.article.replace(", ", "\n"), r.duty, r.responsible, due_text(r), short_time(r.done_at),
                     status])
        if r.status in _BREACH:
            notes.append(len(rows))
            note = Para(ctx.ts.markup(breach_note(r), st.small.fontName),
                        st.small.clone("note", leftIndent=6))
            rows.append([note, "", "", "", "", ""])
    table = data_table(ctx.ts, st, ["条款", "事项", "责任单位", "时限", "完成时间", "执行情况"],
                       rows or [["—", "暂无适用时限", "—", "—", "—", "—"]],
                       [2.3, 4.3, 3.1, 2.6, 2.4, 1.9], ctx.width, centre_cols=(0, 3, 4),
                       head_style=small_head, cell_style=st.small, span_rows=notes)
    return [*paragraphs(ctx.ts, ctx.st, deadlines_summary(inc)), table]
