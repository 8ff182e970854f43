"""The example year of the registers beyond incidents: training, drills, screenings (one waiting for its leader),
risk sweeps, the emergency plan's yearly review, follow-ups (some overdue) and 6.1 accountability items, so that
the registers, the dashboard's follow-ups, the statistics page and the work report show something real on the
first start.

Deterministic (a seeded generator, times relative to the moment the demo is built), quick, and written through the
services as a person would write them: every entry is on the keyed audit record and `repdesk audit verify` holds."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from desktop.domain import Actor
from desktop.registers import accountability_quarter, complaints, followups, media, monitoring, prevention
from desktop.services import accountability

SEED = 20261129

# (unit key, the account that records for it): the branch office keeps the Shijiazhuang and Tangshan registers, the
# Baoding comprehensive-management department its own area's (2.3).
RECORDED_BY: dict[str, str] = {
    "office": "bangongshi", "retail": "bangongshi", "corporate": "bangongshi", "operations": "bangongshi",
    "zhongshan": "zhongshan", "yuhua": "bangongshi", "bd_office": "jingban", "bd_retail": "jingban",
    "bd_main": "jingban", "bd_chaoyang": "jingban", "ts_office": "bangongshi", "ts_main": "bangongshi",
}
TRAININGS: list[tuple[str, str]] = [
    ("course", "声誉风险管理办法及实施细则解读"),
    ("lecture", "银行业声誉风险典型案例分析"),
    ("lecture", "网点负责人危机沟通与媒体应对"),
    ("course", "客户投诉处理基本方法"),
    ("competition", "声誉风险知识竞赛"),
    ("course", "新员工声誉风险与合规培训"),
    ("lecture", "自媒体时代的舆情研判"),
    ("course", "理财销售行为规范与双录要求"),
]
DRILLS: list[tuple[str, str, str, str]] = [
    ("office", "客户在网点聚集并网络直播维权", "中山路支行、裕华支行、个人金融部",
     "网点首报时间超过30分钟；应答口径未预先准备"),
    ("bd_office", "自媒体发布“飞单”传闻并被转载", "保定营业部、保定个人业务部、朝阳支行",
     "舆情监测发现滞后约两小时；领导小组召集顺畅"),
    ("ts_office", "系统故障导致批量交易失败引发投诉", "唐山营业部、运营管理部",
     "客服热线话术不统一；对外公告审批环节偏多"),
    ("office", "重大突发事件向总行报告全流程演练", "分行办公室、个人金融部、公司金融部",
     "报告要素齐全；签发环节用时较长"),
]
FOLLOW_UPS: list[str] = [
    "修订网点声誉事件报告流程，首报时限压缩至15分钟",
    "编制常见问题应答口径并组织网点学习",
    "完善舆情监测关键词库，增加本地自媒体账号",
    "统一客服热线应答话术并纳入考核",
    "组织网点负责人参加媒体接待专题培训",
    "优化对外公告审批流程，明确替代审批人",
]
SCREENINGS: list[tuple[str, str, str, str, str, str, str]] = [
    # (unit, kind, subject, risk, verdict, assessment, measures)
    ("bd_retail", "product", "“悦享”系列净值型理财产品", "medium", "with_measures",
     "净值波动可能引发客户对收益的误解；销售适当性管理是主要风险点。", "销售全程双录；到期前五日短信提示净值。"),
    ("operations", "system", "新一代柜面系统上线", "high", "with_measures",
     "切换期间可能出现业务办理缓慢、客户排队，易引发现场投诉和网络吐槽。",
     "分批切换；高峰时段增派人员；提前公告并准备应答口径。"),
    ("corporate", "product", "小微企业“快易贷”", "medium", "with_measures",
     "利率及费用说明不清可能引发投诉。", "统一费用公示；客户经理话术培训。"),
    ("retail", "system", "手机银行5.0版本", "medium", "with_measures",
     "界面改版可能导致老年客户操作困难，引发集中咨询和投诉。",
     "保留简洁版入口；网点设立指导岗；客服热线增设专席。"),
]
SWEEPS: list[tuple[str, str, str, int]] = [
    ("office", "营业网点服务质量与投诉处理", "叫号系统高峰期故障；投诉登记不完整", 2),
    ("bd_office", "理财代销业务销售行为", "个别网点双录不完整；宣传材料未标注风险", 2),
    ("ts_office", "网点对外公告与宣传材料", "一处公告收费标准未更新", 1),
    ("retail", "个人客户信息保护", "网点打印件未及时粉碎", 1),
]


def fill_registers(session: Session, units: dict[str, int], people: dict[str, Actor], now: datetime) -> None:
    """The example year: entries dated over the twelve months before `now`, recorded at `now`."""
    rng = random.Random(SEED)
    day = lambda ago: (now - timedelta(days=ago)).replace(hour=2, minute=0, second=0, microsecond=0)  # 10:00 CST

    def by(unit: str) -> Actor:
        return people[RECORDED_BY[unit]]

    # Training: about one a month, the units in turn.
    for n in range(13):
        unit = list(RECORDED_BY)[(n * 5) % len(RECORDED_BY)]  # every unit in turn
        kind, title = rng.choice(TRAININGS)
        prevention.add_training(session, by(unit), unit_id=units[unit], kind=kind, title=title,
                                held_at=day(355 - n * 27 + rng.randint(0, 5)), participants=rng.randint(12, 60),
                                hours=rng.choice((1.0, 1.5, 2.0, 3.0, 4.0)), now=now)

    # Drills, one a quarter, each leaving follow-ups: done, open, and open past their date.
    for n, (unit, scenario, taking_part, findings) in enumerate(DRILLS):
        held = day(330 - n * 90 + rng.randint(0, 10))
        drill = prevention.add_drill(session, by(unit), unit_id=units[unit], scenario=scenario, held_at=held,
                                     units=taking_part, participants=rng.randint(15, 45), findings=findings,
                                     now=now)
        for k in range(2):
            action = FOLLOW_UPS[(n * 2 + k) % len(FOLLOW_UPS)]
            due = held + timedelta(days=30 + 45 * k)
            item = followups.add_followup(session, by(unit), source_kind="drill", source_id=drill.id,
                                          unit_id=units[unit], owner=by(unit).name, action=action, due_at=due,
                                          now=now)
            if due < now - timedelta(days=60):  # the older ones were done; the recent ones are still open
                followups.complete_followup(session, by(unit), item.id, "已按期完成并组织复查", now=now)

    # Screenings before launch: signed off by the responsible leader, one sent back, the newest still waiting.
    for n, (unit, kind, subject, risk, verdict, assessment, measures) in enumerate(SCREENINGS):
        leader = people["lingdao" if unit.startswith("bd_") else "fenhang"]
        assert leader.user_id is not None
        screening = prevention.add_screening(
            session, by(unit), unit_id=units[unit], subject_kind=kind, subject=subject, assessment=assessment,
            risk_level=risk, verdict=verdict, measures=measures, leader_id=leader.user_id,
            launch_at=day(300 - n * 80) + timedelta(days=30), now=now)
        if n == len(SCREENINGS) - 1:
            continue  # waits in 孙立新's approval queue
        approve = n != 2
        prevention.sign_off(session, leader, screening.id, approve,
                            "同意上线，请落实防控措施" if approve else "请补充费用公示方案后重新报送", now=now)
        if approve and measures:
            due = day(300 - n * 80) + timedelta(days=25)
            item = followups.add_followup(session, by(unit), source_kind="screening", source_id=screening.id,
                                          unit_id=units[unit], owner=by(unit).name, action=measures.split("；")[0],
                                          due_at=due, now=now)
            if due < now - timedelta(days=60):
                followups.complete_followup(session, by(unit), item.id, "措施已在上线前落实", now=now)

    # Risk sweeps, one a quarter.
    for n, (unit, scope, findings, issues) in enumerate(SWEEPS):
        held = day(320 - n * 90)
        sweep = prevention.add_sweep(session, by(unit), unit_id=units[unit], scope=scope, held_at=held,
                                     findings=findings, issues_found=issues, now=now)
        if issues:
            item = followups.add_followup(session, by(unit), source_kind="sweep", source_id=sweep.id,
                                          unit_id=units[unit], owner=by(unit).name, action=f"整改：{findings}",
                                          due_at=held + timedelta(days=45), now=now)
            if n < 2:
                followups.complete_followup(session, by(unit), item.id, "已整改到位", now=now)

    # The emergency plan's yearly review at the branch office.
    review = prevention.add_plan_review(
        session, people["bangongshi"], unit_id=units["office"], year=day(40).year,
        plan_name="石家庄分行声誉风险突发事件应急预案", reviewed_at=day(40), conclusion="revised",
        changes="增加新媒体舆情处置流程；更新应急联系人及新闻发言人名单", now=now)
    followups.add_followup(session, people["bangongshi"], source_kind="plan_review", source_id=review.id,
                           unit_id=units["office"], owner="赵丽", action="组织各单位学习修订后的应急预案",
                           due_at=day(-20), now=now)


def fill_accountability(session: Session, people: dict[str, Actor], made: dict[str, int], now: datetime) -> None:
    """6.1 items on the example's open incidents: a penalty (6.1.1) and quarter scores set to zero (6.1.2)."""
    quarter = accountability_quarter.quarter_of(now)
    accountability.add_item(session, people["jingban"], made["major"], unit_name="保定分行营业部", person="王某",
                            measure="penalty", text="违规代销非本行理财产品，给予经济处罚", now=now)
    accountability.add_item(session, people["jingban"], made["major"], unit_name="保定分行营业部",
                            measure="score_zero", text="发生重大声誉风险事件", quarter=quarter, now=now)
    accountability.add_item(session, people["bangongshi"], made["overdue"], unit_name="石家庄中山路支行",
                            measure="score_zero", text="书面报告迟报", quarter=quarter, now=now)


# --- monitoring, complaints, media (desktop.registers.monitoring, complaints, media) ---------------------------

# (unit, platform, title, tone): what the monitors found over the year.
OPINIONS: list[tuple[str, str, str, str]] = [
    ("zhongshan", "weibo", "网友吐槽中山路支行午间只开一个窗口", "negative"),
    ("bd_main", "forum", "保定营业部理财经理推荐产品收益“保本”？", "negative"),
    ("yuhua", "douyin", "裕华支行员工帮助老人操作手机银行", "positive"),
    ("bd_chaoyang", "wechat", "本地公众号转载“银行卡被冻结”求助帖", "negative"),
    ("ts_main", "news", "唐山分行营业部开展反诈宣传进社区", "positive"),
    ("retail", "weibo", "信用卡分期手续费计算方式引发讨论", "neutral"),
    ("operations", "forum", "网友反映周末ATM机无法取款", "negative"),
    ("bd_retail", "douyin", "短视频质疑理财产品宣传用语", "negative"),
    ("zhongshan", "video", "客户拍摄网点排队视频", "negative"),
    ("office", "news", "省级媒体报道我行普惠金融服务", "positive"),
    ("bd_chaoyang", "douyin", "客户大厅拍摄视频投诉理财收益", "negative"),
    ("bd_main", "forum", "论坛帖称营业部员工私售理财产品", "negative"),
    ("retail", "wechat", "理财到期兑付延迟的传言", "negative"),
    ("zhongshan", "weibo", "网点保安态度问题的吐槽", "negative"),
]
CLOSE_REASONS = ("经研判为一般性咨询，已由网点回复，无需处置", "帖子已删除，传播范围有限，影响已消散",
                 "正面报道，已转发宣传，无需处置", "已联系发帖客户解释说明，客户表示理解")
COMPLAINTS: list[tuple[str, str, str, str, int | None]] = [
    # (unit, channel, customer, subject, amount in yuan)
    ("zhongshan", "counter", "王先生", "午间排队时间过长", None),
    ("bd_chaoyang", "phone", "刘女士", "理财产品到期收益低于预期", 200_000),
    ("yuhua", "online", "陈先生", "手机银行转账限额调整未提前告知", None),
    ("bd_main", "regulator", "赵女士", "怀疑员工代销非本行产品", 300_000),
    ("ts_main", "letter", "孙先生", "信用卡年费扣收有异议", 300),
    ("zhongshan", "phone", "周女士", "存单到期无法支取", 50_000),
    ("retail", "online", "吴先生", "分期手续费计算不清", 1_200),
    ("bd_chaoyang", "counter", "郑女士", "开户等候时间长", None),
]
STEPS = ("网点负责人当日回电，了解诉求并致歉", "调取业务凭证及录音录像核实情况", "会同业务主管部门研究处理方案")
RESULTS = ("已向客户解释说明并致歉，客户表示满意", "按规定退还相关费用，客户接受处理结果",
           "优化业务流程并书面答复客户，客户认可")
OUTLETS: list[tuple[str, str, str]] = [
    ("燕赵都市报", "newspaper", "0311-88600000"), ("河北广播电视台", "tv", "0311-87800000"),
    ("保定日报", "newspaper", "0312-5900000"),
]
JOURNALISTS: list[tuple[str, str, str]] = [
    ("孙晓", "燕赵都市报", "138-0311-5566"), ("高洁", "河北广播电视台", "139-0311-2288"),
    ("马骏", "保定日报", "137-0312-6677"),
]
SPOKESPEOPLE: list[tuple[str, str, str, str, str]] = [
    ("office", "吴静", "分行办公室副主任", "0311-85001003", "138-0311-1003"),
    ("baoding", "陈志远", "保定分行负责人", "0312-3150001", "139-0312-0001"),
]


def fill_public_registers(session: Session, units: dict[str, int], people: dict[str, Actor],
                          made: dict[str, int], now: datetime) -> None:
    """A year of public-opinion monitoring (two entries linked to the example incidents they are about, the
    others assessed and closed, the newest still open), complaints handled to their result, and the media
    directory with the spokespeople. The incidents' own clocks are left as they are: no complaint is tied to
    them, so their deadlines read as README describes."""
    rng = random.Random(SEED + 1)
    day = lambda ago: (now - timedelta(days=ago)).replace(hour=1, minute=30, second=0, microsecond=0)
    recorder = lambda unit: people[RECORDED_BY.get(unit, "bangongshi")]
    decider = lambda unit: people["jingban" if unit.startswith("bd_") else "bangongshi"]
    # The entries the example incidents grew from: seen by the monitors just after each began.
    linked = {"客户大厅拍摄视频投诉理财收益": (made["just_reported"], 9),
              "论坛帖称营业部员工私售理财产品": (made["major"], 78)}

    for n, (unit, platform, title, tone) in enumerate(OPINIONS):
        when = now - timedelta(minutes=linked[title][1]) if title in linked else day(350 - n * 25)
        entry = monitoring.add_entry(session, recorder(unit), {
            "unit_id": units[unit], "observed_at": when, "platform": platform, "title": title,
            "excerpt": f"{title}。评论区以围观和询问为主。", "reads": rng.randint(300, 60_000),
            "reposts": rng.randint(0, 800), "tone": tone}, now=now)
        if title in linked:
            monitoring.link(session, decider(unit), entry.id, linked[title][0], now=now)
        elif n < len(OPINIONS) - 3:  # the last ones are this month's, still being assessed
            monitoring.close(session, decider(unit), entry.id, CLOSE_REASONS[n % len(CLOSE_REASONS)], now=now)

    for n, (unit, channel, customer, subject, amount) in enumerate(COMPLAINTS):
        received = day(340 - n * 45)
        complaint = complaints.add_complaint(session, recorder(unit), {
            "unit_id": units[unit], "received_at": received, "customer": customer, "channel": channel,
            "subject": subject, "contact": f"1{rng.randint(30, 89)}****{rng.randint(1000, 9999)}",
            "description": f"客户反映：{subject}。", "amount_cents": amount * 100 if amount else None}, now=now)
        if n % 2 == 0:
            complaints.add_step(session, recorder(unit), complaint.id, STEPS[n % len(STEPS)],
                                received + timedelta(hours=4), now=now)
        if n < len(COMPLAINTS) - 1:  # the newest is still being handled
            complaints.record_result(session, recorder(unit), complaint.id, RESULTS[n % len(RESULTS)],
                                     received + timedelta(days=rng.randint(1, 6)), now=now)

    admin = people["admin"]
    for name, kind, phone in OUTLETS:
        media.add_outlet(session, admin, {"name": name, "kind": kind, "phone": phone}, now=now)
    for name, outlet, phone in JOURNALISTS:
        media.add_journalist(session, admin, {"name": name, "outlet": outlet, "phone": phone}, now=now)
    for unit, name, title, phone, mobile in SPOKESPEOPLE:
        media.designate_spokesperson(session, admin, {"unit_id": units[unit], "name": name, "title": title,
                                                      "phone": phone, "mobile": mobile}, now=now)
