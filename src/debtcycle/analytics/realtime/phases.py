"""Leverage phases as they would have been called at the time.

A phase call "as of" a quarter segments the ratio truncated at that quarter
(every smoothing step of :func:`~debtcycle.analytics.leverage.phases.detect_phases`
is causal, so nothing after the quarter enters).  The mirror holds one vintage
of each series, so these are pseudo-real-time calls: later data revisions are
not undone, only later data are removed.

* :func:`phases_as_of` -- the segmentation with data up to a period;
* :func:`current_call` -- the label and start of the last phase;
* :func:`call_stability` -- the share of parameter settings and as-of dates whose
  current call agrees with the default one;
* :func:`phase_revisions` -- for each quarter, the phase called then against the
  phase the full sample assigns to it now, how often the call changed and how far
  phase starts moved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.analytics.leverage.phases import Phases, detect_phases
from debtcycle.analytics.leverage.summary import CountryPhases
from debtcycle.errors import BadInputError

__all__ = [
    "SETTINGS",
    "CurrentCall",
    "PhaseReport",
    "PhaseRevisions",
    "call_stability",
    "current_call",
    "phase_revisions",
    "phases_as_of",
]

#: Parameter settings over which the stability of a call is measured: the penalties
#: the episode tests check (30, 40, 80 pp^2) times three minimum phase lengths.
SETTINGS: Final[tuple[dict[str, float], ...]] = tuple(
    {"penalty": p, "min_years": m} for p in (30.0, 40.0, 80.0) for m in (1.5, 2.0, 3.0)
)
#: Quarters of as-of dates (the last ones before the end of the data) in the stability.
AS_OF_WINDOW: Final = 8


def phases_as_of(ratio: pd.Series, as_of: pd.Period | None = None, **params: Any) -> Phases:
    """Phases of ``ratio`` with the data truncated at ``as_of`` (None: all data).

    Raises
    ------
    BadInputError
        If fewer than 3 observations remain.
    """
    values = ratio.dropna()
    if as_of is not None:
        values = values[values.index <= as_of]
    values.name = ratio.name
    return detect_phases(values, **params)


@dataclass(frozen=True)
class CurrentCall:
    """The phase called at the end of the data, and how stable that call is.

    Attributes
    ----------
    label : str
        Label of the last phase.
    since : pd.Period
        Start of the last phase.
    as_of : pd.Period
        Last period of data.
    agree_settings, agree_as_of, stability : float or None
        Shares of parameter settings, of as-of dates, and of all (setting, as-of)
        pairs whose current call has the same label (None if not computed).
    """

    label: str
    since: pd.Period
    as_of: pd.Period
    agree_settings: float | None = None
    agree_as_of: float | None = None
    stability: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the call as JSON-ready values (periods as text, shares rounded)."""
        def share(x: float | None) -> float | None:
            return None if x is None else round(x, 3)

        return {"label": self.label, "since": str(self.since), "as_of": str(self.as_of),
                "stability": share(self.stability),
                "agree_settings": share(self.agree_settings),
                "agree_as_of": share(self.agree_as_of)}


def current_call(phases: Phases) -> CurrentCall:
    """Return the label and start of the last phase of a segmentation."""
    last = phases.table.iloc[-1]
    return CurrentCall(label=str(last["label"]), since=last["start"], as_of=last["end"])


def call_stability(
    ratio: pd.Series,
    *,
    settings: Sequence[Mapping[str, float]] = SETTINGS,
    window: int = AS_OF_WINDOW,
    **params: Any,
) -> CurrentCall:
    """Return the default current call and its agreement across settings and as-of dates.

    Parameters
    ----------
    ratio : Series
        Debt/GDP on a PeriodIndex.
    settings : sequence of dict
        Parameter overrides (``penalty``, ``min_years``, ...) to try.
    window : int
        Number of as-of dates: the last ``window`` periods of the data.
    **params
        Base parameters of :func:`detect_phases`.

    Returns
    -------
    CurrentCall
    """
    values = ratio.dropna()
    base = current_call(phases_as_of(values, None, **params))
    dates = list(values.index[-window:])

    def agrees(date: pd.Period, setting: Mapping[str, float]) -> float:
        try:
            call = current_call(phases_as_of(values, date, **{**params, **setting}))
        except BadInputError:
            return float("nan")
        return float(call.label == base.label)

    grid = np.array([[agrees(d, s) for d in dates] for s in settings], dtype=float)
    own = np.array([agrees(d, {}) for d in dates], dtype=float)
    return CurrentCall(label=base.label, since=base.since, as_of=base.as_of,
                       agree_settings=_share(grid[:, -1]), agree_as_of=_share(own),
                       stability=_share(np.concatenate([grid.ravel(), own])))


def _share(values: np.ndarray) -> float | None:
    ok = values[np.isfinite(values)]
    return float(ok.mean()) if ok.size else None


@dataclass(frozen=True)
class PhaseRevisions(Result):
    """Real-time phase calls against the final segmentation, one row per quarter.

    Attributes
    ----------
    table : DataFrame
        Per as-of period: ``real_time`` (label called then), ``real_time_since``
        (start of that phase as called then), ``final`` (label the full sample gives
        the period now), ``final_since`` (start of that phase now), ``agree``,
        ``since_moved`` (quarters between the two starts, when the labels agree).
    boundaries : DataFrame
        Per phase change of the final segmentation after the first as-of date:
        ``boundary``, ``label``, ``recognised`` (first as-of date whose call has
        the new label and keeps it) and ``lag_periods``.
    overview : dict
        ``agree_share``, ``call_changes`` (times the real-time label changed),
        ``median_since_moved`` and ``max_since_moved`` (periods), ``median_lag``.
    """

    table: pd.DataFrame
    boundaries: pd.DataFrame
    overview: dict[str, Any]

    def to_frame(self) -> pd.DataFrame:
        """Return the per-quarter table."""
        return self.table

    def to_dict(self) -> dict[str, Any]:
        """Return the summary, the per-quarter table and the boundaries as JSON-ready values."""
        return {"summary": jsonable(self.overview), "table": jsonable(self.table),
                "boundaries": jsonable(self.boundaries), "params": jsonable(self.params),
                "provenance": jsonable(self.provenance)}


def _boundaries(final: Phases, table: pd.DataFrame) -> pd.DataFrame:
    rows = []
    first = table.index[0]
    for _, phase in final.table.iloc[1:].iterrows():
        start, label = phase["start"], str(phase["label"])
        if start < first:
            continue
        after = table.loc[start:, "real_time"]
        wrong = after[after != label]
        stop = phase["end"]
        seen = after.loc[:stop]
        hit = seen[seen == label]
        recognised = None
        for p in hit.index:  # first date from which the call stays right within the phase
            if not (wrong.index > p).any() or wrong.index[wrong.index > p][0] > stop:
                recognised = p
                break
        lag = None if recognised is None else (recognised - start).n
        rows.append({"boundary": start, "label": label, "recognised": recognised,
                     "lag_periods": lag})
    return pd.DataFrame(rows, columns=["boundary", "label", "recognised", "lag_periods"])


def phase_revisions(ratio: pd.Series, *, since: pd.Period, **params: Any) -> PhaseRevisions:
    """Compare the phase called at each period since ``since`` with today's segmentation.

    Parameters
    ----------
    ratio : Series
        Debt/GDP on a PeriodIndex.
    since : Period
        First as-of period.
    **params
        Parameters of :func:`detect_phases`.

    Returns
    -------
    PhaseRevisions

    Raises
    ------
    BadInputError
        If no as-of period since ``since`` has enough data.
    """
    values = ratio.dropna()
    final = phases_as_of(values, None, **params)
    rows = []
    for date in values.index[values.index >= since]:
        try:
            call = current_call(phases_as_of(values, date, **params))
        except BadInputError:
            continue
        now = final.table[(final.table["start"] <= date) & (final.table["end"] >= date)].iloc[-1]
        agree = call.label == now["label"]
        rows.append({"period": date, "real_time": call.label, "real_time_since": call.since,
                     "final": str(now["label"]), "final_since": now["start"], "agree": agree,
                     "since_moved": (call.since - now["start"]).n if agree else None})
    if not rows:
        raise BadInputError(f"{ratio.name}: no data from {since} on to call phases.")
    table = pd.DataFrame(rows).set_index("period")
    moved = table["since_moved"].dropna().astype(float).abs()
    boundaries = _boundaries(final, table)
    lags = boundaries["lag_periods"].dropna().astype(float)
    summary = {
        "periods": len(table), "agree_share": float(table["agree"].mean()),
        "call_changes": int((table["real_time"] != table["real_time"].shift()).iloc[1:].sum()),
        "median_since_moved": float(moved.median()) if len(moved) else None,
        "max_since_moved": float(moved.max()) if len(moved) else None,
        "median_lag": float(lags.median()) if len(lags) else None,
        "unrecognised": int(boundaries["recognised"].isna().sum()),
    }
    return PhaseRevisions(table=table, boundaries=boundaries, overview=summary,
                          params={**final.params, "since": str(since)},
                          provenance=final.provenance)


@dataclass(frozen=True)
class PhaseReport(Result):
    """Phases of a country's sectors as of a period, with each current call's stability.

    Attributes
    ----------
    summary_phases : CountryPhases
        Phases per sector and drivers of the total's phases.
    calls : dict of str to CurrentCall
        The current call of each sector.
    as_of : pd.Period or None
        Truncation period asked for (None: all data).
    """

    summary_phases: CountryPhases
    calls: dict[str, CurrentCall]
    as_of: pd.Period | None = None

    @property
    def country(self) -> str:
        """Country code."""
        return self.summary_phases.country

    @property
    def sectors(self) -> dict[str, Phases]:
        """Phases per sector."""
        return self.summary_phases.sectors

    @property
    def drivers(self) -> pd.DataFrame:
        """Drivers of the total's phases."""
        return self.summary_phases.drivers

    def to_frame(self) -> pd.DataFrame:
        """Return all sectors' phases in one table (column ``sector`` first)."""
        return self.summary_phases.to_frame()

    def current(self) -> pd.DataFrame:
        """Return one row per sector: current label, since, stability shares."""
        rows = [{"sector": k, **v.as_dict()} for k, v in self.calls.items()]
        return pd.DataFrame(rows).set_index("sector")

    def records(self) -> list[dict[str, Any]]:
        """Return one JSON-ready object per sector: phases, current call, objective, penalty."""
        out = []
        for record in self.summary_phases.records():
            ph = self.sectors[record["sector"]]
            call = self.calls.get(record["sector"])
            out.append({**record, "as_of": str(ph.observed.index[-1]),
                        "current": None if call is None else call.as_dict(),
                        "objective": ph.params.get("objective"),
                        "penalty": ph.params.get("penalty_used")})
        return out

    def to_dict(self) -> dict[str, Any]:
        """Return country, as-of, per-sector records, drivers, parameters and provenance."""
        return {"country": self.country,
                "as_of": None if self.as_of is None else str(self.as_of),
                "sectors": self.records(), "drivers": jsonable(self.drivers),
                "params": jsonable(self.params), "provenance": jsonable(self.provenance)}
