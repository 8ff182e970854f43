"""The example database: organisation, one account per role, incidents whose clocks are live.

Times are relative to the moment it runs, so the dashboard shows something just reported, something overdue,
a major incident waiting for its head-office report and a closed one. Before them, a closed year of incidents
(desktop.demo.history) and a year of every register (desktop.demo.registers_demo), so the statistics and the work
report count something real on the first start.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Incident
from desktop.db.schema import metadata
from desktop.db.session import Database
from desktop.demo import document_flow as doc_demo
from desktop.demo import history, registers_demo
from desktop.domain import SYSTEM, Actor, Stage
from desktop.services import accounts, approvals, documents, incidents, org
from desktop.services.issuing import numbering
from desktop.timeutil import now_utc

DEMO_PASSWORD = "repdesk2026"

# (key, kind, name, short name, code, parent key)
ORGANISATION: list[tuple[str, str, str, str, str, str | None]] = [
    ("branch", "branch", "华夏银行石家庄分行", "石家庄分行", "SJZ", None),
    ("office", "branch_office", "石家庄分行办公室", "分行办公室", "SJZ-BGS", "branch"),
    ("retail", "department", "石家庄分行个人金融部", "个人金融部", "SJZ-GRJR", "branch"),
    ("corporate", "department", "石家庄分行公司金融部", "公司金融部", "SJZ-GSJR", "branch"),
    ("operations", "department", "石家庄分行运营管理部", "运营管理部", "SJZ-YYGL", "branch"),
    ("zhongshan", "outlet", "石家庄中山路支行", "中山路支行", "SJZ-ZSL", "branch"),
    ("yuhua", "outlet", "石家庄裕华支行", "裕华支行", "SJZ-YH", "branch"),
    ("baoding", "secondary_branch", "华夏银行保定分行", "保定分行", "BD", "branch"),
    ("bd_office", "comprehensive_dept", "保定分行综合管理部", "保定综合管理部", "BD-ZHGL", "baoding"),
    ("bd_retail", "department", "保定分行个人业务部", "保定个人业务部", "BD-GRYW", "baoding"),
    ("bd_main", "outlet", "保定分行营业部", "保定营业部", "BD-YYB", "baoding"),
    ("bd_chaoyang", "outlet", "保定朝阳支行", "朝阳支行", "BD-CY", "baoding"),
    ("tangshan", "secondary_branch", "华夏银行唐山分行", "唐山分行", "TS", "branch"),
    ("ts_office", "comprehensive_dept", "唐山分行综合管理部", "唐山综合管理部", "TS-ZHGL", "tangshan"),
    ("ts_main", "outlet", "唐山分行营业部", "唐山营业部", "TS-YYB", "tangshan"),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    display_name: str
    unit: str
    roles: tuple[str, ...]
    phone: str = ""


ACCOUNTS: list[DemoAccount] = [
    DemoAccount("admin", "王建国", "office", ("admin",), "0311-85001001"),
    DemoAccount("xinxi", "李晓梅", "bd_chaoyang", ("info_officer",), "0312-3150201"),
    DemoAccount("jingban", "张伟", "bd_office", ("lead_officer",), "0312-3150100"),
    DemoAccount("bangongshi", "赵丽", "office", ("lead_officer",), "0311-85001002"),
    DemoAccount("fuzeren", "刘强", "bd_chaoyang", ("unit_head",), "0312-3150200"),
    DemoAccount("lingdao", "陈志远", "baoding", ("leader",), "0312-3150001"),
    DemoAccount("fenhang", "孙立新", "branch", ("leader",), "0311-85000002"),
    DemoAccount("hangzhang", "周明", "branch", ("president",), "0311-85000001"),
    DemoAccount("fayan", "吴静", "office", ("spokesperson",), "0311-85001003"),
    DemoAccount("zhongshan", "郑海燕", "zhongshan", ("info_officer", "unit_head"), "0311-86001000"),
]

ELEMENTS_GENERAL = {
    "el_cause": "客户因理财产品到期收益低于预期，在网点大厅情绪激动并拍摄视频发布至短视频平台。",
    "el_time": "",
    "el_place": "",
    "el_situation": "视频播放量约1.2万次，评论以围观为主；客户已离开网点，网点负责人已与客户电话联系。",
    "el_measures_taken": "网点负责人当面致歉并解释产品说明书条款；个人金融部已调取销售录音录像。",
    "el_forecast": "如客户诉求得到及时回应，预计事态可在24小时内平息；存在被本地自媒体转载的可能。",
    "el_impact": "目前影响限于本地短视频平台，未见主流媒体报道。",
}


def build_organisation(session: Session, actor: Actor = SYSTEM) -> dict[str, int]:
    ids: dict[str, int] = {}
    for key, kind, name, short, code, parent in ORGANISATION:
        info = org.create_unit(session, actor, kind=kind, name=name, short_name=short, code=code,
                               parent_id=ids[parent] if parent else None)
        ids[key] = info.id
    build_settings(session, ids, actor)
    return ids


# The example's head office and each issuing unit's 机关代字 (the prefix of its document numbers).
HEAD_OFFICE = "总行办公室"
DOC_PREFIXES = {"branch": "冀华银", "office": "冀华银办", "retail": "冀华银个金", "corporate": "冀华银公司",
                "operations": "冀华银运营", "zhongshan": "中山银报", "yuhua": "裕华银报",
                "bd_office": "保华银综", "bd_main": "保营银报", "bd_chaoyang": "保朝银报", "ts_office": "唐华银综",
                "ts_main": "唐营银报"}


def build_settings(session: Session, units: dict[str, int], actor: Actor = SYSTEM) -> None:
    numbering.set_head_office(session, actor, HEAD_OFFICE)
    for key, prefix in DOC_PREFIXES.items():
        numbering.set_doc_prefix(session, actor, units[key], prefix)


def build_accounts(session: Session, units: dict[str, int]) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    admin: Actor = SYSTEM
    for spec in ACCOUNTS:
        account = accounts.create_user(session, admin, username=spec.username, display_name=spec.display_name,
                                       unit_id=units[spec.unit], password=DEMO_PASSWORD, roles=set(spec.roles),
                                       phone=spec.phone)
        actors[spec.username] = account.actor()
        if spec.username == "admin":
            admin = account.actor()
    return actors


# The current example incidents by name. They come after the closed year (desktop.demo.history), so their numbers
# depend on the day the example is built: find them by title (`number_of`), not by number or id.
TITLES = {
    "just_reported": "客户在朝阳支行大厅拍摄视频投诉理财收益",
    "overdue": "储户反映存单到期无法支取并致电市民热线",
    "major": "媒体记者就保定营业部“飞单”传闻采访",
    "closed": "客户投诉网点排队时间过长并在微博发帖",
}


def number_of(session: Session, key: str) -> str:
    """The number the example incident `key` (just_reported, overdue, major, closed) was given."""
    return str(session.execute(select(Incident.number).where(Incident.title == TITLES[key])).scalar_one())


def _incident(session: Session, actor: Actor, now: datetime, **data: object) -> int:
    record = incidents.create_incident(session, actor, dict(data), now=now)
    return record.id


def build_incidents(session: Session, units: dict[str, int], people: dict[str, Actor], now: datetime) -> dict[str, int]:
    ago = lambda **kw: now - timedelta(**kw)
    out: dict[str, int] = {}
    xinxi, jingban, bgs = people["xinxi"], people["jingban"], people["bangongshi"]

    # 1. Just reported: remote, general, the outlet phoned its local lead department five minutes ago.
    elements = dict(ELEMENTS_GENERAL, el_time="今日上午", el_place="保定朝阳支行营业大厅")
    out["just_reported"] = i = _incident(
        session, xinxi, now, title=TITLES["just_reported"], unit_id=units["bd_chaoyang"],
        occurred_at=ago(minutes=12), learned_at=ago(minutes=10), place="保定朝阳支行营业大厅", severity="general",
        business_line=True, business_line_name="个人理财", business_dept_id=units["bd_retail"],
        customer_dispute=True, source="online", **elements)
    incidents.record_event(session, xinxi, i, "reported_to_lead", ago(minutes=5), note="电话报告综合管理部张伟",
                           now=now)

    # 2. Overdue: same-city, the business department's written details are past their hour.
    out["overdue"] = i = _incident(
        session, people["zhongshan"], now, title=TITLES["overdue"], unit_id=units["zhongshan"],
        occurred_at=ago(hours=3), learned_at=ago(hours=2, minutes=55), place="石家庄中山路支行",
        severity="general", business_line=True, business_line_name="储蓄存款", business_dept_id=units["operations"],
        customer_dispute=True, source="complaint",
        el_cause="客户持到期定期存单办理支取，因系统维护暂停办理，客户认为银行拒付。", el_time="今日",
        el_place="中山路支行", el_situation="客户已致电12345市民热线。", el_measures_taken="网点已解释并预约次日办理。",
        el_forecast="可能被热线转办督办。", el_impact="暂无媒体关注。")
    incidents.record_event(session, people["zhongshan"], i, "reported_to_lead", ago(hours=2, minutes=40),
                           note="电话报告分行办公室赵丽", now=now)
    incidents.record_event(session, people["zhongshan"], i, "reported_to_business_dept", ago(hours=2, minutes=38),
                           now=now)

    # 3. Major: a journalist called; the head-office report is due within the hour.
    out["major"] = i = _incident(
        session, jingban, now, title=TITLES["major"], unit_id=units["bd_main"],
        occurred_at=ago(hours=1, minutes=20), learned_at=ago(hours=1, minutes=15), place="保定分行营业部",
        severity="major", business_line=True, business_line_name="代销理财", business_dept_id=units["bd_retail"],
        customer_dispute=True, source="media",
        el_cause="有客户在网络论坛发帖称营业部员工私售非本行理财产品（“飞单”），涉及金额约300万元。",
        el_time="今日上午", el_place="保定分行营业部",
        el_situation="帖子被多家本地自媒体转载，《燕赵都市报》记者来电要求采访。",
        el_measures_taken="已成立处置领导小组，暂停涉事员工岗位，调取销售录音录像。",
        el_forecast="若不及时回应，可能引发其他客户集中询问及媒体跟进报道。",
        el_impact="网络阅读量超过10万次，部分客户到网点询问。",
        el_consequences="可能引发客户集中赎回、监管问询及对全行代销业务的信任危机。",
        el_planned_measures="两小时内报告总行；统一应答口径；安排专人安抚涉事客户；持续监测舆情。")
    incidents.record_event(session, jingban, i, "reported_to_lead", ago(hours=1, minutes=10), now=now)
    incidents.record_event(session, jingban, i, "media_inquiry", ago(hours=1), now=now,
                           data={"journalist": "孙晓", "outlet": "燕赵都市报", "contact": "138-0311-5566",
                                 "question": "营业部是否存在员工私售理财产品？涉及多少客户？"})
    incidents.record_event(session, jingban, i, "media_info_to_lead", ago(minutes=55), now=now)
    incidents.record_event(session, jingban, i, "reported_to_branch_office", ago(minutes=50), now=now)
    incidents.record_event(session, people["hangzhang"], i, "leadership_group_convened", ago(minutes=40),
                           note="周明任组长，孙立新任副组长", now=now)
    incidents.set_leadership_group(session, people["hangzhang"], i, [
        ("leader", "周明", "分行行长"), ("deputy", "孙立新", "分行副行长"), ("member", "赵丽", "分行办公室"),
        ("member", "张伟", "保定分行综合管理部"), ("member", "陈志远", "保定分行负责人")])
    incidents.update_incident(session, people["hangzhang"], i, incidents.get_incident(session, SYSTEM, i).row_version,
                              {"spokesperson_name": "吴静",
                               "reply_script": "我行高度重视客户反映的情况，已成立专项工作组核查，"
                                               "如发现违规行为将依法依规严肃处理，并切实维护客户合法权益。"}, now=now)

    # 4. Closed: a general same-city complaint handled on time, two days ago.
    out["closed"] = i = _incident(
        session, people["zhongshan"], now, title=TITLES["closed"], unit_id=units["zhongshan"],
        occurred_at=ago(days=2, hours=6), learned_at=ago(days=2, hours=6), place="石家庄中山路支行",
        severity="general", business_line=False, customer_dispute=True, source="online",
        el_cause="午间窗口开放不足，客户等候超过一小时。", el_time="两日前中午", el_place="中山路支行营业大厅",
        el_situation="客户已删帖。", el_measures_taken="增开窗口，负责人致歉。", el_forecast="事态已平息。",
        el_impact="微博转发20余次，无媒体报道。")
    base = ago(days=2, hours=6)
    at = lambda minutes: base + timedelta(minutes=minutes)
    zhongshan, fenhang = people["zhongshan"], people["fenhang"]
    incidents.record_event(session, zhongshan, i, "reported_to_lead", at(15), note="电话报告分行办公室", now=now)
    # 3.3.3: the outlet's head signs its written report, which then goes to the branch office.
    v = documents.create_document(session, zhongshan, i, "written_report", Stage.FIRST,
                                  {"doc_number": "中山银报〔2026〕3号"}, now=at(25))
    v = documents.submit(session, zhongshan, v.version_id, v.sha256, now=at(26))
    v = approvals.sign(session, zhongshan, v.version_id, v.sha256, comment="同意报送", now=at(30))
    approvals.send(session, zhongshan, v.version_id, v.sha256, at=at(35), now=at(35))
    # 4.2.2.1(2): the business department's written details reach the branch office, which records them.
    incidents.record_event(session, bgs, i, "written_details_to_lead", at(50), now=now)
    # 4.2.2.1(3): the branch office drafts the plan, a branch leader approves it.
    v = documents.create_document(session, bgs, i, "response_plan", "",
                                  {"reply_script": "我行已增开服务窗口，对给客户带来的不便深表歉意。",
                                   "body": "及时回应，致歉并改进服务。",
                                   "plan_measures": "增开服务窗口，疏导排队客户｜中山路支行｜立即\n"
                                                    "向客户当面致歉并说明改进措施｜中山路支行｜24小时内"}, now=at(90))
    v = documents.submit(session, bgs, v.version_id, v.sha256, now=at(100))
    approvals.approve(session, fenhang, v.version_id, v.sha256, comment="同意", now=at(150))
    incidents.record_event(session, zhongshan, i, "customer_appeased", at(300), now=now,
                           data={"customer": "王先生", "agreed": "致歉并赠送排队优先服务", "result": "客户表示满意"})
    incidents.update_incident(session, bgs, i, incidents.get_incident(session, SYSTEM, i).row_version,
                              {"evaluation": "处置及时，未造成扩散。", "lessons": "高峰时段应提前增开窗口。",
                               "positive_publicity": "在网点公众号发布“便民服务提升”信息。"}, now=now)
    # 5.2: the evaluation is reviewed before the incident may close.
    v = documents.create_document(session, bgs, i, "evaluation", "",
                                  {"doc_number": "中山银报〔2026〕4号",
                                   "improvements": "高峰时段提前增开窗口。\n完善排队叫号提示。"}, now=now)
    v = documents.submit(session, bgs, v.version_id, v.sha256, now=now)
    approvals.approve(session, fenhang, v.version_id, v.sha256, comment="同意", now=now)
    incidents.close_incident(session, bgs, i, now=now)
    return out


def is_demo(session: Session) -> bool:
    """An empty database, or one holding only the example's units and accounts: what `demo --reset` may empty
    without asking (anything else may be a real record)."""
    from sqlalchemy import select

    from desktop.db.models import Unit, User

    codes = set(session.execute(select(Unit.code)).scalars())
    names = set(session.execute(select(User.username)).scalars())
    return codes <= {o[4] for o in ORGANISATION} and names <= {a.username for a in ACCOUNTS}


def fill(db: Database, reset: bool = False, now: datetime | None = None, year: bool = True) -> dict[str, int]:
    """Build the whole example; refuses a database that already holds an organisation unless reset. Returns the
    incidents' ids by name (the year's as year_01, year_02, ...). `year=False` leaves out the closed year of
    incidents (desktop.demo.history): tests about the current incidents alone build it in a third of the time."""
    now = now or now_utc()
    if reset:
        metadata.drop_all(db.engine)
        from sqlalchemy import text

        with db.engine.begin() as conn:
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        from desktop.db.session import upgrade_to_head

        upgrade_to_head(db.engine)
    with db.session() as session:
        if not org.is_empty(session):
            raise RuntimeError("数据库中已有机构数据；如需重建示例数据，请加 --reset")
        units = build_organisation(session)
        people = build_accounts(session, units)
        # The closed year first, oldest first: incident numbers follow time, the current ones come last.
        past = history.build_history(session, units, {o[0]: (o[2], o[3]) for o in ORGANISATION}, people,
                                     now) if year else []
        made = build_incidents(session, units, people, now)
        doc_demo.demo_documents(session, units, people, made, now)
        registers_demo.fill_registers(session, units, people, now)
        registers_demo.fill_accountability(session, people, made, now)
        registers_demo.fill_public_registers(session, units, people, made, now)
        return {**{f"year_{n:02d}": i for n, i in enumerate(past, 1)}, **made}
