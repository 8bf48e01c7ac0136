"""Area under the ROC curve with a DeLong (1988) confidence interval.

The AUROC itself comes from scikit-learn.  Its standard error uses DeLong,
DeLong and Clarke-Pearson's (1988) placement-value formula, hand-written
here because neither scikit-learn, scipy nor statsmodels provide it; the
tests check it against a bootstrap with scikit-learn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats
from sklearn.metrics import roc_auc_score

from debtcycle.errors import BadInputError

__all__ = ["Auroc", "auroc"]


@dataclass(frozen=True)
class Auroc:
    """AUROC with its DeLong standard error and confidence interval."""

    auc: float
    se: float
    low: float
    high: float
    level: float
    n: int
    n_events: int

    def as_dict(self) -> dict[str, float | int]:
        """Return the fields as a plain dict."""
        return {"auroc": self.auc, "se": self.se, "ci_low": self.low, "ci_high": self.high,
                "level": self.level, "n": self.n, "n_events": self.n_events}


def _placements(pos: np.ndarray, neg: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Share of negatives below each positive, and of positives above each negative."""
    cmp = (pos[:, None] > neg[None, :]).astype(float) + 0.5 * (pos[:, None] == neg[None, :])
    return cmp.mean(axis=1), cmp.mean(axis=0)


def auroc(y: ArrayLike, score: ArrayLike, *, level: float = 0.95) -> Auroc:
    """AUROC of ``score`` for the binary outcome ``y``, with a DeLong confidence interval.

    Parameters
    ----------
    y : array-like of 0/1
        Outcomes.
    score : array-like of float
        Predicted probabilities or any score (higher = more likely an event).
    level : float
        Confidence level of the interval (normal approximation, clipped to [0, 1]).

    Returns
    -------
    Auroc

    Raises
    ------
    BadInputError
        If lengths differ, values are missing, or only one class is present.
    """
    yy = np.asarray(y, dtype=float)
    ss = np.asarray(score, dtype=float)
    if yy.shape != ss.shape or yy.ndim != 1:
        raise BadInputError("auroc needs two 1-D arrays of the same length.")
    if not (np.isfinite(yy).all() and np.isfinite(ss).all()):
        raise BadInputError("auroc: drop missing outcomes or scores first.")
    pos, neg = ss[yy == 1], ss[yy == 0]
    if pos.size == 0 or neg.size == 0:
        raise BadInputError("auroc needs both events (1) and non-events (0) in the sample.")
    v10, v01 = _placements(pos, neg)
    auc = float(roc_auc_score(yy, ss))
    var = v10.var(ddof=1) / pos.size if pos.size > 1 else 0.0
    var += v01.var(ddof=1) / neg.size if neg.size > 1 else 0.0
    se = float(np.sqrt(var))
    z = float(stats.norm.ppf(0.5 + level / 2.0))
    return Auroc(auc=auc, se=se, low=max(0.0, auc - z * se), high=min(1.0, auc + z * se),
                 level=level, n=int(yy.size), n_events=int(pos.size))
