"""Helpers on price and rate series: levels at period ends, deflation, frequency changes.

Every series here is on a :class:`pandas.PeriodIndex` of any frequency
(daily, monthly, quarterly, annual).  A boundary such as ``2008Q4`` is read
as the *end* of that period: the level "at 2008Q4" is the last observation
whose own period ends on or before 31 December 2008 (a monthly series gives
its December value, an annual one its 2008 value).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from debtcycle.errors import BadInputError

__all__ = ["annual_mean", "as_freq", "deflate", "end_times", "last_ratio", "period_index",
           "periods_per_year", "window"]

_PPY = {"D": 252, "B": 252, "M": 12, "Q": 4, "Y": 1, "A": 1}


def period_index(series: pd.Series) -> pd.PeriodIndex:
    """Return the series' PeriodIndex, or raise BadInputError naming the fix."""
    if not isinstance(series.index, pd.PeriodIndex):
        raise BadInputError("market series must be on a PeriodIndex (use debtcycle.series).")
    return series.index


def periods_per_year(series: pd.Series) -> int:
    """Return observations per year of a series on a PeriodIndex (D counts 252)."""
    index = period_index(series)
    code = str(index.freqstr)[0]
    if code not in _PPY:
        raise BadInputError(f"frequency {index.freqstr} not supported; use D, M, Q or A data.")
    return _PPY[code]


def end_times(index: pd.PeriodIndex) -> np.ndarray:
    """Return the last day of each period as ``datetime64[D]`` (any year, via ordinals)."""
    daily: Any = index.asfreq("D", how="E")
    days = np.asarray(daily.asi8, dtype=np.int64)  # days since 1970-01-01
    out: np.ndarray = days.astype("datetime64[D]")
    return out


def _end_day(period: pd.Period) -> np.datetime64:
    return np.datetime64(int(period.asfreq("D", how="E").ordinal), "D")


def as_freq(series: pd.Series, freq: str) -> pd.Series:
    """Return the last observation of each ``freq`` period (``"M"``, ``"Q"``, ``"Y"``).

    A series already at that frequency or lower is returned unchanged.
    """
    clean = series.dropna()
    index = period_index(clean)
    if _PPY[str(index.freqstr)[0]] <= _PPY[freq[0]]:
        return clean
    grouped = clean.groupby(index.asfreq(freq)).last()
    grouped.index = pd.PeriodIndex(grouped.index, freq=freq)
    grouped.attrs = dict(series.attrs)
    return grouped


def deflate(level: pd.Series, cpi: pd.Series) -> pd.Series:
    """Return ``level`` divided by the CPI in force at each of its periods.

    The CPI of a period is its last observation ending on or before the end of
    that period (an annual CPI deflates a monthly series by the latest annual
    value).  Periods with no CPI within the previous year are dropped.
    """
    lv, cp = level.dropna(), cpi.dropna()
    ends, cpi_ends = end_times(period_index(lv)), end_times(period_index(cp))
    pos = np.searchsorted(cpi_ends, ends, side="right") - 1
    ok = pos >= 0
    stale = np.zeros(len(lv), dtype=bool)
    stale[ok] = (ends[ok] - cpi_ends[pos[ok]]).astype(int) > 366
    ok &= ~stale
    values = np.full(len(lv), np.nan)
    values[ok] = lv.to_numpy(dtype=float)[ok] / cp.to_numpy(dtype=float)[pos[ok]]
    out = pd.Series(values, index=lv.index, name=level.name).dropna()
    out.attrs = dict(level.attrs)
    return out


def window(series: pd.Series, start: pd.Period, end: pd.Period) -> pd.Series:
    """Return the observations from the level at ``start`` to the level at ``end``.

    The first element is the last observation ending on or before the end of
    ``start`` (or the first observation, if the series starts later); the last
    is the last observation ending on or before the end of ``end``.  Empty when
    the series does not reach into the window.
    """
    clean = series.dropna()
    if clean.empty:
        return clean
    ends = end_times(period_index(clean))
    t0, t1 = _end_day(start), _end_day(end)
    first = max(int(np.searchsorted(ends, t0, side="right")) - 1, 0)
    last = int(np.searchsorted(ends, t1, side="right")) - 1
    if last <= first or ends[first] >= t1:
        return clean.iloc[0:0]
    return clean.iloc[first:last + 1]


def annual_mean(series: pd.Series, first_year: int | None = None) -> pd.Series:
    """Return the mean of each complete calendar year (all 12 months / 4 quarters present)."""
    clean = series.dropna()
    index = period_index(clean)
    ppy = periods_per_year(clean)
    years = index.year
    grouped = clean.groupby(years)
    counts = grouped.size()
    means = grouped.mean()[counts >= min(ppy, 12)]
    if first_year is not None:
        means = means[means.index >= first_year]
    return pd.Series(means.to_numpy(dtype=float),
                     index=pd.PeriodIndex([pd.Period(year=int(y), freq="Y") for y in means.index]),
                     name=series.name)


def last_ratio(numerator: pd.Series, denominator: pd.Series) -> tuple[float, pd.Period]:
    """Return ``numerator / denominator`` at their last common observation, and its period."""
    both = pd.concat([numerator, denominator], axis=1, join="inner").dropna()
    if both.empty:
        raise BadInputError("the two series have no common observation.")
    values = both.to_numpy(dtype=float)
    return float(values[-1, 0] / values[-1, 1]), period_index(both.iloc[:, 0])[-1]
