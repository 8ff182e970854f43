"""The monitoring register (舆情监测台账): entries, corrections as new versions, escalation to an incident in one
step, linking, closing with a reason, permissions by unit and role, the audit of every change, and the linked
entries on the incident's major report."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from desktop import demo
from desktop.db.models import AuditEntry
from desktop.db.register_tables import MonitoringEntry
from desktop.db.session import Database
from desktop.domain import Actor
from desktop.errors import ConflictError, PermissionDenied, ValidationError
from desktop.integrity import crosscheck
from desktop.registers import monitoring, summary
from desktop.services import documents, incidents, printing

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 3, 2, 9, 15, tzinfo=CST)
NOW = T0 + timedelta(hours=1)


@pytest.fixture
def world(db: Database) -> tuple[dict[str, int], dict[str, Actor]]:
    with db.session() as s:
        units = demo.build_organisation(s)
        people = demo.build_accounts(s, units)
    return units, people


def entry_data(units: dict[str, int], **over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"unit_id": units["bd_chaoyang"], "observed_at": T0, "platform": "weibo",
                            "url": "https://weibo.example/p/1", "title": "网友称朝阳支行排队两小时无人处理",
                            "excerpt": "今天在朝阳支行办业务……", "reads": 12000, "reposts": 340, "tone": "negative"}
    data.update(over)
    return data


def _audits(db: Database, action: str) -> int:
    with db.read() as s:
        return s.execute(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)).scalar_one()


def test_an_entry_is_logged_listed_and_audited(db: Database, world: Any) -> None:
    units, people = world
    with db.session() as s:
        row = monitoring.add_entry(s, people["xinxi"], entry_data(units), now=NOW)
    assert (row.state, row.platform_label, row.tone_label, row.reach) == ("open", "微博", "负面", "阅读12000，转发340")
    assert row.logged_by == "李晓梅" and row.unit_name
    with db.read() as s:
        listed = monitoring.list_entries(s, people["xinxi"], date(2026, 3, 2), date(2026, 3, 2))
        assert [r.id for r in listed] == [row.id]
        assert monitoring.list_entries(s, people["xinxi"], date(2026, 3, 3), date(2026, 3, 3)) == []
    assert _audits(db, "monitoring.add") == 1


@pytest.mark.parametrize(("field", "value"), [("platform", "tiktok"), ("tone", "angry"), ("title", ""),
                                              ("reads", -1), ("observed_at", NOW + timedelta(days=1)),
                                              ("unit_id", 99999)])
def test_bad_input_is_refused_naming_the_field_and_nothing_is_stored(db: Database, world: Any, field: str,
                                                                     value: object) -> None:
    units, people = world
    with pytest.raises(ValidationError) as caught, db.session() as s:
        monitoring.add_entry(s, people["xinxi"], entry_data(units, **{field: value}), now=NOW)
    assert caught.value.field == field and caught.value.message
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(MonitoringEntry)).scalar_one() == 0


def test_a_unit_outside_the_area_is_refused_and_not_seen(db: Database, world: Any) -> None:
    units, people = world
    with pytest.raises(PermissionDenied), db.session() as s:
        monitoring.add_entry(s, people["xinxi"], entry_data(units, unit_id=units["zhongshan"]), now=NOW)
    with db.session() as s:
        theirs = monitoring.add_entry(s, people["zhongshan"], entry_data(units, unit_id=units["zhongshan"]), now=NOW)
    with db.read() as s:
        assert monitoring.list_entries(s, people["xinxi"]) == []
        assert [r.id for r in monitoring.list_entries(s, people["bangongshi"])] == [theirs.id]  # branch office
        with pytest.raises(PermissionDenied):
            monitoring.get_entry(s, people["xinxi"], theirs.id)


def test_a_correction_is_a_new_version_and_the_old_one_stays(db: Database, world: Any) -> None:
    units, people = world
    with db.session() as s:
        first = monitoring.add_entry(s, people["xinxi"], entry_data(units), now=NOW)
    with db.session() as s:
        second = monitoring.correct_entry(s, people["xinxi"], first.id, first.row_version, {"reads": 15000},
                                          "阅读量抄错", now=NOW)
    assert second.id != first.id and second.supersedes_id == first.id and second.reads == 15000
    with db.read() as s:
        assert [r.id for r in monitoring.list_entries(s, people["xinxi"])] == [second.id]
        trail = monitoring.history(s, people["xinxi"], first.id)
        assert [(r.id, r.reads) for r in trail] == [(first.id, 12000), (second.id, 15000)]
    with pytest.raises(ConflictError), db.session() as s:  # the old version cannot be handled any more
        monitoring.close(s, people["jingban"], first.id, "无须处置", now=NOW)
    assert _audits(db, "monitoring.correct") == 1


def test_escalation_creates_the_incident_with_the_entrys_facts_in_one_step(db: Database, world: Any) -> None:
    units, people = world
    with db.session() as s:
        entry = monitoring.add_entry(s, people["xinxi"], entry_data(units), now=NOW)
    with db.read() as s:
        form = monitoring.incident_form(s, people["xinxi"], entry.id)
    assert form["title"] == entry.title and form["source"] == "online" and form["occurred_at"] == T0
    with db.session() as s:
        row, record = monitoring.escalate(s, people["xinxi"], entry.id, {"place": "朝阳支行营业厅"}, now=NOW)
    assert row.state == "escalated" and row.incident_id == record.id and row.incident_number == record.number
    assert record.title == entry.title and record.place == "朝阳支行营业厅" and record.unit_id == units["bd_chaoyang"]
    assert "微博" in record.elements["el_situation"] and "https://weibo.example/p/1" in record.elements["el_situation"]
    with db.read() as s:
        assert [r.id for r in monitoring.linked_entries(s, people["xinxi"], record.id)] == [entry.id]
    with pytest.raises(ConflictError), db.session() as s:  # once only
        monitoring.escalate(s, people["xinxi"], entry.id, now=NOW)
    with db.read() as s:
        assert crosscheck.check(s).ok


def test_a_failed_escalation_changes_nothing(db: Database, world: Any) -> None:
    units, people = world
    with db.session() as s:
        entry = monitoring.add_entry(s, people["xinxi"], entry_data(units), now=NOW)
    with pytest.raises(ValidationError), db.session() as s:
        monitoring.escalate(s, people["xinxi"], entry.id, {"severity": "huge"}, now=NOW)
    with db.read() as s:
        assert monitoring.get_entry(s, people["xinxi"], entry.id).state == "open"
        assert incidents.list_incidents(s, people["admin"]) == []


def test_close_needs_a_reason_and_a_deciding_role(db: Database, world: Any) -> None:
    units, people = world
    with db.session() as s:
        entry = monitoring.add_entry(s, people["xinxi"], entry_data(units), now=NOW)
    with pytest.raises(ValidationError), db.session() as s:
        monitoring.close(s, people["jingban"], entry.id, "  ", now=NOW)
    with pytest.raises(PermissionDenied), db.session() as s:
        monitoring.close(s, people["xinxi"], entry.id, "已核实为误传", now=NOW)  # an informant records, not decides
    with db.session() as s:
        closed = monitoring.close(s, people["jingban"], entry.id, "已核实为误传", now=NOW)
    assert (closed.state, closed.close_reason, closed.closed_by) == ("closed", "已核实为误传", "张伟")
    assert _audits(db, "monitoring.close") == 1


def test_linked_entries_print_on_the_major_report(sqlite_db: Database) -> None:
    db = sqlite_db
    with db.session() as s:
        units = demo.build_organisation(s)
        people = demo.build_accounts(s, units)
        entry = monitoring.add_entry(s, people["xinxi"], entry_data(units, title="抖音视频称朝阳支行拒绝取款"),
                                     now=NOW)
        record = incidents.create_incident(s, people["jingban"], {
            "title": "朝阳支行取款纠纷", "unit_id": units["bd_chaoyang"], "occurred_at": T0, "severity": "major",
            "source": "online"}, now=NOW)
        monitoring.link(s, people["jingban"], entry.id, record.id, now=NOW)
    with db.session() as s:
        view = documents.create_document(s, people["bangongshi"], record.id, "major_report", now=NOW)
    opinions = view.content["opinions"]
    assert [(o["source"], o["title"], o["tone"], o["reach"]) for o in opinions] == [
        ("微博", "抖音视频称朝阳支行拒绝取款", "负面", "阅读12000，转发340")]
    with db.read() as s:
        pdf = printing.build_version(s, people["bangongshi"], view.version_id).pdf
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace(" ", "")
    assert "舆情监测情况" in text and "抖音视频称朝阳支行拒绝取款" in text.replace("\n", "")


def test_the_weekly_summary_prints_the_periods_entries_and_its_print_is_recorded(sqlite_db: Database) -> None:
    db = sqlite_db
    with db.session() as s:
        units = demo.build_organisation(s)
        people = demo.build_accounts(s, units)
        monitoring.add_entry(s, people["xinxi"], entry_data(units, title="周内舆情甲"), now=NOW)
        late = monitoring.add_entry(s, people["xinxi"], entry_data(units, title="周内舆情乙", tone="neutral",
                                                                  observed_at=T0 + timedelta(days=2)),
                                    now=T0 + timedelta(days=2))
        later = T0 + timedelta(days=8)
        monitoring.add_entry(s, people["xinxi"], entry_data(units, title="下周舆情丙", observed_at=later), now=later)
        monitoring.close(s, people["jingban"], late.id, "中性报道无须处置", now=T0 + timedelta(days=8))
    with db.read() as s:
        printed = summary.build_summary(s, people["jingban"], date(2026, 3, 2), date(2026, 3, 8),
                                        now=T0 + timedelta(days=8))
        with pytest.raises(ValidationError):
            summary.build_summary(s, people["jingban"], date(2026, 3, 8), date(2026, 3, 2))
    assert printed.kind == "monitoring_summary" and printed.title.startswith("舆情监测周报")
    pages = PdfReader(io.BytesIO(printed.pdf)).pages
    text = "".join(p.extract_text() for p in pages).replace(" ", "").replace("\n", "")
    assert "舆情监测周报" in text and "周内舆情甲" in text and "周内舆情乙" in text and "下周舆情丙" not in text
    assert "中性报道无须处置" in text
    assert summary.title_for(date(2026, 3, 2), date(2026, 3, 2)) == "舆情监测日报"
    with db.session() as s:
        digest = printing.record_print(s, people["jingban"], printed)
    with db.read() as s:
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "monitoring_summary.print")).scalar_one()
    assert digest in entry.after
