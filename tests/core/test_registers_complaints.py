"""The complaints register (投诉台账): handling steps appended, a complaint becoming an incident or linked to one,
and its result reported back to the lead department closing the rule set's own clock (4.2.2.x(4), rule 4.2.2-4b)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop import demo
from desktop.db.register_tables import Complaint, ComplaintStep
from desktop.db.session import Database
from desktop.domain import Actor
from desktop.errors import ConflictError, ErrorCode, PermissionDenied, ValidationError
from desktop.integrity import crosscheck
from desktop.registers import complaints
from desktop.rules import IncidentFacts, TimelineEvent, default_ruleset, evaluate
from desktop.services import incidents

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 3, 2, 9, 15, tzinfo=CST)
NOW = T0 + timedelta(hours=1)


@pytest.fixture
def world(db: Database) -> tuple[dict[str, int], dict[str, Actor]]:
    with db.session() as s:
        units = demo.build_organisation(s)
        people = demo.build_accounts(s, units)
    return units, people


def complaint_data(units: dict[str, int], **over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"unit_id": units["bd_chaoyang"], "received_at": T0, "customer": "王先生",
                            "contact": "138****0000", "channel": "counter", "subject": "理财产品到期未兑付",
                            "description": "客户称购买的理财产品到期后三天未到账", "amount_cents": 5_000_000}
    data.update(over)
    return data


def _status(record: Any, rule_id: str, now: datetime) -> Any:
    return next((st for st in incidents.deadlines(record, now) if st.rule.id == rule_id), None)


def test_a_complaint_keeps_its_steps_in_order_and_never_loses_one(db: Database, world: Any) -> None:
    units, people = world
    with db.session() as s:
        c = complaints.add_complaint(s, people["xinxi"], complaint_data(units), now=NOW)
    assert c.amount_text == "50,000.00 元" and c.channel_label == "网点现场" and c.state == "open"
    with db.session() as s:
        complaints.add_step(s, people["xinxi"], c.id, "电话回访客户，解释兑付流程", T0 + timedelta(minutes=30),
                            now=NOW)
    with db.session() as s:
        done = complaints.record_result(s, people["xinxi"], c.id, "款项已到账，客户表示满意",
                                        T0 + timedelta(minutes=50), now=NOW)
    assert done.state == "resolved" and done.result == "款项已到账，客户表示满意"
    assert [st.kind for st in done.steps] == ["received", "step", "result"]
    with pytest.raises(ValidationError), db.session() as s:  # before it was received
        complaints.add_step(s, people["xinxi"], c.id, "回访", T0 - timedelta(hours=1), now=NOW)
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(ComplaintStep)).scalar_one() == 3


@pytest.mark.parametrize(("field", "value"), [("channel", "fax"), ("customer", ""), ("amount_cents", 1.5),
                                              ("received_at", "yesterday"), ("subject", "x" * 201)])
def test_bad_input_is_refused_and_nothing_is_stored(db: Database, world: Any, field: str, value: object) -> None:
    units, people = world
    with pytest.raises(ValidationError) as caught, db.session() as s:
        complaints.add_complaint(s, people["xinxi"], complaint_data(units, **{field: value}), now=NOW)
    assert caught.value.field == field
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(Complaint)).scalar_one() == 0


def test_units_see_and_record_only_their_area(db: Database, world: Any) -> None:
    units, people = world
    with pytest.raises(PermissionDenied), db.session() as s:
        complaints.add_complaint(s, people["zhongshan"], complaint_data(units), now=NOW)
    with db.session() as s:
        c = complaints.add_complaint(s, people["xinxi"], complaint_data(units), now=NOW)
    with db.read() as s:
        assert complaints.list_complaints(s, people["zhongshan"]) == []
        assert [r.id for r in complaints.list_complaints(s, people["jingban"])] == [c.id]  # its lead department


def test_the_new_rule_applies_only_with_a_linked_complaint() -> None:
    """Inputs without the register's events list exactly what they listed before (the deadlines contract)."""
    rules = default_ruleset()
    facts = IncidentFacts(occurred_at=T0, location="remote", initial_severity="general", business_line=False,
                          customer_dispute=True)
    plain = [st.rule.id for st in evaluate(facts, [], rules, NOW)]
    assert "4.2.2-4b" not in plain
    linked = evaluate(facts, [TimelineEvent("complaint_linked", T0 + timedelta(minutes=5))], rules, NOW)
    row = next(st for st in linked if st.rule.id == "4.2.2-4b")
    assert (row.status, row.due_at) == ("pending", T0 + timedelta(hours=24))
    assert [st.rule.id for st in linked if st.rule.id != "4.2.2-4b"] == plain


def test_a_complaint_becomes_an_incident_and_its_result_closes_the_report_back_clock(db: Database,
                                                                                    world: Any) -> None:
    units, people = world
    with db.session() as s:
        c = complaints.add_complaint(s, people["xinxi"], complaint_data(units), now=NOW)
    with db.session() as s:
        row, record = complaints.escalate(s, people["xinxi"], c.id, now=NOW)
    assert row.incident_id == record.id and record.source == "complaint" and record.customer_dispute
    assert record.title == "客户投诉：理财产品到期未兑付" and "王先生" in record.elements["el_cause"]
    assert [e.type for e in record.events] == ["complaint_linked"]
    clock = _status(record, "4.2.2-4b", NOW)
    assert clock is not None and clock.status == "pending" and clock.due_at == T0 + timedelta(hours=24)
    with db.session() as s:
        complaints.record_result(s, people["xinxi"], c.id, "已全额兑付并致歉", T0 + timedelta(hours=3),
                                 now=T0 + timedelta(hours=3))
    with db.read() as s:
        after = incidents.get_incident(s, people["xinxi"], record.id)
        done = complaints.get_complaint(s, people["xinxi"], c.id)
        assert crosscheck.check(s).ok
    clock = _status(after, "4.2.2-4b", T0 + timedelta(hours=3))
    assert clock.status == "met" and clock.done_at == T0 + timedelta(hours=3)
    reported = [e for e in after.events if e.type == "complaint_result_reported"]
    assert len(reported) == 1 and "已全额兑付并致歉" in reported[0].note
    assert [st.kind for st in done.steps] == ["received", "escalated", "result", "result_reported"]
    with pytest.raises(ConflictError), db.session() as s:  # one incident per complaint
        complaints.escalate(s, people["xinxi"], c.id, now=NOW)


def test_a_late_result_needs_the_late_report_reason_and_stores_nothing_without_it(db: Database,
                                                                                world: Any) -> None:
    units, people = world
    late = T0 + timedelta(hours=30)
    with db.session() as s:
        c = complaints.add_complaint(s, people["xinxi"], complaint_data(units), now=NOW)
        record = incidents.create_incident(s, people["jingban"], {
            "title": "理财兑付纠纷", "unit_id": units["bd_chaoyang"], "occurred_at": T0, "severity": "general",
            "source": "complaint", "customer_dispute": True}, now=NOW)
    with db.session() as s:
        complaints.link(s, people["jingban"], c.id, record.id, now=NOW)
    with pytest.raises(ValidationError) as caught, db.session() as s:
        complaints.record_result(s, people["xinxi"], c.id, "已兑付", late, now=late)
    assert caught.value.code == ErrorCode.LATE_REASON_REQUIRED
    with db.read() as s:
        assert complaints.get_complaint(s, people["xinxi"], c.id).state == "open"
    with db.session() as s:
        complaints.record_result(s, people["xinxi"], c.id, "已兑付", late, late_reason="客户出差，当面确认延后",
                                 now=late)
    with db.read() as s:
        clock = _status(incidents.get_incident(s, people["xinxi"], record.id), "4.2.2-4b", late)
    assert clock.status == "late"
