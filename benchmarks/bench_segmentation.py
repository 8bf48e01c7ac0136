"""Exact segmentation (dynamic programme) against ruptures' PELT on every BIS debt/GDP series.

Both minimise the same objective (clinear cost + 40 pp^2 per kink, segments of at
least 8 quarters) on the same causally smoothed, Covid-masked ratios; both are
timed in the same run, alternating, median of ``REPEAT`` passes.  Baseline: PELT
(ruptures 1.1.10, ``jump=1``), the method used before.  Reported: time per series
and the ratio, on how many series the exact objective is lower (PELT's pruning is
not valid for this cost) and by how much, and how many current phase labels change.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import ruptures as rpt

import debtcycle
from debtcycle.analytics.leverage.phases import DEFAULT_MASK, _apply_mask
from debtcycle.analytics.leverage.segment import causal_smooth, objective, segment_exact
from debtcycle.facade.leverage import SECTORS

PENALTY, MIN_SIZE, REPEAT = 40.0, 8, 3


def _label(y: np.ndarray, ends: list[int]) -> str:
    start = 0 if len(ends) == 1 else ends[-2] - 1
    slope = (y[-1] - y[start]) / ((len(y) - 1 - start) / 4)
    return "leveraging" if slope > 1 else "deleveraging" if slope < -1 else "stable"


def main() -> dict[str, object]:
    found = debtcycle.available(measure="debt_gdp")
    found = found[(found["source"] == "bis") & found["sector"].isin(SECTORS)]
    frame = debtcycle.panel(sorted(found["country"].unique()), list(SECTORS), "debt_gdp",
                            skip_missing=True, source="bis")
    inputs = []
    for _, col in frame.items():
        values = col.dropna()
        if len(values) >= 2 * MIN_SIZE:
            masked = _apply_mask(values, DEFAULT_MASK)
            inputs.append(causal_smooth(masked.to_numpy(dtype=float), 3))
    dp_times, pelt_times = [], []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        exact = [segment_exact(y, PENALTY, MIN_SIZE) for y in inputs]
        t1 = time.perf_counter()
        pelt = [[int(e) for e in rpt.Pelt(model="clinear", min_size=MIN_SIZE, jump=1)
                 .fit(y).predict(pen=PENALTY)] for y in inputs]
        t2 = time.perf_counter()
        dp_times.append(t1 - t0)
        pelt_times.append(t2 - t1)
    gains = []
    labels_changed = 0
    for y, fit, ends in zip(inputs, exact, pelt, strict=True):
        o_pelt = objective(y, ends, PENALTY)
        gains.append((o_pelt - fit.objective) / o_pelt if o_pelt > 0 else 0.0)
        labels_changed += _label(y, fit.ends) != _label(y, ends)
    lower = [g for g in gains if g > 1e-9]
    n = len(inputs)
    out: dict[str, object] = {
        "series": n,
        "exact_ms_per_series": round(1000 * statistics.median(dp_times) / n, 2),
        "pelt_ms_per_series": round(1000 * statistics.median(pelt_times) / n, 2),
        "speed_ratio_pelt_over_exact": round(statistics.median(pelt_times)
                                             / statistics.median(dp_times), 2),
        "exact_lower_on": len(lower),
        "pelt_lower_on": sum(g < -1e-9 for g in gains),
        "median_gain_where_lower_pct": round(100 * statistics.median(lower), 2) if lower else 0,
        "max_gain_pct": round(100 * max(gains), 2),
        "current_labels_changed": labels_changed,
    }
    print(out)
    return out
