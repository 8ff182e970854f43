"""预防工作 (the practice notes): training, emergency drills, the screening of new products, processes and systems
before launch (signed off by the responsible leader in 待我审批), risk sweeps, the yearly review of the emergency
plan, and the follow-up actions any of them leaves (owner, due date; open ones on the dashboard)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from desktop.domain import Actor
from desktop.registers import base, followups
from desktop.registers import prevention as core
from desktop.timeutil import format_cst, today_cst
from ui.registers.common import label, when
from ui.registers.form import FormDialog, ReasonDialog, tr
from ui.registers.spec import Action, Column, Detail, Field, Listing, Query, RegisterSpec, page_of

OVERDUE = "#b00020"
WITHDRAWN = "#888888"


def _lister(register: str) -> Any:
    list_of: Any = {"training": core.list_trainings, "drill": core.list_drills, "screening": core.list_screenings,
               "sweep": core.list_sweeps, "plan_review": core.list_plan_reviews}[register]

    def listing(session: Session, actor: Actor, q: Query) -> Listing:
        start, end = base.period(q.first, q.last)
        return page_of(list_of(session, actor, start=start, end=end, unit_id=q.unit_id, include_withdrawn=True), q)

    return listing


def _detailer(register: str, facts: Any) -> Any:
    """The record's facts, then its story: recorded, signed off or sent back, withdrawn, and its follow-ups."""

    def detail(session: Session, actor: Actor, row: Any) -> Detail:
        steps = [(when(row.recorded_at), row.recorded_by_name, tr("登记"))]
        if getattr(row, "decided_at", None) is not None:
            comment = f"：{row.decision_comment}" if row.decision_comment else ""
            steps.append((when(row.decided_at), row.decided_by_name,
                          label(core.SCREENING_STATES, row.state) + comment))
        if row.withdrawn_at is not None:
            steps.append((when(row.withdrawn_at), row.withdrawn_by_name,
                          tr("撤回：%1").replace("%1", row.withdraw_reason)))
        for f in followups.list_followups(session, actor, source_kind=register, source_id=row.id):
            text = tr("整改事项（%1，责任人 %2，期限 %3）：%4").replace("%1", f.unit_name).replace("%2", f.owner) \
                .replace("%3", format_cst(f.due_at)).replace("%4", f.action)
            steps.append((when(f.recorded_at), f.recorded_by_name, f"{text} — {tr(f.state_label)}"))
        return Detail([("单位", row.unit_name), *facts(row)], steps)

    return detail


def _state(row: Any) -> str:
    return tr("已撤回") if row.withdrawn else tr("有效")


def _grey(row: Any) -> str | None:
    return WITHDRAWN if row.withdrawn else None


def _withdraw_action(register: str) -> Action:
    def run(page: Any, row: Any) -> None:
        dialog = ReasonDialog(page.workbench, tr("撤回记录"), "撤回原因",
                              lambda s, a, v: core.withdraw(s, a, register, row.id, v["reason"]), parent=page,
                              hint=tr("撤回的记录仍保留在台账中并标明撤回原因，不计入统计。"))
        dialog.saved.connect(lambda _r: page.done(tr("已撤回")))
        page.dialog = dialog
        dialog.open()

    return Action("withdraw", "撤回…", run, lambda r: tr("已撤回") if r.withdrawn else "")


def _followup_action(register: str) -> Action:
    def run(page: Any, row: Any) -> None:
        fields = [Field("unit_id", "责任单位", "unit", required=True, default=lambda _a: row.unit_id),
                  Field("owner", "责任人", required=True, max_length=followups.OWNER_LENGTH),
                  Field("action", "整改事项", "multiline", required=True, max_length=2000),
                  Field("due_at", "完成期限", "datetime", required=True)]
        dialog = FormDialog(page.workbench, tr("添加整改事项"), fields,
                            lambda s, a, v: followups.add_followup(s, a, source_kind=register, source_id=row.id, **v),
                            parent=page)
        dialog.saved.connect(lambda _r: page.done(tr("整改事项已添加，将显示在时限看板上")))
        page.dialog = dialog
        dialog.open()

    return Action("followup", "添加整改事项…", run, lambda r: tr("已撤回") if r.withdrawn else "")


def _actions(register: str) -> list[Action]:
    return [_followup_action(register), _withdraw_action(register)]


def _create(add: Any, convert: Any = None) -> Any:
    def create(session: Session, actor: Actor, values: dict[str, Any]) -> Any:
        data = {k: v for k, v in values.items() if v is not None}
        if convert is not None:
            data = convert(data)
        return add(session, actor, **data)

    return create


def _hours(data: dict[str, Any]) -> dict[str, Any]:
    data["hours"] = float(data.get("hours") or 0)
    return data


def _leaders(session: Session, actor: Actor) -> dict[str, dict[str, str]]:
    """Every leader who may be named for a unit this user records for (the core checks the unit's)."""
    seen: dict[str, str] = {}
    for unit in core.recordable_units(session, actor):
        for leader in core.leaders_for(session, unit.id):
            seen.setdefault(str(leader.user_id), f"{leader.name}（{leader.unit_name}）")
    return {"leader_id": seen}


def _screening(data: dict[str, Any]) -> dict[str, Any]:
    data["leader_id"] = int(data["leader_id"])
    return data


TRAINING = RegisterSpec(
    key="training", title="培训", hint="",
    columns=[
        Column("时间", lambda r: format_cst(r.held_at)),
        Column("类别", lambda r: label(core.TRAINING_KINDS, r.kind)),
        Column("名称", lambda r: r.title, stretch=True),
        Column("单位", lambda r: r.unit_name),
        Column("人数", lambda r: str(r.participants)),
        Column("学时", lambda r: f"{r.hours:g}"),
        Column("状态", _state, colour=_grey),
    ],
    listing=_lister("training"),
    detail=_detailer("training", lambda r: [("类别", label(core.TRAINING_KINDS, r.kind)), ("名称", r.title),
                                            ("时间", when(r.held_at)), ("参加人数", str(r.participants)),
                                            ("学时", f"{r.hours:g}"), ("备注", r.note)]),
    fields=[
        Field("unit_id", "单位", "unit", required=True),
        Field("kind", "类别", "choice", required=True, choices=lambda: dict(core.TRAINING_KINDS)),
        Field("title", "名称", required=True, max_length=200),
        Field("held_at", "时间", "datetime", required=True),
        Field("participants", "参加人数", "int", required=True),
        Field("hours", "学时", "decimal", required=True, max_length=8),
        Field("note", "备注", "multiline", max_length=2000),
    ],
    create=_create(core.add_training, _hours), create_label="登记培训…",
    actions=_actions("training"),
)

DRILLS = RegisterSpec(
    key="drill", title="应急演练", hint="",
    columns=[
        Column("时间", lambda r: format_cst(r.held_at)),
        Column("演练场景", lambda r: r.scenario, stretch=True),
        Column("组织单位", lambda r: r.unit_name),
        Column("参演单位", lambda r: r.units),
        Column("人数", lambda r: str(r.participants)),
        Column("状态", _state, colour=_grey),
    ],
    listing=_lister("drill"),
    detail=_detailer("drill", lambda r: [("演练场景", r.scenario), ("时间", when(r.held_at)), ("参演单位", r.units),
                                         ("参加人数", str(r.participants)), ("发现的问题", r.findings)]),
    fields=[
        Field("unit_id", "组织单位", "unit", required=True),
        Field("scenario", "演练场景", required=True, max_length=200),
        Field("held_at", "时间", "datetime", required=True),
        Field("units", "参演单位", max_length=500),
        Field("participants", "参加人数", "int"),
        Field("findings", "发现的问题", "multiline", max_length=4000),
    ],
    create=_create(core.add_drill), create_label="登记演练…",
    actions=_actions("drill"),
    attachments="drill",
)

SCREENINGS = RegisterSpec(
    key="screening", title="上线前排查",
    hint="",
    columns=[
        Column("登记时间", lambda r: format_cst(r.recorded_at)),
        Column("类别", lambda r: label(core.SUBJECT_KINDS, r.subject_kind)),
        Column("排查对象", lambda r: r.subject, stretch=True),
        Column("单位", lambda r: r.unit_name),
        Column("风险等级", lambda r: label(core.RISK_LEVELS, r.risk_level)),
        Column("结论", lambda r: label(core.VERDICTS, r.verdict)),
        Column("签批领导", lambda r: r.leader_name),
        Column("状态", lambda r: _state(r) if r.withdrawn else label(core.SCREENING_STATES, r.state), colour=_grey),
    ],
    listing=_lister("screening"),
    detail=_detailer("screening", lambda r: [
        ("类别", label(core.SUBJECT_KINDS, r.subject_kind)), ("排查对象", r.subject),
        ("计划上线", when(r.launch_at)), ("评估情况", r.assessment),
        ("风险等级", label(core.RISK_LEVELS, r.risk_level)),
        ("结论", label(core.VERDICTS, r.verdict)), ("防控措施", r.measures), ("签批领导", r.leader_name),
        ("状态", label(core.SCREENING_STATES, r.state)), ("领导意见", r.decision_comment)]),
    fields=[
        Field("unit_id", "单位", "unit", required=True),
        Field("subject_kind", "类别", "choice", required=True, choices=lambda: dict(core.SUBJECT_KINDS)),
        Field("subject", "排查对象", required=True, max_length=200, hint="新产品、新业务流程或新信息系统的名称"),
        Field("launch_at", "计划上线时间", "datetime"),
        Field("assessment", "评估情况", "multiline", required=True, max_length=4000),
        Field("risk_level", "风险等级", "choice", required=True, choices=lambda: dict(core.RISK_LEVELS)),
        Field("verdict", "结论", "choice", required=True, choices=lambda: dict(core.VERDICTS)),
        Field("measures", "防控措施", "multiline", max_length=4000),
        Field("leader_id", "签批领导", "choice", required=True),
    ],
    create=_create(core.add_screening, _screening), create_label="登记上线前排查…",
    form_choices=_leaders,
    actions=_actions("screening"),
    attachments="screening",
)

SWEEPS = RegisterSpec(
    key="sweep", title="风险排查", hint="",
    columns=[
        Column("时间", lambda r: format_cst(r.held_at)),
        Column("排查范围", lambda r: r.scope, stretch=True),
        Column("单位", lambda r: r.unit_name),
        Column("发现问题数", lambda r: str(r.issues_found)),
        Column("状态", _state, colour=_grey),
    ],
    listing=_lister("sweep"),
    detail=_detailer("sweep", lambda r: [("排查范围", r.scope), ("时间", when(r.held_at)),
                                         ("发现问题数", str(r.issues_found)), ("发现的问题", r.findings)]),
    fields=[
        Field("unit_id", "单位", "unit", required=True),
        Field("scope", "排查范围", required=True, max_length=200),
        Field("held_at", "时间", "datetime", required=True),
        Field("issues_found", "发现问题数", "int"),
        Field("findings", "发现的问题", "multiline", max_length=4000),
    ],
    create=_create(core.add_sweep), create_label="登记排查…",
    actions=_actions("sweep"),
)

PLAN_REVIEWS = RegisterSpec(
    key="plan_review", title="预案年度评审", hint="",
    columns=[
        Column("评审时间", lambda r: format_cst(r.reviewed_at)),
        Column("年度", lambda r: str(r.year)),
        Column("预案", lambda r: r.plan_name, stretch=True),
        Column("单位", lambda r: r.unit_name),
        Column("结论", lambda r: label(core.PLAN_CONCLUSIONS, r.conclusion)),
        Column("状态", _state, colour=_grey),
    ],
    listing=_lister("plan_review"),
    detail=_detailer("plan_review", lambda r: [("年度", str(r.year)), ("预案", r.plan_name),
                                               ("评审时间", when(r.reviewed_at)),
                                               ("结论", label(core.PLAN_CONCLUSIONS, r.conclusion)),
                                               ("修订内容", r.changes)]),
    fields=[
        Field("unit_id", "单位", "unit", required=True),
        Field("year", "年度", "int", required=True, default=lambda _a: _this_year()),
        Field("plan_name", "预案", required=True, max_length=200, default=lambda _a: "声誉风险突发事件应急预案"),
        Field("reviewed_at", "评审时间", "datetime", required=True),
        Field("conclusion", "结论", "choice", required=True, choices=lambda: dict(core.PLAN_CONCLUSIONS)),
        Field("changes", "修订内容", "multiline", max_length=4000),
    ],
    create=_create(core.add_plan_review), create_label="登记评审…",
    actions=_actions("plan_review"),
)


def _this_year() -> int:
    return today_cst().year


def _followup_listing(session: Session, actor: Actor, q: Query) -> Listing:
    rows = followups.list_followups(session, actor)
    if q.unit_id is not None:
        rows = [r for r in rows if r.unit_id == q.unit_id]
    return page_of(rows, q)


def _followup_close(done: bool) -> Action:
    def run(page: Any, row: Any) -> None:
        if done:
            dialog = ReasonDialog(page.workbench, tr("整改事项已落实"), "落实情况",
                                  lambda s, a, v: followups.complete_followup(s, a, row.id, v["reason"]), parent=page)
        else:
            dialog = ReasonDialog(page.workbench, tr("取消整改事项"), "取消原因",
                                  lambda s, a, v: followups.cancel_followup(s, a, row.id, v["reason"]), parent=page)
        dialog.saved.connect(lambda r: page.done(tr("已记录"), select=r))
        page.dialog = dialog
        dialog.open()

    return Action("done" if done else "cancel", "已落实…" if done else "取消…", run,
                  lambda r: "" if r.state == "open" else tr(r.state_label))


FOLLOWUPS = RegisterSpec(
    key="followups", title="整改事项", hint="",
    columns=[
        Column("完成期限", lambda r: format_cst(r.due_at), colour=lambda r: OVERDUE if r.overdue else None),
        Column("整改事项", lambda r: r.action, stretch=True),
        Column("来源", lambda r: f"{tr(r.source_label)}：{r.source_title}"),
        Column("责任单位", lambda r: r.unit_name),
        Column("责任人", lambda r: r.owner),
        Column("状态", lambda r: tr(r.state_label), colour=lambda r: OVERDUE if r.overdue else None),
    ],
    listing=_followup_listing,
    detail=None,
    actions=[_followup_close(True), _followup_close(False)],
    period_filter=False,
)

REGISTERS = [TRAINING, DRILLS, SCREENINGS, SWEEPS, PLAN_REVIEWS, FOLLOWUPS]
