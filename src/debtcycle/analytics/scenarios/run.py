"""Run a scenario: levers on a baseline, the macro responses, the debt path and its risks.

Order of calculation for each year (all arrays over the scenario years):

1. each lever gives its ex-ante primary-balance change, its demand impulse and
   its direct price effect (:mod:`.levers`);
2. output (GDP level, %) follows from the multiplier paths; real growth
   changes by the year-on-year change of the output effect;
3. the primary balance moves by the levers plus the automatic stabilisers
   (semi-elasticity x output effect);
4. inflation, the policy rate, the 10-year yield (with a term premium on the
   debt difference) and the effective rate respond (:mod:`.yields`); as the
   term premium depends on the debt path, steps 4-5 are iterated to a fixed point;
5. the debt engine rolls the scenario forward (:mod:`.debt_dynamics`);
6. the same seeded shocks are put around the baseline and the scenario
   (:mod:`.montecarlo`) to get the fan chart and the recession probability
   (:mod:`.recession`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.analytics.scenarios import levers as lv
from debtcycle.analytics.scenarios.baseline import Baseline
from debtcycle.analytics.scenarios.debt_dynamics import DebtPath, project_debt
from debtcycle.analytics.scenarios.montecarlo import FanChart, shock_model, simulate_fan
from debtcycle.analytics.scenarios.recession import RecessionModel
from debtcycle.analytics.scenarios.spec import ScenarioSpec, parse_spec
from debtcycle.analytics.scenarios.yields import (
    RateRules,
    effective_rate_change,
    inflation_change,
    policy_rate_change,
    yield_change,
)
from debtcycle.errors import BadInputError

__all__ = ["ScenarioInputs", "ScenarioResult", "apply_levers", "run"]

SEMI_ELASTICITY = 0.35
KEYS = ("debt_gdp", "real_gdp_growth", "yield_10y", "primary_balance", "inflation",
        "policy_rate", "effective_rate")


@dataclass(frozen=True)
class ScenarioInputs:
    """The data a scenario needs, fetched by the caller (no I/O here).

    Attributes
    ----------
    baseline : Baseline
        Covering at least the scenario's years.
    history : DataFrame
        Annual ``real_growth``, ``pi``, ``i``, ``pb`` for the shock covariance.
    recession : RecessionModel
    tariff : TariffCalibration, optional
        Needed when the tariff lever uses ``"observed"`` values.
    """

    baseline: Baseline
    history: pd.DataFrame
    recession: RecessionModel
    tariff: lv.TariffCalibration | None = None


@dataclass(frozen=True)
class ScenarioResult(Result):
    """Baseline and scenario paths, their difference, lever contributions and risks.

    Attributes
    ----------
    country : str
    baseline, scenario : DataFrame
        By year: :data:`KEYS`.
    contributions : DataFrame
        By year and lever: ``impulse`` (ex-ante primary balance, % of GDP) and
        ``output`` (GDP level effect, %).
    fan, fan_baseline : FanChart
        Percentiles of the scenario's and the baseline's simulated debt.
    recession_probability : dict
        ``{"baseline": p, "scenario": p}``: probability of a recession year in
        the first ``recession_window`` years.
    decomposition : DebtPath
        The scenario's debt change split into interest, growth, inflation,
        primary balance and stock-flow terms.
    """

    country: str
    baseline: pd.DataFrame
    scenario: pd.DataFrame
    contributions: pd.DataFrame
    fan: FanChart
    fan_baseline: FanChart
    recession_probability: dict[str, float]
    decomposition: DebtPath

    @property
    def differences(self) -> pd.DataFrame:
        """Scenario minus baseline, by year."""
        return self.scenario - self.baseline

    def to_frame(self) -> pd.DataFrame:
        """Return baseline, scenario and difference side by side (MultiIndex columns)."""
        return pd.concat({"baseline": self.baseline, "scenario": self.scenario,
                          "difference": self.differences}, axis=1)

    def to_json_dict(self) -> dict[str, Any]:
        """Return the CLI's JSON shape (years, baseline, scenario, recession, fan)."""
        pick = ("debt_gdp", "real_gdp_growth", "yield_10y")
        fan = self.fan.percentiles
        out: dict[str, Any] = jsonable({
            "country": self.country, "name": self.params.get("name"),
            "years": [int(y) for y in self.baseline.index],
            "baseline": {k: self.baseline[k].round(3).tolist() for k in pick},
            "scenario": {k: self.scenario[k].round(3).tolist() for k in pick},
            "difference": {k: self.differences[k].round(3).tolist() for k in pick},
            "recession_probability": {k: round(v, 4)
                                      for k, v in self.recession_probability.items()},
            "fan": {p: fan[p].round(3).tolist() for p in ("p5", "p50", "p95")},
            "prob_debt_higher_in_5y": self.fan.prob_higher_5y,
            "thresholds": self.fan.thresholds,
            "levers": self.params.get("levers", {}),
        })
        return out


def _multipliers(spec: ScenarioSpec) -> dict[str, lv.Multiplier]:
    out = dict(lv.DEFAULT_MULTIPLIERS)
    for name, fields in spec.multipliers.items():
        base = out[name]
        out[name] = lv.Multiplier(fields.get("first_year", base.first_year),
                                  fields.get("peak", base.peak), fields.get("decay", base.decay))
    return out


def _start_index(spec: ScenarioSpec, value: int | None) -> int:
    if value is None:
        return 0
    if not spec.start <= value < spec.start + spec.years:
        raise BadInputError(f"{spec.source}: lever start {value} is outside the scenario years "
                            f"{spec.start}-{spec.start + spec.years - 1}")
    return value - spec.start


def _observed(spec: ScenarioSpec, fields: dict[str, Any], tariff: lv.TariffCalibration | None,
              key: str) -> float:
    value = fields.get(key, "observed")
    if value != "observed":
        return float(value)
    if tariff is None:
        raise BadInputError(f"{spec.source}: [levers.tariff] {key} = 'observed' needs observed "
                            f"tariff data, which exist only for the US; give a number")
    return float(getattr(tariff, key))


def _amount_gdp(spec: ScenarioSpec, name: str, fields: dict[str, Any], key: str,
                gdp: float) -> float:
    unit = fields.get("unit", "pct_gdp")
    amount = float(fields[key])
    return amount / gdp * 100.0 if unit == "usd_bn" else amount


def build_levers(spec: ScenarioSpec, base: Baseline, tariff: lv.TariffCalibration | None
                 ) -> list[lv.LeverEffect]:
    """Turn the spec's levers into :class:`LeverEffect` objects over the scenario years."""
    n, mult, out = len(base.years), _multipliers(spec), []
    for name, f in spec.levers.items():
        if name == "tariff":
            out.append(lv.tariff(
                n, rate_pct=_observed(spec, f, tariff, "rate_pct"),
                base_rate_pct=_observed(spec, f, tariff, "base_rate_pct"),
                import_share_gdp=_observed(spec, f, tariff, "import_share_gdp"),
                import_elasticity=f.get("import_elasticity", -1.0),
                pass_through=f.get("pass_through", 1.0), offset=f.get("offset", 0.25),
                multiplier=mult["taxes"]))
        elif name in ("spending_cut", "spending_increase"):
            amount = _amount_gdp(spec, name, f, "amount", float(base.gdp[0]))
            out.append(lv.spending_change(
                n, amount_gdp=amount if name == "spending_cut" else -amount,
                purchases_share=f.get("purchases_share", 0.7),
                persistence=f.get("persistence", 1.0), start=_start_index(spec, f.get("start")),
                purchases=mult["purchases"], transfers=mult["transfers"]))
        elif name == "tax_change":
            out.append(lv.tax_change(
                n, cost_gdp=_amount_gdp(spec, name, f, "cost", float(base.gdp[0])),
                start=_start_index(spec, f.get("start")), persistence=f.get("persistence", 1.0),
                multiplier=mult["taxes"]))
        else:
            out.append(lv.export_push(n, net_exports_gdp=f.get("net_exports_gdp", 0.0),
                                      pushback=f.get("pushback", 0.0),
                                      multiplier=mult["net_exports"]))
    return out


def _paths(base: Baseline, g: np.ndarray, pb: np.ndarray, i: np.ndarray, pi: np.ndarray
           ) -> DebtPath:
    return project_debt(base.d0, base.years, g, pb, i=i, pi=pi, sfa=base.sfa)


def apply_levers(base: Baseline, effects: list[lv.LeverEffect], rules: RateRules,
                 semi_elasticity: float = SEMI_ELASTICITY, iterations: int = 8
                 ) -> tuple[pd.DataFrame, DebtPath]:
    """Apply lever effects to a baseline; return the scenario table and its debt path."""
    n = len(base.years)
    zero = np.zeros(n)
    output = sum((lv.output_effect(e) for e in effects), zero)
    impulse = sum((e.impulse for e in effects), zero)
    price = sum((e.price_level for e in effects), zero)
    pb = base.pb + impulse + semi_elasticity * output
    d_pi, d_direct = inflation_change(price, output, rules)
    d_real = np.diff(output, prepend=0.0)
    d_policy = policy_rate_change(d_pi, d_direct, output, base.policy_rate, rules)
    g = ((1 + (base.real_growth + d_real) / 100) * (1 + (base.pi + d_pi) / 100) - 1) * 100
    base_debt = base.path().frame["debt_gdp"].to_numpy()
    d_debt = zero
    for _ in range(iterations):
        d_yield = yield_change(d_policy, d_debt, rules)
        d_i = effective_rate_change((d_policy + d_yield) / 2.0, rules)
        path = _paths(base, g, pb, base.i + d_i, base.pi + d_pi)
        d_debt = path.frame["debt_gdp"].to_numpy() - base_debt
    table = pd.DataFrame({
        "debt_gdp": path.frame["debt_gdp"].to_numpy(), "real_gdp_growth": base.real_growth + d_real,
        "yield_10y": base.yield_10y + d_yield, "primary_balance": pb, "inflation": base.pi + d_pi,
        "policy_rate": base.policy_rate + d_policy, "effective_rate": base.i + d_i,
    }, index=pd.Index(base.years, name="year"))
    return table, path


def _baseline_table(base: Baseline) -> pd.DataFrame:
    return pd.DataFrame({
        "debt_gdp": base.path().frame["debt_gdp"].to_numpy(), "real_gdp_growth": base.real_growth,
        "yield_10y": base.yield_10y, "primary_balance": base.pb, "inflation": base.pi,
        "policy_rate": base.policy_rate, "effective_rate": base.i,
    }, index=pd.Index(base.years, name="year"))


def _contributions(base: Baseline, effects: list[lv.LeverEffect]) -> pd.DataFrame:
    rows = []
    for e in effects:
        out = lv.output_effect(e)
        for k, year in enumerate(base.years):
            rows.append({"year": int(year), "lever": e.name, "impulse": float(e.impulse[k]),
                         "output": float(out[k])})
    return pd.DataFrame(rows, columns=["year", "lever", "impulse", "output"])


def _fan(base: Baseline, table: pd.DataFrame, effective: np.ndarray, inputs: ScenarioInputs,
         spec: ScenarioSpec) -> FanChart:
    unc = spec.uncertainty
    model = shock_model(inputs.history, start=unc.get("shock_start", 1990))
    g = ((1 + table["real_gdp_growth"].to_numpy() / 100) * (1 + table["inflation"].to_numpy()
                                                             / 100) - 1) * 100
    return simulate_fan(base.d0, effective, g, table["primary_balance"].to_numpy(), base.sfa,
                        model, n_paths=unc.get("paths", 10_000), seed=unc.get("seed", 0),
                        method=unc.get("method", "normal"),
                        real_growth=table["real_gdp_growth"].to_numpy(),
                        recession=inputs.recession,
                        thresholds=tuple(unc.get("thresholds", ())), years=base.years,
                        recession_window=int(unc.get("recession_window", 2)))


def run(path_or_spec: ScenarioSpec | dict[str, Any], inputs: ScenarioInputs) -> ScenarioResult:
    """Run a scenario on the given inputs.

    Parameters
    ----------
    path_or_spec : ScenarioSpec or dict
        A validated spec, or the dict a TOML file would give (files are read by
        :func:`debtcycle.scenarios.run` / :func:`debtcycle.scenarios.load_spec`).
    inputs : ScenarioInputs
        Baseline, history, recession model and tariff calibration (see
        :func:`debtcycle.scenarios.load_inputs` to fetch them from the store).

    Returns
    -------
    ScenarioResult
    """
    spec = path_or_spec if isinstance(path_or_spec, ScenarioSpec) else parse_spec(path_or_spec)
    base = inputs.baseline.window(spec.start, spec.years)
    rates = dict(spec.rates)
    semi = float(rates.pop("semi_elasticity", SEMI_ELASTICITY))
    rules = RateRules(**rates)
    effects = build_levers(spec, base, inputs.tariff)
    scen, path = apply_levers(base, effects, rules, semi)
    basetab = _baseline_table(base)
    fan = _fan(base, scen, scen["effective_rate"].to_numpy(), inputs, spec)
    fan_base = _fan(base, basetab, base.i, inputs, spec)
    rec = {"baseline": float(fan_base.recession_probability or 0.0),
           "scenario": float(fan.recession_probability or 0.0)}
    return ScenarioResult(
        country=spec.country, baseline=basetab, scenario=scen,
        contributions=_contributions(base, effects), fan=fan, fan_baseline=fan_base,
        recession_probability=rec, decomposition=path,
        params={"name": spec.name, "start": spec.start, "years": spec.years,
                "levers": {e.name: jsonable(e.detail) for e in effects},
                "rates": jsonable(rules.__dict__), "semi_elasticity": semi,
                "uncertainty": spec.uncertainty},
        provenance={"baseline": base.source, "spec": spec.source, **base.provenance},
    )

