"""Benchmark: ``debtcycle.panel`` of every BIS debt/GDP series against one raw DuckDB query.

Baseline (measured in the same run, alternating with the panel call): one
``SELECT series_id, period, value`` of the same series ids, fetched into numpy
arrays on an open read-only DuckDB connection to the same store file.  Target:
panel within 5x of the baseline (medians of 21 alternating runs).
Also times 20 column operations on the panel with its read-only provenance
against the same operations with the provenance as a plain dict (which pandas
deep-copies on every operation).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import duckdb
import pandas as pd

import debtcycle
from debtcycle.config import store_path

SECTORS = ["households", "nonfin_corp", "general_gov", "private_nonfin", "total_nonfin"]


def _best(run: Callable[[], object], repeat: int = 15) -> float:
    run()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _paired(a: Callable[[], object], b: Callable[[], object], repeat: int = 21
            ) -> tuple[float, float]:
    """Median times of ``a`` and ``b`` run alternately (other jobs slow both alike)."""
    a(), b()
    times_a, times_b = [], []
    for _ in range(repeat):
        for run, times in ((a, times_a), (b, times_b)):
            t0 = time.perf_counter()
            run()
            times.append(time.perf_counter() - t0)
    return statistics.median(times_a), statistics.median(times_b)


def _operations(frame: pd.DataFrame) -> None:
    out = frame
    for _ in range(10):
        out = out.diff().add(1.0)


def main() -> dict[str, object]:
    found = debtcycle.available(measure="debt_gdp", source="bis")
    found = found[found["sector"].isin(SECTORS)]
    countries = sorted(found["country"].unique())
    frame = debtcycle.panel(countries, SECTORS, "debt_gdp", skip_missing=True, source="bis")
    ids = [int(i) for i in found["series_id"]]
    marks = ",".join("?" * len(ids))
    sql = f"SELECT series_id, period, value FROM observations WHERE series_id IN ({marks})"
    con = duckdb.connect(str(store_path()), read_only=True)
    try:
        rows = len(con.execute(sql, ids).fetchnumpy()["value"])
        panel, raw = _paired(
            lambda: debtcycle.panel(countries, SECTORS, "debt_gdp", skip_missing=True,
                                    source="bis"),
            lambda: con.execute(sql, ids).fetchnumpy(),
        )
    finally:
        con.close()
    plain = frame.copy()
    plain.attrs = {"info": {k: dict(v) for k, v in frame.attrs["info"].items()}}
    ops_frozen = _best(lambda: _operations(frame))
    ops_plain = _best(lambda: _operations(plain))
    out: dict[str, object] = {
        "series": frame.shape[1],
        "rows": rows,
        "panel_ms": round(1000 * panel, 2),
        "raw_duckdb_ms": round(1000 * raw, 2),
        "panel_vs_raw": round(panel / raw, 2),
        "target_panel_vs_raw": 5.0,
        "ops20_readonly_info_ms": round(1000 * ops_frozen, 2),
        "ops20_plain_dict_info_ms": round(1000 * ops_plain, 2),
        "ops_plain_vs_readonly": round(ops_plain / ops_frozen, 2),
    }
    print(out)
    return out
