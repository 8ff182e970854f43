"""No organisation name is written in code: the approval steps and refusals name the organisation as set up."""

from __future__ import annotations

from desktop.db.session import Database
from desktop.domain import Actor
from desktop.reports.model import LOCATION_ZH
from desktop.services import doc_steps, org
from desktop.services.org import SecondarySetup, SetupPlan

PLAN = SetupPlan(
    branch_name="华北银行测试分行", branch_short_name="测试分行", branch_code="TST", office_name="测试分行办公室",
    office_code="TST-BGS", admin_username="admin", admin_display_name="李测试", admin_password="admin2026",
    admin_phone="010-88886666",
    secondaries=(SecondarySetup("华北银行乙地分行", "YD", "乙地分行综合管理部", "YD-ZHGL"),))


def test_steps_and_refusals_use_the_set_up_names(db: Database) -> None:
    with db.session() as s:
        org.set_up(s, PLAN)
        clerk = Actor(user_id=999, name="某员工", unit_id=None, roles=frozenset({"informant"}))
        refusals = [
            doc_steps.may_act_for_branch(s, clerk, "报送《重大突发事件报告》"),
            doc_steps.may_draft(s, clerk, "major_report", org.list_units(s)[0]),
        ]
    assert all(r and "测试分行办公室" in r for r in refusals), refusals
    labels = " ".join(doc_steps.STEP_LABELS.values())
    assert "石家庄" not in labels + " ".join(refusals) + " ".join(LOCATION_ZH.values())  # type: ignore[arg-type]
