"""Recession probability from the term spread, tested out of sample in real time.

Targets, on quarters ``t`` (NBER recession quarter: at least two of its three
months in recession in FRED ``USREC``):

* ``ahead_4q``: quarter ``t + 4`` is a recession quarter;
* ``within_4q``: any of quarters ``t + 1 .. t + 4`` is one.

Predictor: the term spread known at ``t``, the quarterly mean of the 10-year
Treasury yield (FRED ``DGS10``) minus the quarterly mean of the federal funds
rate (``FEDFUNDS``), as in Estrella and Mishkin (1998, *Review of Economics and
Statistics*) and Estrella and Trubin (2006, *Current Issues in Economics and
Finance* 12(5), Federal Reserve Bank of New York), whose yield-curve model the
New York Fed publishes.  A logit (the real-time machinery of
:mod:`debtcycle.analytics.realtime`) is fitted at each quarter from ``oos_start``
on the rows whose outcome was *known* by then: the target quarter must be past
and NBER must have dated it, which takes about a year (``ANNOUNCEMENT_LAG``), so
a row dated ``s`` enters the fit at ``s + 4 + 4``.  Scores (AUROC with a DeLong
interval, Brier, calibration by probability bin) are on those out-of-sample
predictions, beside the base rate of the scored quarters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.errors import BadInputError

__all__ = ["ANNOUNCEMENT_LAG", "HORIZON", "TARGETS", "RecessionForecast", "RecessionModel",
           "fit_recession_model", "quarterly_sample"]

HORIZON = 4
ANNOUNCEMENT_LAG = 4
TARGETS = ("ahead_4q", "within_4q")


def quarterly_sample(recession_monthly: pd.Series, predictors: pd.DataFrame) -> pd.DataFrame:
    """Build the quarterly sample: predictors at ``t`` and both targets.

    Parameters
    ----------
    recession_monthly : Series
        0/1 monthly recession indicator on a monthly PeriodIndex (FRED ``USREC``).
    predictors : DataFrame
        Quarterly predictors on a quarterly PeriodIndex (e.g. column ``spread``).

    Returns
    -------
    DataFrame
        Quarterly PeriodIndex; predictor columns, ``recession`` (0/1), ``ahead_4q``
        and ``within_4q`` (NaN where the future quarters are not observed),
        ``time`` (integer quarter count).
    """
    if not isinstance(recession_monthly.index, pd.PeriodIndex):
        raise BadInputError("recession indicator must be monthly on a PeriodIndex (FRED USREC)")
    rec_m = recession_monthly.dropna()
    quarters = rec_m.index.asfreq("Q")  # type: ignore[attr-defined]
    counts = rec_m.groupby(quarters).size()
    share = rec_m.groupby(quarters).mean()
    rec = (share[counts == 3] >= 0.5).astype(float)
    rec.index = pd.PeriodIndex(rec.index, freq="Q")
    index = predictors.index.union(rec.index).sort_values()
    frame = predictors.reindex(index).assign(recession=rec.reindex(index))
    future = pd.concat({k: frame["recession"].shift(-k) for k in range(1, HORIZON + 1)}, axis=1)
    frame["ahead_4q"] = future[HORIZON]
    frame["within_4q"] = future.max(axis=1).where(future.notna().all(axis=1))
    frame["time"] = [p.ordinal for p in frame.index]
    return frame


@dataclass(frozen=True)
class RecessionForecast:
    """One target's real-time record and current probability.

    Attributes
    ----------
    target : str
    predictions : Series
        Out-of-sample probabilities by quarter (NaN before ``oos_start``).
    auroc, ci_low, ci_high, brier, brier_base_rate, base_rate : float
        Scores on the out-of-sample quarters (``base_rate``: event share there).
    calibration : DataFrame
        Predicted against realised frequency by probability bin.
    probability_now : float
        From the fit on every row known at the last quarter with predictors.
    as_of : str
        That quarter.
    coef : dict
        Full-sample logit coefficients (unstandardised: ``const``, ``spread``, ...).
    in_sample_auroc : float
        AUROC of the full-sample fit on the same quarters (for comparison).
    """

    target: str
    predictions: pd.Series
    auroc: float
    ci_low: float
    ci_high: float
    brier: float
    brier_base_rate: float
    base_rate: float
    calibration: pd.DataFrame
    probability_now: float
    as_of: str
    coef: dict[str, float]
    in_sample_auroc: float


@dataclass(frozen=True)
class RecessionModel(Result):
    """The two recession targets, their real-time records and the fitted models.

    Use :meth:`probability` to put a scenario's own spread path through the model.
    """

    forecasts: dict[str, RecessionForecast]
    predictors: tuple[str, ...]
    oos_start: str

    def to_frame(self) -> pd.DataFrame:
        """Return the out-of-sample probabilities by quarter, one column per target."""
        return pd.DataFrame({k: f.predictions for k, f in self.forecasts.items()})

    def probability(self, target: str, **values: np.ndarray | float) -> np.ndarray:
        """Probability of ``target`` for given predictor values (full-sample fit).

        Parameters
        ----------
        target : {"ahead_4q", "within_4q"}
        **values
            One array (or number) per predictor, e.g. ``spread=...`` in pp.
        """
        coef = self.forecasts[target].coef
        z = coef["const"] + sum(coef[k] * np.asarray(values[k], dtype=float)
                                for k in self.predictors)
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of ``debtcycle recession US --json``."""
        out = {}
        for name, f in self.forecasts.items():
            out[name] = {
                "target": name, "predictors": list(self.predictors), "auroc_oos": f.auroc,
                "auroc_oos_ci": [f.ci_low, f.ci_high], "auroc_in_sample": f.in_sample_auroc,
                "oos_start": self.oos_start, "brier": f.brier,
                "brier_base_rate": f.brier_base_rate, "base_rate": f.base_rate,
                "probability_now": f.probability_now, "as_of": f.as_of,
                "calibration": f.calibration.to_dict(orient="records"), "coef": f.coef,
            }
        result: dict[str, Any] = jsonable({"country": "US", **out, "params": self.params,
                                           "provenance": self.provenance})
        return result


def _full_fit(sample: pd.DataFrame, target: str, predictors: tuple[str, ...]
              ) -> tuple[dict[str, float], np.ndarray]:
    import statsmodels.api as sm

    rows = sample.dropna(subset=[*predictors, target])
    x = sm.add_constant(rows[list(predictors)].astype(float), has_constant="add")
    params = sm.Logit(rows[target].astype(float), x).fit(disp=0, maxiter=200).params
    return {str(k): float(v) for k, v in params.items()}, rows.index.to_numpy()


def _forecast(sample: pd.DataFrame, target: str, predictors: tuple[str, ...],
              start: int) -> RecessionForecast:
    from debtcycle.analytics.realtime import expanding_predictions, logit_fit, score_record
    from debtcycle.analytics.realtime.metrics import auroc

    rows = sample.dropna(subset=list(predictors)).copy()
    rows["y"] = rows[target]
    known = rows.dropna(subset=["y"])
    pred = expanding_predictions(known, logit_fit(list(predictors)), start=start, time="time",
                                 label_lag=HORIZON + ANNOUNCEMENT_LAG, strict=False)
    record = score_record(known["y"], pred)
    coef, _ = _full_fit(known, "y", predictors)
    scored = pred.notna()
    in_sample = model_probability(coef, predictors, known.loc[scored])
    last = rows.index[-1]
    now = float(model_probability(coef, predictors, rows.loc[[last]])[0])
    scored_y = known.loc[scored, "y"]
    return RecessionForecast(
        target=target, predictions=pred, auroc=record.auroc, ci_low=record.ci_low,
        ci_high=record.ci_high, brier=record.brier, brier_base_rate=record.brier_base_rate,
        base_rate=float(scored_y.mean()), calibration=record.calibration,
        probability_now=now, as_of=str(last), coef=coef,
        in_sample_auroc=float(auroc(scored_y, pd.Series(in_sample, index=scored_y.index)).auc))


def model_probability(coef: dict[str, float], predictors: tuple[str, ...],
                      rows: pd.DataFrame) -> np.ndarray:
    """Logit probability of ``rows`` with coefficients ``coef``."""
    z = coef["const"] + sum(coef[k] * rows[k].to_numpy(dtype=float) for k in predictors)
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


def fit_recession_model(sample: pd.DataFrame, *, predictors: tuple[str, ...] = ("spread",),
                        oos_start: str = "1985Q1") -> RecessionModel:
    """Fit and evaluate both targets in real time.

    Parameters
    ----------
    sample : DataFrame
        From :func:`quarterly_sample`.
    predictors : tuple of str
        Predictor columns (term spread first; at most a few others).
    oos_start : str
        First quarter predicted out of sample.

    Raises
    ------
    BadInputError
        If a predictor is missing or the sample has too few recessions before ``oos_start``.
    """
    missing = [p for p in predictors if p not in sample.columns]
    if missing or not predictors or len(predictors) > 3:
        raise BadInputError(f"recession predictors {list(predictors)}: give 1-3 columns of the "
                            f"sample ({[c for c in sample.columns if c not in TARGETS]})")
    start = pd.Period(oos_start, freq="Q").ordinal
    forecasts = {t: _forecast(sample, t, predictors, start) for t in TARGETS}
    used = sample.dropna(subset=list(predictors))
    return RecessionModel(
        forecasts=forecasts, predictors=predictors, oos_start=oos_start,
        params={"horizon_quarters": HORIZON, "announcement_lag_quarters": ANNOUNCEMENT_LAG,
                "model": "logit, expanding window", "recession_quarter": "2 of 3 months USREC"},
        provenance={"first_quarter": str(used.index[0]), "last_quarter": str(used.index[-1])})
