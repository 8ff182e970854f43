"""Domain vocabulary: the enumerations with their Chinese labels, and the plain records the UI receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

# --- organisation (2.2, 2.3) ---

UNIT_KINDS: dict[str, str] = {
    "branch": "分行",
    "branch_office": "分行办公室",
    "department": "职能部门",
    "outlet": "营业网点",
    "secondary_branch": "二级分行",
    "comprehensive_dept": "综合管理部",
}

SEVERITIES: dict[str, str] = {"general": "一般", "major": "重大"}
# 4.1: what makes an incident 重大; the ones that apply are ticked when it is declared major and printed in
# the major report as the reasons.
MAJOR_CRITERIA: dict[str, str] = {
    "heavy_loss": "造成本行重大损失",
    "market_swing": "市场大幅波动",
    "systemic_risk": "引发系统性风险",
    "social_order": "影响社会经济秩序稳定",
}
# 6.1: the measures an accountability item records.
ACCOUNTABILITY_MEASURES: dict[str, str] = {
    "penalty": "追究责任并给予经济处罚（6.1.1）",
    "score_zero": "当季考核记为零分、取消年度考核评优资格（6.1.2）",
}

SOURCES: dict[str, str] = {
    "complaint": "客户投诉",
    "media": "媒体采访",
    "online": "网络舆情",
    "regulator": "监管部门",
    "other": "其他",
}

LOCATIONS: dict[str, str] = {"same_city": "同城机构", "remote": "异地机构"}  # 2.2, by role: no city named
# 4.2.2.x(5), 4.3.4(5): where a monitored post appeared and its tone (the monitoring register, desktop.registers;
# here because the documents' snapshot prints them too).
MONITORING_PLATFORMS: dict[str, str] = {
    "weibo": "微博", "wechat": "微信", "douyin": "抖音", "news": "新闻网站", "forum": "论坛/贴吧",
    "video": "视频平台", "other": "其他",
}
MONITORING_TONES: dict[str, str] = {"negative": "负面", "neutral": "中性", "positive": "正面"}



class IncidentStatus(StrEnum):
    """Whether an incident is still being handled; the values are the stored ones."""

    OPEN = "open"
    CLOSED = "closed"


STATUSES: dict[str, str] = {IncidentStatus.OPEN: "处置中", IncidentStatus.CLOSED: "已结束"}

# --- documents and their approval (3.3, 4.2.2.x(3), 4.3.4, 5.2, 5.3) ---


class Stage(StrEnum):
    """A written report's stage (3.3.1); documents of other kinds have none (stored as "")."""

    FIRST = "first"
    FOLLOW_UP = "follow_up"
    FINAL = "final"


STAGES: dict[str, str] = {Stage.FIRST: "首报", Stage.FOLLOW_UP: "续报", Stage.FINAL: "终报"}


class DocumentState(StrEnum):
    """Where a document version stands; every state but `draft` is frozen."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"
    SIGNED = "signed"
    SENT = "sent"
    SUPERSEDED = "superseded"


class Decision(StrEnum):
    """What one person decided on one step of a version."""

    APPROVED = "approved"
    RETURNED = "returned"
    SIGNED = "signed"
    SENT = "sent"


class ApprovalStep(StrEnum):
    """The steps a document version goes through (`desktop.services.doc_steps` says who takes which)."""

    UNIT_HEAD_SIGN = "unit_head_sign"  # 3.3.3
    BRANCH_LEADER = "branch_leader"  # 4.2.2.1(3)
    LOCAL_LEADER = "local_leader"  # 4.2.2.2(3)
    BRANCH_OFFICE = "branch_office"  # 4.2.2.2(3)
    LEADERSHIP_GROUP = "leadership_group"  # 4.3.4(2), 4.3.4(3)
    PRESIDENT_SIGN = "president_sign"  # 3.3.3
    LEAD_DEPARTMENT = "lead_department"  # 5.2, 5.3
    SEND = "send"  # a signed report goes out (3.3.1, 3.2.3)

# 3.3.2: every element is required before a written report can be signed; the last two for major incidents.
ELEMENTS: dict[str, str] = {
    "el_cause": "起因",
    "el_time": "时间",
    "el_place": "地点",
    "el_situation": "当前情况",
    "el_measures_taken": "已采取的措施",
    "el_forecast": "事态发展预测",
    "el_impact": "造成的影响",
}
MAJOR_ELEMENTS: dict[str, str] = {
    "el_consequences": "可能引发的后果",
    "el_planned_measures": "拟采取的措施",
}

ROLES: dict[str, str] = {
    "info_officer": "信息员",
    "lead_officer": "牵头部门经办",
    "unit_head": "单位主要负责人",
    "leader": "分行领导/属地负责人",
    "president": "分行行长",
    "spokesperson": "新闻发言人",
    "admin": "管理员",
}

LEADERSHIP_POSITIONS: dict[str, str] = {"leader": "组长", "deputy": "副组长", "member": "成员"}


@dataclass(frozen=True)
class UnitInfo:
    id: int
    parent_id: int | None
    kind: str
    name: str
    short_name: str
    code: str
    location: str  # same_city / remote
    lead_unit_id: int | None
    lead_unit_name: str
    secondary_branch_id: int | None
    active: bool = True

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class Actor:
    """Who is doing something: a logged-in account, or the system for the command line and the demo."""

    user_id: int | None
    name: str
    unit_id: int | None
    roles: frozenset[str] = frozenset()

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


SYSTEM = Actor(user_id=None, name="系统", unit_id=None, roles=frozenset(ROLES))


# Slots (no __dict__ each): the window keeps every open incident's record and events for the whole session, and a
# large branch has 10,000 open incidents with 40,000 events (about 16 MB of dictionaries otherwise).
@dataclass(frozen=True, slots=True)
class EventRecord:
    id: int
    type: str
    at: datetime
    recorded_at: datetime
    recorded_by: str
    note: str
    late_reason: str
    data: dict[str, str] = field(default_factory=dict)
    recorded_by_id: int | None = None
    # Withdrawn or corrected (a new event replaced it): still on the timeline and in the record, never in the
    # deadlines.
    withdrawn_at: datetime | None = None
    withdrawn_by: str = ""
    withdraw_reason: str = ""
    superseded_by_id: int | None = None  # the correction that replaced this event
    corrects_id: int | None = None  # the event this one corrects

    @property
    def withdrawn(self) -> bool:
        """Taken back, by a withdrawal or a correction."""
        return self.withdrawn_at is not None

    @property
    def corrected(self) -> bool:
        return self.superseded_by_id is not None


@dataclass(frozen=True, slots=True)
class IncidentRecord:
    """An incident as the UI and reports see it: every fact, the derived ones, the timeline."""

    id: int
    number: str
    title: str
    unit_id: int
    unit_name: str
    location: str
    lead_unit_id: int | None
    lead_unit_name: str
    occurred_at: datetime
    learned_at: datetime
    place: str
    initial_severity: str
    severity: str
    business_line: bool
    business_line_name: str
    business_dept_id: int | None
    business_dept_name: str
    customer_dispute: bool
    source: str
    elements: dict[str, str]
    spokesperson_name: str
    reply_script: str
    positive_publicity: str
    evaluation: str
    lessons: str
    accountability: str
    status: IncidentStatus
    closed_at: datetime | None
    rule_set_id: str
    rule_set_version: int
    row_version: int
    created_at: datetime
    updated_at: datetime
    events: tuple[EventRecord, ...] = ()
    major_criteria: tuple[str, ...] = ()  # keys of MAJOR_CRITERIA (4.1)

    @property
    def is_major(self) -> bool:
        return self.severity == "major"

    def missing_elements(self) -> list[str]:
        """3.3.2: the Chinese names of the required elements still empty."""
        required = dict(ELEMENTS)
        if self.is_major:
            required.update(MAJOR_ELEMENTS)
        return [label for key, label in required.items() if not self.elements.get(key, "").strip()]
