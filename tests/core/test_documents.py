"""Documents with versions: the snapshot and its hash, freezing, new versions, refusals, stale decisions."""

from __future__ import annotations

import hashlib
import json

import pytest
from sqlalchemy import update
from test_approvals import FULL, PLAN, World, at, do, draft, event, make_world, new_incident, submitted

from desktop.db.models import DocumentVersion
from desktop.db.session import Database
from desktop.domain import SYSTEM
from desktop.errors import ConflictError, ErrorCode, ValidationError
from desktop.services import approvals, audit, documents, incidents


@pytest.fixture
def world(db: Database, monkeypatch: pytest.MonkeyPatch) -> World:
    return make_world(db, monkeypatch)


def test_a_draft_is_a_snapshot_of_the_incident_with_its_hash(world: World) -> None:
    w = world
    i = new_incident(w)
    event(w, "xinxi", i, "reported_to_lead", 5)
    v = draft(w, "xinxi", i, "written_report", 8, stage="first", doc_number="朝银〔2026〕3号")
    assert (v.kind, v.stage_label, v.number, v.state, v.is_current) == (
        "written_report",
        "首报",
        1,
        "draft",
        True,
    )
    assert v.unit_name == "保定朝阳支行" and v.created_by_name == "李晓梅"
    assert v.content["incident"]["unit_name"] == "保定朝阳支行"
    assert v.content["elements"] == FULL  # a general incident: the seven elements of 3.3.2
    assert [e["type"] for e in v.content["timeline"]] == ["reported_to_lead"]
    assert any(d["id"] == "3.3.1" and d["status"] == "pending" for d in v.content["deadlines"])
    assert v.fields["doc_number"] == "朝银〔2026〕3号" and v.doc_number == "朝银〔2026〕3号"
    assert v.fields["contact_person"] == "李晓梅" and v.fields["contact_phone"] == "0312-3150201"
    assert v.fields["recipient"] == "保定分行综合管理部"
    canonical = audit.canonical(v.content)
    assert v.sha256 == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert v.verification_code == f"RDV1:{v.version_id}:{v.sha256[:16]}"


def test_a_draft_is_edited_in_place_and_a_frozen_version_makes_a_new_one(world: World) -> None:
    w = world
    i = new_incident(w)
    v1 = draft(w, "jingban", i, "response_plan", 8, reply_script="口径一", **PLAN)
    with w.db.session() as s:
        edited = documents.edit_document(
            s, w.people["jingban"], v1.document_id, v1.sha256, {"reply_script": "口径二"}, now=at(9)
        )
    assert (edited.version_id, edited.number, edited.state) == (v1.version_id, 1, "draft")
    assert edited.sha256 != v1.sha256 and edited.fields["reply_script"] == "口径二"
    with w.db.session() as s, pytest.raises(ConflictError) as changed:
        documents.edit_document(
            s, w.people["jingban"], v1.document_id, v1.sha256, {"title": "旧表单"}, now=at(9)
        )
    assert changed.value.code is ErrorCode.STALE

    with w.db.session() as s:
        frozen = documents.submit(s, w.people["jingban"], edited.version_id, edited.sha256, now=at(10))
    assert frozen.state == "submitted" and frozen.submitted_at == at(10)
    with w.db.session() as s, pytest.raises(ConflictError) as again:
        documents.submit(s, w.people["jingban"], frozen.version_id, frozen.sha256, now=at(10))
    assert again.value.code is ErrorCode.WRONG_STATE
    # The facts changed after submission: the frozen version keeps what the approvers were shown.
    with w.db.session() as s:
        record = incidents.get_incident(s, SYSTEM, i)
        incidents.update_incident(
            s, SYSTEM, i, record.row_version, {"el_situation": "客户已再次到访"}, now=at(11)
        )
        v2 = documents.edit_document(
            s,
            w.people["jingban"],
            frozen.document_id,
            frozen.sha256,
            {"plan_measures": "安排专人回访"},
            now=at(12),
        )
    assert (v2.number, v2.state) == (2, "draft") and v2.content["elements"][
        "el_situation"
    ] == "客户已再次到访"
    assert v2.fields["reply_script"] == "口径二"  # the drafter's fields carry over
    with w.db.read() as s:
        old = documents.get_version(s, SYSTEM, frozen.version_id)
        history = documents.versions(s, SYSTEM, frozen.document_id)
        listed = documents.list_documents(s, SYSTEM, i)
    assert old.state == "superseded" and not old.is_current and old.sha256 == frozen.sha256
    assert old.content["elements"]["el_situation"] == FULL["el_situation"]
    assert [h.number for h in history] == [1, 2] and [d.version_id for d in listed] == [v2.version_id]


def test_decisions_on_a_stale_version_are_refused(world: World) -> None:
    w = world
    i = new_incident(w)
    event(w, "xinxi", i, "reported_to_lead", 5)
    v1 = submitted(w, "jingban", i, "response_plan", 10, reply_script="口径一")
    # The approver was shown other content than what is stored.
    stale = documents.DocumentVersionView(**{**v1.__dict__, "sha256": "0" * 64})
    with pytest.raises(ConflictError) as shown_other:
        do(w, "approve", "lingdao", stale, 11)
    assert shown_other.value.code is ErrorCode.STALE
    # The drafter edits after submission: the version the approver opened is no longer current.
    with w.db.session() as s:
        documents.edit_document(
            s, w.people["jingban"], v1.document_id, v1.sha256, {"reply_script": "口径二"}, now=at(12)
        )
    for action in ("approve", "sign", "send"):
        with pytest.raises(ConflictError, match="第2版") as newer:
            do(w, action, "lingdao", v1, 13)
        assert newer.value.code is ErrorCode.STALE
    with pytest.raises(ConflictError, match="第2版"):
        do(w, "return", "lingdao", v1, 13, comment="退回")
    with w.db.read() as s:
        assert all(
            q.version_id != v1.version_id for q in approvals.pending_for(s, w.people["lingdao"], at(13))
        )


def test_a_version_changed_behind_the_services_back_is_refused(world: World) -> None:
    w = world
    i = new_incident(w)
    event(w, "xinxi", i, "reported_to_lead", 5)
    v = submitted(w, "xinxi", i, "written_report", 10, stage="first")
    tampered = json.loads(json.dumps(v.content))
    tampered["elements"]["el_impact"] = "无影响"
    with w.db.session() as s:
        s.execute(
            update(DocumentVersion)
            .where(DocumentVersion.id == v.version_id)
            .values(content=audit.canonical(tampered))
        )
    with pytest.raises(ConflictError, match="校验不符"):
        do(w, "sign", "fuzeren", v, 11)


def test_submitting_a_report_with_missing_elements_names_them(world: World) -> None:
    w = world
    i = new_incident(w, el_time="", el_place="  ")
    v = draft(w, "xinxi", i, "written_report", 8, stage="first")
    with w.db.session() as s, pytest.raises(ValidationError, match="时间、地点") as exc:
        documents.submit(s, w.people["xinxi"], v.version_id, v.sha256, now=at(9))
    assert exc.value.field == "elements" and "3.3.2" in exc.value.message
    # A major incident's reports also need the two more elements.
    major = new_incident(w, unit="bd_main", severity="major", el_consequences="")
    report = draft(w, "bangongshi", major, "major_report", 8)
    with w.db.session() as s, pytest.raises(ValidationError, match="可能引发的后果"):
        documents.submit(s, w.people["bangongshi"], report.version_id, report.sha256, now=at(9))


def test_document_rules_refuse_what_makes_no_sense(world: World) -> None:
    w = world
    i = new_incident(w)
    with pytest.raises(ValidationError, match="重大"):
        draft(w, "bangongshi", i, "major_report", 5)
    with pytest.raises(ValidationError, match="报告阶段"):
        draft(w, "xinxi", i, "written_report", 5)
    with pytest.raises(ValidationError, match="没有这一项"):
        draft(w, "xinxi", i, "written_report", 5, stage="first", reply_script="口径")
    with pytest.raises(ValidationError, match="未知的文件类型"):
        draft(w, "xinxi", i, "memo", 5)
    draft(w, "xinxi", i, "written_report", 5, stage="first")
    with pytest.raises(ValidationError, match="已有"):
        draft(w, "xinxi", i, "written_report", 6, stage="first")
    draft(w, "xinxi", i, "written_report", 6, stage="follow_up")
    draft(w, "xinxi", i, "written_report", 7, stage="follow_up")  # any number of follow-ups
    plan = draft(w, "jingban", i, "response_plan", 8)
    with w.db.session() as s, pytest.raises(ValidationError, match="应答口径"):
        documents.submit(s, w.people["jingban"], plan.version_id, plan.sha256, now=at(9))


def test_demo_documents(world: World) -> None:
    from desktop import demo
    from desktop.demo import document_flow as doc_demo
    from desktop.timeutil import now_utc

    w = world
    now = now_utc()
    with w.db.session() as s:
        keys = demo.build_incidents(s, w.units, w.people, now)
        made = doc_demo.demo_documents(s, w.units, w.people, keys, now)
    with w.db.read() as s:
        report = documents.get_version(s, SYSTEM, made["written_report"])
        major = documents.get_version(s, SYSTEM, made["major_report"])
        plan = documents.get_version(s, SYSTEM, made["response_plan"])
        queue = approvals.pending_for(s, w.people["bangongshi"], now)
        events = {k: [e.type for e in incidents.get_incident(s, SYSTEM, keys[k]).events] for k in keys}
        assert audit.verify(s).ok
    assert (report.state, report.signer_name) == ("sent", "刘强")
    assert (major.state, major.signer_name) == ("sent", "周明")
    assert plan.state == "submitted" and [st.done_by for st in plan.steps] == ["陈志远", ""]
    assert [q.version_id for q in queue] == [plan.version_id]
    assert "written_report_to_lead" in events["just_reported"]
    assert {"major_report_approved", "reported_to_head_office"} <= set(events["major"])
