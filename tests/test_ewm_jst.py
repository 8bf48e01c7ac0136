"""Schularick-Taylor (2012) logit reproduced on the JST Macrohistory database (R6).

Reference: Schularick & Taylor (2012, AER), baseline logit with country fixed
effects, 14 countries, 1870-2008 excluding the world wars: AUROC 0.717, with
the second lag of real credit growth positive and significant.  JST R6 revises
both the loans series and the crisis dates, so we require the published value
to lie inside our 95% DeLong interval and our point estimate to be within
0.03 of it (we get 0.697).
"""

from __future__ import annotations

import pytest

from debtcycle.analytics.gaps.ewm.schularick_taylor import (
    ST2012_COUNTRIES,
    schularick_taylor,
)
from debtcycle.facade.gaps import load_jst_panel

PUBLISHED_AUROC = 0.717


@pytest.fixture(scope="module")
def fit():  # type: ignore[no-untyped-def]
    return schularick_taylor(load_jst_panel(ST2012_COUNTRIES))


def test_auroc_matches_paper(fit) -> None:  # type: ignore[no-untyped-def]
    assert fit.roc.low < PUBLISHED_AUROC < fit.roc.high
    assert fit.roc.auc == pytest.approx(PUBLISHED_AUROC, abs=0.03)


def test_sample_is_the_papers(fit) -> None:  # type: ignore[no-untyped-def]
    d = fit.describe()
    assert d["countries"] == sorted(ST2012_COUNTRIES)
    assert d["last_year"] == 2008
    assert not fit.sample["year"].between(1914, 1919).any()
    assert not fit.sample["year"].between(1939, 1947).any()
    assert d["crises"] >= 55


def test_second_lag_drives_crises(fit) -> None:  # type: ignore[no-untyped-def]
    coef = fit.to_frame()
    assert coef.loc["L2", "coef"] > 0 and coef.loc["L2", "pvalue"] < 0.01
    assert coef["coef"].sum() > 0
