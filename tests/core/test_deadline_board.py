"""Whose duty is it: the rule set's responsible parties as data, the area a unit answers for, the "mine" filter."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from desktop import demo
from desktop.db.session import Database
from desktop.domain import SYSTEM, Actor
from desktop.rules import default_ruleset
from desktop.rules.model import (
    BRANCH_OFFICE,
    BUSINESS_DEPT,
    INCIDENT_UNIT,
    LEADING_GROUP,
    PARTIES,
    SPOKESPERSON,
)
from desktop.services import deadline_board as dl
from desktop.services import incidents, org, permissions
from desktop.timeutil import now_utc

T0 = datetime(2026, 3, 2, 1, 15, tzinfo=UTC)


def _row(**changes: object) -> dl.DeadlineRow:
    row = dl.DeadlineRow(1, "SY2026-0001", "测试", 5, "中山路支行", 2, None, "general", "3.2.1", "3.2.1", "报告",
                         "deadline", "事发单位", "reported_to_lead", T0, 1800.0, T0.timestamp(), (INCIDENT_UNIT,))
    return replace(row, **changes)  # type: ignore[arg-type]


def _actor(unit_id: int | None, *roles: str) -> Actor:
    return Actor(user_id=99, name="测试", unit_id=unit_id, roles=frozenset(roles))


@pytest.fixture
def tree(db: Database) -> dict[str, int]:
    with db.session() as s:
        return demo.build_organisation(s)


def test_every_rule_names_known_parties_one_by_one() -> None:
    rules = default_ruleset().rules
    assert all(rule.parties and set(rule.parties) <= set(PARTIES) for rule in rules)
    (appease, *_) = [r for r in rules if r.responsible == "主办业务部门、事发单位"]
    assert appease.parties == (BUSINESS_DEPT, INCIDENT_UNIT)
    assert {p for rule in rules for p in rule.parties} == set(PARTIES)


def test_rows_carry_the_rule_parties(demo_db: Database) -> None:
    with demo_db.read() as s:
        records = incidents.list_incidents(s, SYSTEM)
    rows = dl.build_rows(records, now_utc())
    assert rows and all(row.parties and set(row.parties) <= set(PARTIES) for row in rows)
    assert any(row.parties == (BUSINESS_DEPT, INCIDENT_UNIT) for row in rows)


def test_mine_is_my_area_my_lead_or_business_department() -> None:
    me = dl.MyScope(unit_id=9, unit_kind="comprehensive_dept", area=frozenset({9, 10, 11}),
                    roles=frozenset({"lead_officer"}))
    assert me.parties == frozenset()
    assert not me.owns(_row())
    assert me.owns(_row(unit_id=10))
    assert me.owns(_row(lead_unit_id=9))
    assert me.owns(_row(business_dept_id=9))


def test_mine_by_role_follows_the_named_parties_not_the_words() -> None:
    leader = dl.MyScope(unit_id=1, unit_kind="branch", area=frozenset(), roles=frozenset({"leader"}))
    assert leader.parties == {LEADING_GROUP}
    assert leader.owns(_row(responsible="处置领导小组", parties=(LEADING_GROUP,)))
    assert not leader.owns(_row(responsible="处置领导小组", parties=(INCIDENT_UNIT,)))  # the data decides
    speaker = dl.MyScope(unit_id=3, unit_kind="branch_office", area=frozenset({3}), roles=frozenset({"spokesperson"}))
    assert speaker.owns(_row(parties=(SPOKESPERSON,))) and not speaker.owns(_row(parties=(BRANCH_OFFICE,)))
    # 2.2: the branch office's lead officer stands for the branch office; another unit's lead officer does not.
    office = dl.MyScope(unit_id=3, unit_kind="branch_office", area=frozenset({3}), roles=frozenset({"lead_officer"}))
    assert office.owns(_row(lead_unit_id=7, parties=(BRANCH_OFFICE, BUSINESS_DEPT)))
    remote = dl.MyScope(unit_id=9, unit_kind="comprehensive_dept", area=frozenset({9}),
                        roles=frozenset({"lead_officer"}))
    assert not remote.owns(_row(lead_unit_id=7, parties=(BRANCH_OFFICE,)))


def test_a_remote_lead_department_answers_for_its_secondary_branch(db: Database, tree: dict[str, int]) -> None:
    with db.read() as s:
        baoding = org.descendants(s, tree["baoding"])
        # 2.3: the secondary branch's comprehensive-management department leads its whole area.
        assert permissions.area(s, tree["bd_office"]) == baoding
        assert permissions.area(s, tree["baoding"]) == baoding
        assert tree["bd_chaoyang"] in baoding and tree["ts_main"] not in baoding
        # Other units answer for themselves and what hangs under them.
        assert permissions.area(s, tree["bd_chaoyang"]) == {tree["bd_chaoyang"]}
        assert permissions.area(s, tree["office"]) == {tree["office"]}
        # What the incident list shows is the same area (the branch office sees everything).
        assert permissions.scope(s, _actor(tree["bd_office"], "lead_officer")) == baoding
        assert permissions.scope(s, _actor(tree["office"], "lead_officer")) is None


def test_my_scope_from_the_database(db: Database, tree: dict[str, int]) -> None:
    with db.read() as s:
        units = {u.id: u for u in org.list_units(s)}
        jingban = dl.my_scope(s, _actor(tree["bd_office"], "lead_officer"), units[tree["bd_office"]])
        nowhere = dl.my_scope(s, _actor(None, "leader"), None)
        baoding = org.descendants(s, tree["baoding"])
    assert jingban.area == baoding and tree["bd_chaoyang"] in jingban.area
    assert jingban.unit_kind == "comprehensive_dept" and jingban.parties == frozenset()
    assert nowhere.area == frozenset() and nowhere.parties == {LEADING_GROUP}
