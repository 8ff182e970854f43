"""Documents with versions: drafts, submitting (which freezes a version), the views the UI and reports get.

A version's content is a JSON snapshot of the incident at drafting time plus the document's own fields; its
SHA-256 over canonical JSON ties a decision, a signature and a printed page to exactly that content. Editing a
frozen version makes version N+1, which needs its own approvals.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from desktop.db.models import AuditEntry, Document, DocumentVersion, Incident, PaperSignature, User
from desktop.domain import (
    ELEMENTS,
    MAJOR_CRITERIA,
    MAJOR_ELEMENTS,
    MONITORING_PLATFORMS,
    MONITORING_TONES,
    STAGES,
    SYSTEM,
    Actor,
    ApprovalStep,
    Decision,
    DocumentState,
    IncidentRecord,
    Stage,
)
from desktop.errors import ConflictError, ErrorCode, NotFound, PermissionDenied, ValidationError
from desktop.services import accountability, audit, doc_steps, incidents, org, permissions
from desktop.services.doc_steps import KINDS, STEP_LABELS, Step
from desktop.services.issuing import numbering, verification
from desktop.services.rulesets import ruleset_for
from desktop.timeutil import format_rfc3339_cst, now_utc
from desktop.validation import ident, mapping, text

CONTENT_SCHEMA = 1
STATES: dict[DocumentState, str] = {
    DocumentState.DRAFT: "草稿",
    DocumentState.SUBMITTED: "待审批",
    DocumentState.RETURNED: "已退回",
    DocumentState.APPROVED: "已审批",
    DocumentState.SIGNED: "已签发",
    DocumentState.SENT: "已报送",
    DocumentState.SUPERSEDED: "已被新版本取代",
}
DECISIONS: dict[Decision, str] = {
    Decision.APPROVED: "同意",
    Decision.RETURNED: "退回",
    Decision.SIGNED: "签发",
    Decision.SENT: "报送",
}
# Decisions that take a step (a return takes none: the version goes back to its drafter).
TAKEN = (Decision.APPROVED, Decision.SIGNED)

# The fields a drafter writes, per kind; everything else in the content is the incident's snapshot.
# "cc" (抄送) is the drafter's choice, never a default (3.1.4: reports go up level by level); "overdue_notes" holds
# one line per overdue item, "rule id｜explanation" (超时未办说明), entered next to the item in the editor.
COMMON_FIELDS = ("doc_number", "title", "recipient", "cc", "body", "contact_person", "contact_phone",
                 "overdue_notes", *("urgency", "copy_number", "classification", "secrecy_period", "attachments"))
# GB/T 9704 7.2.1-7.2.3, 7.3.4: the drafter's optional marks. Urgency is a choice, never a default; attachments
# are one name a line. The vocabularies the standard allows:
URGENCIES = ("特急", "加急")
CLASSIFICATIONS = ("绝密", "机密", "秘密")
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "written_report": COMMON_FIELDS,
    "response_plan": (*COMMON_FIELDS, "reply_script", "plan_measures", "spokesperson"),
    "major_report": (*COMMON_FIELDS, "reply_script", "spokesperson", "spokesperson_phone", "responsibility"),
    "evaluation": (*COMMON_FIELDS, "evaluation", "lessons", "improvements", "positive_publicity",
                   "accountability"),
}
# The drafter's fields in the words of the forms, in the order the forms and the documents give them.
FIELD_LABELS: dict[str, str] = {
    "doc_number": "发文字号",
    "title": "标题",
    "recipient": "主送机关",
    "cc": "抄送机关",
    "overdue_notes": "超时未办说明",
    "urgency": "紧急程度",
    "copy_number": "份号",
    "classification": "密级",
    "secrecy_period": "保密期限",
    "attachments": "附件",
    "body": "正文",
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "reply_script": "应答口径",
    "plan_measures": "应对措施",
    "spokesperson": "新闻发言人",
    "spokesperson_phone": "发言人电话",
    "responsibility": "事故责任",
    "evaluation": "影响及处置评估",
    "lessons": "经验教训",
    "improvements": "改进措施",
    "positive_publicity": "正面宣传",
    "accountability": "责任追究",
}
# Kinds of which an incident has one document; written reports have one first and one final report, and any
# number of follow-ups.
SINGLE_PER_INCIDENT = ("response_plan", "major_report", "evaluation")


# --- views --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionView:
    step: ApprovalStep
    step_label: str
    decision: Decision
    decision_label: str
    actor_id: int
    actor_name: str
    comment: str
    decided_at: datetime


@dataclass(frozen=True)
class StepView:
    key: ApprovalStep
    label: str
    action: str  # approve / sign
    article: str
    done_by: str  # the name of who took it, "" while open
    done_at: datetime | None


@dataclass(frozen=True)
class PaperSignatureView:
    """A wet-ink signature recorded for a version (3.3.3): who signed on paper, who recorded it, the scan."""

    signer_name: str
    signed_at: datetime
    recorded_by_name: str
    recorded_at: datetime
    scan_filename: str
    scan_mime: str
    scan_size: int
    scan_sha256: str


@dataclass(frozen=True)
class DocumentVersionView:
    """One version of a document, as the UI and the reports see it."""

    version_id: int
    document_id: int
    incident_id: int
    incident_number: str
    kind: str
    kind_label: str
    stage: Stage | None  # written reports only
    stage_label: str
    unit_id: int
    unit_name: str
    number: int
    is_current: bool
    state: DocumentState
    state_label: str
    content: dict[str, Any]
    sha256: str
    created_by_id: int | None
    created_by_name: str
    created_at: datetime
    submitted_at: datetime | None
    signer_id: int | None
    signer_name: str
    signed_at: datetime | None
    decisions: tuple[DecisionView, ...] = ()
    steps: tuple[StepView, ...] = ()
    fields: dict[str, str] = field(default_factory=dict)
    paper_signature: PaperSignatureView | None = None  # signed by hand on paper, recorded with a scan
    assigned_number: str = ""  # 发文字号 given from the unit's sequence at signing when the drafter left it blank
    anchored_code: str = ""  # RDV2, made where the key and the record are at hand (`to_view`); "" if unsigned

    @property
    def doc_number(self) -> str:
        return self.fields.get("doc_number", "") or self.assigned_number

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def verification_code(self) -> str:
        """Printed on the PDF; `approvals.verify_code` finds the stored version from it. A signed version's carries
        the record's position at its signing (RDV2); an unsigned one's, shown only on screen, stays RDV1."""
        return self.anchored_code or verification.make_code(self.version_id, self.sha256)

    @property
    def last_return(self) -> DecisionView | None:
        returned = [d for d in self.decisions if d.decision == Decision.RETURNED]
        return returned[-1] if returned else None


# --- content ------------------------------------------------------------------------------------------------


def canonical_json(content: dict[str, Any]) -> str:
    return audit.canonical(content)


def content_sha256(content_json: str) -> str:
    return hashlib.sha256(content_json.encode("utf-8")).hexdigest()


def _time(value: datetime | None) -> str | None:
    return format_rfc3339_cst(value) if value is not None else None


def _snapshot(session: Session, record: IncidentRecord, kind: str, now: datetime,
              with_linked: bool = True) -> dict[str, Any]:
    """The incident's facts, 3.3.2 elements, timeline and deadlines at this moment. Without `with_linked` the records
    kept beside the incident (opinions, monitoring entries, attachments, accountability) are left out: the
    register prints none of them and must not query them once per incident of a period."""
    rules = ruleset_for(record.rule_set_id, record.rule_set_version)
    labels = {t: e.label_zh for t, e in rules.event_types.items()}
    elements = {k: record.elements.get(k, "") for k in ELEMENTS}
    if record.is_major or kind == "major_report":
        elements.update({k: record.elements.get(k, "") for k in MAJOR_ELEMENTS})
    snapshot: dict[str, Any] = {
        "incident": {
            "id": record.id,
            "number": record.number,
            "title": record.title,
            "unit_id": record.unit_id,
            "unit_name": record.unit_name,
            "location": record.location,
            "lead_unit_name": record.lead_unit_name,
            "occurred_at": _time(record.occurred_at),
            "learned_at": _time(record.learned_at),
            "place": record.place,
            "severity": record.severity,
            "initial_severity": record.initial_severity,
            "business_line": record.business_line,
            "business_line_name": record.business_line_name,
            "business_dept_name": record.business_dept_name,
            "customer_dispute": record.customer_dispute,
            "source": record.source,
        },
        "elements": elements,
        "timeline": [
            {
                "type": e.type,
                "label": labels.get(e.type, e.type),
                "at": _time(e.at),
                "recorded_by": e.recorded_by,
                "note": e.note,
                "data": e.data,
                "late_reason": e.late_reason,
            }
            for e in record.events
            if not e.withdrawn  # withdrawn and corrected events stay in the record, not in what is reported
        ],
        "deadlines": [
            {
                "id": s.rule.id,
                "article": s.rule.article,
                "responsible": s.rule.responsible,
                "kind": s.rule.kind,
                "due_at": _time(s.due_at),
                "status": s.status,
                "done_at": _time(s.done_at),
            }
            for s in incidents.deadlines(record, now, rules)
        ],
        "snapshot_at": _time(now),
    }
    if not with_linked:
        return snapshot
    # 4.3.4(5), 4.2.2.x(5): the public-opinion entries reach the paper with the rest of the record.
    snapshot["opinions"] = [
        {"source": o.source, "title": o.link_or_title, "at": _time(o.seen_at), "reach": o.reach, "tone": o.tone}
        for o in incidents.opinions(session, SYSTEM, record.id)
    ]
    # The monitoring register's entries linked to the incident (escalated or linked) join them on paper. Its
    # tables are imported here, by a snapshot, not by printing a stored version (a cold `repdesk report`).
    from desktop.db import register_tables

    linked = register_tables.linked_monitoring(session, record.id)
    snapshot["opinions"] += [
        {"source": MONITORING_PLATFORMS.get(m["platform"], m["platform"]), "title": m["title"],
         "at": _time(m["observed_at"]), "reach": _reach(m["reads"], m["reposts"]),
         "tone": MONITORING_TONES.get(m["tone"], m["tone"])}
        for m in linked
    ]
    snapshot["opinions"].sort(key=lambda o: o["at"] or "")
    # 附件 (GB/T 9704 7.3.4): the evidence kept with the incident, by file name; only when there is any, so a
    # document of an incident without attachments keeps the content it always had.
    files = register_tables.owner_attachment_names(session, "incident", record.id)
    if files:
        snapshot["attachments"] = files
    if record.is_major:
        snapshot["incident"]["major_criteria"] = [MAJOR_CRITERIA[k] for k in record.major_criteria]  # 4.1
    if kind == "evaluation":
        snapshot["accountability_items"] = [  # 6.1
            {"unit": a.unit_name, "person": a.person, "measure": a.measure_label, "text": a.text,
             "quarter": a.quarter}
            for a in accountability.items(session, SYSTEM, record.id)
        ]
    if kind == "major_report" or (kind == "response_plan" and record.is_major):
        group = incidents.leadership_group(session, SYSTEM, record.id)
        snapshot["leadership_group"] = [{"position": p, "name": n, "title": t} for p, n, t in group]
    return snapshot


def _reach(reads: int | None, reposts: int | None) -> str:
    parts = [f"阅读{reads}" if reads is not None else "", f"转发{reposts}" if reposts is not None else ""]
    return "，".join(p for p in parts if p)


def _default_fields(
    session: Session, actor: Actor, record: IncidentRecord, kind: str, stage: Stage | None
) -> dict[str, str]:
    user = session.get(User, actor.user_id) if actor.user_id is not None else None
    fields = {k: "" for k in KIND_FIELDS[kind]}
    fields["contact_person"] = actor.name if user is not None else ""
    fields["contact_phone"] = user.phone if user is not None else ""
    # 3.1.4: addressed one level up from the issuing unit, never to the issuer itself; names from the tree.
    fields["recipient"] = numbering.upward_recipient(session, _doc_unit_id(session, kind, record), kind)
    if kind == "written_report":
        fields["title"] = f"关于{record.title}的报告（{STAGES[stage or Stage.FIRST]}）"
    elif kind == "response_plan":
        fields["title"] = f"关于{record.title}的应对方案"
        fields["reply_script"] = record.reply_script
        fields["spokesperson"] = record.spokesperson_name  # 4.3.4(3): the plan names who speaks
    elif kind == "major_report":
        fields["title"] = f"关于{record.title}的重大突发事件报告"
        fields["reply_script"] = record.reply_script
        fields["spokesperson"] = record.spokesperson_name
        # 4.3.4(3): the head office must be able to reach the spokesperson; their account's phone to start with
        speaker = session.execute(
            select(User.phone).where(User.display_name == record.spokesperson_name, User.active.is_(True))
        ).first() if record.spokesperson_name else None
        fields["spokesperson_phone"] = speaker[0] if speaker else ""
    elif kind == "evaluation":
        fields["title"] = f"关于{record.title}的评估总结报告"
        for key in ("evaluation", "lessons", "positive_publicity", "accountability"):
            fields[key] = getattr(record, key)
    return fields


def _clean_fields(kind: str, given: dict[str, Any]) -> dict[str, str]:
    allowed = KIND_FIELDS[kind]
    out: dict[str, str] = {}
    mapping(given, "fields", len(allowed))
    for key, value in given.items():
        if key not in allowed:
            raise ValidationError(str(key)[:40], f"{KINDS[kind]}没有这一项")
        out[key] = text(value, key)
    if "title" in out and not out["title"]:
        raise ValidationError("title", "请填写文件标题")
    _check_marks(out)
    return out


def _check_marks(out: dict[str, str]) -> None:
    """GB/T 9704 7.2.1-7.2.3: the marks take only the values the standard allows."""
    if out.get("urgency") and out["urgency"] not in URGENCIES:
        raise ValidationError("urgency", "紧急程度只能是“特急”“加急”或不标注")
    if out.get("classification") and out["classification"] not in CLASSIFICATIONS:
        raise ValidationError("classification", "密级只能是“绝密”“机密”“秘密”或不标注")
    if out.get("copy_number") and not (out["copy_number"].isdigit() and len(out["copy_number"]) <= 6):
        raise ValidationError("copy_number", "份号应为不超过6位的阿拉伯数字")
    if out.get("secrecy_period") and not out.get("classification"):
        raise ValidationError("secrecy_period", "标注保密期限须同时标注密级")


def _build_content(
    session: Session,
    record: IncidentRecord,
    document: Document,
    fields: dict[str, str],
    unit_name: str,
    now: datetime,
) -> dict[str, Any]:
    content = {
        "schema": CONTENT_SCHEMA,
        "kind": document.kind,
        "stage": document.stage,
        "unit": {"id": document.unit_id, "name": unit_name},
        "fields": fields,
    }
    content.update(_snapshot(session, record, document.kind, now))
    return content


def _set_content(version: DocumentVersion, content: dict[str, Any]) -> None:
    version.content = canonical_json(content)
    version.sha256 = content_sha256(version.content)


def _doc_unit_id(session: Session, kind: str, record: IncidentRecord) -> int:
    """The unit whose document it is: the reporting unit (3.3.3), the branch for the head-office report, else
    the
    incident's lead department."""
    if kind == "written_report":
        return record.unit_id
    if kind == "evaluation" and record.location == "same_city":
        return record.unit_id  # 5.2: the responsible unit sends its evaluation up to the branch office
    if kind == "major_report":
        branch = next(
            (u.id for u in org.list_units(session, include_inactive=True) if u.kind == "branch"), None
        )
        if branch is not None:
            return branch
    return record.lead_unit_id or record.unit_id


# --- loading ------------------------------------------------------------------------------------------------


def load_version(session: Session, version_id: int) -> DocumentVersion:
    ident(version_id, "version_id")
    version = session.get(DocumentVersion, version_id, options=[selectinload(DocumentVersion.decisions)])
    if version is None:
        raise NotFound(f"找不到文件版本（编号 {version_id}）")
    return version


def incident_of(session: Session, actor: Actor, document: Document) -> Incident:
    incident = session.get(Incident, document.incident_id)
    if incident is None:
        raise NotFound("文件所属事件不存在")
    permissions.require_see(session, actor, incident)
    return incident


def latest_version(document: Document) -> DocumentVersion:
    return max(document.versions, key=lambda v: v.number)


def steps_for(session: Session, document: Document) -> tuple[Step, ...]:
    incident = session.get(Incident, document.incident_id)
    assert incident is not None
    info = org.unit_info(session, incident.unit_id)
    return doc_steps.required_steps(document.kind, incident.severity, info.location)


def _names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(wanted))).all())


def to_view(session: Session, version: DocumentVersion) -> DocumentVersionView:
    document = version.document
    incident = session.get(Incident, document.incident_id)
    assert incident is not None
    names = _names(session, {version.created_by_id, version.signed_by_id})
    decisions = tuple(
        DecisionView(
            d.step,
            STEP_LABELS.get(d.step, d.step),
            d.decision,
            DECISIONS.get(d.decision, d.decision),
            d.actor_id,
            d.actor_name,
            d.comment,
            d.decided_at,
        )
        for d in sorted(version.decisions, key=lambda d: (d.decided_at, d.id))
    )
    done = {d.step: d for d in decisions if d.decision in TAKEN}
    steps = tuple(
        StepView(
            s.key,
            s.label,
            s.action,
            s.article,
            done[s.key].actor_name if s.key in done else "",
            done[s.key].decided_at if s.key in done else None,
        )
        for s in steps_for(session, document)
    )
    content = json.loads(version.content)
    paper = _paper_signature(session, version)
    return DocumentVersionView(
        version_id=version.id,
        document_id=document.id,
        incident_id=incident.id,
        incident_number=incident.number,
        kind=document.kind,
        kind_label=KINDS[document.kind],
        stage=Stage(document.stage) if document.stage else None,
        stage_label=STAGES.get(document.stage, ""),
        unit_id=document.unit_id,
        unit_name=content.get("unit", {}).get("name", ""),
        number=version.number,
        is_current=version.number == latest_version(document).number,
        state=version.state,
        state_label=STATES[version.state],
        content=content,
        sha256=version.sha256,
        created_by_id=version.created_by_id,
        created_by_name=names.get(version.created_by_id or 0, ""),
        created_at=version.created_at,
        submitted_at=version.submitted_at,
        signer_id=version.signed_by_id,
        signer_name=paper.signer_name if paper is not None else names.get(version.signed_by_id or 0, ""),
        signed_at=version.signed_at,
        decisions=decisions,
        steps=steps,
        fields=dict(content.get("fields", {})),
        paper_signature=paper,
        assigned_number=numbering.assigned(session, version.id),
        anchored_code=_anchored_code(session, version),
    )


# The record's entries that sign a version: by an account, or a wet-ink signature entered with its scan.
SIGNING_ACTIONS = ("document.signed", "document.paper_signed")


def signing_entry(session: Session, version_id: int) -> AuditEntry | None:
    """The audit entry that recorded the signing of version `version_id`, or None."""
    return session.execute(
        select(AuditEntry)
        .where(AuditEntry.entity == "document_version", AuditEntry.entity_id == str(version_id),
               AuditEntry.action.in_(SIGNING_ACTIONS))
        .order_by(AuditEntry.id.desc()).limit(1)
    ).scalar_one_or_none()


def _anchored_code(session: Session, version: DocumentVersion) -> str:
    """The RDV2 code of a signed version. Without its signing entry or this installation's key it cannot be made:
    "" (the view then shows the unanchored RDV1 code; printing it records a print, which needs the key anyway)."""
    if version.signed_at is None or version.id is None:
        return ""
    entry = signing_entry(session, version.id)
    installation = audit.installation_id(session)
    if entry is None or installation is None:
        return ""
    try:
        key = audit.load_key(installation)
    except audit.KeyMissing:
        return ""
    return verification.make_anchored_code(key, version.id, version.sha256, entry.id)


def _paper_signature(session: Session, version: DocumentVersion) -> PaperSignatureView | None:
    """The wet-ink signature of a version signed without an account (no signer account, a signing time)."""
    if version.signed_at is None or version.signed_by_id is not None:
        return None
    row = session.execute(
        select(PaperSignature).where(PaperSignature.version_id == version.id)
    ).scalar_one_or_none()  # the scan itself is deferred: not loaded here
    if row is None:
        return None
    return PaperSignatureView(row.signer_name, row.signed_at, row.recorded_by_name, row.recorded_at,
                              row.scan_filename, row.scan_mime, row.scan_size, row.scan_sha256)


def flush(session: Session, what: str) -> None:
    """Flush, turning a concurrent change of the same version into a clear refusal."""
    try:
        session.flush()
    except StaleDataError:
        raise ConflictError(f"{what}已被其他用户处理，请刷新后重试", ErrorCode.STALE) from None


# --- commands -----------------------------------------------------------------------------------------------


def create_document(
    session: Session,
    actor: Actor,
    incident_id: int,
    kind: str,
    stage: Stage | str = "",
    fields: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> DocumentVersionView:
    """A new document with its first version, a draft pre-filled from the incident. `stage`: a written
    report's, "" for the other kinds."""
    now = now or now_utc()
    ident(incident_id, "incident_id")
    actor = doc_steps.current_actor(session, actor)
    if not isinstance(kind, str) or kind not in KINDS:
        raise ValidationError("kind", f"未知的文件类型：{kind}")
    chosen: Stage | None = None
    if kind == "written_report":
        if not isinstance(stage, str) or stage not in STAGES:
            raise ValidationError("stage", "请选择报告阶段：首报、续报或终报")
        chosen = Stage(stage)
    elif stage:
        raise ValidationError("stage", f"{KINDS[kind]}没有报告阶段")
    record = incidents.get_incident(session, actor, incident_id)
    unit = org.unit_info(session, record.unit_id)
    reason = doc_steps.may_draft(session, actor, kind, unit)
    if reason:
        raise PermissionDenied(reason)
    if kind == "major_report" and not record.is_major:
        raise ValidationError("kind", "只有重大声誉事件才报送《重大突发事件报告》（4.3.4(2)）")
    stored = chosen.value if chosen else ""
    if kind in SINGLE_PER_INCIDENT or chosen in (Stage.FIRST, Stage.FINAL):
        exists = session.execute(
            select(Document.id).where(
                Document.incident_id == record.id, Document.kind == kind, Document.stage == stored
            )
        ).first()
        if exists:
            label = KINDS[kind] + (f"（{STAGES[chosen]}）" if chosen else "")
            raise ValidationError("kind", f"事件 {record.number} 已有{label}，请打开后修改")
    values = _default_fields(session, actor, record, kind, chosen)
    values.update(_clean_fields(kind, fields or {}))
    document = Document(
        incident_id=record.id,
        kind=kind,
        stage=stored,
        unit_id=_doc_unit_id(session, kind, record),
        doc_number=values.get("doc_number", ""),
        created_at=now,
    )
    session.add(document)
    session.flush()
    content = _build_content(
        session, record, document, values, org.unit_info(session, document.unit_id).name, now
    )
    version = DocumentVersion(
        document=document, number=1, state=DocumentState.DRAFT, created_by_id=actor.user_id, created_at=now
    )
    _set_content(version, content)
    session.add(version)
    session.flush()
    audit.record(
        session,
        actor,
        "document.create",
        "document_version",
        version.id,
        after={"kind": kind, "stage": stored, "version": 1, "sha256": version.sha256},
        incident_id=record.id,
        at=now,
    )
    return to_view(session, version)


def edit_document(
    session: Session,
    actor: Actor,
    document_id: int,
    expected_sha256: str,
    fields: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> DocumentVersionView:
    """Change the drafter's fields and refresh the incident snapshot.

    A draft is changed in place; a frozen version is left as it was and version N+1 is made as a new draft (a
    version still waiting for approval leaves the queue). `expected_sha256`: the version the form shows.
    """
    now = now or now_utc()
    ident(document_id, "document_id")
    text(expected_sha256, "expected_sha256", 64)
    actor = doc_steps.current_actor(session, actor)
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"找不到文件（编号 {document_id}）")
    incident = incident_of(session, actor, document)
    reason = doc_steps.may_draft(session, actor, document.kind, org.unit_info(session, incident.unit_id))
    if reason:
        raise PermissionDenied(reason)
    current = latest_version(document)
    if current.sha256 != expected_sha256:
        raise ConflictError(
            f"{KINDS[document.kind]}已被其他用户修改（现为第{current.number}版），请重新打开后再编辑",
            ErrorCode.STALE,
        )
    record = incidents.get_incident(session, actor, incident.id)
    values = dict(json.loads(current.content).get("fields", {}))
    values.update(_clean_fields(document.kind, fields or {}))
    if document.kind == "written_report":
        document.unit_id = record.unit_id  # 3.3.3: the reporting unit is the incident unit
    document.doc_number = values.get("doc_number", "")
    content = _build_content(
        session, record, document, values, org.unit_info(session, document.unit_id).name, now
    )
    before = {"version": current.number, "state": current.state, "sha256": current.sha256}
    if current.state == DocumentState.DRAFT:
        version = current
        _set_content(version, content)
    else:
        if current.state == DocumentState.SUBMITTED:
            current.state = DocumentState.SUPERSEDED
        version = DocumentVersion(
            document=document,
            number=current.number + 1,
            state=DocumentState.DRAFT,
            created_by_id=actor.user_id,
            created_at=now,
        )
        _set_content(version, content)
        session.add(version)
    flush(session, KINDS[document.kind])
    audit.record(
        session,
        actor,
        "document.edit",
        "document_version",
        version.id,
        before=before,
        after={"version": version.number, "state": version.state, "sha256": version.sha256, "fields": values},
        incident_id=incident.id,
        at=now,
    )
    return to_view(session, version)


def submit(
    session: Session, actor: Actor, version_id: int, expected_sha256: str, now: datetime | None = None
) -> DocumentVersionView:
    """Freeze a draft and put it in the approval queue."""
    now = now or now_utc()
    text(expected_sha256, "expected_sha256", 64)
    actor = doc_steps.current_actor(session, actor)
    version = load_version(session, version_id)
    document = version.document
    incident = incident_of(session, actor, document)
    reason = doc_steps.may_draft(session, actor, document.kind, org.unit_info(session, incident.unit_id))
    if reason:
        raise PermissionDenied(reason)
    if version.number != latest_version(document).number:
        raise ConflictError(f"第{version.number}版已不是最新版本，请打开最新版本", ErrorCode.STALE)
    if version.state != DocumentState.DRAFT:
        raise ConflictError(f"第{version.number}版{STATES[version.state]}，不能再次提交", ErrorCode.WRONG_STATE)
    if version.sha256 != expected_sha256:
        raise ConflictError("文件内容已被修改，请重新打开核对后再提交", ErrorCode.STALE)
    content = json.loads(version.content)
    if document.kind in ("written_report", "major_report"):
        # 3.3.2: every element, and for major incidents the two more, before it can go up for signing.
        labels = {**ELEMENTS, **MAJOR_ELEMENTS}
        given = content.get("elements", {})
        missing = [label for key, label in labels.items() if key in given and not str(given[key]).strip()]
        if missing:
            raise ValidationError("elements", f"报告要素不全（3.3.2），请补充：{'、'.join(missing)}")
    if document.kind == "response_plan" and not content["fields"].get("reply_script", "").strip():
        raise ValidationError("reply_script", "应对方案须包括应答口径（4.2.2.x(3)）")
    _check_paper(session, document, content, incident)
    version.state = DocumentState.SUBMITTED
    version.submitted_at = now
    flush(session, KINDS[document.kind])
    audit.record(
        session,
        actor,
        "document.submit",
        "document_version",
        version.id,
        before={"state": DocumentState.DRAFT},
        after={"state": DocumentState.SUBMITTED, "sha256": version.sha256},
        incident_id=incident.id,
        at=now,
    )
    return to_view(session, version)


def overdue_items(content: dict[str, Any]) -> list[dict[str, Any]]:
    """The snapshot's deadlines that were overdue (超时未办) when it was taken: each needs an explanation."""
    return [d for d in content.get("deadlines", []) if d.get("status") == "overdue"]


def parse_notes(text: str) -> dict[str, str]:
    """overdue_notes ("rule id｜explanation" per line) as {rule id: explanation}."""
    notes: dict[str, str] = {}
    for line in text.splitlines():
        rule, sep, note = line.partition("｜")
        if sep and rule.strip() and note.strip():
            notes[rule.strip()] = note.strip()
    return notes


def format_notes(notes: dict[str, str]) -> str:
    return "\n".join(f"{k}｜{v.strip()}" for k, v in notes.items() if v.strip())


def _check_paper(session: Session, document: Document, content: dict[str, Any], incident: Incident) -> None:
    """Nothing unfinished goes up for signing: the paper must be right the first time."""
    f = content.get("fields", {})
    issuer = content.get("unit", {}).get("name", "")
    recipient = f.get("recipient", "").strip()
    if not recipient:
        raise ValidationError("recipient", "请填写主送机关（3.1.4：逐级上报）")
    if recipient == issuer:
        raise ValidationError("recipient", f"主送机关不能是发文单位本身（{issuer}），请填写上一级机关（3.1.4）")
    if f.get("cc", "").strip() == issuer:
        raise ValidationError("cc", f"抄送机关不能是发文单位本身（{issuer}）")
    number = f.get("doc_number", "").strip()
    if number and incident.number in number:
        raise ValidationError("doc_number", f"发文字号不能使用事件编号（{incident.number}），应为本单位的发文字号，"
                                            "如“冀华银办〔2026〕12号”")
    if not number and not numbering.doc_prefix(session, document.unit_id):
        raise ValidationError("doc_number", f"请填写发文字号：{issuer}尚未设置机关代字，系统无法自动编号")
    notes = parse_notes(f.get("overdue_notes", ""))
    missing = [d["article"] for d in overdue_items(content) if d["id"] not in notes]
    if missing:
        raise ValidationError("overdue_notes",
                              f"以下事项已超时未办，请在其旁填写超时未办说明后再提交：{'、'.join(missing)}")
    if document.kind == "response_plan":
        if not f.get("body", "").strip():
            raise ValidationError("body", "应对方案须写明应对原则（4.2.2.x(3)）")
        if not f.get("plan_measures", "").strip():
            raise ValidationError("plan_measures", "应对方案须列出应对措施（4.2.2.x(3)）")
        if incident.severity == "major" and not f.get("spokesperson", "").strip():
            raise ValidationError("spokesperson", "重大事件的应对方案须明确新闻发言人（4.3.4(3)）")


# --- queries ------------------------------------------------------------------------------------------------


def get_version(session: Session, actor: Actor, version_id: int) -> DocumentVersionView:
    version = load_version(session, version_id)
    incident_of(session, actor, version.document)
    return to_view(session, version)


def versions(session: Session, actor: Actor, document_id: int) -> list[DocumentVersionView]:
    ident(document_id, "document_id")
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"找不到文件（编号 {document_id}）")
    incident_of(session, actor, document)
    return [to_view(session, v) for v in sorted(document.versions, key=lambda v: v.number)]


def list_documents(session: Session, actor: Actor, incident_id: int) -> list[DocumentVersionView]:
    """The current version of each document of an incident."""
    ident(incident_id, "incident_id")
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound(f"找不到事件（编号 {incident_id}）")
    permissions.require_see(session, actor, incident)
    docs = (
        session.execute(
            select(Document)
            .where(Document.incident_id == incident_id)
            .order_by(Document.created_at, Document.id)
        )
        .scalars()
        .all()
    )
    return [to_view(session, latest_version(d)) for d in docs]
