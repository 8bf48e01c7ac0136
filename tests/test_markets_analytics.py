"""Markets analytics on small synthetic inputs whose answers are known by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from debtcycle.analytics.markets import (
    ALL_PERIODS,
    EarningsBeta,
    asset_stats,
    consolidations,
    equity_channel,
    event_paths,
    event_study,
    phase_returns,
    rate_change,
)
from debtcycle.analytics.markets._series import as_freq, deflate, window
from debtcycle.analytics.markets.bootstrap import block_bootstrap_means, default_block, mean_ci
from debtcycle.errors import BadInputError


def _monthly(values: list[float] | np.ndarray, start: str = "2000-01") -> pd.Series:
    return pd.Series(np.asarray(values, dtype=float),
                     index=pd.period_range(start, periods=len(values), freq="M"))


def test_default_block_is_cube_root() -> None:
    assert default_block(1000) == 10
    assert default_block(2) == 1
    assert default_block(1) == 1


def test_block_bootstrap_reproducible_and_centred() -> None:
    x = np.random.default_rng(1).normal(0.01, 0.05, 240)
    a = block_bootstrap_means(x, n_boot=500, rng=np.random.default_rng(7))
    b = block_bootstrap_means(x, n_boot=500, rng=np.random.default_rng(7))
    assert np.array_equal(a, b)
    # resampled means scatter around the sample mean (tolerance: 3 standard errors of it)
    assert abs(a.mean() - x.mean()) < 3 * x.std() / math.sqrt(len(x))
    low, high = mean_ci(x, level=0.9, n_boot=1000, seed=3)
    assert low < x.mean() < high


def test_block_of_one_on_a_constant_gives_a_point() -> None:
    low, high = mean_ci(np.full(50, 0.02), block=1)
    assert low == pytest.approx(0.02) and high == pytest.approx(0.02)
    assert math.isnan(mean_ci(np.array([1.0, 2.0]))[0])  # too short for an interval


def test_constant_growth_annualises_exactly() -> None:
    # 1% a month for 10 years: (1.01 ** 12 - 1) a year, no volatility, no drawdown.
    level = _monthly(100 * 1.01 ** np.arange(121), "1999-12")
    stats = asset_stats(level, pd.Period("1999Q4", "Q"), pd.Period("2009Q4", "Q"))
    years = (pd.Timestamp("2009-12-31") - pd.Timestamp("1999-12-31")).days / 365.25
    expected = ((1.01 ** 120) ** (1 / years) - 1) * 100
    assert stats["pct_pa"] == pytest.approx(expected, rel=1e-12)
    assert stats["vol_pct"] == pytest.approx(0.0, abs=1e-9)
    assert stats["max_dd_pct"] == pytest.approx(0.0)
    assert (stats["from"], stats["to"]) == (pd.Period("1999-12", "M"), pd.Period("2009-12", "M"))


def test_drawdown_peak_to_trough() -> None:
    level = _monthly([100, 120, 60, 90, 130])
    stats = asset_stats(level, pd.Period("2000-01", "M"), pd.Period("2000-05", "M"),
                        level_ci=0.9)
    assert math.isnan(stats["pct_pa"])  # four months: too short to annualise
    level = _monthly([100, 120, 60, 90, 130, 130, 130, 130, 130, 130, 130, 130])
    stats = asset_stats(level, pd.Period("2000-01", "M"), pd.Period("2000-12", "M"))
    assert stats["max_dd_pct"] == pytest.approx(-50.0)


def test_window_reads_boundaries_at_period_ends() -> None:
    monthly = _monthly(np.arange(1, 37), "2000-01")
    part = window(monthly, pd.Period("2000Q4", "Q"), pd.Period("2001Q4", "Q"))
    assert part.index[0] == pd.Period("2000-12", "M") and part.index[-1] == pd.Period("2001-12",
                                                                                          "M")
    annual = pd.Series([1.0, 2.0, 3.0], index=pd.period_range("2000", periods=3, freq="Y"))
    part = window(annual, pd.Period("2001Q2", "Q"), pd.Period("2002Q4", "Q"))
    assert list(part.index.year) == [2000, 2001, 2002]  # starts at the value known in 2001Q2


def test_deflate_and_as_freq() -> None:
    level = _monthly([100.0, 110.0, 121.0])
    cpi = _monthly([1.0, 1.1, 1.21])
    assert deflate(level, cpi).to_numpy() == pytest.approx([100.0, 100.0, 100.0])
    daily = pd.Series([1.0, 2.0, 3.0], index=pd.PeriodIndex(
        ["2000-01-03", "2000-01-31", "2000-02-01"], freq="D"))
    assert as_freq(daily, "M").tolist() == [2.0, 3.0]


def test_rate_change_in_bp() -> None:
    rate = _monthly([5.0, 4.5, 4.0, 3.25], "2000-10")
    out = rate_change(rate, pd.Period("2000Q4", "Q"), pd.Period("2001Q1", "Q"))
    assert out["change_bp"] == pytest.approx((3.25 - 4.0) * 100)


def test_phase_returns_adds_all_periods_row() -> None:
    level = _monthly(100 * 1.005 ** np.arange(61), "1999-12")
    phases = pd.DataFrame({"start": [pd.Period("1999Q4"), pd.Period("2002Q4")],
                           "end": [pd.Period("2002Q4"), pd.Period("2004Q4")],
                           "label": ["leveraging", "deleveraging"]})
    table = phase_returns(phases, {"equity": level}, n_boot=200)
    assert list(table["label"]) == ["leveraging", "deleveraging", ALL_PERIODS]
    assert table["equity_pct_pa"].to_numpy() == pytest.approx(
        [table["equity_pct_pa"].iloc[0]] * 3, rel=1e-3)  # constant growth: same everywhere
    with pytest.raises(BadInputError, match="lacks columns"):
        phase_returns(phases.drop(columns="label"), {"equity": level})


def test_event_paths_level_and_rate() -> None:
    price = pd.Series([100.0, 80.0, 50.0, 40.0], index=pd.period_range("2000Q1", periods=4,
                                                                          freq="Q"))
    paths = event_paths(price, {"a": pd.Period("2000Q2", "Q")}, kind="level", before=1, after=2)
    assert paths["a"].tolist() == [125.0, 100.0, 62.5, 50.0]
    rates = event_paths(price / 10, {"a": pd.Period("2000Q2", "Q")}, kind="rate", before=1,
                        after=1)
    assert rates["a"].tolist() == pytest.approx([200.0, 0.0, -300.0])


def test_event_study_bands_and_horizons() -> None:
    idx = pd.period_range("2000Q1", periods=30, freq="Q")
    up = pd.Series(100 * 1.01 ** np.arange(30), index=idx)
    events = {"e1": pd.Period("2002Q1", "Q"), "e2": pd.Period("2003Q1", "Q")}
    study = event_study({"equity": (up, "level")}, events, before=2, after=4, horizons=(4,),
                        n_boot=200)
    row = study.horizons.iloc[0]
    assert row["mean"] == pytest.approx((1.01 ** 4 - 1) * 100)  # both episodes identical
    assert row["n"] == 2 and row["share_negative"] == 0.0
    assert set(study.bands["k"]) == set(range(-2, 5))
    with pytest.raises(BadInputError, match="no events"):
        event_study({"equity": (up, "level")}, {})


def test_consolidation_rule_unadjusted_and_adjusted() -> None:
    years = pd.period_range("1990", periods=12, freq="Y")
    pb = pd.Series([0, 0, 2, 2, 2, 3.6, 3.6, 3.6, 1.0, 1.0, 2.4, 4.0], index=years)
    out = consolidations(pb, threshold=1.5)
    assert out.consolidation_years == [1992, 1995, 2001]  # +2.0, +1.6, +1.6; +1.4 is not
    assert list(out.episodes["start"]) == [1992, 1995, 2001]
    assert set(out.years["basis"]) == {"unadjusted"}
    # pb = 5 - 1.0 * U exactly: every change is cyclical, so nothing is a consolidation
    unemp = pd.Series([5.0, 7, 6, 8, 4, 5, 9, 6, 3, 5, 7, 4], index=years)
    cyclical = 5 - unemp
    adjusted = consolidations(cyclical, unemp, threshold=0.1)
    assert adjusted.beta == pytest.approx(-1.0)
    assert adjusted.years["change_capb"].abs().max() == pytest.approx(0.0, abs=1e-9)
    assert adjusted.consolidation_years == []


def test_equity_channel_hand_figures() -> None:
    years = pd.Index([2026, 2027], name="year")
    base = pd.DataFrame({"real_gdp_growth": [2.0, 2.0], "inflation": [2.0, 2.0],
                         "yield_10y": [4.0, 4.0]}, index=years)
    scen = base.assign(yield_10y=[3.5, 3.5])
    beta = EarningsBeta(mid=1.0, low=0.5, high=2.0, n=50, first=1950, last=2000)
    out = equity_channel(base, scen, beta=beta, earnings_yield=0.04)
    # GDP unchanged; yield -50 bp, half passed through, duration 1 / 0.04 = 25 years
    assert out.table["equity_pct"].iloc[0] == pytest.approx((math.exp(0.5 * 0.005 / 0.04) - 1)
                                                            * 100)
    assert out.table["equity_low_pct"].iloc[0] == pytest.approx(0.0)  # no pass-through
    assert out.table["equity_high_pct"].iloc[0] == pytest.approx(
        (math.exp(0.005 / 0.04) - 1) * 100)
    assert out.table["yield_change_bp"].iloc[0] == pytest.approx(-50.0)
    with pytest.raises(BadInputError, match="fraction"):
        equity_channel(base, scen, beta=beta, earnings_yield=4.0)


def test_event_study_benchmark_is_the_mean_change_since_1950() -> None:
    idx = pd.period_range("1948", periods=10, freq="Y")
    rate = pd.Series([50.0, 5.0, 4.0, 6.0, 5.0, 3.0, 4.0, 4.0, 2.0, 3.0], index=idx)
    study = event_study({"yield": (rate, "rate")}, {"e": pd.Period("1954", "Y")}, before=1,
                        after=2, horizons=(1,), n_boot=100)
    # 1950..1957: one-year changes +2, -1, -2, +1, 0, -2, +1 (%) -> mean -1/7 % (1948-49 out)
    assert study.horizons["all_periods_mean"].iloc[0] == pytest.approx(-100 / 7)
    assert study.horizons["mean"].iloc[0] == pytest.approx(0.0)  # 1954 -> 1955: 4 -> 4
