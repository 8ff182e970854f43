"""Mistakes are corrected, never erased: withdrawing and correcting timeline events, who may, and who records
which event (the responsible party of its rules)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.models import AuditEntry, IncidentEvent
from desktop.db.session import Database
from desktop.domain import SYSTEM, IncidentRecord
from desktop.errors import ConflictError, ErrorCode, PermissionDenied, ValidationError
from desktop.services import accounts, audit, incidents, org, permissions
from desktop.services.rulesets import ruleset_for
from tests.core.test_approvals import World, at, make_world, new_incident


@pytest.fixture
def world(db: Database, monkeypatch: pytest.MonkeyPatch) -> World:
    return make_world(db, monkeypatch)


def record(w: World, who: str, incident_id: int, kind: str, minutes: float, **kw: object) -> IncidentRecord:
    with w.db.session() as s:
        return incidents.record_event(s, w.people[who], incident_id, kind, at(minutes), now=at(minutes),
                                      **kw)  # type: ignore[arg-type]


def event_of(rec: IncidentRecord, kind: str, current: bool = True) -> int:
    return next(e.id for e in rec.events if e.type == kind and (not current or not e.withdrawn))


def status(rec: IncidentRecord, rule_id: str, minutes: float) -> str:
    return next(s.status for s in incidents.deadlines(rec, at(minutes)) if s.rule.id == rule_id)


def actions(w: World, incident_id: int) -> list[str]:
    with w.db.read() as s:
        return list(s.execute(select(AuditEntry.action).where(AuditEntry.incident_id == incident_id)
                              .order_by(AuditEntry.id)).scalars())


def test_a_withdrawn_event_stays_and_its_deadline_opens_again(world: World) -> None:
    i = new_incident(world)
    rec = record(world, "xinxi", i, "reported_to_lead", 10, note="电话报告综合管理部")
    assert status(rec, "3.2.2a", 20) == "met"
    event_id = event_of(rec, "reported_to_lead")
    with world.db.session() as s:
        rec = incidents.withdraw_event(s, world.people["xinxi"], event_id, "误点了按钮，尚未报告", now=at(15),
                                       expected_version=rec.row_version)
    withdrawn = next(e for e in rec.events if e.id == event_id)
    assert withdrawn.withdrawn and not withdrawn.corrected
    assert (withdrawn.withdrawn_by, withdrawn.withdraw_reason) == ("李晓梅", "误点了按钮，尚未报告")
    assert withdrawn.withdrawn_at == at(15) and withdrawn.note == "电话报告综合管理部"  # the facts stay
    # 3.2.2: the report to the lead department is due again; the clock it started (3.2.2b) is gone.
    assert status(rec, "3.2.2a", 20) == "pending"
    assert status(rec, "3.2.2a", 50) == "overdue"
    assert status(rec, "3.2.2b", 20) == "waiting"
    with world.db.read() as s:
        row = s.get(IncidentEvent, event_id)
        assert row is not None and row.type == "reported_to_lead" and row.at == at(10)
        assert audit.verify(s).ok
    assert actions(world, i)[-1] == "event.withdraw"
    # Recording it again is a new event beside the withdrawn one.
    rec = record(world, "xinxi", i, "reported_to_lead", 25)
    assert [e.withdrawn for e in rec.events if e.type == "reported_to_lead"] == [True, False]
    assert status(rec, "3.2.2a", 30) == "met"


def test_a_correction_is_a_new_event_linked_to_the_original(world: World) -> None:
    i = new_incident(world)
    rec = record(world, "xinxi", i, "reported_to_lead", 10, note="电话报告")
    original = event_of(rec, "reported_to_lead")
    with world.db.session() as s:  # the lead department corrects what the outlet recorded
        rec = incidents.correct_event(s, world.people["jingban"], original, at=at(20), note="电话报告张伟",
                                      reason="实际报告时间为9时35分", now=at(40))
    old = next(e for e in rec.events if e.id == original)
    new = next(e for e in rec.events if e.corrects_id == original)
    assert old.withdrawn and old.corrected and old.superseded_by_id == new.id and old.at == at(10)
    assert old.withdraw_reason == "实际报告时间为9时35分" and old.withdrawn_by == "张伟"
    assert (new.type, new.at, new.note, new.recorded_by, new.withdrawn) == (
        "reported_to_lead", at(20), "电话报告张伟", "张伟", False)
    done = next(s for s in incidents.deadlines(rec, at(40)) if s.rule.id == "3.2.2a")
    assert done.status == "met" and done.done_at == at(20)
    with world.db.read() as s:
        assert audit.verify(s).ok
    assert actions(world, i)[-2:] == ["event.record", "event.correct"]


def test_a_late_correction_asks_for_the_late_reason(world: World) -> None:
    i = new_incident(world)
    original = event_of(record(world, "xinxi", i, "reported_to_lead", 10), "reported_to_lead")
    with pytest.raises(ValidationError) as err, world.db.session() as s:
        incidents.correct_event(s, world.people["xinxi"], original, at=at(45), reason="时间记错", now=at(50))
    assert err.value.code == ErrorCode.LATE_REASON_REQUIRED
    with world.db.session() as s:
        rec = incidents.correct_event(s, world.people["xinxi"], original, at=at(45), late_reason="网点断网",
                                      reason="时间记错", now=at(50))
    assert status(rec, "3.2.2a", 50) == "late"


def test_correcting_a_media_inquiry_replaces_its_contact(world: World) -> None:
    i = new_incident(world)
    rec = record(world, "xinxi", i, "media_inquiry", 10,
                 data={"journalist": "孙晓", "outlet": "燕赵晚报", "contact": "138", "question": "?"})
    with world.db.session() as s:
        incidents.correct_event(s, world.people["xinxi"], event_of(rec, "media_inquiry"),
                                details={"journalist": "孙晓", "outlet": "燕赵都市报", "contact": "138"},
                                reason="媒体名称记错", now=at(20))
        contacts = incidents.media_contacts(s, SYSTEM, i)
    assert [c.outlet for c in contacts] == ["燕赵都市报"]


def test_who_may_withdraw_and_what_is_refused(world: World) -> None:
    i = new_incident(world)
    rec = record(world, "xinxi", i, "reported_to_lead", 10)
    event_id = event_of(rec, "reported_to_lead")
    for who in ("fuzeren", "bangongshi", "lingdao"):  # neither the recorder nor the lead department
        with pytest.raises(PermissionDenied) as denied, world.db.session() as s:
            incidents.withdraw_event(s, world.people[who], event_id, "理由", now=at(20))
        assert "记录人（李晓梅）" in denied.value.message and "保定分行综合管理部" in denied.value.message
    with pytest.raises(ValidationError) as empty, world.db.session() as s:
        incidents.withdraw_event(s, world.people["xinxi"], event_id, "  ", now=at(20))
    assert empty.value.field == "reason" and "撤回理由" in empty.value.message
    with pytest.raises(ValidationError) as same, world.db.session() as s:
        incidents.correct_event(s, world.people["xinxi"], event_id, reason="无变化", now=at(20))
    assert "相同" in same.value.message
    with pytest.raises(ConflictError) as stale, world.db.session() as s:
        incidents.withdraw_event(s, world.people["jingban"], event_id, "理由", now=at(20),
                                 expected_version=rec.row_version - 1)
    assert stale.value.code == ErrorCode.STALE
    with world.db.session() as s:
        incidents.withdraw_event(s, world.people["jingban"], event_id, "未报告", now=at(20))
    for change in (lambda s: incidents.withdraw_event(s, world.people["xinxi"], event_id, "再撤", now=at(21)),
                   lambda s: incidents.correct_event(s, world.people["xinxi"], event_id, at=at(12), reason="改",
                                                     now=at(21))):
        with pytest.raises(ConflictError) as twice, world.db.session() as s:
            change(s)
        message = twice.value.message
        assert twice.value.code == ErrorCode.WRONG_STATE and "已于" in message and "张伟" in message
    with world.db.read() as s:
        assert audit.verify(s).ok


def test_the_workflow_events_and_an_escalation_stay_out_of_reach(world: World) -> None:
    i = new_incident(world)
    with world.db.session() as s:
        rec = incidents.record_event(s, SYSTEM, i, "written_report_to_lead", at(10), now=at(10), workflow=True)
    report = event_of(rec, "written_report_to_lead")
    for who in ("jingban", "xinxi"):
        with pytest.raises(ValidationError) as err, world.db.session() as s:
            incidents.withdraw_event(s, world.people[who], report, "理由", now=at(20))
        assert err.value.field == "type" and "审批流程" in err.value.message
        with pytest.raises(ValidationError), world.db.session() as s:
            incidents.correct_event(s, world.people[who], report, at=at(11), reason="理由", now=at(20))
    # 4.1: major never goes back to general; the escalation's time can be corrected.
    rec = record(world, "jingban", i, "escalated_to_major", 15)
    escalation = event_of(rec, "escalated_to_major")
    with pytest.raises(ValidationError) as err, world.db.session() as s:
        incidents.withdraw_event(s, world.people["jingban"], escalation, "理由", now=at(20))
    assert "4.1" in err.value.message
    with world.db.session() as s:
        rec = incidents.correct_event(s, world.people["jingban"], escalation, at=at(12), reason="时间记错",
                                      now=at(20))
    assert rec.is_major and [e.at for e in rec.events if e.type == "escalated_to_major" and not e.withdrawn] == [
        at(12)]


def test_a_closed_incident_keeps_its_timeline(world: World) -> None:
    i = new_incident(world)
    event_id = event_of(record(world, "xinxi", i, "reported_to_lead", 10), "reported_to_lead")
    with world.db.session() as s:
        incidents.close_incident(s, world.people["jingban"], i, now=at(20), no_evaluation_reason="已并入其他事件评估")
    with pytest.raises(ValidationError) as err, world.db.session() as s:
        incidents.withdraw_event(s, world.people["xinxi"], event_id, "理由", now=at(30))
    assert err.value.code == ErrorCode.WRONG_STATE


# --- who records which event -------------------------------------------------------------------------------


def test_the_outlet_cannot_record_the_lead_departments_report(world: World) -> None:
    """3.2.2(2): the local lead department reports to the branch office; the outlet's head may not record it."""
    i = new_incident(world)
    record(world, "xinxi", i, "reported_to_lead", 5)
    with pytest.raises(PermissionDenied) as denied, world.db.session() as s:
        incidents.record_event(s, world.people["fuzeren"], i, "reported_to_branch_office", at(10), now=at(10))
    message = denied.value.message
    assert "属地牵头部门报告分行办公室" in message and "属地牵头部门（保定分行综合管理部）" in message
    assert "3.2.2" in message
    rec = record(world, "jingban", i, "reported_to_branch_office", 10)
    assert rec.events[-1].type == "reported_to_branch_office"


def test_who_records_follows_the_responsible_party(world: World) -> None:
    remote = new_incident(world)
    same = new_incident(world, unit="zhongshan")
    allowed = [
        ("xinxi", remote, "reported_to_lead"),  # 3.2.2(1): the incident unit
        ("jingban", remote, "reported_to_lead"),  # ...which the lead department receives
        ("bangongshi", remote, "reported_to_branch_office"),  # 3.2.2(2): the branch office receives it
        ("fuzeren", remote, "media_inquiry"),  # no rule completed by it: anyone's
        ("bangongshi", same, "reported_to_lead"),  # 3.2.1: the branch office leads same-city incidents
        ("zhongshan", same, "reported_to_business_dept"),
    ]
    refused = [
        ("bangongshi", remote, "reported_to_lead", "事发单位（保定朝阳支行）"),  # not this incident's lead
        ("xinxi", remote, "details_to_branch_office", "属地牵头部门"),
        ("zhongshan", same, "written_details_to_lead", "主办业务部门"),  # 4.2.2.1(2)
        ("hangzhang", same, "reported_to_lead", "事发单位（石家庄中山路支行）"),
        ("xinxi", remote, "leadership_group_convened", "处置领导小组"),  # 4.3.1
        ("fuzeren", remote, "escalated_to_major", "4.1"),
    ]
    with world.db.read() as s:
        recs = {i: incidents.get_incident(s, SYSTEM, i) for i in (remote, same)}
        kinds = {who: org.unit_info(s, actor.unit_id).kind for who, actor in world.people.items()
                 if actor.unit_id is not None}
    rules = ruleset_for(recs[remote].rule_set_id, recs[remote].rule_set_version)
    for who, i, kind in allowed:
        assert permissions.record_refusal(world.people[who], kinds[who], recs[i], kind, rules) is None, (who, kind)
    for who, i, kind, named in refused:
        reason = permissions.record_refusal(world.people[who], kinds[who], recs[i], kind, rules)
        assert reason is not None and named in reason, (who, kind, reason)
    assert permissions.record_refusal(SYSTEM, "", recs[remote], "details_to_branch_office", rules) is None
    with pytest.raises(PermissionDenied), world.db.session() as s:
        incidents.record_event(s, world.people["bangongshi"], remote, "reported_to_lead", at(5), now=at(5))
    record(world, "hangzhang", remote, "escalated_to_major", 5)
    assert record(world, "hangzhang", remote, "leadership_group_convened", 6).events[-1].recorded_by == "周明"


def test_roles_are_read_from_the_database_on_every_action(world: World) -> None:
    i = new_incident(world)
    record(world, "xinxi", i, "reported_to_lead", 5)
    jingban = world.people["jingban"]
    with world.db.session() as s:
        accounts.set_roles(s, world.people["admin"], jingban.user_id, {"info_officer"})  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied), world.db.session() as s:  # the log-in's lead_officer no longer counts
        incidents.record_event(s, jingban, i, "reported_to_branch_office", at(10), now=at(10))
    with world.db.session() as s:
        accounts.set_active(s, world.people["admin"], world.people["xinxi"].user_id, False)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied), world.db.session() as s:
        incidents.withdraw_event(s, world.people["xinxi"], event_of(incidents.get_incident(s, SYSTEM, i),
                                                                    "reported_to_lead"), "理由", now=at(10))


def test_the_window_and_the_core_agree_on_who_may_change(world: World) -> None:
    i = new_incident(world)
    rec = record(world, "xinxi", i, "reported_to_lead", 10)
    event = rec.events[-1]
    assert incidents.change_refusal(world.people["xinxi"], rec, event) is None
    assert incidents.change_refusal(world.people["jingban"], rec, event, correcting=True) is None
    refused = incidents.change_refusal(world.people["fuzeren"], rec, event)
    assert isinstance(refused, PermissionDenied)
