"""The US levers reconciled with what CBO measured between its January 2025 and
February 2026 baselines (eval-projections ``baseline_changes.csv``).

* Tariff: the effective rate collected in the latest six months (Budget Lab,
  10.9%) against 2024 (2.4%), on CBO's February 2026 import path, against CBO's
  technical change in customs duties by fiscal year.  Issue 11 asks for 15% in
  every year 2026-2035.  Measured: within 15% in 2030-2035 and for the ten-year
  sum (-8.5%); 2026-2029 fall short by 15-20% because CBO's baseline implies a
  12.3% effective rate in FY2026 (customs $418 bn on about $3.4 tn of goods
  imports) against the 10.9% actually collected from August 2025 to January 2026,
  and CBO lets that rate drift down to 9.1% by 2035.  The test pins the measured
  gaps so that a change in either side shows.
* Tax: the revenue side of the 2025 legislation as CBO scored it (-$4,867.4 bn over
  FY2026-2035), by year.
* Spending cuts: $105 bn a year in fixed dollars (indexation "none"), so a falling
  share of GDP.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

import debtcycle
from debtcycle.analytics.scenarios import ScenarioInputs, ScenarioSpec
from debtcycle.analytics.scenarios.run import build_levers, counterfactual, deterministic
from debtcycle.facade._fiscal_load import load_spec
from debtcycle.facade.fiscal import load_inputs

US_FILE = Path(__file__).resolve().parents[1] / "scenarios" / "us-debt-conversion.toml"


@pytest.fixture(scope="module")
def inputs() -> ScenarioInputs:
    return load_inputs("US", 2026, 10)


@pytest.fixture(scope="module")
def spec() -> ScenarioSpec:
    return load_spec(US_FILE)


def _dollars(effect_gdp: np.ndarray | list[float], gdp: np.ndarray) -> np.ndarray:
    return np.asarray(effect_gdp, dtype=float) * gdp / 100.0


def test_tariff_against_cbo_technical_customs(spec: ScenarioSpec,
                                              inputs: ScenarioInputs) -> None:
    base = inputs.baseline.window(2026, 10)
    effects = {e.name: e for e in build_levers(spec, base, inputs.tariff,
                                               inputs.legislative_revenue)}
    lever = _dollars(effects["tariff"].detail["gross_revenue_gdp"], base.gdp)  # type: ignore[arg-type]
    cbo = debtcycle.fiscal_changes("US").frame.xs("technical", level="category")
    ratio = lever / cbo["customs_duties"].to_numpy()
    within = np.abs(ratio - 1) <= 0.15
    assert within[4:].all()  # 2030-2035 (measured 0.88-1.05)
    assert ratio[:4] == pytest.approx([0.80, 0.82, 0.83, 0.85], abs=0.02)  # 2026-2029
    assert lever.sum() / cbo["customs_duties"].sum() == pytest.approx(0.915, abs=0.02)


def test_tariff_one_price_income_treatment(spec: ScenarioSpec, inputs: ScenarioInputs) -> None:
    base = inputs.baseline.window(2026, 10)
    tariff = build_levers(spec, base, inputs.tariff, inputs.legislative_revenue)[0]
    assert tariff.name == "tariff"
    assert "no income-tax offset" in str(tariff.detail["treatment"])
    assert np.allclose(tariff.impulse, tariff.detail["gross_revenue_gdp"])  # gross to budget
    assert (tariff.price_level > 0).all()  # ... and the price level carries nominal GDP


def test_tax_lever_is_cbos_legislative_revenue_change(spec: ScenarioSpec,
                                                      inputs: ScenarioInputs) -> None:
    base = inputs.baseline.window(2026, 10)
    effects = {e.name: e for e in build_levers(spec, base, inputs.tariff,
                                               inputs.legislative_revenue)}
    tax = effects["tax_change"]
    cost = _dollars(tax.detail["cost_gdp"], base.gdp)  # type: ignore[arg-type]
    assert cost.sum() == pytest.approx(4867.4, abs=0.1)  # CBO, FY2026-2035
    assert cost[0] == pytest.approx(462.0, abs=0.1)
    assert "P.L. 119-21" in str(tax.detail["covers"])


def test_spending_cut_in_fixed_dollars(spec: ScenarioSpec, inputs: ScenarioInputs) -> None:
    base = inputs.baseline.window(2026, 10)
    effects = {e.name: e for e in build_levers(spec, base, inputs.tariff,
                                               inputs.legislative_revenue)}
    cut = _dollars(effects["spending_cut"].impulse, base.gdp)
    assert np.allclose(cut, 105.0)
    assert effects["spending_cut"].detail["indexation"] == "none"
    levers = {**spec.levers, "spending_cut": {**spec.levers["spending_cut"],
                                              "indexation": "prices"}}
    indexed = build_levers(dataclasses.replace(spec, levers=levers), base, inputs.tariff,
                           inputs.legislative_revenue)[2]
    dollars = _dollars(indexed.impulse, base.gdp)
    assert dollars[0] == pytest.approx(105.0) and dollars[-1] > 120.0


def test_in_baseline_levers_are_not_counted_twice(spec: ScenarioSpec,
                                                  inputs: ScenarioInputs) -> None:
    official = inputs.baseline.window(2026, 10)
    effects = build_levers(spec, official, inputs.tariff, inputs.legislative_revenue)
    base = counterfactual(official, spec, effects)
    back = base.pb + effects[0].impulse + effects[1].impulse  # tariff + tax, ex ante
    assert np.allclose(back, official.pb)
    # with zero multipliers and no price effect, the scenario's primary balance is the
    # official baseline's plus the spending cut alone
    zero = {k: {"first_year": 0.0, "peak": 0.0} for k in ("purchases", "transfers", "taxes")}
    levers = {**spec.levers, "tariff": {**spec.levers["tariff"], "pass_through": 0.0}}
    det = deterministic(dataclasses.replace(spec, multipliers=zero, levers=levers), inputs)
    cut = det.effects[2].impulse
    assert np.allclose(det.scen["primary_balance"], official.pb + cut, atol=1e-9)
