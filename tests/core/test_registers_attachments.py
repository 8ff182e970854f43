"""Attachments: kept in the database with their SHA-256 in the audit record, limited in size and kind, withdrawn
with a reason and never deleted, listed as 附件 on paper, and a file changed around the program found by
`repdesk audit verify`."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select, update

from desktop import demo
from desktop.db.models import AuditEntry
from desktop.db.register_tables import Attachment
from desktop.db.session import Database
from desktop.domain import Actor
from desktop.errors import ConflictError, PermissionDenied, ValidationError
from desktop.integrity import crosscheck
from desktop.registers import attachments, monitoring
from desktop.services import documents, incidents, printing

CST = timezone(timedelta(hours=8))
T0 = datetime(2026, 3, 2, 9, 15, tzinfo=CST)
NOW = T0 + timedelta(hours=1)
PNG = b"\x89PNG\r\n\x1a\n" + b"screenshot" * 100


@pytest.fixture
def world(db: Database) -> tuple[dict[str, int], dict[str, Actor], int]:
    with db.session() as s:
        units = demo.build_organisation(s)
        people = demo.build_accounts(s, units)
        record = incidents.create_incident(s, people["jingban"], {
            "title": "朝阳支行排队纠纷", "unit_id": units["bd_chaoyang"], "occurred_at": T0, "severity": "general",
            "source": "online"}, now=NOW)
    return units, people, record.id


def test_a_file_is_kept_with_its_hash_in_the_record_and_read_back(db: Database, world: Any) -> None:
    _, people, incident_id = world
    with db.session() as s:
        row = attachments.attach(s, people["xinxi"], "incident", incident_id, "微博截图.png", PNG, now=NOW)
    assert (row.media_type, row.size, row.sha256) == ("image/png", len(PNG), hashlib.sha256(PNG).hexdigest())
    assert row.previewable == "image"
    with db.read() as s:
        assert attachments.read_attachment(s, people["xinxi"], row.id) == PNG
        entry = s.execute(select(AuditEntry).where(AuditEntry.action == "attachment.add")).scalar_one()
        assert json.loads(entry.after)["sha256"] == row.sha256 and entry.incident_id == incident_id
        assert [a.filename for a in attachments.list_attachments(s, people["jingban"], "incident", incident_id)] \
            == ["微博截图.png"]
        with pytest.raises(PermissionDenied):  # another area's account sees neither the list nor the bytes
            attachments.read_attachment(s, people["zhongshan"], row.id)


@pytest.mark.parametrize(("name", "content", "field"), [("说明.exe", b"MZ", "filename"), ("空.png", b"", "content"),
                                                        ("", PNG, "filename")])
def test_what_is_not_evidence_is_refused(db: Database, world: Any, name: str, content: bytes, field: str) -> None:
    _, people, incident_id = world
    with pytest.raises(ValidationError) as caught, db.session() as s:
        attachments.attach(s, people["xinxi"], "incident", incident_id, name, content, now=NOW)
    assert caught.value.field == field


def test_the_size_limit_is_a_setting_50_mb_by_default(db: Database, world: Any) -> None:
    _, people, incident_id = world
    with db.read() as s:
        assert attachments.size_limit(s) == 50 * 1024 * 1024
    with pytest.raises(PermissionDenied), db.session() as s:
        attachments.set_size_limit(s, people["jingban"], 4096)
    with db.session() as s:
        attachments.set_size_limit(s, people["admin"], 4096)
    with pytest.raises(ValidationError) as caught, db.session() as s:
        attachments.attach(s, people["xinxi"], "incident", incident_id, "录音.mp3", b"x" * 5000, now=NOW)
    assert "超过附件大小上限" in caught.value.message
    with db.read() as s:
        assert s.execute(select(Attachment.id)).first() is None


def test_a_withdrawn_file_keeps_its_bytes_and_leaves_the_paper(db: Database, world: Any) -> None:
    _, people, incident_id = world
    with db.session() as s:
        kept = attachments.attach(s, people["xinxi"], "incident", incident_id, "现场照片.jpg", PNG, now=NOW)
        wrong = attachments.attach(s, people["xinxi"], "incident", incident_id, "错传.pdf", b"%PDF-1.4", now=NOW)
    with pytest.raises(ValidationError), db.session() as s:
        attachments.withdraw(s, people["xinxi"], wrong.id, "", now=NOW)
    with db.session() as s:
        gone = attachments.withdraw(s, people["xinxi"], wrong.id, "上传错了文件", now=NOW)
    assert gone.withdrawn and gone.withdraw_reason == "上传错了文件"
    with pytest.raises(ConflictError), db.session() as s:
        attachments.withdraw(s, people["xinxi"], wrong.id, "再撤一次", now=NOW)
    with db.read() as s:
        assert attachments.read_attachment(s, people["xinxi"], wrong.id) == b"%PDF-1.4"
        assert len(attachments.list_attachments(s, people["xinxi"], "incident", incident_id)) == 2
        assert [a.id for a in attachments.list_attachments(s, people["xinxi"], "incident", incident_id,
                                                           include_withdrawn=False)] == [kept.id]
    with db.session() as s:
        view = documents.create_document(s, people["xinxi"], incident_id, "written_report", "first", now=NOW)
    assert view.content["attachments"] == ["现场照片.jpg"]
    with db.read() as s:
        _, report = printing.document_data(s, view, signed=False)
    assert report.header.attachments == ("现场照片.jpg",)


def test_attachments_follow_monitoring_entries_and_their_area(db: Database, world: Any) -> None:
    units, people, _ = world
    with db.session() as s:
        entry = monitoring.add_entry(s, people["xinxi"], {
            "unit_id": units["bd_chaoyang"], "observed_at": T0, "platform": "douyin", "title": "短视频",
            "tone": "negative"}, now=NOW)
        attachments.attach(s, people["xinxi"], "monitoring", entry.id, "视频.mp4", b"\x00\x00\x00\x18ftypmp42",
                           now=NOW)
    with db.read() as s:
        assert monitoring.get_entry(s, people["xinxi"], entry.id).attachments == 1
        with pytest.raises(PermissionDenied):
            attachments.list_attachments(s, people["zhongshan"], "monitoring", entry.id)
        with pytest.raises(ValidationError):
            attachments.list_attachments(s, people["xinxi"], "nothing", entry.id)


def test_audit_verify_names_an_attachment_changed_in_the_database(db: Database, world: Any) -> None:
    _, people, incident_id = world
    with db.session() as s:
        row = attachments.attach(s, people["xinxi"], "incident", incident_id, "微博截图.png", PNG, now=NOW)
    with db.read() as s:
        assert crosscheck.check(s).ok
    forged = PNG.replace(b"screenshot", b"photoshop!", 1)
    with db.session() as s:  # around the program: bytes and even the hash column rewritten
        s.execute(update(Attachment).where(Attachment.id == row.id)
                  .values(content=forged, sha256=hashlib.sha256(forged).hexdigest()))
    with db.read() as s:
        report = crosscheck.check(s)
    assert not report.ok
    assert any(f"附件 #{row.id}（微博截图.png）" in p and "哈希不符" in p for p in report.problems), report.problems
    assert crosscheck.first_problem(report).startswith(f"附件 #{row.id}")


def test_a_file_changed_without_its_hash_column_is_refused_on_reading(db: Database, world: Any) -> None:
    _, people, incident_id = world
    with db.session() as s:
        row = attachments.attach(s, people["xinxi"], "incident", incident_id, "录音.m4a", b"audio" * 10, now=NOW)
    with db.session() as s:
        s.execute(update(Attachment).where(Attachment.id == row.id).values(content=b"other" * 10))
    with pytest.raises(ConflictError), db.read() as s:
        attachments.read_attachment(s, people["xinxi"], row.id)
    with db.read() as s:
        assert not crosscheck.check(s).ok
