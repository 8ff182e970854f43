"""Opening the database: which one, how it is tuned, and bringing its schema to head."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop.paths import data_dir

ENV_URL = "REPDESK_DATABASE_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'repdesk.sqlite3'}"


def resolve_url(option: str | None = None) -> str:
    """`--database-url` wins, then REPDESK_DATABASE_URL, then the SQLite file in the user's data folder."""
    return option or os.environ.get(ENV_URL) or default_url()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade_to_head(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def head_revision() -> str:
    """The newest migration, read from the files: the one no other names as its down_revision."""
    revisions: dict[str, str | None] = {}
    for path in (MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev = re.search(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", text, re.MULTILINE)
        down = re.search(r"^down_revision\s*=\s*(?:['\"]([^'\"]+)['\"]|None)", text, re.MULTILINE)
        if rev:
            revisions[rev.group(1)] = down.group(1) if down else None
    parents = set(revisions.values())
    heads = [r for r in revisions if r not in parents]
    return heads[0] if len(heads) == 1 else ""


def is_at_head(engine: Engine) -> bool:
    """Cheap check before start-up: importing Alembic costs a fifth of a second, so only do it when needed."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return False
        current = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    head = head_revision()
    return bool(head) and current == [head]


def ensure_at_head(engine: Engine) -> bool:
    """Bring the schema to head if it is not there yet; True when migrations ran."""
    if is_at_head(engine):
        return False
    upgrade_to_head(engine)
    return True


class Database:
    """One engine, one session factory; every operation opens its own short session."""

    def __init__(self, url: str | None = None, *, upgrade: bool = True) -> None:
        self.url = resolve_url(url)
        self.engine = make_engine(self.url)
        if upgrade:
            ensure_at_head(self.engine)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any error."""
        with self._factory() as s, s.begin():
            yield s

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._factory() as s:
            yield s

    def dispose(self) -> None:
        self.engine.dispose()
