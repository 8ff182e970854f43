"""Plain input records for the documents: filled by the database glue, read by the layout code.

Every time is an aware datetime (printed in China Standard Time); every text is plain text (no markup).
Status strings are the deadline engine's own (docs/deadline-catalogue.md), so the glue copies them across
unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from desktop.domain import Stage

# 3.3.2: the elements every written report must carry, in the rules' order; the last two for major ones.
ELEMENTS: tuple[tuple[str, str], ...] = (
    ("cause", "起因"),
    ("time", "时间"),
    ("place", "地点"),
    ("situation", "当前情况"),
    ("measures_taken", "已采取的措施"),
    ("forecast", "事态发展预测"),
    ("impact", "造成的影响"),
)
MAJOR_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("consequences", "可能引发的后果"),
    ("planned_measures", "拟采取的措施"),
)

SEVERITY_ZH = {"general": "一般", "major": "重大"}
LOCATION_ZH = {"same_city": "同城机构", "remote": "异地机构"}  # 2.2: the branch's own city, by role

# The deadline engine's statuses as printed.
STATUS_ZH = {
    "met": "按时",
    "late": "迟报",
    "overdue": "超时未办",
    "pending": "待办",
    "immediate": "立即办理",  # an open 立即 duty: no limit, so never overdue (printed by deadline_board's reading)
    "waiting": "未起算",
    "open": "可办",
    "lapsed": "未办（窗口已过）",
    "superseded": "不再适用（已升级）",
}


@dataclass(frozen=True)
class DocumentHeader:
    """The GB/T 9704 frame of an upward document: 版头, 主送, 署名, 附注, 版记 and the signature state.

    A document is signed when `signed_at` is set; it then needs `signer_name` and `verification_code`.
    Unsigned documents print as drafts (草稿 watermark). An empty `title` gets the document's default; `urgency`,
    份号, 密级 and 附件 print only when the drafter set them.
    """

    org_mark: str  # 发文机关标志, e.g. 华夏银行石家庄分行文件
    doc_number: str  # 发文字号, e.g. 冀华银办〔2026〕12号
    recipient: str  # 主送机关, without the colon
    issuing_unit: str  # 发文机关署名
    date: datetime  # 成文日期
    title: str = ""
    urgency: str = ""  # 紧急程度 特急 / 加急, only when the drafter chose one
    copy_number: str = ""  # 份号 (GB/T 9704 7.2.1), printed as six digits
    classification: str = ""  # 密级 绝密 / 机密 / 秘密 (7.2.2)
    secrecy_period: str = ""  # 保密期限, printed after the 密级 with ★
    attachments: tuple[str, ...] = ()  # 附件说明 (7.3.4): the attachments' names, in order
    signer_name: str = ""  # 签发人
    signed_at: datetime | None = None
    verification_code: str | None = None
    pdf_keywords: str = ""  # the PDF Keywords entry carrying the code (made by the verification service)
    contact_person: str = ""
    contact_phone: str = ""
    cc: tuple[str, ...] = ()  # 抄送
    printed_by_org: str = ""  # 印发机关
    printed_on: datetime | None = None  # 印发日期; defaults to `date`
    # Unsigned, frozen and printed for the signer's wet-ink signature (3.3.3): marked 待签字, not 草稿.
    for_signature: bool = False
    # Double-sided printing: the 版记 lands on an even page (the back of a sheet), a blank page before it if need be.
    duplex: bool = True

    @property
    def signed(self) -> bool:
        return self.signed_at is not None


@dataclass(frozen=True)
class TimelineRow:
    at: datetime
    event: str  # what happened, in Chinese
    recorded_by: str
    note: str = ""


@dataclass(frozen=True)
class DeadlineRow:
    """One rule of the deadline engine for one incident, as of `ReportIncident.deadlines_as_of`."""

    article: str  # the catalogue's article column, e.g. "3.2.1" or "4.2.2.1(2)"
    duty: str  # what must be done, e.g. 向分行办公室报告
    responsible: str  # the catalogue's responsible string
    due_at: datetime | None
    status: str  # engine status: met / late / overdue / pending / waiting / open / lapsed / superseded,
    # or immediate (an open 立即 duty)
    done_at: datetime | None = None
    late_reason: str = ""  # 迟报说明, stored with a late or overdue rule
    rule_id: str = ""
    kind: str = "deadline"  # deadline / immediate / window

    @property
    def status_zh(self) -> str:
        return STATUS_ZH.get(self.status, self.status)


@dataclass(frozen=True)
class MediaContact:  # 4.2.2.x(1)
    at: datetime
    journalist: str
    outlet: str
    phone: str
    question: str


@dataclass(frozen=True)
class MonitoringEntry:  # 4.2.2.x(5), 4.3.4(5)
    at: datetime
    source: str
    title: str
    reach: str = ""
    tone: str = ""


@dataclass(frozen=True)
class Appeasement:  # 4.2.2.x(4), 4.3.4(6)
    customer: str
    agreed: str
    result: str = ""
    at: datetime | None = None


@dataclass(frozen=True)
class AccountabilityRow:  # 6.1
    unit: str
    measure: str  # the measure as printed, naming 6.1.1 or 6.1.2
    person: str = ""
    text: str = ""
    quarter: str = ""


@dataclass(frozen=True)
class Person:
    name: str
    position: str = ""  # 单位及职务
    phone: str = ""
    role: str = ""  # 组长 / 副组长 / 成员 (leadership group, 4.3.1)


@dataclass(frozen=True)
class Approval:
    approver: str
    role: str  # e.g. 分行分管行领导, 分行办公室
    decision: str  # 同意 / 修改后同意 / 不同意 / 待审批
    at: datetime | None = None
    comment: str = ""


@dataclass(frozen=True)
class ReportIncident:
    """One incident with what every document needs; the register uses the facts and `deadlines` only."""

    number: str
    title: str  # e.g. 裕华路支行客户投诉引发网络舆情事件
    unit_name: str  # 事发单位
    severity: str  # general / major (4.1)
    occurred_at: datetime
    learned_at: datetime
    place: str
    location: str = "same_city"  # same_city / remote
    lead_department: str = ""
    business_line: str = ""  # the business line involved, "" when none (3.2.4)
    business_department: str = ""
    customer_dispute: bool = False
    source: str = ""  # 客户投诉 / 媒体问询 / 网络发帖 / 监管转办 / 其他
    status: str = ""  # 处置状态 for the register, e.g. 处置中 / 已平息 / 已办结
    elements: dict[str, str] = field(default_factory=dict)  # keys of ELEMENTS / MAJOR_ELEMENTS
    timeline: list[TimelineRow] = field(default_factory=list)
    deadlines: list[DeadlineRow] = field(default_factory=list)
    deadlines_as_of: datetime | None = None
    media_contacts: list[MediaContact] = field(default_factory=list)
    monitoring: list[MonitoringEntry] = field(default_factory=list)
    appeasements: list[Appeasement] = field(default_factory=list)
    major_criteria: list[str] = field(default_factory=list)  # 4.1: why it is 重大, as printed

    @property
    def major(self) -> bool:
        return self.severity == "major"

    @property
    def severity_zh(self) -> str:
        return SEVERITY_ZH.get(self.severity, self.severity)

    @property
    def location_zh(self) -> str:
        return LOCATION_ZH.get(self.location, self.location)

    def required_elements(self) -> tuple[tuple[str, str], ...]:
        return ELEMENTS + MAJOR_ELEMENTS if self.major else ELEMENTS


@dataclass(frozen=True)
class WrittenReport:
    """声誉风险事件报告 (3.3), signed by the reporting unit's head (3.3.3)."""

    header: DocumentHeader
    incident: ReportIncident
    stage: Stage = Stage.FIRST  # 首报 / 续报 / 终报
    body: str = ""  # the drafter's own paragraphs, printed after the generated sections
    closing: str = "特此报告。"


@dataclass(frozen=True)
class MajorReport:
    """《重大突发事件报告》 from the branch to the head office (3.2.3, 4.3.4(2)), signed by the branch president."""

    header: DocumentHeader
    incident: ReportIncident
    leadership_group: list[Person]  # 4.3.1-4.3.2, role 组长 / 副组长 / 成员
    spokesperson: Person  # 4.3.4(3)
    reply_script: str  # 应答口径; paragraphs separated by blank lines
    approvals: list[Approval] = field(default_factory=list)  # the leadership group's approval
    responsibility: str = ""  # 4.3.4(2): 明确事故责任
    body: str = ""  # the drafter's own paragraphs, printed after the generated sections
    closing: str = "特此报告。"


@dataclass(frozen=True)
class PlanMeasure:
    task: str
    owner: str
    due: str = ""  # free text (e.g. 3月2日13时前), the plan's own wording


@dataclass(frozen=True)
class ResponsePlan:
    """应对方案 with the 应答口径 (4.2.2.x(3), 4.3.4(3)) and its approvals."""

    header: DocumentHeader
    incident: ReportIncident
    principles: str
    measures: list[PlanMeasure]
    reply_script: str
    approvals: list[Approval]
    spokesperson: Person | None = None
    body: str = ""  # the drafter's own paragraphs, printed after the generated sections
    closing: str = "妥否，请批示。"


@dataclass(frozen=True)
class EvaluationReport:
    """评估总结报告 (5.1-5.3) with the accountability decision (6.1)."""

    header: DocumentHeader
    incident: ReportIncident
    summary: str  # 事件概况和处置经过
    impact_assessment: str
    handling_assessment: str
    lessons: list[str]
    improvements: list[str]
    positive_publicity: str  # 5.1
    accountability: str  # 6.1, the decision taken
    accountability_items: list[AccountabilityRow] = field(default_factory=list)  # 6.1, one row per measure
    body: str = ""  # the drafter's own paragraphs, printed after the generated sections
    closing: str = "特此报告。"


@dataclass(frozen=True)
class Register:
    """台账: the incidents of a period with deadline compliance per unit."""

    title: str
    period_start: datetime
    period_end: datetime
    compiled_by: str
    compiled_at: datetime
    incidents: list[ReportIncident]
    note: str = ""


class OnTimeRate:
    """The on-time rate of counted duties: `due` = met + late + missed (the duties whose outcome is settled)."""

    met: int
    late: int
    missed: int

    @property
    def due(self) -> int:
        return self.met + self.late + self.missed

    @property
    def rate(self) -> float | None:
        return self.met / self.due if self.due else None

    @property
    def rate_text(self) -> str:
        return "—" if self.rate is None else f"{self.rate * 100:.1f}%"


@dataclass(frozen=True)
class DeadlineSummary(OnTimeRate):
    """Counts over deadline rules: `due` = met + late + missed (the rules whose outcome is settled)."""

    met: int = 0
    late: int = 0
    missed: int = 0  # overdue: the limit passed, nothing done
    pending: int = 0  # pending, open windows and clocks not started
    incidents: int = 0


    def __add__(self, other: DeadlineSummary) -> DeadlineSummary:
        return DeadlineSummary(self.met + other.met, self.late + other.late, self.missed + other.missed,
                               self.pending + other.pending, self.incidents + other.incidents)


def summarize(deadlines: list[DeadlineRow], incidents: int = 0) -> DeadlineSummary:
    """Lapsed windows (an optional action not taken) and superseded rules count nowhere: no breach."""
    count = {s: 0 for s in STATUS_ZH}
    for row in deadlines:
        count[row.status] = count.get(row.status, 0) + 1
    return DeadlineSummary(met=count["met"], late=count["late"], missed=count["overdue"],
                           pending=count["pending"] + count["immediate"] + count["open"] + count["waiting"],
                           incidents=incidents)
