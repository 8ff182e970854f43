"""Opening the window goes through the command line's parser: it must not import the subcommands' own modules."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.cli.main import _own_modules_unneeded


def test_only_the_subcommands_declared_in_main_skip_the_others_modules() -> None:
    skips = _own_modules_unneeded
    assert skips([]) and skips(["gui"]) and skips(["--user", "export"])
    assert skips(["--database-url", "sqlite:///x", "--user", "jingban"])
    assert skips(["report", "register"]) and skips(["--user", "jingban", "report", "written-report", "-h"])
    assert not skips(["export", "incidents"]) and not skips(["exchange"]) and not skips(["--user", "x", "exchange"])
    assert not skips(["-h"]) and not skips(["--help", "report"]) and not skips(["repot"])


def test_the_window_start_imports_no_subcommand_module() -> None:
    code = ("import sys; from desktop.cli.main import main; main(['--user', 'jingban']); "
            "print(sorted(m for m in sys.modules if m.startswith(('desktop.cli.', 'sqlalchemy', 'reportlab'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert out.stdout.strip() == "['desktop.cli.main']", out.stdout + out.stderr


def _signed_written_report(url: str) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        number = conn.execute(text(
            "SELECT i.number FROM document_versions v JOIN documents d ON d.id = v.document_id "
            "JOIN incidents i ON i.id = d.incident_id WHERE d.kind = 'written_report' AND v.state = 'sent' "
            "ORDER BY i.number LIMIT 1")).scalar_one()
    engine.dispose()
    return str(number)


# What a cold `repdesk report` of a signed document must not load (each costs the command tens of milliseconds):
# the subcommands declared in their own modules, the tables of the registers, prevention and exchange, pypdf (the
# signed code is read without it), Alembic (the schema is at head).
NOT_FOR_A_REPORT = ("desktop.cli.export", "desktop.cli.exchange", "desktop.exchange", "desktop.registers",
                    "desktop.db.register_tables", "desktop.db.prevention_tables", "desktop.db.exchange_tables",
                    "pypdf", "alembic")


def _loaded(code: str, env: dict[str, str] | None = None) -> list[str]:
    """Run `code` (which calls main) in a fresh interpreter; the modules of NOT_FOR_A_REPORT it left loaded."""
    report = ("import json, sys\nprint(json.dumps(sorted(m for m in sys.modules if m in NOT or "
              "m.startswith(tuple(n + '.' for n in NOT)))))")
    out = subprocess.run([sys.executable, "-c", f"NOT = {NOT_FOR_A_REPORT!r}\n{code}\n{report}"], capture_output=True,
                         text=True, timeout=120, check=False, env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


HELP = "from desktop.cli.main import main\ntry:\n    main({!r})\nexcept SystemExit:\n    pass"


def test_a_cold_report_loads_nothing_it_does_not_need(demo_db: Any, tmp_path: Path) -> None:
    import os

    out = tmp_path / "r.pdf"
    argv = ["--database-url", demo_db.url, "--user", "hangzhang", "report", "written-report",
            _signed_written_report(demo_db.url), "-o", str(out)]
    env = {**os.environ, "REPDESK_PASSWORD": "repdesk2026"}
    assert _loaded(f"from desktop.cli.main import main\nassert main({argv!r}) == 0", env) == []
    assert out.read_bytes().startswith(b"%PDF")
    # ... and verifying the print reads its code without pypdf too; the whole parser still has every command.
    verify = ["--database-url", demo_db.url, "verify", str(out)]
    assert "pypdf" not in _loaded(f"from desktop.cli.main import main\nassert main({verify!r}) == 0", env)
    assert _loaded(HELP.format(["report", "--help"])) == []
    whole = _loaded(HELP.format(["--help"]))
    assert "desktop.cli.export" in whole and "desktop.cli.exchange" in whole


def test_report_starts_with_the_collector_paused_and_leaves_it_as_it_found_it(
        demo_db: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli.main import main
    from desktop.services import accounts, printing

    url = demo_db.url
    number = _signed_written_report(url)
    monkeypatch.setenv("REPDESK_PASSWORD", "repdesk2026")
    out = tmp_path / "r.pdf"
    seen: list[bool] = []
    real = accounts.check_password

    def spy(password: str, stored: str) -> bool:
        seen.append(gc.isenabled())  # scrypt runs while the imports go on: the collector waits
        return real(password, stored)

    monkeypatch.setattr(accounts, "check_password", spy)
    building: list[tuple[bool, bool]] = []
    build = printing.build_document

    def spy_build(*a: Any) -> Any:
        # built with the collector on (its own garbage is collected) but the libraries loaded so far frozen
        building.append((gc.isenabled(), gc.get_freeze_count() > 0))
        return build(*a)

    monkeypatch.setattr(printing, "build_document", spy_build)
    assert gc.isenabled()
    assert main(["--database-url", url, "--user", "hangzhang", "report", "written-report", number, "-o", str(out)]) == 0
    assert seen == [False] and building == [(True, True)] and gc.isenabled() and gc.get_freeze_count() == 0
    assert "签发版本" in capsys.readouterr().out
    assert main(["--database-url", url, "verify", str(out)]) == 0  # the signed print is still the recognised one
    # A refusal (the file exists) and a wrong password leave it on too; a caller that turned it off keeps it off.
    assert main(["--database-url", url, "--user", "hangzhang", "report", "written-report", number, "-o", str(out)]) == 2
    assert gc.isenabled()
    monkeypatch.setenv("REPDESK_PASSWORD", "wrong")
    assert main(["--database-url", url, "--user", "hangzhang", "report", "written-report", number, "-o",
                 str(tmp_path / "x.pdf")]) == 2
    assert gc.isenabled() and not (tmp_path / "x.pdf").exists()
    monkeypatch.setenv("REPDESK_PASSWORD", "repdesk2026")
    gc.disable()
    try:
        assert main(["--database-url", url, "--user", "hangzhang", "report", "written-report", number, "-o",
                     str(out), "--force"]) == 0
        assert not gc.isenabled() and building[-1] == (False, False)
    finally:
        gc.enable()


def test_a_cache_load_pauses_the_collector_only_while_it_unpickles(tmp_path: Path) -> None:
    from desktop.reports import caches

    entry = tmp_path / "x.entry"
    caches.store(entry, "k", {"faces": [[1, 2]] * 3})
    assert caches.load(entry, "k") == {"faces": [[1, 2]] * 3} and gc.isenabled()
    gc.disable()
    try:
        assert caches.load(entry, "k") is not None and not gc.isenabled()
    finally:
        gc.enable()
    assert caches.load(entry, "other key") is None and gc.isenabled()
