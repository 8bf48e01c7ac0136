"""Event-time alignment: put several countries' series on a common "periods since event" axis.

Method
------
Each country's series is re-indexed by the number of periods (quarters for
quarterly data, years for annual data) since that country's event, so that
``t = 0`` is the event itself (by default the peak of real residential property
prices, :func:`property_peak`).  Optionally each path is rebased at the event
(``rebase="diff"``: change since the event, in the series' unit, e.g. pp of GDP;
``rebase="ratio"``: index, event = 100), which removes level differences so the
*paths* can be compared.

:func:`similarity` scores how closely a follower's aligned path tracks a
reference path over the event-time window both cover, with the Nash-Sutcliffe
efficiency (the coefficient of determination of the follower's values taken as
a prediction of the reference's, ``sklearn.metrics.r2_score``): 1 means
identical paths, 0 means the follower explains no more than the reference's own
mean over the window, negative values mean it is worse than that.  The RMSE (in
the series' unit) and the Pearson correlation of the two paths are reported
beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.errors import BadInputError
from debtcycle.periods import LAST, parse_period

__all__ = ["AlignResult", "Alignment", "Similarity", "align", "property_peak", "similarity"]

Rebase = Literal["none", "diff", "ratio"]
_UNIT_NAMES = {"Q": "quarters", "Y": "years", "A": "years", "M": "months"}


def _freq_code(index: pd.PeriodIndex) -> str:
    return str(index.freqstr)[0]


def _period(value: pd.Period | str, freq: str) -> pd.Period:
    spec = parse_period(value, what="event")
    if spec == LAST:
        raise BadInputError("event 'last' is not a date; give a period like 1991Q1.")
    return spec.to_period(freq)


def property_peak(
    house_price_real: pd.Series,
    *,
    start: pd.Period | str | None = None,
    end: pd.Period | str | None = None,
    min_fall: float | None = None,
) -> pd.Period:
    """Return the period of the highest real residential property price.

    With ``min_fall`` only peaks that were followed by a fall of at least that many
    per cent count (a bust, not just the latest high): the result is the highest
    price after which the real price later fell by ``min_fall`` % or more.

    Parameters
    ----------
    house_price_real : Series
        Real house price index on a PeriodIndex (BIS ``WS_SPP``, ``house_price_real``
        with unit ``index_2010``; a year-on-year change series is refused).
    start, end : Period or str, optional
        Look for the peak only within these bounds (inclusive), e.g. ``end="2010Q4"``
        for the US pre-crisis peak (2006) when later prices went higher.
    min_fall : float, optional
        Smallest later fall, in per cent of the peak, for a peak to count (e.g. 10);
        the fall may happen after ``end``.

    Returns
    -------
    Period
        The first period at which the maximum is reached.

    Raises
    ------
    BadInputError
        If the series is not on a PeriodIndex, is a growth-rate series, or has no
        observation (or no peak followed by a fall of ``min_fall``) in the window.
    """
    if not isinstance(house_price_real.index, pd.PeriodIndex):
        raise BadInputError("property_peak needs a series on a PeriodIndex (debtcycle.series).")
    unit = house_price_real.attrs.get("info", {}).get("unit", "")
    if unit == "pct_yoy":
        raise BadInputError(
            "property_peak needs a price *level* index; pass the series with unit='index_2010'."
        )
    freq = house_price_real.index.freqstr
    values = house_price_real.dropna()
    if min_fall is not None:
        later_low = values[::-1].cummin()[::-1]  # lowest price from each period onwards
        values = values[later_low <= values * (1 - min_fall / 100)]
    if start is not None:
        values = values[values.index >= _period(start, freq)]
    if end is not None:
        values = values[values.index <= _period(end, freq)]
    if values.empty:
        raise BadInputError(
            "No house price peak in the chosen window (with the required later fall); "
            "widen start/end or lower min_fall."
        )
    peak: pd.Period = values.index[int(np.argmax(values.to_numpy(dtype=float)))]
    return peak


@dataclass(frozen=True)
class AlignResult(Result):
    """Series on an event-time axis.

    Attributes
    ----------
    frame : DataFrame
        Index ``event_time`` (int, periods since the event; 0 = event), one column
        per country.
    events : dict of str to Period
        Each country's event period.
    unit : str
        ``"quarters"``, ``"years"`` or ``"months"``: the unit of ``event_time``.
    """

    frame: pd.DataFrame
    events: dict[str, pd.Period]
    unit: str

    def to_frame(self) -> pd.DataFrame:
        """Return the event-time frame (rows: periods since event, columns: countries)."""
        return self.frame

    def calendar(self) -> pd.DataFrame:
        """Return, for each country and event time, the calendar period it stands for."""
        cols = {
            c: [str(self.events[c] + int(t)) for t in self.frame.index] for c in self.frame.columns
        }
        return pd.DataFrame(cols, index=self.frame.index)


def _shift(
    values: pd.Series, event: pd.Period, window: tuple[int, int], rebase: Rebase, name: str
) -> pd.Series:
    values = values.dropna()
    steps = np.array([(p - event).n for p in values.index], dtype=int)
    out = pd.Series(values.to_numpy(dtype=float), index=steps, name=name)
    out = out[(out.index >= window[0]) & (out.index <= window[1])]
    if rebase == "none":
        return out
    if 0 not in out.index:
        raise BadInputError(
            f"{name}: no observation at the event {event}, so the path cannot be rebased; "
            "choose another event date or rebase='none'."
        )
    base = float(out.loc[0])
    if rebase == "diff":
        return out - base
    if rebase == "ratio":
        if base == 0:
            raise BadInputError(f"{name}: value 0 at the event; use rebase='diff'.")
        return 100.0 * out / base
    raise BadInputError(f"rebase must be 'none', 'diff' or 'ratio', not {rebase!r}.")


def align(
    series_by_country: Mapping[str, pd.Series],
    events: Mapping[str, pd.Period | str],
    window: tuple[int, int] = (-8, 40),
    *,
    rebase: Rebase = "none",
) -> AlignResult:
    """Align countries' series on their events and return them in event time.

    Parameters
    ----------
    series_by_country : mapping of str to Series
        One series per country (same frequency), on PeriodIndexes.
    events : mapping of str to Period or str
        The event period of every country in ``series_by_country`` (e.g. from
        :func:`property_peak`); strings such as ``"1991Q1"`` are accepted, an
        annual event is placed at its last quarter for quarterly data.
    window : tuple of int
        First and last event time kept, inclusive, in periods of the data
        (default 8 quarters before to 40 after).
    rebase : {"none", "diff", "ratio"}
        ``"diff"``: subtract the value at the event (change since the event);
        ``"ratio"``: 100 times the value over the value at the event.

    Returns
    -------
    AlignResult

    Raises
    ------
    BadInputError
        If a country has no event, series differ in frequency, the window is
        empty, or a rebased series has no value at its event.
    """
    if not series_by_country:
        raise BadInputError("align needs at least one series.")
    if window[0] > window[1]:
        raise BadInputError(f"window {window}: the first event time must not exceed the last.")
    freqs = set()
    for name, values in series_by_country.items():
        if not isinstance(values.index, pd.PeriodIndex):
            raise BadInputError(f"{name}: align needs series on a PeriodIndex.")
        freqs.add(_freq_code(values.index))
    if len(freqs) > 1:
        raise BadInputError(
            f"Series have different frequencies {sorted(freqs)}; fetch them with the same freq=."
        )
    missing = [c for c in series_by_country if c not in events]
    if missing:
        raise BadInputError(f"No event given for {', '.join(missing)}; pass one per country.")
    first = next(iter(series_by_country.values())).index
    freq = str(first.freqstr) if isinstance(first, pd.PeriodIndex) else "Q"
    event_periods = {c: _period(events[c], freq) for c in series_by_country}
    columns = {
        c: _shift(s, event_periods[c], window, rebase, c) for c, s in series_by_country.items()
    }
    frame = pd.DataFrame(columns).sort_index()
    frame.index.name = "event_time"
    return AlignResult(
        frame=frame,
        events=event_periods,
        unit=_UNIT_NAMES.get(freq[0], "periods"),
        params={"window": list(window), "rebase": rebase,
                "events": {c: str(p) for c, p in event_periods.items()}},
        provenance={c: dict(s.attrs.get("info", {})) for c, s in series_by_country.items()},
    )


def _nash_sutcliffe(reference: np.ndarray, follower: np.ndarray) -> float:
    """``1 - SS_res / SS_tot`` (``sklearn.metrics.r2_score``; 1 or 0 when SS_tot is 0)."""
    ss_res = float(np.sum((reference - follower) ** 2))
    ss_tot = float(np.sum((reference - reference.mean()) ** 2))
    if ss_tot == 0.0:
        return 1.0 if ss_res == 0.0 else 0.0
    return 1.0 - ss_res / ss_tot


@dataclass(frozen=True)
class Similarity(Result):
    """How closely ``follower``'s aligned path tracks ``reference``'s.

    Attributes
    ----------
    follower, reference : str
        Column names in the aligned frame.
    score : float
        Nash-Sutcliffe efficiency (``sklearn.metrics.r2_score(reference, follower)``):
        1 = identical paths, 0 = as good as the reference's mean, < 0 = worse.
    rmse : float
        Root mean squared distance between the paths, in the series' unit.
    correlation : float
        Pearson correlation of the two paths over the common window.
    n : int
        Number of common event-time periods used.
    start, end : int
        First and last common event time used.
    """

    follower: str
    reference: str
    score: float
    rmse: float
    correlation: float
    n: int
    start: int
    end: int

    def to_frame(self) -> pd.DataFrame:
        """Return the figures as a one-row table."""
        return pd.DataFrame(
            [{"follower": self.follower, "reference": self.reference, "score": self.score,
              "rmse": self.rmse, "correlation": self.correlation, "n": self.n,
              "start": self.start, "end": self.end}]
        ).set_index(["follower", "reference"])


def similarity(
    aligned: AlignResult,
    follower: str,
    reference: str,
    *,
    window: tuple[int, int] | None = None,
    min_periods: int = 4,
) -> Similarity:
    """Score how closely ``follower`` follows ``reference`` in event time.

    Parameters
    ----------
    aligned : AlignResult
        Output of :func:`align` (use ``rebase="diff"`` or ``"ratio"`` to compare
        paths rather than levels).
    follower, reference : str
        Two columns of ``aligned.frame`` (e.g. ``"CN"`` and ``"JP"``).
    window : tuple of int, optional
        Event-time bounds (inclusive); default: every period where both have data.
    min_periods : int
        Fewest common periods accepted.

    Returns
    -------
    Similarity

    Raises
    ------
    BadInputError
        If a country is not in the frame or the paths overlap on fewer than
        ``min_periods`` periods.
    """
    frame = aligned.frame
    for name in (follower, reference):
        if name not in frame.columns:
            raise BadInputError(f"{name!r} is not aligned; columns are {list(frame.columns)}.")
    pair = pd.DataFrame({"f": frame[follower], "r": frame[reference]}).dropna()
    if window is not None:
        pair = pair[(pair.index >= window[0]) & (pair.index <= window[1])]
    if len(pair) < min_periods:
        raise BadInputError(
            f"{follower} and {reference} share only {len(pair)} event-time periods "
            f"(need {min_periods}); widen the window or choose other events."
        )
    f = pair["f"].to_numpy(dtype=float)
    r = pair["r"].to_numpy(dtype=float)
    corr = float(np.corrcoef(f, r)[0, 1]) if np.std(f) > 0 and np.std(r) > 0 else float("nan")
    return Similarity(
        follower=follower,
        reference=reference,
        score=_nash_sutcliffe(r, f),
        rmse=float(np.sqrt(np.mean((f - r) ** 2))),
        correlation=corr,
        n=len(pair),
        start=int(pair.index[0]),
        end=int(pair.index[-1]),
        params={"window": list(window) if window else None, "min_periods": min_periods,
                "rebase": aligned.params.get("rebase")},
        provenance=aligned.provenance,
    )


@dataclass(frozen=True)
class Alignment(Result):
    """Two countries aligned on their events, with the follower's similarity score.

    Attributes
    ----------
    aligned : AlignResult
        The paths in event time.
    similarity : Similarity
        How closely the follower tracks the reference after the event.
    measure, sector, rebase : str
        What was aligned and how it was rebased.
    """

    aligned: AlignResult
    similarity: Similarity
    measure: str
    sector: str
    rebase: str

    def to_frame(self) -> pd.DataFrame:
        """Return the event-time paths (rows: periods since the event, columns: countries)."""
        return self.aligned.frame

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON the CLI prints: events, unit, measure, similarity, paths, sources."""
        return {
            "events": {c: str(p) for c, p in self.aligned.events.items()},
            "unit": self.aligned.unit,
            "measure": self.measure,
            "sector": self.sector,
            "rebase": self.rebase,
            "similarity": self.similarity.to_dict()["data"][0],
            "paths": jsonable(self.aligned.frame),
            "sources": jsonable(self.provenance or self.aligned.provenance),
        }
