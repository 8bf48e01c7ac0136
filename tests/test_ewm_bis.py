"""BIS-panel early-warning model: outcome windows, out-of-sample logit, literature pattern.

References: statsmodels ``Logit`` refitted by hand (leave-one-country-out
predictions, to 1e-8); Drehmann & Juselius (2014, IJF) for the qualitative
pattern: the credit gap is informative at every horizon and best at long ones,
the DSR signal is short-lived (its AUROC falls with the horizon).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from debtcycle.analytics.gaps.ewm.bis_panel import (
    evaluate_panel,
    horizon_sample,
    loco_predictions,
    score_countries,
)
from debtcycle.facade.gaps import BisData, load_bis_data

YEARS = pd.period_range("2000", "2020", freq="Y")


def _flags(years: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"AA": [1.0 if p.year in years else 0.0 for p in YEARS]}, index=YEARS)


def test_horizon_windows() -> None:
    ind = pd.DataFrame({"country": "AA", "year": range(2000, 2021), "x": 0.0})
    start, ongoing = _flags([2008]), _flags(list(range(2008, 2013)))
    short = horizon_sample(ind, start, ongoing, (1, 2)).set_index("year")["y"]
    assert short[short == 1].index.tolist() == [2006, 2007]
    assert not set(range(2008, 2013)) & set(short.index)  # crisis years left out
    assert short.index.max() == 2018  # window t+2 must be observed
    long = horizon_sample(ind, start, ongoing, (3, 5)).set_index("year")["y"]
    assert long[long == 1].index.tolist() == [2003, 2004, 2005]
    assert 2006 not in long.index and 2007 not in long.index  # crisis too close


def test_loco_equals_manual_refit() -> None:
    rng = np.random.default_rng(3)
    n = 300
    sample = pd.DataFrame({"country": np.repeat(["A", "B", "C"], n // 3),
                           "x": rng.normal(size=n)})
    sample["y"] = (rng.random(n) < 1 / (1 + np.exp(2.5 - sample["x"]))).astype(float)
    got = loco_predictions(sample, ["x"])
    train = sample[sample["country"] != "B"]
    fit = sm.Logit(train["y"], sm.add_constant(train[["x"]])).fit(disp=0)
    test = sample[sample["country"] == "B"]
    expected = fit.predict(sm.add_constant(test[["x"]], has_constant="add"))
    assert np.max(np.abs(got[test.index] - expected)) < 1e-8


@pytest.fixture(scope="module")
def data() -> BisData:
    return load_bis_data()


@pytest.fixture(scope="module")
def evaluation(data: BisData) -> pd.DataFrame:
    return evaluate_panel(data.indicators(), data.crisis_start, data.crisis_ongoing).to_frame()


def test_literature_pattern(evaluation: pd.DataFrame) -> None:
    auc = evaluation.set_index(["horizon", "signal"])
    gap = auc.xs("credit_gap", level="signal")
    dsr = auc.xs("dsr_dev", level="signal")
    assert (gap["ci_low"] > 0.5).all()  # the gap is informative at every horizon
    assert dsr.loc["1-2y", "auroc"] > dsr.loc["3-5y", "auroc"] + 0.1  # DSR signal short-lived
    assert gap.loc["3-5y", "auroc"] > dsr.loc["3-5y", "auroc"]
    assert auc.loc[("3-5y", "logit (LOCO)"), "ci_low"] > 0.5
    assert (auc["n_events"] >= 20).all()


def test_scores_and_drivers(data: BisData) -> None:
    """Drivers decompose the log-odds: logit(p) - sum(drivers) is the same for every country."""
    scores = score_countries(data.indicators(), data.quarterly, data.crisis_start,
                             data.crisis_ongoing, horizons={"3-5y": (3, 5)})
    table = scores["3-5y"].table
    assert len(table) >= 40 and set(table["period"]) == {"2025Q4"}
    logit = np.log(table["probability"] / (1 - table["probability"]))
    rest = logit - table["driver_credit_gap"] - table["driver_house_growth"]
    assert rest.max() - rest.min() < 1e-9
    assert scores["3-5y"].model.result.params["credit_gap"] > 0  # bigger gap, more risk
