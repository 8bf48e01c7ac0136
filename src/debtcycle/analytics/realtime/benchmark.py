"""The no-model benchmark: the raw credit-to-GDP gap and the BIS 2/10 pp bands.

Basel Committee on Banking Supervision (2010), "Guidance for national
authorities operating the countercyclical capital buffer": the buffer guide is
zero for a credit-to-GDP gap below 2 pp and at its maximum above 10 pp.  The
raw gap (no fitting) is the score every fitted model is compared with; its
real-time probability is the event frequency, among rows whose outcome was known
by the prediction date, of the band the gap falls in.  The band frequencies are
kept non-decreasing in the band (pool-adjacent-violators: a higher band never
gets a lower probability), the ordering the Basel guide assumes; without it,
early samples where crises happened at low gaps invert the signal.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from debtcycle.analytics.realtime.expanding import training_rows
from debtcycle.errors import BadInputError

__all__ = [
    "BIS_GAP_THRESHOLDS", "GFC_YEARS", "band_predictions", "band_table", "gap_band", "without_gfc",
]

#: Lower and upper thresholds of the Basel III buffer guide, pp of GDP (BCBS 2010).
BIS_GAP_THRESHOLDS: Final[tuple[float, float]] = (2.0, 10.0)
#: Start years of the global financial crisis's systemic banking crises
#: (Laeven and Valencia: US and UK 2007, most of Europe 2008).
GFC_YEARS: Final[tuple[int, int]] = (2007, 2008)


def gap_band(
    gap: pd.Series, thresholds: tuple[float, float] = BIS_GAP_THRESHOLDS
) -> pd.Series:
    """Band of each gap: 0 below the lower threshold, 1 between, 2 above the upper (NaN kept).

    Raises
    ------
    BadInputError
        If the thresholds are not increasing.
    """
    lo, hi = thresholds
    if not lo < hi:
        raise BadInputError(f"gap thresholds must be increasing, got {thresholds}.")
    band = pd.Series(np.where(gap > hi, 2.0, np.where(gap > lo, 1.0, 0.0)), index=gap.index)
    return band.where(gap.notna())


def _band_probabilities(events: np.ndarray, counts: np.ndarray, pooled: float) -> np.ndarray:
    """Shrunk band frequencies ``(events + pooled) / (n + 1)``, made non-decreasing by PAV."""
    num = events.astype(float) + pooled
    den = counts.astype(float) + 1.0
    blocks = [[num[0], den[0], 1]]
    for k in range(1, len(num)):
        blocks.append([num[k], den[k], 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            a, b = blocks.pop(), blocks.pop()
            blocks.append([a[0] + b[0], a[1] + b[1], a[2] + b[2]])
    return np.concatenate([np.full(int(w), n / d) for n, d, w in blocks])


def band_predictions(
    sample: pd.DataFrame,
    *,
    start: int,
    score: str = "credit_gap",
    time: str = "year",
    label_lag: int = 0,
    strict: bool = True,
    outcome: str = "y",
    thresholds: tuple[float, float] = BIS_GAP_THRESHOLDS,
) -> pd.Series:
    """Real-time probability of the raw gap signal: past event frequency in the row's band.

    For the rows dated ``t`` the frequency is counted over rows whose outcome was
    known (see :func:`~debtcycle.analytics.realtime.expanding.training_rows`), with
    one pseudo-observation at the pooled past frequency so an empty or small band
    is pulled towards it rather than to 0 or 1.

    Returns
    -------
    Series
        Probabilities on the sample's index (NaN before ``start`` or without a gap).
    """
    bands = gap_band(sample[score], thresholds)
    out = pd.Series(np.nan, index=sample.index, dtype=float)
    dates = sample[time].astype(int)
    for t in sorted(set(dates[dates >= start])):
        known = training_rows(sample, t, time=time, label_lag=label_lag, strict=strict)
        known &= bands.notna() & sample[outcome].notna()
        if not known.any():
            continue
        y, b = sample.loc[known, outcome].to_numpy(dtype=float), bands[known].to_numpy()
        probs = _band_probabilities(np.array([y[b == k].sum() for k in range(3)]),
                                    np.array([(b == k).sum() for k in range(3)]),
                                    float(y.mean()))
        target = (dates == t) & bands.notna()
        out[target] = probs[bands[target].astype(int).to_numpy()]
    return out


def without_gfc(
    sample: pd.DataFrame,
    window: tuple[int, int],
    *,
    time: str = "year",
    years: tuple[int, int] = GFC_YEARS,
) -> pd.DataFrame:
    """Drop the rows whose outcome window ``time + a .. time + b`` overlaps the GFC years.

    Both events and non-events in those years leave, so the variant asks how a
    signal does on the other episodes (the GFC dominates pooled samples: many
    countries' crises start in 2007-08).

    Parameters
    ----------
    sample : DataFrame
        Rows with an integer ``time`` column.
    window : (int, int)
        ``(a, b)`` of the outcome (``(0, 0)`` for "crisis in year t" rows).
    years : (int, int)
        First and last GFC crisis-start year.
    """
    a, b = window
    first, last = years
    s = sample[time].astype(int)
    overlap = (s + a <= last) & (s + b >= first)
    kept: pd.DataFrame = sample[~overlap]
    return kept


def band_table(
    sample: pd.DataFrame,
    *,
    score: str = "credit_gap",
    outcome: str = "y",
    thresholds: tuple[float, float] = BIS_GAP_THRESHOLDS,
) -> pd.DataFrame:
    """Event frequency by BIS gap band over the given (known) rows, as :func:`band_predictions`.

    Returns
    -------
    DataFrame
        One row per band 0, 1, 2: ``band``, ``gap_range``, ``n``, ``events``,
        ``probability`` (events plus one pseudo-observation at the pooled frequency,
        over n + 1, then made non-decreasing across bands).
    """
    rows = sample[sample[score].notna() & sample[outcome].notna()]
    if rows.empty:
        raise BadInputError("band_table: no row has both a gap and an outcome.")
    bands = gap_band(rows[score], thresholds).to_numpy()
    y = rows[outcome].to_numpy(dtype=float)
    events = np.array([y[bands == k].sum() for k in range(3)])
    counts = np.array([(bands == k).sum() for k in range(3)])
    probs = _band_probabilities(events, counts, float(y.mean()))
    lo, hi = thresholds
    ranges = (f"<= {lo:g}", f"{lo:g} to {hi:g}", f"> {hi:g}")
    return pd.DataFrame({"band": range(3), "gap_range": ranges, "n": counts.astype(int),
                         "events": events.astype(int), "probability": probs})
