"""Fiscal scenarios from the store: ``debtcycle.scenarios.run(path)`` and friends.

This thin layer fetches the series a scenario needs through the catalog and
hands them to the pure analytics in :mod:`debtcycle.analytics.scenarios`.

* US: CBO's extended baseline and economic projections, CBO's historical
  budget data (fiscal years), FRED real GDP and deflator, the Budget Lab's
  monthly customs duties and imports.
* Other countries: IMF *Public Finances in Modern History* (debt, interest,
  primary balance, general government) and the Global Macro Database (GDP,
  deflator, yields, policy rate); the baseline holds recent averages flat.

The recession model is estimated on US quarterly real GDP (FRED ``GDPC1``)
for every country, as the store has no quarterly real GDP elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from debtcycle.analytics.scenarios import (
    Baseline,
    CboReproduction,
    DebtPath,
    FanChart,
    ScenarioInputs,
    ScenarioResult,
    ScenarioSpec,
    StressTests,
    cbo_baseline,
    decompose_history,
    fit_recession_model,
    history_baseline,
    parse_spec,
    parse_spec_toml,
    reproduce_cbo,
    shock_model,
    simulate_fan,
    stress_tests,
)
from debtcycle.analytics.scenarios import run as run_spec
from debtcycle.analytics.scenarios.levers import TariffCalibration, calibrate_tariff
from debtcycle.analytics.scenarios.recession import RecessionModel
from debtcycle.catalog import series
from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.vocab import check_country

__all__ = [
    "cbo_reproduction",
    "decompose",
    "fan",
    "load_baseline",
    "load_cbo",
    "load_history",
    "load_inputs",
    "load_spec",
    "load_tariff",
    "recent_paths",
    "run",
    "stress",
]

LTBO = "CBO:LTBO-2024"
HIST = "CBO:HIST-2026"
ECON = "CBO:ECON-2026"
RECESSION_START = 1960


def _annual(s: pd.Series) -> pd.Series:
    out = s.copy()
    out.index = pd.Index(s.index.year, name="year")  # type: ignore[attr-defined]
    return out


def _cbo(sector: str, measure: str, dataset: str) -> pd.Series:
    return _annual(series("US", sector, measure, source="cbo", dataset=dataset))


def load_cbo() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return CBO's extended baseline (FY) and economic projections (CY) as frames."""
    ltbo = pd.DataFrame({m: _cbo("central_gov", m, LTBO) for m in
                         ("debt_public_gdp", "gov_interest_gdp", "gov_primary_balance_gdp")})
    ltbo["gdp_nominal"] = _cbo("economy", "gdp_nominal", LTBO)
    econ = pd.DataFrame({m: _cbo("economy", m, ECON) for m in
                         ("gdp_real", "deflator", "yield_10y", "policy_rate", "gdp_nominal")})
    return ltbo, econ


def _fiscal_year_growth(measure: str) -> pd.Series:
    q = series("US", None, measure, source="fred")
    shifted = q.copy()
    shifted.index = q.index + 1  # Q4 of year t-1 .. Q3 of year t -> fiscal year t
    years = shifted.index.year  # type: ignore[attr-defined]
    counts = shifted.groupby(years).size()
    annual = shifted.groupby(years).mean().loc[counts[counts == 4].index]
    return annual.pct_change() * 100.0


def _us_history() -> pd.DataFrame:
    debt = _cbo("central_gov", "debt_public_gdp", HIST)
    debt_lcu = _cbo("central_gov", "debt_public_lcu", HIST)
    interest = _cbo("central_gov", "gov_interest_gdp", HIST)
    balance = _cbo("central_gov", "gov_balance_gdp", HIST)
    gdp = debt_lcu / debt * 100.0
    frame = pd.DataFrame({"debt_gdp": debt, "interest_gdp": interest, "pb": balance + interest,
                          "g": gdp.pct_change() * 100.0, "gdp": gdp,
                          "real_growth": _fiscal_year_growth("gdp_real"),
                          "pi": _fiscal_year_growth("deflator")})
    frame["i"] = frame["interest_gdp"] * (1 + frame["g"] / 100) / frame["debt_gdp"].shift(1) * 100
    return frame.loc[frame["debt_gdp"].notna()]


def _other_history(code: str) -> pd.DataFrame:
    def get(sector: str | None, measure: str, source: str) -> pd.Series:
        return _annual(series(code, sector, measure, source=source, freq="A"))

    try:
        debt = get("general_gov", "debt_gdp", "imf")
        interest = get("general_gov", "gov_interest_gdp", "imf")
        pb = get("general_gov", "gov_primary_balance_gdp", "imf")
        gdp = get(None, "gdp_nominal", "gmd")
        real = get(None, "gdp_real", "gmd")
        defl = get(None, "deflator", "gmd")
    except NotFoundError as exc:
        raise NotFoundError(f"{code}: fiscal history incomplete ({exc}); debt dynamics need "
                            "IMF debt, interest and primary balance and GMD GDP") from exc
    frame = pd.DataFrame({"debt_gdp": debt, "interest_gdp": interest, "pb": pb, "gdp": gdp,
                          "g": gdp.pct_change() * 100.0, "real_growth": real.pct_change() * 100,
                          "pi": defl.pct_change() * 100.0})
    for measure in ("yield_10y", "policy_rate"):
        try:
            frame[measure] = get(None, measure, "gmd")
        except NotFoundError:
            frame[measure] = float("nan")
    frame["i"] = frame["interest_gdp"] * (1 + frame["g"] / 100) / frame["debt_gdp"].shift(1) * 100
    return frame.loc[frame["debt_gdp"].notna()].dropna(subset=["g", "pb", "interest_gdp"])


def load_history(country: str) -> pd.DataFrame:
    """Annual fiscal history: debt, interest, primary balance, growth, inflation, rates.

    US: CBO historical budget data (federal debt held by the public, fiscal
    years) with FRED real GDP and deflator averaged over fiscal years.  Other
    countries: IMF PFMH general government and GMD.
    """
    code = check_country(country)
    return _us_history() if code == "US" else _other_history(code)


def load_baseline(country: str, start: int | None = None, years: int = 10) -> Baseline:
    """Return the scenario baseline: CBO for the US, recent history held flat elsewhere."""
    code = check_country(country)
    if code == "US":
        base = cbo_baseline(*load_cbo())
        return base.window(start or int(base.years[0]) + 1, years)
    hist = load_history(code)
    first = start or int(hist.index[-1]) + 1
    return history_baseline(hist, country=code, start=first, years=years)


def load_tariff() -> TariffCalibration:
    """Calibrate the tariff lever on Budget Lab monthly customs duties and imports (US)."""
    def month(measure: str, sector: str | None) -> pd.Series:
        return series("US", sector, measure, source="budgetlab", freq="M")

    monthly = pd.DataFrame({"customs": month("gov_customs_lcu", "central_gov"),
                            "imports": month("imports_lcu", None)})
    gdp = _cbo("economy", "gdp_nominal", ECON)
    daily = series("US", None, "tariff_rate_effective", source="budgetlab", freq="D")
    return calibrate_tariff(monthly, float(gdp.loc[2024]), daily_statutory=daily)


def recent_paths(country: str, first: int, last: int) -> pd.DataFrame:
    """Observed real GDP growth and 10-year yield by year, for charts.

    US: FRED ``GDPC1`` (annual-average growth) and ``DGS10`` (annual mean of daily
    yields); elsewhere the GMD annual series.
    """
    code = check_country(country)
    if code == "US":
        gdp = series("US", None, "gdp_real", source="fred", freq="Q")
        growth = gdp.groupby(gdp.index.year).mean().pct_change() * 100  # type: ignore[attr-defined]
        y10 = series("US", None, "yield_10y", dataset="FRED:DGS10")
        yields = y10.groupby(y10.index.year).mean()  # type: ignore[attr-defined]
    else:
        growth = _annual(series(code, None, "gdp_real", source="gmd")).pct_change() * 100
        yields = _annual(series(code, None, "yield_10y", source="gmd"))
    frame = pd.DataFrame({"real_gdp_growth": growth, "yield_10y": yields})
    frame.index.name = "year"
    return frame.loc[first:last]


def load_recession_model() -> RecessionModel:
    """Fit the recession probit on FRED ``GDPC1`` from 1960."""
    return fit_recession_model(series("US", None, "gdp_real", source="fred", freq="Q"),
                               start=RECESSION_START)


def load_inputs(country: str, start: int, years: int) -> ScenarioInputs:
    """Fetch everything :func:`debtcycle.analytics.scenarios.run` needs for ``country``."""
    code = check_country(country)
    return ScenarioInputs(baseline=load_baseline(code, start, years),
                          history=load_history(code), recession=load_recession_model(),
                          tariff=load_tariff() if code == "US" else None)


def load_spec(path: str | Path) -> ScenarioSpec:
    """Read and validate a scenario TOML file (safe-loaded with :mod:`tomllib`).

    Raises
    ------
    NotFoundError
        If the file does not exist.
    BadInputError
        If it is not valid TOML or fails validation (the message names the field).
    """
    file = Path(path)
    if not file.is_file():
        raise NotFoundError(f"scenario file {file} not found; see scenarios/*.toml for examples")
    return parse_spec_toml(file.read_text(encoding="utf-8"), source=str(file))


def run(path_or_spec: str | Path | ScenarioSpec | dict[str, Any],
        inputs: ScenarioInputs | None = None) -> ScenarioResult:
    """Run a scenario file (or spec) against data from the store.

    Parameters
    ----------
    path_or_spec : str, Path, ScenarioSpec or dict
        E.g. ``"scenarios/us-debt-conversion.toml"``.
    inputs : ScenarioInputs, optional
        Pre-fetched inputs (default: fetched from the store).

    Returns
    -------
    ScenarioResult
        Baseline, scenario, differences, fan percentiles, recession probability.
    """
    spec = (path_or_spec if isinstance(path_or_spec, ScenarioSpec)
            else parse_spec(path_or_spec) if isinstance(path_or_spec, dict)
            else load_spec(path_or_spec))
    return run_spec(spec, inputs or load_inputs(spec.country, spec.start, spec.years))


def cbo_reproduction() -> CboReproduction:
    """Reproduce CBO's debt-held-by-the-public path with zero stock-flow adjustment."""
    return reproduce_cbo(load_cbo()[0])


def decompose(country: str, start: int | None = None, end: int | None = None) -> DebtPath:
    """Decompose the historical change of government debt for ``country``, year by year."""
    hist = load_history(country)
    path = decompose_history(hist["debt_gdp"], hist["g"], hist["pb"],
                             interest_gdp=hist["interest_gdp"], pi=hist["pi"])
    frame = path.frame.loc[(start or -9999):(end or 9999)]
    if frame.empty:
        raise BadInputError(f"{country}: no decomposed years between {start} and {end}; history "
                            f"covers {path.frame.index[0]}-{path.frame.index[-1]}")
    return DebtPath(frame=frame, params={"country": check_country(country), "from": start,
                                         "to": end, "mode": "history"})


def fan(country: str, *, paths: int = 100_000, years: int = 10, seed: int = 0,
        method: str = "normal", shock_start: int = 1990,
        thresholds: tuple[float, ...] | None = None) -> FanChart:
    """Simulate the fan chart of the baseline debt path for ``country``.

    ``thresholds`` (% of GDP) default to the starting debt rounded to 10, plus 10, 20 and 30.
    """
    base = load_baseline(country, years=years)
    if thresholds is None:
        thresholds = tuple(round(base.d0, -1) + k for k in (10.0, 20.0, 30.0))
    hist = load_history(country)
    return simulate_fan(base.d0, base.i, base.g, base.pb, base.sfa,
                        shock_model(hist, start=shock_start), n_paths=paths, seed=seed,
                        method=method, real_growth=base.real_growth,
                        recession=load_recession_model(), years=base.years,
                        thresholds=thresholds)


def stress(country: str, *, years: int = 10, shock_start: int = 1990) -> StressTests:
    """Run the IMF-standard stress tests on the baseline of ``country``."""
    base = load_baseline(country, years=years)
    model = shock_model(load_history(country), start=shock_start)
    return stress_tests(base, growth_sd=model.sd["real_growth"],
                        pb_sd=model.sd["primary_balance"])
