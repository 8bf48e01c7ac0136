"""Cross-country comparison: one sector's leverage in several countries at chosen dates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.errors import BadInputError
from debtcycle.periods import resolve

__all__ = ["Comparison", "compare_countries"]


@dataclass(frozen=True)
class Comparison(Result):
    """Levels of one sector's debt/GDP by country at dates, the changes and ranks.

    Attributes
    ----------
    table : DataFrame
        Rows: countries; columns: one per date (levels, % of GDP), one per
        consecutive pair ``"A->B"`` (change, pp) and ``rank`` (1 = highest at the
        last date).
    history : DataFrame
        The input series (rows: periods, columns: countries), for charts.
    sector : str
        The sector compared.
    """

    table: pd.DataFrame
    history: pd.DataFrame
    sector: str

    def to_frame(self) -> pd.DataFrame:
        """Return the comparison table (one row per country)."""
        return self.table

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON the CLI prints: sector, dates, the table and the sources."""
        return {
            "sector": self.sector,
            "measure": "debt_gdp",
            "unit": "pct_gdp",
            "at": list(self.params.get("at", [])),
            "table": jsonable(self.table),
            "sources": jsonable(self.provenance),
        }


def _resolve(frame: pd.DataFrame, value: pd.Period | str) -> pd.Period:
    return resolve(value, frame.dropna(how="all").index, what="at")


def compare_countries(
    frame: pd.DataFrame, at: Sequence[pd.Period | str], *, sector: str = ""
) -> Comparison:
    """Tabulate several countries' leverage at the dates ``at`` with changes and ranks.

    Parameters
    ----------
    frame : DataFrame
        One column per country (same sector and measure) on a PeriodIndex.
    at : sequence of Period or str
        Dates (``"last"`` = latest period with data for any country); sorted on output.
    sector : str
        Label carried into the result.

    Returns
    -------
    Comparison

    Raises
    ------
    BadInputError
        If the frame is empty, not on a PeriodIndex, ``at`` is empty or a date is
        outside the data.
    """
    if frame.empty or not isinstance(frame.index, pd.PeriodIndex):
        raise BadInputError("compare_countries needs a non-empty frame on a PeriodIndex.")
    if not at:
        raise BadInputError("Give at least one date, e.g. --at 2008Q4 last.")
    periods = sorted({_resolve(frame, p) for p in at})
    levels = frame.loc[pd.PeriodIndex(periods)].T
    levels.columns = pd.Index([str(p) for p in periods])
    table = levels.copy()
    for a, b in pairwise(levels.columns):
        table[f"{a}->{b}"] = (levels[b] - levels[a]).round(10)  # no float noise
    table["rank"] = levels[levels.columns[-1]].rank(ascending=False, method="min").astype("Int64")
    table.index = pd.Index([str(c) for c in table.index], name="country")
    return Comparison(
        table=table, history=frame, sector=sector,
        params={"at": [str(p) for p in periods], "sector": sector},
        provenance=dict(frame.attrs.get("info", {})),
    )
