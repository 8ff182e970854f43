"""From the database to paper: the report layer's records filled from stored document versions, the register
of a period, recording prints, and verifying a printed PDF against the stored signed version.

Building a PDF (`build_version`, `build_document`, `build_register`: for viewing) records nothing; a print, to
paper or to a file, is recorded by `record_print` with the person who printed it, once the PDF has gone out.
A signed document is printed from its frozen version only (never from live data), so the same version always
gives the same bytes; `verify` rebuilds it to recognise an honest copy printed elsewhere.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import DocumentPrint, Incident
from desktop.domain import (
    LEADERSHIP_POSITIONS,
    SOURCES,
    STAGES,
    STATUSES,
    SYSTEM,
    Actor,
    ApprovalStep,
    Decision,
    DocumentState,
    IncidentRecord,
    Stage,
)
from desktop.errors import NotFound, ValidationError
from desktop.reports import model as R
from desktop.reports.build import build
from desktop.reports.register import RegisterLine, RegisterTotals, StreamedRegister
from desktop.services import accounts, approvals, audit, documents, incidents, org
from desktop.services import deadline_board as dl
from desktop.services.documents import DocumentVersionView
from desktop.services.issuing import numbering, verification
from desktop.services.rulesets import ruleset_for
from desktop.timeutil import CST, now_utc, parse_rfc3339

# `repdesk report KIND` and the stored document kinds
KIND_OF_REPORT = {
    "written-report": "written_report",
    "major-report": "major_report",
    "response-plan": "response_plan",
    "evaluation": "evaluation",
}
SIGNED_STATES = (DocumentState.APPROVED, DocumentState.SIGNED, DocumentState.SENT)
# Prints of a period rather than of a document: the register and the 声誉风险管理工作报告 (desktop.registers.statistics)
# ... and the 舆情监测日报/周报 of the monitoring register (desktop.registers.summary)
PERIOD_KINDS = ("register", "work_report", "monitoring_summary")


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    signed: bool
    message: str  # what to tell the user, in Chinese
    version_id: int | None = None
    warnings: tuple[str, ...] = ()
    title: str = ""  # for a window title or a file name, e.g. 《重大突发事件报告》 SY2026-0003 第1版
    # What `record_print` names: the incident, the document kind ("register" for the register), the stored
    # version's number (0: a draft never stored) and the register's period ("2026-01-01..2026-12-31").
    incident_id: int | None = None
    kind: str = ""
    version_number: int = 0
    period: str = ""
    # A register built into a file (`build_register(..., out=...)`) is never held whole in memory: `pdf` is then
    # empty and `path` names the file (or None for a file object without a name); read it with `read()`.
    path: Path | None = None

    def read(self) -> bytes:
        """The PDF's bytes, from memory or from its file."""
        return self.path.read_bytes() if self.path is not None and not self.pdf else self.pdf

    def sha256(self) -> str:
        """The PDF's SHA-256; a file is read in chunks, not whole."""
        if self.path is None or self.pdf:
            return hashlib.sha256(self.pdf).hexdigest()
        digest = hashlib.sha256()
        with self.path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        return digest.hexdigest()


def _t(value: str | None) -> datetime | None:
    return parse_rfc3339(value) if value else None


def is_signed(view: DocumentVersionView) -> bool:
    """Signed for printing: every required step taken on this very version (signature or last approval)."""
    return view.state in SIGNED_STATES and all(step.done_at is not None for step in view.steps)


def awaits_signature(view: DocumentVersionView) -> bool:
    """Frozen (submitted), every approval taken, only a signature still open: printed for the signer's wet-ink
    signature (3.3.3), marked 待签字 instead of 草稿; it still carries no verification code."""
    if view.state not in (DocumentState.SUBMITTED, DocumentState.APPROVED) or view.signed_at is not None:
        return False
    still = [s for s in view.steps if s.done_at is None]
    return bool(still) and all(s.action == "sign" for s in still)


# Whose name a document approved without a signing step carries as 签发人: the leader who approved it, never a
# clerk's approval on the way (the branch office's approval of a remote plan, 4.2.2.2(3)).
ISSUING_STEPS = (ApprovalStep.UNIT_HEAD_SIGN, ApprovalStep.PRESIDENT_SIGN, ApprovalStep.LEADERSHIP_GROUP,
                 ApprovalStep.BRANCH_LEADER, ApprovalStep.LOCAL_LEADER, ApprovalStep.LEAD_DEPARTMENT)


def _signer(view: DocumentVersionView) -> tuple[str, datetime | None]:
    """(签发人, when the document was issued): the person who signed; for a plan made by a major incident's
    leadership group, the group's leader (组长, 4.3.1, 4.3.4(3))."""
    if view.signer_name and view.signed_at:
        return view.signer_name, view.signed_at
    done = {s.key: s for s in view.steps if s.done_at is not None}
    if not done:
        return "", None
    at = max(s.done_at for s in done.values() if s.done_at is not None)
    key = next((k for k in ISSUING_STEPS if k in done), None)
    if key is None:
        return "", at
    if key == ApprovalStep.LEADERSHIP_GROUP and view.kind == "response_plan":
        leader = next((m["name"] for m in view.content.get("leadership_group", []) if m.get("position") == "leader"),
                      "")
        if leader:
            return leader, at
    return done[key].done_by, at


# --- the incident as the frozen content describes it ---------------------------------------------------------

# The state of an open duty (deadline_board.reading) as the report layer's status: a printed page is read
# later, so "due soon" prints as pending; an immediate duty (立即) prints as immediate, never as overdue.
PAPER_STATUS = {dl.COMFORTABLE: "pending", dl.DUE_SOON: "pending", dl.OVERDUE: "overdue",
                dl.IMMEDIATE: "immediate", dl.WINDOW: "open", dl.LAPSED: "lapsed"}


def _incident_from_content(content: dict[str, Any], rule_set: tuple[str, int]) -> R.ReportIncident:
    inc = content["incident"]
    # 超时未办说明 the drafter entered next to each overdue item
    overdue_notes = documents.parse_notes(content.get("fields", {}).get("overdue_notes", ""))
    rules = ruleset_for(*rule_set)
    timeline = content.get("timeline", [])
    first_done: dict[str, dict[str, Any]] = {}
    for event in sorted(timeline, key=lambda e: e["at"]):
        first_done.setdefault(event["type"], event)
    deadlines = []
    as_of = _t(content.get("snapshot_at"))
    for d in content.get("deadlines", []):
        try:
            rule = rules.rule(d["id"])
            duty, done_by, limit = rule.label_zh, rule.done_by, rule.limit.total_seconds()
        except KeyError:
            duty, done_by, limit = d["id"], "", 0.0
        due_at, status = _t(d["due_at"]), d["status"]
        if status in dl.OPEN_STATUSES and due_at is not None and as_of is not None:
            # An open duty is printed as the screen shows it (one status function), in the paper's words.
            state = dl.reading(d.get("kind", "deadline"), due_at.timestamp(), limit, as_of.timestamp()).state
            status = PAPER_STATUS[state]
        deadlines.append(R.DeadlineRow(
            article=d["article"], duty=duty, responsible=d["responsible"], due_at=due_at,
            status=status, done_at=_t(d["done_at"]),
            late_reason=first_done.get(done_by, {}).get("late_reason", "") if d["status"] == "late"
            else overdue_notes.get(d["id"], ""),
            rule_id=d["id"], kind=d.get("kind", "deadline")))
    media = [R.MediaContact(at=_t(e["at"]) or _t(content["snapshot_at"]), journalist=e["data"].get("journalist", ""),  # type: ignore[arg-type]
                            outlet=e["data"].get("outlet", ""), phone=e["data"].get("contact", ""),
                            question=e["data"].get("question", ""))
             for e in timeline if e["type"] == "media_inquiry" and e.get("data")]
    appeased = [R.Appeasement(customer=e["data"].get("customer", ""), agreed=e["data"].get("agreed", ""),
                              result=e["data"].get("result", ""), at=_t(e["at"]))
                for e in timeline if e["type"] == "customer_appeased" and e.get("data")]
    return R.ReportIncident(
        number=inc["number"], title=inc["title"], unit_name=inc["unit_name"], severity=inc["severity"],
        occurred_at=_t(inc["occurred_at"]), learned_at=_t(inc["learned_at"]), place=inc["place"],  # type: ignore[arg-type]
        location=inc["location"], lead_department=inc["lead_unit_name"],
        business_line=inc["business_line_name"] if inc["business_line"] else "",
        business_department=inc["business_dept_name"], customer_dispute=inc["customer_dispute"],
        source=SOURCES.get(inc["source"], inc["source"]),
        elements={k.removeprefix("el_"): v for k, v in content.get("elements", {}).items()},
        timeline=[R.TimelineRow(at=_t(e["at"]), event=e["label"], recorded_by=e.get("recorded_by", ""),  # type: ignore[arg-type]
                                note=e.get("late_reason") and f"迟报说明：{e['late_reason']}" or e.get("note", ""))
                  for e in timeline],
        deadlines=deadlines, deadlines_as_of=_t(content.get("snapshot_at")),
        media_contacts=media, appeasements=appeased,
        monitoring=[R.MonitoringEntry(at=_t(o["at"]), source=o["source"], title=o["title"],  # type: ignore[arg-type]
                                      reach=o.get("reach", ""), tone=o.get("tone", ""))
                    for o in content.get("opinions", [])],
        major_criteria=list(inc.get("major_criteria", [])),
    )


def _branch_name(session: Session) -> str:
    branch = next((u for u in org.list_units(session, include_inactive=True) if u.kind == "branch"), None)
    return branch.name if branch else ""


def _header(session: Session, view: DocumentVersionView, signed: bool) -> R.DocumentHeader:
    fields = view.fields
    signer, signed_at = _signer(view) if signed else ("", None)
    issuing = view.unit_name or view.content["incident"]["unit_name"]
    mark = f"{_branch_name(session)}文件" if view.kind == "major_report" else issuing
    # 3.1.4: one level up, never the issuer itself; the 抄送 only as the drafter chose it.
    recipient = fields.get("recipient", "").strip()
    if not recipient or recipient == issuing:
        recipient = numbering.upward_recipient(session, view.unit_id, view.kind)
    cc = tuple(c.strip() for c in fields.get("cc", "").replace("\n", "、").split("、")
               if c.strip() and c.strip() != issuing)
    number = view.doc_number  # the drafter's, or the one given from the unit's sequence at signing
    return R.DocumentHeader(
        org_mark=mark,
        doc_number="" if view.incident_number in number else number,
        recipient=recipient,
        issuing_unit=issuing,
        date=signed_at or _t(view.content.get("snapshot_at")) or view.created_at,
        title=fields.get("title", ""),
        # GB/T 9704 7.2.1-7.2.3, 7.3.4: the drafter's choices only (an evaluation is not urgent by default).
        urgency=fields.get("urgency", ""),
        copy_number=fields.get("copy_number", ""),
        classification=fields.get("classification", ""),
        secrecy_period=fields.get("secrecy_period", ""),
        # The drafter's 附件说明, then the files kept with the incident when the version was drafted (its content).
        attachments=tuple(dict.fromkeys([*_lines(fields.get("attachments", "")),
                                         *view.content.get("attachments", [])])),
        signer_name=signer,
        signed_at=signed_at,
        verification_code=view.verification_code if signed else None,
        pdf_keywords=verification.pdf_keywords(view.verification_code) if signed else "",
        contact_person=fields.get("contact_person", ""),
        contact_phone=fields.get("contact_phone", ""),
        cc=cc,
        printed_by_org=issuing,
        for_signature=not signed and view.version_id > 0 and awaits_signature(view),
    )


def _approvals(view: DocumentVersionView) -> list[R.Approval]:
    done = [R.Approval(approver=d.actor_name, role=d.step_label, decision=d.decision_label, at=d.decided_at,
                       comment=d.comment) for d in view.decisions
            if d.decision in (Decision.APPROVED, Decision.RETURNED, Decision.SIGNED)]
    taken = {d.step for d in view.decisions if d.decision in documents.TAKEN}
    waiting = [R.Approval(approver="", role=s.label, decision="待审批") for s in view.steps if s.key not in taken]
    return done + waiting


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def document_data(session: Session, view: DocumentVersionView, signed: bool) -> tuple[str, Any]:
    """(report kind, the report layer's record) for one stored version."""
    record = session.get(Incident, view.incident_id)
    assert record is not None
    incident = _incident_from_content(view.content, (record.rule_set_id, record.rule_set_version))
    header = _header(session, view, signed)
    f = view.fields
    if view.kind == "written_report":
        return "written-report", R.WrittenReport(header=header, incident=incident, stage=view.stage or Stage.FIRST)
    if view.kind == "major_report":
        group = [R.Person(name=m["name"], position=m.get("title", ""),
                          role=LEADERSHIP_POSITIONS.get(m["position"], m["position"]))
                 for m in view.content.get("leadership_group", [])]
        return "major-report", R.MajorReport(
            header=header, incident=incident, leadership_group=group,
            spokesperson=R.Person(name=f.get("spokesperson", ""), position="新闻发言人",
                                  phone=f.get("spokesperson_phone", "")),
            responsibility=f.get("responsibility", ""),
            reply_script=f.get("reply_script", ""),
            approvals=[a for a in _approvals(view) if a.role.startswith("处置领导小组")])
    if view.kind == "response_plan":
        measures = [R.PlanMeasure(*(part.strip() for part in (line.split("｜") + ["", ""])[:3]))
                    for line in _lines(f.get("plan_measures", ""))]
        speaker = f.get("spokesperson", "").strip() or view.content["incident"].get("spokesperson_name", "")
        return "response-plan", R.ResponsePlan(
            header=header, incident=incident, principles=f.get("body", ""), measures=measures,
            spokesperson=R.Person(name=speaker, position="新闻发言人") if speaker else None,
            reply_script=f.get("reply_script", ""), approvals=_approvals(view))
    if view.kind == "evaluation":
        return "evaluation", R.EvaluationReport(
            header=header, incident=incident, summary=f.get("body", "") or incident.elements.get("situation", ""),
            impact_assessment=incident.elements.get("impact", ""), handling_assessment=f.get("evaluation", ""),
            lessons=_lines(f.get("lessons", "")), improvements=_lines(f.get("improvements", "")),
            positive_publicity=f.get("positive_publicity", ""), accountability=f.get("accountability", ""),
            accountability_items=[R.AccountabilityRow(unit=a["unit"], measure=a["measure"], person=a["person"],
                                                      text=a["text"], quarter=a["quarter"])
                                  for a in view.content.get("accountability_items", [])])
    raise ValueError(view.kind)


# --- printing -------------------------------------------------------------------------------------------------


def _document_for(session: Session, actor: Actor, record: IncidentRecord, kind: str) -> DocumentVersionView | None:
    """The newest document of that kind on the incident (a written report's latest stage), current version."""
    views = [v for v in documents.list_documents(session, actor, record.id) if v.kind == kind]
    if not views:
        return None
    return max(views, key=lambda v: (v.document_id, v.number))


def build_document(session: Session, actor: Actor, report_kind: str, incident_number: str,
                   now: datetime | None = None) -> Printed:
    """The incident's document as it stands: signed when its current version is signed, otherwise the draft
    (watermarked), which the message says. With no document yet, a draft from the incident as it is now.
    Records nothing: `record_print` once it is printed."""
    now = now or now_utc()
    if report_kind not in KIND_OF_REPORT:
        raise ValidationError("kind", f"未知的文件类型：{report_kind}")
    kind = KIND_OF_REPORT[report_kind]
    record = incidents.find_by_number(session, actor, incident_number)
    view = _document_for(session, actor, record, kind)
    if view is None:
        if kind == "major_report" and not record.is_major:
            raise ValidationError("kind", f"事件 {record.number} 不是重大事件，没有《重大突发事件报告》")
        view = _unsaved_draft(session, actor, record, kind, now)
        note = f"事件 {record.number} 尚未起草{documents.KINDS[kind]}：已按当前事件信息输出草稿（带“草稿”水印）。"
    else:
        note = ""
    signed = view.version_id > 0 and is_signed(view)
    report, data = document_data(session, view, signed)
    result = build(report, data)
    if signed:
        message = (f"已输出签发版本：{view.kind_label} 第{view.number}版，签发人 {_signer(view)[0]}，"
                   f"验证码 {view.verification_code}")
    elif not note and awaits_signature(view):
        message = (f"{view.kind_label} 第{view.number}版待签字：已输出供手写签字的打印件（带“待签字”标记，"
                   "无验证码）。")
    elif not note:
        message = (f"{view.kind_label} 第{view.number}版尚未签发（{view.state_label}）："
                   "已输出草稿（带“草稿”水印）。")
    else:
        message = note
    return Printed(result.pdf, signed, message, view.version_id if view.version_id > 0 else None, result.warnings,
                   _title(view), record.id, kind, view.number)


def print_document(session: Session, actor: Actor, report_kind: str, incident_number: str,
                   now: datetime | None = None) -> Printed:
    """`build_document`, recorded as printed by `actor`."""
    printed = build_document(session, actor, report_kind, incident_number, now)
    record_print(session, actor, printed, now)
    return printed


def _unsaved_draft(session: Session, actor: Actor, record: IncidentRecord, kind: str, now: datetime
                   ) -> DocumentVersionView:
    """A view of the document as it would be drafted now, not stored (version id 0)."""
    stage = Stage.FIRST if kind == "written_report" else None
    fields = documents._default_fields(session, actor, record, kind, stage)
    unit_id = documents._doc_unit_id(session, kind, record)
    unit = org.unit_info(session, unit_id)
    content = {"schema": documents.CONTENT_SCHEMA, "kind": kind, "stage": stage or "",
               "unit": {"id": unit.id, "name": unit.name}, "fields": fields}
    content.update(documents._snapshot(session, record, kind, now))
    return DocumentVersionView(
        version_id=0, document_id=0, incident_id=record.id, incident_number=record.number, kind=kind,
        kind_label=documents.KINDS[kind], stage=stage, stage_label=STAGES[stage] if stage else "",
        unit_id=unit.id, unit_name=unit.name, number=0, is_current=True, state=DocumentState.DRAFT,
        state_label=documents.STATES[DocumentState.DRAFT],
        content=content, sha256="", created_by_id=actor.user_id, created_by_name=actor.name, created_at=now,
        submitted_at=None, signer_id=None, signer_name="", signed_at=None, fields=fields)


def build_version(session: Session, actor: Actor, version_id: int) -> Printed:
    """One stored version (the window's preview): signed if it is, a draft otherwise. Records nothing."""
    view = documents.get_version(session, actor, version_id)
    signed = is_signed(view)
    report, data = document_data(session, view, signed)
    result = build(report, data)
    if signed:
        message = "签发版本"
    elif awaits_signature(view):
        message = f"待签字（{view.state_label}）：供手写签字的打印件"
    else:
        message = f"草稿（{view.state_label}）"
    return Printed(result.pdf, signed, message, view.version_id, result.warnings, _title(view), view.incident_id,
                   view.kind, view.number)


def print_version(session: Session, actor: Actor, version_id: int, now: datetime | None = None) -> Printed:
    """`build_version`, recorded as printed by `actor`."""
    printed = build_version(session, actor, version_id)
    record_print(session, actor, printed, now)
    return printed


def record_print(session: Session, actor: Actor, printed: Printed, now: datetime | None = None) -> str:
    """`actor` printed this PDF (on paper or to a file): an entry in the hash-chained record naming them and the
    PDF's SHA-256 and, for a signed version, a DocumentPrint by which `verify_pdf` recognises the bytes. Call it
    in the transaction that sends the PDF out, so that a failed print records nothing. Returns the SHA-256."""
    actor = accounts.current_actor(session, actor)  # who may print is who the accounts table says now
    now = now or now_utc()
    digest = printed.sha256()
    if printed.kind in PERIOD_KINDS:  # a period's print (台账, 工作报告): no incident, no stored version
        audit.record(session, actor, f"{printed.kind}.print", printed.kind, printed.period,
                     after={"pdf_sha256": digest}, at=now)
        return digest
    if printed.version_id is None:  # a draft of a document not drafted yet (the command line)
        audit.record(session, actor, "document.print_draft", "incident", printed.incident_id,
                     after={"kind": printed.kind, "pdf_sha256": digest}, incident_id=printed.incident_id, at=now)
        return digest
    view = documents.get_version(session, actor, printed.version_id)
    if printed.signed:
        # Only the signed version's own PDF becomes a recognised print: its code names this very version.
        if not is_signed(view) or verification.extract_code(printed.read()) != view.verification_code:
            raise ValidationError("version", f"{view.kind_label} 第{view.number}版的 PDF 与签发版本不符，"
                                             "请重新生成后再打印")
        session.add(DocumentPrint(version_id=view.version_id, pdf_sha256=digest, signed=True, printed_at=now,
                                  printed_by_name=actor.name))
    audit.record(session, actor, "document.print" if printed.signed else "document.print_draft",
                 "document_version", view.version_id,
                 after={"kind": view.kind, "version": view.number, "sha256": view.sha256, "pdf_sha256": digest},
                 incident_id=view.incident_id, at=now)
    return digest


def _title(view: DocumentVersionView) -> str:
    stage = f"（{view.stage_label}）" if view.stage_label else ""
    number = f" 第{view.number}版" if view.number else "（草稿）"
    return f"{view.kind_label}{stage} {view.incident_number}{number}"


# --- the register -----------------------------------------------------------------------------------------------


def parse_day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except (AttributeError, ValueError):
        raise ValidationError(field, f"日期“{text}”无效，应为 YYYY-MM-DD") from None


def build_register(session: Session, actor: Actor, first: date, last: date, now: datetime | None = None,
                   out: IO[bytes] | None = None) -> Printed:
    """台账: incidents that occurred between the two days (China Standard Time, both included). Records nothing.
    With `out` (a binary file object, e.g. the command's output file or the window's temporary file) the PDF is
    written there as it is made and `Printed.pdf` is empty (`path` is the file's name): memory stays flat
    whatever the period. Without it the PDF is assembled in a temporary file and read back once."""
    now = now or now_utc()
    if last < first:
        raise ValidationError("to", "结束日期不能早于开始日期")
    start = datetime.combine(first, time(0, 0), CST)
    end = datetime.combine(last + timedelta(days=1), time(0, 0), CST)
    # The period is chosen in SQL and the incidents read in keyset-paged chunks. One pass counts the per-unit
    # totals (printed first) and spools each incident's printed row to a temporary file; the PDF is then laid
    # out from the spool a few chunk tables at a time. Memory follows a chunk, not the period (issue 13).
    period = incidents.IncidentFilter(occurred_from=first, occurred_to=last)
    totals = RegisterTotals()
    # 编制单位 is the unit that compiles the register, not the clerk (the print record names the person).
    compiled_by = org.unit_info(session, actor.unit_id).name if actor.unit_id is not None else _branch_name(session)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        for r in incidents.iter_incidents(session, actor, period):
            as_of = r.closed_at if r.closed_at is not None else now
            # facts, timeline (late reasons) and deadlines only: no per-incident query for what it does not print
            view = documents._snapshot(session, r, "written_report", as_of, with_linked=False)
            content = {"incident": view["incident"], "elements": {}, "timeline": view["timeline"],
                       "deadlines": view["deadlines"], "snapshot_at": view["snapshot_at"]}
            inc = _incident_from_content(content, (r.rule_set_id, r.rule_set_version))
            spool.write(totals.add(_with_status(inc, STATUSES.get(r.status, r.status))).to_json() + "\n")
        spool.seek(0)
        register = StreamedRegister(
            title="声誉风险事件台账",  # the period is printed once, on the line under the title
            period_start=start, period_end=end - timedelta(seconds=1), compiled_by=compiled_by, compiled_at=now,
            incidents=[], lines=lambda: map(RegisterLine.from_json, spool), units=list(totals.units.items()),
            count=totals.count)
        if out is not None:
            result = build("register", register, out=out)
            pdf = b""
        else:  # ReportLab would join the whole file in memory (several times its size): once here, as it is read
            with tempfile.TemporaryFile() as made:
                result = build("register", register, out=made)
                made.seek(0)
                pdf = made.read()
    title = f"声誉风险事件台账（{first.year}年{first.month}月{first.day}日至{last.year}年{last.month}月{last.day}日）"
    name = getattr(out, "name", None)
    return Printed(pdf, False, f"台账：{totals.count} 个事件。", None, result.warnings, title,
                   kind="register", period=f"{first.isoformat()}..{last.isoformat()}",
                   path=Path(name) if isinstance(name, str) else None)


def print_register(session: Session, actor: Actor, first: date, last: date, now: datetime | None = None) -> Printed:
    """`build_register`, recorded as printed by `actor`."""
    printed = build_register(session, actor, first, last, now)
    record_print(session, actor, printed, now)
    return printed


def _with_status(inc: R.ReportIncident, status: str) -> R.ReportIncident:
    from dataclasses import replace

    # the register prints facts and deadlines only: the timeline's text is not kept for a whole period
    return replace(inc, status=status, timeline=[], media_contacts=[], monitoring=[], appeasements=[])


# --- verification -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    ok: bool
    message: str


def verify_pdf(session: Session, pdf: bytes) -> Verdict:
    """Does this PDF match a stored signed version? Its code must name a signed version whose stored content
    still has its hash, and the file must be one the program printed from it (byte for byte)."""
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a foreign or broken file is answered below, not logged
    code = verification.extract_code(pdf)
    if code is None:
        return Verdict(False, "文件中没有 RepDesk 验证码：不是本系统打印的签发文件，或是未签发的草稿")
    check = approvals.verify_code(session, code)
    if not check.ok or check.version is None:
        return Verdict(False, check.message)
    view = check.version
    digest = hashlib.sha256(pdf).hexdigest()
    known = session.execute(select(DocumentPrint.id).where(DocumentPrint.version_id == view.version_id,
                                                           DocumentPrint.pdf_sha256 == digest)).first()
    if known is None:
        _kind, data = document_data(session, view, True)
        if build(_kind, data).pdf != pdf:
            return Verdict(False, f"文件内容与登记的签发版本（{view.kind_label} 第{view.number}版，"
                                  f"验证码 {code}）不一致：文件可能被改动")
    signer, at = _signer(view)
    when = at.astimezone(CST).strftime("%Y-%m-%d %H:%M") if at else ""
    return Verdict(True, f"验证通过：{view.incident_number} {view.kind_label} 第{view.number}版，"
                         f"签发人 {signer}，{when}，内容哈希 {view.sha256[:16]}…")


__all__ = [
    "SYSTEM",
    "NotFound",
    "Printed",
    "Verdict",
    "build_document",
    "build_register",
    "build_version",
    "is_signed",
    "parse_day",
    "print_document",
    "print_register",
    "print_version",
    "record_print",
    "verify_pdf",
]
