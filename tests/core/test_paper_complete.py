"""Issue 11 parts 5 and 6: the major report says all 4.3.4 asks; the evaluation closes the loop (5.1-5.3, 6.1)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pdfminer.high_level import extract_text
from sqlalchemy import select

from desktop.db.models import Incident
from desktop.domain import SYSTEM, Actor
from desktop.errors import PermissionDenied, ValidationError
from desktop.services import accountability, accounts, approvals, documents, incidents, printing
from desktop.timeutil import now_utc


def _who(s: Any, username: str) -> Actor:
    return accounts.authenticate(s, username, "repdesk2026").actor()


def _incident(s: Any, word: str) -> int:
    return next(i.id for i in s.execute(select(Incident)).scalars() if word in i.title)


def _text(pdf: bytes) -> str:
    return extract_text(io.BytesIO(pdf)).replace("\n", "")


def test_major_report_prints_responsibility_spokesperson_criteria_and_opinions(demo_db: Any) -> None:
    with demo_db.session() as s:
        bgs = _who(s, "bangongshi")
        i = _incident(s, "飞单")
        record = incidents.get_incident(s, SYSTEM, i)
        incidents.update_incident(s, bgs, i, record.row_version, {"major_criteria": ["heavy_loss", "social_order"]})
        incidents.add_opinion(s, bgs, i, source="微博热搜", link_or_title="某行理财飞单引热议",
                              seen_at=now_utc(), reach="阅读量10万+", tone="负面")
        doc = next(v for v in documents.list_documents(s, bgs, i) if v.kind == "major_report")
        view = documents.edit_document(s, bgs, doc.document_id, doc.sha256,
                                       {"responsibility": "经查，客户经理违规代销非本行产品，负直接责任。",
                                        "spokesperson_phone": "0311-88886666"})
        text = _text(printing.build_version(s, bgs, view.version_id).pdf)
    assert "事故责任" in text and "违规代销非本行产品" in text
    assert view.fields["spokesperson"] and view.fields["spokesperson"] in text and "0311-88886666" in text
    assert "造成本行重大损失" in text and "影响社会经济秩序稳定" in text and "市场大幅波动" not in text
    assert "某行理财飞单引热议" in text and "微博热搜" in text


def test_major_criteria_refuse_unknown_reasons(demo_db: Any) -> None:
    with demo_db.session() as s:
        i = _incident(s, "飞单")
        record = incidents.get_incident(s, SYSTEM, i)
        with pytest.raises(ValidationError) as err:
            incidents.update_incident(s, SYSTEM, i, record.row_version, {"major_criteria": ["bad"]})
    assert "4.1" in err.value.message


def test_evaluation_prints_improvements_and_accountability_items(demo_db: Any) -> None:
    with demo_db.session() as s:
        bgs = _who(s, "bangongshi")
        i = _incident(s, "飞单")
        accountability.add_item(s, bgs, i, unit_name="保定朝阳支行", person="张某", measure="penalty",
                                text="经济处罚2000元")
        accountability.add_item(s, bgs, i, unit_name="保定朝阳支行", measure="score_zero", quarter="2026q1")
        with pytest.raises(ValidationError):  # 6.1.2 names the quarter whose score is set to zero
            accountability.add_item(s, bgs, i, unit_name="保定朝阳支行", measure="score_zero")
        view = documents.create_document(s, bgs, i, "evaluation", "",
                                         {"improvements": "完善代销产品准入检查。\n加强员工行为排查。"})
        text = _text(printing.build_version(s, bgs, view.version_id).pdf)
    assert "完善代销产品准入检查" in text and "加强员工行为排查" in text
    assert "张某" in text and "经济处罚2000元" in text and "2026Q1" in text and "6.1.2" in text


def test_accountability_is_recorded_by_the_lead_department_only(demo_db: Any) -> None:
    with demo_db.session() as s:
        i = _incident(s, "飞单")
        with pytest.raises(PermissionDenied):
            accountability.add_item(s, _who(s, "xinxi"), i, unit_name="某支行", measure="penalty")


def test_close_needs_a_signed_evaluation_or_the_lead_departments_reason(demo_db: Any) -> None:
    with demo_db.session() as s:
        bgs, fenhang = _who(s, "bangongshi"), _who(s, "fenhang")
        open_ones = [r for r in incidents.list_incidents(s, bgs) if r.status == "open"]
        first, second = open_ones[0].id, open_ones[1].id
        with pytest.raises(ValidationError) as err:
            incidents.close_incident(s, bgs, first)
        assert "评估总结报告" in err.value.message
        with pytest.raises(PermissionDenied):  # the reason is the lead department's to give
            incidents.close_incident(s, fenhang, first, no_evaluation_reason="不须评估")
        v = documents.create_document(s, bgs, first, "evaluation", "", {"doc_number": "冀华银办〔2026〕40号"})
        v = documents.submit(s, bgs, v.version_id, v.sha256)
        with pytest.raises(ValidationError):  # submitted is not yet reviewed
            incidents.close_incident(s, bgs, first)
        approvals.approve(s, fenhang, v.version_id, v.sha256, comment="同意")
        assert incidents.close_incident(s, bgs, first).status == "closed"
        closed = incidents.close_incident(s, bgs, second, no_evaluation_reason="已并入同类事件统一评估")
        assert closed.status == "closed"


def test_same_city_evaluation_is_sent_by_the_responsible_unit_to_the_branch_office(demo_db: Any) -> None:
    with demo_db.session() as s:
        bgs = _who(s, "bangongshi")
        record = next(r for r in incidents.list_incidents(s, bgs)
                      if r.location == "same_city" and r.status == "open"
                      and not any(v.kind == "evaluation" for v in documents.list_documents(s, bgs, r.id)))
        view = documents.create_document(s, bgs, record.id, "evaluation", "")
        _kind, data = printing.document_data(s, view, False)
    assert view.unit_id == record.unit_id and data.header.issuing_unit == record.unit_name
    assert data.header.recipient == "石家庄分行办公室" != data.header.issuing_unit
