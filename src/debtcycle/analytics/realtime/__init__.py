"""Real-time (expanding-window) evaluation of predictive models.

Every forecast-like number in debtcycle is judged as it would have been known
at the time: at each prediction date ``t`` a model is fitted, and any
standardisation, mean or trend it needs is computed, only from rows whose
outcome was observed by ``t``.  The modules:

* :mod:`.expanding` -- expanding-window predictions for any fit function, and a
  pooled/fixed-effects logit fit that standardises on the training rows only;
* :mod:`.transforms` -- causal transforms of indicators (expanding mean deviation);
* :mod:`.metrics` -- AUROC with a DeLong interval, calibration table, Brier score;
* :mod:`.benchmark` -- the raw credit gap with the BIS 2/10 pp bands (no fitting),
  its real-time event frequencies, and the without-GFC sample helper;
* :mod:`.record` -- one typed result gathering predictions, AUROC, calibration
  and the benchmark on the same rows.
"""

from debtcycle.analytics.realtime.benchmark import (
    BIS_GAP_THRESHOLDS,
    GFC_YEARS,
    band_predictions,
    band_table,
    gap_band,
    without_gfc,
)
from debtcycle.analytics.realtime.expanding import (
    Fit,
    Predictor,
    expanding_predictions,
    logit_fit,
)
from debtcycle.analytics.realtime.metrics import brier_score, calibration_table
from debtcycle.analytics.realtime.record import RealTimeRecord, score_record
from debtcycle.analytics.realtime.transforms import expanding_deviation

__all__ = [
    "BIS_GAP_THRESHOLDS",
    "GFC_YEARS",
    "Fit",
    "Predictor",
    "RealTimeRecord",
    "band_predictions",
    "band_table",
    "brier_score",
    "calibration_table",
    "expanding_deviation",
    "expanding_predictions",
    "gap_band",
    "logit_fit",
    "score_record",
    "without_gfc",
]
