"""The 3.2.3 order as one pure decision (approvals.branch_order_refusal), asked by the service and the window:
head-office consent only after the major report reached the head office, the regulator only after consent."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.services.approvals import branch_order_refusal

T = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
LATER = datetime(2026, 3, 2, 11, 0, tzinfo=UTC)


def test_consent_needs_the_report_to_the_head_office_first() -> None:
    assert "报送总行之后" in (branch_order_refusal("head_office_consent", []) or "")
    assert branch_order_refusal("head_office_consent", [("reported_to_head_office", T)]) is None
    assert branch_order_refusal("head_office_consent", [("reported_to_head_office", LATER)], at=T)  # before it


def test_the_regulator_only_after_the_head_offices_consent() -> None:
    assert "未经总行同意" in (branch_order_refusal("reported_to_regulator", [("reported_to_head_office", T)]) or "")
    assert branch_order_refusal("reported_to_regulator", [("head_office_consent", T)], at=LATER) is None
    assert branch_order_refusal("reported_to_regulator", [("head_office_consent", LATER)], at=T)


def test_other_events_are_not_in_this_order() -> None:
    assert branch_order_refusal("media_response", []) is None
