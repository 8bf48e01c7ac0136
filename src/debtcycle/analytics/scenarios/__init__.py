"""Fiscal scenarios: debt dynamics, baselines, levers, fan charts, stress tests.

Pure functions over pandas/numpy; data are fetched by the caller
(:mod:`debtcycle.facade.fiscal` does it from the store).  Entry point: :func:`run`.
"""

from debtcycle.analytics.scenarios.baseline import (
    Baseline,
    CboReproduction,
    cbo_baseline,
    history_baseline,
    reproduce_cbo,
)
from debtcycle.analytics.scenarios.debt_dynamics import DebtPath, decompose_history, project_debt
from debtcycle.analytics.scenarios.montecarlo import FanChart, ShockModel, shock_model, simulate_fan
from debtcycle.analytics.scenarios.recession import RecessionModel, fit_recession_model
from debtcycle.analytics.scenarios.run import ScenarioInputs, ScenarioResult, run
from debtcycle.analytics.scenarios.spec import ScenarioSpec, parse_spec, parse_spec_toml
from debtcycle.analytics.scenarios.stress import StressTests, stress_tests

__all__ = [
    "Baseline",
    "CboReproduction",
    "DebtPath",
    "FanChart",
    "RecessionModel",
    "ScenarioInputs",
    "ScenarioResult",
    "ScenarioSpec",
    "ShockModel",
    "StressTests",
    "cbo_baseline",
    "decompose_history",
    "fit_recession_model",
    "history_baseline",
    "parse_spec",
    "parse_spec_toml",
    "project_debt",
    "reproduce_cbo",
    "run",
    "shock_model",
    "simulate_fan",
    "stress_tests",
]
