"""Inflation, policy-rate, 10-year-yield and effective-rate responses to a scenario.

* Inflation: a tariff's one-off price-level rise shows up as inflation in the
  year it happens; demand adds ``phillips`` pp per 1% of output (a flat
  Phillips curve, slope about 0.1; e.g. Hazell, Herreno, Nakamura and
  Steinsson 2022, *QJE*, find a small slope).
* Policy rate: Taylor (1993) rule, 1.5 x inflation + 0.5 x output gap, where
  the central bank looks through a share ``look_through`` of tariff-driven
  inflation (a one-off price-level shift); not below zero.
* 10-year yield: expectations (the mean expected policy-rate change over the
  next ten years, the policy gap fading by ``policy_decay`` a year after the
  horizon) plus a term premium of ``term_premium_bp`` basis points per
  percentage point of debt-to-GDP difference: Laubach (2009), *JEEA*, finds
  about 3-4 bp per pp of projected debt/GDP.
* Effective interest rate on debt: a share ``repricing`` of the debt reprices
  each year at the market rate (mean of the policy rate and the 10-year
  yield); with the Treasury's average maturity of about six years and a fifth
  of debt in bills, about a quarter a year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["RateRules", "effective_rate_change", "inflation_change", "policy_rate_change",
           "yield_change"]


@dataclass(frozen=True)
class RateRules:
    """Parameters of the price and interest-rate responses (see module docstring)."""

    phillips: float = 0.1
    taylor_inflation: float = 1.5
    taylor_output: float = 0.5
    look_through: float = 0.75
    term_premium_bp: float = 3.5
    repricing: float = 0.25
    policy_decay: float = 0.7


def inflation_change(price_level: np.ndarray, output: np.ndarray, rules: RateRules
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Return (total inflation change, the tariff-driven part), pp a year."""
    direct = np.diff(price_level, prepend=0.0)
    return direct + rules.phillips * output, direct


def policy_rate_change(d_pi: np.ndarray, d_pi_direct: np.ndarray, output: np.ndarray,
                       base_policy: np.ndarray, rules: RateRules) -> np.ndarray:
    """Taylor-rule change of the policy rate, floored so the rate stays at or above zero."""
    seen = d_pi - rules.look_through * d_pi_direct
    raw = rules.taylor_inflation * seen + rules.taylor_output * output
    floor: np.ndarray = -np.maximum(base_policy, 0.0)
    return np.asarray(np.maximum(raw, floor))


def yield_change(d_policy: np.ndarray, d_debt: np.ndarray, rules: RateRules) -> np.ndarray:
    """10-year yield change: expected policy path over ten years plus term premium."""
    n = len(d_policy)
    tail = d_policy[-1] * rules.policy_decay ** np.arange(1, 11)
    path = np.concatenate([d_policy, tail])
    expected = np.array([path[t:t + 10].mean() for t in range(n)])
    return expected + rules.term_premium_bp / 100.0 * d_debt


def effective_rate_change(d_market: np.ndarray, rules: RateRules) -> np.ndarray:
    """Change of the effective rate on debt as a share of debt reprices each year."""
    out = np.empty(len(d_market))
    prev = 0.0
    for t, value in enumerate(d_market):
        prev = (1.0 - rules.repricing) * prev + rules.repricing * value
        out[t] = prev
    return out
