"""China vs Japan (or any follower vs a reference) in event time from the property-price peak.

Method
------
Each indicator of both countries is put on a "years since the property peak"
axis with :func:`debtcycle.analytics.leverage.align.align` (event = each
country's own peak of real house prices, :func:`~debtcycle.analytics.leverage.
align.property_peak`).  Levels are rebased where the level differs for
structural reasons: debt ratios as the change since the peak (pp of GDP),
house and equity prices as an index (peak = 100); rates, growth and balances
are compared in levels.  For each indicator the similarity of the follower's
path to the reference's over the years both cover is the Nash-Sutcliffe
efficiency of :func:`~debtcycle.analytics.leverage.align.similarity`
(1 = same path, 0 = no better than the reference's mean, < 0 worse), with the
RMSE and correlation beside it.  The overall score is the mean of the
per-indicator scores, each clipped to [-1, 1] so one wild indicator cannot
dominate.

"Where the follower stands on the reference's path": for each indicator, the
event time at which the reference's path came closest to the follower's latest
value (e.g. China's house prices 20% below peak = Japan's in year 6).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.analytics.leverage.align import AlignResult, Rebase, align, similarity
from debtcycle.errors import BadInputError

__all__ = ["INDICATORS", "EventComparison", "compare_event_time"]

#: Indicator -> (rebase, label, unit) used by the comparison.
INDICATORS: Final[dict[str, tuple[Rebase, str, str]]] = {
    "house_price_real": ("ratio", "Real house prices", "index, peak = 100"),
    "equity_price": ("ratio", "Equity prices", "index, peak = 100"),
    "private_debt_gdp": ("diff", "Private non-financial debt", "pp of GDP since peak"),
    "gov_debt_gdp": ("diff", "Government debt", "pp of GDP since peak"),
    "policy_rate": ("none", "Policy rate", "%"),
    "gdp_growth": ("none", "Real GDP growth", "%"),
    "inflation": ("none", "CPI inflation", "%"),
    "private_balance_gdp": ("none", "Private financial balance", "% of GDP"),
    "gov_balance_gdp": ("none", "Government balance", "% of GDP"),
}


@dataclass(frozen=True)
class EventComparison(Result):
    """Two countries' indicators in event time, their similarity and the follower's position.

    Attributes
    ----------
    follower, reference : str
        Country codes (e.g. ``"CN"``, ``"JP"``).
    events : dict of str to Period
        Each country's event (property-price peak).
    paths : dict of str to AlignResult
        Indicator -> aligned paths (columns follower, reference).
    scores : DataFrame
        One row per indicator: ``score`` (NSE), ``rmse``, ``correlation``, ``n``,
        ``follower_now`` (latest value), ``reference_same_t`` (reference at the
        same event time), ``matches_reference_t`` (reference event time closest to
        ``follower_now``), ``unit``.
    overall : float
        Mean of the per-indicator scores clipped to [-1, 1].
    position : int
        The follower's latest event time (years since its peak).
    statement : list of str
        The comparison in words.
    """

    follower: str
    reference: str
    events: dict[str, pd.Period]
    paths: dict[str, AlignResult]
    scores: pd.DataFrame
    overall: float
    position: int
    statement: list[str] = field(default_factory=list)

    def to_frame(self) -> pd.DataFrame:
        """Return all paths in one table: rows event time, columns (indicator, country)."""
        parts = {name: res.frame for name, res in self.paths.items()}
        return pd.concat(parts, axis=1, names=["indicator", "country"])

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of ``debtcycle bsr compare FOLLOWER REFERENCE --json``."""
        return {"follower": self.follower, "reference": self.reference,
                "events": {c: str(p) for c, p in self.events.items()},
                "position": self.position, "overall_similarity": jsonable(self.overall),
                "scores": jsonable(self.scores.reset_index()), "statement": list(self.statement),
                "paths": jsonable(self.to_frame().T.reset_index()),
                "params": jsonable(self.params)}


def _latest(aligned: AlignResult, country: str) -> tuple[int, float] | None:
    values = aligned.frame[country].dropna()
    if values.empty:
        return None
    return int(values.index[-1]), float(values.iloc[-1])


def _closest_t(reference: pd.Series, value: float) -> int:
    after = reference[reference.index >= 0]
    after = after if not after.empty else reference
    return int(after.index[int(np.argmin(np.abs(after.to_numpy(dtype=float) - value)))])


def _score_row(name: str, aligned: AlignResult, follower: str, reference: str) -> dict[str, object]:
    row: dict[str, object] = {"indicator": name, "unit": INDICATORS[name][2]}
    latest = _latest(aligned, follower)
    ref = aligned.frame[reference].dropna()
    if latest is not None and not ref.empty:
        t, value = latest
        row.update(follower_t=t, follower_now=value,
                   reference_same_t=float(ref.get(t, np.nan)),
                   matches_reference_t=_closest_t(ref, value))
    try:
        sim = similarity(aligned, follower, reference, min_periods=3)
    except BadInputError:
        return row
    row.update(score=sim.score, rmse=sim.rmse, correlation=sim.correlation, n=sim.n)
    return row


def _words(scores: pd.DataFrame, follower: str, reference: str,
           events: Mapping[str, pd.Period], position: int) -> list[str]:
    ref_year = events[reference] + position
    lines = [f"{follower} is {position} years past its property-price peak "
             f"({events[follower]}); {reference} was at the same point in {ref_year} "
             f"(peak {events[reference]})."]
    for name, row in scores.iterrows():
        if pd.isna(row.get("follower_now")):
            continue
        label, unit = INDICATORS[str(name)][1], INDICATORS[str(name)][2]
        same = row.get("reference_same_t")
        ref_text = (f"{reference} {same:.1f} at the same point" if pd.notna(same)
                    else f"{reference} has no value at that point")
        lines.append(f"{label} ({unit}): {follower} {row['follower_now']:.1f} (year "
                     f"{int(row['follower_t'])}), {ref_text}; closest to {reference} in year "
                     f"{int(row['matches_reference_t'])} after its peak.")
    return lines


def compare_event_time(
    indicators: Mapping[str, Mapping[str, pd.Series]],
    events: Mapping[str, pd.Period | str],
    *,
    follower: str,
    reference: str,
    window: tuple[int, int] = (-5, 25),
) -> EventComparison:
    """Compare two countries' paths from their events, indicator by indicator.

    Parameters
    ----------
    indicators : mapping
        Indicator name (keys of :data:`INDICATORS`) -> {country: annual Series}.
        Indicators missing for either country are skipped.
    events : mapping of str to Period or str
        Event period of each country (e.g. its property-price peak).
    follower, reference : str
        Country codes, e.g. ``"CN"`` and ``"JP"``.
    window : tuple of int
        Event-time window in years (default 5 before to 25 after).

    Returns
    -------
    EventComparison

    Raises
    ------
    BadInputError
        If an indicator is unknown or no indicator exists for both countries.
    """
    unknown = sorted(set(indicators) - set(INDICATORS))
    if unknown:
        raise BadInputError(f"Unknown indicators {unknown}; choose from {list(INDICATORS)}.")
    paths: dict[str, AlignResult] = {}
    for name, by_country in indicators.items():
        pair = {c: by_country[c].dropna() for c in (follower, reference)
                if c in by_country and not by_country[c].dropna().empty}
        if len(pair) < 2:
            continue
        try:
            paths[name] = align(pair, events, window, rebase=INDICATORS[name][0])
        except BadInputError:
            paths[name] = align(pair, events, window, rebase="none")
    if not paths:
        raise BadInputError(f"No indicator is available for both {follower} and {reference}.")
    scores = pd.DataFrame([_score_row(n, p, follower, reference) for n, p in paths.items()])
    scores = scores.set_index("indicator")
    clipped = scores["score"].clip(-1.0, 1.0) if "score" in scores else pd.Series(dtype=float)
    position = int(scores["follower_t"].max()) if "follower_t" in scores else 0
    event_periods = next(iter(paths.values())).events
    return EventComparison(
        follower=follower, reference=reference, events=dict(event_periods), paths=paths,
        scores=scores, overall=float(clipped.mean()) if clipped.notna().any() else float("nan"),
        position=position,
        statement=_words(scores, follower, reference, event_periods, position),
        params={"window": list(window), "events": {c: str(p) for c, p in event_periods.items()}},
        provenance={n: p.provenance for n, p in paths.items()},
    )
