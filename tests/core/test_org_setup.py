"""The first run's organisation and administrator, the administration page's data, and form drafts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop import demo
from desktop.db.session import Database
from desktop.domain import SYSTEM
from desktop.errors import PermissionDenied, ValidationError
from desktop.services import accounts, drafts, org
from desktop.services.org import SecondarySetup, SetupPlan

PLAN = SetupPlan(
    branch_name="华夏银行石家庄分行", branch_short_name="石家庄分行", branch_code="SJZ", office_name="石家庄分行办公室",
    office_code="SJZ-BGS", admin_username="admin", admin_display_name="王建国", admin_password="admin2026",
    admin_phone="0311-85001001",
    secondaries=(SecondarySetup(" 华夏银行保定分行 ", "BD", "保定分行综合管理部", "BD-ZHGL"),
                 SecondarySetup("", " ", "", ""),  # a row the wizard left blank
                 SecondarySetup("华夏银行唐山分行", "TS", "唐山分行综合管理部", "TS-ZHGL")))


def _plan(**changes: object) -> SetupPlan:
    return replace(PLAN, **changes)  # type: ignore[arg-type]


def test_set_up_builds_the_tree_and_the_administrator(db: Database) -> None:
    with db.session() as s:
        admin = org.set_up(s, _plan())
    assert admin.roles == {"admin"} and admin.unit_name == "石家庄分行办公室"
    with db.read() as s:
        units = {u.name: u for u in org.list_units(s)}
        assert accounts.authenticate(s, "admin", "admin2026").id == admin.id
    assert set(units) == {"华夏银行石家庄分行", "石家庄分行办公室", "华夏银行保定分行", "保定分行综合管理部",
                          "华夏银行唐山分行", "唐山分行综合管理部"}
    # 2.2: the office leads same-city incidents; 2.3: a secondary branch is remote, led by its department.
    assert units["石家庄分行办公室"].location == "same_city"
    assert units["华夏银行石家庄分行"].lead_unit_name == "石家庄分行办公室"
    assert units["华夏银行保定分行"].location == "remote"
    assert units["华夏银行保定分行"].lead_unit_name == "保定分行综合管理部"
    assert units["唐山分行综合管理部"].kind == "comprehensive_dept"


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"admin_password": "short1"}, "password", "密码至少8位"),
    ({"secondaries": (SecondarySetup("华夏银行保定分行", "BD", "", "BD-ZHGL"),)}, "secondaries", "第1行"),
    ({"secondaries": (SecondarySetup("华夏银行保定分行", "SJZ", "保定分行综合管理部", "BD-ZHGL"),)}, "code", "SJZ"),
    ({"office_code": ""}, "code", "请填写单位代码"),
])
def test_set_up_is_all_or_nothing(db: Database, changes: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(ValidationError) as err, db.session() as s:
        org.set_up(s, _plan(**changes))
    assert err.value.field == field and message in err.value.message
    with db.read() as s:
        assert org.is_empty(s) and not accounts.has_accounts(s)


def test_set_up_runs_once(db: Database) -> None:
    with db.session() as s:
        org.set_up(s, _plan())
    with pytest.raises(PermissionDenied), db.session() as s:
        org.set_up(s, _plan(branch_code="SJZ2", office_code="SJZ2-BGS", admin_username="admin2", secondaries=()))


def test_set_up_refuses_a_tree_built_before_it(db: Database) -> None:
    with db.session() as s:
        demo.build_organisation(s)
    with pytest.raises(PermissionDenied), db.session() as s:
        org.set_up(s, _plan(branch_code="X", office_code="X-BGS", secondaries=()))
    with db.read() as s:
        assert not accounts.has_accounts(s)


def test_admin_data_is_for_administrators_and_lists_inactive_units(db: Database) -> None:
    with db.session() as s:
        units = demo.build_organisation(s)
        admin = accounts.create_user(s, SYSTEM, username="admin", display_name="王建国", unit_id=units["office"],
                                     password="admin2026", roles={"admin"}).actor()
        clerk = accounts.create_user(s, admin, username="li", display_name="李", unit_id=units["zhongshan"],
                                     password="abc12345", roles={"info_officer"}).actor()
        org.set_unit_active(s, admin, units["yuhua"], False)
    with db.read() as s:
        data = org.admin_data(s, admin)
        with pytest.raises(PermissionDenied):
            org.admin_data(s, clerk)
    assert {a.username for a in data.accounts} == {"admin", "li"}
    assert data.inactive == {units["yuhua"]} and units["yuhua"] in {u.id for u in data.units}
    assert data.at is not None


def test_a_draft_per_account_and_form(db: Database) -> None:
    with db.session() as s:
        assert drafts.load_draft(s, "li", "incident:new") is None
        drafts.save_draft(s, "li", "incident:new", {"title": "客户投诉", "place": "大厅"})
        drafts.save_draft(s, "zhang", "incident:new", {"title": "别人的草稿"})
    with db.session() as s:
        drafts.save_draft(s, "li", "incident:new", {"title": "客户投诉（改）"})  # replaces, never a second row
    with db.read() as s:
        assert drafts.load_draft(s, "li", "incident:new") == {"title": "客户投诉（改）"}
        assert drafts.load_draft(s, "li", "incident:7") is None
    with db.session() as s:
        drafts.discard_draft(s, "li", "incident:new")
        drafts.discard_draft(s, "li", "incident:new")  # discarding twice is harmless
    with db.read() as s:
        assert drafts.load_draft(s, "li", "incident:new") is None
        assert drafts.load_draft(s, "zhang", "incident:new") == {"title": "别人的草稿"}
