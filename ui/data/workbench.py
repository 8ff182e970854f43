"""The logged-in session's data: one cache of the open incidents, their dashboard rows, units and scope, kept
current off the UI thread.

What it holds follows what is open, not history: the open incidents the account may see and their open duties
(closed incidents are read on demand, `fetch`). It is read whole once; after that every refresh is incremental:
the audit log (every change is an entry naming its incident) says which incidents changed since the last look, and
only those are read again (added to, replaced in or dropped from the open set). Units, scope, the account and its
acknowledged reminders are read again only when something other than an incident changed (an audit entry without
an incident, or a commit with no entry at all, e.g. an acknowledgement), or on an explicit `reload()`.

Refreshes run after every write here and whenever `ChangeFeed` (ui.data.live) hears that another connection
committed (another window, another user, a command): no timer. `incidentChanged(id)` then tells the views showing
one of the changed incidents to read it again. Nothing here touches a widget.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from desktop.db.session import Database
from desktop.domain import Actor, IncidentRecord, IncidentStatus, UnitInfo
from desktop.errors import ErrorCode, NotFound, PermissionDenied
from desktop.services import accounts, audit, incidents, org, permissions, rulesets
from desktop.services import deadline_board as dl
from desktop.services.accounts import Account
from desktop.timeutil import now_utc
from ui.data.live import ChangeFeed
from ui.data.worker import DbWorker, Job, OnError, OnResult, alive

log = logging.getLogger("repdesk.ui.workbench")

# More changed incidents than this in one look (an exchange package imported, a bulk command): reading the open
# set whole is then cheaper than one incident at a time.
INCREMENTAL_LIMIT = 200


@dataclass(frozen=True)
class Snapshot:
    records: list[IncidentRecord] = field(default_factory=list)  # the open incidents the account may see
    units: list[UnitInfo] = field(default_factory=list)
    rows: list[dl.DeadlineRow] = field(default_factory=list)  # their open duties, soonest first
    scope: dl.MyScope | None = None
    at: datetime | None = None
    acknowledged: frozenset[dl.ReminderKey] = frozenset()  # the reminders this account said "知道了" to
    # `rows` worked out at `at` in the worker (states, next changes, reminders): the dashboard and the reminder
    # panel take it instead of going through every row on the UI thread.
    board: dl.Board | None = None


@dataclass(frozen=True)
class _Frame:
    """What is not an incident: read at the first load, on `reload()`, and when something of it may have changed."""

    units: list[UnitInfo]
    scope: dl.MyScope
    account: Account | None
    acknowledged: frozenset[dl.ReminderKey]


@dataclass(frozen=True)
class _Delta:
    """One refresh's answer. `full`: `records` is the whole open set; else `records` holds the changed incidents
    still open (and visible), `gone` those that left the open set. `rows`: every open duty (the unchanged
    incidents' kept, the changed ones' read again), soonest first, and (a whole load) `board` them at `at`."""

    changes: tuple[int, dict[int, int]]
    at: datetime
    full: bool
    records: list[IncidentRecord]
    gone: frozenset[int]
    rows: list[dl.DeadlineRow]
    frame: _Frame | None
    announce: bool = False  # an explicit reload: `loaded` follows whether anything changed or not
    board: dl.Board | None = None


def _read_frame(session: Session, actor: Actor) -> _Frame:
    rulesets.remember(session)  # a rule set published meanwhile: new incidents may use it
    units = org.list_units(session)
    mine = next((u for u in units if u.id == actor.unit_id), None)
    # The account as the accounts table holds it now: a disabled account logs out, new roles apply.
    account = accounts.get_account(session, actor.user_id) if actor.user_id is not None else None
    return _Frame(units, dl.my_scope(session, actor, mine), account, dl.acknowledged_keys(session, actor.user_id))


def _read_open(session: Session, actor: Actor, ids: set[int]) -> tuple[list[IncidentRecord], frozenset[int]]:
    """The incidents `ids` as they are now: those open and visible, and the ids of the others (closed, gone, out
    of the account's sight)."""
    found: list[IncidentRecord] = []
    gone: set[int] = set()
    for incident_id in sorted(ids):
        try:
            record = incidents.get_incident(session, actor, incident_id)
        except (NotFound, PermissionDenied):
            gone.add(incident_id)
            continue
        if record.status == IncidentStatus.OPEN:
            found.append(record)
        else:
            gone.add(incident_id)
    return found, frozenset(gone)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic collector off while the open set is read or worked through: the hundreds of thousands of small
    objects made would set off full collections that walk everything alive, the open set included (at 36,000
    duties most of the time of a pass over them was the collector's). The records and rows hold no cycles."""
    enabled = gc.isenabled()  # as another thread left it: never turn on a collector someone turned off
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Preload:
    """Every open incident and its duties, read in a thread of its own while the log-in dialog waits for the
    password (ui.app.start), before anyone is logged in: after the log-in the window's first load narrows them to
    the account's sight, as the database says it is then (`permissions.scope`), and reads again only the incidents
    changed since (the audit log, as every refresh does). Reading them after the password instead kept the
    dashboard empty for seconds at 10,000 open incidents. Nothing of it is shown before that narrowing."""

    def __init__(self, db: Database, thresholds: dl.Thresholds = dl.DEFAULT_THRESHOLDS) -> None:
        self.db = db
        self.thresholds = thresholds  # the settings': the first load's board then starts from this one
        self._done = threading.Event()
        self._result: _Ahead | None = None

    def run(self) -> None:
        """In the calling thread (the start's own, ui.app.start._Boot, once the window's modules are loaded)."""
        try:
            with _collector_paused(), self.db.read() as session:
                mark = audit.changes_after(session, None)[0]  # first: a change made meanwhile is read again
                rulesets.remember(session)
                records = incidents.every_open_record(session)
            now = now_utc()
            with _collector_paused():
                rows = dl.build_rows(records, now)
                # States and next changes: reused by the first load for the rows the account sees (dl.prepare).
                board = dl.prepare(rows, now.timestamp(), self.thresholds, frozenset())
            self._result = _Ahead(mark, records, rows, board)
            # What is alive now (the modules, the open set just read) lives as long as the program, or is freed
            # by its reference count (no cycles): out of the collector's sight, so that no later collection walks
            # it again. Without this the first load paid 0.2-0.3 s of full collections on the UI thread. The
            # garbage first (the reading's own cycles): frozen, it would never be freed. This thread has nothing
            # else to do while the password is typed.
            gc.collect()
            gc.freeze()
        except Exception:  # the window's first load reads them itself, and reports what fails
            log.exception("reading the open incidents ahead of the log-in")
        finally:
            self._done.set()

    def take(self) -> _Ahead | None:
        """The result, once (waits while it is being read); None when it failed. Called in the worker."""
        self._done.wait()
        result, self._result = self._result, None
        return result


@dataclass(frozen=True)
class _Ahead:
    mark: int  # the newest audit entry when it was read
    records: list[IncidentRecord]
    rows: list[dl.DeadlineRow]
    board: dl.Board | None


def _from_preload(session: Session, reader: Actor, preload: Preload) -> _Ahead | None:
    """The preloaded open set as `reader` may see it now, with the incidents changed since it was read read
    again; None when there is no preload, or so much changed that reading the open set whole is cheaper."""
    got = preload.take()
    if got is None:
        return None
    mark, records, rows = got.mark, got.records, got.rows
    changed = set(audit.changes_after(session, mark)[1])
    if len(changed) > INCREMENTAL_LIMIT:
        return None
    seen = incidents.in_sight(records, permissions.scope(session, reader))
    if changed:
        fresh, _gone = _read_open(session, reader, changed)
        seen = [r for r in seen if r.id not in changed]
        seen.extend(fresh)
        seen.sort(key=lambda r: (r.occurred_at, r.id), reverse=True)  # as open_records orders them
    ids = {r.id for r in seen}
    kept = [r for r in rows if r.incident_id in ids and r.incident_id not in changed]
    if changed:
        kept.extend(dl.build_rows([r for r in seen if r.id in changed], now_utc()))
        kept.sort(key=_row_order)
    return _Ahead(mark, seen, kept, got.board)


def _row_order(row: dl.DeadlineRow) -> tuple[float, int, str]:
    return (row.due_ts, row.incident_id, row.rule_id)


class Workbench(QObject):
    loaded = Signal()  # the snapshot changed (the first load, or a refresh that found something)
    recordLoaded = Signal(object)  # IncidentRecord, after a write or fetch
    incidentChanged = Signal(int)  # this incident changed (here, in another window, by another user); after `loaded`
    failed = Signal(object)  # an error nobody else handled
    accountDisabled = Signal(str)  # the accounts table says this account was disabled: log out, with this message
    rightsChanged = Signal()  # the account's roles or unit changed in the accounts table: `account` is the new one

    def __init__(self, db: Database, account: Account, worker: DbWorker | None = None,
                 parent: QObject | None = None, *, live: bool = True, preload: Preload | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._preload = preload  # taken by the first load
        self.account = account
        self.worker = worker or DbWorker(db, self)
        self.snapshot = Snapshot()
        # "Due soon" for every page that colours a deadline; the window sets it from the settings.
        self.thresholds = dl.Thresholds()
        self._records: dict[int, IncidentRecord] = {}
        self._audit_mark: int | None = None  # the newest audit entry the snapshot reflects; None before the first
        self._in_flight = False
        self._again = False  # asked again while a refresh ran: it may have read too early, run once more
        self._want_frame = False
        self._want_full = False
        self._announce_load = False
        self.refreshes = 0  # refreshes answered (tests and benchmarks count them)
        self.feed = ChangeFeed.for_database(db, self) if live else None
        if self.feed is not None:
            self.feed.changed.connect(self.refresh)
            self.feed.start()

    @property
    def actor(self) -> Actor:
        return self.account.actor()

    @property
    def units(self) -> list[UnitInfo]:
        return self.snapshot.units

    def unit(self, unit_id: int | None) -> UnitInfo | None:
        return next((u for u in self.snapshot.units if u.id == unit_id), None)

    def record(self, incident_id: int) -> IncidentRecord | None:
        """The cached record of an open incident; None for a closed one (read it with `fetch`)."""
        return self._records.get(incident_id)

    # --- reading -------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read what changed, and units, scope, the account and its acknowledgements again (F5, after a write
        that may change them, or a refusal that may mean new rights)."""
        self._want_frame = True
        self._announce_load = True  # whoever asked hears `loaded`, changed or not
        self.refresh()

    def full_reload(self) -> None:
        """Read the whole open set again (never on a timer: after a change of rights or organisation)."""
        self._want_full = True
        self.reload()

    def refresh(self) -> None:
        """Read the incidents changed since the last look; several requests while one runs collapse into one
        more."""
        if self._in_flight:
            self._again = True
            return
        self._in_flight = True
        first = self._audit_mark is None
        full, frame = first or self._want_full, first or self._want_full or self._want_frame
        self._want_full = self._want_frame = False
        announce, self._announce_load = self._announce_load, False
        actor, mark, units = self.actor, self._audit_mark, self.snapshot.units
        old_rows, acknowledged, thresholds = self.snapshot.rows, self.snapshot.acknowledged, self.thresholds
        preload, self._preload = (self._preload, None) if first else (None, self._preload)

        def job(session: Session) -> _Delta:
            with _collector_paused():
                return read(session)

        def read(session: Session) -> _Delta:
            # First: a change made while the rest is read is found again next time, never missed.
            changes = audit.changes_after(session, mark)
            newest, changed = changes
            need_frame, need_full = frame, full
            if not need_frame and mark is not None and newest > mark:
                # Something other than an incident changed (an account, a unit, a rule set, a setting).
                need_frame = audit.changed_outside_incidents(session, mark)
            elif not need_frame and mark is not None and newest == mark and not changed:
                need_frame = True  # a commit without an audit entry (an acknowledgement): cheap to read again
            got = _read_frame(session, actor) if need_frame else None
            if got is not None and not need_full:
                account = got.account
                rights = account is not None and (account.roles, account.unit_id) != (actor.roles, actor.unit_id)
                need_full = rights or got.units != units or len(changed) > INCREMENTAL_LIMIT
            if not need_full and len(changed) > INCREMENTAL_LIMIT:
                need_full = True
            reader = actor if got is None or got.account is None else got.account.actor()
            acked = got.acknowledged if got is not None else acknowledged
            now = now_utc()

            def answer(full: bool, records: list[IncidentRecord], gone: frozenset[int],
                       rows: list[dl.DeadlineRow], before: dl.Board | None) -> _Delta:
                # A board for a whole load only: a reload of a few incidents changes a few rows, which the model
                # and the panel take in place; a new board each time only raised the memory's high-water mark.
                board = dl.prepare(rows, now.timestamp(), thresholds, acked, before) if full else None
                return _Delta(changes, now, full, records, gone, rows, got, announce, board)

            if need_full:
                rulesets.remember(session)
                ahead = _from_preload(session, reader, preload) if preload is not None else None
                if ahead is not None:
                    return answer(True, ahead.records, frozenset(), ahead.rows, ahead.board)
                records = incidents.open_records(session, reader)  # plain columns, no ORM: the first fill waits
                return answer(True, records, frozenset(), dl.build_rows(records, now), None)
            if not changed:
                return _Delta(changes, now, False, [], frozenset(), [], got, announce)
            rulesets.remember(session)
            records, gone = _read_open(session, reader, set(changed))
            # The whole list of duties is made here, not on the UI thread: the unchanged incidents' as they were.
            ids = {r.id for r in records} | gone
            rows = [r for r in old_rows if r.incident_id not in ids]
            rows.extend(dl.build_rows(records, now))
            rows.sort(key=_row_order)
            return answer(False, records, gone, rows, None)

        self.worker.submit(job, self._on_refreshed, self._on_load_failed, write=False)

    def _on_refreshed(self, delta: _Delta) -> None:
        self._in_flight = False
        self.refreshes += 1
        frame = delta.frame
        account = frame.account if frame is not None else None
        if account is not None and not account.active:
            self.accountDisabled.emit(self.tr("您的账号已被管理员停用，将退出登录；如有疑问请联系管理员"))
            return
        snap, announce = self.snapshot, delta.announce
        touched = bool(delta.full or delta.records or delta.gone)
        board = delta.board
        if delta.full:
            self._records = {r.id: r for r in delta.records}
            rows = delta.rows
        elif touched:
            for incident_id in delta.gone:
                self._records.pop(incident_id, None)
            for record in delta.records:
                self._records[record.id] = record
            rows = delta.rows
        else:
            rows = snap.rows
        scope: dl.MyScope | None
        if frame is not None:
            units, scope, acknowledged = frame.units, frame.scope, frame.acknowledged
        else:
            units, scope, acknowledged = snap.units, snap.scope, snap.acknowledged
        framed = frame is not None and (units, scope, acknowledged) != (snap.units, snap.scope, snap.acknowledged)
        if touched or framed or announce or snap.at is None:
            records = list(self._records.values()) if touched else snap.records
            if board is not None and board.acknowledged != acknowledged:
                board = None  # made with other acknowledgements: its reminders are not these
            self.snapshot = Snapshot(records, units, rows, scope, delta.at, acknowledged, board)
        if account is not None and (account.roles, account.unit_id) != (self.account.roles, self.account.unit_id):
            self.account = account
            self.rightsChanged.emit()
        if touched or framed or announce or snap.at is None:
            self.loaded.emit()
        self._announce(delta.changes)
        if self._again:
            self._again = False
            self.refresh()

    def check_changes(self) -> None:
        """Kept for callers of the earlier API: a refresh announces the changed incidents."""
        self.refresh()

    def _announce(self, changes: tuple[int, dict[int, int]]) -> None:
        """`incidentChanged` once per incident changed after the mark; answers overlapping an earlier one
        announce nothing twice."""
        newest, changed = changes
        seen = self._audit_mark
        self._audit_mark = newest if seen is None else max(seen, newest)
        if seen is None:
            return
        for incident_id in sorted(i for i, last in changed.items() if last > seen):
            self.incidentChanged.emit(incident_id)

    def _on_load_failed(self, exc: BaseException) -> None:
        self._in_flight = False
        log.error("reload failed: %s", exc)
        self.failed.emit(exc)
        if self._again:
            self._again = False
            self.refresh()

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
        """Run `job(session)` in one transaction, then read what it changed so every page sees it (`reload`: the
        account, units and acknowledgements too)."""

        def done(result: Any) -> None:
            if isinstance(result, IncidentRecord):
                self.recordLoaded.emit(result)
            callback = alive(on_result)
            if callback is not None:
                callback(result)
            if reload:
                self.reload()
            else:
                self.refresh()

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
        """At logout and quit: the change feed's thread ends (its connection closed)."""
        if self.feed is not None:
            self.feed.stop()
