"""Causal transforms of indicators: each value uses data up to its own date only."""

from __future__ import annotations

import pandas as pd

from debtcycle.errors import BadInputError

__all__ = ["expanding_deviation"]


def expanding_deviation(values: pd.DataFrame | pd.Series, *, min_periods: int = 20) -> pd.DataFrame:
    """Deviation of each column from its own expanding mean (data up to each date).

    This is the real-time counterpart of the deviation from a country's
    full-sample mean (Drehmann and Juselius 2014 use the full-sample mean,
    which lets later years move earlier values).

    Parameters
    ----------
    values : DataFrame or Series
        One column per series on a PeriodIndex.
    min_periods : int
        Observations needed before a deviation is reported (NaN before).

    Returns
    -------
    DataFrame
        Same shape as ``values``.

    Raises
    ------
    BadInputError
        If ``min_periods`` < 1.
    """
    if min_periods < 1:
        raise BadInputError(f"min_periods must be >= 1, got {min_periods}.")
    frame = values.to_frame() if isinstance(values, pd.Series) else values
    frame = frame.astype(float)
    out: pd.DataFrame = frame - frame.expanding(min_periods=min_periods).mean()
    return out
