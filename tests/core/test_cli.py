"""The headless command line: demo, incidents, audit verify, and no Qt at start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.cli.main import main


def _run(*args: str, env_db: str | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "desktop", *args]
    return subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=60, cwd=Path(__file__).parents[2])


def test_headless_commands_never_import_qt_or_the_database_for_deadlines() -> None:
    code = (
        "import sys, io; sys.stdin = io.StringIO('{\"occurred_at\": \"2026-03-02T09:15:00+08:00\", "
        "\"location\": \"same_city\", \"severity\": \"general\", \"now\": \"2026-03-02T10:00:00+08:00\"}');"
        "from ui.app.launch import main; rc = main(['deadlines', '-']);"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy', 'reportlab') or m == 'ui.app.start'];"
        "print(rc, bad, file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60)
    assert out.stderr.strip().endswith("0 []")


def test_demo_then_incidents_lists_number_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert main(["--database-url", url, "demo"]) == 0
    capsys.readouterr()
    assert main(["--database-url", url, "incidents"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 4  # every demo incident, the closed one included
    for line in lines:
        number, title, unit, severity, due = line.split("\t")
        assert number.startswith("SY") and title and unit and severity in ("一般", "重大") and due
    assert sum(line.endswith("已结束") for line in lines) == 1
    assert main(["--database-url", url, "incidents", "--open"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3
    # a second demo on the same database is refused, --reset rebuilds it
    assert main(["--database-url", url, "demo"]) == 2
    assert main(["--database-url", url, "demo", "--reset"]) == 0


def test_database_url_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REPDESK_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite3'}")
    assert main(["demo"]) == 0
    assert (tmp_path / "env.sqlite3").exists()


def test_audit_verify_passes_then_names_the_tampered_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.db.session import Database

    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    assert main(["--database-url", url, "demo"]) == 0
    assert main(["--database-url", url, "audit", "verify"]) == 0
    db = Database(url)
    with db.session() as s:  # behind the program's back
        s.execute(text("UPDATE audit_log SET after = replace(after, '网点', '总行') WHERE id = "
                       "(SELECT min(id) FROM audit_log WHERE after LIKE '%网点%')"))
        broken = s.execute(text("SELECT min(id) FROM audit_log WHERE after LIKE '%总行%' AND action != 'unit.create'"
                                )).scalar()
    db.dispose()
    capsys.readouterr()
    assert main(["--database-url", url, "audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert f"第 {broken} 条" in err


def test_audit_verify_notices_a_deleted_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.db.session import Database

    url = f"sqlite:///{tmp_path / 'b.sqlite3'}"
    assert main(["--database-url", url, "demo"]) == 0
    db = Database(url)
    with db.session() as s:
        s.execute(text("DELETE FROM audit_log WHERE id = 5"))
    db.dispose()
    assert main(["--database-url", url, "audit", "verify"]) == 1
    assert "第 6 条" in capsys.readouterr().err


def test_version_and_help() -> None:
    out = _run("--version")
    assert out.returncode == 0 and out.stdout.startswith("repdesk ")
    out = _run("--help")
    assert out.returncode == 0 and "deadlines" in out.stdout and "incidents" in out.stdout
