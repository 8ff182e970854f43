"""What travels, record by record: each kind of record is serialised by its stable id (`uid`), with users named
by login name and units by code (database ids differ between installations), and merged on arrival.

A register table travels by adding a `Kind` to KINDS: its model, how it names its incident, its fields and how a
copy that already exists here is merged ("facts": three-way merge, conflicts kept; "once": immutable, inserted once).
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import (
    Appeasement,
    ApprovalDecision,
    Base,
    DocNumber,
    Document,
    DocumentVersion,
    Incident,
    IncidentEvent,
    LeadershipMember,
    MediaContact,
    OpinionEntry,
    PaperSignature,
    Unit,
    User,
)
from desktop.db.prevention_tables import Drill, FollowUp, PlanReview, Screening, Sweep, Training
from desktop.db.register_tables import (
    Attachment,
    Complaint,
    ComplaintStep,
    Journalist,
    MediaOutlet,
    MonitoringEntry,
    Spokesperson,
)
from desktop.timeutil import now_utc

# How a column is carried: a plain value, a moment, a user (login name), a unit (code), another record (uid),
# bytes (base64).
PLAIN, MOMENT, USER, UNIT, BYTES = "plain", "moment", "user", "unit", "bytes"


@dataclass(frozen=True)
class Ref:
    """A column naming another travelling record by its uid."""

    kind: str


@dataclass(frozen=True)
class PolyRef:
    """A column naming a record of one of several travelling kinds, chosen by another column (an attachment's
    owner: `owner_kind` -> the kind whose uid `owner_id` carries)."""

    kind_column: str
    kinds: dict[str, str]


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[Base]
    label: str
    # What decides whether a peer may see a record: "" the incident itself; "incident", "document", "version" the
    # parent chain up to an incident; "unit" the record's own unit (registers); "complaint" its complaint's unit;
    # "owner" its owner's (attachments); "source" its source record's (follow-ups: the record must travel too);
    # "all" every peer (the media directory has no unit).
    incident_path: str
    parent_column: str  # the column naming the parent record ("" for incidents)
    fields: dict[str, Any]  # column -> PLAIN | MOMENT | USER | UNIT | BYTES | Ref | PolyRef
    merge: str  # "facts" | "once"
    progress: tuple[str, ...] = field(default=())  # columns a later copy may fill in ("once" records)
    # Links to a record of the same kind that may come later in the same package (a corrected event names its
    # replacement): set once both are here.
    late: tuple[str, ...] = field(default=())
    # A progress column whose later value carries the others with it (a complaint's latest result), else the
    # progress columns are only ever filled in where they are still empty.
    newer: str = ""


# The prevention registers' common columns: who recorded the row, and its withdrawal (a later fact).
_RECORDED: dict[str, Any] = {
    "recorded_by_id": USER, "recorded_by_name": PLAIN, "recorded_at": MOMENT, "withdrawn_at": MOMENT,
    "withdrawn_by_name": PLAIN, "withdraw_reason": PLAIN,
}
WITHDRAWAL = ("withdrawn_at", "withdrawn_by_name", "withdraw_reason")
PREVENTION = ("training", "drill", "screening", "sweep", "plan_review")

KINDS: tuple[Kind, ...] = (
    Kind("incident", Incident, "事件", "", "", {
        "number": PLAIN, "title": PLAIN, "unit_id": UNIT, "occurred_at": MOMENT, "learned_at": MOMENT,
        "place": PLAIN, "initial_severity": PLAIN, "severity": PLAIN, "business_line": PLAIN,
        "business_line_name": PLAIN, "business_dept_id": UNIT, "customer_dispute": PLAIN, "source": PLAIN,
        "el_cause": PLAIN, "el_time": PLAIN, "el_place": PLAIN, "el_situation": PLAIN, "el_measures_taken": PLAIN,
        "el_forecast": PLAIN, "el_impact": PLAIN, "el_consequences": PLAIN, "el_planned_measures": PLAIN,
        "spokesperson_name": PLAIN, "reply_script": PLAIN, "positive_publicity": PLAIN, "evaluation": PLAIN,
        "lessons": PLAIN, "accountability": PLAIN, "status": PLAIN, "closed_at": MOMENT, "rule_set_id": PLAIN,
        "rule_set_version": PLAIN, "created_by_id": USER, "created_at": MOMENT, "major_criteria": PLAIN,
    }, "facts"),
    Kind("event", IncidentEvent, "时间线事件", "incident", "incident_id", {
        "incident_id": Ref("incident"), "type": PLAIN, "at": MOMENT, "recorded_at": MOMENT,
        "recorded_by_id": USER, "recorded_by_name": PLAIN, "note": PLAIN, "late_reason": PLAIN, "data": PLAIN,
        "withdrawn_at": MOMENT, "withdrawn_by_id": USER, "withdrawn_by_name": PLAIN, "withdraw_reason": PLAIN,
        "superseded_by_id": Ref("event"),
    }, "once", ("withdrawn_at", "withdrawn_by_id", "withdrawn_by_name", "withdraw_reason", "superseded_by_id"),
        late=("superseded_by_id",)),
    Kind("opinion", OpinionEntry, "舆情记录", "incident", "incident_id", {
        "incident_id": Ref("incident"), "source": PLAIN, "link_or_title": PLAIN, "seen_at": MOMENT, "reach": PLAIN,
        "tone": PLAIN, "recorded_by_name": PLAIN,
    }, "once"),
    Kind("media", MediaContact, "媒体采访记录", "incident", "incident_id", {
        "incident_id": Ref("incident"), "event_id": Ref("event"), "journalist": PLAIN, "outlet": PLAIN,
        "phone": PLAIN, "question": PLAIN, "asked_at": MOMENT,
    }, "once"),
    Kind("appeasement", Appeasement, "客户安抚记录", "incident", "incident_id", {
        "incident_id": Ref("incident"), "event_id": Ref("event"), "customer": PLAIN, "handled_by": PLAIN,
        "agreed": PLAIN, "result": PLAIN, "at": MOMENT,
    }, "once"),
    Kind("document", Document, "文件", "incident", "incident_id", {
        "incident_id": Ref("incident"), "kind": PLAIN, "stage": PLAIN, "unit_id": UNIT, "doc_number": PLAIN,
        "created_at": MOMENT,
    }, "once", ("doc_number",)),
    Kind("version", DocumentVersion, "文件版本", "document", "document_id", {
        "document_id": Ref("document"), "number": PLAIN, "content": PLAIN, "sha256": PLAIN, "state": PLAIN,
        "created_by_id": USER, "created_at": MOMENT, "submitted_at": MOMENT, "signed_by_id": USER,
        "signed_at": MOMENT,
    }, "once", ("state", "submitted_at", "signed_by_id", "signed_at")),
    Kind("decision", ApprovalDecision, "审批记录", "version", "version_id", {
        "version_id": Ref("version"), "step": PLAIN, "decision": PLAIN, "actor_id": USER, "actor_name": PLAIN,
        "comment": PLAIN, "decided_at": MOMENT,
    }, "once"),
    Kind("paper", PaperSignature, "纸质签字", "version", "version_id", {
        "version_id": Ref("version"), "signer_name": PLAIN, "signed_at": MOMENT, "recorded_by_id": USER,
        "recorded_by_name": PLAIN, "recorded_at": MOMENT, "scan": BYTES, "scan_sha256": PLAIN,
        "scan_filename": PLAIN, "scan_mime": PLAIN, "scan_size": PLAIN,
    }, "once"),
    # The registers (issue 15): public-opinion monitoring, complaints and their steps, the media directory and the
    # spokespeople travel like the incidents' records; a correction of a monitoring entry is a new entry linked
    # both ways.
    Kind("monitoring", MonitoringEntry, "舆情监测记录", "unit", "", {
        "unit_id": UNIT, "observed_at": MOMENT, "platform": PLAIN, "url": PLAIN, "title": PLAIN, "excerpt": PLAIN,
        "reads": PLAIN, "reposts": PLAIN, "tone": PLAIN, "state": PLAIN, "incident_id": Ref("incident"),
        "close_reason": PLAIN, "closed_at": MOMENT, "closed_by_name": PLAIN, "logged_by_id": USER,
        "logged_by_name": PLAIN, "logged_at": MOMENT, "supersedes_id": Ref("monitoring"),
        "superseded_by_id": Ref("monitoring"), "correction_reason": PLAIN,
    }, "once", ("state", "incident_id", "close_reason", "closed_at", "closed_by_name", "superseded_by_id"),
        late=("supersedes_id", "superseded_by_id")),
    Kind("complaint", Complaint, "投诉", "unit", "", {
        "unit_id": UNIT, "received_at": MOMENT, "customer": PLAIN, "contact": PLAIN, "channel": PLAIN,
        "subject": PLAIN, "description": PLAIN, "amount_cents": PLAIN, "state": PLAIN, "result": PLAIN,
        "result_at": MOMENT, "incident_id": Ref("incident"), "recorded_by_id": USER, "recorded_by_name": PLAIN,
        "recorded_at": MOMENT,
    }, "once", ("state", "result", "result_at", "incident_id"), newer="result_at"),
    Kind("complaint_step", ComplaintStep, "投诉处理步骤", "complaint", "complaint_id", {
        "complaint_id": Ref("complaint"), "kind": PLAIN, "at": MOMENT, "note": PLAIN, "by_id": USER,
        "by_name": PLAIN, "recorded_at": MOMENT,
    }, "once"),
    Kind("outlet", MediaOutlet, "媒体", "all", "", {
        "name": PLAIN, "kind": PLAIN, "phone": PLAIN, "address": PLAIN, "notes": PLAIN, "added_by_name": PLAIN,
        "added_at": MOMENT,
    }, "once"),
    Kind("journalist", Journalist, "记者", "all", "", {
        "name": PLAIN, "outlet": PLAIN, "phone": PLAIN, "email": PLAIN, "notes": PLAIN, "added_by_name": PLAIN,
        "added_at": MOMENT,
    }, "once"),
    Kind("spokesperson", Spokesperson, "新闻发言人", "unit", "", {
        "unit_id": UNIT, "name": PLAIN, "title": PLAIN, "phone": PLAIN, "mobile": PLAIN, "designated_at": MOMENT,
        "designated_by_name": PLAIN, "ended_at": MOMENT, "ended_by_name": PLAIN, "end_reason": PLAIN,
    }, "once", ("ended_at", "ended_by_name", "end_reason")),
    # Prevention (the practice notes): a site's trainings, drills, screenings, sweeps and plan reviews reach the
    # branch for its yearly report; a withdrawal and a screening's sign-off are later facts of the same record.
    Kind("training", Training, "声誉风险培训", "unit", "", {
        "unit_id": UNIT, "kind": PLAIN, "title": PLAIN, "held_at": MOMENT, "participants": PLAIN, "hours": PLAIN,
        "note": PLAIN, **_RECORDED,
    }, "once", WITHDRAWAL),
    Kind("drill", Drill, "应急演练", "unit", "", {
        "unit_id": UNIT, "scenario": PLAIN, "held_at": MOMENT, "units": PLAIN, "participants": PLAIN,
        "findings": PLAIN, **_RECORDED,
    }, "once", WITHDRAWAL),
    Kind("screening", Screening, "上线前声誉风险排查", "unit", "", {
        "unit_id": UNIT, "subject_kind": PLAIN, "subject": PLAIN, "launch_at": MOMENT, "assessment": PLAIN,
        "risk_level": PLAIN, "verdict": PLAIN, "measures": PLAIN, "leader_id": USER, "leader_name": PLAIN,
        "state": PLAIN, "decided_by_id": USER, "decided_by_name": PLAIN, "decided_at": MOMENT,
        "decision_comment": PLAIN, **_RECORDED,
    }, "once", (*WITHDRAWAL, "state", "decided_by_id", "decided_by_name", "decided_at", "decision_comment")),
    Kind("sweep", Sweep, "声誉风险排查", "unit", "", {
        "unit_id": UNIT, "scope": PLAIN, "held_at": MOMENT, "findings": PLAIN, "issues_found": PLAIN, **_RECORDED,
    }, "once", WITHDRAWAL),
    Kind("plan_review", PlanReview, "应急预案年度评审", "unit", "", {
        "unit_id": UNIT, "year": PLAIN, "plan_name": PLAIN, "reviewed_at": MOMENT, "conclusion": PLAIN,
        "changes": PLAIN, **_RECORDED,
    }, "once", WITHDRAWAL),
    Kind("followup", FollowUp, "整改事项", "source", "", {
        "source_kind": PLAIN, "source_id": PolyRef("source_kind", {k: k for k in PREVENTION}), "unit_id": UNIT,
        "owner": PLAIN, "action": PLAIN, "due_at": MOMENT, "state": PLAIN, "closed_at": MOMENT,
        "closed_by_name": PLAIN, "close_note": PLAIN, "recorded_by_id": USER, "recorded_by_name": PLAIN,
        "recorded_at": MOMENT,
    }, "once", ("state", "closed_at", "closed_by_name", "close_note")),
    # A major incident's leadership group (4.3.1-4.3.3): set as a whole, so the members a package brings for an
    # incident are its group (service._Apply.leadership).
    Kind("leadership", LeadershipMember, "领导小组成员", "incident", "incident_id", {
        "incident_id": Ref("incident"), "position": PLAIN, "name": PLAIN, "title": PLAIN, "sort_order": PLAIN,
    }, "once"),
    # Last: an attachment names its owner, which must be here first. Its content travels whole and is checked
    # against its SHA-256 on arrival.
    Kind("attachment", Attachment, "附件", "owner", "", {
        "owner_kind": PLAIN, "owner_id": PolyRef("owner_kind", {"incident": "incident", "monitoring": "monitoring",
                                                               "complaint": "complaint", "drill": "drill",
                                                               "screening": "screening"}),
        "filename": PLAIN, "media_type": PLAIN, "size": PLAIN, "sha256": PLAIN, "content": BYTES, "note": PLAIN,
        "uploaded_by_id": USER, "uploaded_by_name": PLAIN, "uploaded_at": MOMENT, "withdrawn_at": MOMENT,
        "withdrawn_by_name": PLAIN, "withdraw_reason": PLAIN,
    }, "once", ("withdrawn_at", "withdrawn_by_name", "withdraw_reason")),
)
BY_NAME = {k.name: k for k in KINDS}
# Facts of an incident that travel but are not merged field by field: they are the incident's identity.
IDENTITY = ("number", "created_by_id", "created_at", "rule_set_id", "rule_set_version")
# A document version's states in the order they are reached: a copy only ever moves a version forward.
STATE_ORDER = ("draft", "returned", "submitted", "approved", "signed", "sent", "superseded")
FIELD_LABELS = {
    "title": "事件标题", "unit_id": "事发单位", "occurred_at": "事发时间", "learned_at": "获知时间", "place": "地点",
    "severity": "事件级别", "initial_severity": "初始级别", "status": "状态", "closed_at": "结束时间",
    "el_cause": "起因", "el_time": "时间", "el_place": "地点（要素）", "el_situation": "当前情况",
    "el_measures_taken": "已采取的措施", "el_forecast": "事态发展预测", "el_impact": "造成的影响",
    "el_consequences": "可能引发的后果", "el_planned_measures": "拟采取的措施", "spokesperson_name": "发言人",
    "reply_script": "答复口径", "positive_publicity": "正面宣传", "evaluation": "评估", "lessons": "经验教训",
    "accountability": "问责", "business_line": "条线业务", "business_line_name": "条线名称",
    "business_dept_id": "业务部门", "customer_dispute": "客户纠纷", "source": "事件来源",
    "major_criteria": "重大事件依据",
}


def moment_text(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def parse_moment(value: Any) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError("a moment without its offset")
    return moment.astimezone(UTC)


def digest(payload: dict[str, Any]) -> str:
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Names:
    """Database ids to names and back, cached for one package."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._users: dict[int, str] | None = None
        self._user_ids: dict[str, int] = {}
        self._units: dict[int, str] = {}
        self._unit_ids: dict[str, int] = {}
        self._uids: dict[tuple[str, int], str] = {}
        self._ids: dict[tuple[str, str], int] = {}
        self._absent: set[tuple[str, str]] = set()  # uids looked up in bulk and not here: no query per record
        self._numbers: dict[int, dict[str, Any]] | None = None
        for uid_, code in session.execute(select(Unit.id, Unit.code)):
            self._units[uid_] = code
            self._unit_ids[code] = uid_

    def user_name(self, user_id: int | None) -> str | None:
        if user_id is None:
            return None
        if self._users is None:
            self._users = {i: n for i, n in self.session.execute(select(User.id, User.username))}
            self._user_ids = {v: k for k, v in self._users.items()}
        return self._users.get(user_id)

    def user_id(self, username: str | None, display: str, unit_code: str | None) -> int | None:
        if username is None:
            return None
        self.user_name(None)
        if self._users is None:
            self._users = {}
        found = self._user_ids.get(username)
        if found is None:
            found = self.session.execute(select(User.id).where(User.username == username)).scalar()
        if found is None:
            found = self._shadow(username, display, unit_code)
        self._user_ids[username] = found
        self._users[found] = username
        return found

    def _shadow(self, username: str, display: str, unit_code: str | None) -> int:
        """A person of another installation who acted on a record that came here: named on the record, with no
        password and no role, so the account can never log in or act here."""
        unit_id = self._unit_ids.get(unit_code or "") or min(self._units)
        user = User(username=username, display_name=(display or username)[:60], unit_id=unit_id,
                    password_hash="!remote", active=True, must_change_password=False, created_at=now_utc())
        self.session.add(user)
        self.session.flush()
        return user.id

    def assigned_number(self, version_id: int) -> dict[str, Any] | None:
        """The 发文字号 the issuing unit's sequence gave a version (issuing.numbering), with its place in the
        sequence: it travels with the version so every installation prints the same number."""
        if self._numbers is None:
            self._numbers = {
                n.version_id: {"unit": self.unit_code(n.unit_id), "year": n.year, "seq": n.seq, "number": n.number,
                               "assigned_at": moment_text(n.assigned_at)}
                for n in self.session.execute(select(DocNumber)).scalars()}
        return self._numbers.get(version_id)

    def unit_code(self, unit_id: int | None) -> str | None:
        return None if unit_id is None else self._units.get(unit_id)

    def unit_id(self, code: str | None) -> int | None:
        if code is None:
            return None
        if code not in self._unit_ids:
            raise ValueError(f"本机的机构中没有代码为 {code} 的单位")
        return self._unit_ids[code]

    def uid_of(self, kind: str, row_id: int | None) -> str | None:
        if row_id is None:
            return None
        key = (kind, row_id)
        if key not in self._uids:
            model = BY_NAME[kind].model
            self._uids[key] = self.session.execute(
                select(model.uid).where(model.id == row_id)  # type: ignore[attr-defined]
            ).scalar_one()
        return self._uids[key]

    def id_of(self, kind: str, uid: str | None) -> int | None:
        if uid is None:
            return None
        key = (kind, uid)
        if key in self._absent:
            return None
        if key not in self._ids:
            model = BY_NAME[kind].model
            found = self.session.execute(
                select(model.id).where(model.uid == uid)  # type: ignore[attr-defined]
            ).scalar_one_or_none()
            if found is None:
                return None
            self._ids[key] = found
        return self._ids[key]

    def prefetch(self, kind: str, uids: set[str]) -> None:
        """Look up many uids of one kind at once (an import names thousands): found ones are cached, the others
        remembered as absent until `remember` says they were inserted."""
        model: Any = BY_NAME[kind].model
        wanted = [u for u in uids if (kind, u) not in self._ids and (kind, u) not in self._absent]
        for start in range(0, len(wanted), 500):  # PostgreSQL and SQLite both take 500 parameters comfortably
            chunk = wanted[start:start + 500]
            found = {u: i for u, i in self.session.execute(select(model.uid, model.id)
                                                           .where(model.uid.in_(chunk)))}
            for u in chunk:
                if u in found:
                    self._ids[(kind, u)] = found[u]
                    self._uids[(kind, found[u])] = u
                else:
                    self._absent.add((kind, u))

    def remember(self, kind: str, uid: str, row_id: int) -> None:
        self._absent.discard((kind, uid))
        self._ids[(kind, uid)] = row_id
        self._uids[(kind, row_id)] = uid


def serialise(kind: Kind, row: Any, names: Names) -> dict[str, Any]:
    out: dict[str, Any] = {"uid": row.uid}
    for column, how in kind.fields.items():
        value = getattr(row, column)
        if isinstance(how, Ref):
            out[column] = names.uid_of(how.kind, value)
        elif isinstance(how, PolyRef):
            out[column] = names.uid_of(how.kinds[getattr(row, how.kind_column)], value)
        elif how == MOMENT:
            out[column] = moment_text(value)
        elif how == USER:
            out[column] = names.user_name(value)
        elif how == UNIT:
            out[column] = names.unit_code(value)
        elif how == BYTES:
            out[column] = base64.b64encode(value).decode("ascii")
        else:
            out[column] = str(value) if hasattr(value, "value") else value  # StrEnum -> its text
    if kind.name == "version":
        out["assigned_number"] = names.assigned_number(row.id)
    return out


def local_value(kind: Kind, column: str, value: Any, names: Names, payload: dict[str, Any]) -> Any:
    """A payload's value as the column holds it here."""
    how = kind.fields[column]
    if isinstance(how, Ref):
        return names.id_of(how.kind, value)
    if isinstance(how, PolyRef):
        owner = how.kinds.get(str(payload.get(how.kind_column)))
        if owner is None:
            raise ValueError(f"unknown owner kind {payload.get(how.kind_column)!r}")
        return names.id_of(owner, value)
    if how == MOMENT:
        return parse_moment(value)
    if how == USER:
        display = str(payload.get(column.replace("_id", "_name")) or payload.get("actor_name") or "")
        return names.user_id(value, display, payload.get("unit_id") if isinstance(payload.get("unit_id"), str)
                             else None)
    if how == UNIT:
        return names.unit_id(value)
    if how == BYTES:
        return base64.b64decode(value)
    return value

