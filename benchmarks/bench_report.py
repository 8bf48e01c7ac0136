"""Benchmark: one country's research note, warm, against the facade calls it makes.

Baseline: the sum of the facade calls' own times inside the same build (the
note cannot be faster than the analyses it reports).  Overhead = build +
HTML render minus that sum.  Run: ``python -m benchmarks bench_report``.
"""

from __future__ import annotations

import os
import statistics
import time

from debtcycle.outputs.report import build_note, note_html

COUNTRY = os.environ.get("DEBTCYCLE_BENCH_COUNTRY", "CN")
REPEATS = 3


def _once() -> tuple[float, float, float]:
    start = time.perf_counter()
    note = build_note(COUNTRY)
    built = time.perf_counter()
    note_html(note)
    done = time.perf_counter()
    facade = sum(v for k, v in note.timings.items() if k != "total")
    return done - start, built - start, facade


def main() -> dict[str, object]:
    cold = _once()  # warms the store connection, imports and the Vega bundle cache
    runs = [_once() for _ in range(REPEATS)]
    total = statistics.median(r[0] for r in runs)
    facade = statistics.median(r[2] for r in runs)
    out: dict[str, object] = {
        "country": COUNTRY,
        "cold_seconds": round(cold[0], 2),
        "warm_seconds": round(total, 2),
        "warm_build_seconds": round(statistics.median(r[1] for r in runs), 2),
        "facade_calls_seconds": round(facade, 2),
        "ratio_to_facade_calls": round(total / facade, 2) if facade else None,
        "goal_seconds": 5.0,
        "meets_goal": total < 5.0,
    }
    print(out)
    return out


if __name__ == "__main__":
    main()
