"""Leverage snapshot: every sector's debt/GDP at chosen dates, with the changes between them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.errors import BadInputError

__all__ = ["LeverageSnapshot", "leverage_snapshot"]


@dataclass(frozen=True)
class LeverageSnapshot(Result):
    """Debt/GDP by sector at dates (``levels``) and the changes between consecutive dates.

    Attributes
    ----------
    levels : DataFrame
        Rows: sectors; columns: the requested periods (``NaN`` where a sector has no data).
    changes : DataFrame
        Rows: sectors; columns ``"2008Q4->2015Q4"``: change in percentage points.
    """

    country: str
    levels: pd.DataFrame
    changes: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return levels and changes side by side, one row per sector."""
        left = self.levels.rename(columns=str)
        return pd.concat([left, self.changes], axis=1).rename_axis("sector")


def leverage_snapshot(
    frame: pd.DataFrame, at: Sequence[str | pd.Period], *, country: str = ""
) -> LeverageSnapshot:
    """Tabulate sector leverage at the dates ``at`` and the changes between them.

    Parameters
    ----------
    frame : DataFrame
        Debt/GDP series, one column per sector, on a PeriodIndex.
    at : sequence of str or Period
        Periods to report, in any order (sorted on output). ``"last"`` means
        the latest period with data for any sector.
    country : str
        Label carried into the result.

    Returns
    -------
    LeverageSnapshot

    Raises
    ------
    BadInputError
        If ``frame`` is empty, has no PeriodIndex, or a period is outside its range.
    """
    if frame.empty or not isinstance(frame.index, pd.PeriodIndex):
        raise BadInputError("leverage_snapshot needs a non-empty frame on a PeriodIndex.")
    freq = frame.index.freqstr
    periods = []
    for p in at:
        period = frame.dropna(how="all").index[-1] if str(p) == "last" else pd.Period(p, freq=freq)
        if period < frame.index[0] or period > frame.index[-1]:
            raise BadInputError(
                f"Period {period} is outside the data ({frame.index[0]} to {frame.index[-1]}); "
                "choose dates inside that range."
            )
        periods.append(period)
    periods = sorted(set(periods))
    levels = frame.reindex(periods).T
    levels.columns = pd.Index([str(p) for p in periods])
    changes = pd.DataFrame(index=levels.index)
    for a, b in zip(levels.columns[:-1], levels.columns[1:], strict=True):
        changes[f"{a}->{b}"] = levels[b] - levels[a]
    return LeverageSnapshot(
        country=country,
        levels=levels,
        changes=changes,
        params={"at": [str(p) for p in periods]},
        provenance=dict(frame.attrs.get("info", {})),
    )
