"""Fill a database with a realistic synthetic history, fast enough for 100,000 incidents in minutes.

    .venv/bin/python benchmarks/make_data.py --incidents N [--url URL] [--seed S]

The example organisation and its accounts (desktop.demo, through the services, in one transaction), then N
incidents bulk-inserted in batches (`bulk_insert`: SQLAlchemy's own type conversions, one statement a table a
batch): 90 % closed, spread over the last three years, 10 % open and reported within the last week; 1-7 timeline
events each; a draft first written report for some. Every row the services would audit gets the same audit entry
(action, entity, payload), hashed and keyed with desktop.services.audit's own functions (in a second process,
while the next batch is written), so `repdesk audit verify` passes, the data cross-check included; the chain's
anchor next to the key is moved forward by audit.py's own commit hook. Numbers SY<year>-NNNN are dense per
year and the incident counters are left where the services would continue. REPDESK_KEY_DIR names the key folder.
Prints one line: incidents, events, documents, audit entries, seconds, incidents per second, and the seconds spent
making the accounts (mostly the one password hash the planning of the incidents did not hide); --timings adds the
seconds of each part.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import random
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import chain as chained
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Table, event, func, select, text
from sqlalchemy.orm import Session, selectinload

from desktop.db.models import (
    AuditEntry,
    Document,
    DocumentVersion,
    Incident,
    IncidentCounter,
    IncidentEvent,
    Unit,
    User,
)
from desktop.db.session import Database
from desktop.db.types import UTCDateTime
from desktop.demo import DEMO_PASSWORD, ELEMENTS_GENERAL, build_accounts, build_organisation
from desktop.domain import Actor, DocumentState, IncidentRecord, IncidentStatus, Stage
from desktop.services import accounts, audit, documents, incidents, org
from desktop.services.incidents import EDITABLE
from desktop.services.rulesets import active_ruleset
from desktop.timeutil import CST, format_rfc3339_cst

BATCH = 2000
OPEN_SHARE = 0.10
DOCUMENT_SHARE = 0.05
HISTORY_DAYS = 3 * 365

# The reporting outlets, the account that records for each (its own officer, else the lead department's), and
# the timelines they follow (2.2: a same-city outlet reports to the branch office, a remote one to its
# secondary branch's lead department, which reports on to the branch office).
OUTLETS = {"zhongshan": "zhongshan", "yuhua": "bangongshi", "bd_chaoyang": "xinxi", "bd_main": "jingban",
           "ts_main": "bangongshi"}
DEPTS = {"zhongshan": "retail", "yuhua": "operations", "bd_chaoyang": "bd_retail", "bd_main": "bd_retail",
         "ts_main": "corporate"}
SAME_CITY_EVENTS = ["reported_to_lead", "reported_to_business_dept", "written_details_to_lead", "cause_established",
                    "publicity_dept_contacted", "spokesperson_designated", "official_statement_published"]
REMOTE_EVENTS = ["reported_to_lead", "reported_to_branch_office", "reported_to_business_dept",
                 "written_details_to_lead", "details_to_branch_office", "cause_established",
                 "official_statement_published"]
NOTES = ["电话报告牵头部门", "", "", "已书面报告", "", "经办人员已核实"]
TITLES = ["客户投诉理财产品收益低于预期并在网络发帖", "储户反映存单到期无法支取", "客户投诉网点排队时间过长",
          "网络出现关于网点服务态度的负面帖子", "客户因贷款审批进度到网点反映情况", "媒体记者就信用卡催收问题来电采访",
          "客户反映ATM吞卡未及时处理", "自媒体转载关于手续费的不实信息"]
SOURCES = ["complaint", "online", "media", "complaint", "other", "regulator"]
CLOSE_REASON = "一般事件已妥善处置，未造成扩散，牵头部门认定无须评估总结"


class PasswordsAhead:
    """The example accounts' password hash, made by `accounts.hash_password` itself on a worker thread from the
    start, while the first incidents are planned (hashlib releases the interpreter lock while it hashes).

    One hash for all of them: they share the example password the README publishes, so the same salted hash on
    each gives away nothing that is not already known; ten scrypts at OWASP's cost were 5-15 s on this machine,
    most of a 10,000-incident fill. It is still the production cost: a lower one would be rehashed at the first
    log-in, inside the timings of the benchmarks that log in to this data."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="scrypt")
        self._future = self._pool.submit(accounts.hash_password, DEMO_PASSWORD)

    def ready(self) -> bool:
        return self._future.done()

    @contextmanager
    def in_use(self) -> Iterator[None]:
        """`accounts.create_user` takes the hash made ahead for the example password."""
        original = accounts.hash_password

        def ahead(password: str) -> str:
            return self._future.result() if password == DEMO_PASSWORD else original(password)

        setattr(accounts, "hash_password", ahead)  # noqa: B010 - mypy refuses assigning to a module's function
        try:
            yield
        finally:
            setattr(accounts, "hash_password", original)  # noqa: B010
            self._pool.shutdown(wait=True, cancel_futures=True)


MOMENTS = "make_data_moments"  # Session.info: the batch's moments as the dialect stores them


def bulk_insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows that all have the keys of the first, in one statement on PostgreSQL (one array a column, spread
    by unnest) and one executemany on SQLite. Each value goes through SQLAlchemy's own bind processor for its
    column's type on this dialect, and a column left out gets its Python-side default (a new uid), exactly as a
    Core insert would; what is skipped is SQLAlchemy's per-row bookkeeping, and on PostgreSQL psycopg's statement
    a row (or, for one multi-row VALUES statement, its parse of a statement of thousands of placeholders)."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    given = rows[0].keys()
    names: list[str] = []
    values: list[list[Any]] = []
    types: list[str] = []
    for column in table.c:
        if column.name in given:
            name = column.name
            data = [row[name] for row in rows]
        elif column.default is not None and getattr(column.default, "is_callable", False):
            make = column.default.arg  # type: ignore[attr-defined]  # SQLAlchemy's wrapper: takes the context
            data = [make(None) for _ in rows]
        elif column.default is not None and getattr(column.default, "is_scalar", False):
            data = [column.default.arg] * len(rows)  # type: ignore[attr-defined]
        else:
            continue  # nullable, or the database's own default: left out, as a Core insert leaves it
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None and isinstance(column.type, UTCDateTime):
            # The same moments recur across a batch's tables (an event's time is its audit entry's time too):
            # each is converted once.
            memo: dict[datetime, Any] = session.info.setdefault(MOMENTS, {})
            data = [memo[v] if v in memo else memo.setdefault(v, process(v)) for v in data]
        elif process is not None:
            data = [process(v) for v in data]
        values.append(data)
        names.append(dialect.identifier_preparer.format_column(column))
        types.append(column.type.compile(dialect=dialect))
    target = dialect.identifier_preparer.format_table(table)
    columns = ", ".join(names)
    if dialect.name == "postgresql":
        # %b: the arrays in psycopg's binary format, which it writes without escaping each value (ten times faster
        # than the text format for these payloads).
        arrays = ", ".join(f"%b::{t}[]" for t in types)
        conn.exec_driver_sql(f"INSERT INTO {target} ({columns}) SELECT * FROM unnest({arrays})", tuple(values))
    else:
        marks = ", ".join("?" for _ in names)
        conn.exec_driver_sql(f"INSERT INTO {target} ({columns}) VALUES ({marks})", list(zip(*values, strict=True)))


_Hashed = tuple[int | None, str, str, str, str, int, str, str, str]  # what entry_hash reads, but id and prev_hash


def hash_entries(key: bytes, first_id: int, prev: str, entries: list[_Hashed]) -> list[tuple[str, str]]:
    """Each entry's hash and MAC, chained from `prev`, by audit.entry_hash and audit.entry_mac (in the hashing
    process). `at` is the moment as canonical() spells it (format_rfc3339_cst): the entry's JSON, hence its
    hash, is the same whether the moment is given as the datetime or as that text."""
    out: list[tuple[str, str]] = []
    for entry_id, (actor_id, actor_name, action, entity, entity_id, incident_id, before, after, at) in enumerate(
            entries, first_id):
        # A plain object with AuditEntry's attributes: the hash functions read only these, at a fraction of the
        # cost of an ORM instance.
        entry = cast(AuditEntry, SimpleNamespace(
            id=entry_id, at=at, actor_id=actor_id, actor_name=actor_name, action=action, entity=entity,
            entity_id=entity_id, incident_id=incident_id, before=before, after=after, prev_hash=prev))
        prev = audit.entry_hash(entry)
        out.append((prev, audit.entry_mac(key, entry)))
    return out


class Chain:
    """The audit chain's head, continued batch by batch: a batch's entries are hashed and keyed in a second
    process (the chain's one sequential, CPU-bound part) while this one plans, inserts and drafts the next batch;
    its rows are inserted once their hashes are back."""

    def __init__(self, session: Session) -> None:
        last = session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
        installation = audit.installation_id(session)
        assert installation is not None, "the organisation's build keyed the chain"
        self.installation = installation
        self.key = audit.load_key(installation)
        self.next_id, self.prev = last.id + 1, last.hash
        self.rows: list[dict[str, Any]] = []
        self.hashed: list[_Hashed] = []
        # fork: the child has this module and audit.py as they are, whatever name this file was loaded under.
        # Where there is no fork (Windows), the entries are hashed here, as they are sent.
        fork = "fork" in multiprocessing.get_all_start_methods()
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) if fork \
            else None
        self._pending: tuple[Future[list[tuple[str, str]]], list[dict[str, Any]]] | None = None

    def add(self, actor: Actor, action: str, entity: str, entity_id: int, at: datetime, at_text: str, after: str,
            incident_id: int, before: str = "") -> None:
        """`before` and `after` are the payloads already canonical (audit.canonical); `at_text` is `at` as
        canonical() spells a moment, formatted once for all its uses."""
        self.rows.append({"id": self.next_id, "at": at, "actor_id": actor.user_id, "actor_name": actor.name,
                          "action": action, "entity": entity, "entity_id": str(entity_id),
                          "incident_id": incident_id, "before": before, "after": after})
        self.hashed.append((actor.user_id, actor.name, action, entity, str(entity_id), incident_id, before, after,
                            at_text))
        self.next_id += 1

    def flush(self, session: Session) -> int:
        """Write the batch sent before (waiting for its hashes) and send this one; the number of entries sent."""
        n = len(self.rows)
        self._write(session)
        if self.rows:
            first = self.rows[0]["id"]
            if self._pool is not None:
                hashes = self._pool.submit(hash_entries, self.key, first, self.prev, self.hashed)
            else:
                hashes = Future()
                hashes.set_result(hash_entries(self.key, first, self.prev, self.hashed))
            self._pending = (hashes, self.rows)
            self.rows, self.hashed = [], []
        return n

    def finish(self, session: Session) -> None:
        self._write(session)
        if self._pool is not None:
            self._pool.shutdown()

    def _write(self, session: Session) -> None:
        if self._pending is None:
            return
        future, rows = self._pending
        self._pending = None
        for row, (digest, mac) in zip(rows, future.result(), strict=True):
            row["prev_hash"], row["hash"], row["mac"] = self.prev, digest, mac
            self.prev = digest
        bulk_insert(session, cast(Table, AuditEntry.__table__), rows)


class Ids:
    """The next id of each table, given out here (the transaction holds the write lock): plain executemany, with no
    RETURNING, which SQLite would run row by row to keep the order."""

    def __init__(self, session: Session, models: tuple[Any, ...]) -> None:
        self.next = {m: (session.execute(select(func.max(m.__table__.c.id))).scalar() or 0) + 1 for m in models}

    def insert(self, session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
        first = self.next[model]
        ids = list(range(first, first + len(rows)))
        for row, new_id in zip(rows, ids, strict=True):
            row["id"] = new_id
        bulk_insert(session, model.__table__, rows)
        self.next[model] = first + len(rows)
        return ids

    def sync_sequences(self, session: Session) -> None:
        """PostgreSQL: the serial sequences continue after the ids given here."""
        if session.get_bind().dialect.name != "postgresql":
            return
        for model in self.next:
            name = model.__table__.name
            session.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                 f"(SELECT coalesce(max(id), 1) FROM {name}))"))


@dataclass
class Planned:
    """One incident before it has ids: its row (without id and author), who records it, its events
    (type, moment, the moment's canonical text, note, the event's audit payload), and its audit payloads."""

    row: dict[str, Any]
    recorder: str  # the account's user name: the accounts may not exist yet when the incident is planned
    created_text: str
    created_json: str  # the incident.create payload: the editable fields as the service snapshots them
    events: list[tuple[str, datetime, str, str, str]]
    closed_text: str
    document: bool


@dataclass(frozen=True)
class Organisation:
    """What planning needs to know of the organisation."""

    units: dict[str, int]
    unit_names: dict[int, str]
    location: dict[int, str]
    rule_set_id: str
    rule_set_version: int


_AT = "@moment@"  # where an event payload's time goes


def _second(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


def plan(n: int, now: datetime, rng: random.Random) -> list[datetime]:
    """When each incident happened, oldest first: 90 % over three years, 10 % within the last week."""
    opened = round(n * OPEN_SHARE)
    times = [now - timedelta(seconds=rng.uniform(8 * 86400, HISTORY_DAYS * 86400)) for _ in range(n - opened)]
    times += [now - timedelta(seconds=rng.uniform(3600, 7 * 86400)) for _ in range(opened)]
    return sorted(_second(t) for t in times)


def _planned(n: int, now: datetime, rng: random.Random, where: Organisation,
             counters: dict[int, int]) -> Iterator[list[Planned]]:
    """The incidents in batches, oldest first, numbered densely per year (China Standard Time); `counters` is left
    with the last number used in each year."""
    moments = plan(n, now, rng)
    open_from = n - round(n * OPEN_SHARE)
    outlets = list(OUTLETS)
    minute = timedelta(minutes=1)
    # What every incident's row and snapshot share, made once: the editable fields' defaults and the constants.
    base: dict[str, Any] = {k: "" for k in EDITABLE}
    base.update(ELEMENTS_GENERAL)
    base.update(business_line=True, business_line_name="个人金融", major_criteria="")
    constant = {"rule_set_id": where.rule_set_id, "rule_set_version": where.rule_set_version, "row_version": 1}
    texts: dict[datetime, str] = {}
    # An event's audit payload (incidents._add_event's) differs from the next of its type and note only in its
    # time, written as plain ASCII: made by audit.canonical once a type and note, the time put in its place.
    payloads: dict[tuple[str, str], str] = {}

    def canon(moment: datetime) -> str:
        # Timeline moments repeat across the payloads of an incident: each is formatted once.
        found = texts.get(moment)
        if found is None:
            found = texts[moment] = format_rfc3339_cst(moment)
        return found

    for start in range(0, n, BATCH):
        batch: list[Planned] = []
        for index in range(start, min(n, start + BATCH)):
            occurred = moments[index]
            outlet = outlets[rng.randrange(len(outlets))]
            unit_id = where.units[outlet]
            local = occurred.astimezone(CST)
            counters[local.year] = number = counters.get(local.year, 0) + 1
            learned = occurred + minute * rng.randint(0, 30)
            created = learned + minute * rng.randint(1, 20)
            severity = "major" if rng.random() < 0.03 else "general"
            values = base.copy()
            values.update(
                title=TITLES[rng.randrange(len(TITLES))], unit_id=unit_id, occurred_at=occurred, learned_at=learned,
                place=where.unit_names[unit_id], severity=severity, business_dept_id=where.units[DEPTS[outlet]],
                customer_dispute=rng.random() < 0.7, source=SOURCES[rng.randrange(len(SOURCES))],
                el_time=f"{local.year}年{local.month:02d}月{local.day:02d}日", el_place=where.unit_names[unit_id],
            )
            closed = index < open_from
            steps = REMOTE_EVENTS if where.location[unit_id] == "remote" else SAME_CITY_EVENTS
            times, at = [], created
            for _ in range(rng.randint(1, 7)):
                at += minute * rng.randint(5, 180)
                times.append(at)
            if not closed:  # an open incident's timeline has not run into the future
                times = [t if t <= now else now - minute * (len(times) - i) for i, t in enumerate(times)]
                times = [max(t, created) for t in times]
            closed_at = times[-1] + timedelta(days=rng.randint(1, 5)) if closed else None
            snapshot = {k: values[k] for k in EDITABLE}
            snapshot["occurred_at"], snapshot["learned_at"] = canon(occurred), canon(learned)
            events = []
            for i, (kind, moment) in enumerate(zip(steps, times, strict=False)):
                note = NOTES[i % len(NOTES)]
                moment_text = canon(moment)
                template = payloads.get((kind, note))
                if template is None:
                    template = payloads[kind, note] = audit.canonical(
                        {"type": kind, "at": _AT, "note": note, "late_reason": "", "data": {}})
                    assert template.count(_AT) == 1
                events.append((kind, moment, moment_text, note, template.replace(_AT, moment_text)))
            values.update(constant, number=f"SY{local.year}-{number:04d}", initial_severity=severity,
                          status=IncidentStatus.CLOSED if closed else IncidentStatus.OPEN, closed_at=closed_at,
                          created_at=created, updated_at=closed_at or times[-1])
            batch.append(Planned(values, OUTLETS[outlet], canon(created), audit.canonical(snapshot), events,
                                 canon(closed_at) if closed_at else "", rng.random() < DOCUMENT_SHARE))
        texts.clear()
        yield batch


def build(db: Database, n: int, seed: int) -> tuple[int, int, int]:
    made = fill(db, n, seed)
    return made.incidents, made.events, made.audit_entries


@dataclass
class Made:
    incidents: int = 0
    events: int = 0
    documents: int = 0
    audit_entries: int = 0
    waited_for_passwords: float = 0.0
    spent: dict[str, float] = field(default_factory=dict)  # wall seconds by part (--timings)

    @contextmanager
    def part(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.spent[name] = self.spent.get(name, 0.0) + time.perf_counter() - start


def fill(db: Database, n: int, seed: int) -> Made:
    rng = random.Random(seed)
    now = _second(datetime.now(UTC))
    passwords = PasswordsAhead()
    made = Made()
    with db.session() as session:
        if not org.is_empty(session):
            raise SystemExit("make_data: the database already holds an organisation; use an empty one")
        with made.part("organisation"):
            units = build_organisation(session)
        rules = active_ruleset(session)
        unit_names = {u.id: u.name for u in session.execute(select(Unit)).scalars()}
        where = Organisation(units, unit_names, {u.id: u.location for u in (org.unit_info(session, units[k])
                                                                          for k in OUTLETS)},
                         rules.id, rules.version)
        # Plan incidents while the password is hashed; they are written once the accounts exist.
        counters: dict[int, int] = {}
        batches = _planned(n, now, rng, where, counters)
        ahead: list[list[Planned]] = []
        with made.part("planning while hashing"):
            while not passwords.ready() and (batch := next(batches, None)) is not None:
                ahead.append(batch)
        with made.part("accounts"), passwords.in_use():
            people = build_accounts(session, units)
        made.waited_for_passwords = made.spent["accounts"]
    with db.session() as session:
        chain = Chain(session)
        ids_ = Ids(session, (Incident, IncidentEvent, Document, DocumentVersion))
        closer = people["bangongshi"]
        closed_json = audit.canonical({"status": IncidentStatus.CLOSED, "no_evaluation_reason": CLOSE_REASON})
        open_json = audit.canonical(IncidentStatus.OPEN)
        planned = chained(ahead, batches)
        while True:
            with made.part("planning"):
                batch = next(planned, [])
            if not batch:
                break
            rows = []
            for p in batch:
                p.row["created_by_id"] = people[p.recorder].user_id
                rows.append(p.row)
            with made.part("insert incidents"):
                ids = ids_.insert(session, Incident, rows)
            event_rows: list[dict[str, Any]] = []
            for incident_id, p in zip(ids, batch, strict=True):
                actor = people[p.recorder]
                for kind, moment, _text, note, _json in p.events:
                    event_rows.append({"incident_id": incident_id, "type": kind, "at": moment, "recorded_at": moment,
                                       "recorded_by_id": actor.user_id, "recorded_by_name": actor.name,
                                       "note": note, "late_reason": "", "data": "{}", "withdrawn_by_name": "",
                                       "withdraw_reason": ""})
            with made.part("insert events"):
                event_ids = iter(ids_.insert(session, IncidentEvent, event_rows))
            with made.part("documents"):
                versions = _documents(session, ids_, [(i, p, people[p.recorder])
                                                      for i, p in zip(ids, batch, strict=True) if p.document],
                                      now, where.unit_names)
            hashing = time.perf_counter()
            add = chain.add
            for incident_id, p in zip(ids, batch, strict=True):
                actor = people[p.recorder]
                add(actor, "incident.create", "incident", incident_id, p.row["created_at"], p.created_text,
                    p.created_json, incident_id)
                for _kind, moment, moment_text, _note, payload in p.events:
                    add(actor, "event.record", "incident_event", next(event_ids), moment, moment_text, payload,
                        incident_id)
                if incident_id in versions:
                    version_id, sha, at = versions[incident_id]
                    add(actor, "document.create", "document_version", version_id, at, format_rfc3339_cst(at),
                        audit.canonical({"kind": "written_report", "stage": "first", "version": 1, "sha256": sha}),
                        incident_id)
                if p.row["closed_at"] is not None:
                    add(closer, "incident.close", "incident", incident_id, p.row["closed_at"], p.closed_text,
                        closed_json, incident_id, before=open_json)
            made.spent["audit entries"] = made.spent.get("audit entries", 0.0) + time.perf_counter() - hashing
            made.incidents += len(batch)
            made.events += len(event_rows)
            made.documents += len(versions)
            with made.part("insert audit (and wait for its hashes)"):
                made.audit_entries += chain.flush(session)
            session.info.pop(MOMENTS, None)
        with made.part("insert audit (and wait for its hashes)"):
            chain.finish(session)
        # The counters the services continue from (incidents._next_number), one row a year.
        session.add_all([IncidentCounter(kind="incident", year=year, next_value=used + 1)
                         for year, used in counters.items()])
        ids_.sync_sequences(session)
        session.info[audit._PENDING] = (chain.installation,)  # audit.py's commit hook moves the anchor forward
        committing = time.perf_counter()
    made.spent["commit"] = time.perf_counter() - committing
    return made


def _fast_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """SQLite, on the connections of this script's own engine (after Database's own settings, which it disposes
    at the end): a bigger page cache for the one long transaction (the default 2 MB spills the growing indexes to
    the write-ahead log again and again), and no fsync: this is scratch benchmark data, built again if the machine
    dies mid-fill. journal_mode stays as Database set it."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA cache_size=-262144")  # KiB: 256 MiB at most, taken only as the file grows
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.close()


def _documents(session: Session, ids_: Ids, chosen: list[tuple[int, Planned, Actor]], now: datetime,
               unit_names: dict[int, str]) -> dict[int, tuple[int, str, datetime]]:
    """A draft first written report for each incident chosen, after its last event: its version's id, content hash
    and time. The content is what `documents.create_document` stores, made by the very functions it calls (the
    drafter's default fields, the incident's snapshot at that moment), so that it prints as a drafted one does."""
    if not chosen:
        return {}
    doc_rows: list[dict[str, Any]] = []
    records: list[tuple[IncidentRecord, dict[str, str], Actor]] = []
    # The incidents and events just inserted, read back in one query and made into the records the services make
    # of them (incidents.get_incident without its per-incident reads and its permission check: the recorder sees
    # the incident it recorded).
    # The accounts, held here: the session keeps objects only while something refers to them, and
    # documents._default_fields' session.get(User) then finds its user without a query each draft.
    accounts_held = list(session.execute(select(User)).scalars())
    loaded = {i.id: i for i in session.execute(
        select(Incident).where(Incident.id.in_([c[0] for c in chosen]))
        .options(selectinload(Incident.events), selectinload(Incident.business_dept))).scalars()}
    for incident_id, p, actor in chosen:
        at = min(p.events[-1][1] + timedelta(minutes=10), now) if p.events else p.row["created_at"]
        record = incidents._to_record(session, loaded[incident_id])
        fields = documents._default_fields(session, actor, record, "written_report", Stage.FIRST)
        records.append((record, fields, actor))
        doc_rows.append({"incident_id": incident_id, "kind": "written_report", "stage": Stage.FIRST.value,
                         "unit_id": documents._doc_unit_id(session, "written_report", record),
                         "doc_number": fields.get("doc_number", ""), "created_at": at})
    doc_ids = ids_.insert(session, Document, doc_rows)
    version_rows: list[dict[str, Any]] = []
    out: list[tuple[int, str, datetime]] = []
    for doc_id, doc, (record, fields, actor) in zip(doc_ids, doc_rows, records, strict=True):
        shell = Document(id=doc_id, kind=doc["kind"], stage=doc["stage"], unit_id=doc["unit_id"])  # not added
        content = documents._build_content(session, record, shell, fields, unit_names[doc["unit_id"]],
                                           doc["created_at"])
        content_json = documents.canonical_json(content)
        sha = documents.content_sha256(content_json)
        version_rows.append({"document_id": doc_id, "number": 1, "content": content_json, "sha256": sha,
                             "state": DocumentState.DRAFT, "created_by_id": actor.user_id,
                             "created_at": doc["created_at"], "row_version": 1})
        out.append((doc["incident_id"], sha, doc["created_at"]))
    version_ids = ids_.insert(session, DocumentVersion, version_rows)
    del accounts_held
    session.expunge_all()  # the records read back: nothing of them is needed again
    return {incident_id: (version_id, sha, at) for version_id, (incident_id, sha, at) in zip(version_ids, out,
                                                                                               strict=True)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=1000, help="how many incidents (default 1000)")
    parser.add_argument("--url", help="the database URL (default: REPDESK_DATABASE_URL, else the user's SQLite file)")
    parser.add_argument("--seed", type=int, default=13, help="the random seed (default 13)")
    parser.add_argument("--timings", action="store_true", help="also print the wall seconds of each part (stderr)")
    args = parser.parse_args(argv)
    if args.incidents < 1:
        parser.error("--incidents must be at least 1")
    start = time.perf_counter()
    db = Database(args.url)
    if db.engine.dialect.name == "sqlite":
        event.listen(db.engine, "connect", _fast_sqlite)
        db.engine.dispose()  # the connections the migration check opened do not have these settings
    # The libraries and the schema are loaded for good: the collector need not walk them again at every full
    # collection the fill's millions of short-lived rows set off.
    gc.freeze()
    try:
        made = fill(db, args.incidents, args.seed)
    finally:
        db.dispose()
    seconds = time.perf_counter() - start
    print(f"incidents={made.incidents} events={made.events} documents={made.documents} "
          f"audit_entries={made.audit_entries} seconds={seconds:.1f} "
          f"incidents_per_second={made.incidents / seconds:.0f} "
          f"password_wait_seconds={made.waited_for_passwords:.1f}")
    if args.timings:
        print(" ".join(f"{name.replace(' ', '_')}={spent:.2f}" for name, spent in made.spent.items()),
              f"cpu={time.process_time():.1f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
