"""`doc_steps.next_document`: which document of a kind is due next for a user, from plain facts (issue 9.3)."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

import pytest

from desktop.domain import DocumentState, Stage
from desktop.services import approvals, doc_steps
from desktop.services.doc_steps import next_document


@dataclass(frozen=True)
class S:
    label: str
    done_by: str = ""


@dataclass(frozen=True)
class V:
    version_id: int
    state: DocumentState
    stage: Stage | None = None
    kind_label: str = "声誉风险事件报告"
    number: int = 1
    state_label: str = "已提交"
    steps: tuple[S, ...] = ()


def nd(kind: str, versions: list[V], queued: Container[int] = (), paper: Container[int] = (),
       refusal: str | None = None) -> doc_steps.NextDocument[V]:
    return next_document(kind, versions, queued=queued, paper=paper, draft_refusal=refusal)


def test_the_kinds_finished_only_when_sent_agree_with_the_deadlines_they_serve() -> None:
    assert doc_steps.FINISHED_WHEN_SENT == set(approvals.SERVES) - {"response_plan"}


def test_nothing_yet_starts_the_first_written_report_then_follow_ups() -> None:
    assert nd("written_report", []) == doc_steps.NextDocument("create", stage=Stage.FIRST)
    sent = V(1, DocumentState.SENT, Stage.FIRST)
    assert nd("written_report", [sent]) == doc_steps.NextDocument("create", stage=Stage.FOLLOW_UP)
    # A signed written report is not finished until it is sent (3.3.1): it waits, nothing new starts.
    signed = V(1, DocumentState.SIGNED, Stage.FIRST, state_label="已签发")
    answer = nd("written_report", [signed])
    assert (answer.what, answer.version) == ("wait", signed)
    assert answer.reason == "声誉风险事件报告第1版已签发，等待：报送"


def test_other_kinds_are_made_once() -> None:
    assert nd("response_plan", []) == doc_steps.NextDocument("create")
    approved = V(3, DocumentState.APPROVED, kind_label="应对方案", state_label="已审批")
    answer = nd("response_plan", [approved])
    assert (answer.what, answer.version, answer.reason) == ("wait", approved, "应对方案（含应答口径）已审批")


def test_a_queued_version_is_decided_before_anything_else() -> None:
    v = V(7, DocumentState.SUBMITTED)
    assert nd("written_report", [v], queued={7}, paper={7}).what == "decide"
    assert nd("written_report", [v], paper={7}).what == "paper"


@pytest.mark.parametrize("state", [DocumentState.DRAFT, DocumentState.RETURNED])
def test_a_draft_or_returned_version_is_edited_only_by_who_may_draft(state: DocumentState) -> None:
    v = V(4, state, Stage.FIRST, state_label="草稿", steps=(S("事发单位主要负责人签发"),))
    assert nd("written_report", [v]) == doc_steps.NextDocument("edit", v)
    answer = nd("written_report", [v], refusal="无权起草")
    assert (answer.what, answer.reason) == ("wait", "声誉风险事件报告第1版草稿，等待：事发单位主要负责人签发")


def test_the_latest_open_version_is_the_one_shown_and_done_steps_are_not_waited_on() -> None:
    old = V(1, DocumentState.SENT, Stage.FIRST)
    new = V(2, DocumentState.SUBMITTED, Stage.FOLLOW_UP, number=2,
            steps=(S("事发单位主要负责人签发", "赵强"), S("牵头部门审核")))
    answer = nd("written_report", [old, new])
    assert (answer.what, answer.version) == ("wait", new)
    assert answer.reason == "声誉风险事件报告第2版已提交，等待：牵头部门审核"


def test_who_may_not_draft_is_told_why_and_nothing_is_started() -> None:
    assert nd("major_report", [], refusal="只有分行办公室可以起草") == doc_steps.NextDocument(
        "refused", reason="只有分行办公室可以起草")
