"""Concurrency benchmark: many writers at once on one database, then the invariants.

    python benchmarks/bench_concurrency.py                       # SQLite, in a temporary folder
    python benchmarks/bench_concurrency.py --url postgresql://…  # a fresh database made beside the one named
    python benchmarks/bench_concurrency.py --seconds 20 --writers 16

Each writer process (multiprocessing, spawn) loops for the given time over: add an incident, record an event on a
shared incident, edit a shared incident from the row version it read a moment before (racing the others), sign
the current shared submitted document, and edit that same document as its drafter (the drafter racing the
approver). Every operation runs through `Database.run` (a lost lock race is run again). The core's refusals
(conflict, wrong state, busy) are expected; anything else is a raw error and fails the run.

Then: incident numbers unique and dense per year, no lost update (the shared incident's row version moved
exactly once per successful edit), at most one decision per version and step, the audit chain verifies, and
every writer finished (no deadlock). Exit status 1 when an invariant fails.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import re
import sys
import tempfile
import time
import traceback
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DOCS_PER_SECOND = 2  # the shared document changes this often, so signers and drafters keep racing on a fresh one


def _fresh_url(url: str | None, folder: Path) -> tuple[str, str | None]:
    """The benchmark's own database: a new SQLite file, or a new PostgreSQL database beside the one named."""
    if not url:
        return f"sqlite:///{folder / 'bench.sqlite3'}", None
    from sqlalchemy import text

    from desktop.db.session import make_engine

    name = f"repdesk_bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(url)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return url.rsplit("/", 1)[0] + "/" + name, name


def _actors(session):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from desktop.db.models import User
    from desktop.services import accounts

    ids = dict(session.execute(select(User.username, User.id)).all())
    return {name: accounts.get_account(session, uid).actor() for name, uid in ids.items()}


def _setup(url: str, seconds: float) -> dict[str, object]:
    from desktop import demo
    from desktop.db.session import Database
    from desktop.domain import Stage
    from desktop.services import documents, incidents
    from desktop.timeutil import now_utc

    db = Database(url)
    demo.fill(db)
    now = now_utc()
    data = {"title": "并发测试共享事件", "occurred_at": now - timedelta(minutes=5), "severity": "general",
            "source": "complaint", **demo.ELEMENTS_GENERAL,
            "el_time": "今日上午", "el_place": "保定朝阳支行营业大厅"}
    docs: list[tuple[int, int]] = []
    with db.session() as s:
        people = _actors(s)
        xinxi = people["xinxi"]
        data["unit_id"] = xinxi.unit_id
        shared = incidents.create_incident(s, xinxi, {**data, "title": "并发测试：记录进展"}, now=now).id
        edited = incidents.create_incident(s, xinxi, {**data, "title": "并发测试：修改"}, now=now)
    for k in range(int(seconds * DOCS_PER_SECOND) + 2):
        with db.session() as s:
            i = incidents.create_incident(s, xinxi, {**data, "title": f"并发测试：文件 {k}"}, now=now).id
            v = documents.create_document(s, xinxi, i, "written_report", Stage.FIRST,
                                          {"doc_number": f"保朝银报〔2026〕{100 + k}号"}, now=now)
            v = documents.submit(s, xinxi, v.version_id, v.sha256, now=now)
            docs.append((v.document_id, v.version_id))
    db.dispose()
    return {"shared": shared, "edited": edited.id, "edited_version": edited.row_version, "docs": docs}


def _writer(index: int, url: str, seconds: float, plan: dict, go, out) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from desktop.db.models import DocumentVersion, Incident
    from desktop.db.session import Database
    from desktop.errors import RepDeskError
    from desktop.services import approvals, documents, incidents
    from desktop.timeutil import now_utc

    db = Database(url, upgrade=False)
    with db.read() as s:
        people = _actors(s)
    xinxi, fuzeren, jingban = people["xinxi"], people["fuzeren"], people["jingban"]
    counts: Counter[str] = Counter()
    raw: list[str] = []
    out.put(("ready", index))
    go.wait()  # every process started and connected before the race begins
    start_at = time.time()
    end = start_at + seconds
    step = index
    while time.time() < end:
        op = ("add", "event", "edit", "sign", "draft")[step % 5]
        step += 1
        doc_id, version_id = plan["docs"][min(int((time.time() - start_at) * DOCS_PER_SECOND), len(plan["docs"]) - 1)]
        try:
            if op == "add":
                db.run(lambda s, step=step: incidents.create_incident(s, xinxi, {
                    "title": f"并发登记 {index}-{step}", "unit_id": xinxi.unit_id, "severity": "general",
                    "occurred_at": now_utc() - timedelta(minutes=30), "source": "complaint"}))
            elif op == "event":
                db.run(lambda s: incidents.record_event(
                    s, jingban, plan["shared"], "media_inquiry", now_utc() - timedelta(seconds=1),
                    data={"journalist": f"记者{index}", "outlet": "测试日报", "contact": "0312-0000000"}))
            elif op == "edit":
                with db.read() as s:
                    seen = s.execute(select(Incident.row_version).where(Incident.id == plan["edited"])).scalar_one()
                db.run(lambda s, seen=seen, step=step: incidents.update_incident(s, xinxi, plan["edited"], seen,
                                                           {"title": f"并发修改 {index}-{step}"}))
                counts["edit_ok"] += 1
            else:
                with db.read() as s:
                    sha = s.execute(select(DocumentVersion.sha256)
                                    .where(DocumentVersion.id == version_id)).scalar_one()
                if op == "sign":
                    db.run(lambda s, v=version_id, sha=sha: approvals.sign(s, fuzeren, v, sha, comment="同意"))
                else:
                    db.run(lambda s, d=doc_id, sha=sha, step=step: documents.edit_document(
                        s, xinxi, d, sha, {"doc_number": f"改{step}"}))
            counts[f"{op} ok"] += 1
        except RepDeskError as exc:
            counts[f"{op} refused:{exc.code}"] += 1
        except Exception:  # noqa: BLE001 (any other error is a raw error: counted, it fails the run)
            counts[f"{op} RAW"] += 1
            if len(raw) < 3:
                raw.append(traceback.format_exc())
    db.dispose()
    out.put((index, dict(counts), raw))


def _check(url: str, plan: dict, edits_ok: int) -> list[tuple[str, bool, str]]:
    from sqlalchemy import func, select

    from desktop.db.models import ApprovalDecision, Incident
    from desktop.db.session import Database
    from desktop.services import audit

    db = Database(url, upgrade=False)
    out = []
    with db.read() as s:
        numbers = s.execute(select(Incident.number)).scalars().all()
        by_year: dict[int, list[int]] = {}
        for n in numbers:
            m = re.fullmatch(r"SY(\d{4})-(\d{4,})", n)
            if m:
                by_year.setdefault(int(m.group(1)), []).append(int(m.group(2)))
        unique = len(set(numbers)) == len(numbers)
        dense = all(sorted(v) == list(range(1, len(v) + 1)) for v in by_year.values())
        out.append(("编号唯一", unique, f"{len(numbers)} 个事件"))
        out.append(("编号连续", dense, ", ".join(f"{y}: 1..{max(v)}" for y, v in sorted(by_year.items()))))
        version = s.execute(select(Incident.row_version).where(Incident.id == plan["edited"])).scalar_one()
        moved = version - plan["edited_version"]
        out.append(("无丢失更新", moved == edits_ok, f"行版本前进 {moved}，成功修改 {edits_ok}"))
        dup = s.execute(select(ApprovalDecision.version_id, ApprovalDecision.step, func.count())
                        .group_by(ApprovalDecision.version_id, ApprovalDecision.step)
                        .having(func.count() > 1)).all()
        out.append(("无重复审批", not dup, f"{len(dup)} 组重复"))
        result = audit.verify(s)
        out.append(("审计链校验", result.ok, f"{result.entries} 条 {result.reason}"))
    db.dispose()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="PostgreSQL server URL (a fresh database is made beside it); SQLite if none")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--writers", type=int, default=16)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="repdesk-bench-") as tmp:
        os.environ.setdefault("REPDESK_KEY_DIR", str(Path(tmp) / "keys"))  # the chain's key, not the user's
        url, _name = _fresh_url(args.url, Path(tmp))
        plan = _setup(url, args.seconds)
        ctx = mp.get_context("spawn")
        out = ctx.Queue()
        go = ctx.Event()
        procs = [ctx.Process(target=_writer, args=(i, url, args.seconds, plan, go, out))
                 for i in range(args.writers)]
        for p in procs:
            p.start()
        for _ in procs:
            out.get(timeout=300)
        go.set()
        results = [out.get(timeout=args.seconds + 120) for _ in procs]
        for p in procs:
            p.join(timeout=30)
        finished = all(p.exitcode == 0 for p in procs)
        totals: Counter[str] = Counter()
        raws: list[str] = []
        for _i, counts, raw in results:
            totals.update(counts)
            raws.extend(raw)
        kind = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        print(f"{kind}: {args.writers} writers, {args.seconds:g} s")
        for key in sorted(k for k in totals if k != "edit_ok"):
            print(f"  {key:<36} {totals[key]:>7}  ({totals[key] / args.seconds:.1f}/s)")
        checks = _check(url, plan, totals["edit_ok"])
        checks.append(("无死锁（全部进程结束）", finished, f"{sum(p.exitcode == 0 for p in procs)}/{len(procs)}"))
        raw_total = sum(v for k, v in totals.items() if k.endswith("RAW"))
        checks.append(("无原始 SQL 错误", raw_total == 0, f"{raw_total} 次"))
        for name, ok, detail in checks:
            print(f"  [{'OK' if ok else 'FAIL'}] {name}: {detail}")
        for text in raws[:3]:
            print(text)
        if _name is not None and args.url:
            _drop(args.url, _name)
        return 0 if all(ok for _n, ok, _d in checks) else 1


def _drop(url: str, name: str) -> None:
    from sqlalchemy import text

    from desktop.db.session import make_engine

    admin = make_engine(url)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


if __name__ == "__main__":
    sys.exit(main())
