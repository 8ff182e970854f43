"""The incident service: derived facts, validation naming the field, escalation, the timeline, conflicts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from desktop import demo
from desktop.db.models import Incident, IncidentEvent
from desktop.db.session import Database
from desktop.domain import SYSTEM, Actor
from desktop.errors import ConflictError, PermissionDenied, ValidationError
from desktop.services import incidents, org

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 3, 2, 9, 15, tzinfo=CST)
NOW = T0 + timedelta(hours=1)


@pytest.fixture
def tree(db: Database) -> dict[str, int]:
    with db.session() as s:
        return demo.build_organisation(s)


def _new(db: Database, tree: dict[str, int], actor: Actor = SYSTEM, **over: object) -> int:
    data: dict[str, object] = {"title": "客户投诉", "unit_id": tree["bd_chaoyang"], "occurred_at": T0,
                               "severity": "general", "source": "complaint"}
    data.update(over)
    with db.session() as s:
        return incidents.create_incident(s, actor, data, now=NOW).id


def test_location_and_lead_department_follow_from_the_unit(db: Database, tree: dict[str, int]) -> None:
    with db.read() as s:
        remote = org.unit_info(s, tree["bd_chaoyang"])
        same = org.unit_info(s, tree["zhongshan"])
        office = org.unit_info(s, tree["office"])
    assert (remote.location, remote.lead_unit_id) == ("remote", tree["bd_office"])
    assert (same.location, same.lead_unit_id) == ("same_city", tree["office"])
    assert office.location == "same_city"


def test_create_stores_every_fact_and_numbers_the_incident(db: Database, tree: dict[str, int]) -> None:
    first = _new(db, tree, business_line=True, business_dept_id=tree["bd_retail"], customer_dispute=True,
                 place="大厅", el_cause="起因")
    second = _new(db, tree)
    with db.read() as s:
        a = incidents.get_incident(s, SYSTEM, first)
        b = incidents.get_incident(s, SYSTEM, second)
    assert a.number == "SY2026-0001" and b.number == "SY2026-0002"
    assert a.location == "remote" and a.lead_unit_name == "保定分行综合管理部"
    assert a.business_dept_name == "保定分行个人业务部" and a.customer_dispute and a.business_line
    assert a.learned_at == T0  # defaults to the occurrence
    assert a.elements["el_cause"] == "起因"
    assert a.rule_set_id and a.rule_set_version >= 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "  "),
        ("severity", "urgent"),
        ("source", "rumour"),
        ("business_line", "yes"),
        ("occurred_at", datetime(2026, 3, 2, 9, 15)),
        ("occurred_at", NOW + timedelta(days=1)),
        ("unit_id", 9999),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(
    db: Database, tree: dict[str, int], field: str, value: object
) -> None:
    with pytest.raises(ValidationError) as err:
        _new(db, tree, **{field: value})
    assert err.value.field == field
    assert err.value.message
    with db.read() as s:
        assert s.execute(select(func.count(Incident.id))).scalar_one() == 0


def test_learned_before_occurred_is_refused(db: Database, tree: dict[str, int]) -> None:
    with pytest.raises(ValidationError) as err:
        _new(db, tree, learned_at=T0 - timedelta(minutes=1))
    assert err.value.field == "learned_at"


def test_severity_only_rises(db: Database, tree: dict[str, int]) -> None:
    i = _new(db, tree)
    with db.session() as s:
        rec = incidents.update_incident(s, SYSTEM, i, 1, {"severity": "major"}, now=NOW)
    assert rec.severity == "major" and rec.initial_severity == "general"
    assert [e.type for e in rec.events] == ["escalated_to_major"]
    with pytest.raises(ValidationError) as err, db.session() as s:
        incidents.update_incident(s, SYSTEM, i, rec.row_version, {"severity": "general"}, now=NOW)
    assert err.value.field == "severity"


def test_escalating_an_incident_major_from_the_start_is_refused(db: Database, tree: dict[str, int]) -> None:
    i = _new(db, tree, severity="major")
    with pytest.raises(ValidationError), db.session() as s:
        incidents.escalate(s, SYSTEM, i, T0 + timedelta(minutes=5), now=NOW)


def test_events_move_the_deadlines(db: Database, tree: dict[str, int]) -> None:
    i = _new(db, tree)
    with db.session() as s:
        rec = incidents.record_event(s, SYSTEM, i, "reported_to_lead", T0 + timedelta(minutes=20), now=NOW)
    status = {d.rule.id: d.status for d in incidents.deadlines(rec, NOW)}
    assert status["3.2.2a"] == "met"
    assert status["3.2.2b"] == "overdue"  # 30 min from receipt, now is 40 min after it
    assert rec.events[0].recorded_by == "系统"


def test_a_late_completion_needs_its_reason(db: Database, tree: dict[str, int]) -> None:
    i = _new(db, tree)
    late = T0 + timedelta(minutes=45)
    with pytest.raises(ValidationError) as err, db.session() as s:
        incidents.record_event(s, SYSTEM, i, "reported_to_lead", late, now=NOW)
    assert err.value.field == "late_reason" and "3.2.2" in err.value.message
    with db.session() as s:
        rec = incidents.record_event(s, SYSTEM, i, "reported_to_lead", late, late_reason="网点断网", now=NOW)
    assert rec.events[0].late_reason == "网点断网"
    assert {d.rule.id: d.status for d in incidents.deadlines(rec, NOW)}["3.2.2a"] == "late"


@pytest.mark.parametrize(
    ("event_type", "at", "field"),
    [
        ("reported_to_lead", T0 - timedelta(minutes=1), "at"),
        ("reported_to_lead", NOW + timedelta(minutes=1), "at"),
        ("reported_to_regulator", T0 + timedelta(minutes=10), "type"),
        ("reported_to_head_office", T0 + timedelta(minutes=10), "type"),
        ("no_such_event", T0 + timedelta(minutes=10), "type"),
    ],
)
def test_impossible_events_are_refused_and_nothing_is_stored(
    db: Database, tree: dict[str, int], event_type: str, at: datetime, field: str
) -> None:
    i = _new(db, tree, severity="major")
    with pytest.raises(ValidationError) as err, db.session() as s:
        incidents.record_event(s, SYSTEM, i, event_type, at, late_reason="x", now=NOW)
    assert err.value.field == field
    with db.read() as s:
        assert s.execute(select(func.count(IncidentEvent.id))).scalar_one() == 0


def test_media_inquiry_needs_the_journalist(db: Database, tree: dict[str, int]) -> None:
    i = _new(db, tree)
    with pytest.raises(ValidationError) as err, db.session() as s:
        incidents.record_event(s, SYSTEM, i, "media_inquiry", T0 + timedelta(minutes=5),
                               data={"outlet": "燕赵都市报", "contact": "138"}, now=NOW)
    assert err.value.field == "journalist"
    with db.session() as s:
        incidents.record_event(s, SYSTEM, i, "media_inquiry", T0 + timedelta(minutes=5),
                               data={"journalist": "孙晓", "outlet": "燕赵都市报", "contact": "138"}, now=NOW)
    with db.read() as s:
        contacts = incidents.media_contacts(s, SYSTEM, i)
    assert [(c.journalist, c.outlet, c.phone) for c in contacts] == [("孙晓", "燕赵都市报", "138")]


def test_a_second_user_editing_the_same_record_is_refused(db: Database, tree: dict[str, int]) -> None:
    i = _new(db, tree)
    with db.session() as s:
        incidents.update_incident(s, SYSTEM, i, 1, {"place": "大厅"}, now=NOW)
    with pytest.raises(ConflictError), db.session() as s:
        incidents.update_incident(s, SYSTEM, i, 1, {"place": "门口"}, now=NOW)
    with db.read() as s:
        assert incidents.get_incident(s, SYSTEM, i).place == "大厅"


def test_closed_incidents_are_read_only(db: Database, tree: dict[str, int]) -> None:
    i = _new(db, tree)
    with db.session() as s:
        incidents.close_incident(s, SYSTEM, i, now=NOW, no_evaluation_reason="测试：不须评估")
    with pytest.raises(ValidationError), db.session() as s:
        incidents.record_event(s, SYSTEM, i, "reported_to_lead", T0 + timedelta(minutes=5), now=NOW)


def test_scope_a_remote_lead_department_sees_its_own_area(db: Database, tree: dict[str, int]) -> None:
    remote = _new(db, tree)
    same = _new(db, tree, unit_id=tree["zhongshan"])
    jingban = Actor(1, "张伟", tree["bd_office"], frozenset({"lead_officer"}))
    office = Actor(2, "赵丽", tree["office"], frozenset({"lead_officer"}))
    outlet = Actor(3, "郑海燕", tree["zhongshan"], frozenset({"info_officer"}))
    with db.read() as s:
        assert [r.id for r in incidents.list_incidents(s, jingban)] == [remote]
        assert {r.id for r in incidents.list_incidents(s, office)} == {remote, same}
        assert [r.id for r in incidents.list_incidents(s, outlet)] == [same]
        with pytest.raises(PermissionDenied):
            incidents.get_incident(s, outlet, remote)
    with pytest.raises(PermissionDenied), db.session() as s:
        incidents.create_incident(s, outlet, {"title": "x", "unit_id": tree["bd_chaoyang"], "occurred_at": T0,
                                              "severity": "general", "source": "other"}, now=NOW)


def test_roles_are_checked_by_the_core(db: Database, tree: dict[str, int]) -> None:
    i = _new(db, tree)
    spokesperson = Actor(5, "吴静", tree["office"], frozenset({"spokesperson"}))
    info = Actor(6, "李晓梅", tree["bd_chaoyang"], frozenset({"info_officer"}))
    with pytest.raises(PermissionDenied), db.session() as s:
        incidents.create_incident(s, spokesperson, {"title": "x", "unit_id": tree["office"], "occurred_at": T0,
                                                    "severity": "general", "source": "other"}, now=NOW)
    with pytest.raises(PermissionDenied), db.session() as s:
        incidents.escalate(s, info, i, T0 + timedelta(minutes=5), now=NOW)


def test_an_administrator_changes_roles_keeping_some(db: Database, tree: dict[str, int]) -> None:
    from desktop.services import accounts

    with db.session() as s:
        admin = accounts.create_user(s, SYSTEM, username="admin", display_name="王", unit_id=tree["office"],
                                     password="abc12345", roles={"admin"}).actor()
        user = accounts.create_user(s, admin, username="u1", display_name="李", unit_id=tree["office"],
                                    password="abc12345", roles={"info_officer", "lead_officer"})
    with db.session() as s:
        changed = accounts.set_roles(s, admin, user.id, {"lead_officer", "unit_head"})
    assert changed.roles == {"lead_officer", "unit_head"}
    with db.read() as s:
        assert accounts.get_account(s, user.id).roles == {"lead_officer", "unit_head"}


@pytest.mark.parametrize(
    "event_type",
    ["written_report_to_lead", "response_plan_approved", "major_report_approved", "reported_to_head_office",
     "head_office_consent", "reported_to_regulator"],
)
def test_signature_events_come_only_from_the_approval_workflow(
    db: Database, tree: dict[str, int], event_type: str
) -> None:
    i = _new(db, tree, severity="major")
    with pytest.raises(ValidationError) as err, db.session() as s:
        incidents.record_event(s, SYSTEM, i, event_type, T0 + timedelta(minutes=5), late_reason="x", now=NOW)
    assert err.value.field == "type" and "审批流程" in err.value.message
