"""Opening the database: which one, how it is tuned, and bringing its schema to head."""

from __future__ import annotations

import os
import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from desktop.errors import ConflictError, ErrorCode, RepDeskError
from desktop.paths import data_dir, private_file

T = TypeVar("T")
# The one lock every writing transaction takes first (the audit chain's head, desktop.services.audit): with one
# lock always taken before any row is written, a drafter and an approver can never hold locks in opposite orders.
WRITE_LOCK_KEY = "audit_chain_lock"
# PostgreSQL: every writing transaction notifies this channel; the server delivers it only when the transaction
# commits, so every open window (ui.data.live) hears of each committed change, and of nothing rolled back.
CHANGE_CHANNEL = "repdesk_changes"
STALE_MESSAGE = "该记录已被其他用户修改，请刷新后重试（您的修改未保存）"
BUSY_MESSAGE = "数据库正忙（其他用户正在保存），请稍后重试（您的修改未保存）"
RETRIES = 8
_LOCKED = "repdesk_write_lock"  # Session.info: this transaction holds the write lock
# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available.
_RETRY_SQLSTATES = {"40001", "40P01", "55P03"}

ENV_URL = "REPDESK_DATABASE_URL"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'repdesk.sqlite3'}"


def _sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL (None for memory databases and URIs)."""
    name = url.split(":///", 1)[1].split("?", 1)[0] if ":///" in url else ""
    return Path(name) if name and name != ":memory:" and not name.startswith("file:") else None


def resolve_url(option: str | None = None) -> str:
    """`--database-url` wins, then REPDESK_DATABASE_URL, then the SQLite file in the user's data folder."""
    return option or os.environ.get(ENV_URL) or default_url()


def mask_url(url: str) -> str:
    """The URL as it may be printed: the password replaced by ***, even in a URL SQLAlchemy cannot parse."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Writers queue for the one write lock, taken at the start of each writing transaction (take_write_lock):
    # a long one (a document built from many rows on a busy machine) must not turn the next into "busy".
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


def make_engine(url: str) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    if url.startswith("sqlite"):
        path = _sqlite_file(url)
        if path is not None and path.parent.is_dir():
            try:
                private_file(path)  # the user's alone; SQLite gives its -wal and -shm files the same mode
            except OSError:
                pass  # a read-only file or a folder: SQLite itself says what is wrong when it opens it
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def is_retryable(exc: BaseException) -> bool:
    """A transaction that lost a race for a lock and was rolled back whole: running it again is safe."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in _RETRY_SQLSTATES:
        return True
    message = str(orig).lower()
    return "database is locked" in message or "database is busy" in message or "deadlock" in message


def take_write_lock(session: Session) -> None:
    """Take the write lock first in every writing transaction: on PostgreSQL the lock row (held to commit), on
    SQLite the database's write lock (the first statement writes, as BEGIN IMMEDIATE would). Everything the
    transaction then reads is current until it commits: a check made on it still holds when the write lands
    (the Python driver otherwise begins SQLite's transaction only at the first write, after the reads).

    Taken once per transaction (`Database` takes it at the start; a service that locks a row with SELECT ... FOR
    UPDATE calls it first, for sessions opened elsewhere). Core statements on the session's connection: no
    autoflush."""
    if session.info.get(_LOCKED):
        return
    session.info[_LOCKED] = True
    conn = session.connection()
    lock = text("UPDATE settings SET value = value WHERE key = :key")
    if conn.execute(lock, {"key": WRITE_LOCK_KEY}).rowcount == 0:
        conn.execute(text("INSERT INTO settings (key, value) VALUES (:key, '1') ON CONFLICT (key) DO NOTHING"),
                     {"key": WRITE_LOCK_KEY})
        conn.execute(lock, {"key": WRITE_LOCK_KEY})
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"NOTIFY {CHANGE_CHANNEL}"))  # one per transaction: the server folds repeats anyway


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


def _pause(attempt: int) -> None:
    """Back off with jitter, so the writers that collided do not collide again in step."""
    time.sleep(min(0.5, 0.02 * 2**attempt) * (0.5 + random.random()))


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
        """A writing transaction: committed when the block ends, rolled back on any error.

        It takes the write lock first (`take_write_lock`). An optimistic-lock failure, wherever
        it is raised (a flush, the audit write, the commit), becomes the core's conflict; a lock not had in time,
        the core's "busy" (`run` tries again first)."""
        try:
            with self._transaction() as s:
                yield s
        except DBAPIError as exc:
            if is_retryable(exc):
                raise ConflictError(BUSY_MESSAGE, ErrorCode.BUSY) from None
            raise

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        kept: RepDeskError | None = None
        try:
            with self._factory() as s, s.begin():
                take_write_lock(s)
                try:
                    yield s
                except RepDeskError as exc:
                    if not exc.keep_changes:
                        raise
                    kept = exc  # leave the block normally: committed
        except StaleDataError:
            raise ConflictError(STALE_MESSAGE, ErrorCode.STALE) from None
        if kept is not None:
            raise kept

    def run(self, job: Callable[[Session], T], *, retries: int = RETRIES) -> T:
        """`job(session)` in one writing transaction, run again when it lost a race for a lock (deadlock,
        serialisation failure, SQLite busy): the database rolled all of it back, so a second run is safe for any
        job that only touches the database. A race lost every time is the core's "busy", never a raw SQL error."""
        for attempt in range(retries):
            try:
                with self._transaction() as s:
                    return job(s)
            except DBAPIError as exc:
                if not is_retryable(exc):
                    raise
                if attempt == retries - 1:
                    raise ConflictError(BUSY_MESSAGE, ErrorCode.BUSY) from None
                _pause(attempt)
        raise AssertionError("unreachable")

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._factory() as s:
            yield s

    def dispose(self) -> None:
        self.engine.dispose()
