"""In-sample, leave-one-country-out and real-time AUROC of early-warning models, side by side.

For each model and horizon the same three questions are asked:

* **in-sample**: fitted on every row, scored on the same rows (what the
  literature usually reports: Schularick-Taylor 2012 quote 0.717);
* **leave-one-country-out** (pooled logit): each country predicted by a fit on
  the others.  Folds still share calendar time (the global financial crisis is
  in every training fold), so this is not a real-time figure;
* **real-time**: each date predicted by a fit on rows whose outcome was known by
  then (:func:`debtcycle.analytics.realtime.expanding_predictions`), features
  standardised with training moments, the DSR deviation from an expanding mean.

Every figure is reported beside the **raw benchmark** on the same real-time rows:
the credit-to-GDP gap with no fitting (AUROC needs no threshold; the BIS 2/10 pp
bands give its real-time probability, :func:`~debtcycle.analytics.realtime.band_predictions`).
A variant without the GFC windows (:func:`~debtcycle.analytics.realtime.without_gfc`)
shows how much one episode carries.

Horizons are labelled in quarters: an end-of-year indicator and a crisis
starting ``a .. b`` years later span quarters ``4(a-1)+1 .. 4b`` ahead; the
Schularick-Taylor rows (crisis in year t from data to year t-1) span 1-4.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.analytics.gaps.ewm.bis_panel import loco_predictions
from debtcycle.analytics.gaps.ewm.logit import fit_panel_logit
from debtcycle.analytics.gaps.ewm.roc import auroc
from debtcycle.analytics.realtime import (
    expanding_predictions,
    logit_fit,
    score_record,
    without_gfc,
)
from debtcycle.errors import BadInputError

__all__ = ["EwmEvaluations", "ModelEvaluation", "ModelSpec", "choose_specification",
           "evaluate_model", "horizon_quarters"]


def horizon_quarters(window: tuple[int, int]) -> list[int]:
    """First and last quarter ahead of an end-of-year indicator for a ``(a, b)`` year window."""
    a, b = window
    return [4 * (a - 1) + 1, 4 * b]


@dataclass(frozen=True)
class ModelSpec:
    """One early-warning specification.

    Attributes
    ----------
    name : str
        Model label (``"schularick_taylor"``).
    dataset : str
        Data it is estimated on (``"JST R6"``, ``"BIS panel"``).
    features : tuple of str
        Regressor columns.
    window : (int, int)
        Outcome window in years after the row's date (``(0, 0)`` for rows whose
        outcome is the row's own year, features lagged).
    horizon : list of int
        First and last quarter ahead (label).
    real_time_start : int
        First year predicted in real time.
    fixed_effects : bool
        Country intercepts in the in-sample and real-time fits.
    benchmark : str
        Column of the raw, unfitted benchmark score (the credit gap).
    """

    name: str
    dataset: str
    features: tuple[str, ...]
    window: tuple[int, int]
    horizon: list[int]
    real_time_start: int
    fixed_effects: bool = False
    benchmark: str = "credit_gap"
    label: str = ""

    @property
    def label_lag(self) -> int:
        """Years after a row's date until its outcome is fully observed."""
        return self.window[1]


def _auc(y: pd.Series, score: pd.Series) -> float | None:
    ok = y.notna() & score.notna()
    if ok.sum() == 0 or y[ok].nunique() < 2:
        return None
    return float(auroc(y[ok], score[ok]).auc)


@dataclass(frozen=True)
class ModelEvaluation(Result):
    """One model at one horizon: the three AUROCs, the benchmark and the real-time record."""

    spec: ModelSpec
    in_sample: float | None
    loco: float | None
    real_time: float | None
    raw_benchmark: float | None
    events: int
    extra: dict[str, Any] = field(default_factory=dict)
    predictions: pd.DataFrame = field(default_factory=pd.DataFrame)

    def to_frame(self) -> pd.DataFrame:
        """Return the real-time predictions (country, year, y, probability, benchmark)."""
        return self.predictions

    def to_dict(self) -> dict[str, Any]:
        """Return the evaluation object of ``ewm evaluate --json``."""
        s = self.spec
        out: dict[str, Any] = jsonable({
            "model": s.name, "label": s.label or s.name, "dataset": s.dataset,
            "features": list(s.features), "horizon_quarters": s.horizon,
            "real_time_start": s.real_time_start, "in_sample": self.in_sample,
            "loco": self.loco, "real_time": self.real_time,
            "raw_benchmark": self.raw_benchmark, "events": self.events, **self.extra})
        return out


def _in_sample(sample: pd.DataFrame, spec: ModelSpec) -> pd.Series:
    model = fit_panel_logit(sample, "y", list(spec.features), fixed_effects=spec.fixed_effects)
    return model.predict(sample)


def evaluate_model(sample: pd.DataFrame, spec: ModelSpec, *, level: float = 0.95,
                   end: int | None = None) -> ModelEvaluation:
    """Evaluate one specification on its sample (columns country, year, y, features, benchmark).

    Parameters
    ----------
    sample : DataFrame
        Rows with ``country``, ``year``, ``y``, the features and ``spec.benchmark``.
    spec : ModelSpec
        The specification.
    level : float
        Confidence level of the real-time AUROC interval.
    end : int, optional
        Last year predicted in real time (default the sample's last).

    Returns
    -------
    ModelEvaluation

    Raises
    ------
    BadInputError
        If the sample has no events or no non-events.
    """
    rows = sample.dropna(subset=[*spec.features, "y"]).reset_index(drop=True)
    if rows["y"].nunique() < 2:
        raise BadInputError(f"{spec.name}: the sample needs both crisis and calm rows.")
    in_sample = _auc(rows["y"], _in_sample(rows, spec))
    loco = _auc(rows["y"], loco_predictions(rows, list(spec.features)))
    fit = logit_fit(spec.features, fixed_effects=spec.fixed_effects)
    rt = expanding_predictions(rows, fit, start=spec.real_time_start, end=end,
                               label_lag=spec.label_lag, strict=spec.label_lag == 0)
    bench = rows[spec.benchmark] if spec.benchmark in rows else pd.Series(np.nan, rows.index)
    scored = rows.assign(probability=rt, benchmark=bench)
    scored = scored[scored["probability"].notna() & scored["benchmark"].notna()]
    extra: dict[str, Any] = {"n": len(scored)}
    real_time = raw = None
    if len(scored) and scored["y"].nunique() == 2:
        record = score_record(scored["y"], scored["probability"], scored["benchmark"],
                              level=level)
        real_time, raw = record.auroc, record.benchmark_auroc
        extra.update({"real_time_ci": [record.ci_low, record.ci_high], "brier": record.brier,
                      "brier_base_rate": record.brier_base_rate,
                      "calibration": record.calibration.to_dict(orient="records"),
                      "last_year_predicted": int(scored["year"].max())})
        calm = without_gfc(scored, spec.window)
        extra["without_gfc"] = {"real_time": _auc(calm["y"], calm["probability"]),
                                "raw_benchmark": _auc(calm["y"], calm["benchmark"]),
                                "events": int(calm["y"].sum())}
    return ModelEvaluation(
        spec=spec, in_sample=in_sample, loco=loco, real_time=real_time, raw_benchmark=raw,
        events=int(scored["y"].sum()), extra={**extra, "events_in_sample": int(rows["y"].sum()),
                                              "n_in_sample": len(rows)},
        predictions=scored[["country", "year", "y", "probability", "benchmark"]],
        params={"level": level},
    )


@dataclass(frozen=True)
class EwmEvaluations(Result):
    """All model evaluations plus the raw indicators' AUROCs (the ``ewm evaluate`` answer).

    Attributes
    ----------
    evaluations : list of ModelEvaluation
        One per model and horizon.
    indicators : DataFrame
        AUROC of each raw indicator by horizon (no fitting), including the DSR
        deviation from an expanding and from a full-sample mean.
    verdict : dict
        Whether any model beats the raw gap in real time at the longest horizon with
        AUROC >= 0.75, and the specification used for current probabilities per horizon.
    """

    evaluations: list[ModelEvaluation]
    indicators: pd.DataFrame
    verdict: dict[str, Any]

    def to_frame(self) -> pd.DataFrame:
        """Return one row per model and horizon."""
        rows = []
        for e in self.evaluations:
            d = e.to_dict()
            rows.append({k: d[k] for k in ("label", "dataset", "horizon_quarters",
                                           "real_time_start", "in_sample", "loco",
                                           "real_time", "raw_benchmark", "events")})
        frame = pd.DataFrame(rows)
        frame["horizon_quarters"] = [f"{a}-{b}" for a, b in frame["horizon_quarters"]]
        return frame

    def to_dict(self) -> dict[str, Any]:
        """Return ``evaluations`` (one object per model and horizon), indicators and verdict."""
        return {"evaluations": [e.to_dict() for e in self.evaluations],
                "indicators": jsonable(self.indicators), "verdict": jsonable(self.verdict),
                "params": jsonable(self.params), "provenance": jsonable(self.provenance)}


def choose_specification(evaluations: Sequence[ModelEvaluation], *, target: float = 0.75
                         ) -> dict[str, Any]:
    """Per horizon, the model that beats the raw gap in real time (else the raw gap).

    A model is chosen only if its real-time AUROC is above the raw gap's on the same
    rows; among several, the highest.  ``beats_gap_at_target`` says whether any
    model does so with a real-time AUROC of at least ``target`` at the longest horizon.

    Returns
    -------
    dict
        ``by_horizon`` (label -> chosen model name or ``"raw credit gap"`` with both
        AUROCs) and ``beats_gap_at_target``, ``target``, ``message``.
    """
    chosen: dict[str, Any] = {}
    for e in evaluations:
        if e.spec.dataset != "BIS panel":
            continue
        key = f"{e.spec.horizon[0]}-{e.spec.horizon[1]}"
        best = chosen.setdefault(key, {"model": "raw credit gap", "real_time": None,
                                       "raw_benchmark": e.raw_benchmark})
        if e.real_time is None or e.raw_benchmark is None or e.real_time <= e.raw_benchmark:
            continue
        if best["real_time"] is None or e.real_time > best["real_time"]:
            chosen[key] = {"model": e.spec.name, "real_time": e.real_time,
                           "raw_benchmark": e.raw_benchmark}
    longest = max(chosen, key=lambda k: int(k.split("-")[1])) if chosen else None
    hit = bool(longest and chosen[longest]["model"] != "raw credit gap"
               and (chosen[longest]["real_time"] or 0.0) >= target)
    message = ("a fitted model beats the raw credit gap in real time at the longest horizon "
               f"with AUROC >= {target}" if hit else
               "no fitted model beats the raw credit gap in real time at the longest horizon "
               f"with AUROC >= {target}; current probabilities use the gap")
    return {"by_horizon": chosen, "longest_horizon": longest, "target": target,
            "beats_gap_at_target": hit, "message": message}
