"""The market channel of a fiscal scenario: implied 10-year yield and equity-price changes.

The scenario engine already gives the 10-year yield, real growth and
inflation paths of the baseline and the scenario.  The equity price is
valued as earnings times a multiple, so its change against the baseline is
split in two (log approximation):

* **earnings**: ``beta * dY``, where ``dY`` is the scenario's nominal GDP
  level deviation from baseline (cumulated growth and inflation differences)
  and ``beta`` the elasticity of index earnings to GDP;
* **discount rate**: ``-kappa * dy / ey``, where ``dy`` is the change in the
  10-year yield (as a fraction), ``kappa`` the share of it passed to the
  equity discount rate (0: the equity risk premium absorbs it all; 1: full
  pass-through) and ``ey`` the earnings yield (so ``1 / ey`` is the equity
  duration of a perpetuity growing with earnings).

The central case uses ``beta_mid`` and ``kappa = 0.5``; the range spans
``beta_low .. beta_high`` and ``kappa`` 0 .. 1.  ``beta`` is estimated from
the data (:func:`earnings_beta`: Shiller real earnings on US real GDP, annual
log changes, with a block-bootstrap interval), ``ey`` is the latest
earnings yield in Shiller's data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.analytics.markets.bootstrap import default_block
from debtcycle.errors import BadInputError

__all__ = ["EarningsBeta", "ScenarioMarkets", "earnings_beta", "equity_channel"]

_NEEDED = ("real_gdp_growth", "inflation", "yield_10y")


@dataclass(frozen=True)
class EarningsBeta:
    """Elasticity of real earnings to real GDP, with its bootstrap interval."""

    mid: float
    low: float
    high: float
    n: int
    first: int
    last: int


def earnings_beta(real_earnings: pd.Series, real_gdp: pd.Series, *, level: float = 0.9,
                  n_boot: int = 2000, seed: int = 0) -> EarningsBeta:
    """Estimate the OLS slope of annual log changes of real earnings on real GDP.

    Both series are annual on a PeriodIndex.  The interval resamples blocks of
    consecutive years (``n ** (1/3)``) of the (x, y) pairs with a seeded generator.
    """
    both = pd.concat([real_earnings, real_gdp], axis=1, join="inner").dropna()
    both = both[(both > 0).all(axis=1)]
    if len(both) < 12:
        raise BadInputError("earnings_beta needs at least 12 common years of earnings and GDP.")
    growth = np.log(both.to_numpy(dtype=float))
    d = np.diff(growth, axis=0)
    y, x = d[:, 0], d[:, 1]

    def slope(xs: np.ndarray, ys: np.ndarray) -> float:
        xc = xs - xs.mean()
        return float((xc * (ys - ys.mean())).sum() / (xc * xc).sum())

    rng = np.random.default_rng(seed)
    n, size = len(x), default_block(len(x))
    starts = rng.integers(0, n - size + 1, size=(n_boot, math.ceil(n / size)))
    idx = (starts[:, :, None] + np.arange(size)).reshape(n_boot, -1)[:, :n]
    draws = np.array([slope(x[i], y[i]) for i in idx])
    tail = (1 - level) / 2
    low, high = np.quantile(draws, [tail, 1 - tail])
    years = [p.year for p in both.index]
    return EarningsBeta(mid=slope(x, y), low=float(low), high=float(high), n=n,
                        first=years[1], last=years[-1])


@dataclass(frozen=True)
class ScenarioMarkets(Result):
    """Implied yield and equity-price changes of a scenario against its baseline, by year."""

    country: str
    table: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return the table by year."""
        return self.table

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape: country, rows by year, parameters, provenance."""
        return {"country": self.country, **super().to_dict()}


def _nominal_level(frame: pd.DataFrame) -> np.ndarray:
    growth = (1 + frame["real_gdp_growth"].to_numpy(dtype=float) / 100) * (
        1 + frame["inflation"].to_numpy(dtype=float) / 100)
    level: np.ndarray = np.cumprod(growth)
    return level


def equity_channel(baseline: pd.DataFrame, scenario: pd.DataFrame, *, beta: EarningsBeta,
                   earnings_yield: float, country: str = "",
                   provenance: dict[str, Any] | None = None) -> ScenarioMarkets:
    """Return the implied equity-price change of a scenario, central and range, by year.

    Parameters
    ----------
    baseline, scenario : DataFrame
        By year, with ``real_gdp_growth``, ``inflation`` (% per year) and
        ``yield_10y`` (%), as in :class:`~debtcycle.analytics.scenarios.run.ScenarioResult`.
    beta : EarningsBeta
        Earnings-to-GDP elasticity and its interval.
    earnings_yield : float
        Earnings / price, as a fraction (e.g. 0.035).

    Returns
    -------
    ScenarioMarkets
        Columns ``yield_change_bp``, ``nominal_gdp_pct``, ``earnings_pct``,
        ``discount_rate_pct``, ``equity_pct`` (central), ``equity_low_pct``,
        ``equity_high_pct``.
    """
    missing = [c for c in _NEEDED if c not in baseline.columns or c not in scenario.columns]
    if missing:
        raise BadInputError(f"scenario paths lack {missing}; pass ScenarioResult.baseline and "
                            ".scenario.")
    if not 0 < earnings_yield < 1:
        raise BadInputError(f"earnings_yield {earnings_yield} must be a fraction in (0, 1).")
    d_level = np.log(_nominal_level(scenario) / _nominal_level(baseline))
    d_yield = (scenario["yield_10y"].to_numpy(dtype=float)
               - baseline["yield_10y"].to_numpy(dtype=float)) / 100
    combos = [(b, k) for b in (beta.low, beta.mid, beta.high) for k in (0.0, 0.5, 1.0)]
    paths = np.array([b * d_level - k * d_yield / earnings_yield for b, k in combos])
    table = pd.DataFrame({
        "yield_change_bp": d_yield * 1e4,
        "nominal_gdp_pct": np.expm1(d_level) * 100,
        "earnings_pct": np.expm1(beta.mid * d_level) * 100,
        "discount_rate_pct": np.expm1(-0.5 * d_yield / earnings_yield) * 100,
        "equity_pct": np.expm1(beta.mid * d_level - 0.5 * d_yield / earnings_yield) * 100,
        "equity_low_pct": np.expm1(paths.min(axis=0)) * 100,
        "equity_high_pct": np.expm1(paths.max(axis=0)) * 100,
    }, index=baseline.index)
    params = {"beta": beta.mid, "beta_low": beta.low, "beta_high": beta.high,
              "beta_sample": f"{beta.first}-{beta.last}", "earnings_yield": earnings_yield,
              "pass_through_central": 0.5, "pass_through_range": [0.0, 1.0],
              "method": "earnings (beta x nominal GDP level) + discount rate "
                        "(-pass-through x d(yield) / earnings yield)"}
    return ScenarioMarkets(country=country, table=table, params=params,
                           provenance=dict(provenance or {}))
