"""Leverage changes over a window, and each sector's contribution to the total's change.

The contributions split the change of total non-financial debt/GDP into the
changes of its components: households, non-financial corporations and general
government (or private non-financial + government where the private split is
missing).  Shares are each component's change over the total's change, so that
"of the +9.3 pp, firms 70%, government 29%, households 1%".  The components add up
to the total only when they are measured on the same basis: BIS totals value
government debt at market value, so pass general government at
``valuation="market"`` for the total to add up; any gap is reported as
``residual`` and never hidden.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.errors import BadInputError
from debtcycle.periods import resolve

__all__ = ["COMPONENTS", "Contributions", "LeverageChanges", "contributions", "leverage_changes"]

#: Components of total non-financial debt, preferred split first.
COMPONENTS: tuple[tuple[str, ...], ...] = (
    ("households", "nonfin_corp", "general_gov"),
    ("private_nonfin", "general_gov"),
)


def _period(frame: pd.DataFrame, value: pd.Period | str) -> pd.Period:
    """Resolve a label (:mod:`debtcycle.periods`; also ``"first"``) against the data."""
    have = frame.dropna(how="all").index
    if str(value) == "first" and len(have):
        return pd.Period(have[0])
    return resolve(value, have, what="period")


def _rows(frame: pd.DataFrame, *periods: pd.Period) -> pd.DataFrame:
    return frame.loc[pd.PeriodIndex(list(periods))]


@dataclass(frozen=True)
class LeverageChanges(Result):
    """Level of each series at two dates and the change between them.

    Attributes
    ----------
    table : DataFrame
        Index: the frame's columns (sectors or countries); columns ``start_level``,
        ``end_level``, ``change_pp``, ``pp_per_year``.
    start, end : Period
        The two dates.
    """

    table: pd.DataFrame
    start: pd.Period
    end: pd.Period

    def to_frame(self) -> pd.DataFrame:
        """Return the change table."""
        return self.table


def leverage_changes(
    frame: pd.DataFrame, start: pd.Period | str, end: pd.Period | str = "last"
) -> LeverageChanges:
    """Return each column's level at ``start`` and ``end`` and the change in pp.

    Parameters
    ----------
    frame : DataFrame
        Debt/GDP series (one column per sector or country) on a PeriodIndex.
    start, end : Period or str
        Window ends; ``"first"``/``"last"`` are the first/last period with data.

    Returns
    -------
    LeverageChanges

    Raises
    ------
    BadInputError
        If the frame is empty, not on a PeriodIndex, or the dates are outside it
        or in the wrong order.
    """
    if frame.empty or not isinstance(frame.index, pd.PeriodIndex):
        raise BadInputError("leverage_changes needs a non-empty frame on a PeriodIndex.")
    a, b = _period(frame, start), _period(frame, end)
    if b <= a:
        raise BadInputError(f"The window must run forward: {a} to {b}.")
    years = (b - a).n / {"Q": 4, "M": 12}.get(a.freqstr[0], 1)
    levels = _rows(frame, a, b)
    table = pd.DataFrame({"start_level": levels.iloc[0], "end_level": levels.iloc[1]})
    table["change_pp"] = table["end_level"] - table["start_level"]
    table["pp_per_year"] = table["change_pp"] / years
    table.index = pd.Index([str(c) for c in table.index], name="series")
    return LeverageChanges(
        table=table, start=a, end=b, params={"start": str(a), "end": str(b)},
        provenance=dict(frame.attrs.get("info", {})),
    )


@dataclass(frozen=True)
class Contributions(Result):
    """Each component's change and share of the change of total leverage.

    Attributes
    ----------
    table : DataFrame
        Index: components plus ``residual`` and ``total``; columns ``change_pp``
        and ``share`` (fraction of the total's change; ``NaN`` if the total did
        not move).
    start, end : Period
        The window.
    driver : str
        The component whose change has the total's sign and is the largest.
    """

    table: pd.DataFrame
    start: pd.Period
    end: pd.Period
    driver: str

    def to_frame(self) -> pd.DataFrame:
        """Return the contribution table."""
        return self.table

    def sentence(self) -> str:
        """Return a one-line reading, e.g. ``of the +9.3 pp, nonfin_corp 70%, ...``."""
        total = float(self.table["change_pp"].to_numpy()[-1])
        parts = [f"{name} {100 * share:.0f}%" for name, share in
                 self.table["share"].drop(["residual", "total"]).items() if pd.notna(share)]
        return f"{self.start}-{self.end}: of the {total:+.1f} pp, " + ", ".join(parts)


def _components(frame: pd.DataFrame, a: pd.Period, b: pd.Period) -> Sequence[str]:
    for split in COMPONENTS:
        if all(c in frame.columns and _rows(frame, a, b)[c].notna().all() for c in split):
            return split
    raise BadInputError(
        f"No complete sector split at {a} and {b}: need households, nonfin_corp and "
        "general_gov (or private_nonfin and general_gov); choose dates where they exist."
    )


def contributions(
    frame: pd.DataFrame,
    start: pd.Period | str,
    end: pd.Period | str = "last",
    *,
    total: str = "total_nonfin",
) -> Contributions:
    """Split the change of total leverage over a window into sector contributions.

    Parameters
    ----------
    frame : DataFrame
        Sector debt/GDP series (columns named by sector, incl. ``total``) on a
        PeriodIndex.
    start, end : Period or str
        Window ends (``"last"`` = latest period with data).
    total : str
        Column holding the total.

    Returns
    -------
    Contributions

    Raises
    ------
    BadInputError
        If the total or a complete component split is missing at the dates.
    """
    changes = leverage_changes(frame, start, end)
    a, b = changes.start, changes.end
    if total not in frame.columns or _rows(frame, a, b)[total].isna().any():
        raise BadInputError(f"No {total!r} values at {a} and {b}; pass a frame with the total.")
    parts = list(_components(frame, a, b))
    change = changes.table["change_pp"]
    total_change = float(change[total])
    rows = {name: float(change[name]) for name in parts}
    rows["residual"] = total_change - sum(rows.values())
    rows["total"] = total_change
    table = pd.DataFrame({"change_pp": pd.Series(rows)})
    table["share"] = table["change_pp"] / total_change if total_change != 0 else float("nan")
    sign = 1.0 if total_change >= 0 else -1.0
    driver = max(parts, key=lambda name: sign * rows[name])
    return Contributions(
        table=table.rename_axis("sector"), start=a, end=b, driver=driver,
        params={"start": str(a), "end": str(b), "total": total, "components": parts},
        provenance=changes.provenance,
    )
