"""Fan-chart speed: 1,000,000 paths x 10 years vs a plain Python loop on the same draws.

Run with ``.venv/bin/python -m benchmarks fan_chart``.  The plain loop is timed
on a subsample and scaled per path (running it on 10^6 paths would take
minutes); both use the same pre-drawn shocks for the accuracy check.
"""

from __future__ import annotations

import os
import resource
import time

import numpy as np
import pandas as pd

from debtcycle.analytics.scenarios import shock_model, simulate_fan
from debtcycle.analytics.scenarios.montecarlo import debt_kernel, debt_kernel_loop, draw_shocks

PATHS = 1_000_000
YEARS = 10
LOOP_PATHS = 5_000
SEED = 2026


def _history() -> pd.DataFrame:
    """Synthetic 40-year history with US-like volatilities (only the covariance matters)."""
    rng = np.random.default_rng(0)
    n = 40
    return pd.DataFrame({"real_growth": rng.normal(2.5, 1.6, n), "pi": rng.normal(2.5, 1.2, n),
                         "i": 4 + np.cumsum(rng.normal(0, 0.5, n)),
                         "pb": rng.normal(-2, 2.7, n)}, index=range(1985, 1985 + n))


def main() -> dict[str, object]:
    """Time the chunked vectorised fan chart and the plain loop; return the figures."""
    model = shock_model(_history())
    base = {"i": np.full(YEARS, 3.4), "g": np.full(YEARS, 4.0), "pb": np.full(YEARS, -2.2),
            "sfa": np.zeros(YEARS)}
    args = (99.0, base["i"], base["g"], base["pb"], base["sfa"], model)
    simulate_fan(*args, n_paths=10_000, seed=SEED)  # warm-up (imports, thread pool)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        fan = simulate_fan(*args, n_paths=PATHS, seed=SEED)
        times.append(time.perf_counter() - start)
    fast = min(times)

    shocks = draw_shocks(model, np.random.default_rng(SEED), LOOP_PATHS, YEARS)
    start = time.perf_counter()
    slow = debt_kernel_loop(99.0, base["i"], base["g"], base["pb"], base["sfa"], shocks)
    loop_per_path = (time.perf_counter() - start) / LOOP_PATHS
    start = time.perf_counter()
    vec = debt_kernel(99.0, base["i"], base["g"], base["pb"], base["sfa"], shocks)
    kernel_per_path = (time.perf_counter() - start) / LOOP_PATHS
    loop_full = loop_per_path * PATHS
    result = {
        "paths": PATHS, "years": YEARS, "cpus": os.cpu_count(),
        "fan_seconds_best_of_3": round(fast, 3), "fan_seconds_all": [round(t, 3) for t in times],
        "plain_loop_seconds_extrapolated": round(loop_full, 1),
        "speedup_vs_plain_loop": round(loop_full / fast, 1),
        "kernel_only_speedup_same_draws": round(loop_per_path / kernel_per_path, 1),
        "max_abs_diff_kernel_vs_loop": float(np.abs(vec - slow).max()),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "p50_last_year": round(float(fan.percentiles["p50"].iloc[-1]), 2),
        "under_1s": fast < 1.0,
    }
    print(result, flush=True)
    return result


if __name__ == "__main__":
    main()
