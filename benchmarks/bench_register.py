"""Peak memory of the register (台账) for a period of 300 and 1,500 incidents.

    .venv/bin/python benchmarks/bench_register.py [N ...]

Builds the example database (desktop.demo), clones its incidents up to N with long 3.3.2 element texts (the part
of a record the register does not print), and measures `printing.build_register` with tracemalloc. The period's
incidents are read in chunks and only what the register prints is kept, so the peak grows with the rows the PDF
must lay out, not with every incident's full record; the detail table is laid out in chunks of rows
(reports.register.REGISTER_CHUNK), so the per-incident peak stays flat as the period grows.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from desktop.db.models import Incident
from desktop.db.session import Database
from desktop.domain import SYSTEM

PERIOD = (date(2020, 1, 1), date(2020, 12, 31))


def add_incidents(db: Database, n: int, text_size: int = 4000) -> None:
    """N copies of the first example incident spread over PERIOD (no events: their deadlines are pending)."""
    with db.session() as session:
        src = session.execute(select(Incident).order_by(Incident.id)).scalars().first()
        assert src is not None, "the example database has no incident"
        base = {c.key: getattr(src, c.key) for c in Incident.__table__.columns if c.key not in ("id", "number")}
        start = db_time(PERIOD[0])
        for i in range(n):
            row = dict(base, number=f"BM-2020-{i:05d}", title=f"{src.title}（样本{i}）",
                       occurred_at=start + timedelta(minutes=97 * i), learned_at=start + timedelta(minutes=97 * i + 5),
                       el_situation="舆情持续发酵。" * (text_size // 7), el_cause="客户投诉。" * (text_size // 5))
            session.add(Incident(**row))
            if i % 500 == 499:
                session.flush()
        session.commit()


def db_time(day: date):  # the first day, 09:00 China Standard Time, as an aware datetime
    from datetime import datetime, time

    from desktop.timeutil import CST

    return datetime.combine(day, time(9, 0), CST)


def measure(db: Database) -> tuple[int, int, float]:
    from desktop.services import printing

    with db.session() as session:
        count = session.execute(select(func.count()).select_from(Incident)
                                .where(Incident.number.like("BM-%"))).scalar_one()
        printing.build_register(session, SYSTEM, PERIOD[0], PERIOD[0])  # warm: fonts registered, modules loaded
        tracemalloc.start()
        t0 = time.perf_counter()
        printed = printing.build_register(session, SYSTEM, *PERIOD)
        seconds = time.perf_counter() - t0
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert printed.pdf.startswith(b"%PDF-")
    return count, peak, seconds


def main(sizes: list[int]) -> None:
    from desktop import demo

    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ.setdefault("REPDESK_KEY_DIR", str(Path(tmp) / "keys"))
            db = Database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
            demo.fill(db)
            add_incidents(db, n)
            count, peak, seconds = measure(db)
            print(f"{count:>6} incidents: peak {peak / 2**20:7.1f} MiB, {peak / count / 1024:6.1f} KiB each, "
                  f"{seconds:6.1f} s")
            db.dispose()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [300, 1500])
