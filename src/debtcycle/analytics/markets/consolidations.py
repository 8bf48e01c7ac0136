"""Fiscal consolidation years: the primary balance improves by at least 1.5% of GDP.

The rule is Alesina and Ardagna's (2010, "Large changes in fiscal policy:
taxes versus spending", *Tax Policy and the Economy* 24): a year is a large
fiscal adjustment when the cyclically adjusted primary balance (CAPB)
improves by at least 1.5% of GDP.  Cyclical adjustment follows their
method, Blanchard's (1990) fiscal impulse: regress the primary balance on a
constant, a linear trend and the unemployment rate over the sample, and
measure the change in the balance as if unemployment had stayed at last
year's level::

    dCAPB[t] = dPB[t] - b * (U[t] - U[t-1])

where ``b`` is the unemployment coefficient.  Where no unemployment rate
is given for a year, the change is the unadjusted ``dPB[t]`` and the row
says ``basis = "unadjusted"``.  This identifies past episodes; it is not a
forecast, so the regression uses the whole sample (as Alesina and Ardagna do).
Consecutive consolidation years form one episode, dated by its first year.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.errors import BadInputError

__all__ = ["THRESHOLD", "Consolidations", "consolidations", "fiscal_impulse"]

#: Improvement of the (cyclically adjusted) primary balance, % of GDP (Alesina-Ardagna 2010).
THRESHOLD = 1.5


def _annual(series: pd.Series, what: str) -> pd.Series:
    if not isinstance(series.index, pd.PeriodIndex) or str(series.index.freqstr)[0] not in "YA":
        raise BadInputError(f"{what} must be an annual series on a PeriodIndex.")
    clean = series.dropna().astype(float)
    return pd.Series(clean.to_numpy(), index=[p.year for p in clean.index], name=what)


def _unemployment_beta(pb: pd.Series, unemp: pd.Series) -> float:
    both = pd.concat([pb, unemp], axis=1, join="inner").dropna()
    if len(both) < 10:
        return math.nan
    years = both.index.to_numpy(dtype=float)
    design = np.column_stack([np.ones(len(both)), years - years.mean(), both.iloc[:, 1]])
    coef, *_ = np.linalg.lstsq(design, both.iloc[:, 0].to_numpy(dtype=float), rcond=None)
    return float(coef[2])


def fiscal_impulse(primary_balance: pd.Series, unemployment: pd.Series | None = None
                   ) -> tuple[pd.DataFrame, float]:
    """Return the yearly change in the (cyclically adjusted) primary balance.

    Parameters
    ----------
    primary_balance : Series
        Annual primary balance, % of GDP (surplus +), on a PeriodIndex.
    unemployment : Series, optional
        Annual unemployment rate, %; without it every year is unadjusted.

    Returns
    -------
    (DataFrame, float)
        Table by ``year``: ``primary_balance``, ``change_pb``, ``unemployment``,
        ``change_capb``, ``basis``; and the unemployment coefficient ``b``
        (NaN when unadjusted).
    """
    pb = _annual(primary_balance, "primary balance")
    table = pd.DataFrame({"primary_balance": pb})
    table["change_pb"] = pb.diff()
    beta = math.nan
    if unemployment is not None:
        unemp = _annual(unemployment, "unemployment")
        beta = _unemployment_beta(pb, unemp)
        table["unemployment"] = unemp.reindex(table.index)
    else:
        table["unemployment"] = math.nan
    d_u = table["unemployment"].diff()
    adjusted = d_u.notna() & math.isfinite(beta)
    table["change_capb"] = table["change_pb"].where(~adjusted, table["change_pb"] - beta * d_u)
    table["basis"] = np.where(adjusted, "cyclically adjusted", "unadjusted")
    table = table.iloc[1:]
    table.index.name = "year"
    return table, beta


@dataclass(frozen=True)
class Consolidations(Result):
    """Consolidation years and episodes identified from a primary balance.

    Attributes
    ----------
    country : str
    years : DataFrame
        Every year with its fiscal impulse (see :func:`fiscal_impulse`) and
        ``consolidation`` (bool).
    episodes : DataFrame
        ``start``, ``end`` (years), ``years``, ``change_capb`` (sum over the
        episode, % of GDP), ``basis``.
    beta : float
        Unemployment coefficient of the cyclical adjustment (NaN if unadjusted).
    """

    country: str
    years: pd.DataFrame
    episodes: pd.DataFrame
    beta: float

    @property
    def consolidation_years(self) -> list[int]:
        """Years that meet the threshold."""
        return [int(y) for y in self.years.index[self.years["consolidation"]]]

    def to_frame(self) -> pd.DataFrame:
        """Return the episodes."""
        return self.episodes

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape: episodes, the years that qualify, every year's impulse."""
        from debtcycle.analytics._result import jsonable

        return {"country": self.country, **super().to_dict(),
                "consolidation_years": self.consolidation_years,
                "unemployment_coefficient": jsonable(self.beta),
                "years": jsonable(self.years.reset_index().to_dict(orient="records"))}


def consolidations(primary_balance: pd.Series, unemployment: pd.Series | None = None, *,
                   threshold: float = THRESHOLD, country: str = "",
                   provenance: dict[str, Any] | None = None) -> Consolidations:
    """Identify consolidation years (``change_capb >= threshold``) and merge them into episodes."""
    table, beta = fiscal_impulse(primary_balance, unemployment)
    table["consolidation"] = table["change_capb"] >= threshold
    rows: list[dict[str, Any]] = []
    for year in table.index[table["consolidation"]]:
        if rows and rows[-1]["end"] == year - 1:
            rows[-1]["end"] = int(year)
            rows[-1]["change_capb"] += float(table.loc[year, "change_capb"])
            continue
        rows.append({"start": int(year), "end": int(year),
                     "change_capb": float(table.loc[year, "change_capb"]),
                     "basis": str(table.loc[year, "basis"])})
    episodes = pd.DataFrame(rows, columns=["start", "end", "change_capb", "basis"])
    episodes.insert(2, "years", episodes["end"] - episodes["start"] + 1)
    return Consolidations(country=country, years=table, episodes=episodes, beta=beta,
                          params={"threshold_pct_gdp": threshold,
                                  "rule": "Alesina-Ardagna (2010): dCAPB >= threshold",
                                  "adjustment": "Blanchard (1990) fiscal impulse, "
                                                "unemployment + trend regression"},
                          provenance=dict(provenance or {}))
