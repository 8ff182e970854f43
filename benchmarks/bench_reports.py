"""Build times of the report layer, warm (fonts registered, modules imported): median of N builds.

    python benchmarks/bench_reports.py [N]

Target: a 3-page written report under 300 ms warm.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop.reports.build import BuildResult, build
from tests.fixtures.samples import sample_first_report, sample_register


def measure(label: str, make: Callable[[], BuildResult], runs: int) -> float:
    first = time.perf_counter()
    result = make()
    cold = time.perf_counter() - first
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        make()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{label:<34} {result.pages:>2} pages {len(result.pdf) / 1024:>6.0f} KiB   "
          f"first {cold * 1000:>6.0f} ms   warm median {median * 1000:>6.1f} ms "
          f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, n={runs})")
    return median


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    report, register = sample_first_report(), sample_register(50)  # a signed 3-page 首报
    t_report = measure("written report (首报, signed)", lambda: build("written-report", report), runs)
    measure("register, 50 incidents", lambda: build("register", register), runs)
    ok = t_report < 0.3
    print(f"target: written report warm < 300 ms: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
