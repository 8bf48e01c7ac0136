"""The scenario's answer with its range over multiplier and tariff pass-through settings.

The note's question -- what the US "debt conversion" does to the debt path,
growth, recession risk and the 10-year yield -- is answered for the spec's own
settings and for a grid of alternatives, deterministically (no Monte Carlo):

* multipliers: the spec's (central) and a low and a high set.  Low: first-year
  / peak multipliers purchases 0.4 / 0.5, transfers 0.2 / 0.3, taxes 0.1 / 0.2;
  high: purchases 1.2 / 1.5, transfers 0.8 / 1.0, taxes 0.6 / 0.8.  They span
  the normal-times range of IMF, Batini, Eyraud, Forni and Weber (2014,
  *Fiscal Multipliers*, Technical Notes and Manuals 14/04: first-year
  multipliers mostly 0-1, spending above revenue) and the low to middle part of
  Whalen and Reichling (2015, CBO Working Paper 2015-02);
* tariff pass-through to import prices: 1.0 (Amiti, Redding and Weinstein
  2019; Fajgelbaum et al. 2020) and 0.6 (partial pass-through as Cavallo,
  Gopinath, Neiman and Tang 2021 find at the retail level).

Each figure is reported as ``{"value", "low", "high"}``: the spec's settings
and the smallest and largest value over the grid.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import product
from typing import Any, Final

import numpy as np
import pandas as pd

from debtcycle.analytics.scenarios.run import (
    Deterministic,
    ScenarioInputs,
    baseline_table,
    deterministic,
    recession_path,
)
from debtcycle.analytics.scenarios.spec import ScenarioSpec

__all__ = ["MULTIPLIER_SETS", "PASS_THROUGH", "answer"]

#: Multiplier sets (instrument -> first year, peak) besides the spec's own.
MULTIPLIER_SETS: Final[dict[str, dict[str, dict[str, float]]]] = {
    "low": {"purchases": {"first_year": 0.4, "peak": 0.5},
            "transfers": {"first_year": 0.2, "peak": 0.3},
            "taxes": {"first_year": 0.1, "peak": 0.2}},
    "high": {"purchases": {"first_year": 1.2, "peak": 1.5},
             "transfers": {"first_year": 0.8, "peak": 1.0},
             "taxes": {"first_year": 0.6, "peak": 0.8}},
}
#: Tariff pass-through settings.
PASS_THROUGH: Final[tuple[float, ...]] = (0.6, 1.0)


def _mean(frame: pd.DataFrame | None, column: str) -> float:
    return float("nan") if frame is None else float(frame[column].mean())


def _figures(det: Deterministic, inputs: ScenarioInputs) -> dict[str, float]:
    scen = det.scen
    base = baseline_table(det.base)
    rec = recession_path(inputs.recession, base, scen)
    return {"debt_gdp_end": float(scen["debt_gdp"].iloc[-1]),
            "debt_gdp_change_vs_baseline_end": float(scen["debt_gdp"].iloc[-1]
                                                     - base["debt_gdp"].iloc[-1]),
            "real_gdp_growth_avg": float(scen["real_gdp_growth"].mean()),
            "real_gdp_growth_first_year": float(scen["real_gdp_growth"].iloc[0]),
            "recession_within_4q_avg": _mean(rec, "scenario"),
            "yield_10y_end": float(scen["yield_10y"].iloc[-1])}


def _variants(spec: ScenarioSpec) -> list[ScenarioSpec]:
    out = []
    for mult, pt in product([None, *MULTIPLIER_SETS], PASS_THROUGH):
        levers = {k: dict(v) for k, v in spec.levers.items()}
        if "tariff" in levers:
            levers["tariff"]["pass_through"] = pt
        multipliers = spec.multipliers if mult is None else MULTIPLIER_SETS[mult]
        out.append(replace(spec, levers=levers, multipliers=multipliers))
    return out


def answer(spec: ScenarioSpec, inputs: ScenarioInputs, det: Deterministic) -> dict[str, Any]:
    """Return each headline figure with its low-high range over the settings grid.

    Parameters
    ----------
    spec : ScenarioSpec
    inputs : ScenarioInputs
    det : Deterministic
        The spec's own deterministic run.
    """
    central = _figures(det, inputs)
    grid = [_figures(deterministic(v, inputs), inputs) for v in _variants(spec)]
    base = baseline_table(det.base)
    official = baseline_table(det.official)
    rec = recession_path(inputs.recession, base, official)
    out: dict[str, Any] = {}
    for key, value in central.items():
        values = np.array([g[key] for g in grid] + [value])
        if np.isnan(values).all():
            out[key] = None
            continue
        out[key] = {"value": value, "low": float(values.min()), "high": float(values.max())}
    last = int(det.scen.index[-1])
    out["year_end"] = last
    out["baseline"] = {"debt_gdp_end": float(base["debt_gdp"].iloc[-1]),
                       "official_debt_gdp_end": float(official["debt_gdp"].iloc[-1]),
                       "real_gdp_growth_avg": float(base["real_gdp_growth"].mean()),
                       "recession_within_4q_avg": _mean(rec, "scenario"),
                       "yield_10y_end": float(base["yield_10y"].iloc[-1])}
    out["recession_base_rate"] = (None if inputs.recession is None else
                                  inputs.recession.forecasts["within_4q"].base_rate)
    out["settings"] = {"multipliers": ["spec", *MULTIPLIER_SETS],
                       "tariff_pass_through": list(PASS_THROUGH)}
    return out
