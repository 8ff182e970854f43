"""Fill a database with a realistic synthetic history, fast enough for 100,000 incidents in minutes.

    .venv/bin/python benchmarks/make_data.py --incidents N [--url URL] [--seed S]

The example organisation and its accounts (desktop.demo, through the services, in one transaction), then N
incidents bulk-inserted with SQLAlchemy Core in batches: 90 % closed, spread over the last three years, 10 % open
and reported within the last week; 1-7 timeline events each; a draft first written report for some. Every row the
services would audit gets the same audit entry (action, entity, payload), hashed and keyed with
desktop.services.audit's own functions, so `repdesk audit verify` passes, the data cross-check included; the
chain's anchor next to the key is moved forward by audit.py's own commit hook. Numbers SY<year>-NNNN are dense per
year and the incident counters are left where the services would continue. REPDESK_KEY_DIR names the key folder.
Prints one line: incidents, events, audit entries, seconds, incidents per second.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from desktop.db.models import AuditEntry, Document, DocumentVersion, Incident, IncidentCounter, IncidentEvent, Unit
from desktop.db.session import Database
from desktop.demo import ELEMENTS_GENERAL, build_accounts, build_organisation
from desktop.domain import Actor, DocumentState, IncidentRecord, IncidentStatus, Stage
from desktop.services import audit, documents, incidents, org
from desktop.services.incidents import EDITABLE
from desktop.services.rulesets import active_ruleset
from desktop.timeutil import CST

BATCH = 1000
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


class Chain:
    """The audit chain's head, continued in memory: each entry hashed and keyed as audit.record would."""

    def __init__(self, session: Session) -> None:
        last = session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
        installation = audit.installation_id(session)
        assert installation is not None, "the organisation's build keyed the chain"
        self.installation = installation
        self.key = audit.load_key(installation)
        self.next_id, self.prev = last.id + 1, last.hash
        self.rows: list[dict[str, Any]] = []

    def add(self, actor: Actor, action: str, entity: str, entity_id: object, at: datetime, *, before: Any = None,
            after: Any = None, incident_id: int | None = None) -> None:
        # A plain object with AuditEntry's attributes: the hash functions read only these, at a fraction of the cost
        # of an ORM instance.
        entry = cast(AuditEntry, SimpleNamespace(
            id=self.next_id, at=at, actor_id=actor.user_id, actor_name=actor.name, action=action, entity=entity,
            entity_id=str(entity_id), incident_id=incident_id,
            before="" if before is None else audit.canonical(before),
            after="" if after is None else audit.canonical(after), prev_hash=self.prev, hash="",
        ))
        entry.hash = audit.entry_hash(entry)
        self.rows.append({"id": entry.id, "at": at, "actor_id": entry.actor_id, "actor_name": entry.actor_name,
                          "action": action, "entity": entity, "entity_id": entry.entity_id,
                          "incident_id": incident_id, "before": entry.before, "after": entry.after,
                          "prev_hash": entry.prev_hash, "hash": entry.hash, "mac": audit.entry_mac(self.key, entry)})
        self.next_id += 1
        self.prev = entry.hash

    def flush(self, session: Session) -> int:
        n = len(self.rows)
        if self.rows:
            session.execute(insert(cast(Table, AuditEntry.__table__)), self.rows)
            self.rows = []
        return n


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
        if rows:
            session.execute(insert(model.__table__), rows)
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


def _second(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)


def plan(n: int, now: datetime, rng: random.Random) -> list[datetime]:
    """When each incident happened, oldest first: 90 % over three years, 10 % within the last week."""
    opened = round(n * OPEN_SHARE)
    times = [now - timedelta(seconds=rng.uniform(8 * 86400, HISTORY_DAYS * 86400)) for _ in range(n - opened)]
    times += [now - timedelta(seconds=rng.uniform(3600, 7 * 86400)) for _ in range(opened)]
    return sorted(_second(t) for t in times)


def build(db: Database, n: int, seed: int) -> tuple[int, int, int]:
    rng = random.Random(seed)
    now = _second(datetime.now(UTC))
    with db.session() as session:
        if not org.is_empty(session):
            raise SystemExit("make_data: the database already holds an organisation; use an empty one")
        units = build_organisation(session)
        people = build_accounts(session, units)
    made_events = made_audit = 0
    with db.session() as session:
        rules = active_ruleset(session)
        location = {u.id: u.location for u in (org.unit_info(session, units[k]) for k in OUTLETS)}
        unit_names = {u.id: u.name for u in session.execute(select(Unit)).scalars()}
        chain = Chain(session)
        ids_ = Ids(session, (Incident, IncidentEvent, Document, DocumentVersion))
        closer = people["bangongshi"]
        counters: dict[int, int] = {}
        moments = plan(n, now, rng)
        open_from = len(moments) - round(n * OPEN_SHARE)
        for start in range(0, n, BATCH):
            batch = list(enumerate(moments[start:start + BATCH], start))
            rows, extra = [], []
            for index, occurred in batch:
                outlet = rng.choice(list(OUTLETS))
                unit_id = units[outlet]
                year = occurred.astimezone(CST).year
                counters[year] = counters.get(year, 0) + 1
                learned = occurred + timedelta(minutes=rng.randint(0, 30))
                created = learned + timedelta(minutes=rng.randint(1, 20))
                major = rng.random() < 0.03
                values: dict[str, Any] = {k: "" for k in EDITABLE}
                values.update(ELEMENTS_GENERAL)
                values.update(
                    title=rng.choice(TITLES), unit_id=unit_id, occurred_at=occurred, learned_at=learned,
                    place=unit_names[unit_id], severity="major" if major else "general",
                    business_line=True, business_line_name="个人金融", business_dept_id=units[DEPTS[outlet]],
                    customer_dispute=rng.random() < 0.7, source=rng.choice(SOURCES),
                    el_time=f"{occurred.astimezone(CST):%Y年%m月%d日}", el_place=unit_names[unit_id],
                    major_criteria="",
                )
                closed = index < open_from
                steps = REMOTE_EVENTS if location[unit_id] == "remote" else SAME_CITY_EVENTS
                times, at = [], created
                for _ in range(rng.randint(1, 7)):
                    at += timedelta(minutes=rng.randint(5, 180))
                    times.append(at)
                if not closed:  # an open incident's timeline has not run into the future
                    times = [t if t <= now else now - timedelta(minutes=len(times) - i) for i, t in enumerate(times)]
                    times = [max(t, created) for t in times]
                closed_at = times[-1] + timedelta(days=rng.randint(1, 5)) if closed else None
                actor = people[OUTLETS[outlet]]
                rows.append({**values, "number": f"SY{year}-{counters[year]:04d}", "initial_severity":
                             values["severity"], "status": IncidentStatus.CLOSED if closed else IncidentStatus.OPEN,
                             "closed_at": closed_at, "rule_set_id": rules.id, "rule_set_version": rules.version,
                             "created_by_id": actor.user_id, "created_at": created,
                             "updated_at": closed_at or times[-1], "row_version": 1})
                extra.append((actor, values, created, list(zip(steps, times, strict=False)), closed_at,
                              rng.random() < DOCUMENT_SHARE))
            ids = ids_.insert(session, Incident, rows)
            event_rows: list[dict[str, Any]] = []
            doc_rows: list[int] = []
            for incident_id, (actor, _values, _created, events, _closed_at, doc) in zip(ids, extra, strict=True):
                for i, (kind, at) in enumerate(events):
                    event_rows.append({"incident_id": incident_id, "type": kind, "at": at, "recorded_at": at,
                                       "recorded_by_id": actor.user_id, "recorded_by_name": actor.name,
                                       "note": NOTES[i % len(NOTES)], "late_reason": "", "data": "{}",
                                       "withdrawn_by_name": "", "withdraw_reason": ""})
                if doc:
                    doc_rows.append(incident_id)
            event_ids = ids_.insert(session, IncidentEvent, event_rows)
            versions = _documents(session, ids_, doc_rows, extra, ids, rows, unit_names)
            it = iter(zip(event_ids, event_rows, strict=True))
            for incident_id, (actor, values, created, events, closed_at, _doc) in zip(ids, extra, strict=True):
                snapshot = {k: values[k] for k in EDITABLE}
                chain.add(actor, "incident.create", "incident", incident_id, created, after=snapshot,
                          incident_id=incident_id)
                for _ in events:
                    event_id, ev = next(it)
                    chain.add(actor, "event.record", "incident_event", event_id, ev["at"],
                              after={"type": ev["type"], "at": ev["at"], "note": ev["note"], "late_reason": "",
                                     "data": {}}, incident_id=incident_id)
                if incident_id in versions:
                    version_id, sha, at = versions[incident_id]
                    chain.add(actor, "document.create", "document_version", version_id, at,
                              after={"kind": "written_report", "stage": "first", "version": 1, "sha256": sha},
                              incident_id=incident_id)
                if closed_at is not None:
                    chain.add(closer, "incident.close", "incident", incident_id, closed_at, before=IncidentStatus.OPEN,
                              after={"status": IncidentStatus.CLOSED, "no_evaluation_reason": CLOSE_REASON},
                              incident_id=incident_id)
            made_events += len(event_rows)
            made_audit += chain.flush(session)
        for year, used in counters.items():
            session.add(IncidentCounter(kind="incident", year=year, next_value=used + 1))
        ids_.sync_sequences(session)
        session.info[audit._PENDING] = (chain.installation,)  # audit.py's commit hook moves the anchor forward
    return n, made_events, made_audit


def _documents(session: Session, ids_: Ids, incident_ids: list[int], extra: list[Any], ids: list[int],
               rows: list[dict[str, Any]], unit_names: dict[int, str]) -> dict[int, tuple[int, str, datetime]]:
    """A draft first written report for each incident named, after its last event: its version's id, content hash
    and time. The content is what `documents.create_document` stores, made by the very functions it calls (the
    drafter's default fields, the incident's snapshot at that moment), so that it prints as a drafted one does."""
    if not incident_ids:
        return {}
    by_id = {i: (row, ex) for i, row, ex in zip(ids, rows, extra, strict=True)}
    now = _second(datetime.now(UTC))
    doc_rows: list[dict[str, Any]] = []
    records: dict[int, IncidentRecord] = {}
    fields: dict[int, dict[str, str]] = {}
    for incident_id in incident_ids:
        _row, ex = by_id[incident_id]
        actor = ex[0]
        at = min(ex[3][-1][1] + timedelta(minutes=10), now) if ex[3] else ex[2]
        # The incident and events just inserted, read back as the services read them (as the drafter sees them).
        record = incidents.get_incident(session, actor, incident_id)
        records[incident_id] = record
        fields[incident_id] = documents._default_fields(session, actor, record, "written_report", Stage.FIRST)
        doc_rows.append({"incident_id": incident_id, "kind": "written_report", "stage": Stage.FIRST.value,
                         "unit_id": documents._doc_unit_id(session, "written_report", record),
                         "doc_number": fields[incident_id].get("doc_number", ""), "created_at": at})
    doc_ids = ids_.insert(session, Document, doc_rows)
    version_rows: list[dict[str, Any]] = []
    out: dict[int, tuple[str, datetime]] = {}
    for doc_id, doc in zip(doc_ids, doc_rows, strict=True):
        _row, ex = by_id[doc["incident_id"]]
        shell = Document(id=doc_id, kind=doc["kind"], stage=doc["stage"], unit_id=doc["unit_id"])  # not added
        content = documents._build_content(session, records[doc["incident_id"]], shell, fields[doc["incident_id"]],
                                           unit_names[doc["unit_id"]], doc["created_at"])
        content_json = documents.canonical_json(content)
        sha = documents.content_sha256(content_json)
        version_rows.append({"document_id": doc_id, "number": 1, "content": content_json, "sha256": sha,
                             "state": DocumentState.DRAFT, "created_by_id": ex[0].user_id,
                             "created_at": doc["created_at"], "row_version": 1})
        out[doc["incident_id"]] = (sha, doc["created_at"])
    version_ids = ids_.insert(session, DocumentVersion, version_rows)
    session.expunge_all()  # the records read back: nothing of them is needed again
    return {incident_id: (version_id, sha, at) for version_id, (incident_id, (sha, at))
            in zip(version_ids, out.items(), strict=True)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=1000, help="how many incidents (default 1000)")
    parser.add_argument("--url", help="the database URL (default: REPDESK_DATABASE_URL, else the user's SQLite file)")
    parser.add_argument("--seed", type=int, default=13, help="the random seed (default 13)")
    args = parser.parse_args(argv)
    if args.incidents < 1:
        parser.error("--incidents must be at least 1")
    start = time.perf_counter()
    db = Database(args.url)
    try:
        made, events, entries = build(db, args.incidents, args.seed)
    finally:
        db.dispose()
    seconds = time.perf_counter() - start
    print(f"incidents={made} events={events} audit_entries={entries} seconds={seconds:.1f} "
          f"incidents_per_second={made / seconds:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
