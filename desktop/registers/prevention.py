"""Prevention registers (the practice notes): training, emergency drills, the reputation-risk screening of new
products, processes and systems before launch, risk sweeps (排查) and the yearly review of the emergency plan.

A unit's staff record its own prevention work, as they record its incidents (the same roles, the same scope of
units: desktop.services.permissions). Every write is an entry of the audit record; nothing is deleted: a record
entered by mistake is withdrawn with a reason and stays, marked. A screening is signed off, or sent back, by the
responsible leader named on it (the practice notes: before a new product, process or system is formally launched,
its reputation risk is investigated) and waits in that leader's approval queue until then."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop import validation as check
from desktop.db.models import AuditEntry, Unit, User, UserRole
from desktop.db.prevention_tables import Drill, PlanReview, Screening, Sweep, Training
from desktop.db.session import take_write_lock
from desktop.domain import Actor, UnitInfo
from desktop.errors import ConflictError, ErrorCode, NotFound, PermissionDenied, ValidationError
from desktop.services import accounts, audit, org, permissions
from desktop.timeutil import now_utc

TRAINING_KINDS: dict[str, str] = {"course": "培训课程", "lecture": "专题讲座", "competition": "知识竞赛"}
SUBJECT_KINDS: dict[str, str] = {"product": "新产品", "process": "新业务流程", "system": "新信息系统"}
RISK_LEVELS: dict[str, str] = {"low": "低", "medium": "中", "high": "高"}
VERDICTS: dict[str, str] = {
    "proceed": "可以上线",
    "with_measures": "落实防控措施后上线",
    "not_ready": "暂缓上线",
}
SCREENING_STATES: dict[str, str] = {"pending": "待领导签批", "approved": "领导已签批", "returned": "领导已退回"}
PLAN_CONCLUSIONS: dict[str, str] = {"adequate": "预案适用，无需修订", "revised": "已修订预案"}
REGISTERS: dict[str, str] = {
    "training": "声誉风险培训",
    "drill": "应急演练",
    "screening": "上线前声誉风险排查",
    "sweep": "声誉风险排查",
    "plan_review": "应急预案年度评审",
}
# English labels of every vocabulary above (the window's translation; same shape as registers.base.VOCAB_EN).
VOCAB_EN: dict[str, dict[str, str]] = {
    "training_kinds": {"course": "Course", "lecture": "Lecture", "competition": "Competition"},
    "subject_kinds": {"product": "New product", "process": "New process", "system": "New system"},
    "risk_levels": {"low": "Low", "medium": "Medium", "high": "High"},
    "verdicts": {"proceed": "May launch", "with_measures": "Launch once the measures are in place",
                 "not_ready": "Hold the launch"},
    "screening_states": {"pending": "Waiting for the leader", "approved": "Signed off", "returned": "Sent back"},
    "plan_conclusions": {"adequate": "Plan fit, no change", "revised": "Plan revised"},
    "registers": {"training": "Training", "drill": "Emergency drills", "screening": "Screening before launch",
                  "sweep": "Risk sweeps", "plan_review": "Yearly review of the emergency plan"},
}
VOCAB_ZH: dict[str, dict[str, str]] = {
    "training_kinds": TRAINING_KINDS, "subject_kinds": SUBJECT_KINDS, "risk_levels": RISK_LEVELS,
    "verdicts": VERDICTS, "screening_states": SCREENING_STATES, "plan_conclusions": PLAN_CONCLUSIONS,
    "registers": REGISTERS,
}
# Who records prevention work for a unit: the roles that record its incidents (desktop.services.permissions).
RECORDERS = permissions.INCIDENT_WRITERS
# Who may be named to sign a screening off: the branch's and the secondary branches' leaders.
SIGNERS = ("leader", "president")
# Text lengths: the columns' String(n); long texts as a note (validation.NOTE) or a narrative (LONG_TEXT).
LIMITS: dict[str, int] = {
    "title": 200, "scenario": 200, "subject": 200, "scope": 200, "plan_name": 200,
    "note": check.NOTE, "units": check.NOTE, "findings": check.LONG_TEXT, "assessment": check.LONG_TEXT,
    "measures": check.LONG_TEXT, "changes": check.LONG_TEXT, "comment": check.NOTE, "reason": check.NOTE,
}
MAX_PARTICIPANTS = 100_000
MAX_HOURS = 1_000.0
# The clock difference tolerated between two machines, as for incidents' times.
CLOCK_SKEW = timedelta(minutes=5)
NO_UNIT = "找不到该单位"


# --- the records the window receives -------------------------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    id: int
    unit_id: int
    unit_name: str
    recorded_by_name: str
    recorded_at: datetime
    withdrawn_at: datetime | None
    withdrawn_by_name: str
    withdraw_reason: str

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


@dataclass(frozen=True)
class TrainingView(Recorded):
    kind: str
    title: str
    held_at: datetime
    participants: int
    hours: float
    note: str

    @property
    def kind_label(self) -> str:
        return TRAINING_KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class DrillView(Recorded):
    scenario: str
    held_at: datetime
    units: str
    participants: int
    findings: str


@dataclass(frozen=True)
class ScreeningView(Recorded):
    subject_kind: str
    subject: str
    launch_at: datetime | None
    assessment: str
    risk_level: str
    verdict: str
    measures: str
    leader_id: int
    leader_name: str
    state: str
    decided_by_name: str
    decided_at: datetime | None
    decision_comment: str

    @property
    def subject_kind_label(self) -> str:
        return SUBJECT_KINDS.get(self.subject_kind, self.subject_kind)

    @property
    def risk_level_label(self) -> str:
        return RISK_LEVELS.get(self.risk_level, self.risk_level)

    @property
    def verdict_label(self) -> str:
        return VERDICTS.get(self.verdict, self.verdict)

    @property
    def state_label(self) -> str:
        return SCREENING_STATES.get(self.state, self.state)


@dataclass(frozen=True)
class SweepView(Recorded):
    scope: str
    held_at: datetime
    findings: str
    issues_found: int


@dataclass(frozen=True)
class PlanReviewView(Recorded):
    year: int
    plan_name: str
    reviewed_at: datetime
    conclusion: str
    changes: str

    @property
    def conclusion_label(self) -> str:
        return PLAN_CONCLUSIONS.get(self.conclusion, self.conclusion)


@dataclass(frozen=True)
class UnitTotal:
    """Training per unit: how many sessions, how many took part, how many hours were given."""

    unit_id: int
    unit_name: str
    sessions: int
    participants: int
    hours: float


@dataclass(frozen=True)
class LeaderChoice:
    user_id: int
    name: str
    unit_name: str


Row = Training | Drill | Screening | Sweep | PlanReview
View = TrainingView | DrillView | ScreeningView | SweepView | PlanReviewView
MODELS: dict[str, Any] = {
    "training": Training, "drill": Drill, "screening": Screening, "sweep": Sweep, "plan_review": PlanReview,
}
# The moment each register is ordered and filtered by.
_WHEN: dict[str, Any] = {
    "training": Training.held_at, "drill": Drill.held_at, "screening": Screening.recorded_at,
    "sweep": Sweep.held_at, "plan_review": PlanReview.reviewed_at,
}
_FIELDS: dict[str, tuple[str, ...]] = {
    "training": ("kind", "title", "held_at", "participants", "hours", "note"),
    "drill": ("scenario", "held_at", "units", "participants", "findings"),
    "screening": ("subject_kind", "subject", "launch_at", "assessment", "risk_level", "verdict", "measures",
                  "leader_id", "leader_name", "state", "decided_by_name", "decided_at", "decision_comment"),
    "sweep": ("scope", "held_at", "findings", "issues_found"),
    "plan_review": ("year", "plan_name", "reviewed_at", "conclusion", "changes"),
}
_VIEWS: dict[str, Any] = {
    "training": TrainingView, "drill": DrillView, "screening": ScreeningView, "sweep": SweepView,
    "plan_review": PlanReviewView,
}


def unit_names(session: Session) -> dict[int, str]:
    """Every unit's full name by id, inactive ones too (old records keep naming them)."""
    return {uid: name for uid, name in session.execute(select(Unit.id, Unit.name))}


def to_view(register: str, row: Any, names: dict[int, str]) -> Any:
    """A row of `register` as the window's frozen record."""
    base = {
        "id": row.id, "unit_id": row.unit_id, "unit_name": names.get(row.unit_id, ""),
        "recorded_by_name": row.recorded_by_name, "recorded_at": row.recorded_at,
        "withdrawn_at": row.withdrawn_at, "withdrawn_by_name": row.withdrawn_by_name,
        "withdraw_reason": row.withdraw_reason,
    }
    return _VIEWS[register](**base, **{f: getattr(row, f) for f in _FIELDS[register]})


# --- permissions ---------------------------------------------------------------------------------------------


def may_record(session: Session, actor: Actor, unit_id: int) -> str | None:
    """None if the actor may record prevention work for the unit, else why not (the window asks it for its
    buttons; every write refuses with it)."""
    return refusal(session, accounts.current_actor(session, actor), unit_id)


def refusal(session: Session, actor: Actor, unit_id: int) -> str | None:
    """`may_record` for an actor already read fresh from the database (accounts.current_actor)."""
    if actor.user_id is not None and not actor.has(*RECORDERS):
        return "您的角色不能登记预防工作"
    unit = session.get(Unit, unit_id)
    if unit is None:
        return NO_UNIT
    if not unit.active:
        return f"{unit.name}已停用，不能再登记"
    units = permissions.scope(session, actor)
    if units is not None and unit_id not in units:
        return f"您不能为本单位辖外的单位（{unit.name}）登记预防工作"
    return None


def recordable_units(session: Session, actor: Actor) -> list[UnitInfo]:
    """The active units the actor may record prevention work for, in the organisation's order."""
    actor = accounts.current_actor(session, actor)
    if actor.user_id is not None and not actor.has(*RECORDERS):
        return []
    units = permissions.scope(session, actor)
    return [u for u in org.list_units(session) if units is None or u.id in units]


def _require_record(session: Session, actor: Actor, unit_id: Any) -> None:
    check.ident(unit_id, "unit_id")
    reason = refusal(session, actor, unit_id)
    if reason:
        if reason == NO_UNIT:
            raise ValidationError("unit_id", "请选择单位")
        raise PermissionDenied(reason)


def _visible(session: Session, actor: Actor, query: Any, model: Any) -> Any:
    units = permissions.scope(session, actor)
    return query if units is None else query.where(model.unit_id.in_(units))


# --- input ---------------------------------------------------------------------------------------------------


def _text(value: Any, field: str, required: str = "", multiline: bool | None = None) -> str:
    return check.text(value, field, LIMITS[field], multiline=field not in (
        "title", "scenario", "subject", "scope", "plan_name") if multiline is None else multiline,
        required=required)


def _choice(value: Any, field: str, vocabulary: dict[str, str], what: str) -> str:
    if not isinstance(value, str) or value not in vocabulary:
        raise ValidationError(field, f"请选择{what}（{'、'.join(vocabulary.values())}）")
    return value


def _moment(value: Any, field: str, what: str, now: datetime, *, future_ok: bool = False) -> datetime:
    if value is None:
        raise ValidationError(field, f"请填写{what}")
    moment = check.time(value, field).replace(microsecond=0)
    if not future_ok and moment > now + CLOCK_SKEW:
        raise ValidationError(field, f"{what}不能晚于现在")
    return moment


def _recorded(actor: Actor, now: datetime) -> dict[str, Any]:
    return {"recorded_by_id": actor.user_id, "recorded_by_name": actor.name, "recorded_at": now,
            "withdrawn_by_name": "", "withdraw_reason": ""}


def _facts(register: str, row: Any) -> dict[str, Any]:
    return {"unit_id": row.unit_id, **{f: getattr(row, f) for f in _FIELDS[register]}}


def added_facts(register: str, row: Any) -> dict[str, Any]:
    """What the `<register>.add` entry records of a row (as `verify_records` checks it): a row received from
    another installation (desktop.exchange) is entered with the same facts, so it verifies here too."""
    facts = _facts(register, row)
    if register == "screening":  # as added: the sign-off has its own entry
        facts.update(state="pending", decided_by_name="", decided_at=None, decision_comment="")
    return facts


def _store(session: Session, actor: Actor, register: str, row: Any, now: datetime) -> Any:
    session.add(row)
    session.flush()
    audit.record(session, actor, f"{register}.add", f"prevention_{register}", row.id,
                 after=_facts(register, row), at=now)
    return to_view(register, row, unit_names(session))


# --- recording -----------------------------------------------------------------------------------------------


def add_training(session: Session, actor: Actor, *, unit_id: int, kind: str, title: str, held_at: datetime,
                 participants: int, hours: float, note: str = "", now: datetime | None = None) -> TrainingView:
    """A course, lecture or competition (the practice notes: knowledge spread through training, lectures and
    competitions) given to `participants` people for `hours` hours."""
    now = now or now_utc()
    actor = accounts.current_actor(session, actor)
    kind = _choice(kind, "kind", TRAINING_KINDS, "培训形式")
    title = _text(title, "title", "培训名称")
    note = _text(note, "note")
    held_at = _moment(held_at, "held_at", "培训日期", now)
    participants = check.count(participants, "participants", 1, MAX_PARTICIPANTS)
    if isinstance(hours, bool) or not isinstance(hours, (int, float)) or not 0 < float(hours) <= MAX_HOURS:
        raise ValidationError("hours", f"培训时长应为大于0、不超过{MAX_HOURS:.0f}的小时数")
    _require_record(session, actor, unit_id)
    row = Training(unit_id=unit_id, kind=kind, title=title, held_at=held_at, participants=participants,
                   hours=round(float(hours), 1), note=note, **_recorded(actor, now))
    view: TrainingView = _store(session, actor, "training", row, now)
    return view


def add_drill(session: Session, actor: Actor, *, unit_id: int, scenario: str, held_at: datetime, units: str = "",
              participants: int = 0, findings: str = "", now: datetime | None = None) -> DrillView:
    """An emergency drill of the plan (the practice notes: 预案演练); its follow-ups are
    desktop.registers.followups entries with source_kind "drill"."""
    now = now or now_utc()
    actor = accounts.current_actor(session, actor)
    scenario = _text(scenario, "scenario", "演练场景")
    units = _text(units, "units")
    findings = _text(findings, "findings")
    held_at = _moment(held_at, "held_at", "演练日期", now)
    participants = check.count(participants, "participants", 0, MAX_PARTICIPANTS)
    _require_record(session, actor, unit_id)
    row = Drill(unit_id=unit_id, scenario=scenario, held_at=held_at, units=units, participants=participants,
                findings=findings, **_recorded(actor, now))
    view: DrillView = _store(session, actor, "drill", row, now)
    return view


def add_sweep(session: Session, actor: Actor, *, unit_id: int, scope: str, held_at: datetime, findings: str = "",
              issues_found: int = 0, now: datetime | None = None) -> SweepView:
    """A risk sweep (the practice notes' "mine clearance" on matters prone to reputation risk)."""
    now = now or now_utc()
    actor = accounts.current_actor(session, actor)
    scope = _text(scope, "scope", "排查范围")
    findings = _text(findings, "findings")
    held_at = _moment(held_at, "held_at", "排查日期", now)
    issues_found = check.count(issues_found, "issues_found", 0, MAX_PARTICIPANTS)
    _require_record(session, actor, unit_id)
    row = Sweep(unit_id=unit_id, scope=scope, held_at=held_at, findings=findings, issues_found=issues_found,
                **_recorded(actor, now))
    view: SweepView = _store(session, actor, "sweep", row, now)
    return view


def add_plan_review(session: Session, actor: Actor, *, unit_id: int, year: int, plan_name: str,
                    reviewed_at: datetime, conclusion: str, changes: str = "",
                    now: datetime | None = None) -> PlanReviewView:
    """The yearly review of the emergency plan (the practice notes: its measures apt, its process smooth). A
    revised plan says what changed."""
    now = now or now_utc()
    actor = accounts.current_actor(session, actor)
    year = check.count(year, "year", 2000, 2099)
    plan_name = _text(plan_name, "plan_name", "预案名称")
    conclusion = _choice(conclusion, "conclusion", PLAN_CONCLUSIONS, "评审结论")
    changes = _text(changes, "changes")
    if conclusion == "revised" and not changes:
        raise ValidationError("changes", "预案已修订时，请写明修订内容")
    reviewed_at = _moment(reviewed_at, "reviewed_at", "评审日期", now)
    _require_record(session, actor, unit_id)
    row = PlanReview(unit_id=unit_id, year=year, plan_name=plan_name, reviewed_at=reviewed_at,
                     conclusion=conclusion, changes=changes, **_recorded(actor, now))
    view: PlanReviewView = _store(session, actor, "plan_review", row, now)
    return view


def add_screening(session: Session, actor: Actor, *, unit_id: int, subject_kind: str, subject: str,
                  assessment: str, risk_level: str, verdict: str, leader_id: int, measures: str = "",
                  launch_at: datetime | None = None, now: datetime | None = None) -> ScreeningView:
    """The screening of a new product, process or system before launch: an assessment and a proposed verdict,
    waiting for the responsible leader named on it to sign it off."""
    now = now or now_utc()
    actor = accounts.current_actor(session, actor)
    subject_kind = _choice(subject_kind, "subject_kind", SUBJECT_KINDS, "排查对象类别")
    subject = _text(subject, "subject", "排查对象名称")
    assessment = _text(assessment, "assessment", "评估意见")
    risk_level = _choice(risk_level, "risk_level", RISK_LEVELS, "风险等级")
    verdict = _choice(verdict, "verdict", VERDICTS, "排查结论")
    measures = _text(measures, "measures")
    if verdict == "with_measures" and not measures:
        raise ValidationError("measures", "结论为“落实防控措施后上线”时，请写明防控措施")
    if launch_at is not None:
        launch_at = check.time(launch_at, "launch_at").replace(microsecond=0)
    check.ident(leader_id, "leader_id")
    _require_record(session, actor, unit_id)
    leader = next((c for c in leaders_for(session, unit_id) if c.user_id == leader_id), None)
    if leader is None:
        raise ValidationError("leader_id", "请选择负责签批的领导：须为分管该单位的领导或分行行长")
    if leader.user_id == actor.user_id:
        raise ValidationError("leader_id", "签批领导不能是登记人本人")
    row = Screening(unit_id=unit_id, subject_kind=subject_kind, subject=subject, launch_at=launch_at,
                    assessment=assessment, risk_level=risk_level, verdict=verdict, measures=measures,
                    leader_id=leader.user_id, leader_name=leader.name, state="pending", decided_by_name="",
                    decision_comment="", **_recorded(actor, now))
    view: ScreeningView = _store(session, actor, "screening", row, now)
    return view


def withdraw(session: Session, actor: Actor, register: str, record_id: int, reason: str,
             now: datetime | None = None) -> None:
    """Take back a record entered by mistake: it stays, marked with who withdrew it, when and why."""
    now = now or now_utc()
    if not isinstance(register, str) or register not in MODELS:
        raise ValidationError("register", "台账类别无效")
    check.ident(record_id, "record_id")
    reason = _text(reason, "reason", "撤回原因")
    actor = accounts.current_actor(session, actor)
    take_write_lock(session)
    row = session.get(MODELS[register], record_id)
    if row is None or not _can_see(session, actor, row.unit_id):
        raise NotFound(f"找不到该{REGISTERS[register]}记录")
    reason_refused = refusal(session, actor, row.unit_id)
    if reason_refused:
        raise PermissionDenied(reason_refused)
    if row.withdrawn_at is not None:
        raise ConflictError(f"该{REGISTERS[register]}记录已经撤回", ErrorCode.WRONG_STATE)
    if register == "screening" and row.state != "pending":
        raise ConflictError("领导已签批的排查不能撤回；如有变化，请另行登记", ErrorCode.WRONG_STATE)
    row.withdrawn_at, row.withdrawn_by_name, row.withdraw_reason = now, actor.name, reason
    session.flush()
    audit.record(session, actor, f"{register}.withdraw", f"prevention_{register}", row.id,
                 before={"withdrawn": False}, after={"withdrawn": True, "reason": reason}, at=now)


def _can_see(session: Session, actor: Actor, unit_id: int) -> bool:
    units = permissions.scope(session, actor)
    return units is None or unit_id in units


# --- the screening's sign-off ---------------------------------------------------------------------------------


def leaders_for(session: Session, unit_id: int) -> list[LeaderChoice]:
    """The accounts that may be named to sign off a screening of this unit: active leaders and presidents whose
    scope covers it (the branch's leaders every unit, a secondary branch's leader its own area)."""
    rows = session.execute(
        select(User).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role.in_(SIGNERS), User.active.is_(True)).order_by(User.id)
    ).scalars().unique().all()
    names = unit_names(session)
    out = []
    for user in rows:
        actor = Actor(user.id, user.display_name, user.unit_id, frozenset(r.role for r in user.roles))
        units = permissions.scope(session, actor)
        if units is None or unit_id in units:
            out.append(LeaderChoice(user.id, user.display_name, names.get(user.unit_id, "")))
    return out


def pending_screenings(session: Session, actor: Actor) -> list[ScreeningView]:
    """The screenings waiting for this leader's sign-off, oldest first (shown in the approval queue)."""
    actor = accounts.current_actor(session, actor)
    if actor.user_id is None:
        return []
    rows = session.execute(
        select(Screening).where(Screening.state == "pending", Screening.leader_id == actor.user_id,
                                Screening.withdrawn_at.is_(None))
        .order_by(Screening.recorded_at, Screening.id)
    ).scalars().all()
    names = unit_names(session)
    return [to_view("screening", r, names) for r in rows]


def may_sign_off(session: Session, actor: Actor, screening_id: int) -> str | None:
    actor = accounts.current_actor(session, actor)
    row = session.get(Screening, screening_id)
    if row is None or not _can_see(session, actor, row.unit_id):
        return "找不到该排查记录"
    return _sign_off_refusal(session, actor, row)


def _sign_off_refusal(session: Session, actor: Actor, row: Screening) -> str | None:
    if actor.user_id is None:
        return "签批须由领导本人账户登录后办理"
    if row.withdrawn_at is not None:
        return "该排查记录已撤回"
    if row.state != "pending":
        return f"该排查{SCREENING_STATES[row.state]}（{row.decided_by_name}），不能再签批"
    if row.leader_id != actor.user_id:
        return f"该排查应由{row.leader_name}签批，您不能代为签批"
    if not actor.has(*SIGNERS):
        return "只有负责签批的领导可以签批上线前声誉风险排查"
    if row.recorded_by_id == actor.user_id:
        return "不能签批本人登记的排查"
    return None


def sign_off(session: Session, actor: Actor, screening_id: int, approve: bool, comment: str = "",
             now: datetime | None = None) -> ScreeningView:
    """The named leader signs the screening off (approve) or sends it back with a comment (the unit then
    records a new screening once it has done what was asked)."""
    now = now or now_utc()
    check.ident(screening_id, "screening_id")
    if not isinstance(approve, bool):
        raise ValidationError("approve", "请选择同意或退回")
    comment = _text(comment, "comment")
    if not approve and not comment:
        raise ValidationError("comment", "退回时请填写意见")
    actor = accounts.current_actor(session, actor)
    take_write_lock(session)  # the state read below stays current until the decision is written
    row = session.get(Screening, screening_id)
    if row is None or not _can_see(session, actor, row.unit_id):
        raise NotFound("找不到该排查记录")
    refused = _sign_off_refusal(session, actor, row)
    if refused:
        if row.state != "pending" or row.withdrawn_at is not None:
            raise ConflictError(refused, ErrorCode.WRONG_STATE)
        raise PermissionDenied(refused)
    state = "approved" if approve else "returned"
    row.state, row.decided_by_id, row.decided_by_name = state, actor.user_id, actor.name
    row.decided_at, row.decision_comment = now, comment
    session.flush()
    audit.record(session, actor, f"screening.{state}", "prevention_screening", row.id,
                 before={"state": "pending"}, after={"state": state, "comment": comment, "verdict": row.verdict},
                 at=now)
    view: ScreeningView = to_view("screening", row, unit_names(session))
    return view


# --- lists ---------------------------------------------------------------------------------------------------


def _list(session: Session, actor: Actor, register: str, start: datetime | None, end: datetime | None,
          unit_id: int | None, include_withdrawn: bool, extra: Any = None) -> list[Any]:
    actor = accounts.current_actor(session, actor)
    model, when = MODELS[register], _WHEN[register]
    query = _visible(session, actor, select(model), model)
    if start is not None:
        query = query.where(when >= check.time(start, "start"))
    if end is not None:
        query = query.where(when < check.time(end, "end"))
    if unit_id is not None:
        query = query.where(model.unit_id == check.ident(unit_id, "unit_id"))
    if not include_withdrawn:
        query = query.where(model.withdrawn_at.is_(None))
    if extra is not None:
        query = query.where(extra)
    names = unit_names(session)
    rows = session.execute(query.order_by(when.desc(), model.id.desc())).scalars()
    return [to_view(register, r, names) for r in rows]


def list_trainings(session: Session, actor: Actor, *, start: datetime | None = None, end: datetime | None = None,
                   unit_id: int | None = None, include_withdrawn: bool = False) -> list[TrainingView]:
    return _list(session, actor, "training", start, end, unit_id, include_withdrawn)


def list_drills(session: Session, actor: Actor, *, start: datetime | None = None, end: datetime | None = None,
                unit_id: int | None = None, include_withdrawn: bool = False) -> list[DrillView]:
    return _list(session, actor, "drill", start, end, unit_id, include_withdrawn)


def list_screenings(session: Session, actor: Actor, *, start: datetime | None = None, end: datetime | None = None,
                    unit_id: int | None = None, include_withdrawn: bool = False,
                    state: str | None = None) -> list[ScreeningView]:
    if state is not None and (not isinstance(state, str) or state not in SCREENING_STATES):
        raise ValidationError("state", "排查状态无效")
    return _list(session, actor, "screening", start, end, unit_id, include_withdrawn,
                 Screening.state == state if state else None)


def list_sweeps(session: Session, actor: Actor, *, start: datetime | None = None, end: datetime | None = None,
                unit_id: int | None = None, include_withdrawn: bool = False) -> list[SweepView]:
    return _list(session, actor, "sweep", start, end, unit_id, include_withdrawn)


def list_plan_reviews(session: Session, actor: Actor, *, start: datetime | None = None, end: datetime | None = None,
                      unit_id: int | None = None, include_withdrawn: bool = False) -> list[PlanReviewView]:
    return _list(session, actor, "plan_review", start, end, unit_id, include_withdrawn)


def get_record(session: Session, actor: Actor, register: str, record_id: int) -> Any:
    """One record of a register, if the actor may see it."""
    if not isinstance(register, str) or register not in MODELS:
        raise ValidationError("register", "台账类别无效")
    check.ident(record_id, "record_id")
    actor = accounts.current_actor(session, actor)
    row = session.get(MODELS[register], record_id)
    if row is None or not _can_see(session, actor, row.unit_id):
        raise NotFound(f"找不到该{REGISTERS[register]}记录")
    return to_view(register, row, unit_names(session))


def iter_records(session: Session, actor: Actor, register: str, chunk: int = 500) -> Iterator[Any]:
    """Every record of a register the actor may see (withdrawn ones too: the export is the whole record), oldest
    first, read `chunk` rows at a time by id (keyset paging): a large register never sits in memory whole."""
    if not isinstance(register, str) or register not in MODELS:
        raise ValidationError("register", "台账类别无效")
    actor = accounts.current_actor(session, actor)
    model = MODELS[register]
    names = unit_names(session)
    base = _visible(session, actor, select(model), model)
    last = 0
    while True:
        rows = session.execute(base.where(model.id > last).order_by(model.id).limit(chunk)).scalars().all()
        if not rows:
            return
        for row in rows:
            yield to_view(register, row, names)
        last = rows[-1].id


def training_totals(session: Session, actor: Actor, start: datetime | None = None,
                    end: datetime | None = None) -> list[UnitTotal]:
    """Training per unit over a period (withdrawn records left out), units with most hours first."""
    actor = accounts.current_actor(session, actor)
    query = _visible(session, actor, select(
        Training.unit_id, func.count(Training.id), func.coalesce(func.sum(Training.participants), 0),
        func.coalesce(func.sum(Training.hours), 0.0),
    ).where(Training.withdrawn_at.is_(None)).group_by(Training.unit_id), Training)
    if start is not None:
        query = query.where(Training.held_at >= check.time(start, "start"))
    if end is not None:
        query = query.where(Training.held_at < check.time(end, "end"))
    names = unit_names(session)
    totals = [UnitTotal(uid, names.get(uid, ""), int(n), int(people), round(float(hours), 1))
              for uid, n, people, hours in session.execute(query)]
    totals.sort(key=lambda t: (-t.hours, t.unit_id))
    return totals


# --- the data against the record -----------------------------------------------------------------------------


def _payload(text: str) -> Any:
    try:
        return json.loads(text or "null")
    except ValueError:
        return None


def verify_records(session: Session) -> list[str]:
    """Every prevention record against the keyed audit record (`repdesk audit verify`): each row has the entry
    that added it, with the same facts; a withdrawal and a screening's sign-off have theirs, by the same person.
    A row written or changed around the program is named."""
    problems: list[str] = []
    wanted = [f"{r}.{a}" for r in MODELS for a in ("add", "withdraw")] + ["screening.approved", "screening.returned"]
    found: dict[tuple[str, str], AuditEntry] = {}
    for entry in session.execute(select(AuditEntry).where(AuditEntry.action.in_(wanted))
                                 .order_by(AuditEntry.id)).scalars():
        found.setdefault((entry.action, entry.entity_id), entry)
    for register, model in MODELS.items():
        label = REGISTERS[register]
        for row in session.execute(select(model).order_by(model.id)).scalars():
            name = f"{label}第 {row.id} 号记录"
            added = found.get((f"{register}.add", str(row.id)))
            if added is None:
                problems.append(f"{name}：审计记录中没有其登记，系绕过程序写入")
                continue
            facts = _facts(register, row)
            if register == "screening":  # as added: the sign-off is checked against its own entry below
                facts.update(state="pending", decided_by_name="", decided_at=None, decision_comment="")
            if _payload(added.after) != _payload(audit.canonical(facts)):
                problems.append(f"{name}：内容与登记时的审计记录不符，已被改动")
            withdrawn = found.get((f"{register}.withdraw", str(row.id)))
            if (row.withdrawn_at is None) != (withdrawn is None) or (
                    withdrawn is not None and withdrawn.actor_name != row.withdrawn_by_name):
                problems.append(f"{name}：撤回情况与审计记录不符")
            if register == "screening":
                decided = found.get((f"screening.{row.state}", str(row.id)))
                either = any((f"screening.{s}", str(row.id)) in found for s in ("approved", "returned"))
                said = _payload(decided.after) if decided is not None else None
                if (row.state != "pending" and (decided is None or decided.actor_id != row.decided_by_id
                                                or decided.actor_id != row.leader_id
                                                or not isinstance(said, dict)
                                                or said.get("comment") != row.decision_comment)) or (
                        row.state == "pending" and either):
                    problems.append(f"{name}：领导签批与审计记录不符（签批须由署名领导本人在程序中办理）")
    return problems
