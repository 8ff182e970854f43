"""Export and import of N incidents (default 1,000) with their events, documents and audit entries.

    .venv/bin/python benchmarks/bench_exchange.py [--incidents N]

A branch office's database is filled by benchmarks/make_data.py; it makes a site package for 保定分行, a new
SQLite database is set up from it, and the site's first package back enrols it. The branch then exports its whole
history to that installation: the benchmark marks the peer as the branch's upstream (an upstream receives every
incident; a site only those of its units, a small share of the synthetic history), so one package carries all N
incidents. Prints one line per step: seconds, records, package bytes (signed, zlib-compressed, AES-256-GCM).
Everything lives in a temporary folder (keys included) that is removed at the end.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=1000, help="how many incidents (default 1000)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="repdesk-bench-exchange-") as tmp:
        os.environ["REPDESK_KEY_DIR"] = str(Path(tmp) / "keys")  # before anything reads the key folder
        return _run(Path(tmp), args.incidents)


def _run(tmp: Path, count: int) -> int:
    from sqlalchemy import func, select, update

    from desktop.db.exchange_tables import ExchangePeer
    from desktop.db.models import AuditEntry, DocumentVersion, Incident, IncidentEvent, User
    from desktop.db.session import Database
    from desktop.domain import Actor
    from desktop.exchange import service

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import make_data

    branch = Database(f"sqlite:///{tmp / 'branch.sqlite3'}")
    site = Database(f"sqlite:///{tmp / 'site.sqlite3'}")

    def actor(db: Database, username: str) -> Actor:
        # The accounts of the synthetic data all have the example password; the benchmark measures the exchange,
        # not the password hash, so it takes the account as the database holds it.
        with db.read() as s:
            user = s.execute(select(User).where(User.username == username)).scalar_one()
            return Actor(user.id, user.display_name, user.unit_id, frozenset(r.role for r in user.roles))

    def counted(db: Database) -> str:
        with db.read() as s:
            n = [s.execute(select(func.count()).select_from(m)).scalar_one()
                 for m in (Incident, IncidentEvent, DocumentVersion, AuditEntry)]
        return f"incidents={n[0]} events={n[1]} versions={n[2]} audit_entries={n[3]}"

    try:
        started = time.perf_counter()
        make_data.build(branch, count, 13)
        print(f"fill: {time.perf_counter() - started:.1f} s, {counted(branch)}")
        admin, office = actor(branch, "admin"), actor(branch, "bangongshi")
        service.import_package(site, service.make_site_package(branch, admin, "BD"), None)
        enrol = service.export_package(site, actor(site, "jingban"), "SJZ-BGS")
        service.import_package(branch, enrol.data, office)
        with branch.session() as s:
            s.execute(update(ExchangePeer).where(ExchangePeer.unit_code == "BD").values(role="upstream"))

        started = time.perf_counter()
        exported = service.export_package(branch, office, "BD")
        seconds = time.perf_counter() - started
        records = sum(v for k, v in exported.counts.items() if k != "audit")
        print(f"export: {seconds:.2f} s, {records} records + {exported.counts.get('audit', 0)} audit entries, "
              f"{len(exported.data):,} bytes ({len(exported.data) / 2**20:.2f} MiB, "
              f"{len(exported.data) / max(1, exported.counts.get('incident', 1)) / 1024:.1f} KiB per incident)")
        jingban = actor(site, "jingban")
        started = time.perf_counter()
        result = service.import_package(site, exported.data, jingban)
        print(f"import: {time.perf_counter() - started:.2f} s, new {sum(result.new.values())} records, "
              f"site now {counted(site)}")
        started = time.perf_counter()
        again = service.import_package(site, exported.data, jingban)
        print(f"import again: {time.perf_counter() - started:.2f} s, nothing new: {again.nothing_new}")
        started = time.perf_counter()
        back = service.export_package(site, jingban, "SJZ-BGS")
        print(f"site's next export: {time.perf_counter() - started:.2f} s, "
              f"{sum(v for k, v in back.counts.items() if k != 'audit')} records, {len(back.data):,} bytes")
    finally:
        branch.dispose()
        site.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
