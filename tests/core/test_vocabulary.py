"""The vocabulary: enums whose values are the stored strings, errors that carry a code, services that keep the
`now` they are given, and the window's list of the rule set's texts generated from the rule set."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import StatementError
from test_approvals import PLAN, World, at, do, draft, event, make_world, new_incident, submitted

from desktop import demo
from desktop.db.models import ApprovalDecision, DocumentVersion, Incident
from desktop.db.session import Database
from desktop.domain import (
    STAGES,
    STATUSES,
    SYSTEM,
    ApprovalStep,
    Decision,
    DocumentState,
    IncidentStatus,
    Stage,
)
from desktop.errors import (
    AuthError,
    ConflictError,
    ErrorCode,
    NotFound,
    PermissionDenied,
    RepDeskError,
    ValidationError,
)
from desktop.rules.loader import default_ruleset
from desktop.rules.model import InputError, InputProblem
from desktop.services import accounts, doc_steps, documents, history, incidents


@pytest.fixture
def world(db: Database, monkeypatch: pytest.MonkeyPatch) -> World:
    return make_world(db, monkeypatch)


# --- enums ----------------------------------------------------------------------------------------------------


def test_the_enums_are_the_stored_strings() -> None:
    """Changing one of these values would need a data migration: the database holds them as text."""
    assert [s.value for s in IncidentStatus] == ["open", "closed"]
    assert [s.value for s in Stage] == ["first", "follow_up", "final"]
    assert [s.value for s in DocumentState] == [
        "draft", "submitted", "returned", "approved", "signed", "sent", "superseded"
    ]
    assert [s.value for s in Decision] == ["approved", "returned", "signed", "sent"]
    assert [s.value for s in ApprovalStep] == [
        "unit_head_sign", "branch_leader", "local_leader", "branch_office", "leadership_group", "president_sign",
        "lead_department", "send",
    ]
    assert set(STATUSES) == set(IncidentStatus) and set(STAGES) == set(Stage)
    assert set(documents.STATES) == set(DocumentState) and set(documents.DECISIONS) == set(Decision)
    assert set(doc_steps.STEP_LABELS) == set(ApprovalStep) - {ApprovalStep.SEND}


def test_enum_columns_store_the_plain_value_and_give_back_the_member(world: World) -> None:
    w = world
    i = new_incident(w)
    event(w, "xinxi", i, "reported_to_lead", 5)
    report = submitted(w, "xinxi", i, "written_report", 10, stage=Stage.FIRST)
    report = do(w, "sign", "fuzeren", report, 12)
    assert report.stage is Stage.FIRST and report.state is DocumentState.SIGNED
    assert [(d.step, d.decision) for d in report.decisions] == [(ApprovalStep.UNIT_HEAD_SIGN, Decision.SIGNED)]
    plan = draft(w, "jingban", i, "response_plan", 13, reply_script="口径")
    assert plan.stage is None and plan.stage_label == ""
    with w.db.session() as s:
        raw = s.execute(text("SELECT state FROM document_versions WHERE id = :id"), {"id": report.version_id})
        assert raw.scalar_one() == "signed"
        assert s.execute(text("SELECT step, decision FROM approval_decisions")).one() == ("unit_head_sign", "signed")
        assert s.execute(text("SELECT stage FROM documents ORDER BY id")).scalars().all() == ["first", ""]
        assert s.execute(text("SELECT status FROM incidents")).scalar_one() == "open"
        incident = s.get(Incident, i)
        assert incident is not None and type(incident.status) is IncidentStatus
        decision = s.query(ApprovalDecision).one()
        assert type(decision.step) is ApprovalStep and type(decision.decision) is Decision
    with w.db.session() as s, pytest.raises(StatementError, match="bogus"):
        version = s.get(DocumentVersion, plan.version_id)
        assert version is not None
        version.state = "bogus"  # type: ignore[assignment]
        s.flush()


# --- error codes ----------------------------------------------------------------------------------------------


def test_every_error_carries_a_code() -> None:
    assert RepDeskError("x").code is ErrorCode.ERROR
    assert ValidationError("title", "x").code is ErrorCode.VALIDATION
    assert PermissionDenied("x").code is ErrorCode.PERMISSION_DENIED
    assert NotFound("x").code is ErrorCode.NOT_FOUND
    assert ConflictError("x").code is ErrorCode.CONFLICT
    assert AuthError("x").code is ErrorCode.AUTH_FAILED
    specific = ValidationError("late_reason", "x", ErrorCode.LATE_REASON_REQUIRED)
    assert (specific.code, specific.field, specific.message) == (ErrorCode.LATE_REASON_REQUIRED, "late_reason", "x")
    assert ConflictError("x").code is ErrorCode.CONFLICT  # a specific code on one error leaves the class alone


def test_refusals_say_what_they_are_by_code(world: World) -> None:
    w = world
    i = new_incident(w, unit="zhongshan")
    event(w, "zhongshan", i, "reported_to_lead", 10)
    plan = draft(w, "bangongshi", i, "response_plan", 20, reply_script="口径", **PLAN)
    with w.db.session() as s:
        edited = documents.edit_document(s, w.people["bangongshi"], plan.document_id, plan.sha256, {"body": "一"},
                                         now=at(21))
    with w.db.session() as s, pytest.raises(ConflictError) as stale:
        documents.edit_document(s, w.people["bangongshi"], plan.document_id, plan.sha256, {"body": "二"}, now=at(22))
    assert stale.value.code is ErrorCode.STALE
    with w.db.session() as s:
        plan = documents.submit(s, w.people["bangongshi"], edited.version_id, edited.sha256, now=at(25))
    with w.db.session() as s, pytest.raises(ConflictError) as again:
        documents.submit(s, w.people["bangongshi"], plan.version_id, plan.sha256, now=at(26))
    assert again.value.code is ErrorCode.WRONG_STATE
    with pytest.raises(ValidationError) as late:
        do(w, "approve", "fenhang", plan, 300)  # past 4.2.2.1(3)'s four hours
    assert (late.value.code, late.value.field) == (ErrorCode.LATE_REASON_REQUIRED, "late_reason")
    with w.db.session() as s:
        incidents.close_incident(s, w.people["bangongshi"], i, now=at(310), no_evaluation_reason="不须评估")
    with pytest.raises(ValidationError) as closed:
        event(w, "zhongshan", i, "media_inquiry", 320)
    assert closed.value.code is ErrorCode.WRONG_STATE


def test_log_in_refusals_are_one_answer_whatever_the_cause(world: World) -> None:
    """Unknown name, wrong password, locked and disabled account: one message and one code (the name's existence
    and its account's state are not told to whoever is guessing)."""
    w = world
    user_id = w.people["xinxi"].user_id
    assert user_id is not None
    answers = []
    for _ in range(accounts.MAX_FAILURES):
        with w.db.session() as s, pytest.raises(AuthError) as wrong:
            accounts.authenticate(s, "xinxi", "wrong-one1", now=at(0))
        answers.append((wrong.value.code, wrong.value.message))
    with w.db.session() as s, pytest.raises(AuthError) as locked:
        accounts.authenticate(s, "xinxi", demo.DEMO_PASSWORD, now=at(1))
    answers.append((locked.value.code, locked.value.message))
    with w.db.session() as s, pytest.raises(AuthError) as unknown:
        accounts.authenticate(s, "nobody", demo.DEMO_PASSWORD, now=at(1))
    answers.append((unknown.value.code, unknown.value.message))
    admin = w.people["admin"]
    with w.db.session() as s:
        accounts.set_active(s, admin, user_id, False)
    with w.db.session() as s, pytest.raises(AuthError) as disabled:
        accounts.authenticate(s, "xinxi", demo.DEMO_PASSWORD, now=at(100))
    answers.append((disabled.value.code, disabled.value.message))
    assert set(answers) == {(ErrorCode.BAD_CREDENTIALS, accounts.WRONG_CREDENTIALS)}


def test_timeline_refusals_are_explained_from_the_rules_codes(world: World) -> None:
    rules = default_ruleset()
    explain = incidents._explain
    regulator = InputError("events[1].type", "x", InputProblem.MISSING_PRIOR, "head_office_consent")
    assert explain(regulator, "reported_to_regulator", rules).startswith("未经总行同意")
    head_office = InputError("events[1].at", "x", InputProblem.BEFORE_PRIOR, "major_report_approved")
    assert explain(head_office, "reported_to_head_office", rules).startswith("《重大突发事件报告》经处置领导小组审定后")
    assert "无需升级" in explain(InputError("events[0].type", "x", InputProblem.ALREADY_MAJOR), "escalated_to_major",
                               rules)
    w = world
    i = new_incident(w)
    with pytest.raises(ValidationError) as early:
        event(w, "xinxi", i, "reported_to_lead", -30)
    assert early.value.field == "at" and "不能早于事发时间" in early.value.message


# --- now --------------------------------------------------------------------------------------------------------


def test_services_keep_the_now_they_are_given(world: World) -> None:
    w = world
    i = new_incident(w)  # created at 1 minute
    with w.db.session() as s:
        record = incidents.record_event(s, w.people["xinxi"], i, "reported_to_lead", at(5), now=at(7))
    assert record.events[0].recorded_at == at(7) and record.updated_at == at(7)
    with w.db.session() as s:
        record = incidents.get_incident(s, SYSTEM, i)
        record = incidents.update_incident(s, w.people["jingban"], i, record.row_version, {"severity": "major"},
                                           now=at(20))
    escalation = next(e for e in record.events if e.type == "escalated_to_major")
    assert escalation.at == at(20) and escalation.recorded_at == at(20) and record.updated_at == at(20)
    draft(w, "xinxi", i, "written_report", 30, stage=Stage.FIRST)
    with w.db.session() as s:
        incidents.close_incident(s, w.people["jingban"], i, now=at(40), no_evaluation_reason="不须评估")
    with w.db.read() as s:
        rows = history.history(s, SYSTEM, i)
    assert [(r.action, r.at) for r in rows] == [
        ("incident.create", at(1)),
        ("event.record", at(7)),
        ("event.record", at(20)),
        ("incident.update", at(20)),
        ("document.create", at(30)),
        ("incident.close", at(40)),
    ]


# --- the window's list of the rule set's texts ----------------------------------------------------------------


def test_the_rule_texts_for_lupdate_are_generated_from_the_rule_set() -> None:
    from tools import rule_strings

    texts = rule_strings.shown_texts(default_ruleset())
    assert "事发后半小时内报告分行办公室" in texts and "记者姓名" in texts and "分行办公室" in texts
    assert len(texts) == len(set(texts))
    wanted = rule_strings.render(texts)
    assert rule_strings.TARGET.read_text(encoding="utf-8") == wanted, "run: python -m tools.rule_strings"
    assert rule_strings.main(["--check"]) == 0
