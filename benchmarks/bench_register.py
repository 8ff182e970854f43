"""The register (台账) streams: its time and peak memory for a month and a year (and the whole history).

    .venv/bin/python benchmarks/bench_register.py [--whole] URL [URL ...]

Each URL is a database filled by benchmarks/make_data.py (e.g. `--incidents 10000 --url sqlite:////tmp/r10k.db`).
Every register is built in a fresh subprocess (`printing.build_register` as the system account, as of the newest
incident), so the peak resident memory (resource.getrusage ru_maxrss) is that one print's and nothing else's; the
subprocess first builds a one-day register so that the fonts, the rule set and the modules are loaded before the
baseline is taken. The register reads the period's incidents in keyset-paged chunks, spools each incident's row
to a temporary file while it counts the per-unit totals, then feeds the detail table to ReportLab a few chunk
tables at a time; each finished page's compressed content goes to a spool file, and the PDF is written to its
output file (here a temporary file, as `repdesk report register` writes its -o file and the window its preview's
file) object by object. "growth/PDF" is the growth over the PDF's size: when ReportLab assembled the finished
file in memory it was about four to five times the PDF; written as it is formatted, what is left is ReportLab's
page objects (a few KiB a page). The last line for each database: the year's peak RSS against the month's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
from datetime import date, datetime
from desktop.db.session import Database
from desktop.domain import SYSTEM
from desktop.services import printing
from desktop.timeutil import CST

url, first, last, now = sys.argv[1], date.fromisoformat(sys.argv[2]), date.fromisoformat(sys.argv[3]), sys.argv[4]
now = datetime.fromisoformat(now)
db = Database(url)
with db.session() as session, open(sys.argv[5], "wb") as out:
    printing.build_register(session, SYSTEM, last, last, now)  # warm: fonts, rule set, modules
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    printed = printing.build_register(session, SYSTEM, first, last, now, out=out)  # as the command writes it
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = out.tell()
print(json.dumps({"seconds": seconds, "baseline_kib": before, "peak_kib": peak, "pdf_bytes": size,
                  "message": printed.message}))
"""


def span(url: str) -> tuple[date, date]:
    """The first and the last day (China Standard Time) with an incident."""
    from sqlalchemy import func, select

    from desktop.db.models import Incident
    from desktop.db.session import Database
    from desktop.timeutil import CST

    db = Database(url)
    with db.session() as session:
        low, high = session.execute(select(func.min(Incident.occurred_at), func.max(Incident.occurred_at))).one()
    db.dispose()
    return low.astimezone(CST).date(), high.astimezone(CST).date()


def run(url: str, first: date, last: date, now: str) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with tempfile.TemporaryDirectory(prefix="bench-register-") as folder:
        out = subprocess.run([sys.executable, "-c", CHILD, url, first.isoformat(), last.isoformat(), now,
                              os.path.join(folder, "register.pdf")],
                             capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(urls: list[str], whole: bool = False) -> None:
    print(f"{'database':<28} {'period':<24} {'incidents':>9} {'PDF KiB':>10} {'seconds':>8} "
          f"{'base MiB':>9} {'peak MiB':>9} {'growth':>7} {'growth/PDF':>10}")
    for url in urls:
        low, high = span(url)
        now = f"{(high + timedelta(days=1)).isoformat()}T00:00:00+08:00"
        periods = [("a month", high - timedelta(days=30), high), ("a year", high - timedelta(days=364), high)]
        if whole:
            periods.append(("the whole history", low, high))
        peaks: dict[str, float] = {}
        for label, first, last in periods:
            r = run(url, first, last, now)
            base, peak = int(str(r["baseline_kib"])) / 1024, int(str(r["peak_kib"])) / 1024
            peaks[label] = peak
            count = str(r["message"]).split("：")[-1].split(" ")[0]
            print(f"{url.rsplit('/', 1)[-1]:<28} {label:<24} {count:>9} {int(str(r['pdf_bytes'])) // 1024:>10} "
                  f"{float(str(r['seconds'])):>8.1f} {base:>9.0f} {peak:>9.0f} {peak - base:>7.0f} "
                  f"{(peak - base) * 2**20 / max(1, int(str(r['pdf_bytes']))):>10.1f}", flush=True)
        month, year = peaks["a month"], peaks["a year"]
        print(f"{url.rsplit('/', 1)[-1]:<28} peak RSS a month {month:.0f} MiB, a year {year:.0f} MiB: "
              f"{year - month:+.0f} MiB ({(year / month - 1) * 100:+.0f} %)", flush=True)


if __name__ == "__main__":
    argv = sys.argv[1:]
    if not [a for a in argv if a != "--whole"]:
        raise SystemExit(__doc__)
    main([a for a in argv if a != "--whole"], whole="--whole" in argv)
