"""Nothing dead-ends: a unit without accounts phones its lead department, whose lead officer records the
incident, drafts and submits the unit's written report, prints it for the unit head's wet-ink signature and
records that signature with a scan (3.3.1, 3.3.3); the spokesperson's designation is recorded when it is saved
(4.3.4(3))."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli.main import main
from desktop.db.models import AuditEntry
from desktop.domain import SYSTEM, DocumentState, Stage
from desktop.errors import ConflictError, ErrorCode, NotFound, PermissionDenied, ValidationError
from desktop.services import accounts, approvals, audit, doc_steps, documents, history, incidents, org, printing
from tests.core.test_approvals import FULL, MAJOR, PLAN, World, at, make_world

SCAN = b"%PDF-1.7\n" + b"scan of the signed page " * 40
SIGNER = "王德明"


@pytest.fixture
def world(db: object, monkeypatch: pytest.MonkeyPatch) -> World:
    return make_world(db, monkeypatch)  # type: ignore[arg-type]


def phoned_in(w: World, unit: str = "bd_main", severity: str = "general") -> int:
    """3.3.1: the unit phoned; its lead department's lead officer records the incident for it."""
    data: dict[str, object] = {"title": "营业部客户投诉理财产品", "unit_id": w.units[unit], "occurred_at": at(0),
                               "severity": severity, "source": "complaint", "place": "营业大厅", **FULL}
    if severity == "major":
        data.update(MAJOR)
    with w.db.session() as s:
        return incidents.create_incident(s, w.people["jingban"], data, now=at(2)).id


def drafted(w: World, who: str, incident_id: int, minutes: float) -> documents.DocumentVersionView:
    with w.db.session() as s:
        return documents.create_document(s, w.people[who], incident_id, "written_report", Stage.FIRST,
                                         now=at(minutes))


def submitted(w: World, who: str, incident_id: int, minutes: float) -> documents.DocumentVersionView:
    v = drafted(w, who, incident_id, minutes)
    with w.db.session() as s:
        return documents.submit(s, w.people[who], v.version_id, v.sha256, now=at(minutes + 1))


def paper(w: World, who: str, version_id: int, minutes: float, *, signer: str = SIGNER,
          signed: float | None = None, scan: bytes = SCAN, name: str = "签字页.pdf") -> documents.DocumentVersionView:
    with w.db.session() as s:
        return approvals.record_paper_signature(s, w.people[who], version_id, signer,
                                                at(minutes if signed is None else signed), scan, name,
                                                now=at(minutes))


def test_a_unit_without_accounts_reports_through_its_lead_department_and_signs_on_paper(
    world: World, tmp_path: Path
) -> None:
    w = world
    with w.db.read() as s:
        unit = org.unit_info(s, w.units["bd_main"])
        assert not doc_steps.has_account(s, unit.id, doc_steps.UNIT_REPORTERS)
    i = phoned_in(w)
    with w.db.session() as s:  # 3.3.1: the phone call, recorded for the unit by its lead department
        incidents.record_event(s, w.people["jingban"], i, "reported_to_lead", at(5), now=at(6))
    v = submitted(w, "jingban", i, 10)
    assert v.state == DocumentState.SUBMITTED and v.unit_id == w.units["bd_main"]

    # Printed for the wet-ink signature: marked 待签字 (not 草稿), with no verification code.
    with w.db.read() as s:
        printed = printing.build_version(s, w.people["jingban"], v.version_id)
    assert not printed.signed and "待签字" in printed.message
    meta = PdfReader(io.BytesIO(printed.pdf)).metadata
    assert meta is not None and meta["/Subject"] == "待签字"
    assert printing.verification.extract_code(printed.pdf) is None

    with w.db.read() as s:
        assert approvals.paper_signature_refusal(s, w.people["jingban"], v.version_id) is None
    signed = paper(w, "jingban", v.version_id, 40, signed=30)
    assert signed.state == DocumentState.SIGNED and signed.signed_at == at(30)
    assert signed.signer_name == SIGNER and signed.signer_id is None
    assert signed.paper_signature is not None
    assert signed.paper_signature.scan_sha256 == hashlib.sha256(SCAN).hexdigest()
    assert signed.paper_signature.recorded_by_name == "张伟" and signed.paper_signature.scan_mime == "application/pdf"
    steps = [(s.key, s.done_by, s.done_at) for s in signed.steps]
    assert steps == [("unit_head_sign", f"{SIGNER}（纸质签字）", at(30))]
    with w.db.read() as s:
        name, mime, data = approvals.paper_scan(s, w.people["jingban"], v.version_id)
    assert (name, mime, data) == ("签字页.pdf", "application/pdf", SCAN)

    # The record: one entry naming the signer, the time and the scan's hash; the chain still verifies.
    with w.db.read() as s:
        entry = s.query(AuditEntry).filter(AuditEntry.action == "document.paper_signed").one()
        after = json.loads(entry.after)
        assert after["scan_sha256"] == hashlib.sha256(SCAN).hexdigest() and after["signer_name"] == SIGNER
        assert entry.actor_name == "张伟" and after["state"] == "signed"
        assert audit.verify(s).ok
        rows = [r for r in history.history(s, SYSTEM, i) if r.action == "document.paper_signed"]
        assert rows[0].action_label == "录入纸质签字" and f"签字人：{SIGNER}" in rows[0].change

    # It flows on like an electronically signed one: sent to the lead department, the deadline met.
    with w.db.session() as s:
        sent = approvals.send(s, w.people["jingban"], v.version_id, v.sha256, at=at(45), now=at(45))
        assert sent.state == DocumentState.SENT
        record = incidents.get_incident(s, SYSTEM, i)
    assert "written_report_to_lead" in [e.type for e in record.events]

    # The printed signed copy names the paper signer and `repdesk verify` recognises it.
    with w.db.session() as s:
        copy = printing.print_version(s, w.people["jingban"], v.version_id, now=at(50))
    assert copy.signed
    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(copy.pdf)).pages)
    assert SIGNER in text and "RDV2:" in text and "待签字" not in text
    with w.db.read() as s:
        verdict = printing.verify_pdf(s, copy.pdf)
        assert verdict.ok and SIGNER in verdict.message
        assert "纸质签字" in approvals.verify_code(s, signed.verification_code).message
    out = tmp_path / "signed.pdf"
    out.write_bytes(copy.pdf)
    assert main(["--database-url", w.db.url, "verify", str(out)]) == 0


def test_only_the_lead_department_drafts_for_a_unit_without_accounts(world: World) -> None:
    w = world
    i = phoned_in(w)
    with pytest.raises(PermissionDenied):  # the branch office is not this remote unit's lead department
        drafted(w, "bangongshi", i, 10)
    with pytest.raises(PermissionDenied):  # another unit's information officer
        drafted(w, "xinxi", i, 10)
    # A unit with its own reporting accounts drafts its own report (3.3.1).
    j = phoned_in(w, "bd_chaoyang")
    with pytest.raises(PermissionDenied):
        drafted(w, "jingban", j, 10)
    # Once the unit has an account, it reports itself.
    with w.db.session() as s:
        accounts.create_user(s, w.people["admin"], username="yyb_xinxi", display_name="营业部信息员",
                             unit_id=w.units["bd_main"], password="repdesk2026", roles={"info_officer"})
    with pytest.raises(PermissionDenied):
        drafted(w, "jingban", i, 10)


def test_each_refusal_of_a_paper_signature(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    w = world
    i = phoned_in(w)
    draft = drafted(w, "jingban", i, 10)

    def refused(exc: type[Exception], code: ErrorCode | None = None, field: str | None = None, **kw: object
                ) -> None:
        who = str(kw.pop("who", "jingban"))
        version_id = int(kw.pop("version_id", v.version_id))  # type: ignore[call-overload]
        minutes = float(kw.pop("minutes", 40))  # type: ignore[arg-type]
        with pytest.raises(exc) as caught:
            paper(w, who, version_id, minutes, **kw)  # type: ignore[arg-type]
        if code is not None:
            assert caught.value.code == code  # type: ignore[attr-defined]
        if field is not None:
            assert caught.value.field == field  # type: ignore[attr-defined]

    v = draft
    refused(ConflictError, ErrorCode.WRONG_STATE)  # a draft is not frozen: it may still change
    with w.db.session() as s:
        v = documents.submit(s, w.people["jingban"], draft.version_id, draft.sha256, now=at(11))
    refused(PermissionDenied, who="bangongshi")  # not the unit's lead department
    refused(PermissionDenied, who="xinxi")
    refused(PermissionDenied, who="lingdao")
    refused(ValidationError, field="signer_name", signer="  ")
    refused(ValidationError, field="signed_at", signed=60)  # in the future
    refused(ValidationError, field="signed_at", signed=5)  # before the version was submitted
    refused(ValidationError, field="scan", scan=b"")
    refused(ValidationError, field="scan", name="签字页.docx")
    refused(ValidationError, field="scan", name="签字页.png")  # a PDF's bytes under a picture's name
    # A context of its own: monkeypatch.undo() would also undo the per-test key folder, losing the audit key.
    with monkeypatch.context() as patched:
        patched.setattr(approvals, "MAX_SCAN_BYTES", 100)
        refused(ValidationError, field="scan")  # too large
    with w.db.session() as s:  # the stale version: edited after submission, version 2 replaces it
        v2 = documents.edit_document(s, w.people["jingban"], v.document_id, v.sha256, {"body": "补充"},
                                     now=at(20))
    refused(ConflictError, ErrorCode.STALE)
    with w.db.session() as s:
        v2 = documents.submit(s, w.people["jingban"], v2.version_id, v2.sha256, now=at(21))
    with w.db.session() as s, pytest.raises(ConflictError):  # the version shown must be the one stored
        approvals.record_paper_signature(s, w.people["jingban"], v2.version_id, SIGNER, at(30), SCAN,
                                         "a.pdf", now=at(40), expected_sha256=v.sha256)
    paper(w, "jingban", v2.version_id, 40, signed=30)
    refused(ConflictError, ErrorCode.WRONG_STATE, version_id=v2.version_id)  # signed once only
    with w.db.read() as s:
        assert audit.verify(s).ok
        assert len(s.query(AuditEntry).filter(AuditEntry.action == "document.paper_signed").all()) == 1

    # A unit head with an account signs with it: no paper signature for the unit's report.
    j = phoned_in(w, "bd_chaoyang")
    other = submitted(w, "xinxi", j, 10)
    refused(PermissionDenied, version_id=other.version_id)
    with w.db.read() as s:
        assert "本人登录签发" in (approvals.paper_signature_refusal(s, w.people["jingban"], other.version_id) or "")
        with pytest.raises(NotFound):
            approvals.paper_scan(s, w.people["jingban"], other.version_id)
    # ... but once that account is disabled, the unit head signs on paper.
    with w.db.session() as s:
        fuzeren = w.people["fuzeren"].user_id
        assert fuzeren is not None
        accounts.set_active(s, w.people["admin"], fuzeren, False)
    assert paper(w, "jingban", other.version_id, 40, signed=30).state == DocumentState.SIGNED


def test_only_a_written_report_is_signed_on_paper(world: World) -> None:
    w = world
    i = phoned_in(w)
    with w.db.session() as s:
        plan = documents.create_document(s, w.people["jingban"], i, "response_plan", "",
                                         {"reply_script": "统一口径", **PLAN}, now=at(10))
        plan = documents.submit(s, w.people["jingban"], plan.version_id, plan.sha256, now=at(11))
    with pytest.raises(ValidationError) as caught:
        paper(w, "jingban", plan.version_id, 40, signed=30)
    assert caught.value.field == "kind"


def _designations(w: World, incident_id: int) -> list[str]:
    with w.db.read() as s:
        return [e.note for e in incidents.get_incident(s, SYSTEM, incident_id).events
                if e.type == "spokesperson_designated"]


def _save(w: World, incident_id: int, name: str, minutes: float, who: str = "jingban",
          late_reason: str = "") -> None:
    with w.db.session() as s:
        version = incidents.get_incident(s, SYSTEM, incident_id).row_version
        incidents.save_spokesperson(s, w.people[who], incident_id, version, name, "我行高度重视",
                                    late_reason=late_reason, now=at(minutes))


def test_saving_the_spokesperson_records_the_designation_once(world: World) -> None:
    w = world
    i = phoned_in(w, severity="major")
    _save(w, i, "", 20)
    assert _designations(w, i) == []  # no name, no designation
    _save(w, i, "吴静", 30)
    assert _designations(w, i) == ["指定新闻发言人：吴静"]
    _save(w, i, "吴静", 35)  # unchanged: nothing again
    assert _designations(w, i) == ["指定新闻发言人：吴静"]
    _save(w, i, "孙晓明", 40)  # a change: a new designation, the first stays
    assert _designations(w, i) == ["指定新闻发言人：吴静", "指定新闻发言人：孙晓明"]
    with w.db.read() as s:
        record = incidents.get_incident(s, SYSTEM, i)
        status = next(r for r in incidents.deadlines(record, at(41)) if r.rule.id == "4.3.4-3b")
    assert record.spokesperson_name == "孙晓明" and status.status == "met"


def test_a_late_designation_asks_for_the_reason_and_nothing_is_saved_without_it(world: World) -> None:
    w = world
    i = phoned_in(w, severity="major")
    with pytest.raises(ValidationError) as caught:
        _save(w, i, "吴静", 5 * 60)  # 4.3.4(3): within four hours
    assert caught.value.code == ErrorCode.LATE_REASON_REQUIRED
    with w.db.read() as s:
        assert incidents.get_incident(s, SYSTEM, i).spokesperson_name == ""
    _save(w, i, "吴静", 5 * 60, late_reason="领导小组会议推迟")
    assert _designations(w, i) == ["指定新闻发言人：吴静"]


def test_a_name_saved_before_without_a_designation_is_designated_when_saved_again(world: World) -> None:
    w = world
    i = phoned_in(w, severity="major")
    with w.db.session() as s:
        version = incidents.get_incident(s, SYSTEM, i).row_version
        incidents.update_incident(s, w.people["jingban"], i, version, {"spokesperson_name": "吴静"}, now=at(20))
    assert _designations(w, i) == []
    _save(w, i, "吴静", 30)
    assert _designations(w, i) == ["指定新闻发言人：吴静"]
