"""Fiscal analyses by country code: baseline, CBO's baseline changes, scenarios, recession.

Public calls (re-exported lazily from :mod:`debtcycle`):

* :func:`fiscal_baseline` -- the engine's US debt path against CBO's, by vintage;
* :func:`fiscal_changes` -- CBO's change from one baseline to the next by component;
* :func:`scenario` -- a scenario file (or spec) against its baseline;
* :func:`recession` -- the term-spread recession model and its real-time record;
* :func:`fiscal_decompose`, :func:`fiscal_fan`, :func:`fiscal_stress` -- debt
  decomposition, fan chart and stress tests for any country with fiscal history.

Each returns a typed result whose ``to_dict()`` is the ``--json`` output.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from debtcycle.analytics.scenarios import (
    DebtPath,
    FanChart,
    ScenarioInputs,
    ScenarioResult,
    ScenarioSpec,
    StressTests,
    decompose_history,
    parse_spec,
    shock_model,
    simulate_fan,
    stress_tests,
)
from debtcycle.analytics.scenarios import run as run_spec
from debtcycle.analytics.scenarios.cbo_vintage import VINTAGES, FiscalBaseline
from debtcycle.analytics.scenarios.changes import COMPONENTS, BaselineChanges, baseline_changes
from debtcycle.analytics.scenarios.recession import RecessionModel
from debtcycle.catalog import series
from debtcycle.errors import BadInputError
from debtcycle.facade import _fiscal_load as load
from debtcycle.facade._common import check_choice, check_int, check_number, country_code

__all__ = [
    "fiscal_baseline",
    "fiscal_changes",
    "fiscal_decompose",
    "fiscal_fan",
    "fiscal_stress",
    "recent_paths",
    "recession",
    "scenario",
]

#: Baseline changes in the store: (from, to) baseline months.
CHANGE_PAIRS = {("2025-01", "2026-02"): "2026-02"}
#: Largest paths x years a fan may simulate (the kept float32 paths: 4 bytes each).
MAX_CELLS = 200_000_000


def _us_only(country: object, what: str) -> str:
    code = country_code(country)
    if code != "US":
        raise BadInputError(f"{code}: {what} exists only for the US (CBO); 'fiscal fan' and "
                            "'fiscal stress' use a history baseline for other countries")
    return code


def fiscal_baseline(country: str = "US", vintage: str = "2026-02") -> FiscalBaseline:
    """Reproduce CBO's debt path with the engine for one CBO vintage (zero stock-flow adjustment).

    Parameters
    ----------
    country : str
        ``"US"`` (the only official baseline loaded).
    vintage : {"2026-02", "2024-03"}
        February 2026: LTBO 2026 + the February 2026 projections, net interest
        projected by the engine; March 2024: LTBO 2024 fed CBO's own net interest.

    Examples
    --------
    >>> debtcycle.fiscal_baseline("US").max_abs_diff < 1.5  # doctest: +SKIP
    True
    """
    _us_only(country, "an official baseline")
    check_choice(vintage, VINTAGES, "vintage")
    return load.load_fiscal_baseline(vintage)


def fiscal_changes(country: str = "US", start: str = "2025-01", end: str = "2026-02"
                   ) -> BaselineChanges:
    """CBO's changes from the baseline of ``start`` to that of ``end``, by component.

    Per fiscal year and category (legislative, economic, technical), the change
    in revenues, customs duties, outlays, net interest and the deficit ($ bn).
    """
    _us_only(country, "CBO's baseline changes")
    pair = (str(start), str(end))
    if pair not in CHANGE_PAIRS:
        known = ", ".join(f"--from {a} --to {b}" for a, b in CHANGE_PAIRS)
        raise BadInputError(f"baseline change {start} -> {end} is not in the store; "
                            f"available: {known}")
    tag = CHANGE_PAIRS[pair]
    parts = {}
    for code, name in (("LEG", "legislative"), ("ECO", "economic"), ("TEC", "technical")):
        parts[name] = pd.DataFrame({key: load._annual(series(
            "US", "central_gov", measure, dataset=f"CBO:EVAL-CHG-{tag}-{code}"))
            for key, measure in COMPONENTS.items()})
    levels = {}
    for label in pair:
        levels[label] = pd.DataFrame({key: load._annual(series(
            "US", "central_gov", measure, dataset=f"CBO:EVAL-{label}"))
            for key, measure in COMPONENTS.items()})
    return baseline_changes(parts, levels[pair[0]], levels[pair[1]], start=pair[0],
                            end=pair[1])


def recession(country: str = "US", oos_start: str = "1985Q1") -> RecessionModel:
    """Probability of a US recession 4 quarters ahead and within 4 quarters, from the term spread.

    Tested out of sample with an expanding window from ``oos_start``.
    """
    _us_only(country, "the recession model (NBER dates)")
    try:
        first = pd.Period(oos_start, freq="Q")
    except (ValueError, TypeError) as exc:
        raise BadInputError(f"oos_start {oos_start!r}: give a quarter like 1985Q1") from exc
    if not pd.Period("1970Q1", freq="Q") <= first <= pd.Period("2015Q4", freq="Q"):
        raise BadInputError(f"oos_start {oos_start}: give a quarter between 1970Q1 and 2015Q4")
    return load.load_recession_model(str(first))


def _spec(path_or_spec: str | Path | ScenarioSpec | dict[str, Any]) -> ScenarioSpec:
    if isinstance(path_or_spec, ScenarioSpec):
        return path_or_spec
    if isinstance(path_or_spec, dict):
        return parse_spec(path_or_spec)
    if isinstance(path_or_spec, str | Path):
        return load.load_spec(path_or_spec)
    raise BadInputError(f"scenario: give a file path, a dict or a ScenarioSpec; got "
                        f"{type(path_or_spec).__name__}")


def load_inputs(country: str, start: int, years: int, baseline: str = "cbo-2026-02"
                ) -> ScenarioInputs:
    """Fetch everything :func:`debtcycle.analytics.scenarios.run` needs for ``country``.

    ``baseline`` is the spec's (``cbo-2026-02``, ``cbo-2024-03`` or ``history``); for the
    US it picks the CBO vintage.
    """
    code = country_code(country)
    us = code == "US"
    vintage = baseline.removeprefix("cbo-") if baseline.startswith("cbo-") else "2026-02"
    return ScenarioInputs(baseline=load.load_baseline(code, start, years, vintage),
                          history=load.load_history(code),
                          recession=load.load_recession_model() if us else None,
                          tariff=load.load_tariff() if us else None,
                          legislative_revenue=load.load_legislative_revenue() if us else None)


def scenario(path_or_spec: str | Path | ScenarioSpec | dict[str, Any],
             inputs: ScenarioInputs | None = None) -> ScenarioResult:
    """Run a scenario file (or spec) against its baseline.

    Parameters
    ----------
    path_or_spec : str, Path, ScenarioSpec or dict
        E.g. ``"scenarios/us-debt-conversion.toml"``.
    inputs : ScenarioInputs, optional
        Pre-fetched inputs (default: fetched from the store).
    """
    spec = _spec(path_or_spec)
    return run_spec(spec, inputs or load_inputs(spec.country, spec.start, spec.years,
                                                 spec.baseline))


def fiscal_decompose(country: str, start: int | None = None, end: int | None = None
                     ) -> DebtPath:
    """Decompose the historical change of government debt for ``country``, year by year."""
    code = country_code(country)
    hist = load.load_history(code)
    path = decompose_history(hist["debt_gdp"], hist["g"], hist["pb"],
                             interest_gdp=hist["interest_gdp"], pi=hist["pi"])
    frame = path.frame.loc[(start or -9999):(end or 9999)]
    if frame.empty:
        raise BadInputError(f"{code}: no decomposed years between {start} and {end}; history "
                            f"covers {path.frame.index[0]}-{path.frame.index[-1]}")
    return DebtPath(frame=frame, params={"country": code, "from": start, "to": end,
                                         "mode": "history"})


def fiscal_fan(country: str, *, paths: int = 100_000, years: int = 10, seed: int = 0,
               method: str = "normal", shock_start: int = 1990,
               thresholds: tuple[float, ...] | None = None) -> FanChart:
    """Simulate the fan chart of the baseline debt path for ``country``.

    ``thresholds`` (% of GDP) default to the starting debt rounded to 10, plus 10, 20 and 30.
    """
    code = country_code(country)
    check_int(paths, "paths", low=1, high=10_000_000)
    check_int(years, "years", low=1, high=30)
    check_int(seed, "seed", low=0, high=2**63 - 1)
    check_choice(method, ("normal", "bootstrap"), "method")
    if paths * years > MAX_CELLS:
        raise BadInputError(f"paths x years = {paths * years:,} would need about "
                            f"{paths * years * 4 / 1e9:.1f} GB; keep it under {MAX_CELLS:,}")
    base = load.load_baseline(code, years=years)
    if thresholds is None:
        thresholds = tuple(round(base.d0, -1) + k for k in (10.0, 20.0, 30.0))
    if len(thresholds) > 1000:
        raise BadInputError(f"{len(thresholds):,} thresholds: give at most 1,000")
    thresholds = tuple(check_number(x, "threshold", low=-1000, high=1000) for x in thresholds)
    fan = simulate_fan(base.d0, base.i, base.g, base.pb, base.sfa,
                       shock_model(load.load_history(code), start=shock_start),
                       n_paths=paths, seed=seed, method=method, years=base.years,
                       thresholds=thresholds)
    return replace(fan, params={**fan.params, "country": code},
                   provenance={**fan.provenance, "baseline": base.source})


def fiscal_stress(country: str, *, years: int = 10, shock_start: int = 1990) -> StressTests:
    """Run the IMF-standard stress tests on the baseline of ``country``."""
    code = country_code(country)
    check_int(years, "years", low=1, high=30)
    base = load.load_baseline(code, years=years)
    model = shock_model(load.load_history(code), start=shock_start)
    result = stress_tests(base, growth_sd=model.sd["real_growth"],
                          pb_sd=model.sd["primary_balance"])
    return replace(result, params={**result.params, "country": code},
                   provenance={**result.provenance, "baseline": base.source})


def recent_paths(country: str, first: int, last: int) -> pd.DataFrame:
    """Observed real GDP growth and 10-year yield by year (for the history before a fan)."""
    return load.recent_paths(country_code(country), first, last)
