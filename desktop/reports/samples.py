"""Realistic example data for every document (tests, benchmarks, renderings). All names are invented."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from desktop.reports.model import (
    Appeasement,
    Approval,
    DeadlineRow,
    DocumentHeader,
    EvaluationReport,
    MajorReport,
    MediaContact,
    MonitoringEntry,
    Person,
    PlanMeasure,
    Register,
    ReportIncident,
    ResponsePlan,
    TimelineRow,
    WrittenReport,
)
from desktop.reports.verification import make_verification_code
from desktop.timeutil import CST


def t(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CST)


def general_incident() -> ReportIncident:
    """A same-city general incident: a loan complaint that reached a forum, one report 7 minutes late."""
    return ReportIncident(
        number="SJZ-2026-0012",
        title="裕华路支行客户投诉引发网络舆情事件",
        unit_name="华夏银行石家庄裕华路支行",
        severity="general",
        occurred_at=t(2, 9, 15),
        learned_at=t(2, 9, 52),
        place="石家庄市裕华区裕华东路支行营业大厅",
        location="same_city",
        lead_department="分行办公室",
        business_line="个人住房贷款",
        business_department="分行个人信贷部",
        customer_dispute=True,
        source="网络发帖",
        status="已平息",
        elements={
            "cause": "客户张某于2月中旬申请提前部分还款，因其所在楼盘抵押登记信息变更尚未办结，支行未能当日受理。"
                     "客户认为支行故意拖延，3月2日上午在营业大厅与大堂经理发生争执，随后在本地论坛“石家庄生活圈”"
                     "发帖称我行“刁难客户、拒绝提前还款”，并附现场视频。",
            "situation": "截至3月3日16时，原帖浏览量约1.2万次，跟帖86条，未被主流媒体转载；客户已于3月3日11时到网点"
                         "完成提前还款手续，并表示将删除原帖。论坛管理员已将帖子设为“已解决”。\n"
                         "支行营业秩序正常，未出现其他客户聚集或跟风投诉。",
            "measures_taken": "一是支行行长第一时间到场安抚客户，将客户引导至贵宾室单独沟通，避免现场冲突扩大；"
                              "二是会同分行个人信贷部核实抵押登记状态，开辟绿色通道，于3月3日上午完成提前还款；"
                              "三是按分行办公室审定的应答口径，于3月2日14时通过论坛官方账号回复网友关切；"
                              "四是安排专人每两小时监测一次舆情，并向分行办公室报告。",
            "forecast": "客户诉求已得到解决，原帖热度自3月2日晚间起明显回落，预计不会进一步发酵。"
                        "但视频片段仍存在被自媒体二次剪辑传播的可能，需持续监测至3月9日。",
            "impact": "事件在本地网络社区造成一定负面影响，部分网友质疑我行服务效率；未造成客户资金损失，"
                      "未引发监管问询和媒体报道，对我行整体声誉影响较小。",
        },
        timeline=[
            TimelineRow(t(2, 9, 15), "客户张某在营业大厅与大堂经理发生争执", "孙晓燕"),
            TimelineRow(t(2, 9, 25), "支行行长刘志强到场安抚，将客户引至贵宾室", "孙晓燕"),
            TimelineRow(t(2, 9, 40), "电话报告分行个人信贷部", "孙晓燕"),
            TimelineRow(t(2, 9, 48), "信息员发现论坛帖子并截图留存", "赵敏"),
            TimelineRow(t(2, 9, 52), "电话报告分行办公室", "赵敏"),
            TimelineRow(t(2, 10, 30), "书面报告（首报）送达分行办公室", "赵敏"),
            TimelineRow(t(2, 10, 45), "个人信贷部书面报送事件详情", "王磊", "分行个人信贷部"),
            TimelineRow(t(2, 11, 20), "《燕赵都市报》记者电话问询", "赵敏"),
            TimelineRow(t(2, 11, 35), "记者姓名、联系方式报分行办公室", "赵敏"),
            TimelineRow(t(2, 13, 20), "应对方案及应答口径经分行领导审批同意", "陈静", "分行办公室"),
            TimelineRow(t(2, 14, 0), "论坛官方账号按应答口径回复", "陈静"),
            TimelineRow(t(3, 11, 0), "客户完成提前还款，客户安抚完成", "孙晓燕"),
            TimelineRow(t(3, 16, 0), "舆情监测：帖子热度回落，论坛标注“已解决”", "赵敏"),
        ],
        deadlines=[
            DeadlineRow("3.3.1, 3.3.3", "书面报告牵头部门", "事发单位", t(2, 9, 52), "met", t(2, 10, 30),
                        rule_id="3.3.1", kind="immediate"),
            DeadlineRow("4.2.2.1(1)", "媒体记者信息报牵头部门", "受访单位", t(2, 11, 20), "met", t(2, 11, 35),
                        rule_id="4.2.2-1a", kind="immediate"),
            DeadlineRow("3.2.1", "报告分行办公室", "事发单位", t(2, 9, 45), "late", t(2, 9, 52),
                        late_reason="支行行长和大堂经理在现场处置客户情绪，信息员发现网帖后即行报告，较时限晚7分钟。",
                        rule_id="3.2.1"),
            DeadlineRow("3.2.4", "同时报告主办业务部门", "事发单位", t(2, 9, 45), "met", t(2, 9, 40),
                        rule_id="3.2.4"),
            DeadlineRow("4.2.2.1(2)", "书面报送事件详情", "主办业务部门", t(2, 10, 52), "met", t(2, 10, 45),
                        rule_id="4.2.2.1-2"),
            DeadlineRow("4.2.2.1(3)", "商定应对方案及应答口径并获审批", "分行办公室、主办业务部门", t(2, 13, 52),
                        "met", t(2, 13, 20), rule_id="4.2.2.1-3"),
            DeadlineRow("4.2.2.1(4)", "完成客户安抚", "主办业务部门、事发单位", t(3, 9, 15), "late", t(3, 11, 0),
                        late_reason="客户要求待抵押登记变更办结后当面办理，经协商约定于3月3日上午到网点，较时限晚1小时45分。",
                        rule_id="4.2.2-4"),
        ],
        deadlines_as_of=t(3, 16, 30),
        media_contacts=[MediaContact(t(2, 11, 20), "周某", "燕赵都市报", "139****2876",
                                     "询问客户提前还款受阻一事是否属实、我行如何处理")],
        monitoring=[
            MonitoringEntry(t(2, 9, 48), "石家庄生活圈论坛", "华夏银行裕华路支行刁难客户拒绝提前还款", "浏览约3,000", "负面"),
            MonitoringEntry(t(2, 18, 0), "石家庄生活圈论坛", "同上（跟帖）", "浏览约1.1万", "负面转中性"),
            MonitoringEntry(t(3, 16, 0), "石家庄生活圈论坛", "帖子标注“已解决”", "浏览约1.2万", "中性"),
        ],
        appeasements=[Appeasement("张某", "开辟绿色通道办理提前还款，支行行长当面致歉", "客户表示满意，已删除原帖",
                                  t(3, 11, 0))],
    )


def _header(**kw: object) -> DocumentHeader:
    base: dict[str, object] = {
        "org_mark": "华夏银行石家庄裕华路支行",
        "doc_number": "裕华支行〔2026〕5号",
        "recipient": "分行办公室",
        "issuing_unit": "华夏银行石家庄裕华路支行",
        "date": t(3, 16, 30),
        "signer_name": "刘志强",
        "contact_person": "赵敏",
        "contact_phone": "0311-85231234",
        "cc": ("分行个人信贷部",),
        "printed_by_org": "华夏银行石家庄裕华路支行综合办公室",
    }
    base.update(kw)
    return DocumentHeader(**base)  # type: ignore[arg-type]


def signed(header: DocumentHeader, at: datetime, version_id: str) -> DocumentHeader:
    """The header as the signing act leaves it: time and a verification code for this version."""
    code = make_verification_code(version_id, f"{header.doc_number}|{at.isoformat()}")
    return replace(header, signed_at=at, verification_code=code)


def sample_written_report(signed_copy: bool = True) -> WrittenReport:
    header = _header()
    if signed_copy:
        header = signed(header, t(3, 16, 40), "v0012-3")
    return WrittenReport(header=header, incident=general_incident(), stage="follow_up")


def snapshot(inc: ReportIncident, as_of: datetime, situation: str) -> ReportIncident:
    """The incident as it stood at `as_of`: later events and completions not yet known."""
    rows = []
    for r in inc.deadlines:
        if r.done_at is not None and r.done_at <= as_of:
            rows.append(r)
        else:
            passed = r.due_at is not None and r.due_at < as_of and r.kind == "deadline"
            status = "overdue" if passed else "pending"
            rows.append(replace(r, status=status, done_at=None, late_reason=""))
    return replace(inc, status="处置中", elements={**inc.elements, "situation": situation},
                   timeline=[e for e in inc.timeline if e.at <= as_of], deadlines=rows, deadlines_as_of=as_of,
                   monitoring=[m for m in inc.monitoring if m.at <= as_of], appeasements=[])


def sample_first_report(signed_copy: bool = True) -> WrittenReport:
    """The 首报 of the same incident, written an hour after it happened: three pages."""
    inc = snapshot(general_incident(), t(2, 10, 25),
                   "截至3月2日10时20分，客户已由支行行长引导至贵宾室单独沟通，情绪趋于平稳；原帖浏览量约3,000次，"
                   "跟帖17条，未被主流媒体转载。支行营业秩序正常。")
    elements = {**inc.elements,
                "measures_taken": "一是支行行长第一时间到场安抚客户，避免现场冲突扩大；二是电话报告分行个人信贷部，"
                                  "核实抵押登记状态；三是信息员截图留存网帖，每小时监测一次舆情。",
                "forecast": "如客户诉求不能尽快得到解决，网帖可能继续发酵，存在被自媒体转载的风险。",
                "impact": "目前影响限于本地网络社区，未造成客户资金损失，未引发监管问询和媒体报道。"}
    header = _header(doc_number="裕华支行〔2026〕4号", date=t(2, 10, 25))
    if signed_copy:
        header = signed(header, t(2, 10, 28), "v0012-1")
    return WrittenReport(header=header, incident=replace(inc, elements=elements), stage="initial")


def sample_response_plan(signed_copy: bool = True) -> ResponsePlan:
    header = _header(org_mark="华夏银行石家庄分行办公室", doc_number="冀华银办〔2026〕9号", recipient="分行领导",
                     issuing_unit="华夏银行石家庄分行办公室", date=t(2, 12, 50), signer_name="孙立新",
                     contact_person="陈静", contact_phone="0311-85236601", cc=("分行个人信贷部", "裕华路支行"),
                     printed_by_org="华夏银行石家庄分行办公室")
    if signed_copy:
        header = signed(header, t(2, 13, 20), "p0012-1")
    return ResponsePlan(
        header=header,
        incident=snapshot(general_incident(), t(2, 12, 50),
                          "截至3月2日12时30分，原帖浏览量约6,000次，跟帖41条，未被主流媒体转载；《燕赵都市报》记者已电话问询。"
                          "客户情绪已基本平复，同意待抵押登记变更办结后办理提前还款。"),
        principles="坚持“快速反应、强化沟通、严密监控、重在控制”的原则（4.2.2），以解决客户合理诉求为核心，"
                   "线下化解与线上回应同步推进，统一口径，不与网友争辩，防止次生舆情。",
        measures=[
            PlanMeasure("开辟绿色通道，核实抵押登记状态，尽快为客户办理提前还款", "分行个人信贷部、裕华路支行", "3月3日12时前"),
            PlanMeasure("支行行长当面向客户致歉，解释办理流程，取得客户谅解", "裕华路支行", "3月2日18时前"),
            PlanMeasure("按应答口径在论坛官方账号回复网友关切", "分行办公室", "3月2日14时前"),
            PlanMeasure("与《燕赵都市报》记者沟通，说明事实与处理进展", "分行办公室", "3月2日17时前"),
            PlanMeasure("每两小时监测一次舆情，发现转载或二次传播立即报告", "分行办公室、裕华路支行", "持续至3月9日"),
        ],
        reply_script="关于网友反映我行裕华路支行客户提前还款一事，我行高度重视，已第一时间与客户取得联系。"
                     "经核实，该笔贷款因抵押登记信息变更尚在办理中，暂未能当日受理提前还款申请。"
                     "我行已开辟绿色通道，将在登记办结后第一时间为客户办理，并就沟通解释不到位向客户致歉。"
                     "感谢广大网友的关注与监督，我行将持续改进服务。",
        approvals=[
            Approval("孙立新", "分行办公室主任", "同意", t(2, 13, 5), "口径已与个人信贷部核对"),
            Approval("何文博", "分行分管行领导", "同意", t(2, 13, 20), "抓紧落实客户安抚"),
        ],
        spokesperson=Person("孙立新", "分行办公室主任"),
    )


def sample_evaluation(signed_copy: bool = True) -> EvaluationReport:
    header = _header(doc_number="裕华支行〔2026〕7号", date=t(10, 10, 0), title="")
    if signed_copy:
        header = signed(header, t(10, 10, 30), "e0012-1")
    return EvaluationReport(
        header=header,
        incident=general_incident(),
        summary="事件发生后，支行按属地原则报告分行办公室和个人信贷部，分行办公室4小时内商定应对方案及应答口径，"
                "3月3日上午完成客户安抚，舆情于3月3日下午平息。",
        impact_assessment="原帖累计浏览约1.2万次，未被主流媒体转载，未引发监管问询；事件对我行声誉影响程度评估为“轻微”，"
                          "影响范围限于本地网络社区，持续时间约30小时。",
        handling_assessment="处置总体及时有效：7项时限中按时完成5项，迟报2项（向分行办公室报告晚7分钟，客户安抚晚1小时45分），"
                            "均已说明原因。应答口径发布及时，媒体沟通得当。",
        lessons=["一线员工对抵押登记变更等特殊情形的解释不到位，是引发客户不满的直接原因。",
                 "网点发生客户争执时，信息员未能在30分钟内完成报告，现场处置与信息报送的分工需进一步明确。",
                 "线上回应与线下安抚同步推进，是舆情快速平息的关键。"],
        improvements=["组织个人贷款条线开展提前还款业务流程及客户沟通话术培训。",
                      "明确网点“现场处置—信息报送”双岗分工，大堂经理处置、信息员报送同步启动。",
                      "将本事件纳入声誉风险案例库，在季度声誉风险培训中通报。"],
        positive_publicity="3月6日在我行官方微信公众号发布《提前还款“绿色通道”服务指南》，阅读量约8,600次；"
                           "客户张某在论坛发帖对我行后续服务表示认可。",
        accountability="对裕华路支行按总、分行有关规章制度追究责任并给予经济处罚；对大堂经理进行诫勉谈话。",
    )


def major_incident() -> ReportIncident:
    return ReportIncident(
        number="SJZ-2026-0015", title="新华路支行代销理财产品兑付延迟引发客户聚集事件",
        unit_name="华夏银行石家庄新华路支行", severity="major", occurred_at=t(10, 8, 40), learned_at=t(10, 9, 2),
        place="石家庄市新华区新华路支行营业网点门前", location="same_city", lead_department="分行办公室",
        business_line="代销理财", business_department="分行财富管理部", customer_dispute=True, source="客户投诉",
        elements={
            "cause": "我行代销的某信托公司“稳盈3号”集合资金信托计划原定3月9日到期兑付，因信托公司底层资产回款延迟，"
                     "未能按期兑付。涉及我行客户63户、金额约4,800万元。3月10日上午部分客户到网点要求我行先行兑付。",
            "situation": "截至3月10日10时20分，网点门前聚集客户约40人，情绪激动，有客户拉横幅并进行网络直播，"
                         "直播观看人数约2,000人。营业秩序基本正常，辖区派出所民警已到场维持秩序。",
            "measures_taken": "一是分行立即成立处置领导小组，行长任组长；二是分行财富管理部负责人带队到场，"
                              "向客户说明产品性质和信托公司兑付安排；三是与信托公司紧急沟通，要求其当日出具书面兑付方案；"
                              "四是加强网点安保，安排专人疏导，避免发生肢体冲突。",
            "forecast": "若信托公司当日不能给出明确兑付时间表，客户聚集可能持续并扩大，直播内容存在被媒体转载的风险。",
            "impact": "已在本地短视频平台形成一定传播，部分评论将兑付延迟归咎于我行，可能影响我行代销业务声誉。",
            "consequences": "可能引发媒体集中报道、更多客户到网点聚集或向监管部门集体投诉，甚至引发其他网点代销客户的挤兑式赎回。",
            "planned_measures": "督促信托公司于3月10日18时前公布兑付方案；分行领导约见客户代表；按总行指导统一对外口径，"
                                "必要时由新闻发言人召开媒体通气会；每小时报告一次舆情和现场情况。",
        },
        timeline=[
            TimelineRow(t(10, 8, 40), "约20名客户到网点要求兑付，情绪激动", "马丽"),
            TimelineRow(t(10, 9, 2), "电话报告分行办公室", "马丽"),
            TimelineRow(t(10, 9, 20), "电话报告分行财富管理部", "马丽"),
            TimelineRow(t(10, 9, 30), "分行认定为重大声誉风险事件，成立处置领导小组并召开首次会议", "陈静"),
            TimelineRow(t(10, 9, 45), "领导小组联系市委宣传部新闻处通报情况", "陈静"),
            TimelineRow(t(10, 9, 50), "指定新闻发言人", "陈静"),
            TimelineRow(t(10, 10, 5), "财富管理部查清兑付延迟原因和经过", "高峰", "分行财富管理部"),
            TimelineRow(t(10, 10, 15), "领导小组审议通过《重大突发事件报告》", "陈静"),
        ],
        deadlines=[
            DeadlineRow("4.3.1, 4.3.4(1)", "召集领导小组会议，明确分工", "处置领导小组", t(10, 8, 40), "met",
                        t(10, 9, 30), kind="immediate"),
            DeadlineRow("4.3.4(2)", "与省市宣传部门及主流媒体联系", "处置领导小组", t(10, 8, 40), "met", t(10, 9, 45),
                        kind="immediate"),
            DeadlineRow("3.2.1", "报告分行办公室", "事发单位", t(10, 9, 10), "met", t(10, 9, 2)),
            DeadlineRow("3.2.4", "同时报告主办业务部门", "事发单位", t(10, 9, 10), "late", t(10, 9, 20),
                        late_reason="事发时财富管理部负责人在外参加会议，电话未接通，支行先行报告分行办公室。"),
            DeadlineRow("3.2.3", "报告总行办公室", "分行办公室", t(10, 10, 40), "pending"),
            DeadlineRow("4.3.4(2)", "查清起因和经过，明确责任", "主办业务部门、事发单位", t(10, 10, 40), "met",
                        t(10, 10, 5)),
            DeadlineRow("4.3.4(3)", "制定应对方案，确定应答口径", "处置领导小组", t(10, 12, 40), "pending"),
            DeadlineRow("4.3.4(3)", "指定新闻发言人", "处置领导小组", t(10, 12, 40), "met", t(10, 9, 50)),
            DeadlineRow("4.3.4(4)", "官方渠道发布应答口径", "处置领导小组", t(10, 12, 40), "open", kind="window"),
            DeadlineRow("4.3.4(6)", "完成客户安抚", "主办业务部门、事发单位", t(10, 20, 40), "pending"),
            DeadlineRow("3.2.3", "经总行同意后报告辖内监管部门", "分行办公室", t(10, 20, 40), "pending"),
        ],
        deadlines_as_of=t(10, 10, 20),
    )


def sample_major_report(signed_copy: bool = True) -> MajorReport:
    header = DocumentHeader(
        org_mark="华夏银行石家庄分行文件", doc_number="冀华银发〔2026〕18号", recipient="总行办公室",
        issuing_unit="华夏银行石家庄分行", date=t(10, 10, 20), signer_name="王建华",
        contact_person="陈静", contact_phone="0311-85236601", cc=("河北监管局（经总行同意后报送）",),
        printed_by_org="华夏银行石家庄分行办公室",
    )
    if signed_copy:
        header = signed(header, t(10, 10, 25), "m0015-1")
    return MajorReport(
        header=header,
        incident=major_incident(),
        leadership_group=[
            Person("王建华", "分行行长", role="组长"),
            Person("何文博", "分行副行长（分管零售业务）", role="副组长"),
            Person("孙立新", "分行办公室主任", role="成员"),
            Person("高峰", "分行财富管理部总经理", role="成员"),
            Person("李娜", "分行风险管理部总经理", role="成员"),
            Person("杜宇", "新华路支行行长", role="成员"),
            Person("马丽", "新华路支行信息员（经办人员）", role="成员"),
        ],
        spokesperson=Person("孙立新", "分行办公室主任", "0311-85236600"),
        reply_script="我行代销的“稳盈3号”信托计划由信托公司发行和管理，因底层资产回款延迟未能按期兑付。"
                     "我行高度重视投资者权益，已成立专门工作组，督促信托公司尽快公布兑付方案，并将全程协助投资者依法维权。\n"
                     "请广大投资者通过正常渠道反映诉求，我行将及时通报进展。",
        approvals=[Approval("王建华", "处置领导小组组长、分行行长", "同意", t(10, 10, 15), "即报总行办公室"),
                   Approval("何文博", "处置领导小组副组长", "同意", t(10, 10, 12))],
    )


def sample_incidents_for_register(count: int) -> list[ReportIncident]:
    """`count` deterministic incidents over eight units, with a mix of met, late and missed deadlines."""
    units = ["裕华路支行", "新华路支行", "中山路支行", "建华大街支行", "分行个人信贷部", "保定分行综合管理部",
             "邢台分行营业部", "邯郸分行丛台支行"]
    kinds = ["客户投诉引发网络舆情", "理财产品兑付咨询集中", "员工服务态度被投诉", "自助设备吞卡引发客户不满",
             "信用卡催收方式被投诉", "媒体问询贷款利率问题"]
    out = []
    for i in range(count):
        start = t(1, 8, 0, month=1) + timedelta(hours=37 * i + (i * 7) % 11)
        late = i % 4 == 1
        missed = i % 9 == 4
        rows = [
            DeadlineRow("3.2.1", "报告分行办公室", "事发单位", start + timedelta(minutes=30),
                        "late" if late else "met", start + timedelta(minutes=42 if late else 20),
                        late_reason="网点现场处置客户情绪，报告延误" if late else ""),
            DeadlineRow("3.3.1, 3.3.3", "书面报告牵头部门", "事发单位", start + timedelta(minutes=20), "met",
                        start + timedelta(minutes=70), kind="immediate"),
            DeadlineRow("4.2.2.1(3)", "商定应对方案并获审批", "分行办公室、主办业务部门", start + timedelta(hours=4),
                        "overdue" if missed else "met", None if missed else start + timedelta(hours=3),
                        late_reason="分管行领导出差，审批未及时完成" if missed else ""),
        ]
        out.append(ReportIncident(
            number=f"SJZ-2026-{i + 1:04d}", title=f"{units[i % len(units)]}{kinds[i % len(kinds)]}事件",
            unit_name=units[i % len(units)], severity="major" if i % 17 == 16 else "general",
            occurred_at=start, learned_at=start + timedelta(minutes=15), place="营业网点",
            status="已办结" if i < count - 3 else "处置中", deadlines=rows))
    return out


def sample_register(count: int = 50) -> Register:
    return Register(title="声誉风险事件台账", period_start=t(1, 0, 0, month=1), period_end=t(31, 23, 59),
                    compiled_by="华夏银行石家庄分行办公室", compiled_at=t(1, 9, 0, month=4),
                    incidents=sample_incidents_for_register(count),
                    note="本台账由 RepDesk 根据事件记录和时限规则自动生成，时限状态截至编制时间。")
