"""Every forbidden drafting, approving, signing and sending is refused by the core, whatever the UI shows."""

from __future__ import annotations

import pytest
from test_approvals import World, at, do, draft, event, make_world, new_incident, queue, submitted

from desktop import demo
from desktop.db.session import Database
from desktop.domain import SYSTEM, Actor
from desktop.errors import ConflictError, ErrorCode, PermissionDenied
from desktop.services import accounts, approvals, documents


@pytest.fixture
def world(db: Database, monkeypatch: pytest.MonkeyPatch) -> World:
    return make_world(db, monkeypatch)


def _account(w: World, username: str, unit: str, roles: set[str]) -> Actor:
    with w.db.session() as s:
        return accounts.create_user(
            s,
            w.people["admin"],
            username=username,
            display_name=username,
            unit_id=w.units[unit],
            password=demo.DEMO_PASSWORD,
            roles=roles,
        ).actor()


def test_drafting_is_for_the_incident_unit_and_the_lead_departments(world: World) -> None:
    w = world
    i = new_incident(w)
    with pytest.raises(PermissionDenied, match="事发单位"):
        draft(w, "jingban", i, "written_report", 5, stage="first")
    with pytest.raises(PermissionDenied, match="牵头部门"):
        draft(w, "xinxi", i, "response_plan", 5)
    with pytest.raises(PermissionDenied, match="牵头部门"):
        draft(w, "lingdao", i, "response_plan", 5)
    with pytest.raises(PermissionDenied, match="无权查看"):
        draft(w, "zhongshan", i, "written_report", 5, stage="first")  # another unit's incident
    ts_officer = _account(w, "ts_jingban", "ts_office", {"lead_officer"})
    with w.db.session() as s, pytest.raises(PermissionDenied, match="无权查看"):
        documents.create_document(
            s, ts_officer, i, "response_plan", now=at(5)
        )  # another area's lead department
    major = new_incident(w, unit="bd_main", severity="major")
    with pytest.raises(PermissionDenied, match="分行办公室"):
        draft(w, "jingban", major, "major_report", 5)
    # The drafter's own later edits and submission are checked the same way.
    plan = draft(w, "jingban", i, "response_plan", 6, reply_script="口径")
    with w.db.session() as s, pytest.raises(PermissionDenied):
        documents.edit_document(
            s, w.people["xinxi"], plan.document_id, plan.sha256, {"title": "改"}, now=at(7)
        )
    with w.db.session() as s, pytest.raises(PermissionDenied):
        documents.submit(s, w.people["lingdao"], plan.version_id, plan.sha256, now=at(7))


def test_approving_needs_the_right_role_and_unit(world: World) -> None:
    w = world
    i = new_incident(w)
    event(w, "xinxi", i, "reported_to_lead", 5)
    plan = submitted(w, "jingban", i, "response_plan", 10, reply_script="口径")
    for who in ("xinxi", "fuzeren"):
        with pytest.raises(PermissionDenied, match="4.2.2.2"):
            do(w, "approve", who, plan, 11)
    with pytest.raises(PermissionDenied, match="本人起草"):
        _approve_own(w, plan)
    ts_leader = _account(w, "ts_lingdao", "tangshan", {"leader"})
    with w.db.session() as s, pytest.raises(PermissionDenied, match="无权查看"):
        approvals.approve(s, ts_leader, plan.version_id, plan.sha256, now=at(11))
    with pytest.raises(PermissionDenied, match="退回|4.2.2.2"):
        do(w, "return", "xinxi", plan, 11, comment="不同意")
    with w.db.session() as s, pytest.raises(PermissionDenied, match="本人账户"):
        approvals.approve(s, SYSTEM, plan.version_id, plan.sha256, now=at(11))
    # Approving twice: once done, the same person cannot take the other step too.
    plan = do(w, "approve", "fenhang", plan, 12)
    with pytest.raises(PermissionDenied, match="重复审批"):
        do(w, "approve", "fenhang", plan, 13)
    assert all(q.version_id != plan.version_id for q in queue(w, "fenhang", 13))
    plan = do(w, "approve", "lingdao", plan, 14)
    with pytest.raises(ConflictError) as done:
        do(w, "approve", "hangzhang", plan, 15)
    assert done.value.code is ErrorCode.WRONG_STATE


def _approve_own(w: World, plan: documents.DocumentVersionView) -> None:
    """A lead officer who is also a leader may not approve what they drafted."""
    both = _account(w, "bgs_lingdao", "office", {"lead_officer", "leader"})
    with w.db.session() as s:
        own = documents.create_document(s, both, plan.incident_id, "evaluation", now=at(11))
        own = documents.submit(s, both, own.version_id, own.sha256, now=at(11))
    with w.db.session() as s:
        approvals.approve(s, both, own.version_id, own.sha256, now=at(11))


def test_roles_and_accounts_are_checked_against_the_database_not_the_login(world: World) -> None:
    w = world
    i = new_incident(w)
    event(w, "xinxi", i, "reported_to_lead", 5)
    plan = submitted(w, "jingban", i, "response_plan", 10, reply_script="口径")
    fenhang = w.people["fenhang"]
    assert fenhang.user_id is not None
    with w.db.session() as s:
        accounts.set_roles(s, w.people["admin"], fenhang.user_id, {"spokesperson"})
    with pytest.raises(PermissionDenied):
        do(w, "approve", "fenhang", plan, 11)  # the Actor still says "leader"; the database no longer does
    with w.db.session() as s:
        accounts.set_active(s, w.people["admin"], w.people["lingdao"].user_id or 0, False)
    with pytest.raises(PermissionDenied, match="停用"):
        do(w, "approve", "lingdao", plan, 11)


def test_signing_is_for_the_unit_head_of_that_unit_and_the_president(world: World) -> None:
    w = world
    i = new_incident(w)
    event(w, "xinxi", i, "reported_to_lead", 5)
    report = submitted(w, "xinxi", i, "written_report", 10, stage="first")
    # A unit head of another unit who can see the incident (the secondary branch's head) cannot sign it.
    bd_head = _account(w, "bd_fuzeren", "baoding", {"unit_head"})
    with w.db.session() as s, pytest.raises(PermissionDenied, match="保定朝阳支行的主要负责人"):
        approvals.sign(s, bd_head, report.version_id, report.sha256, now=at(11))
    for who in ("xinxi", "jingban", "lingdao", "hangzhang"):
        with pytest.raises(PermissionDenied):
            do(w, "sign", who, report, 11)
    with pytest.raises(PermissionDenied, match="无权查看"):
        do(w, "sign", "zhongshan", report, 11)  # a unit head elsewhere does not even see it
    with w.db.session() as s, pytest.raises(PermissionDenied, match="本人账户"):
        approvals.sign(s, SYSTEM, report.version_id, report.sha256, now=at(11))
    with pytest.raises(ConflictError) as unsigned:
        do(w, "send", "xinxi", report, 11)  # not signed yet
    assert unsigned.value.code is ErrorCode.WRONG_STATE
    report = do(w, "sign", "fuzeren", report, 12)
    with pytest.raises(PermissionDenied, match="报送"):
        do(w, "send", "jingban", report, 13)  # the unit sends its own report
    for action, who, kw in (("sign", "fuzeren", {}), ("approve", "lingdao", {}),
                            ("return", "fuzeren", {"comment": "收回"})):
        with pytest.raises(ConflictError) as signed:
            do(w, action, who, report, 13, **kw)
        assert signed.value.code is ErrorCode.WRONG_STATE, action


def test_the_branch_alone_deals_with_the_head_office_and_the_regulator(world: World) -> None:
    w = world
    i = new_incident(w, unit="bd_main", severity="major")
    event(w, "jingban", i, "reported_to_lead", 5)
    report = submitted(w, "bangongshi", i, "major_report", 10)
    for who in ("jingban", "lingdao", "bangongshi"):
        with pytest.raises(PermissionDenied, match="处置领导小组"):
            do(w, "approve", who, report, 11)
    report = do(w, "approve", "hangzhang", report, 12)
    report = do(w, "sign", "hangzhang", report, 13)
    for who in ("jingban", "lingdao", "xinxi"):
        with pytest.raises(PermissionDenied):
            do(w, "send", who, report, 14)
    do(w, "send", "fenhang", report, 15)
    for who in ("jingban", "lingdao"):
        with w.db.session() as s, pytest.raises(PermissionDenied):
            approvals.record_head_office_consent(s, w.people[who], i, now=at(20))
        with w.db.session() as s, pytest.raises(PermissionDenied):
            approvals.report_to_regulator(s, w.people[who], i, now=at(20))
    with w.db.session() as s:
        approvals.record_head_office_consent(s, w.people["hangzhang"], i, now=at(20))
        approvals.report_to_regulator(s, w.people["bangongshi"], i, now=at(21))
