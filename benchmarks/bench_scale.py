"""The scale benchmark (issue 13): SQLite and PostgreSQL side by side at several history sizes, in one run.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000,10000,100000] [--pg-url URL | --no-pg] [--runs 5]

For each size and database it builds the data (benchmarks/make_data.py: the example organisation and accounts,
10 % of the incidents open), then measures, each in a process of its own:

- the log-in dialog drawn (process start to its first paint) against a bare PySide6 window started the same way;
- the dashboard filled after the password is accepted (the real start: `ui.app.start.run`, the dialog filled in);
- opening an incident (an open one, from the window's snapshot; a closed one, read on demand) and the preview of a
  document version, in the window, with printing prepared as the start prepares it while the password is typed;
- the first page of the incident list, its count, and a search (the core functions the list and search call);
- one countdown tick, and the window's RSS after loading, after 1,000 ticks and after 20 changes committed by
  another connection (benchmarks/measure_window.py);
- a cold `repdesk report` (a fresh process) against a cold `python -c "import reportlab"`;
- the register for a year, its time and peak memory (a fresh process).

Column "example" is the example data (`repdesk demo`) on SQLite. Prints a Markdown table: each figure, the target
and whether it is met. PostgreSQL gets a scratch database per size (dropped at the end); SQLite a temporary file.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
PASSWORD = "repdesk2026"
WINDOW_USER = "hangzhang"  # sees every incident: the largest dashboard and list
REPORT_USER = "bangongshi"  # the branch office: prints every incident's documents and the register
DEFAULT_PG = "postgresql://repdesk:repdesk@127.0.0.1:5432/postgres"
YEAR = "2025"  # a whole year inside make_data.py's three years of history

BARE = """
import os, time
from PySide6.QtWidgets import QApplication, QWidget
class W(QWidget):
    def paintEvent(self, event):
        print(time.time(), flush=True)
        os._exit(0)
app = QApplication([])
w = W()
w.resize(400, 200)
w.show()
app.exec()
"""

LOGIN_PAINT = """
import os, sys, time
sys.path.insert(0, {root!r})
from ui.auth import login
def paint(self, event):
    print(time.time(), flush=True)
    os._exit(0)
login.LoginDialog.paintEvent = paint
from ui.app.launch import main
main(["--database-url", {url!r}])
"""


# --- child processes: each prints one JSON line --------------------------------------------------------------------


def child_login(url: str) -> dict[str, float]:
    """The real start on `url`: the dialog is filled in once the database is open; from the password accepted
    (the window is being made) to the dashboard filled."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import start
    from ui.auth.login import LoginDialog

    marks: dict[str, float] = {}
    controllers: list[Any] = []
    original_start, original_open = start.AppController.start, start.AppController.open_window

    def started(self: Any, *args: Any, **kwargs: Any) -> None:
        controllers.append(self)
        original_start(self, *args, **kwargs)

    def opened(self: Any, account: Any) -> None:
        marks["accepted"] = time.perf_counter()
        original_open(self, account)
        workbench = self.window.workbench

        def filled() -> None:
            QApplication.processEvents()  # the dashboard takes the rows and paints
            marks["filled"] = time.perf_counter()
            print(json.dumps({"accepted_to_filled_s": marks["filled"] - marks["accepted"],
                              "submit_to_filled_s": marks["filled"] - marks["submit"],
                              "open_incidents": len(workbench.snapshot.records)}), flush=True)
            os._exit(0)

        if workbench.snapshot.at is not None:
            filled()
        workbench.loaded.connect(filled)

    def drive() -> None:
        dialog = controllers[0].dialog if controllers else None
        booting = controllers and controllers[0]._boot is not None and controllers[0]._boot.runner.is_alive()
        # Typed once the start has prepared the window and printing behind the dialog and read the open
        # incidents ahead (ui.data.workbench.Preload; a person types for longer than that): what is measured is
        # the window after the password, not the preparation. `submit_to_filled_s` includes the password check.
        if isinstance(dialog, LoginDialog) and dialog.worker is not None and not booting and "submit" not in marks:
            dialog.username.setText(WINDOW_USER)
            dialog.password.setText(PASSWORD)
            marks["submit"] = time.perf_counter()
            dialog.submit()
            return
        QTimer.singleShot(5, drive)

    start.AppController.start = started  # type: ignore[method-assign]
    start.AppController.open_window = opened  # type: ignore[method-assign]
    QTimer.singleShot(0, drive)
    start.run(url)
    return {}


def _wait(app: Any, done: Callable[[], object], timeout: float = 300.0) -> float:
    started = time.perf_counter()
    while not done():
        app.processEvents()
        if time.perf_counter() - started > timeout:
            raise TimeoutError("no answer in time")
        time.sleep(0.001)
    return time.perf_counter() - started


def child_window(url: str) -> dict[str, Any]:
    """Opening an incident and previewing a document in a window on `url`."""
    from PySide6.QtCore import QSettings
    from sqlalchemy import text

    from desktop.db.session import Database
    from desktop.reports.blocks import title_words
    from desktop.reports.fonts import font_set
    from desktop.services import accounts
    from ui.app import start, theme
    from ui.app.settings import Settings
    from ui.data.worker import DbWorker
    from ui.printing.preview import show_version_preview
    from ui.shell.main_window import MainWindow

    app = start.make_application()
    theme.apply(app)
    db = Database(url)
    with db.session() as s:
        account = accounts.authenticate(s, WINDOW_USER, PASSWORD)
        closed = s.execute(text("SELECT id, number FROM incidents WHERE status = 'closed' ORDER BY id LIMIT 1")).one()
        version = s.execute(text("SELECT max(id) FROM document_versions")).scalar()
    font_set()  # as ui.app.start prepares printing behind the log-in dialog
    title_words("声誉风险事件报告")
    worker = DbWorker(db)
    folder = tempfile.mkdtemp(prefix="repdesk-bench-")
    window = MainWindow(db, account, Settings(QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat)),
                        worker)
    window.prepare_incident_page()  # as ui.app.start does
    window.show()
    _wait(app, lambda: window.workbench.snapshot.at is not None and worker.pending == 0)
    _wait(app, lambda: window._incident_page is not None)
    # As the real start leaves it (ui.data.workbench.Preload): the open set read ahead of the log-in is frozen out of
    # the cyclic collector's sight. Built directly, as here, a window's later full collections walk the whole
    # open set (0.2-0.3 s at 10,000 open incidents, at random moments such as opening an incident).
    gc.collect()
    gc.freeze()
    out: dict[str, Any] = {}
    record = window.workbench.snapshot.records[0] if window.workbench.snapshot.records else None
    targets: list[tuple[str, int, str]] = [("open_closed_incident_s", closed[0], closed[1])]
    if record is not None:
        targets.insert(0, ("open_incident_s", record.id, record.number))
    for key, incident_id, number in targets:
        started = time.perf_counter()
        window.open_incident(incident_id)

        def shown(n: str = number) -> bool:
            return bool(window.incident_page.title.text().startswith(n))

        _wait(app, shown)
        out[key] = time.perf_counter() - started
        window.go_back()
        _wait(app, lambda: bool(worker.pending == 0))
    if version is not None:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            dialog = show_version_preview(window, window.workbench, version)
            done: list[bool] = []
            dialog.ready.connect(lambda d=done: d.append(True))
            dialog.failed.connect(lambda _m, d=done: d.append(False))
            _wait(app, done.__len__)
            dialog.view.viewport().repaint()  # the first page drawn
            times.append(time.perf_counter() - started)
            ok = done[0]
            dialog.close()
            _wait(app, lambda: worker.pending == 0)
        if ok:  # a preview refused (the data cannot be printed) shows its refusal fast: no figure
            out["preview_first_s"], out["preview_s"] = times[0], statistics.median(times[1:])
        out["preview_ok"] = ok
    print(json.dumps(out), flush=True)
    os._exit(0)


def child_core(url: str) -> dict[str, Any]:
    """The list's first page and count, and a search, as the window's worker calls them (a fresh process)."""
    from desktop.db.session import Database
    from desktop.services import accounts, incidents

    db = Database(url)
    with db.session() as s:
        actor = accounts.authenticate(s, WINDOW_USER, PASSWORD).actor()
    out: dict[str, Any] = {}

    def timed(name: str, job: Callable[[Any], Any]) -> Any:
        runs, result = [], None
        for _ in range(5):
            started = time.perf_counter()
            with db.read() as s:
                result = job(s)
            runs.append(time.perf_counter() - started)
        out[name + "_first_s"], out[name + "_s"] = runs[0], statistics.median(runs[1:])
        return result

    rows = timed("list_page", lambda s: incidents.page_incidents(s, actor, limit=200))
    out["list_rows"] = len(rows)
    out["list_count"] = timed("list_count", lambda s: incidents.count_incidents(s, actor))
    found = timed("search", lambda s: incidents.search_incidents(s, actor, "理财", 20))
    out["search_hits"] = len(found.hits)
    number = rows[-1].number if rows else ""
    timed("search_number", lambda s: incidents.search_incidents(s, actor, number, 20))
    with db.read() as s:
        from sqlalchemy import text

        out["report_incident"] = s.execute(text(
            "SELECT i.number FROM incidents i JOIN documents d ON d.incident_id = i.id "
            "WHERE d.kind = 'written_report' ORDER BY i.id DESC LIMIT 1")).scalar()
        from desktop import demo

        # On the example data: the remote incident just reported, whose number follows the example's closed year.
        out["example_incident"] = s.execute(text("SELECT number FROM incidents WHERE title = :t"),
                                            {"t": demo.TITLES["just_reported"]}).scalar()
    print(json.dumps(out), flush=True)
    os._exit(0)


def child_window_memory(url: str) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from measure_window import measure_window

    print(json.dumps(measure_window(url, WINDOW_USER, 1000, 20)), flush=True)
    os._exit(0)


RUN_CLI = """
import resource, sys, time
sys.path.insert(0, {root!r})
from desktop.cli.main import main
code = main({argv!r})
print("MAXRSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "CODE", code, file=sys.stderr)
"""


# --- the parent --------------------------------------------------------------------------------------------------


def _child(mode: str, url: str, env: dict[str, str], timeout: float = 900) -> dict[str, Any]:
    out = subprocess.run([PY, __file__, "--child", mode, "--url", url], env=env, capture_output=True, text=True,
                         timeout=timeout, check=False, cwd=ROOT)
    for line in reversed(out.stdout.splitlines()):
        if line.startswith("{"):
            return dict(json.loads(line))
    print(f"  [{mode}] failed: {out.stderr.strip().splitlines()[-3:]}", file=sys.stderr)
    return {}


def _wall(args: list[str], env: dict[str, str], timeout: float = 900) -> tuple[float, str]:
    started = time.time()
    out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout, check=False, cwd=ROOT)
    return time.time() - started, out.stdout + out.stderr


def _paint(script: str, env: dict[str, str]) -> float:
    started = time.time()
    out = subprocess.run([PY, "-c", script], env=env, capture_output=True, text=True, timeout=120, check=False)
    return float(out.stdout.strip().splitlines()[-1]) - started


def measure(url: str, env: dict[str, str], runs: int, example: bool = False) -> dict[str, Any]:
    fig: dict[str, Any] = {}
    bare, login = [], []
    for _ in range(runs):  # interleaved: the machine's load falls on both alike
        bare.append(_paint(BARE, env))
        login.append(_paint(LOGIN_PAINT.format(root=str(ROOT), url=url), env))
    fig["bare_paint_s"], fig["login_paint_s"] = statistics.median(bare), statistics.median(login)
    fig["login_ratio"] = fig["login_paint_s"] / fig["bare_paint_s"]
    dash = [_child("login", url, env).get("accepted_to_filled_s") for _ in range(3)]
    fig["dashboard_s"] = statistics.median([d for d in dash if d is not None] or [float("nan")])
    fig.update(_child("window", url, env))
    core = _child("core", url, env)
    fig.update(core)
    number = core.get("example_incident") if example else core.get("report_incident")
    user = "jingban" if example else REPORT_USER
    report_env = dict(env, REPDESK_PASSWORD=PASSWORD)
    with tempfile.TemporaryDirectory() as tmp:
        if number:
            argv = ["--database-url", url, "--user", user, "report", "written-report", number, "-o",
                    f"{tmp}/r.pdf", "--force"]
            _wall([PY, "-m", "desktop", *argv], report_env)  # the first run fills the caches (fonts, words)
            times = [_wall([PY, "-m", "desktop", *argv], report_env)[0] for _ in range(runs)]
            fig["report_s"] = statistics.median(times)
        fig["reportlab_s"] = statistics.median(_wall([PY, "-c", "import reportlab"], env)[0] for _ in range(runs))
        if not example:
            argv = ["--database-url", url, "--user", REPORT_USER, "report", "register", "--from", f"{YEAR}-01-01",
                    "--to", f"{YEAR}-12-31", "-o", f"{tmp}/register.pdf", "--force"]
            seconds, text = _wall([PY, "-c", RUN_CLI.format(root=str(ROOT), argv=argv)], report_env, timeout=1800)
            fig["register_s"] = seconds
            words = text.split()
            if "MAXRSS" in words:
                fig["register_rss_mb"] = int(words[words.index("MAXRSS") + 1]) / 1024
                fig["register_ok"] = words[words.index("CODE") + 1] == "0"
    if not example:
        fig.update(_child("memory", url, env, timeout=600))
    return fig


# (label, figure key, target text, test, format)
ROWS: list[tuple[str, str, str, Callable[[Any, dict[str, Any]], bool] | None, str]] = [
    ("log-in dialog drawn (bare window)", "login_paint_s", "≤ 1.5 × bare",
     lambda v, f: v <= 1.5 * f["bare_paint_s"], "{:.2f} s ({bare_paint_s:.2f})"),
    ("password accepted → dashboard filled", "dashboard_s", "≤ 0.5 s", lambda v, f: v <= 0.5, "{:.2f} s"),
    ("open an open incident", "open_incident_s", "≤ 0.3 s", lambda v, f: v <= 0.3, "{:.3f} s"),
    ("open a closed incident (read on demand)", "open_closed_incident_s", "≤ 0.3 s", lambda v, f: v <= 0.3,
     "{:.3f} s"),
    ("document preview (first / again)", "preview_first_s", "≤ 0.15 s", lambda v, f: v <= 0.15,
     "{:.2f} / {preview_s:.2f} s"),
    ("incident list, first page (200 rows)", "list_page_s", "≤ 0.1 s", lambda v, f: v <= 0.1, "{:.3f} s"),
    ("incident list, count", "list_count_s", "≤ 0.1 s", lambda v, f: v <= 0.1, "{:.3f} s"),
    ("search (a word / a number)", "search_s", "≤ 0.1 s",
     lambda v, f: v <= 0.1 and f.get("search_number_s", 9) <= 0.1, "{:.3f} / {search_number_s:.3f} s"),
    ("one countdown tick", "tick_ms", "≤ 5 ms", lambda v, f: v <= 5, "{:.2f} ms"),
    ("window RSS after load", "rss_after_load_mb", "< 250 MB", lambda v, f: v < 250, "{:.0f} MB"),
    ("… after 1,000 ticks / 20 reloads", "rss_after_reloads_mb", "no growth (≤ +10 MB)",
     lambda v, f: max(v, f.get("rss_after_ticks_mb", 0)) - f["rss_after_load_mb"] <= 10,
     "{rss_after_ticks_mb:.0f} / {:.0f} MB"),
    ("a change from another connection reaches the window", "change_to_window_s_max", "≤ 2 s",
     lambda v, f: v <= 2, "{:.2f} s"),
    ("cold `repdesk report` (cold `import reportlab`)", "report_s", "≤ 0.35 s", lambda v, f: v <= 0.35,
     "{:.2f} s ({reportlab_s:.2f})"),
    ("register for a year: time", "register_s", "—", None, "{:.1f} s"),
    ("register for a year: peak RSS", "register_rss_mb", "flat (< 250 MB)", lambda v, f: v < 250, "{:.0f} MB"),
]


def cell(fig: dict[str, Any], key: str, test: Callable[[Any, dict[str, Any]], bool] | None, fmt: str) -> str:
    value = fig.get(key)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    try:
        text = fmt.format(value, **fig)
    except (KeyError, ValueError):
        text = f"{value:.3g}"
    if test is None:
        return text
    try:
        return f"{text} {'✓' if test(value, fig) else '✗'}"
    except (KeyError, TypeError):
        return text


def table(columns: list[tuple[str, dict[str, Any]]]) -> str:
    head = "| measure | target | " + " | ".join(name for name, _ in columns) + " |"
    lines = [head, "|" + "---|" * (len(columns) + 2)]
    for label, key, target, test, fmt in ROWS:
        lines.append(f"| {label} | {target} | " + " | ".join(cell(f, key, test, fmt) for _, f in columns) + " |")
    return "\n".join(lines)


def _scratch_pg(base: str, name: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        c.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def _drop_pg(base: str, name: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with engine.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="incident counts, comma-separated")
    parser.add_argument("--pg-url", default=os.environ.get("REPDESK_TEST_POSTGRES_URL") or DEFAULT_PG,
                        help="a PostgreSQL server's URL; scratch databases are made beside its database")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--no-example", action="store_true", help="skip the example data's column")
    parser.add_argument("--runs", type=int, default=5, help="runs per cold-start figure (the median is shown)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        {"login": child_login, "window": child_window, "core": child_core,
         "memory": child_window_memory}[args.child](args.url)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = Path(tempfile.mkdtemp(prefix="repdesk-scale-"))
    base_env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                    REPDESK_NO_DIALOGS="1", REPDESK_LOG_DIR=str(work / "log"), XDG_CONFIG_HOME=str(work / "config"),
                    REPDESK_CACHE_DIR=str(work / "cache"), REPDESK_DATA_DIR=str(work / "data"))
    for name in ("REPDESK_PASSWORD", "REPDESK_USER", "REPDESK_DATABASE_URL", "PYTHONDONTWRITEBYTECODE"):
        base_env.pop(name, None)
    # An installed program starts from compiled bytecode (pip and PyInstaller write it): so do these runs.
    subprocess.run([PY, "-m", "compileall", "-q", "desktop", "ui", "benchmarks"], cwd=ROOT, check=True,
                   capture_output=True)
    columns: list[tuple[str, dict[str, Any]]] = []
    if not args.no_example:
        env = dict(base_env, REPDESK_KEY_DIR=str(work / "keys-example"))
        url = f"sqlite:///{work / 'example.sqlite3'}"
        subprocess.run([PY, "-m", "desktop", "--database-url", url, "demo"], env=env, cwd=ROOT, check=True,
                       capture_output=True)
        print("example data …", file=sys.stderr, flush=True)
        fig = measure(url, env, args.runs, example=True)
        columns.append(("example (SQLite)", fig))
        print(json.dumps({"column": "example", **fig}, ensure_ascii=False), file=sys.stderr, flush=True)
    databases = [("SQLite", None)] + ([] if args.no_pg else [("PostgreSQL", args.pg_url)])
    for n in sizes:
        for label, pg in databases:
            name = f"repdesk_scale_{n}"
            url = _scratch_pg(pg, name) if pg else f"sqlite:///{work / (name + '.sqlite3')}"
            env = dict(base_env, REPDESK_KEY_DIR=str(work / f"keys-{label}-{n}"))
            print(f"{label} {n:,}: building …", file=sys.stderr, flush=True)
            seconds, text = _wall([PY, "benchmarks/make_data.py", "--incidents", str(n), "--url", url], env,
                                  timeout=3600)
            print(f"  built in {seconds:.0f} s: {text.strip().splitlines()[-1] if text.strip() else ''}",
                  file=sys.stderr, flush=True)
            print(f"{label} {n:,}: measuring …", file=sys.stderr, flush=True)
            fig = measure(url, env, args.runs)
            fig["build_s"] = seconds
            columns.append((f"{label} {n:,}", fig))
            print(json.dumps({"column": f"{label} {n:,}", **fig}, ensure_ascii=False), file=sys.stderr, flush=True)
            if pg:
                _drop_pg(pg, name)
    print(table(columns))


if __name__ == "__main__":
    main()
