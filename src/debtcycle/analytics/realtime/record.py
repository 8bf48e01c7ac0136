"""One real-time record: AUROC, calibration and Brier of predictions, beside a benchmark."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.analytics.realtime.metrics import (
    DEFAULT_BINS,
    auroc,
    brier_score,
    calibration_table,
)
from debtcycle.errors import BadInputError

__all__ = ["RealTimeRecord", "score_record"]


@dataclass(frozen=True)
class RealTimeRecord(Result):
    """Scores of real-time predictions on the rows both a model and its benchmark predict.

    Attributes
    ----------
    auroc, ci_low, ci_high : float
        AUROC of the predictions with a DeLong interval.
    benchmark_auroc : float or None
        AUROC of the benchmark score on the same rows.
    brier : float
        Brier score of the predictions.
    brier_base_rate : float
        Brier score of always predicting the base rate of these rows (a lower bound
        on what a no-skill forecast known in advance would score).
    n, events : int
        Rows scored and events among them.
    calibration : DataFrame
        From :func:`~debtcycle.analytics.realtime.metrics.calibration_table`.
    """

    auroc: float
    ci_low: float
    ci_high: float
    benchmark_auroc: float | None
    brier: float
    brier_base_rate: float
    n: int
    events: int
    calibration: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return the calibration table."""
        return self.calibration

    def to_dict(self) -> dict[str, Any]:
        """Return the scores and the calibration table as JSON-ready values."""
        return {"auroc": self.auroc, "ci_low": self.ci_low, "ci_high": self.ci_high,
                "benchmark_auroc": self.benchmark_auroc, "brier": self.brier,
                "brier_base_rate": self.brier_base_rate, "n": self.n, "events": self.events,
                "calibration": self.calibration.to_dict(orient="records"),
                "params": self.params}


def score_record(
    y: pd.Series,
    p: pd.Series,
    benchmark: pd.Series | None = None,
    *,
    level: float = 0.95,
    bins: tuple[float, ...] = DEFAULT_BINS,
) -> RealTimeRecord:
    """Score real-time probabilities ``p`` against outcomes ``y`` beside a benchmark score.

    Rows missing the outcome, the probability or (if given) the benchmark are left
    out, so model and benchmark are scored on the same rows.

    Raises
    ------
    BadInputError
        If no row remains or the rows hold a single class.
    """
    ok = y.notna() & p.notna()
    if benchmark is not None:
        ok &= benchmark.notna()
    if not ok.any():
        raise BadInputError("score_record: no row has an outcome and a prediction.")
    yy, pp = y[ok].astype(float), p[ok].astype(float)
    roc = auroc(yy, pp, level=level)
    bench = None if benchmark is None else auroc(yy, benchmark[ok].astype(float)).auc
    base = float(yy.mean())
    return RealTimeRecord(
        auroc=roc.auc, ci_low=roc.low, ci_high=roc.high, benchmark_auroc=bench,
        brier=brier_score(yy, pp), brier_base_rate=float(np.mean((base - yy) ** 2)),
        n=roc.n, events=roc.n_events, calibration=calibration_table(yy, pp, bins=bins),
        params={"level": level, "bins": list(bins)},
    )
