"""The logged-in session's data: one cache of records, units and dashboard rows, refreshed off the UI thread.

Pages read the cache and call `write()`; every successful write is followed by a reload, and a slow timer
reloads for other users' changes. Each reload (and each write that does not reload) also reads which incidents
changed since the last look, from the audit log, whoever changed them: `incidentChanged(id)` tells the views showing
one of them to read it again. Nothing here touches a widget.
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
from desktop.domain import Actor, IncidentRecord, UnitInfo
from desktop.errors import ErrorCode
from desktop.services import accounts, audit, incidents, org, rulesets
from desktop.services import deadline_board as dl
from desktop.services.accounts import Account
from desktop.timeutil import now_utc
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
    incidentChanged = Signal(int)  # this incident changed (here, in another window, by another user); after `loaded`
    failed = Signal(object)  # an error nobody else handled
    accountDisabled = Signal(str)  # the accounts table says this account was disabled: log out, with this message
    rightsChanged = Signal()  # the account's roles or unit changed in the accounts table: `account` is the new one

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
        self._audit_mark: int | None = None  # the newest audit entry seen; None until the first reload
        self.timer = QTimer(self)
        self.timer.setInterval(max(5, reload_seconds) * 1000)
        self.timer.timeout.connect(self.reload)
        self.timer.start()

    @property
    def actor(self) -> Actor:
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
        actor, mark = self.actor, self._audit_mark

        def job(session: Session) -> tuple[Snapshot, tuple[int, dict[int, int]], Account | None]:
            # First: a change made while the rest is read is announced again next time, never missed.
            changes = audit.changes_after(session, mark)
            rulesets.remember(session)
            records = incidents.list_incidents(session, actor)
            units = org.list_units(session)
            mine = next((u for u in units if u.id == actor.unit_id), None)
            scope = dl.my_scope(session, actor, mine)
            now = now_utc()
            # The account as the accounts table holds it now: a disabled account logs out, new roles apply.
            account = accounts.get_account(session, actor.user_id) if actor.user_id is not None else None
            return Snapshot(records, units, dl.build_rows(records, now), scope, now,
                            dl.acknowledged_keys(session, actor.user_id)), changes, account

        self.worker.submit(job, self._on_loaded, self._on_load_failed, write=False)

    def _on_loaded(self, result: tuple[Snapshot, tuple[int, dict[int, int]], Account | None]) -> None:
        self._reload_queued = False
        self.snapshot, changes, account = result
        if account is not None and not account.active:
            self.accountDisabled.emit(self.tr("您的账号已被管理员停用，将退出登录；如有疑问请联系管理员"))
            return
        if account is not None and (account.roles, account.unit_id) != (self.account.roles, self.account.unit_id):
            self.account = account
            self.rightsChanged.emit()
        self.loaded.emit()
        self._announce(changes)

    def check_changes(self) -> None:
        """Announce the incidents changed since the last look without reloading the rest (after a write that does
        not reload the snapshot: its views still re-read the incident)."""
        mark = self._audit_mark
        self.worker.submit(lambda s: audit.changes_after(s, mark), self._announce, self._on_check_failed, write=False)

    def _on_check_failed(self, exc: BaseException) -> None:
        log.error("change check failed: %s", exc)

    def _announce(self, changes: tuple[int, dict[int, int]]) -> None:
        """`incidentChanged` once per incident changed after the mark; answers overlapping an earlier one (a reload
        and a check queued together) announce nothing twice."""
        newest, changed = changes
        seen = self._audit_mark
        self._audit_mark = newest if seen is None else max(seen, newest)
        if seen is None:
            return
        for incident_id in sorted(i for i, last in changed.items() if last > seen):
            self.incidentChanged.emit(incident_id)

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
        """Run `job(session)` in one transaction; reload afterwards so every page sees the change (without the
        reload, the incidents it changed are still announced)."""

        def done(result: Any) -> None:
            if isinstance(result, IncidentRecord):
                self.recordLoaded.emit(result)
            callback = alive(on_result)
            if callback is not None:
                callback(result)
            if reload:
                self.reload()
            else:
                self.check_changes()

        def refused(exc: BaseException) -> None:
            code = getattr(exc, "code", None)
            if code == ErrorCode.ACCOUNT_DISABLED:  # nothing else to do in this window: it logs out
                self.accountDisabled.emit(getattr(exc, "message", str(exc)))
                return
            if code == ErrorCode.PERMISSION_DENIED:  # perhaps the rights changed: read them again
                self.reload()
            callback = alive(on_error) if on_error is not None else self.failed.emit
            if callback is not None:
                callback(exc)

        self.worker.submit(job, done, refused, write=True)

    def shutdown(self) -> None:
        self.timer.stop()
