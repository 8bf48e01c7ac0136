"""Debt-dynamics engine, IMF/DSA decomposition, levers, rate responses, recession probit.

References: closed-form solution of the debt recursion with constant inputs;
the identity that the decomposition terms add up to the change (to 1e-9 pp);
FRED/OMB vintage-2017 debt-held-by-the-public ratio (FYPUGDA188S) for the
CBO historical series; statsmodels Probit for the recession model.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import debtcycle
from debtcycle.analytics.scenarios import decompose_history, project_debt
from debtcycle.analytics.scenarios import levers as lv
from debtcycle.analytics.scenarios.yields import (
    RateRules,
    effective_rate_change,
    policy_rate_change,
)
from debtcycle.errors import BadInputError
from debtcycle.facade import _fiscal_load as scenarios
from debtcycle.facade.fiscal import fiscal_decompose


def test_engine_matches_closed_form() -> None:
    # d_t = a d_{t-1} - pb with a = (1+i)/(1+g): d_T = a^T d0 - pb (a^T - 1) / (a - 1).
    path = project_debt(100.0, range(2026, 2036), 4.0, -3.0, i=3.0)
    a = 1.03 / 1.04
    t = np.arange(1, 11)
    expected = a**t * 100.0 + 3.0 * (a**t - 1) / (a - 1)
    assert np.allclose(path.frame["debt_gdp"], expected, atol=1e-10)


def test_decomposition_terms_add_up() -> None:
    rng = np.random.default_rng(1)
    path = project_debt(80.0, range(10), rng.normal(5, 2, 10), rng.normal(-2, 1, 10),
                        i=rng.normal(3, 1, 10), pi=rng.normal(2, 1, 10), sfa=rng.normal(0, 1, 10))
    assert path.max_identity_error() < 1e-9
    # growth split: real + inflation = -g/(1+g) d_{t-1}
    f = path.frame
    prev = np.r_[80.0, f["debt_gdp"].to_numpy()[:-1]]
    assert np.allclose(f["growth_real"] + f["inflation"], -f["g"] / (100 + f["g"]) * prev)


def test_history_decomposition_recovers_known_sfa() -> None:
    years = np.arange(2000, 2012)
    sfa = np.linspace(-1, 1, len(years))
    made = project_debt(60.0, years, 5.0, -1.0, i=4.0, pi=2.0, sfa=sfa).frame
    debt = pd.concat([pd.Series({1999: 60.0}), made["debt_gdp"]])
    interest = made["interest"]  # interest paid in % of current GDP
    back = decompose_history(debt, made["g"], made["pb"], interest_gdp=interest, pi=made["pi"])
    assert np.allclose(back.frame["sfa"], sfa, atol=1e-9)
    assert np.allclose(back.frame["i"], 4.0)


def test_engine_rejects_bad_inputs() -> None:
    with pytest.raises(BadInputError, match="exactly one"):
        project_debt(100.0, [2026], 4.0, 0.0)
    with pytest.raises(BadInputError, match="missing or infinite"):
        project_debt(100.0, [2026, 2027], [4.0, np.nan], 0.0, i=3.0)


def test_us_history_decomposition() -> None:
    path = fiscal_decompose("US", 1980, 2025)
    assert path.max_identity_error() < 1e-9
    f = path.frame
    assert list(f.index[[0, -1]]) == [1980, 2025]
    # FY2025 debt held by the public 99.375% of GDP (CBO Historical Budget Data, sheet 1a).
    assert f.loc[2025, "debt_gdp"] == pytest.approx(99.375)
    # FY2020: the Treasury built up its cash balance (debt rose more than the deficit);
    # FY2021 ran it down; the residual shows it.
    assert f.loc[2020, "sfa"] > 3.0 > -3.0 > f.loc[2021, "sfa"]


def test_cbo_history_matches_omb_vintage() -> None:
    # FRED FYPUGDA188S (OMB, 2017 vintage) vs CBO Feb 2026: same concept; GDP revisions
    # since 2017 move the ratio by up to about 1.5 pp.
    omb = debtcycle.series("US", "central_gov", "debt_public_gdp", source="fred", freq="A")
    omb = omb.set_axis(omb.index.year)
    cbo = scenarios.load_history("US")["debt_gdp"]
    both = pd.concat([omb, cbo], axis=1, keys=["omb", "cbo"]).dropna().loc[1970:2015]
    assert len(both) >= 40
    assert (both["omb"] - both["cbo"]).abs().max() < 2.0


def test_multiplier_path() -> None:
    m = lv.Multiplier(0.7, 0.9, 0.5)
    effect = lv.output_effect(lv.LeverEffect("x", np.ones(4), np.ones(4), m, np.zeros(4), {}))
    assert np.allclose(effect, [-0.7, -0.9, -0.45, -0.225])
    # a one-year impulse: level effect is first-year, then peak minus first-year step ...
    pulse = lv.output_effect(lv.LeverEffect("x", np.zeros(3), np.array([1.0, 0, 0]), m,
                                            np.zeros(3), {}))
    assert np.allclose(pulse, [-0.7, -0.2, 0.45])


def test_tariff_lever_arithmetic() -> None:
    eff = lv.tariff(3, rate_pct=12.0, base_rate_pct=2.0, import_share_gdp=10.0,
                    import_elasticity=-1.0, pass_through=0.8)
    m1 = 10.0 * (1 - 0.8 * 0.10 / 1.02)
    gross = 0.12 * m1 - 0.02 * 10.0
    assert eff.detail["gross_revenue_gdp"][0] == pytest.approx(gross)
    # One treatment: gross revenue to the budget (no income-tax offset), the price level
    # and nominal GDP rise with the passed-through tariff, demand falls by the domestic share.
    assert eff.impulse[0] == pytest.approx(gross)
    assert eff.demand[0] == pytest.approx(0.8 * gross)
    assert eff.price_level[0] == pytest.approx(0.8 * 0.10 * m1)


def test_tariff_calibration_against_observed_revenue() -> None:
    cal = scenarios.load_tariff()
    rate = debtcycle.series("US", None, "tariff_rate_effective", source="budgetlab", freq="M")
    # Budget Lab's own monthly effective rate, same six months (unweighted mean): 0.3 pp.
    assert cal.rate_pct == pytest.approx(rate.loc["2025-08":"2026-01"].mean(), abs=0.3)
    assert cal.base_rate_pct == pytest.approx(rate.loc["2024-01":"2024-12"].mean(), abs=0.1)
    # The lever with no import response reproduces the observed revenue rise within 10%.
    static = lv.tariff(1, rate_pct=cal.rate_pct, base_rate_pct=cal.base_rate_pct,
                       import_share_gdp=cal.import_share_gdp, import_elasticity=0.0)
    assert static.detail["gross_revenue_gdp"][0] == pytest.approx(cal.revenue_gain_gdp, rel=0.10)
    # Statutory rate (Budget Lab daily tracker) over the same months: 16.9%; about two
    # thirds of statutory duties are collected (exemptions, substitution, lags).
    assert cal.statutory_rate_pct == pytest.approx(16.9, abs=0.2)
    assert cal.collection_ratio is not None and 0.55 < cal.collection_ratio < 0.75


def test_rate_responses() -> None:
    rules = RateRules(repricing=0.25)
    d_i = effective_rate_change(np.full(30, 2.0), rules)
    assert d_i[0] == pytest.approx(0.5) and d_i[-1] == pytest.approx(2.0, abs=0.01)
    # Taylor rule with the zero floor: a 2% output fall cannot push the rate below zero.
    out = policy_rate_change(np.zeros(2), np.zeros(2), np.array([-4.0, -4.0]),
                             np.array([1.0, 5.0]), rules)
    assert np.allclose(out, [-1.0, -2.0])
