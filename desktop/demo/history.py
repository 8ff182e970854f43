"""The example year of incidents: about fifty closed incidents over the twelve months before the current ones, so
the incident register, the statistics page and the 声誉风险管理工作报告 have a year to count.

Each is handled as the rules ask and written through the services at the moment a person would have written it
(`now` is the step's own time): the telephone report, the business department, the written details, the response
plan approved, the customer appeased, the evaluation reviewed (5.2, 5.3) and the close. Most steps are on time; a
seeded few are late and carry their explanation, so the on-time rates are not a flat 100 %. Three are major
(4.1): leadership group, 《重大突发事件报告》 signed by the president and sent, head-office consent, regulator.
Two grew from public-opinion monitoring entries (escalated in one step), one has a customer complaint linked and
its result reported back (4.2.2.x(4)); some carry 6.1 accountability items.

Built before the current example incidents, in the order they happened, so their numbers follow time.
Deterministic: a seeded generator, dates relative to `now`."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from desktop.domain import Actor, Stage
from desktop.errors import ErrorCode, ValidationError
from desktop.registers import accountability_quarter, complaints, monitoring
from desktop.services import accountability, approvals, documents, incidents
from desktop.timeutil import CST

SEED = 20251201


@dataclass(frozen=True)
class Case:
    """What happened: the facts an incident of this kind is recorded with."""

    title: str  # "{unit}" is replaced by the unit's short name
    source: str
    business: str  # the business line, "" when none
    dept: str  # the business department's unit key
    dispute: bool
    cause: str
    situation: str
    measures: str
    impact: str
    customer: str = ""  # the appeased customer
    agreed: str = ""


CASES: list[Case] = [
    Case("客户在{unit}排队等候过久并在微博发帖吐槽", "online", "", "", True,
         "午间办理业务客户集中，窗口开放不足，客户等候近一小时。", "微博帖文转发30余次，评论以附和为主。",
         "网点负责人联系客户致歉，当日增开窗口。", "影响限于本地网络，未见媒体报道。",
         "钱先生", "当面致歉并说明改进措施"),
    Case("{unit}客户反映理财产品到期收益低于预期", "complaint", "个人理财", "retail", True,
         "客户认为销售时承诺的收益与实际不符，要求赔偿差额。", "客户多次到网点交涉，并称将向媒体反映。",
         "调取销售录音录像核实，向客户逐条解释产品说明书。", "暂无网络传播。",
         "刘女士", "解释产品条款，承诺加强销售告知"),
    Case("{unit}ATM机吞卡后客户在短视频平台发布视频", "online", "自助设备", "operations", True,
         "夜间ATM机故障吞卡，客户次日取卡等候时间较长。", "视频播放量约8000次。",
         "网点优先为客户办理取卡并致歉，维修设备。", "评论以吐槽为主，热度已下降。", "陈先生", "优先取卡并致歉"),
    Case("本地媒体记者就{unit}收费问题电话采访", "media", "结算服务", "operations", False,
         "有客户向报社反映账户管理费扣收未提前告知。", "记者要求说明收费依据及告知方式。",
         "按审定口径答复记者，提供收费公示材料。", "记者未发稿。"),
    Case("老年客户在{unit}办理业务受阻，家属网上投诉", "online", "储蓄存款", "operations", True,
         "老年客户无法提供本人有效证件，柜员按规定未能办理取款。", "家属在本地论坛发帖，称银行“刁难老人”。",
         "网点上门核实身份并办理业务，向家属说明规定。", "帖子已被版主置顶后撤下，影响有限。",
         "赵女士", "上门服务并说明原因"),
    Case("{unit}客户质疑贷款利率及费用说明不清", "complaint", "小微贷款", "corporate", True,
         "小微企业主认为贷款合同中的费用条款未充分告知。", "客户向市民热线投诉，热线已转办。",
         "客户经理上门逐项解释费用构成，退还不合理收费。", "热线督办已办结。",
         "孙先生", "逐项解释费用并退还一项服务费"),
    Case("网传{unit}员工态度恶劣视频", "online", "", "", True,
         "客户与柜员因业务办理要求发生争执，视频被剪辑后上传网络。", "视频在本地短视频平台播放约2万次。",
         "调取监控还原经过，网点负责人向客户致歉并批评教育涉事员工。", "部分网友质疑服务态度，未见媒体跟进。",
         "周先生", "当面致歉，说明整改措施"),
    Case("{unit}手机银行升级后客户集中咨询投诉", "complaint", "手机银行", "retail", True,
         "手机银行版本升级后部分功能入口调整，客户无法找到常用功能。", "客服热线及网点咨询量明显上升。",
         "发布操作指引，网点设立指导岗。", "未形成网络舆情。", "吴女士", "现场指导操作"),
    Case("监管部门转办{unit}客户投诉", "regulator", "信用卡", "retail", True,
         "客户对信用卡分期手续费计算方式有异议，向监管部门投诉。", "监管部门要求限期核实回复。",
         "核实计费过程，向客户书面说明，按规定回复监管部门。", "未见网络传播。", "郑先生", "书面说明计费方式"),
    Case("{unit}营业厅装修期间客户反映服务不便", "other", "", "", False,
         "营业厅局部装修，部分窗口暂停，客户排队时间延长。", "有客户在大众点评留言。",
         "张贴公告，安排大堂经理引导分流。", "影响轻微。"),
    Case("自媒体发文质疑{unit}理财宣传用语", "online", "代销理财", "retail", False,
         "网点宣传海报使用“稳健收益”等表述，被自媒体认为涉嫌误导。", "文章阅读量约1.5万次。",
         "撤下相关海报，按规定重新审核宣传材料。", "评论较少，未被主流媒体转载。"),
    Case("{unit}客户存款到期转存争议", "complaint", "储蓄存款", "operations", True,
         "客户认为到期存款被自动转存导致利息损失。", "客户在网点大厅情绪激动，要求说法。",
         "调阅开户时签署的约定转存条款，向客户说明并协助重新办理。", "现场已平息。",
         "李先生", "说明约定转存条款并协助办理"),
]

# (unit key, how many): same-city outlets and departments, and the Baoding area (2.2, 2.3).
UNIT_WEIGHTS: list[tuple[str, int]] = [
    ("zhongshan", 9), ("yuhua", 8), ("retail", 3), ("operations", 3), ("corporate", 2),
    ("bd_chaoyang", 8), ("bd_main", 7), ("bd_retail", 3),
]
REMOTE = {"bd_chaoyang", "bd_main", "bd_retail"}
DEPARTMENTS = {"retail", "operations", "corporate", "bd_retail"}  # no counter, no hall: not every case fits
AT_A_DESK = (1, 3, 5, 7, 8, 10)  # the cases that can happen to a department
# The outlets whose own written report (3.3.3) goes up signed: (who writes it, its head who signs)
SIGNS_ITS_OWN = {"zhongshan": ("zhongshan", "zhongshan"), "bd_chaoyang": ("xinxi", "fuzeren")}
LATE_REASONS = ("网点负责人外出处置现场，电话报告延迟", "值班人员交接不清，未能及时报送",
                "核实情况耗时较长，书面材料迟送", "客户情绪激动，现场安抚占用时间")
MAJORS: list[Case] = [
    Case("{unit}代发工资延迟引发企业员工聚集", "media", "代发工资", "corporate", True,
         "系统批量处理异常，某企业数百名员工工资延迟到账，员工到网点聚集。",
         "现场约40人聚集，有人网络直播，两家本地媒体到场。",
         "成立领导小组，紧急排查系统，协调企业说明情况，安排专人现场解释。",
         "网络直播观看超过5万人次，省级媒体电话问询。",
         "企业工会代表", "当日补发工资并书面致歉"),
    Case("网传{unit}理财产品兑付困难引发客户集中赎回", "online", "代销理财", "bd_retail", True,
         "网络流传“银行理财爆雷”不实信息，部分客户到网点要求提前赎回。", "相关帖文阅读量超过20万次，多家自媒体转载。",
         "成立领导小组，核实产品运作情况，官方渠道发布澄清说明。", "客户集中到网点询问，监管部门关注。",
         "集中赎回客户代表", "逐一解释产品运作情况，说明赎回规则"),
    Case("{unit}员工涉嫌违规办理业务被媒体报道", "media", "个人贷款", "retail", True,
         "媒体报道网点员工违规为客户办理贷款并收取好处费。", "报道被多家网站转载，评论量较大。",
         "成立领导小组，暂停涉事员工工作，配合调查，统一对外口径。", "引发社会关注，监管部门约谈。",
         "涉事客户", "说明调查进展并承诺依法依规处理"),
]
MAJOR_AT = {6: "zhongshan", 23: "bd_main", 37: "yuhua"}  # the position in the year of each major incident
# The directory's journalists (desktop.demo.registers_demo); 孙晓 is the current major incident's alone.
JOURNALISTS = [("高洁", "河北广播电视台", "139-0311-2288"), ("马骏", "保定日报", "137-0312-6677")]

# The two monitoring entries that became incidents (monitoring.escalate), and the complaint joined to one.
# position: (unit, case, platform, the entry's title)
ESCALATED = {12: ("yuhua", 0, "weibo", "网友吐槽裕华支行排队等候过久"),
             30: ("bd_main", 2, "douyin", "短视频称保定营业部ATM吞卡后取卡难")}
COMPLAINT_AT = 18  # the position of the incident a complaint joins; its result is reported back
COUNT = 46

T = TypeVar("T")


def _on_time_or_late(call: Callable[..., T], reason: str, **kw: Any) -> T:
    """As a person does it: the step is recorded; when the service says it is past its deadline, with the
    explanation (迟报说明) it asks for."""
    try:
        return call(**kw)
    except ValidationError as exc:
        if exc.code != ErrorCode.LATE_REASON_REQUIRED:
            raise
        return call(**kw, late_reason=reason)


class _Year:
    """The state of one build: the accounts, the units and the seeded generator."""

    def __init__(self, session: Session, units: dict[str, int], names: dict[str, tuple[str, str]],
                 people: dict[str, Actor], now: datetime) -> None:
        self.session, self.units, self.people, self.now = session, units, people, now
        self.short = {key: short for key, (_name, short) in names.items()}
        self.full = {key: name for key, (name, _short) in names.items()}
        self.rng = random.Random(SEED)
        self.last = now  # the newest moment written for the incident in hand: no step is written before it

    def clock(self, at: datetime) -> datetime:
        """When a step is written: at its own time, never before a step already written (a late report comes
        in after what happened meanwhile)."""
        self.last = max(self.last, at)
        return self.last

    def lead(self, unit: str) -> Actor:
        """2.2, 2.3: the lead department's clerk keeps the incident's record."""
        return self.people["jingban" if unit in REMOTE else "bangongshi"]

    def event(self, actor: Actor, incident_id: int, event_type: str, at: datetime, late: str = "",
              **kw: Any) -> None:
        _on_time_or_late(incidents.record_event, late or self.rng.choice(LATE_REASONS), session=self.session,
                         actor=actor, incident_id=incident_id, event_type=event_type, at=at, now=self.clock(at), **kw)

    def doc(self, drafter: Actor, incident_id: int, kind: str, fields: dict[str, Any], at: datetime,
            stage: Stage | str = "") -> documents.DocumentVersionView:
        """Drafted and submitted at `at`: the version waits for its steps."""
        v = documents.create_document(self.session, drafter, incident_id, kind, stage, fields, now=self.clock(at))
        overdue = documents.overdue_items(v.content)
        if overdue:  # the drafter explains, beside each item, why it is still open (printed on the paper)
            notes = documents.format_notes({d["id"]: "正在办理，将尽快补报" for d in overdue})
            v = documents.edit_document(self.session, drafter, v.document_id, v.sha256,
                                        {**fields, "overdue_notes": notes}, now=self.clock(at))
        return documents.submit(self.session, drafter, v.version_id, v.sha256,
                                now=self.clock(at + timedelta(minutes=1)))

    def approve(self, actor: Actor, v: documents.DocumentVersionView, at: datetime,
                comment: str = "同意") -> documents.DocumentVersionView:
        return _on_time_or_late(approvals.approve, self.rng.choice(LATE_REASONS), session=self.session, actor=actor,
                                version_id=v.version_id, expected_sha256=v.sha256, comment=comment,
                                now=self.clock(at))

    # --- the year's plan ------------------------------------------------------------------------------------

    def plan(self) -> list[tuple[datetime, str, Case, bool]]:
        """(occurred, unit, what happened, major) in the order they happened: days 32-362 before now, in office
        hours (China Standard Time), no two on the same day."""
        rng = self.rng
        days = sorted(rng.sample(range(32, 362), COUNT), reverse=True)
        keys = [k for k, n in UNIT_WEIGHTS for _ in range(n)]
        out: list[tuple[datetime, str, Case, bool]] = []
        majors = iter(MAJORS)
        for n, ago in enumerate(days):
            day = (self.now - timedelta(days=ago)).replace(hour=1, minute=0, second=0, microsecond=0)  # 09:00 CST
            occurred = day + timedelta(minutes=rng.randrange(0, 7 * 60, 5))
            if n in MAJOR_AT:
                out.append((occurred, MAJOR_AT[n], next(majors), True))
            elif n in ESCALATED:
                out.append((occurred, ESCALATED[n][0], CASES[ESCALATED[n][1]], False))
            else:
                unit = rng.choice(keys)
                out.append((occurred, unit, CASES[rng.choice(AT_A_DESK)] if unit in DEPARTMENTS
                            else rng.choice(CASES), False))
        return out

    def facts(self, unit: str, case: Case, occurred: datetime, major: bool) -> dict[str, Any]:
        dept = ("bd_retail" if unit in REMOTE else case.dept) if case.dept else ""
        name = self.short[unit]
        data: dict[str, Any] = {
            "title": case.title.format(unit=name), "unit_id": self.units[unit], "occurred_at": occurred,
            "learned_at": occurred + timedelta(minutes=self.rng.randint(2, 8)), "place": name,
            "severity": "major" if major else "general", "source": case.source,
            "business_line": bool(dept), "customer_dispute": case.dispute,
            "el_cause": case.cause, "el_time": f"{occurred.astimezone(CST):%Y年%m月%d日%H时%M分}".replace("年0", "年")
            .replace("月0", "月"), "el_place": name, "el_situation": case.situation,
            "el_measures_taken": case.measures, "el_forecast": "如回应及时，预计事态可在短期内平息。",
            "el_impact": case.impact,
        }
        if dept:
            data.update(business_line_name=case.business, business_dept_id=self.units[dept])
        if major:
            data.update(major_criteria="social_order", el_consequences="可能引发客户集中到网点及媒体持续报道。",
                        el_planned_measures="两小时内报告总行；统一应答口径；专人安抚客户；持续监测舆情。")
        return data

    # --- one incident, from the first call to the close -----------------------------------------------------

    def handle(self, n: int, occurred: datetime, unit: str, case: Case, major: bool) -> int:
        rng, session, people = self.rng, self.session, self.people
        lead = self.lead(unit)
        remote = unit in REMOTE
        reporter = people[SIGNS_ITS_OWN[unit][0]] if unit in SIGNS_ITS_OWN else lead
        late = {k: rng.random() < p for k, p in (("first", 0.12), ("details", 0.12), ("plan", 0.08),
                                                  ("appease", 0.08))}
        first = occurred + timedelta(minutes=rng.randint(36, 75) if late["first"] else rng.randint(6, 24))
        data = self.facts(unit, case, occurred, major)
        learned: datetime = data["learned_at"]
        self.last = learned
        if n in ESCALATED:  # the monitors saw it first: the entry becomes the incident in one step (monitoring)
            platform, title = ESCALATED[n][2:]
            entry = monitoring.add_entry(session, lead, {
                "unit_id": self.units[unit], "observed_at": learned, "platform": platform, "title": title,
                "excerpt": f"{title}。{case.situation}", "reads": rng.randint(3_000, 30_000),
                "reposts": rng.randint(20, 400), "tone": "negative"}, now=self.clock(learned + timedelta(minutes=1)))
            _row, record = monitoring.escalate(session, lead, entry.id, data,
                                               now=self.clock(learned + timedelta(minutes=3)))
            incident_id = record.id
        else:
            incident_id = incidents.create_incident(session, reporter, data, now=learned + timedelta(minutes=2)).id
        # 3.2.1, 3.2.2(1): the telephone report; 3.2.4: the business department at the same time.
        self.event(reporter, incident_id, "reported_to_lead", first, note=f"电话报告{self.short[self.lead_key(unit)]}")
        if data["business_line"]:
            self.event(lead, incident_id, "reported_to_business_dept", first + timedelta(minutes=3))
        if remote:  # 3.2.2(2): the local lead department passes it on to the branch office
            self.event(lead, incident_id, "reported_to_branch_office", first + timedelta(minutes=rng.randint(8, 22)))
        if case.source == "media":  # 4.2.2(1): who asked, passed on at once
            name, outlet, phone = rng.choice(JOURNALISTS)
            asked = first + timedelta(minutes=rng.randint(5, 30))
            self.event(lead, incident_id, "media_inquiry", asked,
                       data={"journalist": name, "outlet": outlet, "contact": phone,
                             "question": f"{case.cause[:30]}……请问贵行如何回应？"})
            self.event(lead, incident_id, "media_info_to_lead", asked + timedelta(minutes=4))
        if unit in SIGNS_ITS_OWN and rng.random() < 0.7:  # 3.3.1, 3.3.3: the unit's own report, signed by its head
            head = SIGNS_ITS_OWN[unit][1]
            v = self.doc(reporter, incident_id, "written_report", {}, first + timedelta(minutes=10), Stage.FIRST)
            signed = self.clock(first + timedelta(minutes=16))
            v = approvals.sign(session, people[head], v.version_id, v.sha256, comment="同意报送", now=signed)
            sent = self.clock(signed + timedelta(minutes=2))
            approvals.send(session, reporter, v.version_id, v.sha256, at=sent, now=sent)
        if major:
            self.major(incident_id, unit, case, occurred, first)
        else:
            details = first + timedelta(minutes=rng.randint(70, 110) if late["details"] else rng.randint(25, 55))
            self.event(lead, incident_id, "written_details_to_lead", details)
            if remote:
                self.event(lead, incident_id, "details_to_branch_office",
                           details + timedelta(minutes=rng.randint(10, 40)))
            self.plan_approved(incident_id, unit, case, first, late["plan"])
        if n == COMPLAINT_AT:
            self.complaint(incident_id, unit, case, occurred)
        if case.dispute:  # 4.2.2.x(4), 4.3.4(6)
            limit = 11 * 60 if major else 23 * 60
            appeased = occurred + timedelta(minutes=rng.randint(limit + 90, limit + 600) if late["appease"]
                                            else rng.randint(150, limit - 60))
            self.event(lead, incident_id, "customer_appeased", appeased,
                       data={"customer": case.customer, "agreed": case.agreed, "result": "客户表示理解，未再投诉"})
        closed = occurred + timedelta(days=rng.randint(4, 12), hours=rng.randint(0, 5))
        self.evaluate(incident_id, unit, case, late, major, closed)
        return incident_id

    def lead_key(self, unit: str) -> str:
        return "bd_office" if unit in REMOTE else "office"

    def plan_approved(self, incident_id: int, unit: str, case: Case, first: datetime, late: bool) -> None:
        """4.2.2.1(3), 4.2.2.2(3): the plan and reply script within four hours of the telephone report."""
        rng, people = self.rng, self.people
        drafted = first + timedelta(minutes=rng.randint(50, 110))
        done = first + timedelta(minutes=rng.randint(250, 330) if late else rng.randint(130, 220))
        v = self.doc(self.lead(unit), incident_id, "response_plan", {
            "reply_script": "我行已关注到相关情况，高度重视，已第一时间与客户沟通，将依法依规妥善处理。",
            "body": "快速反应、强化沟通、严密监控、重在控制（4.2.2）：先安抚客户，再核查事实，统一对外口径。",
            "plan_measures": f"{case.measures}｜{self.short[unit]}｜24小时内\n监测舆情｜"
                             f"{self.short[self.lead_key(unit)]}｜持续"}, drafted)
        if unit in REMOTE:
            v = self.approve(people["lingdao"], v, done - timedelta(minutes=25), "同意，请分行办公室审批")
            self.approve(people["bangongshi"], v, done)
        else:
            self.approve(people["fenhang"], v, done)

    def major(self, incident_id: int, unit: str, case: Case, occurred: datetime, first: datetime) -> None:
        """4.3: the leadership group, the cause, the spokesperson, the 《重大突发事件报告》 to the head office and,
        with its consent, the regulator."""
        session, people = self.session, self.people
        lead, bgs, hangzhang, fenhang = self.lead(unit), people["bangongshi"], people["hangzhang"], people["fenhang"]
        at = lambda minutes: occurred + timedelta(minutes=minutes)
        self.event(hangzhang, incident_id, "leadership_group_convened", at(35), note="周明任组长，孙立新任副组长")
        incidents.set_leadership_group(session, hangzhang, incident_id, [
            ("leader", "周明", "分行行长"), ("deputy", "孙立新", "分行副行长"), ("member", "赵丽", "分行办公室")])
        self.event(hangzhang, incident_id, "publicity_dept_contacted", at(50), note="已联系市委宣传部新闻处")
        record = incidents.get_incident(session, hangzhang, incident_id)
        incidents.save_spokesperson(session, hangzhang, incident_id, record.row_version, "吴静",
                                    "我行高度重视，已成立专项工作组核查处理，将及时公布进展。", now=self.clock(at(60)))
        self.event(lead, incident_id, "cause_established", at(95), note=case.cause)
        v = self.doc(bgs, incident_id, "major_report", {}, at(70))
        v = self.approve(fenhang, v, at(85), "领导小组审定同意")
        signed = self.clock(at(90))
        v = approvals.sign(session, hangzhang, v.version_id, v.sha256, now=signed)
        sent = self.clock(max(at(100), signed + timedelta(minutes=5)))
        approvals.send(session, bgs, v.version_id, v.sha256, at=sent, note="已通过总行公文系统报送总行办公室", now=sent)
        v = self.doc(bgs, incident_id, "response_plan", {
            "reply_script": "我行高度重视，已成立专项工作组，将依法依规处理并及时公布进展。",
            "body": "统一指挥、快速反应、加强沟通、重在控制（4.3）。",
            "plan_measures": f"{case.measures}｜处置领导小组｜立即\n持续监测舆情｜分行办公室｜持续",
            "spokesperson": "吴静"}, at(150))
        self.approve(fenhang, v, at(200), "领导小组同意")
        self.event(hangzhang, incident_id, "official_statement_published", at(220),
                   note="官方微信公众号发布情况说明")
        approvals.record_head_office_consent(session, bgs, incident_id, at=at(300), note="总行办公室电话同意",
                                             now=self.clock(at(300)))
        approvals.report_to_regulator(session, bgs, incident_id, at=at(420), note="书面报告属地监管分局",
                                      now=self.clock(at(420)))

    def complaint(self, incident_id: int, unit: str, case: Case, occurred: datetime) -> None:
        """4.2.2.x(4): the customer's complaint joins the incident; its result goes back to the lead department
        and closes that clock."""
        session, lead = self.session, self.lead(unit)
        row = complaints.add_complaint(session, lead, {
            "unit_id": self.units[unit], "received_at": occurred + timedelta(minutes=20), "customer": case.customer,
            "channel": "phone", "subject": case.title.format(unit=self.short[unit]).split("客户", 1)[-1][:60],
            "contact": "139****2086", "description": f"客户反映：{case.cause}"},
            now=self.clock(occurred + timedelta(minutes=40)))
        complaints.add_step(session, lead, row.id, "网点负责人当日回电，了解诉求并致歉",
                            occurred + timedelta(hours=2), now=self.clock(occurred + timedelta(hours=2)))
        complaints.link(session, lead, row.id, incident_id, now=self.clock(occurred + timedelta(minutes=45)))
        done = max(occurred + timedelta(hours=9), self.last + timedelta(minutes=30))
        complaints.record_result(session, lead, row.id, f"{case.agreed}，客户接受处理结果", done, now=self.clock(done))

    def evaluate(self, incident_id: int, unit: str, case: Case, late: dict[str, bool], major: bool,
                 closed: datetime) -> None:
        """5.2, 5.3: the evaluation reviewed, then the close; 6.1 items where something went wrong."""
        session, people, lead = self.session, self.people, self.lead(unit)
        leader = people["lingdao" if unit in REMOTE else "fenhang"]
        record = incidents.get_incident(session, lead, incident_id)
        slow = [k for k, v in late.items() if v]
        lessons = "首报及书面报告须严格按时限报送。" if slow else "处置及时，未造成扩散。"
        incidents.update_incident(session, lead, incident_id, record.row_version, {
            "evaluation": "按规定时限报告并处置，客户诉求得到回应。" if not slow else "处置总体有效，但部分事项迟报。",
            "lessons": lessons, "positive_publicity": "在网点及公众号发布服务改进信息。"},
            now=self.clock(closed - timedelta(days=2)))
        v = self.doc(lead, incident_id, "evaluation", {"improvements": f"{case.measures}\n{lessons}"},
                     closed - timedelta(days=1))
        self.approve(leader, v, closed - timedelta(hours=3))
        quarter = accountability_quarter.quarter_of(closed)
        name = self.full[unit]
        if major:
            accountability.add_item(session, lead, incident_id, unit_name=name, person="涉事员工",
                                    measure="penalty", text="对重大声誉事件负有直接责任，给予经济处罚",
                                    now=self.clock(closed - timedelta(hours=2)))
            accountability.add_item(session, lead, incident_id, unit_name=name, measure="score_zero",
                                    text="发生重大声誉风险事件", quarter=quarter,
                                    now=self.clock(closed - timedelta(hours=2)))
        elif late["first"] and self.rng.random() < 0.6:
            accountability.add_item(session, lead, incident_id, unit_name=name, measure="score_zero",
                                    text="首报迟报", quarter=quarter, now=self.clock(closed - timedelta(hours=2)))
        incidents.close_incident(session, lead, incident_id, now=self.clock(closed))


def build_history(session: Session, units: dict[str, int], names: dict[str, tuple[str, str]],
                  people: dict[str, Actor], now: datetime) -> list[int]:
    """The year's closed incidents, oldest first; returns their ids. `names`: each unit key's (name, short)."""
    year = _Year(session, units, names, people, now)
    return [year.handle(n, occurred, unit, case, major)
            for n, (occurred, unit, case, major) in enumerate(year.plan())]
