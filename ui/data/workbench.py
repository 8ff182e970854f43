"""The logged-in session's data: one cache of records, units and dashboard rows, refreshed off the UI thread.

Pages read the cache and call `write()`; every successful write is followed by a reload, and a slow timer
reloads for other users' changes. Nothing here touches a widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session

from desktop.db.session import Database
from desktop.domain import IncidentRecord, UnitInfo
from desktop.services import incidents, org, rulesets
from desktop.services.accounts import Account
from desktop.timeutil import now_utc
from desktop.services import deadline_board as dl
from ui.data.worker import DbWorker, Job, OnError, OnResult, alive

log = logging.getLogger("repdesk.ui.workbench")


@dataclass(frozen=True)
class Snapshot:
    records: list[IncidentRecord] = field(default_factory=list)
    units: list[UnitInfo] = field(default_factory=list)
    rows: list[dl.DeadlineRow] = field(default_factory=list)
    scope: dl.MyScope | None = None
    at: datetime | None = None
    acknowledged: frozenset[dl.ReminderKey] = frozenset()  # the reminders this account said "知道了" to


class Workbench(QObject):
    loaded = Signal()
    recordLoaded = Signal(object)  # IncidentRecord, after a write or fetch
    failed = Signal(object)  # an error nobody else handled

    def __init__(self, db: Database, account: Account, worker: DbWorker | None = None,
                 reload_seconds: int = 30, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.account = account
        self.worker = worker or DbWorker(db, self)
        self.snapshot = Snapshot()
        # "Due soon" for every page that colours a deadline; the window sets it from the settings.
        self.thresholds = dl.Thresholds()
        self._reload_queued = False
        self.timer = QTimer(self)
        self.timer.setInterval(max(5, reload_seconds) * 1000)
        self.timer.timeout.connect(self.reload)
        self.timer.start()

    @property
    def actor(self):  # type: ignore[no-untyped-def]
        return self.account.actor()

    @property
    def units(self) -> list[UnitInfo]:
        return self.snapshot.units

    def unit(self, unit_id: int | None) -> UnitInfo | None:
        return next((u for u in self.snapshot.units if u.id == unit_id), None)

    def record(self, incident_id: int) -> IncidentRecord | None:
        return next((r for r in self.snapshot.records if r.id == incident_id), None)

    # --- reading -------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Queue one reload; several requests before it runs collapse into one."""
        if self._reload_queued:
            return
        self._reload_queued = True
        actor = self.actor

        def job(session: Session) -> Snapshot:
            rulesets.remember(session)
            records = incidents.list_incidents(session, actor)
            units = org.list_units(session)
            mine = next((u for u in units if u.id == actor.unit_id), None)
            scope = dl.my_scope(session, actor, mine)
            now = now_utc()
            return Snapshot(records, units, dl.build_rows(records, now), scope, now,
                            dl.acknowledged_keys(session, actor.user_id))

        self.worker.submit(job, self._on_loaded, self._on_load_failed, write=False)

    def _on_loaded(self, snapshot: Snapshot) -> None:
        self._reload_queued = False
        self.snapshot = snapshot
        self.loaded.emit()

    def _on_load_failed(self, exc: BaseException) -> None:
        self._reload_queued = False
        log.error("reload failed: %s", exc)
        self.failed.emit(exc)

    def fetch(self, incident_id: int, on_result: Callable[[IncidentRecord], None],
              on_error: OnError | None = None) -> None:
        actor = self.actor
        self.worker.submit(lambda s: incidents.get_incident(s, actor, incident_id), on_result,
                           on_error or self.failed.emit, write=False)

    def read(self, job: Job, on_result: OnResult, on_error: OnError | None = None) -> None:
        self.worker.submit(job, on_result, on_error or self.failed.emit, write=False)

    # --- writing -------------------------------------------------------------------------------------------

    def write(self, job: Job, on_result: OnResult | None = None, on_error: OnError | None = None,
              *, reload: bool = True) -> None:
        """Run `job(session)` in one transaction; reload afterwards so every page sees the change."""

        def done(result: Any) -> None:
            if isinstance(result, IncidentRecord):
                self.recordLoaded.emit(result)
            callback = alive(on_result)
            if callback is not None:
                callback(result)
            if reload:
                self.reload()

        self.worker.submit(job, done, on_error or self.failed.emit, write=True)

    def shutdown(self) -> None:
        self.timer.stop()
