"""Real-time evaluation core: no look-ahead, reference fits, hand-checked scores.

References: statsmodels ``Logit`` refitted by hand on the training rows (to 1e-8);
Brier (1950) and the reliability table checked on numbers small enough to do by
hand; the no-look-ahead property checked by perturbing every value dated after t.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from debtcycle.analytics.realtime import (
    band_predictions,
    brier_score,
    calibration_table,
    expanding_deviation,
    expanding_predictions,
    gap_band,
    logit_fit,
    score_record,
    without_gfc,
)
from debtcycle.errors import BadInputError


def _panel(seed: int = 0, years: range = range(1960, 2011)) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for c in ("AA", "BB", "CC", "DD"):
        for t in years:
            x1, x2 = rng.normal(), rng.normal()
            p = 1 / (1 + np.exp(2.5 - 1.2 * x1))
            rows.append({"country": c, "year": t, "x1": x1, "x2": x2,
                         "y": float(rng.random() < p)})
    return pd.DataFrame(rows)


@pytest.mark.parametrize(("label_lag", "strict", "fixed_effects"),
                         [(0, True, False), (5, False, False), (0, True, True)])
def test_perturbing_the_future_leaves_predictions_unchanged(
    label_lag: int, strict: bool, fixed_effects: bool
) -> None:
    sample = _panel()
    fit = logit_fit(["x1", "x2"], fixed_effects=fixed_effects)
    before = expanding_predictions(sample, fit, start=1980, label_lag=label_lag, strict=strict)
    t = 1995
    later = sample["year"] > t
    changed = sample.copy()
    rng = np.random.default_rng(9)
    changed.loc[later, ["x1", "x2"]] = rng.normal(scale=50.0, size=(int(later.sum()), 2))
    changed.loc[later, "y"] = 1.0 - changed.loc[later, "y"]
    # outcomes not yet known at t may change too (rows dated t - label_lag .. t)
    unknown = sample["year"] + label_lag >= t + (0 if strict else 1)
    changed.loc[unknown, "y"] = 1.0 - changed.loc[unknown, "y"]
    after = expanding_predictions(changed, fit, start=1980, label_lag=label_lag, strict=strict)
    upto = sample["year"] <= t
    assert before[upto].notna().sum() > 50
    np.testing.assert_array_equal(before[upto].to_numpy(), after[upto].to_numpy())
    assert not np.allclose(before[later].dropna(), after[later].dropna())


def test_one_date_equals_a_manual_statsmodels_fit() -> None:
    sample = _panel(1)
    got = expanding_predictions(sample, logit_fit(["x1", "x2"]), start=1990, end=1990)
    train = sample[sample["year"] < 1990]
    ref = sm.Logit(train["y"], sm.add_constant(train[["x1", "x2"]])).fit(disp=0)
    rows = sample[sample["year"] == 1990]
    expected = ref.predict(sm.add_constant(rows[["x1", "x2"]], has_constant="add"))
    assert np.max(np.abs(got[rows.index] - expected)) < 1e-8
    assert got[sample["year"] != 1990].isna().all()
    # standardising with training moments is an affine change: same probabilities
    raw = expanding_predictions(sample, logit_fit(["x1", "x2"], standardise=False),
                                start=1990, end=1990)
    assert np.max(np.abs(raw[rows.index] - expected)) < 1e-8


def test_brier_and_calibration_by_hand() -> None:
    y = [0, 0, 1, 1, 0]
    p = [0.01, 0.03, 0.03, 0.5, 0.5]
    # (0.01^2 + 0.03^2 + 0.97^2 + 0.5^2 + 0.5^2) / 5
    assert brier_score(y, p) == pytest.approx((0.0001 + 0.0009 + 0.9409 + 0.25 + 0.25) / 5)
    table = calibration_table(y, p, bins=(0.0, 0.02, 0.05, 1.0)).set_index("bin")
    assert table["n"].tolist() == [1, 2, 2]
    assert table["realised"].tolist() == [0.0, 0.5, 0.5]
    assert table.loc["2%-5%", "mean_predicted"] == pytest.approx(0.03)
    with pytest.raises(BadInputError):
        calibration_table(y, [1.5, 0, 0, 0, 0])


def test_bands_and_band_frequencies_by_hand() -> None:
    gap = pd.Series([-3.0, 2.0, 2.5, 10.0, 12.0, np.nan])
    assert gap_band(gap).tolist()[:5] == [0.0, 0.0, 1.0, 1.0, 2.0]
    sample = pd.DataFrame({"year": [2000, 2000, 2001, 2001, 2002, 2002],
                           "credit_gap": [1.0, 12.0, 0.0, 15.0, -1.0, 11.0],
                           "y": [0.0, 1.0, 0.0, 0.0, 0.0, 1.0]})
    p = band_predictions(sample, start=2002)
    # known before 2002: 4 rows, pooled 1/4; band 0 had 0/2, band 2 had 1/2
    assert p.iloc[4] == pytest.approx((0 + 0.25) / 3)
    assert p.iloc[5] == pytest.approx((1 + 0.25) / 3)
    assert p.iloc[:4].isna().all()


def test_without_gfc_drops_overlapping_windows() -> None:
    sample = pd.DataFrame({"year": range(2000, 2011), "y": 0.0})
    kept = without_gfc(sample, (3, 5))["year"].tolist()
    assert kept == [2000, 2001, 2006, 2007, 2008, 2009, 2010]  # 2002-2005 overlap 2007-08
    assert without_gfc(sample, (0, 0))["year"].tolist() == [y for y in range(2000, 2011)
                                                           if y not in (2007, 2008)]


def test_expanding_deviation_uses_the_past_only() -> None:
    idx = pd.period_range("2000Q1", periods=6, freq="Q")
    s = pd.Series([1.0, 3.0, 5.0, 7.0, 9.0, 100.0], index=idx)
    dev = expanding_deviation(s, min_periods=2).iloc[:, 0]
    assert np.isnan(dev.iloc[0])
    assert dev.iloc[1] == pytest.approx(1.0)  # 3 - mean(1, 3)
    assert dev.iloc[4] == pytest.approx(4.0)  # 9 - mean(1..9 odd)
    changed = s.copy()
    changed.iloc[5] = -1e6
    assert expanding_deviation(changed, min_periods=2).iloc[:5].equals(
        expanding_deviation(s, min_periods=2).iloc[:5])


def test_score_record_uses_common_rows() -> None:
    y = pd.Series([0, 1, 0, 1, 0, 1.0])
    p = pd.Series([0.1, 0.9, 0.2, 0.15, np.nan, 0.8])
    bench = pd.Series([1.0, 0.0, 2.0, 3.0, 4.0, np.nan])
    rec = score_record(y, p, bench)
    assert rec.n == 4 and rec.events == 2
    assert rec.auroc == pytest.approx(0.75)  # positives 0.9, 0.15 vs negatives 0.1, 0.2
    assert rec.benchmark_auroc == pytest.approx(0.5)  # 0.0, 3.0 vs 1.0, 2.0
    assert rec.to_dict()["calibration"]


def test_band_probabilities_never_fall_with_the_band() -> None:
    from debtcycle.analytics.realtime import band_table

    # band 0: 2 events in 4 rows; band 2: 0 in 4 -> inverted raw frequencies get pooled
    sample = pd.DataFrame({"credit_gap": [0.0] * 4 + [5.0] * 2 + [15.0] * 4,
                           "y": [1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]})
    table = band_table(sample)
    pooled = 0.2
    # PAV merges all three bands: (2 + 3 * 0.2) / (10 + 3)
    assert table["probability"].tolist() == pytest.approx([(2 + 3 * pooled) / 13] * 3)
    ordered = pd.DataFrame({"credit_gap": [0.0] * 4 + [15.0] * 4,
                            "y": [0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0]})
    probs = band_table(ordered)["probability"].tolist()
    pooled = 3 / 8
    assert probs[0] == pytest.approx((1 + pooled) / 5)
    assert probs[2] == pytest.approx((2 + pooled) / 5)
    assert probs[1] == pytest.approx(pooled)  # empty band: pooled, between its neighbours
