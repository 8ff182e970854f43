"""`repdesk audit verify` at scale: the chain walk and the data cross-check read a chunk at a time, so their memory
does not grow with the history (at 100,000 incidents, loading every entry and event as ORM objects took 1.4 GB)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import text

from desktop.db.session import Database
from desktop.domain import SYSTEM
from desktop.integrity import crosscheck
from desktop.services import audit

SMALL, LARGE = 300, 1200
CHUNK = 50  # far below either history (about 7 entries and 4 events an incident): both read many chunks


def _verify_peak(db: Database) -> tuple[int, int]:
    """The traced peak of a whole `audit verify` (chain and cross-check), and the entries it checked."""
    with db.read() as s:
        crosscheck.check(s)  # once first: statement caches and imports are not what is measured
    with db.read() as s:
        tracemalloc.start()
        try:
            report = crosscheck.check(s)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert report.ok, crosscheck.first_problem(report)
    return peak, report.chain.entries


def test_verify_memory_does_not_grow_with_the_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      make_data: ModuleType) -> None:
    monkeypatch.setattr(audit, "CHUNK", CHUNK)
    monkeypatch.setattr(crosscheck, "CHUNK", CHUNK)
    peaks: dict[int, tuple[int, int]] = {}
    for n in (SMALL, LARGE):
        db = Database(f"sqlite:///{tmp_path / f'{n}.sqlite3'}")
        try:
            make_data.fill(db, n, 5)
            peaks[n] = _verify_peak(db)
        finally:
            db.dispose()
    (small, small_entries), (large, large_entries) = peaks[SMALL], peaks[LARGE]
    assert large_entries > 3.5 * small_entries  # four times the history...
    assert large < 1.5 * small, (small, large)  # ...in about the same memory (holding it all: over 3 times)


def _problems(db: Database, chunk: int, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(audit, "CHUNK", chunk)
    monkeypatch.setattr(crosscheck, "CHUNK", chunk)
    with db.read() as s:
        report = crosscheck.check(s)
    assert report.chain.ok, report.chain.reason
    return list(report.problems)


def test_chunk_boundaries_change_no_finding(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows written around the program are named the same, in the same order, whatever the chunk size; a row
    keyed below every real one (id 0) is read too, not skipped by the first page's bound."""
    with demo_db.session() as s:
        ids = list(s.execute(text("SELECT id FROM incident_events ORDER BY id")).scalars())
        gone, edited = ids[len(ids) // 2], ids[len(ids) // 3]
        incident, kind = s.execute(text("SELECT incident_id, type FROM incident_events WHERE id = :e"),
                                   {"e": gone}).one()
        s.execute(text("UPDATE incident_events SET superseded_by_id = NULL WHERE superseded_by_id = :e"), {"e": gone})
        s.execute(text("DELETE FROM incident_events WHERE id = :e"), {"e": gone})
        s.execute(text("UPDATE incident_events SET note = '改过' WHERE id = :e"), {"e": edited})
        for forged in (0, ids[-1] + 100):
            s.execute(text("INSERT INTO incident_events (id, incident_id, type, at, recorded_at, recorded_by_name, "
                           "note, late_reason, data, withdrawn_by_name, withdraw_reason) VALUES (:e, :i, :t, "
                           "'2026-01-01 00:00:00', '2026-01-01 00:00:00', '伪造', '', '', '{}', '', '')"),
                      {"e": forged, "i": incident, "t": kind})
        vid, actor, step = s.execute(text("SELECT version_id, actor_id, step FROM approval_decisions LIMIT 1")).one()
        s.execute(text("INSERT INTO approval_decisions (version_id, step, decision, actor_id, actor_name, comment, "
                       "decided_at) VALUES (:v, :s, 'approved', :a, '伪造', '', '2026-01-01 00:00:00')"),
                  {"v": vid, "a": actor, "s": step})
    whole = _problems(demo_db, 1_000_000, monkeypatch)  # one chunk: every table read at once, as before
    assert [p for p in whole if "时间线事件" in p] == [
        f"时间线事件 #0（{kind}）没有对应的审计记录：可能是直接写入库中的",
        *[p for p in whole if f"时间线事件 #{edited}（" in p and "已被改动" in p],
        f"时间线事件 #{ids[-1] + 100}（{kind}）没有对应的审计记录：可能是直接写入库中的",
        *[p for p in whole if f"时间线事件 #{gone}（" in p and "被删除" in p],
    ]
    assert len(whole) == 5 and any("伪造" in p and f"第 {vid} 号文件版本" in p for p in whole), whole
    for chunk in (1, 2, 7):
        assert _problems(demo_db, chunk, monkeypatch) == whole


@pytest.mark.parametrize("chunk", [3, 2000])
def test_an_entry_keyed_below_the_first_is_named(db: Database, chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "CHUNK", chunk)
    for i in range(8):
        with db.session() as s:
            audit.record(s, SYSTEM, "test.step", "thing", i, after={"i": i})
    with db.session() as s:
        s.execute(text("INSERT INTO audit_log (id, at, actor_id, actor_name, action, entity, entity_id, incident_id, "
                       "before, after, prev_hash, hash, mac) SELECT 0, at, actor_id, actor_name, action, entity, "
                       "entity_id, incident_id, before, after, prev_hash, hash, mac FROM audit_log WHERE id = 1"))
    with db.read() as s:
        result = audit.verify(s)
    assert not result.ok and result.broken_id == 0 and result.reason == "第 1 条记录缺失（下一条为第 0 条）"
