"""A modern-panel early-warning model on BIS indicators and Laeven-Valencia crisis dates.

Indicators (end-of-year values, year ``t``): credit-to-GDP gap (BIS method),
debt service ratio deviation from the country mean, real residential property
price growth (year on year, log %).  Outcome for a horizon window ``(a, b)``:
1 if a systemic banking crisis starts in years ``t+a .. t+b``.  As in
Drehmann and Juselius (2014), years inside a crisis (Laeven-Valencia
"ongoing") and years where a crisis starts sooner than ``t+a`` are neither
signals nor non-signals and leave the sample; a window must be fully
observed (``t + b`` within the crisis data).

Evaluation: AUROC of each indicator on its own by horizon (no fitting), and of
a pooled logit evaluated out of sample by leave-one-country-out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, cast

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.analytics.gaps.ewm.logit import PanelLogit, fit_panel_logit
from debtcycle.analytics.gaps.ewm.roc import auroc
from debtcycle.errors import BadInputError

__all__ = [
    "HORIZONS",
    "EwmEvaluation",
    "Scores",
    "annual_indicators",
    "current_probabilities",
    "evaluate_panel",
    "horizon_sample",
    "latest_indicators",
    "loco_predictions",
    "score_countries",
]

#: Horizon windows (years before a crisis start) of Drehmann and Juselius (2014).
HORIZONS: Final[dict[str, tuple[int, int]]] = {"1-2y": (1, 2), "2-3y": (2, 3), "3-5y": (3, 5)}
#: Indicator columns and a short description.
INDICATORS: Final[dict[str, str]] = {
    "credit_gap": "Credit-to-GDP gap, pp (one-sided HP, lambda 400,000)",
    "dsr_dev": "Debt service ratio minus country mean, pp",
    "house_growth": "Real residential property prices, y/y log change, %",
}


def annual_indicators(quarterly: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """End-of-year (Q4) values of quarterly indicators, as a long country-year frame.

    Parameters
    ----------
    quarterly : mapping of name -> DataFrame
        Each frame quarterly (PeriodIndex), one column per country.

    Returns
    -------
    DataFrame
        Columns ``country``, ``year`` and one per indicator.
    """
    parts: list[pd.Series] = []
    for name, frame in quarterly.items():
        index = pd.PeriodIndex(frame.index)
        q4 = frame[index.quarter == 4].set_axis(index[index.quarter == 4].year, axis=0)
        long = cast(pd.Series, q4.rename_axis("year").stack())
        parts.append(long.rename(name).rename_axis(["year", "country"]))
    if not parts:
        raise BadInputError("annual_indicators: no indicators given.")
    out: pd.DataFrame = pd.concat(parts, axis=1).reset_index()
    return out


def _crisis_long(start: pd.DataFrame, ongoing: pd.DataFrame) -> pd.DataFrame:
    def long(frame: pd.DataFrame, name: str) -> pd.Series:
        out = frame.set_axis([int(getattr(p, "year", p)) for p in frame.index], axis=0)
        stacked = cast(pd.Series, out.rename_axis("year").stack())
        return stacked.rename(name).rename_axis(["year", "country"])

    both: pd.DataFrame = pd.concat([long(start, "start"), long(ongoing, "ongoing")], axis=1)
    return both.reset_index()


def horizon_sample(
    indicators: pd.DataFrame,
    crisis_start: pd.DataFrame,
    crisis_ongoing: pd.DataFrame,
    window: tuple[int, int],
) -> pd.DataFrame:
    """Country-years with the outcome ``crisis starts in t+a .. t+b`` (``y`` column).

    Countries absent from the crisis frames are taken to have had no crisis in
    the years the frames cover (Laeven-Valencia list every crisis).

    Parameters
    ----------
    indicators : DataFrame
        Long frame from :func:`annual_indicators`.
    crisis_start, crisis_ongoing : DataFrame
        Annual 0/1 flags, one column per country.
    window : (int, int)
        ``(a, b)`` with ``1 <= a <= b``.
    """
    a, b = window
    if not 1 <= a <= b:
        raise BadInputError(f"horizon window needs 1 <= a <= b, got {window}.")
    first, last = (int(getattr(p, "year", p)) for p in (crisis_start.index[0],
                                                          crisis_start.index[-1]))
    flags = _crisis_long(crisis_start, crisis_ongoing)
    rows = indicators[indicators["year"].between(first, last - b)].copy()
    table = flags.pivot(index="year", columns="country", values="start")
    table = table.reindex(columns=sorted(set(rows["country"]))).fillna(0.0)
    table = table.reindex(range(first, last + 1))
    ong = flags.pivot(index="year", columns="country", values="ongoing")
    ong = ong.reindex(index=table.index, columns=table.columns).fillna(0.0)

    def ahead(lo: int, hi: int) -> pd.DataFrame:
        shifted = [table.shift(-k) for k in range(lo, hi + 1)] if hi >= lo else []
        return sum(shifted, pd.DataFrame(0.0, index=table.index, columns=table.columns))

    keys = pd.MultiIndex.from_frame(rows[["year", "country"]])
    y = ahead(a, b).stack().reindex(keys).to_numpy()
    too_close = ahead(0, a - 1).stack().reindex(keys).to_numpy()
    inside = ong.stack().reindex(keys).to_numpy()
    rows["y"] = (y > 0).astype(float)
    keep = (too_close == 0) & (inside == 0)
    kept: pd.DataFrame = rows[keep].reset_index(drop=True)
    return kept


def loco_predictions(sample: pd.DataFrame, features: Sequence[str]) -> pd.Series:
    """Out-of-sample probabilities by leave-one-country-out (pooled logit, common constant)."""
    out = pd.Series(np.nan, index=sample.index)
    for country in sample["country"].unique():
        test = sample["country"] == country
        train = sample[~test]
        if train["y"].nunique() < 2:
            continue
        model = fit_panel_logit(train, "y", features, fixed_effects=False)
        out[test] = model.predict(sample[test])
    return out


@dataclass(frozen=True)
class EwmEvaluation(Result):
    """AUROCs by horizon: each indicator alone, and the logit out of sample.

    Attributes
    ----------
    table : DataFrame
        One row per (horizon, signal): auroc, se, ci_low, ci_high, n, n_events, sample years.
    """

    table: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return the AUROC table."""
        return self.table


def _row(horizon: str, signal: str, sample: pd.DataFrame, score: pd.Series) -> dict[str, object]:
    ok = score.notna()
    stats = auroc(sample.loc[ok, "y"], score[ok]).as_dict()
    years = sample.loc[ok, "year"]
    return {"horizon": horizon, "signal": signal, **stats,
            "countries": int(sample.loc[ok, "country"].nunique()),
            "years": f"{int(years.min())}-{int(years.max())}"}


def evaluate_panel(
    indicators: pd.DataFrame,
    crisis_start: pd.DataFrame,
    crisis_ongoing: pd.DataFrame,
    *,
    features: Sequence[str] = ("credit_gap", "dsr_dev", "house_growth"),
    horizons: Mapping[str, tuple[int, int]] = HORIZONS,
) -> EwmEvaluation:
    """AUROC by horizon of each indicator alone and of the logit (leave-one-country-out).

    All rows use the same sample per horizon: country-years where every
    feature is available.

    Returns
    -------
    EwmEvaluation
    """
    rows = []
    for name, window in horizons.items():
        sample = horizon_sample(indicators, crisis_start, crisis_ongoing, window)
        sample = sample.dropna(subset=list(features)).reset_index(drop=True)
        if sample["y"].nunique() < 2:
            continue
        for feature in features:
            rows.append(_row(name, feature, sample, sample[feature]))
        rows.append(_row(name, "logit (LOCO)", sample, loco_predictions(sample, features)))
    if not rows:
        raise BadInputError("evaluate_panel: no horizon has both crises and non-crises.")
    return EwmEvaluation(table=pd.DataFrame(rows),
                         params={"features": list(features), "horizons": dict(horizons)})


def current_probabilities(
    sample: pd.DataFrame, latest: pd.DataFrame, features: Sequence[str]
) -> tuple[pd.DataFrame, PanelLogit]:
    """Fit the pooled logit on ``sample``; probability and drivers for each row of ``latest``.

    Drivers are each feature's contribution to the log-odds relative to the
    sample average: ``coef * (x - mean(x))``.

    Returns
    -------
    DataFrame, PanelLogit
        Per country: ``probability``, the features and ``driver_<feature>``; the fitted model.
    """
    model = fit_panel_logit(sample, "y", features, fixed_effects=False)
    rows = latest.dropna(subset=list(features)).copy()
    rows["probability"] = model.predict(rows)
    coef = model.result.params
    for feature in features:
        rows[f"driver_{feature}"] = coef[feature] * (rows[feature] - sample[feature].mean())
    return rows.reset_index(drop=True), model


def latest_indicators(
    quarterly: Mapping[str, pd.DataFrame], features: Sequence[str]
) -> pd.DataFrame:
    """Latest quarter at which every feature is available, per country.

    Returns
    -------
    DataFrame
        Columns ``country``, ``period`` (str) and the features.
    """
    joint = pd.concat({f: quarterly[f] for f in features}, axis=1)
    rows = []
    for country in sorted({c for f in features for c in quarterly[f].columns}):
        cols = [(f, country) for f in features]
        if not all(c in joint.columns for c in cols):
            continue
        have = joint[cols].dropna()
        if have.empty:
            continue
        last = have.iloc[-1]
        rows.append({"country": country, "period": str(have.index[-1]),
                     **{f: float(last[(f, country)]) for f in features}})
    return pd.DataFrame(rows, columns=["country", "period", *features])


@dataclass(frozen=True)
class Scores(Result):
    """Current crisis probabilities of every country for one horizon, with drivers.

    Attributes
    ----------
    horizon : str
        Horizon label (``"1-2y"``).
    table : DataFrame
        Per country: period of the data, features, ``probability``, ``driver_<feature>``.
    model : PanelLogit
        The pooled logit fitted on all country-years.
    base_rate : float
        Share of crisis windows in the estimation sample.
    """

    horizon: str
    table: pd.DataFrame
    model: PanelLogit
    base_rate: float

    def to_frame(self) -> pd.DataFrame:
        """Countries sorted by probability, highest first."""
        return self.table.sort_values("probability", ascending=False).set_index("country")


def score_countries(
    indicators: pd.DataFrame,
    quarterly: Mapping[str, pd.DataFrame],
    crisis_start: pd.DataFrame,
    crisis_ongoing: pd.DataFrame,
    *,
    features: Sequence[str] = ("credit_gap", "house_growth"),
    horizons: Mapping[str, tuple[int, int]] = HORIZONS,
) -> dict[str, Scores]:
    """Fit the pooled logit per horizon and score every country's latest data.

    Returns
    -------
    dict of str -> Scores
        One entry per horizon.
    """
    latest = latest_indicators(quarterly, features)
    out = {}
    for name, window in horizons.items():
        sample = horizon_sample(indicators, crisis_start, crisis_ongoing, window)
        sample = sample.dropna(subset=list(features))
        table, model = current_probabilities(sample, latest, features)
        out[name] = Scores(horizon=name, table=table, model=model,
                           base_rate=float(sample["y"].mean()),
                           params={"features": list(features), "window": list(window)})
    return out
