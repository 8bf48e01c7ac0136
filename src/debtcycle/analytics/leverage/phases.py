"""Leverage-cycle phases: penalised piecewise-linear segmentation of a debt/GDP ratio.

Method
------
1. **Known shocks masked.** Observations inside ``mask`` (default the Covid
   window 2020Q1-2021Q4, when the collapse and rebound of GDP moved every
   ratio for reasons unrelated to borrowing) are replaced by a straight line
   between the last observation before and the first after the window, so the
   level shift across the window is kept but the hump inside it is not.
   ``mask=None`` switches this off.
2. **Causal robust smoothing.** A trailing running median over ``smooth``
   periods (default 3 quarters: each value and the two before it,
   :func:`~debtcycle.analytics.leverage.segment.causal_smooth`) removes
   one-quarter spikes (statistical breaks, reclassifications) and uses no later
   data, so the end of the sample is smoothed the way it would have been at the
   time; it delays a steady trend by one quarter.
3. **Exact segmentation.** With the continuous piecewise-linear cost
   ``clinear`` (each segment is the straight line joining the smoothed ratio at
   its two ends; cost = sum of squared deviations, pp^2), a dynamic programme
   (:func:`~debtcycle.analytics.leverage.segment.segment_exact`) finds the
   kinks that minimise cost + ``penalty`` x number of kinks exactly, with every
   segment at least ``min_years`` long (PELT's pruning is not valid for this
   cost and can miss the optimum).  The penalty is in pp^2 for quarterly data and
   scaled by periods-per-year / 4 otherwise, so it means the same on annual data;
   the objective reached and the penalty used are kept in ``params``.
   The default penalty (40 pp^2) was set on the episodes the tests check; the
   stability of a current call across penalties 30-80 and minimum lengths
   1.5-3 years is reported beside it (:mod:`debtcycle.analytics.realtime.phases`).
4. **Labels.** Each segment's slope in pp per year is compared with
   ``threshold``: above ``+threshold`` it is ``leveraging``, below
   ``-threshold`` ``deleveraging``, otherwise ``stable``; neighbouring segments
   with the same label are merged into one phase.

Phases share their boundary period (a phase ends where the next one starts).
``change_pp`` and ``pp_per_year`` are measured on the smoothed, masked series
(equal to the published ratio away from spikes and the mask).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.analytics.leverage.segment import causal_smooth, segment_exact
from debtcycle.errors import BadInputError

__all__ = ["DEFAULT_MASK", "Phases", "detect_phases", "periods_per_year", "phase_at"]

#: Periods treated as a known one-off shock by default (Covid GDP collapse and rebound).
DEFAULT_MASK: tuple[str, str] = ("2020Q1", "2021Q4")

LEVERAGING, DELEVERAGING, STABLE = "leveraging", "deleveraging", "stable"
_COLUMNS = ["start", "end", "label", "change_pp", "pp_per_year", "start_level", "end_level",
            "years"]


def periods_per_year(index: pd.PeriodIndex) -> int:
    """Return the number of periods per year of a PeriodIndex (4, 12, 1, ...).

    Raises
    ------
    BadInputError
        For frequencies other than annual, quarterly and monthly.
    """
    code = str(index.freqstr)[0]
    table = {"Q": 4, "M": 12, "Y": 1, "A": 1}
    if code not in table:
        raise BadInputError(f"Frequency {index.freqstr} not supported; use Q, M or annual data.")
    return table[code]


@dataclass(frozen=True)
class Phases(Result):
    """Phases of one leverage series.

    Attributes
    ----------
    table : DataFrame
        One row per phase: ``start``, ``end`` (Periods), ``label``, ``change_pp``,
        ``pp_per_year``, ``start_level``, ``end_level``, ``years``.
    trend : Series
        The fitted continuous piecewise-linear path (before merging labels).
    smoothed : Series
        The masked, causally smoothed ratio that was segmented.
    observed : Series
        The ratio as given (missing values dropped).
    name : str
        Label of the series (e.g. ``"CN.nonfin_corp.debt_gdp"``).
    """

    table: pd.DataFrame
    trend: pd.Series
    smoothed: pd.Series
    observed: pd.Series
    name: str = ""

    def to_frame(self) -> pd.DataFrame:
        """Return the phase table (one row per phase)."""
        return self.table

    def records(self) -> list[dict[str, object]]:
        """Return the phases as JSON-ready dicts (periods as strings, numbers rounded to 0.01)."""
        out: list[dict[str, object]] = []
        for row in self.table.to_dict(orient="records"):
            out.append({"start": str(row["start"]), "end": str(row["end"]),
                        "label": row["label"], "change_pp": round(float(row["change_pp"]), 2),
                        "pp_per_year": round(float(row["pp_per_year"]), 2)})
        return out


def _apply_mask(values: pd.Series, mask: tuple[str, str] | None) -> pd.Series:
    if mask is None:
        return values
    freq = pd.PeriodIndex(values.index).freqstr
    lo = pd.Period(mask[0]).asfreq(freq, how="start")
    hi = pd.Period(mask[1]).asfreq(freq, how="end")
    inside = (values.index >= lo) & (values.index <= hi)
    if not inside.any() or inside[0] or inside[-1]:
        return values  # nothing to mask, or no anchor on one side: leave the data alone
    out = values.copy()
    out[inside] = np.nan
    return out.interpolate(method="linear")


def _label(slope: float, threshold: float) -> str:
    if slope > threshold:
        return LEVERAGING
    if slope < -threshold:
        return DELEVERAGING
    return STABLE


def _phase_rows(
    smoothed: pd.Series, kinks: list[int], threshold: float, ppy: int
) -> list[dict[str, object]]:
    y = smoothed.to_numpy(dtype=float)
    idx = pd.PeriodIndex(smoothed.index)
    merged: list[tuple[str, int, int]] = []
    for a, b in pairwise(kinks):
        label = _label((y[b] - y[a]) / ((idx[b] - idx[a]).n / ppy), threshold)
        if merged and merged[-1][0] == label:
            merged[-1] = (label, merged[-1][1], b)
        else:
            merged.append((label, a, b))
    rows: list[dict[str, object]] = []
    for label, a, b in merged:
        years = (idx[b] - idx[a]).n / ppy
        change = float(y[b] - y[a])
        rows.append({"start": idx[a], "end": idx[b], "label": label, "change_pp": change,
                     "pp_per_year": change / years, "start_level": float(y[a]),
                     "end_level": float(y[b]), "years": years})
    return rows


def detect_phases(
    ratio: pd.Series,
    *,
    penalty: float = 40.0,
    min_years: float = 2.0,
    threshold: float = 1.0,
    smooth: int | None = None,
    mask: tuple[str, str] | None = DEFAULT_MASK,
) -> Phases:
    """Segment a debt/GDP ratio into leveraging, deleveraging and stable phases.

    Parameters
    ----------
    ratio : Series
        Debt in % of GDP on a PeriodIndex (quarterly, monthly or annual).
    penalty : float
        Cost of one more kink, in pp^2 of squared deviation from the piecewise-linear
        trend (quarterly scale; multiplied by periods-per-year / 4 for other
        frequencies).  Larger values give fewer, longer phases.
    min_years : float
        Shortest segment, in years (at least 3 observations).
    threshold : float
        Slope, in pp of GDP per year, above which a segment is ``leveraging`` and
        below minus which it is ``deleveraging``.
    smooth : int, optional
        Window of the trailing running median, in periods (default 3 for
        quarterly, 1 = none for annual data).
    mask : tuple of str, optional
        First and last period of a known one-off shock bridged by a straight line
        (default ``("2020Q1", "2021Q4")``); ``None`` to keep the data as published.

    Returns
    -------
    Phases

    Raises
    ------
    BadInputError
        If the series is not on a PeriodIndex, has fewer than 3 observations, or
        a parameter is out of range.
    """
    if not isinstance(ratio.index, pd.PeriodIndex):
        raise BadInputError("detect_phases needs a series on a PeriodIndex (debtcycle.series).")
    if penalty < 0 or min_years <= 0 or threshold < 0:
        raise BadInputError("penalty and threshold must be >= 0 and min_years > 0.")
    values = ratio.dropna().astype(float)
    if len(values) < 3:
        raise BadInputError(f"{ratio.name}: need at least 3 observations to find phases.")
    ppy = periods_per_year(pd.PeriodIndex(values.index))
    window = smooth if smooth is not None else (3 if ppy >= 4 else 1)
    masked = _apply_mask(values, mask)
    smoothed = pd.Series(causal_smooth(masked.to_numpy(dtype=float), window),
                         index=masked.index)
    min_size = max(3, round(min_years * ppy))
    fit = segment_exact(smoothed.to_numpy(), penalty * ppy / 4, min_size)
    kinks = fit.kinks
    trend = pd.Series(
        np.interp(np.arange(len(smoothed)), kinks, smoothed.to_numpy()[kinks]),
        index=smoothed.index, name="trend",
    )
    rows = _phase_rows(smoothed, kinks, threshold, ppy)
    return Phases(
        table=pd.DataFrame(rows, columns=_COLUMNS),
        trend=trend,
        smoothed=smoothed.rename("smoothed"),
        observed=values.rename("observed"),
        name=str(ratio.name or ""),
        params={"penalty": penalty, "min_years": min_years, "threshold": threshold,
                "smooth": window, "mask": list(mask) if mask else None,
                "penalty_used": fit.penalty, "objective": fit.objective, "cost": fit.cost,
                "kinks": len(fit.ends) - 1,
                "method": "exact dynamic programme, clinear cost, trailing median"},
        provenance=dict(ratio.attrs.get("info", {})),
    )


def phase_at(phases: Phases, period: pd.Period | str) -> str:
    """Return the label of the phase containing ``period`` (the later one at a boundary).

    Raises
    ------
    BadInputError
        If ``period`` is outside the phases.
    """
    table = phases.table
    freq = table["start"].iloc[0].freqstr
    p = period if isinstance(period, pd.Period) else pd.Period(period).asfreq(freq, how="end")
    hits = table[(table["start"] <= p) & (table["end"] >= p)]
    if hits.empty:
        first, last = table["start"].iloc[0], table["end"].iloc[-1]
        raise BadInputError(f"{period} is outside the phases ({first} to {last}).")
    return str(hits["label"].iloc[-1])
