"""Paper right the first time: the 签发人 is who signed, addressed one level up (3.1.4) and never to the issuer,
no default 抄送, nothing unfinished on signed paper, and document numbers from the unit's own sequence."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pdfminer.high_level import extract_text
from sqlalchemy import func, select

from desktop.db.models import DocNumber, DocumentVersion
from desktop.domain import Stage
from desktop.errors import ValidationError
from desktop.services import approvals, documents, printing
from desktop.services.issuing import numbering
from desktop.timeutil import CST
from tests.core.test_approvals import World, at, draft, new_incident


@pytest.fixture
def world(db: object) -> World:
    from desktop import demo

    # tests/conftest.py already lowers the password hash cost for the whole suite
    with db.session() as s:  # type: ignore[attr-defined]
        units = demo.build_organisation(s)
        people = demo.build_accounts(s, units)
    return World(db, units, people)  # type: ignore[arg-type]


def _views(database: object) -> dict[tuple[str, str], documents.DocumentVersionView]:
    with database.session() as s:  # type: ignore[attr-defined]
        return {(v.incident_number, v.kind): v
                for v in (documents.to_view(s, r) for r in s.query(DocumentVersion).all())}


def _pdf_text(database: object, version_id: int) -> tuple[printing.Printed, str]:
    with database.session() as s:  # type: ignore[attr-defined]
        printed = printing.build_version(s, printing.SYSTEM, version_id)
    return printed, extract_text(io.BytesIO(printed.pdf))


def _header(database: object, version_id: int):  # type: ignore[no-untyped-def]
    with database.session() as s:  # type: ignore[attr-defined]
        view = documents.get_version(s, printing.SYSTEM, version_id)
        return printing.document_data(s, view, printing.is_signed(view))[1].header


def _numbers(database: object) -> dict[str, str]:
    """The current example incidents' numbers: they follow the example's closed year, so they are looked up."""
    from desktop import demo

    with database.session() as s:  # type: ignore[attr-defined]
        return {key: demo.number_of(s, key) for key in demo.TITLES}


def test_the_example_documents_carry_their_signers_and_the_reporting_line(demo_db: object) -> None:
    views, n = _views(demo_db), _numbers(demo_db)
    expected = {(n["closed"], "written_report"): "郑海燕",  # the outlet's head (3.3.3)
                (n["just_reported"], "written_report"): "刘强",  # the remote outlet's head (3.3.3)
                (n["major"], "major_report"): "周明",  # the president (3.3.3)
                (n["closed"], "response_plan"): "孙立新"}  # the branch leader who approved it (4.2.2.1(3))
    for key, signer in expected.items():
        view = views[key]
        header = _header(demo_db, view.version_id)
        assert header.signer_name == signer, key
        assert header.recipient and header.recipient != header.issuing_unit, key
        printed, text = _pdf_text(demo_db, view.version_id)
        assert printed.signed, key
        assert "未填写" not in text, key
        assert signer in text, key
        assert view.incident_number not in header.doc_number and header.doc_number, key
    remote = _header(demo_db, views[n["just_reported"], "written_report"].version_id)
    assert remote.recipient == "保定分行综合管理部"  # 3.2.2: its local lead department, level by level
    assert remote.cc == ()  # copying the branch office is the drafter's choice
    assert _header(demo_db, views[n["major"], "major_report"].version_id).recipient == "总行办公室"  # as set up


def test_a_remote_plan_is_signed_by_the_local_leader_not_the_office_clerk(demo_db: object) -> None:
    from desktop.services import accounts

    number = _numbers(demo_db)["just_reported"]
    plan = _views(demo_db)[number, "response_plan"]
    with demo_db.session() as s:  # type: ignore[attr-defined]
        clerk = accounts.authenticate(s, "bangongshi", "repdesk2026").actor()
        year = plan.created_at.astimezone(CST).year
        last = s.execute(select(func.max(DocNumber.seq)).where(DocNumber.unit_id == plan.unit_id,
                                                                DocNumber.year == year)).scalar() or 0
        approvals.approve(s, clerk, plan.version_id, plan.sha256, comment="同意")
    header = _header(demo_db, plan.version_id)
    assert header.signer_name == "陈志远"
    assert header.recipient == "石家庄分行办公室" != header.issuing_unit
    assert header.doc_number == f"保华银综〔{year}〕{last + 1}号"  # the next of the unit's own sequence
    _printed, text = _pdf_text(demo_db, plan.version_id)
    assert "未填写" not in text and "陈志远" in text and number not in header.doc_number


def test_submit_waits_for_the_overdue_items_explanations(world: World) -> None:
    i = new_incident(world)
    v = draft(world, "xinxi", i, "written_report", 24 * 60, Stage.FIRST)
    overdue = documents.overdue_items(v.content)
    assert overdue
    with world.db.session() as s, pytest.raises(ValidationError) as refused:
        documents.submit(s, world.people["xinxi"], v.version_id, v.sha256, now=at(24 * 60 + 1))
    assert refused.value.field == "overdue_notes"
    notes = documents.format_notes({d["id"]: "客户当日未到网点，无法当面回访" for d in overdue})
    with world.db.session() as s:
        v = documents.edit_document(s, world.people["xinxi"], v.document_id, v.sha256, {"overdue_notes": notes},
                                    now=at(24 * 60 + 1))
        v = documents.submit(s, world.people["xinxi"], v.version_id, v.sha256, now=at(24 * 60 + 1))
    with world.db.session() as s:
        v = approvals.sign(s, world.people["fuzeren"], v.version_id, v.sha256, now=at(24 * 60 + 2))
    assert v.doc_number == f"保朝银报〔{at(0).year}〕1号"
    _printed, text = _pdf_text(world.db, v.version_id)
    assert "未填写" not in text and "客户当日未到网点" in text


def test_a_plan_needs_principles_and_measures_and_prints_the_spokesperson(world: World) -> None:
    i = new_incident(world, "zhongshan")
    v = draft(world, "bangongshi", i, "response_plan", 10, reply_script="我行高度重视。")
    for change, field in (({}, "body"), ({"body": "快速反应"}, "plan_measures")):
        with world.db.session() as s:
            if change:
                v = documents.edit_document(s, world.people["bangongshi"], v.document_id, v.sha256, change, now=at(11))
            with pytest.raises(ValidationError) as refused:
                documents.submit(s, world.people["bangongshi"], v.version_id, v.sha256, now=at(11))
        assert refused.value.field == field
    with world.db.session() as s:
        v = documents.edit_document(s, world.people["bangongshi"], v.document_id, v.sha256,
                                    {"plan_measures": "回访客户｜中山路支行｜立即", "spokesperson": "吴静"}, now=at(12))
        v = documents.submit(s, world.people["bangongshi"], v.version_id, v.sha256, now=at(12))
    with world.db.session() as s:
        v = approvals.approve(s, world.people["fenhang"], v.version_id, v.sha256, now=at(13))
    _printed, text = _pdf_text(world.db, v.version_id)
    assert "吴静" in text and "孙立新" in text and "未填写" not in text


def test_document_numbers_run_per_unit_and_year(world: World) -> None:
    with world.db.session() as s, pytest.raises(ValidationError):  # the year and number are the system's
        numbering.set_doc_prefix(s, printing.SYSTEM, world.units["office"], "冀华银办〔2026〕")
    first = new_incident(world, "zhongshan")
    second = new_incident(world, "yuhua")
    numbers = []
    for i, minutes in ((first, 10), (second, 20)):
        v = draft(world, "bangongshi", i, "response_plan", minutes, reply_script="口径", body="原则",
                  plan_measures="措施｜分行办公室｜立即")
        with world.db.session() as s:
            v = documents.submit(s, world.people["bangongshi"], v.version_id, v.sha256, now=at(minutes + 1))
            v = approvals.approve(s, world.people["fenhang"], v.version_id, v.sha256, now=at(minutes + 2))
        numbers.append(v.doc_number)
    year = at(0).year
    assert numbers == [f"冀华银办〔{year}〕1号", f"冀华银办〔{year}〕2号"]
    # a new year starts the unit's sequence again; each write takes the database's write lock for its whole
    # transaction, so the incident and draft are made before the session that numbers the draft opens
    late = new_incident(world, "zhongshan", occurred_at=at(0) + timedelta(days=370), title="次年事件")
    v = draft(world, "bangongshi", late, "response_plan", 370 * 24 * 60, reply_script="口径", body="原则",
              plan_measures="措施｜分行办公室｜立即")
    with world.db.session() as s:
        version = s.get(DocumentVersion, v.version_id)
        assert numbering.assign(s, printing.SYSTEM, version, "", at(370 * 24 * 60)) == f"冀华银办〔{year + 1}〕1号"
