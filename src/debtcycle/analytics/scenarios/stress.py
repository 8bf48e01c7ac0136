"""IMF-standard deterministic stress tests of a debt path.

The tests are modelled on the standard shocks of the IMF's *Staff Guidance
Note for Public Debt Sustainability Analysis in Market-Access Countries*
(2013); the calibrations below are simplified and stated, not the IMF
template's exact ones.  Each test perturbs the baseline:

* ``growth``: real growth one historical standard deviation lower in the
  first two years (the lost GDP level is not made up); while the output gap
  is open (those two years) the primary balance weakens through the budget
  semi-elasticity (default 0.35, in the range of OECD estimates, Price, Dang
  and Botev 2015, OECD WP 1275);
* ``interest``: market rates +200 bp for the whole horizon, passed to the
  effective rate as debt reprices (share ``repricing`` a year);
* ``primary_balance``: the primary balance lower by half its historical
  standard deviation (of yearly changes) in each of the first two years;
* ``combined``: the three together;
* ``contingent_liability``: a one-off debt take-over of 10% of GDP in the
  first year (e.g. bank support) together with the growth shock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.analytics.scenarios.baseline import Baseline
from debtcycle.analytics.scenarios.debt_dynamics import project_debt

__all__ = ["StressTests", "stress_tests"]


@dataclass(frozen=True)
class StressTests(Result):
    """Debt paths under each stress test next to the baseline.

    Attributes
    ----------
    paths : DataFrame
        Index year; one column per test (``baseline``, ``growth``, ...), % of GDP.
    """

    paths: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return the debt paths by year."""
        return self.paths

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON of ``debtcycle fiscal stress --json`` (without the chart paths)."""
        out: dict[str, Any] = jsonable({
            "country": self.params.get("country"), "paths": self.paths,
            "summary": self.summary_frame(), "params": self.params,
            "provenance": self.provenance})
        return out

    def summary_frame(self) -> pd.DataFrame:
        """End-of-horizon debt, peak debt and the difference from baseline, per test."""
        end = self.paths.iloc[-1]
        out = pd.DataFrame({"end": end, "peak": self.paths.max(),
                            "vs_baseline_end": end - end["baseline"]})
        out.index.name = "test"
        return out


def stress_tests(base: Baseline, *, growth_sd: float, pb_sd: float,
                 semi_elasticity: float = 0.35, rate_shock: float = 2.0,
                 repricing: float = 0.25, contingent: float = 10.0) -> StressTests:
    """Run the standard stress tests on ``base``.

    Parameters
    ----------
    base : Baseline
    growth_sd, pb_sd : float
        Historical standard deviations of real growth and of yearly changes in
        the primary balance (pp).
    semi_elasticity : float
        Change in the primary balance (% of GDP) per 1% of output.
    rate_shock : float
        Market-rate shock, pp.
    repricing : float
        Share of debt repricing each year.
    contingent : float
        One-off debt take-over, % of GDP.
    """
    n = len(base.years)
    first_two = (np.arange(n) < 2).astype(float)
    level = -growth_sd * np.minimum(np.arange(1, n + 1), 2)
    growth = {"g": base.g - growth_sd * first_two,
              "pb": base.pb + semi_elasticity * level * first_two}
    rate = {"i": base.i + rate_shock * (1.0 - (1.0 - repricing) ** np.arange(1, n + 1))}
    pb = {"pb": base.pb - 0.5 * pb_sd * first_two}
    combined = {**growth, **rate, "pb": growth["pb"] - 0.5 * pb_sd * first_two}
    contingent_sfa = base.sfa + contingent * (np.arange(n) == 0)
    tests: dict[str, dict[str, np.ndarray]] = {
        "baseline": {}, "growth": growth, "interest": rate, "primary_balance": pb,
        "combined": combined, "contingent_liability": {**growth, "sfa": contingent_sfa},
    }
    paths = {}
    for name, change in tests.items():
        inputs = {"g": base.g, "pb": base.pb, "i": base.i, "sfa": base.sfa, **change}
        path = project_debt(base.d0, base.years, inputs["g"], inputs["pb"], i=inputs["i"],
                            pi=base.pi, sfa=inputs["sfa"])
        paths[name] = path.frame["debt_gdp"]
    frame = pd.DataFrame(paths)
    return StressTests(paths=frame, params={"growth_sd": growth_sd, "pb_sd": pb_sd,
                                            "semi_elasticity": semi_elasticity,
                                            "rate_shock": rate_shock, "repricing": repricing,
                                            "contingent": contingent},
                       provenance={"baseline": base.source, "d0": base.d0})
