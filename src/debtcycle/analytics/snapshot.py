"""Leverage snapshot: every sector's debt/GDP at chosen dates, with the changes between them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.errors import BadInputError
from debtcycle.periods import resolve_all

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
    valuation : dict of str to str
        Each sector's valuation basis (``market`` or ``nominal`` value of debt
        securities, as BIS publishes it); empty when unknown.
    note : str
        What a reader must know to add the sectors up (e.g. a total at market
        value beside government debt at nominal value); empty when nothing.
    history : DataFrame, optional
        The full input series (rows: periods, columns: sectors), for charts.
    """

    country: str
    levels: pd.DataFrame
    changes: pd.DataFrame
    valuation: dict[str, str] = field(default_factory=dict)
    note: str = ""
    history: pd.DataFrame | None = None

    def to_frame(self) -> pd.DataFrame:
        """Return levels, changes and each sector's valuation, one row per sector."""
        left = self.levels.rename(columns=str)
        frame = pd.concat([left, self.changes], axis=1).rename_axis("sector")
        if self.valuation:
            frame["valuation"] = [self.valuation.get(str(s), "") for s in frame.index]
        return frame

    def summary(self) -> str:
        """Return the table as text, followed by the valuation note when there is one."""
        text = self.to_frame().to_string()
        return f"{text}\n\nNote: {self.note}" if self.note else text

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON the CLI prints: codes, dates, valuation, note, table and sources."""
        return {
            "country": self.country,
            "measure": "debt_gdp",
            "unit": "pct_gdp",
            "at": list(self.params.get("at", [])),
            "valuation": dict(self.valuation),
            "note": self.note,
            "table": jsonable(self.to_frame()),
            "sources": jsonable(self.provenance),
        }


def leverage_snapshot(
    frame: pd.DataFrame, at: Sequence[str | pd.Period], *, country: str = ""
) -> LeverageSnapshot:
    """Tabulate sector leverage at the dates ``at`` and the changes between them.

    Parameters
    ----------
    frame : DataFrame
        Debt/GDP series, one column per sector, on a PeriodIndex.
    at : sequence of str or Period
        Periods to report, in any order (sorted on output), in any form
        :mod:`debtcycle.periods` accepts: ``"2008"`` is the year's last quarter,
        ``"last"`` the latest period with data for any sector.
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
    periods = resolve_all(list(at), frame.dropna(how="all").index, what="at")
    levels = frame.reindex(periods).T
    levels.columns = pd.Index([str(p) for p in periods])
    changes = pd.DataFrame(index=levels.index)
    for a, b in zip(levels.columns[:-1], levels.columns[1:], strict=True):
        changes[f"{a}->{b}"] = (levels[b] - levels[a]).round(10)  # no float noise
    return LeverageSnapshot(
        country=country,
        levels=levels,
        changes=changes,
        history=frame,
        params={"at": [str(p) for p in periods]},
        provenance=dict(frame.attrs.get("info", {})),
    )
