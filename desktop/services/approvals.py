"""The approval queue and the decisions: approve, return, sign, send; head-office consent; the regulator.

Every decision is on one frozen version, named by its id and the SHA-256 the user was shown: a decision on a
version that is no longer the current submitted one is refused as stale. The decisions record the timeline
events of the deadline rules through the incident service, so the deadlines move by themselves.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified

from desktop.db.models import ApprovalDecision, AuditEntry, Document, DocumentVersion, Incident, PaperSignature
from desktop.domain import STAGES, Actor, ApprovalStep, Decision, DocumentState, IncidentRecord, UnitInfo
from desktop.errors import ConflictError, ErrorCode, NotFound, PermissionDenied, RepDeskError, ValidationError
from desktop.rules.model import RuleStatus
from desktop.services import audit, doc_steps, documents, incidents, org, permissions
from desktop.services import deadline_board as dl
from desktop.services.doc_steps import KINDS, Step
from desktop.services.documents import DocumentVersionView
from desktop.services.issuing import numbering, verification
from desktop.timeutil import format_cst, now_utc
from desktop.validation import MAX_ID, optional_time, text, time

# The timeline event each kind of document completes, and so the deadline it serves (3.3.1, 4.2.2.x(3),
# 3.2.3).
SERVES: dict[str, str] = {
    "written_report": "written_report_to_lead",
    "response_plan": "response_plan_approved",
    "major_report": "reported_to_head_office",
}
ACTIONS: dict[str, str] = {"approve": "审批", "sign": "签发", "send": "报送"}


@dataclass(frozen=True)
class QueueItem:
    """One thing waiting for the logged-in user, with the deadline it serves."""

    version_id: int
    document_id: int
    incident_id: int
    incident_number: str
    incident_title: str
    kind: str
    kind_label: str
    stage_label: str
    version_number: int
    sha256: str
    action: str  # approve / sign / send
    action_label: str
    step: ApprovalStep
    step_label: str
    step_article: str
    drafter_name: str
    submitted_at: datetime | None
    rule_id: str | None
    rule_article: str | None
    due_at: datetime | None
    rule_kind: str = "deadline"  # of the served rule: deadline / immediate (立即, no limit) / window
    limit_seconds: float = 0.0  # of the served rule

    def seconds_left(self, now: datetime) -> float | None:
        """The countdown: negative once overdue."""
        return (self.due_at - now).total_seconds() if self.due_at is not None else None

    def reading(self, now: datetime, thresholds: dl.Thresholds = dl.DEFAULT_THRESHOLDS) -> dl.Reading | None:
        """State and countdown of the served deadline, as the dashboard shows it; None when it serves none."""
        if self.due_at is None:
            return None
        return dl.reading(self.rule_kind, self.due_at.timestamp(), self.limit_seconds, now.timestamp(), thresholds)

    def is_overdue(self, now: datetime) -> bool:
        reading = self.reading(now)
        return reading is not None and reading.state == dl.OVERDUE


@dataclass(frozen=True)
class ReturnedItem:
    """A version sent back to its drafter, with the comment."""

    version: DocumentVersionView
    returned_by: str
    returned_at: datetime
    comment: str


@dataclass(frozen=True)
class CodeCheck:
    """What a verification code printed on a PDF (format: `desktop.services.issuing.verification`) refers to."""

    ok: bool
    message: str
    version: DocumentVersionView | None = None


# --- state --------------------------------------------------------------------------------------------------


def _done(version: DocumentVersion) -> dict[ApprovalStep, ApprovalDecision]:
    return {d.step: d for d in version.decisions if d.decision in documents.TAKEN}


def _open_steps(steps: tuple[Step, ...], version: DocumentVersion) -> list[Step]:
    """Steps not yet taken whose prerequisites are taken: the ones somebody may act on now."""
    done = _done(version)
    return [s for s in steps if s.key not in done and all(a in done for a in s.after)]


def _state_after(steps: tuple[Step, ...], done: set[ApprovalStep]) -> DocumentState:
    if all(s.key in done for s in steps):
        return DocumentState.SIGNED if any(s.action == "sign" for s in steps) else DocumentState.APPROVED
    if all(s.key in done for s in steps if s.action == "approve"):
        return DocumentState.APPROVED  # approved, waiting for the signature
    return DocumentState.SUBMITTED


def _load_for_decision(
    session: Session, actor: Actor, version_id: int, expected_sha256: str, what: str
) -> tuple[DocumentVersion, Incident]:
    """The version, if it is still the one the user saw; else refused as stale."""
    text(expected_sha256, "expected_sha256", 64)
    version = documents.load_version(session, version_id)
    document = version.document
    incident = documents.incident_of(session, actor, document)
    latest = documents.latest_version(document)
    label = KINDS[document.kind]
    if latest.number != version.number:
        raise ConflictError(
            f"{label}已有新的第{latest.number}版，您打开的第{version.number}版已失效，"
            f"不能{what}；请打开最新版本",
            ErrorCode.STALE,
        )
    if version.state == DocumentState.RETURNED:
        raise ConflictError(f"{label}第{version.number}版已被退回起草人，不能{what}", ErrorCode.WRONG_STATE)
    if version.state == DocumentState.DRAFT:
        raise ConflictError(f"{label}第{version.number}版尚未提交，不能{what}", ErrorCode.WRONG_STATE)
    if version.sha256 != expected_sha256:
        raise ConflictError(
            f"{label}第{version.number}版的内容与您看到的不一致，不能{what}；请重新打开核对", ErrorCode.STALE
        )
    if documents.content_sha256(version.content) != version.sha256:
        raise ConflictError(f"{label}第{version.number}版的内容校验不符，可能已被改动，不能{what}")
    return version, incident


def _decide(
    session: Session,
    actor: Actor,
    version: DocumentVersion,
    incident: Incident,
    step: ApprovalStep,
    decision: Decision,
    comment: str,
    now: datetime,
    new_state: DocumentState,
) -> None:
    before = version.state
    version.decisions.append(
        ApprovalDecision(
            step=step,
            decision=decision,
            actor_id=actor.user_id,
            actor_name=actor.name,
            comment=comment.strip(),
            decided_at=now,
        )
    )
    version.state = new_state
    # Bump the row version even when the state stays: two approvers at once must not both see "one to go".
    flag_modified(version, "state")
    documents.flush(session, KINDS[version.document.kind])
    audit.record(
        session,
        actor,
        f"document.{decision}",
        "document_version",
        version.id,
        before={"state": before},
        after={"state": new_state, "step": step, "comment": comment.strip(), "sha256": version.sha256},
        incident_id=incident.id,
        at=now,
    )
    _number_when_complete(session, actor, version, now)


def _number_when_complete(session: Session, actor: Actor, version: DocumentVersion, now: datetime) -> None:
    """Once the last step is taken the document is issued: a blank 发文字号 takes the issuing unit's next number,
    in this same transaction, so a signed page never goes out unnumbered."""
    steps = documents.steps_for(session, version.document)
    if version.state in (DocumentState.APPROVED, DocumentState.SIGNED) and all(s.key in _done(version) for s in steps):
        drafted = json.loads(version.content).get("fields", {}).get("doc_number", "")
        numbering.assign(session, actor, version, drafted, now)


def _units(session: Session, incident: Incident, document: Document) -> tuple[UnitInfo, UnitInfo]:
    return org.unit_info(session, incident.unit_id), org.unit_info(session, document.unit_id)


def _record(
    session: Session,
    actor: Actor,
    incident: Incident,
    event_type: str,
    at: datetime,
    note: str,
    late_reason: str,
    now: datetime,
) -> IncidentRecord:
    return incidents.record_event(
        session, actor, incident.id, event_type, at, note=note, late_reason=late_reason, now=now, workflow=True
    )


# --- decisions ----------------------------------------------------------------------------------------------


def approve(
    session: Session,
    actor: Actor,
    version_id: int,
    expected_sha256: str,
    comment: str = "",
    late_reason: str = "",
    step: str | None = None,
    now: datetime | None = None,
) -> DocumentVersionView:
    """Approve one open step of a submitted version. The last approval of a response plan records
    `response_plan_approved`, the leadership group's approval of the major report `major_report_approved`;
    `late_reason` is asked for when that event is past its deadline."""
    now = now or now_utc()
    comment, late_reason = text(comment, "comment"), text(late_reason, "late_reason")
    if step is not None and not isinstance(step, str):
        raise ValidationError("step", "审批环节无效")
    actor = doc_steps.current_actor(session, actor)
    doc_steps.person_required(actor, "审批")
    version, incident = _load_for_decision(session, actor, version_id, expected_sha256, "审批")
    document = version.document
    steps = documents.steps_for(session, document)
    incident_unit, doc_unit = _units(session, incident, document)
    if any(d.actor_id == actor.user_id and d.decision == Decision.APPROVED for d in version.decisions):
        raise PermissionDenied("您已审批过该版本，不能重复审批")
    if version.state != DocumentState.SUBMITTED:
        raise ConflictError(
            f"{KINDS[document.kind]}第{version.number}版{documents.STATES[version.state]}，无需再审批",
            ErrorCode.WRONG_STATE,
        )
    candidates = [
        s for s in _open_steps(steps, version) if s.action == "approve" and (step is None or s.key == step)
    ]
    if not candidates:
        raise ConflictError("该审批环节已完成或尚不能办理", ErrorCode.WRONG_STATE)
    reasons = [doc_steps.may_decide(session, actor, s, incident_unit, doc_unit) for s in candidates]
    allowed = [s for s, r in zip(candidates, reasons, strict=True) if r is None]
    if not allowed:
        raise PermissionDenied(reasons[0] or "您不能审批该文件")
    if version.created_by_id == actor.user_id:
        raise PermissionDenied("不能审批本人起草的文件")
    chosen = allowed[0]
    new_state = _state_after(steps, {*_done(version), chosen.key})
    # The timeline event first: if the rules refuse it (or want a late reason), nothing else has changed.
    if document.kind == "response_plan" and new_state == DocumentState.APPROVED:
        _record(
            session,
            actor,
            incident,
            "response_plan_approved",
            now,
            f"{KINDS[document.kind]}第{version.number}版",
            late_reason,
            now,
        )
    if document.kind == "major_report" and chosen.key == ApprovalStep.LEADERSHIP_GROUP:
        _record(
            session, actor, incident, "major_report_approved", now, f"第{version.number}版", late_reason, now
        )
    _decide(session, actor, version, incident, chosen.key, Decision.APPROVED, comment, now, new_state)
    return documents.to_view(session, version)


def return_(
    session: Session,
    actor: Actor,
    version_id: int,
    expected_sha256: str,
    comment: str,
    now: datetime | None = None,
) -> DocumentVersionView:
    """Send a version back to its drafter with a comment; a new version then needs every approval again."""
    now = now or now_utc()
    actor = doc_steps.current_actor(session, actor)
    doc_steps.person_required(actor, "退回")
    comment = text(comment, "comment")
    if not comment:
        raise ValidationError("comment", "退回时请填写意见")
    version, incident = _load_for_decision(session, actor, version_id, expected_sha256, "退回")
    document = version.document
    if version.state not in (DocumentState.SUBMITTED, DocumentState.APPROVED) or version.signed_at is not None:
        raise ConflictError(
            f"{KINDS[document.kind]}第{version.number}版已{documents.STATES[version.state]}，不能退回",
            ErrorCode.WRONG_STATE,
        )
    incident_unit, doc_unit = _units(session, incident, document)
    open_steps = _open_steps(documents.steps_for(session, document), version)
    reasons = [doc_steps.may_decide(session, actor, s, incident_unit, doc_unit) for s in open_steps]
    chosen = next((s for s, r in zip(open_steps, reasons, strict=True) if r is None), None)
    if chosen is None:
        raise PermissionDenied(next((r for r in reasons if r), "您不能退回该文件"))
    _decide(
        session, actor, version, incident, chosen.key, Decision.RETURNED, comment, now, DocumentState.RETURNED
    )
    return documents.to_view(session, version)


def sign(
    session: Session,
    actor: Actor,
    version_id: int,
    expected_sha256: str,
    comment: str = "",
    now: datetime | None = None,
) -> DocumentVersionView:
    """签发: by the signer's own account, on the version they read, once every approval before it is done."""
    now = now or now_utc()
    comment = text(comment, "comment")
    actor = doc_steps.current_actor(session, actor)
    doc_steps.person_required(actor, "签发")
    version, incident = _load_for_decision(session, actor, version_id, expected_sha256, "签发")
    document = version.document
    steps = documents.steps_for(session, document)
    sign_step = next((s for s in steps if s.action == "sign"), None)
    if sign_step is None:
        raise ValidationError("kind", f"{KINDS[document.kind]}无需签发")
    incident_unit, doc_unit = _units(session, incident, document)
    reason = doc_steps.may_decide(session, actor, sign_step, incident_unit, doc_unit)
    if reason:
        raise PermissionDenied(reason)
    if version.signed_at is not None:
        raise ConflictError(f"{KINDS[document.kind]}第{version.number}版已经签发", ErrorCode.WRONG_STATE)
    if sign_step not in _open_steps(steps, version):
        missing = "、".join(
            s.label for s in steps if s.key in sign_step.after and s.key not in _done(version)
        )
        raise ConflictError(f"须先经{missing}，才能签发（4.3.4(2)）", ErrorCode.WRONG_STATE)
    version.signed_by_id = actor.user_id
    version.signed_at = now
    _decide(
        session,
        actor,
        version,
        incident,
        sign_step.key,
        Decision.SIGNED,
        comment,
        now,
        _state_after(steps, {*_done(version), sign_step.key}),
    )
    return documents.to_view(session, version)


# --- a wet-ink signature (3.3.1, 3.3.3) -----------------------------------------------------------------------

MAX_SCAN_BYTES = 20 * 1024 * 1024
# What a scan of the signed paper may be: its first bytes, and the file name's extensions that go with them.
SCAN_TYPES: dict[str, tuple[tuple[bytes, ...], tuple[str, ...], str]] = {
    "application/pdf": ((b"%PDF-",), (".pdf",), "PDF"),
    "image/png": ((b"\x89PNG\r\n\x1a\n",), (".png",), "PNG"),
    "image/jpeg": ((b"\xff\xd8\xff",), (".jpg", ".jpeg"), "JPG"),
    "image/tiff": ((b"II*\x00", b"MM\x00*"), (".tif", ".tiff"), "TIFF"),
}


def _paper_refusal(
    session: Session, actor: Actor, version: DocumentVersion, incident: Incident
) -> RepDeskError | None:
    """None if the actor may record a wet-ink signature on this version now, else the refusal to raise."""
    document = version.document
    label = KINDS[document.kind]
    if document.kind != "written_report":
        return ValidationError("kind", f"{label}不由事发单位主要负责人签发，不能录入纸质签字（3.3.3）")
    _incident_unit, doc_unit = _units(session, incident, document)
    reason = doc_steps.may_record_paper_signature(session, actor, doc_unit)
    if reason:
        return PermissionDenied(reason)
    latest = documents.latest_version(document)
    if latest.number != version.number:
        return ConflictError(f"{label}已有新的第{latest.number}版，第{version.number}版不能再签字", ErrorCode.STALE)
    if version.signed_at is not None:
        return ConflictError(f"{label}第{version.number}版已经签发", ErrorCode.WRONG_STATE)
    open_steps = _open_steps(documents.steps_for(session, document), version)
    if version.state != DocumentState.SUBMITTED or not any(
        s.key == ApprovalStep.UNIT_HEAD_SIGN for s in open_steps
    ):
        return ConflictError(
            f"{label}第{version.number}版{documents.STATES[version.state]}：须先提交（内容冻结），"
            "打印后由主要负责人签字，才能录入纸质签字",
            ErrorCode.WRONG_STATE,
        )
    if documents.content_sha256(version.content) != version.sha256:
        return ConflictError(f"{label}第{version.number}版的内容校验不符，可能已被改动，不能录入签字")
    return None


def paper_signature_refusal(session: Session, actor: Actor, version_id: int) -> str | None:
    """Why this user may not record a wet-ink signature on the version now (None: they may); the window asks
    it for its button, `record_paper_signature` refuses with it."""
    actor = doc_steps.current_actor(session, actor)
    if actor.user_id is None:
        return "录入纸质签字须由本人账户登录后办理"
    version = documents.load_version(session, version_id)
    incident = documents.incident_of(session, actor, version.document)
    refusal = _paper_refusal(session, actor, version, incident)
    return refusal.message if refusal is not None else None


def _scan_mime(data: bytes, filename: str) -> str:
    extension = os.path.splitext(filename)[1].lower()
    for mime, (magic, extensions, name) in SCAN_TYPES.items():
        if extension in extensions:
            if not data.startswith(magic):
                raise ValidationError("scan", f"扫描件“{filename}”的内容不是{name}文件，请重新选择")
            return mime
    raise ValidationError("scan", "扫描件须为 PDF、PNG、JPG 或 TIFF 文件")


def record_paper_signature(
    session: Session,
    actor: Actor,
    version_id: int,
    signer_name: str,
    signed_at: datetime,
    scan_bytes: bytes,
    scan_filename: str,
    now: datetime | None = None,
    *,
    expected_sha256: str | None = None,
) -> DocumentVersionView:
    """3.3.3 on paper: the unit head of a unit with no unit-head account signed the printed (待签字) version by
    hand; its lead department's lead officer records who signed and when, with a scan of the signed paper.

    The version is then signed like one signed with an account: the unit head's signing decision on it, state
    signed, the signer named on the printed copy and by `repdesk verify`; it is sent on as usual (`send`).
    The scan is kept with its SHA-256, which the record's entry carries. `expected_sha256`: the version the
    user was shown."""
    now = now or now_utc()
    text(signer_name, "signer_name")
    time(signed_at, "signed_at")
    text(scan_filename, "scan_filename")
    if expected_sha256 is not None:
        text(expected_sha256, "expected_sha256", 64)
    actor = doc_steps.current_actor(session, actor)
    doc_steps.person_required(actor, "录入纸质签字")
    version = documents.load_version(session, version_id)
    incident = documents.incident_of(session, actor, version.document)
    refusal = _paper_refusal(session, actor, version, incident)
    if refusal is not None:
        raise refusal
    label = f"{KINDS[version.document.kind]}第{version.number}版"
    if expected_sha256 is not None and version.sha256 != expected_sha256:
        raise ConflictError(f"{label}的内容与您看到的不一致，请重新打开核对", ErrorCode.STALE)
    signer = signer_name.strip() if isinstance(signer_name, str) else ""
    if not signer:
        raise ValidationError("signer_name", "请填写签字的主要负责人姓名")
    if len(signer) > 30:
        raise ValidationError("signer_name", "签字人姓名不能超过30字")
    if not isinstance(signed_at, datetime) or signed_at.tzinfo is None:
        raise ValidationError("signed_at", "签字时间无效")
    signed_at = signed_at.replace(microsecond=0)
    if signed_at > now + incidents.CLOCK_SKEW:
        raise ValidationError("signed_at", f"签字时间 {format_cst(signed_at)} 晚于当前时间")
    submitted = version.submitted_at
    if submitted is not None and signed_at < submitted.replace(second=0, microsecond=0):
        raise ValidationError(
            "signed_at", f"签字时间不能早于提交时间（{format_cst(submitted)}）：签字的是提交后打印的版本"
        )
    filename = os.path.basename((scan_filename or "").replace("\\", "/")).strip()
    if not isinstance(scan_bytes, bytes | bytearray) or not scan_bytes:
        raise ValidationError("scan", "请选择签字页的扫描件")
    if len(scan_bytes) > MAX_SCAN_BYTES:
        raise ValidationError("scan", f"扫描件不能超过 {MAX_SCAN_BYTES // (1024 * 1024)} MB")
    if not filename or len(filename) > 255:
        raise ValidationError("scan", "扫描件文件名无效")
    data = bytes(scan_bytes)
    mime = _scan_mime(data, filename)
    digest = hashlib.sha256(data).hexdigest()
    document = version.document
    steps = documents.steps_for(session, document)
    new_state = _state_after(steps, {*_done(version), ApprovalStep.UNIT_HEAD_SIGN})
    session.add(PaperSignature(
        version_id=version.id, signer_name=signer, signed_at=signed_at, recorded_by_id=actor.user_id,
        recorded_by_name=actor.name, recorded_at=now, scan=data, scan_sha256=digest, scan_filename=filename,
        scan_mime=mime, scan_size=len(data),
    ))
    # The decision is the unit head's, taken on paper at `signed_at`; the account that entered it is the
    # recorder's (the paper signature row and the record's entry name both).
    version.decisions.append(
        ApprovalDecision(
            step=ApprovalStep.UNIT_HEAD_SIGN,
            decision=Decision.SIGNED,
            actor_id=actor.user_id,
            actor_name=f"{signer}（纸质签字）",
            comment=f"纸质签字，由{actor.name}录入，扫描件：{filename}",
            decided_at=signed_at,
        )
    )
    version.signed_by_id = None  # no account signed: the signer is the paper signature's
    version.signed_at = signed_at
    version.state = new_state
    flag_modified(version, "state")
    documents.flush(session, KINDS[document.kind])
    audit.record(
        session,
        actor,
        "document.paper_signed",
        "document_version",
        version.id,
        before={"state": DocumentState.SUBMITTED},
        after={
            "state": new_state,
            "step": ApprovalStep.UNIT_HEAD_SIGN,
            "signer_name": signer,
            "signed_at": signed_at,
            "scan_filename": filename,
            "scan_mime": mime,
            "scan_size": len(data),
            "scan_sha256": digest,
            "sha256": version.sha256,
        },
        incident_id=incident.id,
        at=now,
    )
    _number_when_complete(session, actor, version, now)
    return documents.to_view(session, version)


def paper_scan(session: Session, actor: Actor, version_id: int) -> tuple[str, str, bytes]:
    """(file name, MIME type, bytes) of the scan of a version's wet-ink signature, for those who may see it."""
    version = documents.load_version(session, version_id)
    documents.incident_of(session, actor, version.document)
    row = session.execute(
        select(PaperSignature).where(PaperSignature.version_id == version.id)
    ).scalar_one_or_none()
    if row is None:
        raise NotFound(f"{KINDS[version.document.kind]}第{version.number}版没有纸质签字扫描件")
    return row.scan_filename, row.scan_mime, row.scan


def send(
    session: Session,
    actor: Actor,
    version_id: int,
    expected_sha256: str,
    at: datetime | None = None,
    note: str = "",
    late_reason: str = "",
    now: datetime | None = None,
) -> DocumentVersionView:
    """Record that a signed report went out: a written report to the lead department
    (`written_report_to_lead`,
    3.3.1), the major report to the head office (`reported_to_head_office`, 3.2.3, 4.3.4(2))."""
    now = now or now_utc()
    at = (optional_time(at, "at") or now).replace(microsecond=0)
    note = text(note, "note")
    actor = doc_steps.current_actor(session, actor)
    doc_steps.person_required(actor, "报送")
    version, incident = _load_for_decision(session, actor, version_id, expected_sha256, "报送")
    document = version.document
    if document.kind not in SERVES or document.kind == "response_plan":
        raise ValidationError("kind", f"{KINDS[document.kind]}无需报送")
    _incident_unit, doc_unit = _units(session, incident, document)
    reason = doc_steps.may_send(session, actor, document.kind, doc_unit)
    if reason:
        raise PermissionDenied(reason)
    steps = documents.steps_for(session, document)
    if version.state == DocumentState.SENT:
        raise ConflictError(f"{KINDS[document.kind]}第{version.number}版已经报送", ErrorCode.WRONG_STATE)
    missing = [s.label for s in steps if s.key not in _done(version)]
    if missing or version.state != DocumentState.SIGNED or version.signed_at is None:
        rule = "（4.3.4(2)、3.3.3）" if document.kind == "major_report" else "（3.3.3）"
        raise ConflictError(
            f"{KINDS[document.kind]}须经{'、'.join(missing) or '签发'}后才能报送{rule}", ErrorCode.WRONG_STATE
        )
    if at < version.signed_at:
        raise ValidationError("at", "报送时间不能早于签发时间")
    _record(
        session,
        actor,
        incident,
        SERVES[document.kind],
        at,
        note or f"{KINDS[document.kind]}第{version.number}版",
        late_reason,
        now,
    )
    _decide(session, actor, version, incident, ApprovalStep.SEND, Decision.SENT, note, now, DocumentState.SENT)
    return documents.to_view(session, version)


# 3.2.3: the branch office reports a major incident to the head office, records its consent, and only then reports
# to the regulator (3.1.4: no skipping levels). Each step -> the step it needs before it, and the refusal.
BRANCH_ORDER: dict[str, tuple[str, str]] = {
    "head_office_consent": ("reported_to_head_office", "《重大突发事件报告》报送总行之后，才能记录总行同意（3.2.3）"),
    "reported_to_regulator": ("head_office_consent", "未经总行同意，不能向监管部门报告（3.1.4、3.2.3：不得越级）"),
}


def branch_order_refusal(event_type: str, events: Iterable[tuple[str, datetime]],
                         at: datetime | None = None) -> str | None:
    """Why `event_type` may not be recorded (at `at`, or at all when None) after these (type, at) events, in the
    3.2.3 order; None when it may. The service and the window ask the same question."""
    needed = BRANCH_ORDER.get(event_type)
    if needed is None:
        return None
    before, message = needed
    times = [when for kind, when in events if kind == before]
    if not times or (at is not None and at < min(times)):
        return message
    return None


def record_head_office_consent(
    session: Session,
    actor: Actor,
    incident_id: int,
    at: datetime | None = None,
    note: str = "",
    now: datetime | None = None,
) -> IncidentRecord:
    """3.2.3: the head office agreed that the report goes to the regulator."""
    now = now or now_utc()
    at = (optional_time(at, "at") or now).replace(microsecond=0)
    note = text(note, "note")
    actor = doc_steps.current_actor(session, actor)
    doc_steps.person_required(actor, "记录总行意见")
    incident = incidents.load_visible(session, actor, incident_id)
    reason = doc_steps.may_act_for_branch(session, actor, "记录总行意见")
    if reason:
        raise PermissionDenied(reason)
    refused = branch_order_refusal("head_office_consent", ((e.type, e.at) for e in incident.events), at)
    if refused:
        raise ValidationError("at", refused)
    return _record(session, actor, incident, "head_office_consent", at, note, "", now)


def report_to_regulator(
    session: Session,
    actor: Actor,
    incident_id: int,
    at: datetime | None = None,
    note: str = "",
    late_reason: str = "",
    now: datetime | None = None,
) -> IncidentRecord:
    """3.2.3: only after the head office agreed (3.1.4: no skipping levels)."""
    now = now or now_utc()
    at = (optional_time(at, "at") or now).replace(microsecond=0)
    note = text(note, "note")
    actor = doc_steps.current_actor(session, actor)
    doc_steps.person_required(actor, "报告监管部门")
    incident = incidents.load_visible(session, actor, incident_id)
    reason = doc_steps.may_act_for_branch(session, actor, "报告监管部门")
    if reason:
        raise PermissionDenied(reason)
    refused = branch_order_refusal("reported_to_regulator", ((e.type, e.at) for e in incident.events), at)
    if refused:
        raise ValidationError("type", refused)
    return _record(session, actor, incident, "reported_to_regulator", at, note, late_reason, now)


# --- the queue ----------------------------------------------------------------------------------------------


def _served_deadline(record: IncidentRecord, kind: str, now: datetime) -> RuleStatus | None:
    event = SERVES.get(kind)
    if event is None:
        return None
    open_ = [
        s
        for s in incidents.deadlines(record, now)
        if s.rule.done_by == event and s.status in ("pending", "overdue", "open") and s.due_at is not None
    ]
    if not open_:
        return None
    return min(open_, key=lambda s: s.due_at)  # type: ignore[arg-type, return-value]


def pending_for(session: Session, actor: Actor, now: datetime | None = None,
                incident_id: int | None = None) -> list[QueueItem]:
    """What waits for this user to approve, sign or send; most urgent deadline first (overdue first), then the
    oldest submission; items that serve no deadline last. `incident_id` narrows it to one incident."""
    now = now or now_utc()
    actor = doc_steps.current_actor(session, actor)
    if actor.user_id is None:
        return []
    units = permissions.scope(session, actor)
    query = (
        select(DocumentVersion)
        .join(Document)
        .join(Incident, Incident.id == Document.incident_id)
        .where(DocumentVersion.state.in_((DocumentState.SUBMITTED, DocumentState.APPROVED, DocumentState.SIGNED)))
        .options(selectinload(DocumentVersion.decisions), selectinload(DocumentVersion.document))
    )
    if units is not None:
        query = query.where(Incident.unit_id.in_(units) | Incident.business_dept_id.in_(units))
    if incident_id is not None:
        query = query.where(Incident.id == incident_id)
    records: dict[int, IncidentRecord] = {}
    items: list[QueueItem] = []
    for version in session.execute(query).scalars():
        document = version.document
        if documents.latest_version(document).number != version.number:
            continue
        incident = session.get(Incident, document.incident_id)
        assert incident is not None
        incident_unit, doc_unit = _units(session, incident, document)
        action, step = _next_for(session, actor, version, incident_unit, doc_unit)
        if step is None:
            continue
        if incident.id not in records:
            records[incident.id] = incidents.get_incident(session, actor, incident.id)
        record = records[incident.id]
        served = _served_deadline(record, document.kind, now)
        items.append(
            QueueItem(
                version_id=version.id,
                document_id=document.id,
                incident_id=incident.id,
                incident_number=incident.number,
                incident_title=incident.title,
                kind=document.kind,
                kind_label=KINDS[document.kind],
                stage_label=STAGES.get(document.stage, ""),
                version_number=version.number,
                sha256=version.sha256,
                action=action,
                action_label=ACTIONS[action],
                step=step.key,
                step_label=step.label,
                step_article=step.article,
                drafter_name=documents.to_view(session, version).created_by_name,
                submitted_at=version.submitted_at,
                rule_id=served.rule.id if served else None,
                rule_article=served.rule.article if served else None,
                due_at=served.due_at if served else None,
                rule_kind=served.rule.kind if served else "deadline",
                limit_seconds=served.rule.limit.total_seconds() if served else 0.0,
            )
        )
    far = datetime.max.replace(tzinfo=now.tzinfo)
    items.sort(key=lambda i: (i.due_at is None, i.due_at or far, i.submitted_at or far, i.version_id))
    return items


SEND_STEP = Step(ApprovalStep.SEND, "报送", "send", "3.3.1")
SEND_MAJOR_STEP = Step(ApprovalStep.SEND, "报送总行办公室", "send", "3.2.3")


def _next_for(
    session: Session, actor: Actor, version: DocumentVersion, incident_unit: UnitInfo, doc_unit: UnitInfo
) -> tuple[str, Step | None]:
    document = version.document
    if version.state == DocumentState.SIGNED:
        if (
            document.kind in ("written_report", "major_report")
            and doc_steps.may_send(session, actor, document.kind, doc_unit) is None
        ):
            return "send", SEND_STEP if document.kind == "written_report" else SEND_MAJOR_STEP
        return "", None
    steps = documents.steps_for(session, document)
    already = any(d.actor_id == actor.user_id and d.decision == Decision.APPROVED for d in version.decisions)
    for step in _open_steps(steps, version):
        if step.action == "approve" and (already or version.created_by_id == actor.user_id):
            continue
        if doc_steps.may_decide(session, actor, step, incident_unit, doc_unit) is None:
            return step.action, step
    return "", None


def returned_to(session: Session, actor: Actor) -> list[ReturnedItem]:
    """Versions returned to this user as their drafter, still the latest of their document, newest first."""
    actor = doc_steps.current_actor(session, actor)
    if actor.user_id is None:
        return []
    rows = (
        session.execute(
            select(DocumentVersion)
            .where(DocumentVersion.state == DocumentState.RETURNED, DocumentVersion.created_by_id == actor.user_id)
            .options(selectinload(DocumentVersion.decisions))
        )
        .scalars()
        .all()
    )
    out = []
    for version in rows:
        if documents.latest_version(version.document).number != version.number:
            continue
        incident = session.get(Incident, version.document.incident_id)
        if incident is None or not permissions.can_see(session, actor, incident):
            continue
        view = documents.to_view(session, version)
        last = view.last_return
        assert last is not None
        out.append(ReturnedItem(view, last.actor_name, last.decided_at, last.comment))
    out.sort(key=lambda r: r.returned_at, reverse=True)
    return out


# --- verification of printed documents ----------------------------------------------------------------------


def signed_version(session: Session, version_id: int) -> DocumentVersionView | None:
    if isinstance(version_id, bool) or not isinstance(version_id, int) or not 0 < version_id <= MAX_ID:
        return None  # no such version: a number no row can have never reaches SQL
    """A frozen version by id (no user needed: `repdesk verify` is headless); None for drafts, unknown ids."""
    version = session.get(DocumentVersion, version_id)
    if version is None or version.state == DocumentState.DRAFT:
        return None
    return documents.to_view(session, version)


def verify_code(session: Session, code: str) -> CodeCheck:
    """Check a printed code (format: `verification`) against the stored version and, for an RDV2 code, against
    the record's position at the signing it carries: a record cut short below it, or rewritten there, is named."""
    parsed = verification.parse(code)
    if parsed is None:
        return CodeCheck(False, "校验码格式不正确")
    version_id, digest = parsed.version_id, parsed.digest
    if parsed.entry_id is not None:
        problem = _anchor_problem(session, parsed)
        if problem:
            return CodeCheck(False, problem)
    view = signed_version(session, version_id)
    if view is None:
        return CodeCheck(False, "库中没有与该校验码对应的已提交文件")
    if not view.sha256.startswith(digest):
        return CodeCheck(False, "校验码与库中文件内容不符：打印件可能出自其他版本或已被改动", view)
    if documents.content_sha256(documents.canonical_json(view.content)) != view.sha256:
        return CodeCheck(False, "库中该版本的内容与其哈希不符，可能已被改动", view)
    paper = "（纸质签字，扫描件已存档）" if view.paper_signature is not None else ""
    who = f"，{view.signer_name}{paper}于{format_cst(view.signed_at)}签发" if view.signed_at else ""
    old = "（旧版校验码 RDV1：不含审计记录锚点，未核对签发时的记录位置）" if parsed.entry_id is None else ""
    return CodeCheck(
        True, f"{view.incident_number} {view.kind_label}第{view.number}版，{view.state_label}{who}{old}", view
    )


def _anchor_problem(session: Session, code: verification.Code) -> str:
    """What is wrong with an RDV2 code's anchor, or "": the key's tag, then the record still reaching the signing
    entry the code names, and that entry being this version's signing, unaltered."""
    installation = audit.installation_id(session)
    if installation is None:
        return "数据库没有安装密钥标识：无法核对校验码中的审计锚点"
    try:
        key = audit.load_key(installation)
    except audit.KeyMissing as exc:
        return f"缺少安装密钥，无法核对校验码：{exc}"
    if not verification.tag_ok(key, code):
        return "校验码的密钥签名不符：校验码被伪造或改动，或出自其他安装"
    entry = session.get(AuditEntry, code.entry_id)
    if entry is None:
        newest = session.execute(select(func.max(AuditEntry.id))).scalar() or 0
        if newest < (code.entry_id or 0):
            return (f"审计记录被截断：校验码记载该文件签发于第 {code.entry_id} 条记录，"
                    f"库中记录只到第 {newest} 条")
        return f"审计记录缺失：校验码记载的签发记录（第 {code.entry_id} 条）已不在库中"
    if (entry.entity != "document_version" or entry.entity_id != str(code.version_id)
            or entry.action not in documents.SIGNING_ACTIONS
            # An entry from before the chain was keyed has no MAC: its hash chain is what `audit.verify` checks.
            or (entry.mac and not hmac.compare_digest(entry.mac, audit.entry_mac(key, entry)))):
        return f"审计记录被改写：第 {code.entry_id} 条已不是该文件的签发记录"
    return ""
