"""Sending the document's own PDF to a printer: the bytes that were built, verified and recorded, not pictures of
its pages.

Qt hands a physical printer painted pages only, so a document printed through QPainter would be a raster copy of
the PDF. Where the system's spooler takes a PDF as it is (CUPS, on Linux and macOS: `lp`), the PDF goes there
unchanged and the printer's own driver renders it at its own resolution. Windows has no spooler command that
accepts a PDF from any printer driver; there (or with no `lp` installed) the preview paints the pages instead.
No Qt here: the preview turns the print dialog's choices into the arguments.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# How commands are run; the tests put a fake in its place.
RUNNER: Callable[..., subprocess.CompletedProcess[Any]] = subprocess.run
TIMEOUT_SECONDS = 60  # `lp` returns once the spooler has the file, in well under a second


class SpoolError(Exception):
    """The spooler refused the file; `message` is what it said."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def spooler() -> str | None:
    """The `lp` command where the system spools a PDF itself, or None (Windows, or CUPS' client not installed)."""
    if sys.platform == "win32":
        return None
    return shutil.which("lp")


@dataclass(frozen=True)
class LpJob:
    """One `lp` submission: the printer by its system name ("" for the default), the job's title, copies, an
    optional page range (first, last, counted from 1) and the sides ("one-sided", "two-sided-long-edge", ...)."""

    lp: str
    printer: str = ""
    title: str = ""
    copies: int = 1
    pages: tuple[int, int] | None = None
    sides: str = ""

    def command(self) -> list[str]:
        """The argument list, run without a shell: the names are arguments, never parsed as commands."""
        cmd = [self.lp]
        if self.printer:
            cmd += ["-d", self.printer]
        cmd += ["-t", self.title or "RepDesk", "-n", str(max(1, self.copies))]
        if self.pages is not None:
            cmd += ["-P", f"{self.pages[0]}-{self.pages[1]}"]
        if self.sides:
            cmd += ["-o", f"sides={self.sides}"]
        return cmd  # no file: `lp` reads the PDF from its standard input

    def submit(self, pdf: bytes) -> str:
        """Give the PDF to the spooler; returns what it answered (the request id). Raises SpoolError."""
        try:
            done = RUNNER(self.command(), input=pdf, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            raise SpoolError(str(exc)) from exc
        answer = _text(done.stdout)
        if done.returncode != 0:
            raise SpoolError(_text(done.stderr) or answer or f"lp exited with {done.returncode}")
        return answer


def _text(data: bytes | str | None) -> str:
    if data is None:
        return ""
    if isinstance(data, bytes):
        data = data.decode("utf-8", "replace")
    return data.strip()
