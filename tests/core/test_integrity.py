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
