"""Opening the window goes through the command line's parser: it must not import the subcommands' own modules."""

from __future__ import annotations

import subprocess
import sys

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
