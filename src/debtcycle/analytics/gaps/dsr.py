"""Debt service ratios as deviations from each country's own long-run mean.

The BIS advises against comparing DSR levels across countries (national
definitions of income and debt differ); what carries information is the DSR
relative to the country's own history.  Drehmann and Juselius (2014) use the
deviation from the country mean; a real-time version (expanding mean, data up
to each date only) is offered for out-of-sample work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.errors import BadInputError

__all__ = ["DsrDeviation", "dsr_deviation"]


@dataclass(frozen=True)
class DsrDeviation(Result):
    """DSR levels, the reference mean and the deviation, one column group per series.

    Attributes
    ----------
    table : DataFrame
        Columns ``(label, "dsr" | "mean" | "deviation")`` on a PeriodIndex.
    """

    table: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return the long table: period, series, dsr, mean, deviation."""
        long = cast(pd.DataFrame, self.table.stack(level=0, future_stack=True))
        long = long.rename_axis(["period", "series"])
        return long.dropna(subset=["dsr"])[["dsr", "mean", "deviation"]]

    def deviations(self) -> pd.DataFrame:
        """Return the deviations only, one column per series."""
        return cast(pd.DataFrame, self.table.xs("deviation", axis=1, level=1))


def _reference(values: pd.Series, expanding: bool, min_periods: int) -> pd.Series:
    if expanding:
        return values.expanding(min_periods=min_periods).mean()
    return pd.Series(values.mean(), index=values.index).where(values.notna())


def dsr_deviation(
    dsr: pd.DataFrame | pd.Series, *, expanding: bool = False, min_periods: int = 20
) -> DsrDeviation:
    """Deviation of each debt service ratio from its own long-run mean.

    Parameters
    ----------
    dsr : DataFrame or Series
        DSR in % of income on a PeriodIndex; one column per series (e.g.
        ``"US households"``), or one series.
    expanding : bool
        If True, the mean uses data up to each date only (no look-ahead);
        else the full-sample mean (as the BIS and Drehmann-Juselius 2014).
    min_periods : int
        Observations needed before an expanding mean is reported.

    Returns
    -------
    DsrDeviation

    Raises
    ------
    BadInputError
        If there is no data.
    """
    frame = dsr.to_frame() if isinstance(dsr, pd.Series) else dsr
    if frame.dropna(how="all").empty:
        raise BadInputError("dsr_deviation needs at least one DSR observation.")
    parts = {}
    for label, values in frame.items():
        ref = _reference(values.astype("float64"), expanding, min_periods)
        parts[str(label)] = pd.DataFrame({"dsr": values, "mean": ref, "deviation": values - ref})
    table = pd.concat(parts, axis=1)
    return DsrDeviation(
        table=table,
        params={"expanding": expanding, "min_periods": min_periods},
        provenance=dict(frame.attrs.get("info", {})),
    )
