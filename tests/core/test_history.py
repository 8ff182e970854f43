"""An incident's record in people's words: labels, the vocabularies' terms, 是/否 and Beijing times, never the
stored keys and values of the audit log."""

from __future__ import annotations

import json
import re
from typing import Any

from desktop.domain import ELEMENTS, SYSTEM
from desktop.services import history, incidents
from desktop.services.history import Change, Vocabulary, change_text, describe

RAW = re.compile(r"[a-z]+_[a-z_]+|\bTrue\b|\bFalse\b|\bNone\b|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|sha256|[+-]\d{2}:\d{2}\b")


def dump(value: Any) -> str:
    """As the audit log stores it: canonical JSON, keys sorted by name."""
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def text(action: str, before: Any, after: Any, vocab: Vocabulary | None = None) -> str:
    return change_text(describe(action, dump(before), dump(after), vocab))


def test_a_changed_incident_field_reads_before_then_after_with_words_and_beijing_times() -> None:
    assert text("incident.update",
                {"occurred_at": "2026-03-02T01:15:00+00:00", "business_line": False, "severity": "general"},
                {"occurred_at": "2026-03-02T02:30:00+00:00", "business_line": True, "severity": "major"}) == (
        "事发时间：2026-03-02 09:15 → 2026-03-02 10:30；事件级别：一般 → 重大；涉及具体业务条线：否 → 是")


def test_incident_fields_come_in_the_forms_order_with_the_elements_in_the_rules_order() -> None:
    after = {k: f"{label}内容" for k, label in ELEMENTS.items()} | {"title": "标题", "customer_dispute": False,
                                                                  "unit_id": 7, "el_consequences": ""}
    changes = describe("incident.create", "", json.dumps(after, sort_keys=True), Vocabulary(units={7: "保定朝阳支行"}))
    labels = [c.label for c in changes]
    assert labels == ["事件标题", "事发单位", "涉及客户纠纷", *ELEMENTS.values()]  # empty values left out
    assert changes[1] == Change("事发单位", "保定朝阳支行") and changes[2].after == "否"


def test_a_decision_names_the_step_and_state_and_hides_the_hash() -> None:
    assert text("document.signed", {"state": "submitted"},
                {"state": "signed", "step": "unit_head_sign", "comment": "同意报送", "sha256": "ab" * 32}) == (
        "状态：待审批 → 已签发；环节：事发单位主要负责人签发；意见：同意报送")
    assert text("document.sent", {"state": "signed"}, {"state": "sent", "step": "send", "comment": "已传真"}) == (
        "状态：已签发 → 已报送；环节：报送；备注：已传真")
    # A state that stays (one approval of two) is not shown as a change.
    assert text("document.approved", {"state": "submitted"},
                {"state": "submitted", "step": "local_leader", "comment": ""}) == (
        "环节：属地分行领导或最高级别负责人审批")


def test_documents_and_events_in_words() -> None:
    assert text("document.create", None, {"kind": "written_report", "stage": "first", "version": 1,
                                          "sha256": "0" * 64}) == "文件：声誉风险事件报告；阶段：首报；版本：第1版"
    assert text("document.edit", {"version": 1, "state": "returned"},
                {"version": 2, "state": "draft", "fields": {"title": "关于…的报告", "body": ""}}) == (
        "版本：第1版 → 第2版；状态：已退回 → 草稿；文件内容：标题：关于…的报告")
    vocab = Vocabulary(events={"media_inquiry": "媒体咨询采访"}, event_fields={"journalist": "记者姓名"})
    assert text("event.record", None, {"type": "media_inquiry", "at": "2026-03-02T02:00:00+08:00", "note": "",
                                       "late_reason": "", "data": {"journalist": "孙晓"}}, vocab) == (
        "事项：媒体咨询采访；时间：2026-03-02 02:00；详情：记者姓名：孙晓")


def test_document_numbers_and_accountability_items_in_words() -> None:
    vocab = Vocabulary(units={3: "石家庄分行办公室"})
    assert text("document.numbered", None, {"doc_number": "冀华银办〔2026〕1号", "unit_id": 3, "year": 2026,
                                            "seq": 1}, vocab) == (
        "发文字号：冀华银办〔2026〕1号；发文单位：石家庄分行办公室；年度：2026；当年序号：1")
    assert text("accountability.add", None, {"unit": "朝阳支行", "person": "张三", "measure": "score_zero",
                                             "text": "", "quarter": "2026Q1"}) == (
        "机构或部门：朝阳支行；责任人：张三；追责措施：当季考核记为零分、取消年度考核评优资格（6.1.2）；考核季度：2026Q1")
    assert {"document.numbered", "accountability.add"} <= set(history.ACTION_LABELS)


def test_scalars_and_lists() -> None:
    assert text("incident.close", "open", "closed") == "状态：处置中 → 已结束"
    assert text("leadership.set", [], [["leader", "周明", "分行行长"], ["member", "赵丽", ""]]) == (
        "处置领导小组：（空） → 组长 周明（分行行长）；成员 赵丽")
    assert describe("document.print", "", "") == ()


def test_a_translation_applies_to_labels_and_words() -> None:
    words = {"状态": "State", "草稿": "Draft", "待审批": "Awaiting approval", "环节": "Step", "意见": "Comment",
             "%1：%2": "%1: %2", "%1：%2 → %3": "%1: %2 → %3", "；": "; ", "（空）": "(empty)"}
    changes = describe("document.returned", '{"state":"submitted"}',
                       '{"state":"draft","step":"","comment":"请补充"}')
    assert change_text(changes, lambda s: words.get(s, s)) == "State: Awaiting approval → Draft; Comment: 请补充"


def test_the_example_incidents_records_show_no_stored_keys_or_values(demo_db: Any) -> None:
    with demo_db.read() as s:
        records = incidents.list_incidents(s, SYSTEM)
        rows = [row for r in records for row in history.history(s, SYSTEM, r.id)]
    assert len(rows) > 30
    assert {"登记事件", "签发", "报送", "审批同意", "修改事件信息", "结束事件"} <= {r.action_label for r in rows}
    for row in rows:
        assert not RAW.search(row.change), (row.action, row.change)
        assert not RAW.search(row.action_label), row.action
    created = next(r.change for r in rows if r.action == "incident.create")
    positions = [created.index(f"；{label}：") for label in ELEMENTS.values()]
    assert positions == sorted(positions)
