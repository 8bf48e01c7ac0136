"""Decomposition of debt/GDP changes, sector contributions and the country phase summary.

References: the exact identity (terms add up to the change to 1e-9 pp in every
test); FRED GDP (4-quarter average of SAAR levels) for BIS's implied nominal GDP
(tolerance 0.5%); FRED GDPDEF year-on-year inflation for the implied deflator
(tolerance 0.2 pp); the published BIS ratio change (tolerance 0.15 pp, BIS rounds
ratios to one decimal); the research notes for China 2016-2019.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import debtcycle
from debtcycle.analytics.leverage.changes import contributions, leverage_changes
from debtcycle.analytics.leverage.decompose import decompose_leverage, implied_nominal_gdp
from debtcycle.analytics.leverage.summary import country_phases
from debtcycle.errors import BadInputError
from debtcycle.facade.leverage import decomposition_inputs as load_decomposition_inputs
from debtcycle.facade.leverage import interest_rate as load_rate
from debtcycle.facade.leverage import nominal_gdp as load_nominal_gdp
from debtcycle.facade.leverage import sector_debt as load_sectors


def _q(values: np.ndarray, start: str = "2000Q1") -> pd.Series:
    return pd.Series(values, index=pd.period_range(start, periods=len(values), freq="Q"))


def test_terms_match_closed_form_on_constant_growth() -> None:
    n = 24
    t = np.arange(n)
    debt = _q(100 * 1.03**t)  # 3% a quarter
    real = _q(400 * 1.01**t)  # 1% a quarter (annualised level)
    price = 1.02**t  # 2% a quarter
    gdp = real * price
    out = decompose_leverage(debt, gdp, real, start="2001Q4", end="2005Q4")
    row = out.terms.iloc[0]
    d0 = 100 * debt.iloc[7] / gdp.iloc[7]
    gy = 1.01 * 1.02 - 1
    assert row["debt"] == pytest.approx(d0 * 0.03 / (1 + gy), rel=1e-12)
    assert row["real_growth"] == pytest.approx(-d0 * 0.01 / (1 + gy), rel=1e-12)
    assert row["inflation"] == pytest.approx(-d0 * 0.02 / (1 + gy), rel=1e-12)
    assert row["cross"] == pytest.approx(-d0 * 0.0002 / (1 + gy), rel=1e-12)
    # The quarterly real series is averaged over four quarters, as BIS's denominator.
    assert out.terms["real_growth_pct"].iloc[0] == pytest.approx(1.0, abs=1e-9)
    assert abs(out.totals["residual"]) < 1e-9
    assert out.kind == "flat" or out.totals["change"] != 0


def test_active_passive_and_dalio_labels() -> None:
    t = np.arange(20)
    real = _q(100 * 1.01**t)
    gdp = real * 1.01**t
    shrinking = decompose_leverage(_q(80 * 0.99**t), gdp, real,
                                   rate=_q(np.full(20, 10.0)))
    assert shrinking.kind == "active_deleveraging" and shrinking.dalio == "ugly"
    slow = decompose_leverage(_q(80 * 1.005**t), gdp, real, rate=_q(np.full(20, 1.0)))
    assert slow.kind == "passive_deleveraging" and slow.dalio == "beautiful"
    with pytest.raises(BadInputError, match="forward"):
        decompose_leverage(_q(80 * 1.005**t), gdp, real, start="2003Q1", end="2002Q1")


def test_bis_implied_gdp_matches_fred_and_deflator_matches_gdpdef() -> None:
    y = load_nominal_gdp("US")
    fred = debtcycle.series("US", None, "gdp_nominal", source="fred").rolling(4).mean()
    both = pd.concat([y, fred], axis=1, join="inner").dropna()
    assert (both.iloc[:, 0] / both.iloc[:, 1] - 1).abs().max() < 0.005
    real = debtcycle.series("US", None, "gdp_real", source="fred").rolling(4).mean()
    implied = (y / real).pct_change(4) * 100
    gdpdef = debtcycle.series("US", None, "deflator", source="fred").rolling(4).mean()
    diff = (implied - gdpdef.pct_change(4) * 100).dropna()
    assert len(diff) > 250 and diff.abs().max() < 0.2
    # Every sector is divided by the same GDP (BIS): households give the same GDP to 0.5%.
    debt, ratio, _ = load_decomposition_inputs("US", "households")
    hh = implied_nominal_gdp(debt, ratio)
    assert (hh / y - 1).dropna().abs().max() < 0.005


@pytest.mark.parametrize(
    ("country", "sector", "start", "end", "kind"),
    [
        ("US", "households", "2008Q4", "2014Q4", "active_deleveraging"),
        ("CN", "nonfin_corp", "2016Q4", "2019Q4", "passive_deleveraging"),
        ("US", "general_gov", "2007Q4", "2012Q4", "leveraging"),
        ("JP", "nonfin_corp", "1997Q4", "2005Q4", "active_deleveraging"),
        ("DE", "households", "2004Q4", "2014Q4", "passive_deleveraging"),
    ],
)
def test_real_decompositions_add_up(
    country: str, sector: str, start: str, end: str, kind: str
) -> None:
    debt, ratio, real = load_decomposition_inputs(country, sector)
    out = decompose_leverage(debt, load_nominal_gdp(country), real, start=start, end=end,
                             published=ratio, rate=load_rate(country))
    assert abs(out.totals["residual"]) < 1e-9
    assert (out.terms["change"] - out.terms[["debt", "real_growth", "inflation", "cross"]]
            .sum(axis=1)).abs().max() < 1e-9
    assert out.totals["change"] == pytest.approx(out.totals["published_change"], abs=0.15)
    assert out.kind == kind
    assert out.to_frame().index[-1] == "total"


def test_china_2016_2019_households_main_force_firms_deleverage() -> None:
    # Notes: 2016-2019 firms deleveraged while households were the main force of leveraging.
    frame = load_sectors("CN")
    c = contributions(frame, "2016Q4", "2019Q4")
    assert c.driver == "households"
    assert c.table.loc["nonfin_corp", "change_pp"] < -15
    assert abs(c.table.loc["residual", "change_pp"]) < 0.5
    assert c.table.loc[["households", "nonfin_corp", "general_gov", "residual"], "share"].sum() \
        == pytest.approx(1.0)
    assert "households" in c.sentence()
    ch = leverage_changes(frame, "2008Q4", "2015Q4").table
    assert ch.loc["nonfin_corp", "change_pp"] == pytest.approx(148.6 - 88.4, abs=0.05)


def test_country_summary_names_drivers() -> None:
    summary = country_phases(load_sectors("CN"), country="CN")
    drivers = summary.drivers
    boom = drivers[(drivers["start"] <= pd.Period("2010Q1", "Q"))
                   & (drivers["end"] >= pd.Period("2014Q4", "Q"))]
    assert boom["label"].tolist() == ["leveraging"] and boom["driver"].tolist() == ["nonfin_corp"]
    latest = drivers.iloc[-1]
    assert latest["label"] == "leveraging" and latest["driver"] == "general_gov"
    records = summary.records()
    assert {r["sector"] for r in records} >= {"households", "nonfin_corp", "general_gov"}
    assert set(summary.to_frame()["sector"]) == set(summary.sectors)


def test_contributions_synthetic_shares_residual_and_driver() -> None:
    idx = pd.period_range("2010Q1", periods=5, freq="Q")
    frame = pd.DataFrame({
        "households": [10.0, 10.2, 10.4, 10.6, 10.8],  # +0.8
        "nonfin_corp": [50.0, 51, 52, 53, 55.6],  # +5.6
        "general_gov": [40.0, 40.5, 41, 41.5, 42.4],  # +2.4
        "total_nonfin": [100.0, 101.5, 103, 104.5, 109.3],  # +9.3 (0.5 pp residual)
    }, index=idx)
    c = contributions(frame, "2010Q1", "last")
    assert c.table.loc["total", "change_pp"] == pytest.approx(9.3)
    assert c.table.loc["nonfin_corp", "share"] == pytest.approx(5.6 / 9.3)
    assert c.table.loc["residual", "change_pp"] == pytest.approx(0.5)
    assert c.driver == "nonfin_corp"
    assert c.sentence().startswith("2010Q1-2011Q1: of the +9.3 pp, households 9%")
    with pytest.raises(BadInputError, match="split"):
        contributions(frame.drop(columns="households"), "2010Q1", "2011Q1")
    with pytest.raises(BadInputError, match="forward"):
        leverage_changes(frame, "2011Q1", "2010Q1")
