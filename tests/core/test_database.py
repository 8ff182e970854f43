"""The database: migrations reach head from empty and from every revision, times keep their instant."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select

from desktop.db.models import Setting, Unit
from desktop.db.schema import metadata
from desktop.db.session import Database, alembic_config, make_engine, resolve_url, upgrade_to_head


def _revisions() -> list[str]:
    engine = make_engine("sqlite://")
    script = ScriptDirectory.from_config(alembic_config(engine))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def test_revision_chain_is_linear() -> None:
    engine = make_engine("sqlite://")
    script = ScriptDirectory.from_config(alembic_config(engine))
    assert len(script.get_heads()) == 1
    for rev in script.walk_revisions():
        assert not isinstance(rev.down_revision, tuple), f"merge revision {rev.revision}"


def test_empty_database_reaches_head_with_every_table(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade_to_head(engine)
    tables = set(inspect(engine).get_table_names())
    assert set(metadata.tables) <= tables
    engine.dispose()


@pytest.mark.parametrize("start", _revisions())
def test_every_earlier_revision_reaches_head(db_url: str, start: str) -> None:
    engine = make_engine(db_url)
    upgrade_to_head(engine, start)
    upgrade_to_head(engine)
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == _revisions()[-1]
    engine.dispose()


def test_times_come_back_aware_and_same_instant(db: Database) -> None:
    from desktop.db.models import AuditEntry

    moment = datetime(2026, 3, 2, 9, 15, tzinfo=timezone(timedelta(hours=8)))
    with db.session() as s:
        s.add(AuditEntry(id=1, at=moment, actor_id=None, actor_name="x", action="a", entity="e", entity_id="1",
                         prev_hash="0", hash="0"))
    with db.read() as s:
        back = s.execute(select(AuditEntry.at)).scalar_one()
    assert back.tzinfo is not None
    assert back == moment


def test_naive_datetime_is_refused(db: Database) -> None:
    from sqlalchemy.exc import StatementError

    from desktop.db.models import AuditEntry

    with pytest.raises(StatementError), db.session() as s:
        s.add(AuditEntry(id=1, at=datetime(2026, 3, 2, 9, 15), actor_id=None, actor_name="x", action="a",
                         entity="e", entity_id="1", prev_hash="0", hash="0"))


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    db = Database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    with pytest.raises(IntegrityError), db.session() as s:
        s.add(Unit(kind="outlet", name="x", code="x", parent_id=999))
    db.dispose()


def test_url_resolution_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPDESK_DATABASE_URL", "sqlite:////tmp/from-env.sqlite3")
    assert resolve_url("sqlite:////tmp/option.sqlite3") == "sqlite:////tmp/option.sqlite3"
    assert resolve_url(None) == "sqlite:////tmp/from-env.sqlite3"
    monkeypatch.delenv("REPDESK_DATABASE_URL")
    assert resolve_url(None).endswith("repdesk.sqlite3")


def test_a_transaction_that_fails_stores_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError), db.session() as s:
        s.add(Setting(key="k", value="v"))
        s.flush()
        raise RuntimeError("boom")
    with db.read() as s:
        assert s.get(Setting, "k") is None


def test_head_revision_read_from_the_files_is_alembics_head() -> None:
    from desktop.db.session import head_revision

    assert head_revision() == _revisions()[-1]


def test_is_at_head_only_after_the_upgrade(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from desktop.db.session import is_at_head

    engine = make_engine(f"sqlite:///{tmp_path / 'h.sqlite3'}")
    try:
        assert not is_at_head(engine)
        upgrade_to_head(engine, _revisions()[0])
        assert is_at_head(engine) == (len(_revisions()) == 1)
        upgrade_to_head(engine)
        assert is_at_head(engine)
    finally:
        engine.dispose()


def test_ensure_at_head_migrates_a_new_database_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """What the window's start runs in its worker: migrate when behind, otherwise only the cheap check."""
    from sqlalchemy import inspect

    from desktop.db.session import ensure_at_head, is_at_head

    engine = make_engine(f"sqlite:///{tmp_path / 'e.sqlite3'}")
    try:
        assert ensure_at_head(engine) is True
        assert is_at_head(engine) and "incidents" in inspect(engine).get_table_names()
        assert ensure_at_head(engine) is False
    finally:
        engine.dispose()
