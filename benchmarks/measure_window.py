"""The window's memory and live reloads on a large database: RSS after the first load, after N ticks of the clock,
and after M changes committed by another connection (each reaches the window through its change feed and an
incremental reload).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/measure_window.py --url sqlite:////tmp/h2.db

`measure_window(url)` returns the figures as a dict (benchmarks/bench_scale.py may call it); run as a script it
prints them, one `name=value` a line.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PASSWORD = "repdesk2026"  # the example accounts' (benchmarks/make_data.py builds them)


def rss_mb() -> float:
    """This process's resident set size, in MB (Linux /proc; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _wait(app: Any, done: Any, timeout: float = 120.0) -> float:
    start = time.perf_counter()
    while not done():
        app.processEvents()
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the window did not answer in time")
        time.sleep(0.002)
    return time.perf_counter() - start


def measure_window(url: str, username: str = "hangzhang", ticks: int = 1000, reloads: int = 20) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from desktop.db.models import Incident
    from desktop.db.session import Database
    from desktop.domain import IncidentStatus
    from desktop.services import accounts, incidents
    from ui.app.settings import Settings
    from ui.data.worker import DbWorker
    from ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    figures: dict[str, float] = {"rss_start_mb": rss_mb()}
    db = Database(url)
    with db.session() as s:
        account = accounts.authenticate(s, username, PASSWORD)
    # "Another program" commits the changes below. It lives in this process only because the benchmark hosts it,
    # so it is set up, and makes one change, before the window's memory is first read: its engine, compiled
    # statements and the rows it reads are not the window's growth (they were +17 MB at the first reload when
    # counted after the load, then flat over 40 reloads).
    other = Database(url)
    with other.read() as s:
        actor = accounts.get_account(s, account.id).actor()
        targets = list(s.execute(
            select(Incident.id, Incident.row_version, Incident.title).where(Incident.status == IncidentStatus.OPEN)
            .order_by(Incident.occurred_at.desc(), Incident.id.desc()).limit(reloads + 1)))

    def change(s: Any, t: Any, title: str) -> Any:
        return incidents.update_incident(s, actor, t.id, t.row_version, {"title": title})

    if targets:
        warm, targets = targets[0], targets[1:]
        other.run(lambda s: change(s, warm, f"{warm.title[:40]}（预热）"))
    worker = DbWorker(db)
    folder = tempfile.mkdtemp(prefix="repdesk-measure-")
    settings = Settings(QSettings(str(Path(folder) / "repdesk.ini"), QSettings.Format.IniFormat))
    started = time.perf_counter()
    window = MainWindow(db, account, settings, worker)
    window.show()
    _wait(app, lambda: window.workbench.snapshot.at is not None and worker.pending == 0)
    figures["load_s"] = time.perf_counter() - started
    figures["open_incidents"] = len(window.workbench.snapshot.records)
    figures["dashboard_rows"] = len(window.workbench.snapshot.rows)
    gc.collect()
    figures["rss_after_load_mb"] = rss_mb()

    started = time.perf_counter()
    for _ in range(ticks):
        window.tick()
        app.processEvents()
    figures["tick_ms"] = (time.perf_counter() - started) / max(ticks, 1) * 1000
    gc.collect()
    figures["rss_after_ticks_mb"] = rss_mb()

    # Changes committed by the other program on the same database: each reaches the window by its change feed.
    waits = []
    for n, target in enumerate(targets):
        title = f"{target.title[:40]}（第{n + 1}次修改）"
        def one(s: Any, t: Any = target, title: str = title) -> Any:
            return change(s, t, title)

        other.run(one)
        waits.append(_wait(app, lambda t=target, title=title: (r := window.workbench.record(t.id)) is not None
                           and r.title == title, timeout=30))
    _wait(app, lambda: worker.pending == 0)
    figures["reloads"] = len(waits)
    figures["change_to_window_s_max"] = max(waits, default=0.0)
    figures["change_to_window_s_mean"] = sum(waits) / len(waits) if waits else 0.0
    gc.collect()
    figures["rss_after_reloads_mb"] = rss_mb()
    window.close()
    worker.stop()
    other.dispose()
    db.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the database URL (filled by benchmarks/make_data.py)")
    parser.add_argument("--user", default="hangzhang", help="the account whose window is measured")
    parser.add_argument("--ticks", type=int, default=1000)
    parser.add_argument("--reloads", type=int, default=20)
    args = parser.parse_args()
    for name, value in measure_window(args.url, args.user, args.ticks, args.reloads).items():
        print(f"{name}={value:.3f}" if isinstance(value, float) else f"{name}={value}")


if __name__ == "__main__":
    main()
