"""All database work off the UI thread: one QThread, one serialised queue, results and errors by signal.

The runner lives in the worker thread and handles requests one at a time in the order they were queued
(a queued connection is the queue). Callbacks run back in the UI thread; no widget is touched from the worker.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from shiboken6 import isValid
from sqlalchemy.orm import Session

from desktop.db.session import Database
from desktop.errors import RepDeskError

log = logging.getLogger("repdesk.ui.worker")
Job = Callable[[Session], Any]
OnResult = Callable[[Any], None]
OnError = Callable[[BaseException], None]


def alive(callback: Callable[..., None] | None) -> Callable[..., None] | None:
    """A callback bound to a widget that was closed and deleted meanwhile is dropped, not called."""
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, QObject) and not isValid(owner):
        return None
    return callback


class _Runner(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, db: Database) -> None:
        super().__init__()
        self._db = db

    @Slot(int, object, bool)
    def run(self, token: int, job: Job, write: bool) -> None:
        try:
            if write:
                # Run again when it lost a race for a lock: a job is database work only, rolled back whole.
                result = self._db.run(job)
            else:
                with self._db.read() as session:
                    result = job(session)
        except RepDeskError as exc:
            self.failed.emit(token, exc)
        except Exception as exc:  # reported to the UI thread, which logs it
            log.exception("database job failed")
            self.failed.emit(token, exc)
        else:
            self.done.emit(token, result)


class DbWorker(QObject):
    """`submit(job, on_result, on_error)`: `job(session)` runs in the worker, the callbacks in the UI thread."""

    _request = Signal(int, object, bool)
    busyChanged = Signal(bool)
    idle = Signal()
    error = Signal(object)  # an error no caller handled

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._thread = QThread()
        self._thread.setObjectName("repdesk-db")
        self._runner = _Runner(db)
        self._runner.moveToThread(self._thread)
        self._request.connect(self._runner.run)
        self._runner.done.connect(self._on_done)
        self._runner.failed.connect(self._on_failed)
        self._pending: dict[int, tuple[OnResult | None, OnError | None]] = {}
        self._tokens = itertools.count(1)
        self._thread.start()

    @property
    def pending(self) -> int:
        return len(self._pending)

    def submit(self, job: Job, on_result: OnResult | None = None, on_error: OnError | None = None,
               *, write: bool = True) -> int:
        token = next(self._tokens)
        self._pending[token] = (on_result, on_error)
        if len(self._pending) == 1:
            self.busyChanged.emit(True)
        self._request.emit(token, job, write)
        return token

    def _finish(self, token: int) -> tuple[OnResult | None, OnError | None]:
        on_result, on_error = self._pending.pop(token, (None, None))
        return alive(on_result), alive(on_error)

    def _after(self) -> None:
        if not self._pending:
            self.busyChanged.emit(False)
            self.idle.emit()

    @Slot(int, object)
    def _on_done(self, token: int, result: Any) -> None:
        on_result, _ = self._finish(token)
        try:
            if on_result is not None:
                on_result(result)
        finally:
            self._after()

    @Slot(int, object)
    def _on_failed(self, token: int, exc: BaseException) -> None:
        _, on_error = self._finish(token)
        try:
            if on_error is not None:
                on_error(exc)
            else:
                self.error.emit(exc)
        finally:
            self._after()

    def stop(self) -> None:
        self._thread.quit()
        self._thread.wait(5000)
