"""Live between users: a change committed through one window (or by another process) reaches another window on the
same database within 2 seconds, on PostgreSQL (LISTEN/NOTIFY) and on one SQLite file (its change counter); the
window then reads only the incidents that changed, and nothing reloads on a timer."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from shiboken6 import isValid
from sqlalchemy import text

from desktop.domain import IncidentStatus
from desktop.services import incidents
from desktop.timeutil import now_utc
from tests.conftest import _ON_POSTGRES, _pg_drop, _pg_new
from tests.ui.conftest import login
from ui.dashboard.model import COL_INCIDENT

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", _ON_POSTGRES])
def two_databases(request: pytest.FixtureRequest, demo_db: Any, _pg_template: str | None) -> Iterator[tuple[Any, Any]]:
    """The example data opened twice, as two programs would: two Database objects, two engines, one database."""
    from desktop import demo
    from desktop.db.session import Database

    if request.param == "sqlite":
        other = Database(demo_db.url)
        yield demo_db, other
        other.dispose()
        return
    if _pg_template is None:
        pytest.skip("PostgreSQL not configured (REPDESK_TEST_POSTGRES_URL)")
    url, engine = _pg_new(_pg_template)
    first = Database(url)
    demo.fill(first, year=False)  # the current incidents alone: quicker
    second = Database(url)
    yield first, second
    first.dispose()
    second.dispose()
    _pg_drop(engine, url)


@pytest.fixture
def two_windows(qtbot: Any, two_databases: tuple[Any, Any], tmp_path: Path) -> Iterator[tuple[Any, Any]]:
    """jingban's window on the first, bangongshi's on the second: each its own worker, settings and change feed."""
    from ui.app.settings import Settings
    from ui.data.worker import DbWorker
    from ui.shell.main_window import MainWindow

    windows, workers = [], []
    for db, user in zip(two_databases, ("jingban", "bangongshi"), strict=True):
        worker = DbWorker(db)
        settings = Settings(QSettings(str(tmp_path / f"{user}.ini"), QSettings.Format.IniFormat))
        window = MainWindow(db, login(db, user), settings, worker)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda w=window: w.workbench.snapshot.at is not None, timeout=5000)
        windows.append(window)
        workers.append(worker)
    for window in windows:
        assert window.workbench.feed is not None and window.workbench.feed.running
    yield windows[0], windows[1]
    feeds = [window.workbench.feed for window in windows]
    for window in windows:
        if isValid(window):  # qtbot closes its widgets first
            window.close()
    for feed in feeds:
        assert feed is not None and not feed.running  # closing the window stopped its feed thread
    for worker in workers:
        qtbot.waitUntil(lambda w=worker: w.pending == 0, timeout=5000)
        worker.stop()


def _shared_open_incident(a: Any, b: Any) -> Any:
    """An open incident both windows hold, with duties on both dashboards."""
    mine = {r.id for r in a.workbench.snapshot.records}
    with_rows = {r.incident_id for r in b.workbench.snapshot.rows}
    return next(r for r in b.workbench.snapshot.records if r.id in mine and r.id in with_rows)


def _incident_texts(window: Any) -> list[str]:
    model = window.pages["dashboard"].model
    return [model.index(i, COL_INCIDENT).data() for i in range(model.rowCount())]


def test_a_change_in_one_window_reaches_the_other_within_two_seconds(
        qtbot: Any, two_windows: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = two_windows
    target = _shared_open_incident(a, b)
    others = {r.id: r for r in b.workbench.snapshot.records if r.id != target.id}
    other_rows = {r.key: r for r in b.workbench.snapshot.rows if r.incident_id != target.id}
    model = b.pages["dashboard"].model
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    full_reads: list[int] = []
    real = incidents.list_incidents
    monkeypatch.setattr(incidents, "list_incidents", lambda *args, **kw: full_reads.append(1) or real(*args, **kw))
    announced: list[int] = []
    b.workbench.incidentChanged.connect(announced.append)

    actor = a.workbench.actor
    a.workbench.write(lambda s: incidents.update_incident(s, actor, target.id, target.row_version,
                                                          {"title": "网点门口客户聚集（已更新）"}))
    qtbot.waitUntil(lambda: (r := b.workbench.record(target.id)) is not None
                    and r.title == "网点门口客户聚集（已更新）", timeout=2000)
    qtbot.waitUntil(lambda: any("网点门口客户聚集（已更新）" in t for t in _incident_texts(b)), timeout=1000)
    assert target.id in announced  # the incident page and its tabs read it again
    # Incremental: the other incidents and their dashboard rows are the very objects read before, the dashboard
    # was not reset, and the open set was not read again.
    after = {r.id: r for r in b.workbench.snapshot.records if r.id != target.id}
    assert after.keys() == others.keys() and all(after[i] is others[i] for i in others)
    now_rows = {r.key: r for r in b.workbench.snapshot.rows if r.incident_id != target.id}
    assert all(now_rows[k] is other_rows[k] for k in other_rows)
    assert not resets and not full_reads

    # A new incident: inserted into the other window's open set and its dashboard.
    occurred = now_utc() - timedelta(minutes=5)
    data = {"title": "客户在网点大厅聚集反映存单问题", "unit_id": target.unit_id, "occurred_at": occurred,
            "severity": "general", "source": "complaint"}
    created: list[Any] = []
    a.workbench.write(lambda s: incidents.create_incident(s, actor, data), created.append)
    qtbot.waitUntil(lambda: bool(created), timeout=2000)
    qtbot.waitUntil(lambda: b.workbench.record(created[0].id) is not None, timeout=2000)
    qtbot.waitUntil(lambda: any("客户在网点大厅聚集反映存单问题" in t for t in _incident_texts(b)), timeout=1000)
    assert not resets and not full_reads


def test_nothing_reloads_on_a_timer(qtbot: Any, two_windows: tuple[Any, Any]) -> None:
    _a, b = two_windows
    assert not b.workbench.findChildren(QTimer)  # the 30-second reload is gone
    qtbot.wait(600)  # let the loads' own echoes settle
    before = b.workbench.refreshes
    loads: list[int] = []
    b.workbench.loaded.connect(lambda: loads.append(1))
    qtbot.wait(2500)  # five polls of the change counter, or five listener rounds: nothing committed, nothing read
    assert b.workbench.refreshes == before and not loads


@pytest.mark.postgres
def test_the_listener_connects_again_after_a_dropped_connection(qtbot: Any, two_databases: tuple[Any, Any],
                                                                two_windows: tuple[Any, Any]) -> None:
    a, b = two_windows
    if not b.workbench.db.url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    feed = b.workbench.feed
    pid = feed.backend_pid
    assert pid is not None
    with a.workbench.db.engine.connect() as conn:  # the server ends the listener's session, as a network drop does
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        conn.commit()
    qtbot.waitUntil(lambda: feed.backend_pid not in (None, pid), timeout=8000)
    target = _shared_open_incident(a, b)
    actor = a.workbench.actor
    a.workbench.write(lambda s: incidents.update_incident(s, actor, target.id, target.row_version,
                                                          {"title": "重新连接后的修改"}))
    qtbot.waitUntil(lambda: (r := b.workbench.record(target.id)) is not None and r.title == "重新连接后的修改",
                    timeout=2000)


def test_a_change_by_another_process_reaches_the_window(qtbot: Any, two_databases: tuple[Any, Any],
                                                         two_windows: tuple[Any, Any]) -> None:
    """Another program on the same database (here a separate Python process, as `repdesk` commands are) closes
    nothing and edits one incident: the window hears of it within 2 seconds."""
    _a, b = two_windows
    target = next(r for r in b.workbench.snapshot.records if r.status == IncidentStatus.OPEN)
    script = (
        "import sys; from desktop.db.session import Database; from desktop.services import accounts, incidents\n"
        "db = Database(sys.argv[1])\n"
        "with db.session() as s: actor = accounts.authenticate(s, 'bangongshi', 'repdesk2026').actor()\n"
        "db.run(lambda s: incidents.update_incident(s, actor, int(sys.argv[2]), int(sys.argv[3]),"
        " {'title': '另一进程的修改'}))\n"
    )
    url = b.workbench.db.url
    subprocess.run([sys.executable, "-c", script, url, str(target.id), str(target.row_version)], check=True,
                   cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    qtbot.waitUntil(lambda: (r := b.workbench.record(target.id)) is not None and r.title == "另一进程的修改",
                    timeout=2000)
