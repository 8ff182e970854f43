"""Who drafts, approves, signs and sends each document: the steps of 3.3.3, 4.2.2.x(3), 4.3.4, 5.2, 5.3.

Pure decisions over plain values; `documents.py` and `approvals.py` load the facts and call these.
Each check returns None when allowed, or the Chinese reason for refusing.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import User, UserRole
from desktop.domain import Actor, ApprovalStep, DocumentState, Stage, UnitInfo
from desktop.errors import PermissionDenied
from desktop.services import accounts, org

KINDS: dict[str, str] = {
    "written_report": "声誉风险事件报告",
    "response_plan": "应对方案（含应答口径）",
    "major_report": "《重大突发事件报告》",
    "evaluation": "评估总结报告",
}

BRANCH_LEVEL = ("branch", "branch_office")
LEADERS = ("leader", "president")


@dataclass(frozen=True)
class Step:
    """One decision a document version needs. `after`: the steps that must be done first."""

    key: ApprovalStep
    label: str
    action: str  # approve / sign / send
    article: str
    after: tuple[ApprovalStep, ...] = ()


UNIT_HEAD_SIGN = Step(ApprovalStep.UNIT_HEAD_SIGN, "事发单位主要负责人签发", "sign", "3.3.3")
BRANCH_LEADER = Step(ApprovalStep.BRANCH_LEADER, "分行领导或同城最高级别负责人审批", "approve", "4.2.2.1(3)")
LOCAL_LEADER = Step(ApprovalStep.LOCAL_LEADER, "属地分行领导或最高级别负责人审批", "approve", "4.2.2.2(3)")
# 4.2.2.2(3) names the office by role; the set-up unit's own name is shown where a session is at hand.
BRANCH_OFFICE = Step(ApprovalStep.BRANCH_OFFICE, "分行办公室审批", "approve", "4.2.2.2(3)")
GROUP_PLAN = Step(ApprovalStep.LEADERSHIP_GROUP, "处置领导小组审定", "approve", "4.3.4(3)")
GROUP_REPORT = Step(ApprovalStep.LEADERSHIP_GROUP, "处置领导小组审定", "approve", "4.3.4(2)")
PRESIDENT_SIGN = Step(
    ApprovalStep.PRESIDENT_SIGN, "分行行长签发", "sign", "3.3.3", after=(ApprovalStep.LEADERSHIP_GROUP,)
)
LEAD_DEPARTMENT = Step(ApprovalStep.LEAD_DEPARTMENT, "牵头部门审核", "approve", "5.2、5.3")

STEP_LABELS: dict[str, str] = {
    s.key: s.label
    for s in (
        UNIT_HEAD_SIGN,
        BRANCH_LEADER,
        LOCAL_LEADER,
        BRANCH_OFFICE,
        GROUP_REPORT,
        PRESIDENT_SIGN,
        LEAD_DEPARTMENT,
    )
}


def required_steps(kind: str, severity: str, location: str) -> tuple[Step, ...]:
    """The steps a version of this kind needs, for an incident as it stands now."""
    if kind == "written_report":
        return (UNIT_HEAD_SIGN,)  # 3.3.3: the unit's head signs what the unit sends up
    if kind == "response_plan":
        if severity == "major":
            return (GROUP_PLAN,)  # 4.3.4(3): the leadership group makes the plan
        if location == "remote":
            return (LOCAL_LEADER, BRANCH_OFFICE)  # 4.2.2.2(3): both, in any order
        return (BRANCH_LEADER,)  # 4.2.2.1(3)
    if kind == "major_report":
        return (GROUP_REPORT, PRESIDENT_SIGN)  # 4.3.4(2) approval, then 3.3.3 the president signs
    if kind == "evaluation":
        return (LEAD_DEPARTMENT,)
    raise ValueError(kind)


# --- who the actor is, checked against the database --------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where an actor or an incident sits in the organisation."""

    unit: UnitInfo

    @property
    def kind(self) -> str:
        return self.unit.kind

    @property
    def branch_level(self) -> bool:
        return self.unit.kind in BRANCH_LEVEL

    @property
    def same_city(self) -> bool:
        return self.unit.location == "same_city"


def current_actor(session: Session, actor: Actor) -> Actor:
    """The actor with the roles and unit the database holds now (accounts.current_actor, which the organisation
    and account services below this module use too)."""
    return accounts.current_actor(session, actor)


def person_required(actor: Actor, what: str) -> None:
    """Approving and signing is done by a person's own account, never by the system."""
    if actor.user_id is None:
        raise PermissionDenied(f"{what}须由本人账户登录后办理")


def place_of(session: Session, actor: Actor) -> Place | None:
    if actor.unit_id is None:
        return None
    return Place(org.unit_info(session, actor.unit_id))


# --- the checks ---------------------------------------------------------------------------------------------


def branch_office_id(session: Session) -> int | None:
    return next(
        (u.id for u in org.list_units(session, include_inactive=True) if u.kind == "branch_office"), None
    )


def office_name(session: Session) -> str:
    """The branch office as set up (its name is the organisation's, never the program's); the role word before
    set-up."""
    unit = branch_office_id(session)
    return org.unit_info(session, unit).name if unit is not None else "分行办公室"


def lead_units(session: Session, incident_unit: UnitInfo) -> set[int]:
    """The incident's lead department and the branch office, which leads or oversees all (2.2, 2.3)."""
    units = {u for u in (incident_unit.lead_unit_id, branch_office_id(session)) if u is not None}
    return units


# The accounts that draft and send a unit's written report (3.3.1) and sign it (3.3.3).
UNIT_REPORTERS = ("info_officer", "unit_head")


def has_account(session: Session, unit_id: int, roles: tuple[str, ...]) -> bool:
    """Whether the unit has an active account holding one of these roles (checked in the database now)."""
    found = session.execute(
        select(User.id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(User.unit_id == unit_id, User.active.is_(True), UserRole.role.in_(roles))
        .limit(1)
    ).first()
    return found is not None


def acts_for_unit(session: Session, actor: Actor, unit: UnitInfo) -> bool:
    """Nothing dead-ends: a unit with no reporting account (3.3.1 asks it to report "by the fastest means")
    phones its lead department, whose lead officers then record the incident, draft and send its written
    report for it (2.2, 2.3: the lead department organises the handling and keeps the record)."""
    return (
        actor.has("lead_officer")
        and actor.unit_id is not None
        and actor.unit_id == unit.lead_unit_id
        and not has_account(session, unit.id, UNIT_REPORTERS)
    )


def may_draft(session: Session, actor: Actor, kind: str, incident_unit: UnitInfo) -> str | None:
    if actor.user_id is None:
        return None
    if kind == "written_report":
        if actor.has(*UNIT_REPORTERS) and actor.unit_id == incident_unit.id:
            return None
        if acts_for_unit(session, actor, incident_unit):
            return None
        return f"书面报告由事发单位（{incident_unit.name}）的信息员或主要负责人填写（3.3.1）"
    if kind == "major_report":
        if actor.has("lead_officer") and actor.unit_id == branch_office_id(session):
            return None
        return f"《重大突发事件报告》由{office_name(session)}起草（3.2.3）"
    if actor.has("lead_officer") and actor.unit_id in lead_units(session, incident_unit):
        return None
    if kind == "evaluation" and incident_unit.location == "same_city" and actor.has(*UNIT_REPORTERS) \
            and actor.unit_id == incident_unit.id:
        return None  # 5.2: the responsible unit writes its own summary for the branch office
    return (
        f"{KINDS[kind]}由牵头部门（{incident_unit.lead_unit_name or '分行办公室'}或分行办公室）的经办人员起草"
    )


def may_decide(
    session: Session, actor: Actor, step: Step, incident_unit: UnitInfo, doc_unit: UnitInfo
) -> str | None:
    """None if this actor may take this step for a document of this incident, else why not."""
    where = place_of(session, actor)
    if step.key == ApprovalStep.UNIT_HEAD_SIGN:
        if actor.has("unit_head") and actor.unit_id == doc_unit.id:
            return None
        return f"只有{doc_unit.name}的主要负责人可以签发本单位的书面报告（3.3.3）"
    if step.key == ApprovalStep.BRANCH_LEADER:
        if actor.has(*LEADERS) and where is not None and where.same_city:
            return None
        return "同城事件的应对方案须由分行领导或同城最高级别负责人审批（4.2.2.1(3)）"
    if step.key == ApprovalStep.LOCAL_LEADER:
        if (
            actor.has("leader")
            and where is not None
            and incident_unit.secondary_branch_id is not None
            and where.unit.secondary_branch_id == incident_unit.secondary_branch_id
        ):
            return None
        return "异地事件的应对方案须由所在分行领导或属地最高级别负责人审批（4.2.2.2(3)）"
    if step.key == ApprovalStep.BRANCH_OFFICE:
        if where is not None and (
            (actor.has("lead_officer") and where.kind == "branch_office")
            or (actor.has(*LEADERS) and where.branch_level)
        ):
            return None
        return f"异地事件的应对方案还须经{office_name(session)}审批（4.2.2.2(3)）"
    if step.key == ApprovalStep.LEADERSHIP_GROUP:
        if actor.has(*LEADERS) and where is not None and where.branch_level:
            return None
        return f"须由处置领导小组（分行行长、分行领导）审定（{step.article}）"
    if step.key == ApprovalStep.PRESIDENT_SIGN:
        if actor.has("president") and where is not None and where.branch_level:
            return None
        return "《重大突发事件报告》须由分行行长签发（3.3.3）"
    if step.key == ApprovalStep.LEAD_DEPARTMENT:
        if where is None:
            return "评估总结须经牵头部门审核（5.2、5.3）"
        if actor.has("lead_officer") and where.unit.id in lead_units(session, incident_unit):
            return None
        if actor.has(*LEADERS) and (
            where.branch_level
            or (
                incident_unit.secondary_branch_id is not None
                and where.unit.secondary_branch_id == incident_unit.secondary_branch_id
            )
        ):
            return None
        return "评估总结须由牵头部门或分行领导审核（5.2、5.3）"
    raise ValueError(step.key)


def may_record_paper_signature(session: Session, actor: Actor, doc_unit: UnitInfo) -> str | None:
    """None if this actor may record the unit head's wet-ink signature on the unit's written report, else why
    not.

    3.3.3 asks for the unit head's signature, not for an account: a unit with no unit-head account signs the
    printed version by hand, and its lead department's lead officer (who drafted it for the unit, 2.2, 2.3)
    records who signed and when, with a scan. Only then: a unit head who has an account signs with it, so the
    electronic signature cannot be bypassed by typing someone's name."""
    if not (actor.has("lead_officer") and actor.unit_id is not None and actor.unit_id == doc_unit.lead_unit_id):
        lead = doc_unit.lead_unit_name or "牵头部门"
        return f"纸质签字由{doc_unit.name}的牵头部门（{lead}）经办人员录入（3.3.3）"
    if has_account(session, doc_unit.id, ("unit_head",)):
        return f"{doc_unit.name}的主要负责人已有账户，须由其本人登录签发，不能录入纸质签字（3.3.3）"
    return None


def may_send(session: Session, actor: Actor, kind: str, doc_unit: UnitInfo) -> str | None:
    """Who records that a signed report went out: the reporting unit, or the branch office (head office)."""
    if kind == "written_report":
        if actor.has(*UNIT_REPORTERS) and actor.unit_id == doc_unit.id:
            return None
        if acts_for_unit(session, actor, doc_unit):
            return None
        return f"书面报告由{doc_unit.name}报送"
    if kind == "major_report":
        return may_act_for_branch(session, actor, "报送《重大突发事件报告》")
    return "该类文件无需报送"


def may_act_for_branch(session: Session, actor: Actor, what: str) -> str | None:
    """3.2.3: the branch office (or a branch leader) deals with the head office and the regulator."""
    where = place_of(session, actor)
    if where is not None and (
        (actor.has("lead_officer") and where.kind == "branch_office")
        or (actor.has(*LEADERS) and where.branch_level)
    ):
        return None
    return f"只有{office_name(session)}或分行领导可以{what}（3.2.3）"


# The kinds whose work is done only once the document is sent (3.3.1, 4.2.2.x(3)): the written report goes to the
# lead department, the major report to the head office. A response plan is done once approved (4.3.4(3)), an
# evaluation once signed. Must agree with `approvals.SERVES` (minus the plan); a test checks it.
FINISHED_WHEN_SENT = frozenset({"written_report", "major_report"})


class StepFacts(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def done_by(self) -> str: ...


class VersionFacts(Protocol):
    """What `next_document` reads of a document version (documents.DocumentVersionView fits)."""

    @property
    def version_id(self) -> int: ...
    @property
    def state(self) -> DocumentState: ...
    @property
    def stage(self) -> Stage | None: ...
    @property
    def kind_label(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def state_label(self) -> str: ...
    @property
    def steps(self) -> Sequence[StepFacts]: ...


V = TypeVar("V", bound=VersionFacts)


@dataclass(frozen=True)
class NextDocument(Generic[V]):
    """What bringing a kind of document forward means for a user now."""

    what: str  # decide / edit / paper (record a wet-ink signature) / create / wait / refused
    version: V | None = None
    stage: Stage | None = None  # of the written report to create
    reason: str = ""


def next_document(
    kind: str,
    versions: Sequence[V],
    *,
    queued: Container[int],
    paper: Container[int],
    draft_refusal: str | None,
) -> NextDocument[V]:
    """The one document of this kind still on its way, or a new one (3.3.3, 4.2.2.x(3), 4.3.4).

    `versions`: the incident's documents of this kind, oldest first; `queued`: version ids waiting for this
    user's decision; `paper`: version ids this user may record a wet-ink signature on; `draft_refusal`: None if
    this user may draft this kind, else why not.
    """
    finished = (
        (DocumentState.SENT,)
        if kind in FINISHED_WHEN_SENT
        else (DocumentState.SENT, DocumentState.APPROVED, DocumentState.SIGNED)
    )
    open_docs = [d for d in versions if d.state not in finished]
    if open_docs:
        doc = open_docs[-1]
        if doc.version_id in queued:
            return NextDocument("decide", doc)
        if doc.version_id in paper:
            return NextDocument("paper", doc)
        if doc.state in (DocumentState.DRAFT, DocumentState.RETURNED) and draft_refusal is None:
            return NextDocument("edit", doc)
        waiting = "、".join(s.label for s in doc.steps if not s.done_by) or "报送"
        return NextDocument("wait", doc, reason=f"{doc.kind_label}第{doc.number}版{doc.state_label}，等待：{waiting}")
    if draft_refusal:
        return NextDocument("refused", reason=draft_refusal)
    stage = None
    if kind == "written_report":
        # 3.3.1: the first written report, then follow-ups.
        stage = Stage.FOLLOW_UP if any(d.stage == Stage.FIRST for d in versions) else Stage.FIRST
    elif versions:
        # Other kinds are made once per incident: a finished one is not started again. (The state labels of
        # finished versions already read "已…"; the old text doubled it.)
        return NextDocument("wait", versions[-1], reason=f"{KINDS[kind]}{versions[-1].state_label}")
    return NextDocument("create", stage=stage)
