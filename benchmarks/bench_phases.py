"""Benchmark: phases for every BIS debt/GDP series (all countries x sectors) in one call."""

from __future__ import annotations

import time

import debtcycle
from debtcycle.analytics.leverage import phases_panel
from debtcycle.facade.leverage import SECTORS


def main() -> dict[str, object]:
    found = debtcycle.available(measure="debt_gdp")
    found = found[(found["source"] == "bis") & found["sector"].isin(SECTORS)]
    countries = sorted(found["country"].unique())
    t0 = time.perf_counter()
    frame = debtcycle.panel(countries, list(SECTORS), "debt_gdp", skip_missing=True, source="bis")
    t1 = time.perf_counter()
    result = phases_panel(frame)
    t2 = time.perf_counter()
    table = result.to_frame()
    out: dict[str, object] = {
        "series": len(result.phases),
        "observations": int(frame.notna().sum().sum()),
        "phases": len(table),
        "load_seconds": round(t1 - t0, 2),
        "detect_seconds": round(t2 - t1, 2),
        "ms_per_series": round(1000 * (t2 - t1) / max(len(result.phases), 1), 1),
        "current_phase_counts": result.current().value_counts().to_dict(),
    }
    print(out)
    return out
