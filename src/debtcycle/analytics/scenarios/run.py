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
   (:mod:`.montecarlo`) to get the fan charts;
7. the scenario's and the baseline's own term spread (10-year yield minus the
   policy rate, by year) go through the recession model (:mod:`.recession`):
   the probability of an NBER recession within the next four quarters.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    recession : RecessionModel or None
        The US term-spread model; ``None`` elsewhere (NBER dates are US only), and
        the scenario then reports no recession probability.
    tariff : TariffCalibration, optional
        Needed when the tariff lever uses ``"observed"`` values.
    legislative_revenue : Series, optional
        CBO's legislative change in revenues by fiscal year ($ bn, negative = less
        revenue), for ``cost = "cbo_legislative"``.
    """

    baseline: Baseline
    history: pd.DataFrame
    recession: RecessionModel | None
    tariff: lv.TariffCalibration | None = None
    legislative_revenue: pd.Series | None = None


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
        ``{"baseline": p, "scenario": p}``: mean probability of a recession
        within four quarters over the first ``recession_window`` years.
    recession_path : DataFrame
        By year: ``baseline`` and ``scenario`` probability of a recession within
        four quarters, from each path's term spread.
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
    recession_path: pd.DataFrame | None = None

    @property
    def differences(self) -> pd.DataFrame:
        """Scenario minus baseline, by year."""
        return self.scenario - self.baseline

    def to_frame(self) -> pd.DataFrame:
        """Return baseline, scenario and difference side by side (MultiIndex columns)."""
        return pd.concat({"baseline": self.baseline, "scenario": self.scenario,
                          "difference": self.differences}, axis=1)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON of ``debtcycle scenario run --json`` (without the chart paths)."""
        out: dict[str, Any] = {**self.to_json_dict(), "provenance": jsonable(self.provenance)}
        return out

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
            "recession_within_4q": (None if self.recession_path is None else
                                    {k: self.recession_path[k].round(4).tolist()
                                     for k in ("baseline", "scenario")}),
            "recession_base_rate": self.params.get("recession_base_rate"),
            "answer": self.params.get("answer"),
            "official_baseline_debt_gdp": self.params.get("official_debt_gdp"),
            "baseline_label": self.provenance.get("baseline"),
            "fan_baseline": {p: self.fan_baseline.percentiles[p].round(3).tolist()
                             for p in ("p5", "p50", "p95")},
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


def _amount_path(spec: ScenarioSpec, name: str, fields: dict[str, Any], key: str,
                 base: Baseline) -> np.ndarray:
    """Return a lever's yearly size in % of GDP from its amount, unit and indexation.

    ``usd_bn`` amounts are fixed dollars (``indexation = "none"``, the default),
    grow with the price level (``"prices"``: the baseline GDP deflator) or keep
    their first-year share of GDP (``"gdp"``).
    """
    amount = float(fields[key])
    if fields.get("unit", "pct_gdp") != "usd_bn":
        return np.full(len(base.years), amount)
    index = fields.get("indexation", "none")
    if index == "gdp":
        return np.full(len(base.years), amount / float(base.gdp[0]) * 100.0)
    prices = np.cumprod(1.0 + base.pi / 100.0) / (1.0 + base.pi[0] / 100.0)
    dollars = amount * (prices if index == "prices" else 1.0)
    out: np.ndarray = dollars / base.gdp * 100.0
    return out


def _tariff(spec: ScenarioSpec, f: dict[str, Any], base: Baseline,
            tariff: lv.TariffCalibration | None, mult: lv.Multiplier) -> lv.LeverEffect:
    rate = _observed(spec, f, tariff, "rate_pct")
    base_rate = _observed(spec, f, tariff, "base_rate_pct")
    elasticity, pass_through = f.get("import_elasticity", -1.0), f.get("pass_through", 1.0)
    share: float | np.ndarray = _observed(spec, f, tariff, "import_share_gdp")
    if (f.get("import_share_gdp", "observed") == "observed" and tariff is not None
            and tariff.imports_gdp is not None):
        after = tariff.imports_gdp.reindex(range(int(base.years[0]), int(base.years[-1]) + 1))
        # projected imports are after the tariff in force: back out the pre-tariff level
        response = lv.import_response(tariff.rate_pct, base_rate, import_elasticity=elasticity,
                                      pass_through=pass_through)
        share = after.ffill().bfill().to_numpy() / max(response, 1e-9)
    return lv.tariff(len(base.years), rate_pct=rate, base_rate_pct=base_rate,
                     import_share_gdp=share, import_elasticity=elasticity,
                     pass_through=pass_through, multiplier=mult)


def _tax(spec: ScenarioSpec, f: dict[str, Any], base: Baseline,
         legislative: pd.Series | None, mult: lv.Multiplier) -> lv.LeverEffect:
    covers = ""
    if f.get("cost") == "cbo_legislative":
        if legislative is None:
            raise BadInputError(f"{spec.source}: [levers.tax_change] cost = 'cbo_legislative' "
                                "needs CBO's baseline changes (US only); give a number")
        dollars = legislative.reindex(range(int(base.years[0]), int(base.years[-1]) + 1))
        cost: float | np.ndarray = -dollars.ffill().to_numpy() / base.gdp * 100.0
        covers = ("CBO's legislative change in revenues, January 2025 to February 2026 "
                  "baselines: P.L. 119-21 and the other 2025 acts (revenue side only)")
    else:
        cost = _amount_path(spec, "tax_change", f, "cost", base)
    return lv.tax_change(len(base.years), cost_gdp=cost, start=_start_index(spec, f.get("start")),
                         persistence=f.get("persistence", 1.0), multiplier=mult, covers=covers)


def build_levers(spec: ScenarioSpec, base: Baseline, tariff: lv.TariffCalibration | None,
                 legislative: pd.Series | None = None) -> list[lv.LeverEffect]:
    """Turn the spec's levers into :class:`LeverEffect` objects over the scenario years."""
    n, mult, out = len(base.years), _multipliers(spec), []
    for name, f in spec.levers.items():
        if name == "tariff":
            out.append(_tariff(spec, f, base, tariff, mult["taxes"]))
        elif name in ("spending_cut", "spending_increase"):
            amount = _amount_path(spec, name, f, "amount", base)
            out.append(lv.spending_change(
                n, amount_gdp=amount if name == "spending_cut" else -amount,
                purchases_share=f.get("purchases_share", 0.7),
                persistence=f.get("persistence", 1.0), start=_start_index(spec, f.get("start")),
                purchases=mult["purchases"], transfers=mult["transfers"]))
            out[-1].detail["indexation"] = f.get("indexation", "none")
        elif name == "tax_change":
            out.append(_tax(spec, f, base, legislative, mult["taxes"]))
        else:
            out.append(lv.export_push(n, net_exports_gdp=f.get("net_exports_gdp", 0.0),
                                      pushback=f.get("pushback", 0.0),
                                      multiplier=mult["net_exports"]))
    return out


def counterfactual(base: Baseline, spec: ScenarioSpec, effects: list[lv.LeverEffect]
                   ) -> Baseline:
    """Remove the budget effect of levers marked ``in_baseline`` from the baseline.

    CBO's February 2026 baseline already holds the 2025 tariffs and P.L. 119-21;
    a scenario measuring them starts from the baseline without them (their
    ex-ante primary-balance effect taken out), so they are not counted twice.
    """
    marked = [e for e, f in zip(effects, spec.levers.values(), strict=True)
              if f.get("in_baseline")]
    if not marked:
        return base
    pb = base.pb - sum(e.impulse for e in marked)
    names = ", ".join(e.name for e in marked)
    return replace(base, pb=pb, source=f"{base.source}, without {names}")


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
                        thresholds=tuple(unc.get("thresholds", ())), years=base.years)


def _recession_path(model: RecessionModel | None, base: pd.DataFrame, scen: pd.DataFrame
                    ) -> pd.DataFrame | None:
    if model is None:
        return None

    def prob(table: pd.DataFrame) -> np.ndarray:
        spread = table["yield_10y"].to_numpy() - table["policy_rate"].to_numpy()
        return model.probability("within_4q", spread=spread)

    return pd.DataFrame({"baseline": prob(base), "scenario": prob(scen)}, index=base.index)


@dataclass(frozen=True)
class Deterministic:
    """The scenario without uncertainty: official and counterfactual baselines, levers, paths."""

    official: Baseline
    base: Baseline
    effects: list[lv.LeverEffect]
    scen: pd.DataFrame
    path: DebtPath
    rules: RateRules
    semi: float


def deterministic(spec: ScenarioSpec, inputs: ScenarioInputs) -> Deterministic:
    """Apply the spec's levers to its baseline (no Monte Carlo)."""
    official = inputs.baseline.window(spec.start, spec.years)
    rates = dict(spec.rates)
    semi = float(rates.pop("semi_elasticity", SEMI_ELASTICITY))
    rules = RateRules(**rates)
    effects = build_levers(spec, official, inputs.tariff, inputs.legislative_revenue)
    base = counterfactual(official, spec, effects)
    scen, path = apply_levers(base, effects, rules, semi)
    return Deterministic(official, base, effects, scen, path, rules, semi)


def baseline_table(base: Baseline) -> pd.DataFrame:
    """Return the baseline's paths in the scenario table's columns."""
    return _baseline_table(base)


def recession_path(model: RecessionModel | None, base: pd.DataFrame, scen: pd.DataFrame
                   ) -> pd.DataFrame | None:
    """Probability of a recession within four quarters by year, from each path's term spread."""
    return _recession_path(model, base, scen)


def run(path_or_spec: ScenarioSpec | dict[str, Any], inputs: ScenarioInputs) -> ScenarioResult:
    """Run a scenario on the given inputs.

    Parameters
    ----------
    path_or_spec : ScenarioSpec or dict
        A validated spec, or the dict a TOML file would give (files are read by
        :func:`debtcycle.scenario` / :func:`debtcycle.facade._fiscal_load.load_spec`).
    inputs : ScenarioInputs
        Baseline, history, recession model and tariff calibration (see
        :func:`debtcycle.facade.fiscal.load_inputs` to fetch them from the store).

    Returns
    -------
    ScenarioResult
    """
    from debtcycle.analytics.scenarios.sensitivity import answer

    spec = path_or_spec if isinstance(path_or_spec, ScenarioSpec) else parse_spec(path_or_spec)
    det = deterministic(spec, inputs)
    official, base, effects, scen, path = det.official, det.base, det.effects, det.scen, det.path
    rules, semi = det.rules, det.semi
    basetab = _baseline_table(base)
    fan = _fan(base, scen, scen["effective_rate"].to_numpy(), inputs, spec)
    fan_base = _fan(base, basetab, base.i, inputs, spec)
    rec_path = _recession_path(inputs.recession, basetab, scen)
    window = int(spec.uncertainty.get("recession_window", 2))
    rec = ({} if rec_path is None else
           {k: float(rec_path[k].iloc[:window].mean()) for k in ("baseline", "scenario")})
    return ScenarioResult(
        country=spec.country, baseline=basetab, scenario=scen,
        contributions=_contributions(base, effects), fan=fan, fan_baseline=fan_base,
        recession_probability=rec, decomposition=path, recession_path=rec_path,
        params={"name": spec.name, "start": spec.start, "years": spec.years,
                "levers": {e.name: jsonable(e.detail) for e in effects},
                "rates": jsonable(rules.__dict__), "semi_elasticity": semi,
                "uncertainty": spec.uncertainty,
                "recession_base_rate": (None if inputs.recession is None else
                                        inputs.recession.forecasts["within_4q"].base_rate),
                "official_debt_gdp": official.path().frame["debt_gdp"].round(3).tolist(),
                "in_baseline": [n for n, f in spec.levers.items() if f.get("in_baseline")],
                "answer": answer(spec, inputs, det)},
        provenance={"baseline": base.source, "spec": spec.source, **base.provenance},
    )

