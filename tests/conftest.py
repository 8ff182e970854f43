"""Shared fixtures: a fresh database per test, on SQLite and (when configured) on a real PostgreSQL."""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest

# Qt without a screen; must be set before anything imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("REPDESK_NO_DIALOGS", "1")

# Password hashes at 1/128 of OWASP's cost in this process: the suite logs in hundreds of times. The production
# cost and the rehash to it are tested in tests/core/test_login_security.py, which raises it back.
from desktop.services import accounts as _accounts

_accounts.SCRYPT_COST = {**_accounts.SCRYPT_COST, "n": 2**10}

# Installation keys and audit anchors made outside a test (module- and session-scoped databases): each test starts
# with a copy of them in a folder of its own, so it can use those databases without moving their anchors for others.
# A test file that imports from `tests.conftest` executes this module a second time (pytest loads it as `conftest`):
# the second run must keep the first one's folder, or databases made afterwards get their keys in a folder no test's
# copy comes from.
# Under pytest-xdist every worker inherits the controller's environment: each keeps a folder of its own (named by
# its worker id), so no worker copies a key another is still writing.
_KEYS_ENV = "REPDESK_TEST_SESSION_KEYS" + os.environ.get("PYTEST_XDIST_WORKER", "")
_SESSION_KEYS = os.environ.get(_KEYS_ENV) or tempfile.mkdtemp(prefix="repdesk-keys-")
os.environ[_KEYS_ENV] = _SESSION_KEYS
os.environ["REPDESK_KEY_DIR"] = _SESSION_KEYS

PG_ENV = "REPDESK_TEST_POSTGRES_URL"  # e.g. postgresql://repdesk:repdesk@127.0.0.1:5432/postgres
# The PostgreSQL half of the db fixtures carries the "postgres" marker, so `-m postgres` selects exactly it.
_ON_POSTGRES = pytest.param("postgres", marks=pytest.mark.postgres)


@pytest.fixture(autouse=True)
def _collector_as_found() -> Iterator[None]:
    """A start that read the open incidents ahead of the log-in froze what was alive then (gc.freeze, as the
    program does once); the next test in the same process starts with nothing frozen."""
    yield
    if gc.get_freeze_count():
        gc.unfreeze()


@pytest.fixture(autouse=True)
def _isolated_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the developer's real data, log or settings folders."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("REPDESK_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("REPDESK_LOG_DIR", str(base / "log"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "config"))
    shutil.copytree(_SESSION_KEYS, base / "keys")
    monkeypatch.setenv("REPDESK_KEY_DIR", str(base / "keys"))  # installation keys and audit anchors
    monkeypatch.delenv("REPDESK_DATABASE_URL", raising=False)


def _pg_admin_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@pytest.fixture(scope="session")
def _pg_template() -> Iterator[str | None]:
    """A PostgreSQL database migrated to head once; each test gets a copy of it (CREATE DATABASE ... TEMPLATE)."""
    admin = _pg_admin_url()
    if not admin:
        yield None
        return
    from sqlalchemy import create_engine, text

    from desktop.db.session import make_engine, upgrade_to_head

    name = f"repdesk_tpl_{uuid.uuid4().hex[:8]}"
    engine = create_engine(admin.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    tpl_url = admin.rsplit("/", 1)[0] + f"/{name}"
    tpl_engine = make_engine(tpl_url)
    upgrade_to_head(tpl_engine)
    tpl_engine.dispose()
    yield name
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def _pg_new(template: str | None) -> tuple[str, object]:
    """A new PostgreSQL database: empty, or a copy of the migrated template."""
    from sqlalchemy import create_engine, text

    admin = _pg_admin_url()
    assert admin
    name = f"repdesk_t_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    return admin.rsplit("/", 1)[0] + f"/{name}", engine


def _pg_drop(engine: object, url: str) -> None:
    from sqlalchemy import text

    name = url.rsplit("/", 1)[1]
    with engine.connect() as conn:  # type: ignore[attr-defined]
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()  # type: ignore[attr-defined]


@pytest.fixture(params=["sqlite", _ON_POSTGRES])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, _pg_template: str | None) -> Iterator[str]:
    """An empty database, not even migrated: an SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    if _pg_template is None:
        pytest.skip(f"PostgreSQL not configured ({PG_ENV})")
    url, engine = _pg_new(None)
    yield url
    _pg_drop(engine, url)


@pytest.fixture(params=["sqlite", _ON_POSTGRES])
def db(request: pytest.FixtureRequest, tmp_path: Path, _pg_template: str | None) -> Iterator[object]:
    """A database at head, opened as the program opens it; PostgreSQL copies a template migrated once."""
    from desktop.db.session import Database

    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path / 'test.sqlite3'}")
        yield database
        database.dispose()
        return
    if _pg_template is None:
        pytest.skip(f"PostgreSQL not configured ({PG_ENV})")
    url, engine = _pg_new(_pg_template)
    database = Database(url)
    yield database
    database.dispose()
    _pg_drop(engine, url)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[object]:
    """SQLite only: for tests that are about something other than the database (UI, reports)."""
    from desktop.db.session import Database

    database = Database(f"sqlite:///{tmp_path / 'test.sqlite3'}")
    yield database
    database.dispose()


FIXED_NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def _demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example database built once per session: the ten accounts' password hashes alone take a second."""
    from desktop import demo
    from desktop.db.session import Database

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    # Its installation key and anchor live beside it: each test copies them with the database (below), so that
    # copies diverging in different tests never move one another's anchor.
    saved = os.environ["REPDESK_KEY_DIR"]
    os.environ["REPDESK_KEY_DIR"] = str(path.with_name("keys"))
    try:
        database = Database(f"sqlite:///{path}")
        demo.fill(database)
        database.dispose()  # the last connection closes: SQLite folds its write-ahead log into the file
    finally:
        os.environ["REPDESK_KEY_DIR"] = saved
    return path


@pytest.fixture
def demo_db(tmp_path: Path, _demo_file: Path) -> Iterator[object]:
    """The example organisation, accounts and incidents (as `repdesk demo` makes them), on SQLite: a copy of the
    session's, so its clocks started when the session's first test asked for it (minutes ago, not seconds)."""
    from desktop.db.session import Database

    target = tmp_path / "demo.sqlite3"
    for suffix in ("", "-wal", "-shm"):  # normally the file alone
        source = _demo_file.with_name(_demo_file.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    shutil.copytree(_demo_file.with_name("keys"), os.environ["REPDESK_KEY_DIR"], dirs_exist_ok=True)
    database = Database(f"sqlite:///{target}")
    yield database
    database.dispose()


ExampleFill = Callable[..., dict[str, int]]
_Masters = dict[tuple[object, ...], tuple[str, Path, dict[str, int]]]


def _admin_engine() -> object:
    from sqlalchemy import create_engine

    admin = _pg_admin_url()
    assert admin
    return create_engine(admin.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def _example_masters() -> Iterator[_Masters]:
    """The example data built once per session for each (database kind, `now`, `year`) a test asks for: the
    master's URL (an SQLite file, or a PostgreSQL database used as a template), its key folder and the ids."""
    masters: _Masters = {}
    yield masters
    for url, _keys, _ids in masters.values():
        if url.startswith("postgresql"):
            _pg_drop(_admin_engine(), url)


@pytest.fixture
def fill_example(_example_masters: _Masters, _pg_template: str | None,
                 tmp_path_factory: pytest.TempPathFactory) -> ExampleFill:
    """`fill_example(db, now=None, year=True)`: what `demo.fill(db, now=now, year=year)` makes, copied from a master
    built once per session (building it takes seconds; on PostgreSQL a copy is CREATE DATABASE ... TEMPLATE). With
    `now` None the master's clocks started when the session first asked for it, as with `demo_db`. `db` must be
    the fixture's fresh, untouched database: it is replaced whole, its installation keys with it."""
    from desktop import demo
    from desktop.db.session import Database

    def fill(db: Database, now: datetime | None = None, year: bool = True) -> dict[str, int]:
        kind = db.engine.dialect.name
        key = (kind, now, year)
        if key not in _example_masters:
            folder = tmp_path_factory.mktemp("example")
            if kind == "sqlite":
                url = f"sqlite:///{folder / 'example.sqlite3'}"
            else:
                url, engine = _pg_new(_pg_template)
                engine.dispose()  # type: ignore[attr-defined]
            saved = os.environ["REPDESK_KEY_DIR"]
            os.environ["REPDESK_KEY_DIR"] = str(folder / "keys")
            try:
                master = Database(url)
                ids = demo.fill(master, now=now, year=year)
                master.dispose()  # no connection may stay open on a template (PostgreSQL) or a file to copy
            finally:
                os.environ["REPDESK_KEY_DIR"] = saved
            _example_masters[key] = (url, folder / "keys", ids)
        source, keys, ids = _example_masters[key]
        db.dispose()
        if kind == "sqlite":
            target = Path(db.engine.url.database or "")
            for suffix in ("-wal", "-shm"):
                target.with_name(target.name + suffix).unlink(missing_ok=True)
            shutil.copyfile(Path(source.removeprefix("sqlite:///")), target)
        else:
            from sqlalchemy import text

            name, template = db.engine.url.database, source.rsplit("/", 1)[1]
            engine = _admin_engine()
            with engine.connect() as conn:  # type: ignore[attr-defined]
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
            engine.dispose()  # type: ignore[attr-defined]
        shutil.copytree(keys, os.environ["REPDESK_KEY_DIR"], dirs_exist_ok=True)
        return dict(ids)

    return fill


@pytest.fixture(scope="module")
def demo_module_url(tmp_path_factory: pytest.TempPathFactory, _demo_file: Path) -> str:
    """A copy of the example database shared by one test module (as `repdesk demo` makes it): its keys join the
    session's, which every test starts from (a test's own writes move the anchor in its own copy only)."""
    target = tmp_path_factory.mktemp("module-demo") / "demo.sqlite3"
    shutil.copyfile(_demo_file, target)
    shutil.copytree(_demo_file.with_name("keys"), _SESSION_KEYS, dirs_exist_ok=True)
    return f"sqlite:///{target}"


@pytest.fixture(scope="session")
def make_data() -> ModuleType:
    """benchmarks/make_data.py (the benchmarks are scripts, not a package), loaded once as a module."""
    import importlib.util
    import sys

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "make_data.py"
    spec = importlib.util.spec_from_file_location("repdesk_benchmark_make_data", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while they are made
    spec.loader.exec_module(module)
    return module
