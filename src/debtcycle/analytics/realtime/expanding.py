"""Expanding-window predictions: each date predicted from rows known by then.

A row of the sample is a (country, time) observation with features and a 0/1
outcome.  The outcome of a row dated ``s`` is fully observed at ``s + label_lag``:
``label_lag = 0`` for Schularick-Taylor rows ("a crisis starts in year s",
features lagged), ``label_lag = b`` for a row whose outcome is "a crisis starts
in s+a .. s+b".  To predict the rows dated ``t`` the fit uses only rows with
``s + label_lag < t`` (``strict``, the outcome was known before ``t``) or
``s + label_lag <= t`` (known at ``t``, for predictions made at the end of
period ``t`` with that period's data).  The features of the rows dated ``t``
must themselves be computed causally (see :mod:`.transforms`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationWarning

from debtcycle.errors import BadInputError

__all__ = ["Fit", "Predictor", "expanding_predictions", "logit_fit", "training_rows"]

#: A fitted model: rows -> probabilities (NaN where it cannot predict).
Predictor = Callable[[pd.DataFrame], np.ndarray]
#: A fit function: training rows -> predictor.
Fit = Callable[[pd.DataFrame], Predictor]


def training_rows(
    sample: pd.DataFrame, t: int, *, time: str = "year", label_lag: int = 0, strict: bool = True
) -> pd.Series:
    """Boolean mask of the rows whose outcome is known at prediction date ``t``.

    Parameters
    ----------
    sample : DataFrame
        Rows with an integer ``time`` column.
    t : int
        Prediction date (same unit as ``time``).
    time : str
        Name of the time column.
    label_lag : int
        Periods between a row's date and the last period its outcome depends on.
    strict : bool
        If True the outcome must be known before ``t`` (``time + label_lag < t``),
        else by ``t`` (``<= t``).
    """
    known = sample[time].astype(int) + int(label_lag)
    mask: pd.Series = known < t if strict else known <= t
    return mask


def expanding_predictions(
    sample: pd.DataFrame,
    fit: Fit,
    *,
    start: int,
    end: int | None = None,
    time: str = "year",
    label_lag: int = 0,
    strict: bool = True,
    outcome: str = "y",
    min_events: int = 2,
) -> pd.Series:
    """Predict the rows of each date ``start .. end`` from a fit on earlier known rows only.

    Parameters
    ----------
    sample : DataFrame
        Rows with columns ``time``, ``outcome`` and whatever ``fit`` needs.
    fit : callable
        ``fit(train) -> predictor``; ``predictor(rows) -> probabilities``.
    start, end : int
        First and last date predicted (``end`` defaults to the last date in the sample).
    time, label_lag, strict
        See :func:`training_rows`.  ``time`` holds integers: years, or for
        quarterly or monthly rows the periods' ordinals (``Period.ordinal``),
        with ``start``/``end``/``label_lag`` in the same unit.
    outcome : str
        0/1 outcome column.
    min_events : int
        Dates whose training rows hold fewer events (or non-events) than this are
        left unpredicted (NaN).

    Returns
    -------
    Series
        Probabilities on the sample's index; NaN outside ``start .. end`` and
        where no fit was possible.

    Raises
    ------
    BadInputError
        If the time column is missing or ``start`` is after ``end``.
    """
    if time not in sample.columns or outcome not in sample.columns:
        raise BadInputError(f"expanding_predictions needs columns {time!r} and {outcome!r}.")
    last = int(sample[time].max()) if end is None else int(end)
    if start > last:
        raise BadInputError(f"expanding_predictions: start {start} is after end {last}.")
    out = pd.Series(np.nan, index=sample.index, dtype=float)
    for t in range(int(start), last + 1):
        target = sample[time].astype(int) == t
        if not target.any():
            continue
        train = sample[training_rows(sample, t, time=time, label_lag=label_lag, strict=strict)]
        events = int(train[outcome].sum())
        if events < min_events or len(train) - events < min_events:
            continue
        out[target] = fit(train)(sample[target])
    return out


def _standardiser(train: pd.DataFrame, features: Sequence[str]) -> tuple[pd.Series, pd.Series]:
    x = train[list(features)].astype(float)
    sd = x.std(ddof=0).replace(0.0, 1.0)
    return x.mean(), sd


def logit_fit(
    features: Sequence[str],
    *,
    outcome: str = "y",
    fixed_effects: bool = False,
    standardise: bool = True,
) -> Fit:
    """Return a fit function for :func:`expanding_predictions`: a maximum-likelihood logit.

    The standardisation (mean and standard deviation of each feature) is taken
    from the training rows only and applied unchanged to the rows predicted.
    With ``fixed_effects`` a country without an intercept in the training rows
    (no data, or no event yet: its intercept is not identified) gets NaN.

    Parameters
    ----------
    features : sequence of str
        Regressor columns.
    outcome : str
        0/1 outcome column.
    fixed_effects : bool
        One intercept per country (``country`` column) instead of a common constant.
    standardise : bool
        Z-score the features with training-row moments before fitting.

    Returns
    -------
    callable
    """
    cols = list(features)

    def design(rows: pd.DataFrame, mean: pd.Series, sd: pd.Series,
               countries: Sequence[str]) -> pd.DataFrame:
        x = (rows[cols].astype(float) - mean) / sd
        if fixed_effects:
            for c in countries:
                x[f"fe_{c}"] = (rows["country"] == c).astype(float)
            return x
        x.insert(0, "const", 1.0)
        return x

    def fit(train: pd.DataFrame) -> Predictor:
        train = train.dropna(subset=[*cols, outcome])
        if standardise:
            mean, sd = _standardiser(train, cols)
        else:
            mean = pd.Series(0.0, index=cols)
            sd = pd.Series(1.0, index=cols)
        countries: list[str] = []
        if fixed_effects:
            by = train.groupby("country")[outcome].sum()
            countries = sorted(str(c) for c in by[by > 0].index)
            train = train[train["country"].isin(countries)]
        x = design(train, mean, sd, countries)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            warnings.simplefilter("ignore", PerfectSeparationWarning)
            warnings.simplefilter("ignore", RuntimeWarning)
            params = sm.Logit(train[outcome].astype(float), x).fit(disp=0, maxiter=200).params

        def predict(rows: pd.DataFrame) -> np.ndarray:
            xr = design(rows, mean, sd, countries)
            with np.errstate(over="ignore"):
                p = 1.0 / (1.0 + np.exp(-(xr.to_numpy(dtype=float) @ params.to_numpy())))
            bad = rows[cols].isna().any(axis=1).to_numpy()
            if fixed_effects:
                bad |= ~rows["country"].isin(countries).to_numpy()
            return np.where(bad, np.nan, p)

        return predict

    return fit
