"""Debt service ratios as deviations from each country's own long-run mean.

The BIS advises against comparing DSR levels across countries (national
definitions of income and debt differ); what carries information is the DSR
relative to the country's own history.  Drehmann and Juselius (2014) use the
deviation from the full-sample country mean, which lets later years move every
earlier value (a 1999-2019 mean judges 2005 with 2019's data).  The default here
is the real-time version: the mean of the data up to each date (expanding);
the full-sample mean is an explicit option (``expanding=False``).

:func:`splice_dsr` joins the 2019 bulk file with the later BIS API vintage by a
stated rule (additive level shift over the overlap).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.errors import BadInputError

__all__ = ["DsrDeviation", "DsrSplice", "dsr_deviation", "splice_dsr"]


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
    dsr: pd.DataFrame | pd.Series, *, expanding: bool = True, min_periods: int = 20
) -> DsrDeviation:
    """Deviation of each debt service ratio from its own long-run mean.

    Parameters
    ----------
    dsr : DataFrame or Series
        DSR in % of income on a PeriodIndex; one column per series (e.g.
        ``"US households"``), or one series.
    expanding : bool
        If True (default), the mean uses data up to each date only (no
        look-ahead); False: the full-sample mean (as Drehmann-Juselius 2014).
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


@dataclass(frozen=True)
class DsrSplice(Result):
    """A DSR series joined from an older and a newer vintage.

    Attributes
    ----------
    spliced : Series
        The newer vintage where it exists; before it, the older vintage plus
        ``shift`` (so the whole series is on the newer vintage's level).
    shift : float
        Mean of (newer - older) over the overlapping periods, pp.
    overlap : int
        Number of overlapping periods.
    """

    spliced: pd.Series
    shift: float
    overlap: int

    def to_frame(self) -> pd.DataFrame:
        """Return the spliced series as a one-column table."""
        return self.spliced.to_frame("dsr")


def splice_dsr(older: pd.Series, newer: pd.Series, *, min_overlap: int = 8) -> DsrSplice:
    """Join two DSR vintages: the newer one where it exists, the older one shifted before it.

    Rule: the newer vintage is the official figure wherever it has a value; for
    earlier periods the older vintage is used, shifted by the mean difference
    (newer - older) over the periods both cover, so there is no level jump at
    the join.  Periods after the older vintage ends come from the newer only.

    Raises
    ------
    BadInputError
        If the two overlap on fewer than ``min_overlap`` periods.
    """
    old, new = older.dropna().astype(float), newer.dropna().astype(float)
    both = old.index.intersection(new.index)
    if len(both) < min_overlap:
        raise BadInputError(f"splice_dsr: the vintages overlap on {len(both)} periods; need "
                            f"at least {min_overlap} to estimate the level shift.")
    shift = float((new[both] - old[both]).mean())
    head = old[old.index < new.index[0]] + shift
    spliced = pd.concat([head, new]).rename(newer.name or older.name)
    return DsrSplice(spliced=spliced, shift=shift, overlap=len(both),
                     params={"rule": "newer vintage; older shifted by the mean overlap "
                             "difference before it", "min_overlap": min_overlap},
                     provenance={"older": dict(older.attrs.get("info", {})),
                                 "newer": dict(newer.attrs.get("info", {}))})
