"""AUROC and its DeLong interval.

References: scikit-learn ``roc_auc_score`` (the AUROC, to 1e-12) and a
scikit-learn bootstrap of the AUROC (the DeLong standard error, within 15%:
bootstrap noise with 2,000 draws is about 3%).
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from debtcycle.analytics.gaps.ewm.roc import auroc
from debtcycle.errors import BadInputError


def _data(seed: int = 0, n: int = 600) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.1).astype(float)
    score = rng.normal(size=n) + 0.8 * y
    score[:50] = np.round(score[:50], 1)  # some ties
    return y, score


def test_auc_equals_sklearn() -> None:
    y, score = _data()
    assert auroc(y, score).auc == pytest.approx(roc_auc_score(y, score), abs=1e-12)


def test_delong_se_close_to_bootstrap() -> None:
    y, score = _data(1)
    rng = np.random.default_rng(7)
    draws = []
    for _ in range(2000):
        idx = rng.integers(0, y.size, y.size)
        if y[idx].min() != y[idx].max():
            draws.append(roc_auc_score(y[idx], score[idx]))
    result = auroc(y, score)
    assert result.se == pytest.approx(float(np.std(draws)), rel=0.15)
    assert result.low < result.auc < result.high


def test_needs_both_classes() -> None:
    with pytest.raises(BadInputError, match="both"):
        auroc([0.0, 0.0], [0.1, 0.2])
