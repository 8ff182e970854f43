"""Hearing of changes committed elsewhere (another window, another user, a command), within a second.

`ChangeFeed.changed` fires after some other connection committed a write; the Workbench then reads what changed.
It says only "something changed", never what: the audit log says what (an incremental reload), so a missed or
doubled signal costs one cheap query, never a wrong view.

- PostgreSQL: every writing transaction sends NOTIFY on `CHANGE_CHANNEL` (desktop.db.session.take_write_lock),
  which the server delivers at commit; the feed LISTENs on its own connection, in its own thread, and connects
  again after a dropped connection (announcing a change then: it may have missed one while away).
- SQLite: `PRAGMA data_version` on a dedicated connection changes whenever another connection, in this process
  or any other, committed to the file; reading it is a few microseconds, whatever the database holds.

The watching thread is a plain Python thread that only emits a Qt signal (delivered queued to the UI thread);
`stop()` ends it within one poll interval, at logout and at quit.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.db.session import CHANGE_CHANNEL, Database, _sqlite_file

log = logging.getLogger("repdesk.ui.live")

READY_SECONDS = 3.0  # at most this long at start for the baseline (a PostgreSQL connection attempt)
POLL_SECONDS = 0.5  # SQLite polling, and how often the PostgreSQL listener looks at its stop flag
KEEPALIVE_SECONDS = 10.0  # an idle listener asks the server something this often: a dead link shows up
RETRY_SECONDS = 1.0  # after a failed (re)connection, the first wait; doubles up to RETRY_MAX
RETRY_MAX = 10.0


class ChangeFeed(QObject):
    """`changed` after a commit by any other connection to the database; `start()` / `stop()`."""

    changed = Signal()
    connectedChanged = Signal(bool)  # the listener has (True) or lost (False) its connection

    def __init__(self, target: str | Path, parent: QObject | None = None, *, interval: float = POLL_SECONDS) -> None:
        super().__init__(parent)
        self._target = target  # a libpq URL (PostgreSQL) or an SQLite file
        self.interval = interval
        self._stop = threading.Event()
        # Set once the watch has its baseline (SQLite's first data version, PostgreSQL's LISTEN) or has failed to get
        # one: start() waits for it, so a commit made right after the window's first read is never taken as the
        # baseline and missed.
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self.backend_pid: int | None = None  # the PostgreSQL listener's server process (tests end it on purpose)

    @classmethod
    def for_database(cls, db: Database, parent: QObject | None = None) -> ChangeFeed | None:
        """The feed for this database, or None where no other connection can write (an in-memory database)."""
        url = db.engine.url
        if url.get_backend_name() == "postgresql":
            return cls(url.set(drivername="postgresql").render_as_string(hide_password=False), parent)
        if url.get_backend_name() == "sqlite":
            path = _sqlite_file(str(url))
            return cls(path, parent) if path is not None else None
        return None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._ready.clear()
        watch = self._watch_sqlite if isinstance(self._target, Path) else self._watch_postgres
        self._thread = threading.Thread(target=watch, name="repdesk-live", daemon=True)
        self._thread.start()
        self._ready.wait(READY_SECONDS)

    def stop(self) -> None:
        """End the watching thread and wait for it (at most a poll interval, or a connection attempt)."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=10)

    def _emit(self, signal: Any, *args: Any) -> None:
        if self._stop.is_set():
            return
        with contextlib.suppress(RuntimeError):  # the feed's QObject is being deleted: nobody listens any more
            signal.emit(*args)

    # --- SQLite ----------------------------------------------------------------------------------------------

    def _watch_sqlite(self) -> None:
        path = self._target
        conn: sqlite3.Connection | None = None
        last: int | None = None
        try:
            while True:  # look first, then wait: the first look is the baseline start() waits for
                try:
                    if conn is None:
                        conn = sqlite3.connect(str(path), timeout=1.0, check_same_thread=False)
                    version = int(conn.execute("PRAGMA data_version").fetchone()[0])
                except sqlite3.Error as exc:
                    log.warning("change watch on %s failed: %s", path, exc)
                    if conn is not None:
                        conn.close()
                    conn, version = None, None
                    if last is not None:
                        self._emit(self.changed)  # something may have been committed meanwhile
                if version is not None and last is not None and version != last:
                    self._emit(self.changed)
                last = version
                self._ready.set()
                if self._stop.wait(self.interval):
                    break
        finally:
            if conn is not None:
                conn.close()

    # --- PostgreSQL ------------------------------------------------------------------------------------------

    def _watch_postgres(self) -> None:
        import psycopg  # here: an SQLite installation never loads the PostgreSQL driver

        conn: Any = None
        retry = RETRY_SECONDS
        connected_once = False
        idle = 0.0
        try:
            while not self._stop.is_set():
                try:
                    if conn is None:
                        conn = psycopg.connect(str(self._target), autocommit=True, connect_timeout=5)
                        conn.execute(f"LISTEN {CHANGE_CHANNEL}")
                        self._ready.set()
                        self.backend_pid = conn.info.backend_pid
                        self._emit(self.connectedChanged, True)
                        if connected_once:  # changes committed while the link was down were not heard
                            self._emit(self.changed)
                        connected_once, retry, idle = True, RETRY_SECONDS, 0.0
                    heard = False
                    for _note in conn.notifies(timeout=self.interval, stop_after=1):
                        heard = True
                    if heard:
                        idle = 0.0
                        self._emit(self.changed)
                        continue
                    idle += self.interval
                    if idle >= KEEPALIVE_SECONDS:
                        idle = 0.0
                        conn.execute("SELECT 1")
                except psycopg.Error as exc:
                    log.warning("change listener lost its connection: %s", exc)
                    if conn is not None:
                        with contextlib.suppress(psycopg.Error):
                            conn.close()
                    conn = None
                    self.backend_pid = None
                    self._ready.set()  # no baseline to wait for: the window goes on, the listener keeps trying
                    self._emit(self.connectedChanged, False)
                    self._stop.wait(retry)
                    retry = min(RETRY_MAX, retry * 2)
        finally:
            if conn is not None:
                with contextlib.suppress(psycopg.Error):
                    conn.close()
