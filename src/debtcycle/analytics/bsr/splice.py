"""Yearly figures from complete years only, and one series spliced from ranked sources.

Two rules of issue 15 (balance-sheet-recession calls):

* **Complete years.** A yearly mean of monthly or quarterly data is taken only
  when the year has all its months (12) or quarters (4); of daily data, when
  every month of the year has an observation.  A mean over January-March is not
  a yearly figure.  The years left out are listed in
  ``attrs["info"]["incomplete_years"]``.
* **Splice.** Sources are ranked; each year takes the value of the best-ranked
  source that has that (complete) year.  A source that ends mid-sample therefore
  never overrides a complete source for the years after its end: the BIS
  monthly file of 2022 (January-March 2022 only) leaves 2022 to GMD's full-year
  figure instead of replacing it with a three-month average.  The source chosen
  for each year is kept in ``attrs["info"]["by_year"]``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from debtcycle.errors import BadInputError

__all__ = ["annual_complete", "splice_sources"]

_PER_YEAR = {"M": 12, "Q": 4}


def _freq_letter(index: pd.PeriodIndex) -> str:
    code = str(index.freqstr).upper()
    if code.startswith(("Y", "A")):
        return "Y"
    return code[0]


def annual_complete(values: pd.Series) -> pd.Series:
    """Return yearly means of the complete years of a monthly, quarterly or daily series.

    Parameters
    ----------
    values : Series
        Values on a PeriodIndex (annual data are returned unchanged).

    Returns
    -------
    Series
        Annual PeriodIndex; ``attrs`` copied from ``values`` with
        ``attrs["info"]["incomplete_years"]`` listing the years dropped.

    Raises
    ------
    BadInputError
        If ``values`` is not on a PeriodIndex.
    """
    if not isinstance(values.index, pd.PeriodIndex):
        raise BadInputError("annual_complete needs a series on a PeriodIndex.")
    letter = _freq_letter(values.index)
    if letter == "Y":
        return values
    clean = values.dropna()
    index = pd.PeriodIndex(clean.index)
    years = np.asarray(index.year)
    if letter in _PER_YEAR:
        counts = pd.Series(1, index=years).groupby(level=0).size()
        need = _PER_YEAR[letter]
    else:
        months = pd.Series(np.asarray(index.month), index=years)
        counts = months.groupby(level=0).nunique()
        need = 12
    means = pd.Series(clean.to_numpy(dtype=float), index=years).groupby(level=0).mean()
    complete = counts.index[counts.to_numpy() >= need]
    dropped = [int(y) for y in counts.index if y not in set(complete)]
    kept = means.loc[complete]
    out = pd.Series(kept.to_numpy(), name=values.name,
                    index=pd.PeriodIndex([str(y) for y in kept.index], freq="Y"))
    out.attrs = dict(values.attrs)
    info = dict(out.attrs.get("info", {}))
    info["incomplete_years"] = dropped
    out.attrs["info"] = info
    return out


def _runs(labels: list[str], years: list[int]) -> str:
    parts: list[str] = []
    start = 0
    for i in range(1, len(labels) + 1):
        if i == len(labels) or labels[i] != labels[start] or years[i] != years[i - 1] + 1:
            span = (str(years[start]) if i - 1 == start
                    else f"{years[start]}-{years[i - 1]}")
            parts.append(f"{labels[start]} {span}")
            start = i
    return ", ".join(parts)


def splice_sources(candidates: Sequence[tuple[str, pd.Series]]) -> pd.Series:
    """Combine annual series year by year, taking the best-ranked source that has each year.

    Parameters
    ----------
    candidates : sequence of (label, Series)
        Annual series (complete years only, see :func:`annual_complete`), best first.

    Returns
    -------
    Series
        One value per year covered by any source; ``attrs["info"]`` holds
        ``source`` and ``series_key`` (of the best-ranked source), ``by_year``
        (year -> label) and ``splice_note`` (e.g. ``"bis 1954-2021, gmd 2022-2024"``).

    Raises
    ------
    BadInputError
        If no candidate is given or a candidate is not annual.
    """
    if not candidates:
        raise BadInputError("splice_sources needs at least one source.")
    chosen: dict[int, tuple[str, float]] = {}
    for label, values in candidates:
        if not isinstance(values.index, pd.PeriodIndex) or _freq_letter(values.index) != "Y":
            raise BadInputError(f"splice_sources: {label} is not annual; use annual_complete.")
        clean = values.dropna()
        for year, value in zip(pd.PeriodIndex(clean.index).year, clean.to_numpy(dtype=float),
                               strict=True):
            chosen.setdefault(int(year), (label, float(value)))
    years = sorted(chosen)
    out = pd.Series([chosen[y][1] for y in years],
                    index=pd.PeriodIndex([str(y) for y in years], freq="Y"),
                    name=candidates[0][1].name)
    first_info = dict(candidates[0][1].attrs.get("info", {}))
    labels = [chosen[y][0] for y in years]
    out.attrs["info"] = {
        "source": first_info.get("source", candidates[0][0]),
        "series_key": " | ".join(
            str(v.attrs.get("info", {}).get("series_key", k)) for k, v in candidates),
        "by_year": {str(y): chosen[y][0] for y in years},
        "splice_note": _runs(labels, years),
    }
    return out
