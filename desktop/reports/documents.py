"""The four upward documents: written incident report, major report, response plan, evaluation report."""

from __future__ import annotations

from reportlab.platypus import Flowable

from desktop.domain import STAGES, Stage
from desktop.reports.blocks import data_table, paragraphs
from desktop.reports.model import (
    ELEMENTS,
    MAJOR_ELEMENTS,
    Approval,
    DocumentHeader,
    EvaluationReport,
    MajorReport,
    ReportIncident,
    ResponsePlan,
    WrittenReport,
)
from desktop.reports.official import Context, Rendered, official_story, render
from desktop.reports.sections import (
    Numbering,
    deadlines_block,
    element_paragraphs,
    facts_sentence,
    timeline_table,
)
from desktop.timeutil import format_cst


def _finish(ctx: Context, header: DocumentHeader, title: str, urgency: str, body: list[Flowable],
            extra: str, closing: str, invariant: bool) -> Rendered:
    body = body + paragraphs(ctx.ts, ctx.st, extra)
    story = official_story(ctx, header, title, urgency, body, closing)
    return render(ctx, story, title=title, created=header.signed_at or header.date, draft=not header.signed,
                  mark="待签字" if header.for_signature else "草稿",
                  author=header.signer_name or header.issuing_unit,
                  verification_code=header.verification_code if header.signed else None,
                  keywords=header.pdf_keywords if header.signed else "", invariant=invariant)


def build_written_report(ctx: Context, doc: WrittenReport, invariant: bool = True) -> Rendered:
    """声誉风险事件报告 (3.3): every 3.3.2 element, the timeline and the deadlines."""
    inc, h = doc.incident, doc.header
    stage = Stage(doc.stage)
    title = h.title or f"关于{inc.title}的报告（{STAGES[stage]}）"
    lead_in = {Stage.FIRST: "现将有关情况报告如下：", Stage.FOLLOW_UP: "现将事件进展情况续报如下：",
               Stage.FINAL: "事件已处置完毕，现将有关情况终报如下："}[stage]
    n = Numbering()
    body: list[Flowable] = [*paragraphs(ctx.ts, ctx.st, facts_sentence(inc) + lead_in), n(ctx, "事件基本情况")]
    body += element_paragraphs(ctx, inc, inc.required_elements(), strict=h.signed)
    body += [n(ctx, "事件经过"), timeline_table(ctx, inc)]
    body += [n(ctx, "报告及处置时限执行情况"), *deadlines_block(ctx, inc)]
    return _finish(ctx, h, title, h.urgency, body, doc.body, doc.closing, invariant)


def monitoring_table(ctx: Context, inc: ReportIncident) -> Flowable:
    """4.2.2.x(5), 4.3.4(5): the public-opinion entries."""
    rows = [[format_cst(m.at), m.source, m.title, m.reach or "—", m.tone or "—"] for m in inc.monitoring]
    return data_table(ctx.ts, ctx.st, ["时间", "来源", "标题", "传播范围", "倾向"], rows,
                      [3.7, 2.8, 5.2, 2.4, 1.6], ctx.width, centre_cols=(0, 4))


def approvals_table(ctx: Context, approvals: list[Approval]) -> Flowable:
    rows = [[a.approver, a.role, a.decision, format_cst(a.at) if a.at else "—", a.comment or "—"]
            for a in approvals]
    return data_table(ctx.ts, ctx.st, ["审批人", "职务/部门", "审批意见", "审批时间", "备注"],
                      rows or [["—", "—", "待审批", "—", "—"]], [2.0, 3.8, 1.8, 3.8, 4.0], ctx.width,
                      centre_cols=(0, 2, 3))


def build_major_report(ctx: Context, doc: MajorReport, invariant: bool = True) -> Rendered:
    """《重大突发事件报告》 to the head office office (3.2.3, 4.3.4(2)), signed by the branch president."""
    inc, h = doc.incident, doc.header
    title = h.title or f"关于{inc.title}的重大突发事件报告"
    n = Numbering()
    body: list[Flowable] = [
        *paragraphs(ctx.ts, ctx.st, facts_sentence(inc) + "经处置领导小组审议，现将有关情况报告如下："),
        n(ctx, "事件基本情况"),
    ]
    if inc.major_criteria:  # 4.1: the reasons it is 重大
        body += paragraphs(ctx.ts, ctx.st, "经认定，本事件属重大声誉事件（4.1），认定情形："
                           + "；".join(inc.major_criteria) + "。")
    body += element_paragraphs(ctx, inc, ELEMENTS, strict=h.signed)
    body += [n(ctx, "事故责任"), *paragraphs(ctx.ts, ctx.st, doc.responsibility or "事故责任正在查明。")]
    body += [n(ctx, "可能引发的后果和拟采取的措施")]
    body += element_paragraphs(ctx, inc, MAJOR_ELEMENTS, strict=h.signed)
    group = [[p.role, p.name, p.position] for p in doc.leadership_group]
    body += [n(ctx, "处置领导小组"),
             data_table(ctx.ts, ctx.st, ["小组职务", "姓名", "单位及职务"], group or [["—", "—", "—"]],
                        [2.5, 2.5, 9.0], ctx.width, centre_cols=(0, 1))]
    sp = doc.spokesperson
    phone = f"，联系电话：{sp.phone}" if sp.phone else ""
    body += [n(ctx, "新闻发言人"), *paragraphs(ctx.ts, ctx.st, f"{sp.name}（{sp.position}）{phone}。")]
    body += [n(ctx, "对外应答口径"), *paragraphs(ctx.ts, ctx.st, doc.reply_script)]
    if inc.monitoring:  # 4.3.4(5)
        body += [n(ctx, "舆情监测情况"), monitoring_table(ctx, inc)]
    body += [n(ctx, "事件经过"), timeline_table(ctx, inc)]
    body += [n(ctx, "报告及处置时限执行情况"), *deadlines_block(ctx, inc)]
    body += [n(ctx, "处置领导小组审批情况"), approvals_table(ctx, doc.approvals)]
    return _finish(ctx, h, title, h.urgency, body, doc.body, doc.closing, invariant)


def build_response_plan(ctx: Context, doc: ResponsePlan, invariant: bool = True) -> Rendered:
    """应对方案 with the 应答口径 (4.2.2.x(3), 4.3.4(3)) and its approvals."""
    inc, h = doc.incident, doc.header
    title = h.title or f"关于{inc.title}的应对方案"
    n = Numbering()
    situation = inc.elements.get("situation", "").strip()
    body: list[Flowable] = [n(ctx, "事件概况"), *paragraphs(ctx.ts, ctx.st, facts_sentence(inc) + situation)]
    body += [n(ctx, "应对原则"), *paragraphs(ctx.ts, ctx.st, doc.principles)]
    rows = [[str(i), m.task, m.owner, m.due or "—"] for i, m in enumerate(doc.measures, 1)]
    body += [n(ctx, "处置措施及分工"),
             data_table(ctx.ts, ctx.st, ["序号", "措施", "责任部门", "完成时限"], rows or [["—"] * 4],
                        [1.2, 8.0, 3.0, 2.8], ctx.width, centre_cols=(0, 3))]
    body += [n(ctx, "对外应答口径"), *paragraphs(ctx.ts, ctx.st, doc.reply_script)]
    if doc.spokesperson is not None:
        sp = doc.spokesperson
        body += paragraphs(ctx.ts, ctx.st, f"对外统一由新闻发言人{sp.name}（{sp.position}）按上述口径回应，"
                                           "其他人员不得擅自接受采访或对外披露内部情况。")
    if inc.media_contacts:
        rows = [[format_cst(m.at), f"{m.journalist}（{m.outlet}）", m.phone, m.question]
                for m in inc.media_contacts]
        body += [n(ctx, "媒体沟通"),
                 data_table(ctx.ts, ctx.st, ["时间", "记者及媒体", "联系方式", "问询内容"], rows,
                            [3.0, 3.6, 2.8, 6.0], ctx.width, centre_cols=(0,))]
    if inc.appeasements:
        rows = [[a.customer, a.agreed, a.result or "—"] for a in inc.appeasements]
        body += [n(ctx, "客户安抚"),
                 data_table(ctx.ts, ctx.st, ["客户", "安抚措施", "结果"], rows, [2.5, 7.0, 5.0], ctx.width)]
    body += [n(ctx, "审批情况"), approvals_table(ctx, doc.approvals)]
    body += [n(ctx, "时限执行情况"), *deadlines_block(ctx, inc)]
    return _finish(ctx, h, title, h.urgency, body, doc.body, doc.closing, invariant)


def build_evaluation(ctx: Context, doc: EvaluationReport, invariant: bool = True) -> Rendered:
    """评估总结报告 (5.2, 5.3): impact, handling, lessons, positive publicity (5.1), accountability (6.1)."""
    inc, h = doc.incident, doc.header
    title = h.title or f"关于{inc.title}的评估总结报告"
    n = Numbering()
    ts, st = ctx.ts, ctx.st
    body: list[Flowable] = [n(ctx, "事件概况和处置经过"), *paragraphs(ts, st, facts_sentence(inc) + doc.summary)]
    if inc.monitoring:
        body += [monitoring_table(ctx, inc)]
    body += [n(ctx, "声誉风险影响评估"), *paragraphs(ts, st, doc.impact_assessment)]
    body += [n(ctx, "处置情况评估"), *paragraphs(ts, st, doc.handling_assessment), *deadlines_block(ctx, inc)]
    body += [n(ctx, "经验教训"),
             *paragraphs(ts, st, "\n".join(f"{i}. {x}" for i, x in enumerate(doc.lessons, 1)))]
    body += [n(ctx, "改进措施"),
             *paragraphs(ts, st, "\n".join(f"{i}. {x}" for i, x in enumerate(doc.improvements, 1)))]
    body += [n(ctx, "正面宣传情况"), *paragraphs(ts, st, doc.positive_publicity)]
    article = "6.1.2" if inc.major else "6.1.1"
    body += [n(ctx, "责任追究"), *paragraphs(ts, st, f"依据《实施细则》第{article}条：{doc.accountability}")]
    if doc.accountability_items:
        rows = [[a.unit, a.person or "—", a.measure, a.quarter or "—", a.text or "—"]
                for a in doc.accountability_items]
        body += [data_table(ts, st, ["机构或部门", "责任人", "追责措施", "季度", "说明"], rows,
                            [3.0, 1.8, 4.6, 1.6, 4.7], ctx.width, centre_cols=(1, 3))]
    return _finish(ctx, h, title, h.urgency, body, doc.body, doc.closing, invariant)
