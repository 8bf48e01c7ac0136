"""China vs Japan in event time, and exit accounting (method and real data)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import debtcycle
from debtcycle.analytics.bsr.compare import compare_event_time
from debtcycle.analytics.bsr.exits import absorption, external_requirement, fiscal_cost
from debtcycle.errors import BadInputError
from debtcycle.facade.bsr import balances as load_balances
from debtcycle.facade.bsr import bsr_compare as load_comparison
from debtcycle.facade.bsr import gdp_usd
from debtcycle.facade.exits import exits as load_exits


def _annual(start: str, values: list[float]) -> pd.Series:
    return pd.Series(values, index=pd.period_range(start, periods=len(values), freq="Y"))


def test_identical_paths_score_one_and_position() -> None:
    path = [90.0, 100.0, 95.0, 85.0, 80.0, 70.0]
    ind = {"house_price_real": {"CN": _annual("2020", path[:4]), "JP": _annual("1990", path)}}
    result = compare_event_time(ind, {"CN": "2021", "JP": "1991"}, follower="CN",
                                reference="JP")
    row = result.scores.loc["house_price_real"]
    assert row["score"] == pytest.approx(1.0)
    assert result.position == 2
    assert row["follower_now"] == pytest.approx(85.0)  # ratio rebase: 85 / 100 * 100
    assert row["matches_reference_t"] == 2
    assert result.statement[0].startswith("CN is 2 years past its property-price peak (2021)")


def test_compare_rejects_unknown_indicator() -> None:
    with pytest.raises(BadInputError, match="Unknown indicators"):
        compare_event_time({"bogus": {}}, {}, follower="CN", reference="JP")


def test_china_japan_from_property_peak() -> None:
    # Events: the annual peak of BIS real residential property prices.  Japan's is 1991
    # (land and house prices peaked in 1991, Koo 2008 ch. 1); China's is 2021 (BIS
    # WS_SPP: 108.7 in 2019-Q4 and 86.8 in 2025-Q4, MANIFEST; the annual mean peaks in 2021).
    result = load_comparison("CN", "JP")
    assert str(result.events["JP"]) == "1991"
    assert str(result.events["CN"]) == "2021"
    assert result.position == 3  # 2024, the last year before GMD forecasts
    prices = result.paths["house_price_real"].frame
    assert prices.loc[0, "CN"] == pytest.approx(100.0)
    # Both fell about 14% in three years: China 85.5, Japan 86.6 (BIS annual means).
    assert prices.loc[3, "CN"] == pytest.approx(85.5, abs=0.5)
    assert prices.loc[3, "JP"] == pytest.approx(86.6, abs=0.5)
    # China's private debt kept rising after its peak, Japan's was roughly flat:
    debt = result.paths["private_debt_gdp"].frame
    assert debt.loc[3, "CN"] > debt.loc[3, "JP"]
    assert np.isfinite(result.overall)
    assert any("house prices" in line for line in result.statement)


def test_absorption_identity_every_country() -> None:
    # private surplus = government deficit + current-account surplus, to rounding.
    for country in ("CN", "JP", "US", "DE"):
        table = absorption(load_balances(country).balances)
        assert table["residual"].abs().max() < 0.01


def test_fiscal_cost_reproduces_jst_japan() -> None:
    # MANIFEST (JST R6): Japan debtgdp 0.63 (1990) -> 2.54 (2020): a rise of ~191 pp.
    debt = debtcycle.series("JP", "general_gov", "debt_gdp", source="jst")
    balance = _annual("1991", [-3.0] * 30)
    cost = fiscal_cost(debt, balance, pd.Period("1990", "Y"), pd.Period("2020", "Y"))
    assert cost["debt_start"] == pytest.approx(63.0, abs=0.5)
    assert cost["debt_end"] == pytest.approx(254.0, abs=0.5)
    assert cost["debt_rise"] == pytest.approx(191.0, abs=1.0)
    assert cost["cumulative_deficit"] == pytest.approx(90.0)
    assert cost["years"] == 30


def test_external_requirement_arithmetic() -> None:
    out = external_requirement(_annual("2024", [8.0]), _annual("2024", [2.0]),
                               _annual("2024", [20.0]), _annual("2024", [80.0]))
    row = out.iloc[0]
    assert row["required_pct_partner_gdp"] == pytest.approx(2.0)  # 8% x 20 / 80
    assert row["actual_pct_partner_gdp"] == pytest.approx(0.5)
    assert row["required_ca_usd"] == pytest.approx(1.6)


def test_gdp_in_usd_matches_national_figures() -> None:
    # References: BEA, US GDP 2024 $29.18 tn; NBS, China GDP 2024 CNY 134.9 tn at an
    # average 7.19 CNY/USD = $18.76 tn.  Tolerance 3%: BIS sums four quarters of GDP and
    # converts at quarterly exchange rates.
    us = gdp_usd("US")
    cn = gdp_usd("CN")
    assert us[pd.Period("2024", "Y")] == pytest.approx(29_180, rel=0.03)
    assert cn[pd.Period("2024", "Y")] == pytest.approx(18_760, rel=0.03)


def test_exit_accounting_japan_and_china() -> None:
    jp = load_exits("JP").accounting
    assert str(jp.start) == "1991"
    assert jp.fiscal["debt_rise"] > 150  # Japan's fiscal path: debt/GDP up >150 pp since 1991
    cn = load_exits("CN")
    last = cn.table().dropna(subset=["required_pct_partner_gdp"]).iloc[-1]
    assert last["required_pct_partner_gdp"] > last["actual_pct_partner_gdp"]
    assert any("trade partners' GDP" in line for line in cn.statement())
