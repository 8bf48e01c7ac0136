"""Scores of probability forecasts: AUROC (DeLong interval), calibration, Brier.

The AUROC and its DeLong (1988) interval come from
:func:`debtcycle.analytics.gaps.ewm.roc.auroc`; calibration follows the usual
reliability table (mean forecast against realised frequency by bin), and the
Brier score is the mean squared error of the probability (Brier 1950).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from debtcycle.analytics.gaps.ewm.roc import Auroc, auroc
from debtcycle.errors import BadInputError

__all__ = ["DEFAULT_BINS", "Auroc", "auroc", "brier_score", "calibration_table"]

#: Probability bin edges of the calibration table (crises are rare: fine at the low end).
DEFAULT_BINS: Final[tuple[float, ...]] = (0.0, 0.02, 0.05, 0.10, 0.20, 0.40, 1.0)


def _clean(y: ArrayLike, p: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    yy, pp = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    if yy.shape != pp.shape or yy.ndim != 1:
        raise BadInputError("outcomes and probabilities must be 1-D arrays of the same length.")
    ok = np.isfinite(yy) & np.isfinite(pp)
    if not ok.any():
        raise BadInputError("no row has both an outcome and a probability.")
    if ((pp[ok] < 0) | (pp[ok] > 1)).any():
        raise BadInputError("probabilities must lie in [0, 1].")
    return yy[ok], pp[ok]


def brier_score(y: ArrayLike, p: ArrayLike) -> float:
    """Mean squared difference between the probability and the 0/1 outcome (rows with both).

    Returns
    -------
    float
        0 is perfect; always predicting the base rate ``r`` gives ``r (1 - r)``.
    """
    yy, pp = _clean(y, p)
    return float(np.mean((pp - yy) ** 2))


def calibration_table(
    y: ArrayLike, p: ArrayLike, *, bins: Sequence[float] = DEFAULT_BINS
) -> pd.DataFrame:
    """Predicted against realised event frequency by probability bin.

    Parameters
    ----------
    y : array-like of 0/1
        Outcomes.
    p : array-like of float
        Probabilities (rows with a missing outcome or probability are dropped).
    bins : sequence of float
        Increasing bin edges covering [0, 1]; bins are closed on the right
        (the first also on the left).

    Returns
    -------
    DataFrame
        One row per non-empty bin: ``bin``, ``n``, ``events``, ``mean_predicted``,
        ``realised``.
    """
    edges = np.asarray(bins, dtype=float)
    if edges.ndim != 1 or len(edges) < 2 or (np.diff(edges) <= 0).any():
        raise BadInputError("calibration bins must be increasing edges, e.g. 0, 0.1, 1.")
    yy, pp = _clean(y, p)
    which = np.clip(np.searchsorted(edges, pp, side="left") - 1, 0, len(edges) - 2)
    rows = []
    for k in range(len(edges) - 1):
        sel = which == k
        if not sel.any():
            continue
        rows.append({"bin": f"{edges[k]:.0%}-{edges[k + 1]:.0%}", "n": int(sel.sum()),
                     "events": int(yy[sel].sum()), "mean_predicted": float(pp[sel].mean()),
                     "realised": float(yy[sel].mean())})
    return pd.DataFrame(rows, columns=["bin", "n", "events", "mean_predicted", "realised"])
