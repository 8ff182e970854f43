"""Tamper evidence that survives someone holding the database file but not the installation key."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import text

from desktop.db.models import AuditEntry
from desktop.db.session import Database
from desktop.domain import SYSTEM
from desktop.services import audit


def _fill(db: Database, n: int = 8) -> None:
    for i in range(n):
        with db.session() as s:
            audit.record(s, SYSTEM, "test.step", "thing", i, after={"i": i})


def _verify(db: Database) -> audit.VerifyResult:
    with db.read() as s:
        return audit.verify(s)


def test_a_keyed_chain_verifies_and_its_key_file_is_private(db: Database) -> None:
    _fill(db)
    result = _verify(db)
    assert result.ok and result.entries == 8
    with db.read() as s:
        installation = audit.installation_id(s)
        assert s.query(AuditEntry).filter(AuditEntry.mac.is_(None)).count() == 0
    assert installation is not None
    key = audit._key_path(installation)
    assert key.stat().st_mode & 0o077 == 0
    assert audit.read_anchor(installation).last_id == 8  # type: ignore[union-attr]


@pytest.mark.parametrize(("cut", "named"), [(1, "第 8 条缺失"), (3, "第 6–8 条缺失"), (8, "第 1–8 条缺失")])
def test_truncation_is_found_and_named(db: Database, cut: int, named: str) -> None:
    _fill(db)
    with db.session() as s:
        s.execute(text("DELETE FROM audit_log WHERE id > :keep"), {"keep": 8 - cut})
    result = _verify(db)
    assert not result.ok
    assert "截断" in result.reason and named in result.reason


def test_an_edit_with_the_chain_recomputed_without_the_key_is_found(db: Database) -> None:
    _fill(db)
    with db.session() as s:
        prev = audit.GENESIS
        for entry in s.query(AuditEntry).order_by(AuditEntry.id):
            if entry.id == 4:
                entry.after = audit.canonical({"i": "forged"})
            entry.prev_hash = prev
            entry.hash = audit.entry_hash(entry)  # what anyone can do with SHA-256 alone
            prev = entry.hash
    result = _verify(db)
    assert not result.ok and result.broken_id == 4 and "密钥校验值不符" in result.reason


def test_stripping_the_macs_to_pass_as_a_legacy_chain_is_found(db: Database) -> None:
    _fill(db)
    with db.session() as s:
        s.execute(text("UPDATE audit_log SET mac = NULL WHERE id >= 3"))
    result = _verify(db)
    assert not result.ok and result.broken_id == 3


def test_a_missing_key_is_a_clear_message_not_a_crash(db: Database) -> None:
    _fill(db, 2)
    with db.read() as s:
        installation = audit.installation_id(s)
    assert installation is not None
    audit._key_path(installation).unlink()
    result = _verify(db)
    assert not result.ok and "安装密钥" in result.reason


def test_an_old_chain_is_reported_unkeyed_then_keyed_from_the_next_entry(db: Database) -> None:
    with db.session() as s:  # as a database made before the chain was keyed
        for i in range(1, 4):
            e = AuditEntry(id=i, at=audit.now_utc(), actor_id=None, actor_name="系统", action="old", entity="x",
                           entity_id=str(i), incident_id=None, before="", after="", hash="",
                           prev_hash=s.get(AuditEntry, i - 1).hash if i > 1 else audit.GENESIS)  # type: ignore[union-attr]
            e.hash = audit.entry_hash(e)
            s.add(e)
            s.flush()
    result = _verify(db)
    assert not result.ok and "第 1–3 条未经密钥保护" in result.reason
    _fill(db, 2)
    result = _verify(db)
    assert result.ok and result.unkeyed_until == 3


def test_hash_helper_is_plain_sha256() -> None:
    # The documented point: the plain hash is public knowledge; only the MAC needs the key.
    assert len(hashlib.sha256(b"").hexdigest()) == 64


def _crosscheck(db: Database) -> list[str]:
    from desktop.integrity import crosscheck

    with db.read() as s:
        report = crosscheck.check(s)
    assert report.chain.ok, report.chain.reason
    return list(report.problems)


def test_the_example_data_matches_its_record(demo_db: Database) -> None:
    assert _crosscheck(demo_db) == []


def test_a_forged_approval_is_named(demo_db: Database) -> None:
    with demo_db.session() as s:
        vid, actor, step = s.execute(text("SELECT version_id, actor_id, step FROM approval_decisions LIMIT 1")).one()
        s.execute(text("INSERT INTO approval_decisions (version_id, step, decision, actor_id, actor_name, comment, "
                       "decided_at) VALUES (:v, :s, 'approved', :a, '伪造', '', '2026-01-01 00:00:00')"),
                  {"v": vid, "a": actor, "s": step})
    problems = _crosscheck(demo_db)
    assert any("伪造" in p and f"第 {vid} 号文件版本" in p for p in problems)


def test_a_changed_signer_is_named(demo_db: Database) -> None:
    with demo_db.session() as s:
        vid, signer = s.execute(text("SELECT id, signed_by_id FROM document_versions WHERE signed_by_id IS NOT NULL "
                                     "LIMIT 1")).one()
        other = s.execute(text("SELECT min(id) FROM users WHERE id != :u"), {"u": signer}).scalar()
        s.execute(text("UPDATE document_versions SET signed_by_id = :o WHERE id = :v"), {"o": other, "v": vid})
    problems = _crosscheck(demo_db)
    assert any(f"第 {vid} 号文件版本：签发人" in p for p in problems)


def test_a_deleted_and_an_inserted_event_are_named(demo_db: Database) -> None:
    with demo_db.session() as s:
        eid = s.execute(text("SELECT max(id) FROM incident_events")).scalar()
        row = s.execute(text("SELECT incident_id, type FROM incident_events WHERE id = :e"), {"e": eid}).one()
        s.execute(text("UPDATE incident_events SET superseded_by_id = NULL WHERE superseded_by_id = :e"), {"e": eid})
        s.execute(text("DELETE FROM incident_events WHERE id = :e"), {"e": eid})
        s.execute(text("INSERT INTO incident_events (id, incident_id, type, at, recorded_at, recorded_by_name, "
                       "note, "
                       "late_reason, data, withdrawn_by_name, withdraw_reason) "
                       "VALUES (:e + 100, :i, :t, '2026-01-01 00:00:00', "
                       "'2026-01-01 00:00:00', '伪造', '', '', '{}', '', '')"), {"e": eid, "i": row[0], "t": row[1]})
    problems = _crosscheck(demo_db)
    assert any(f"时间线事件 #{eid}" in p and "被删除" in p for p in problems)
    assert any("没有对应的审计记录" in p and "时间线事件" in p for p in problems)
