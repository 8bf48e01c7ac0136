"""Asset returns by leverage phase: annualised returns, volatility, drawdown, yield changes.

For each phase (a row ``start``, ``end``, ``label`` of a phases table, see
:func:`debtcycle.analytics.leverage.detect_phases`) and each asset level
series (a price or total-return index, nominal or real), the window runs
from the level at the end of ``start`` to the level at the end of ``end``
(:func:`~debtcycle.analytics.markets._series.window`):

* ``<asset>_pct_pa``: annualised return, ``(L1 / L0) ** (1 / years) - 1``,
  years counted in days / 365.25 between the two observations used;
* ``<asset>_lo`` / ``<asset>_hi``: percentile interval (``level``, default 90%)
  of the annualised mean log return, moving-block bootstrap of the periodic
  log returns (:mod:`~debtcycle.analytics.markets.bootstrap`);
* ``<asset>_vol_pct``: standard deviation of periodic log returns times
  ``sqrt(periods per year)``;
* ``<asset>_max_dd_pct``: largest fall from a running peak within the window;
* ``<asset>_from`` / ``<asset>_to``: the observations used (a window the data
  cover only in part is cut to the data, and these say so);
* ``<asset>_vs_all_pp``: the annualised return minus the ``all periods`` one (pp).

For each rate series (10-year yield, %): the levels at both ends, the
change in basis points and that change per year (``<rate>_bp_per_year``,
comparable across phases of different length).  A row ``label = "all periods"`` gives the same
figures from the first phase start to the last phase end: the unconditional
benchmark each phase is read against.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.analytics.markets._series import (
    end_times,
    period_index,
    periods_per_year,
    window,
)
from debtcycle.analytics.markets.bootstrap import mean_ci
from debtcycle.errors import BadInputError

__all__ = ["ALL_PERIODS", "MarketPhases", "asset_stats", "label_summary", "phase_returns",
           "rate_change"]

ALL_PERIODS = "all periods"
_MIN_YEARS = 0.75  # a shorter covered window gives no annualised figure


def asset_stats(level: pd.Series, start: pd.Period, end: pd.Period, *, level_ci: float = 0.9,
                n_boot: int = 2000, seed: int = 0, block: int | None = None
                ) -> dict[str, Any]:
    """Return annualised return, bootstrap interval, volatility and drawdown over a window.

    Returns
    -------
    dict
        ``pct_pa``, ``lo``, ``hi``, ``vol_pct``, ``max_dd_pct`` (all in %),
        ``from``, ``to`` (periods used) and ``years``; values are NaN / None
        when the series covers less than nine months of the window.
    """
    empty: dict[str, Any] = {"pct_pa": math.nan, "lo": math.nan, "hi": math.nan,
                             "vol_pct": math.nan, "max_dd_pct": math.nan, "from": None,
                             "to": None, "years": math.nan}
    part = window(level, start, end)
    if len(part) < 2:
        return empty
    ends = end_times(period_index(part))
    years = float((ends[-1] - ends[0]).astype(int)) / 365.25
    if years < _MIN_YEARS:
        return empty
    values = part.to_numpy(dtype=float)
    if (values <= 0).any():
        raise BadInputError(f"{level.name or 'level series'} has values <= 0; returns need a "
                            "positive price or total-return index.")
    logs = np.diff(np.log(values))
    ppy = periods_per_year(level)
    lo, hi = mean_ci(logs, level=level_ci, n_boot=n_boot, block=block, seed=seed)
    peak = np.maximum.accumulate(values)
    return {
        "pct_pa": (math.exp(math.log(values[-1] / values[0]) / years) - 1) * 100,
        "lo": (math.exp(lo * ppy) - 1) * 100, "hi": (math.exp(hi * ppy) - 1) * 100,
        "vol_pct": float(np.std(logs, ddof=1) * math.sqrt(ppy) * 100) if len(logs) > 1
        else math.nan,
        "max_dd_pct": float((values / peak - 1).min() * 100),
        "from": part.index[0], "to": part.index[-1], "years": years,
    }


def rate_change(rate: pd.Series, start: pd.Period, end: pd.Period) -> dict[str, Any]:
    """Return the rate at both ends of a window (%), the change and the change a year (bp)."""
    part = window(rate, start, end)
    if len(part) < 2:
        return {"start": math.nan, "end": math.nan, "change_bp": math.nan,
                "bp_per_year": math.nan, "from": None, "to": None}
    first, last = float(part.iloc[0]), float(part.iloc[-1])
    ends = end_times(period_index(part))
    years = float((ends[-1] - ends[0]).astype(int)) / 365.25
    return {"start": first, "end": last, "change_bp": (last - first) * 100,
            "bp_per_year": (last - first) * 100 / years if years > 0 else math.nan,
            "from": part.index[0], "to": part.index[-1]}


def _check_phases(phases: pd.DataFrame) -> None:
    missing = [c for c in ("start", "end", "label") if c not in phases.columns]
    if missing:
        raise BadInputError(f"phases table lacks columns {missing}; pass Phases.table "
                            "(start, end, label).")


def _row(start: pd.Period, end: pd.Period, assets: Mapping[str, pd.Series],
         rates: Mapping[str, pd.Series], **boot: Any) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, level in assets.items():
        stats = asset_stats(level, start, end, **boot)
        row.update({f"{name}_{k}": v for k, v in stats.items() if k != "years"})
    for name, rate in rates.items():
        change = rate_change(rate, start, end)
        row.update({f"{name}_{k}": v for k, v in change.items()})
    return row


def phase_returns(phases: pd.DataFrame, assets: Mapping[str, pd.Series],
                  rates: Mapping[str, pd.Series] | None = None, *, level_ci: float = 0.9,
                  n_boot: int = 2000, seed: int = 0, block: int | None = None
                  ) -> pd.DataFrame:
    """Return one row per phase (and an ``all periods`` row) with market figures.

    Parameters
    ----------
    phases : DataFrame
        ``start``, ``end`` (Periods or labels), ``label``; other columns (e.g.
        ``sector``) are kept.
    assets : mapping of str to Series
        Name -> positive level series (price or total-return index) on a PeriodIndex.
    rates : mapping of str to Series, optional
        Name -> rate in % (e.g. the 10-year yield).
    level_ci, n_boot, seed, block
        Bootstrap interval level, resamples, seed and block length.

    Returns
    -------
    DataFrame
        The phases' columns followed by the figures described in the module docstring.
    """
    _check_phases(phases)
    if phases.empty:
        raise BadInputError("no phases to measure; the phases table is empty.")
    boot: dict[str, Any] = {"level_ci": level_ci, "n_boot": n_boot, "seed": seed, "block": block}
    rates = rates or {}
    rows: list[dict[str, Any]] = []
    for record in phases.to_dict(orient="records"):
        phase = {str(k): v for k, v in record.items()}
        start, end = pd.Period(phase["start"]), pd.Period(phase["end"])
        phase["years"] = _years(start, end)
        rows.append({**phase, **_row(start, end, assets, rates, **boot)})
    first = min(pd.Period(p) for p in phases["start"])
    last = max(pd.Period(p) for p in phases["end"])
    overall: dict[str, Any] = {str(c): None for c in phases.columns}
    overall.update({"start": first, "end": last, "label": ALL_PERIODS,
                    "years": _years(first, last)})
    rows.append({**overall, **_row(first, last, assets, rates, **boot)})
    table = pd.DataFrame(rows)
    for name in assets:
        column = f"{name}_pct_pa"
        table[f"{name}_vs_all_pp"] = table[column] - table[column].iloc[-1]
    return table


def _years(start: pd.Period, end: pd.Period) -> float:
    days = (end.end_time.normalize() - start.end_time.normalize()).days
    return round(days / 365.25, 2)


@dataclass(frozen=True)
class MarketPhases(Result):
    """Market figures by leverage phase for one country.

    Attributes
    ----------
    country : str
    table : DataFrame
        One row per (sector, phase) plus an ``all periods`` row per sector;
        columns as in :func:`phase_returns`.
    series : dict
        Asset/rate name -> metadata of the series used (source, key, freq).
    levels : DataFrame
        The series measured, long: ``variable``, ``period`` (start date), ``value``
        (for charts; not in :meth:`to_dict`).
    """

    country: str
    table: pd.DataFrame
    series: dict[str, dict[str, Any]]
    levels: pd.DataFrame = field(default_factory=pd.DataFrame)

    def to_frame(self) -> pd.DataFrame:
        """Return the phase table."""
        return self.table

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape: country, rows, series used, parameters, provenance."""
        out = super().to_dict()
        return {"country": self.country, **out, "series": self.series}


def _median_ci(values: pd.Series, level: float, n_boot: int, seed: int) -> tuple[float, float]:
    x = values.dropna().to_numpy(dtype=float)
    if len(x) < 3:
        return math.nan, math.nan
    draws = np.random.default_rng(seed).choice(x, size=(n_boot, len(x)), replace=True)
    tail = (1 - level) / 2
    low, high = np.quantile(np.median(draws, axis=1), [tail, 1 - tail])
    return float(low), float(high)


def label_summary(tables: Mapping[str, pd.DataFrame], *, asset: str = "equity_real",
                  bond: str = "bond_real", rate: str = "yield_10y", level: float = 0.9,
                  n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Summarise phase tables of several countries by sector and phase label.

    Returns one row per (``sector``, ``label``): the number of phases and
    countries, the median annualised ``asset`` and ``bond`` returns (%) with a
    ``level`` interval for the ``asset`` median (phases resampled, seeded), the
    share of phases with a negative ``asset`` return, and the median change of
    ``rate`` per year (bp).  ``all periods`` rows are summarised too, as the benchmark.
    """
    frames = [t.assign(country=c) for c, t in tables.items() if not t.empty]
    if not frames:
        raise BadInputError("no phase tables to summarise.")
    data = pd.concat(frames, ignore_index=True)
    if "sector" not in data.columns:
        data["sector"] = ""
    cols = {f"{asset}_pct_pa": "median", f"{bond}_pct_pa": "median",
            f"{rate}_bp_per_year": "median"}
    cols = {k: v for k, v in cols.items() if k in data.columns}
    grouped = data.groupby(["sector", "label"], sort=True)
    out = grouped.agg(phases=("label", "size"), countries=("country", "nunique"),
                      **{f"median_{k}": (k, v) for k, v in cols.items()})
    main = f"{asset}_pct_pa"
    if main in data.columns:
        valid = data.dropna(subset=[main])
        out["share_negative_" + main] = valid.groupby(["sector", "label"])[main].apply(
            lambda s: float((s < 0).mean()))
        bounds = {key: _median_ci(group[main], level, n_boot, seed)
                  for key, group in data.groupby(["sector", "label"], sort=True)}
        out[f"median_{main}_lo"] = [bounds[k][0] for k in out.index]
        out[f"median_{main}_hi"] = [bounds[k][1] for k in out.index]
    return out.reset_index()
