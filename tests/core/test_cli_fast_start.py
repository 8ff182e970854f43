"""Opening the window goes through the command line's parser: it must not import the subcommands' own modules."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.cli.main import _window_only


def test_only_a_window_start_skips_the_subcommands_modules() -> None:
    assert _window_only([]) and _window_only(["gui"]) and _window_only(["--user", "export"])
    assert _window_only(["--database-url", "sqlite:///x", "--user", "jingban"])
    assert not _window_only(["export", "incidents"]) and not _window_only(["exchange"])
    assert not _window_only(["-h"]) and not _window_only(["report", "register"])


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
