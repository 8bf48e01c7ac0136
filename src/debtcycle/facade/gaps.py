"""Credit gaps, crisis early warning and current crisis probabilities, by country code.

* :func:`gap` -- BIS-method credit-to-GDP gap of one country and sector;
* :func:`ewm_evaluate` -- in-sample, leave-one-country-out and real-time AUROC of
  Schularick-Taylor on JST and of the BIS-panel logits, beside the raw credit gap;
* :func:`ewm_current` -- every BIS economy's crisis probability by horizon from the
  specification with the best real-time record (the raw gap if no model beats it);
* :func:`risk` -- one country's gap, DSR deviation, house prices and those
  probabilities, each printed with its real-time AUROC and calibration.

The loaders here are the only place these analyses read the catalog.  The
evaluation and the current probabilities take tens of seconds; they are kept in
memory per store state (path, size and modification time of the store file), so
a web server or notebook asking again gets the same objects back at once.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, cast

import numpy as np
import pandas as pd

from debtcycle.analytics.gaps.credit_gap import BIS_MIN_HISTORY, CreditGap, credit_gap
from debtcycle.analytics.gaps.dsr import dsr_deviation, splice_dsr
from debtcycle.analytics.gaps.ewm.bis_panel import (
    HORIZONS,
    annual_indicators,
    horizon_sample,
    latest_indicators,
)
from debtcycle.analytics.gaps.ewm.current import CurrentRisk, RiskProfile, current_risk
from debtcycle.analytics.gaps.ewm.evaluate import (
    EwmEvaluations,
    ModelEvaluation,
    ModelSpec,
    choose_specification,
    evaluate_model,
    horizon_quarters,
)
from debtcycle.analytics.gaps.ewm.roc import auroc
from debtcycle.analytics.gaps.ewm.schularick_taylor import (
    ST2012_COUNTRIES,
    WAR_YEARS,
    annual_credit_gaps,
    credit_growth_panel,
)
from debtcycle.analytics.gaps.hp_filter import BIS_LAMBDA
from debtcycle.catalog import available, panel, series
from debtcycle.config import store_path
from debtcycle.errors import NotFoundError
from debtcycle.facade._common import (
    check_choice,
    check_int,
    check_number,
    country_code,
    sector_code,
)

__all__ = [
    "BIS_REAL_TIME_START",
    "JST_REAL_TIME_START",
    "BisData",
    "ewm_current",
    "ewm_evaluate",
    "gap",
    "load_bis_data",
    "load_jst_panel",
    "risk",
]

LV_SOURCE, LV = "laeven_valencia", "LV2026"
#: First year predicted in real time on JST (Schularick-Taylor), as in the literature.
JST_REAL_TIME_START: Final = 1950
#: First year predicted in real time on the BIS panel.
BIS_REAL_TIME_START: Final = 2002
#: Countries whose DSR is extended with the BIS API extract (to 2025-Q2).
_API_DSR: Final = ("CN", "JP", "US")


def _store_state() -> tuple[str, int, int]:
    path = store_path()
    try:
        stat = path.stat()
    except OSError:
        return (str(path), 0, 0)
    return (str(path), stat.st_size, stat.st_mtime_ns)


def _columns(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.droplevel("sector", axis=1) if isinstance(frame.columns, pd.MultiIndex) else frame


def gap(
    country: str,
    sector: str = "private_nonfin",
    *,
    lamb: float = BIS_LAMBDA,
    min_history: int = BIS_MIN_HISTORY,
) -> CreditGap:
    """Credit-to-GDP gap (one-sided HP filter, BIS method) of one country and sector.

    For the private non-financial sector the ratio is the BIS credit-gap ratio
    (``credit_ratio``, the series the BIS filters); for other sectors and for
    economies without a BIS credit gap it is BIS total credit in % of GDP.

    Parameters
    ----------
    country : str
        Country code.
    sector : str
        Borrowing sector.
    lamb : float
        HP smoothing parameter (BIS: 400,000 on quarterly data).
    min_history : int
        Burn-in observations before a gap is reported (BIS: 40).

    Returns
    -------
    CreditGap

    Raises
    ------
    BadInputError
        Bad code or parameter.
    NotFoundError
        If no ratio exists for the country and sector.
    """
    code, sec = country_code(country), sector_code(sector)
    lam = check_number(lamb, "lambda", low=1e-6)
    hist = check_int(min_history, "min_history", low=0, high=400)
    ratio = None
    if sec == "private_nonfin":
        try:
            ratio = series(code, "private_nonfin", "credit_ratio").dropna()
        except NotFoundError:
            ratio = None
    if ratio is None:
        ratio = series(code, sec, "debt_gdp").dropna()
    return credit_gap(ratio, lamb=lam, min_history=hist, country=code, sector=sec)


def load_jst_panel(countries: Sequence[str] = ST2012_COUNTRIES) -> pd.DataFrame:
    """JST loans, CPI, GDP and crisis dates -> Schularick-Taylor rows with the lagged JST gap.

    ``credit_gap`` of the row for year t is the JST credit-to-GDP gap at the end of
    year t-1 (annual one-sided HP, lambda 1,562.5), the raw benchmark.
    """
    cs = list(countries)
    loans = _columns(panel(cs, "private_nonfin", "loans_lcu", source="jst"))
    cpi = _columns(panel(cs, None, "cpi", source="jst"))
    gdp = _columns(panel(cs, None, "gdp_nominal", source="jst"))
    crisis = _columns(panel(cs, None, "crisis_banking", source="jst"))
    rows = credit_growth_panel(loans, cpi, crisis)
    gaps = annual_credit_gaps(100.0 * loans / gdp.reindex_like(loans)).shift(1)
    gaps.index = [int(getattr(p, "year", p)) for p in gaps.index]
    stacked = cast(pd.Series, gaps.stack())
    long = stacked.rename("credit_gap").rename_axis(["year", "country"]).reset_index()
    return rows.merge(long, on=["year", "country"], how="left")


@dataclass(frozen=True)
class BisData:
    """Inputs of the BIS panel model: quarterly indicators and annual crisis flags."""

    quarterly: dict[str, pd.DataFrame]
    crisis_start: pd.DataFrame
    crisis_ongoing: pd.DataFrame

    def indicators(self) -> pd.DataFrame:
        """End-of-year indicators, long country-year frame."""
        return annual_indicators(self.quarterly)


def _bulk(measure: str, sector: str, countries: Sequence[str], *, source: str | None = None,
          dataset: str | None = None, unit: str | None = None) -> pd.DataFrame:
    return _columns(panel(countries, sector, measure, skip_missing=True, source=source,
                          dataset=dataset, unit=unit))


def load_bis_data(countries: Sequence[str] | None = None) -> BisData:
    """Credit gaps (BIS method), DSR deviations, real house-price growth, LV crisis flags.

    DSR deviations are from each country's expanding mean (``dsr_dev``, no
    look-ahead) and, for comparison only, from the full-sample mean
    (``dsr_dev_full``).  Default countries: every economy with a BIS credit gap
    except the euro-area aggregate; a country absent from the Laeven-Valencia
    2026 file had no systemic banking crisis.
    """
    cs = [country_code(c) for c in countries] if countries else sorted(
        set(available(measure="credit_ratio")["country"]) - {"XM"})
    ratios = _bulk("credit_ratio", "private_nonfin", cs, dataset="WS_CREDIT_GAP")
    gaps = {c: credit_gap(ratios[c].dropna(), country=c).table["gap"] for c in ratios.columns}
    dsr = _bulk("dsr", "private_nonfin", cs, source="bis", dataset="WS_DSR")
    house = _bulk("house_price_real", "households", cs, source="bis", unit="index_2010")
    empty = pd.DataFrame()
    quarterly = {
        "credit_gap": pd.DataFrame(gaps),
        "dsr_dev": dsr_deviation(dsr).deviations() if not dsr.empty else empty,
        "dsr_dev_full": dsr_deviation(dsr, expanding=False).deviations() if not dsr.empty
        else empty,
        "house_growth": 100.0 * house.apply(np.log).diff(4),
    }
    return BisData(quarterly=quarterly,
                   crisis_start=_bulk("crisis_banking", "economy", cs, source=LV_SOURCE,
                                      dataset=LV),
                   crisis_ongoing=_bulk("crisis_banking_ongoing", "economy", cs,
                                        source=LV_SOURCE, dataset=LV))


def _key(window: tuple[int, int]) -> str:
    a, b = horizon_quarters(window)
    return f"{a}-{b}"


def _bis_specs(start: int) -> list[tuple[ModelSpec, tuple[int, int]]]:
    out = []
    for window in HORIZONS.values():
        for name, feats, label in (
            ("bis_gap", ("credit_gap",), "Logit: credit gap alone"),
            ("bis_gap_house", ("credit_gap", "house_growth"), "Logit: credit gap + house prices"),
            ("bis_gap_dsr_house", ("credit_gap", "dsr_dev", "house_growth"),
             "Logit: credit gap + DSR (expanding mean) + house prices"),
        ):
            out.append((ModelSpec(name=name, dataset="BIS panel", features=feats, window=window,
                                  horizon=horizon_quarters(window), real_time_start=start,
                                  label=label), window))
    return out


def _jst_specs(start: int) -> list[ModelSpec]:
    lags = tuple(f"L{k}" for k in range(1, 6))
    return [ModelSpec(name=name, dataset="JST R6", features=lags, window=(0, 0),
                      horizon=[1, 4], real_time_start=start, fixed_effects=fe, label=label)
            for name, fe, label in (
                ("schularick_taylor", True,
                 "Schularick-Taylor: 5 lags of real credit growth, country effects"),
                ("schularick_taylor_pooled", False,
                 "Schularick-Taylor: 5 lags of real credit growth, pooled"))]


def _jst_sample(rows: pd.DataFrame) -> pd.DataFrame:
    war = np.zeros(len(rows), dtype=bool)
    for window in WAR_YEARS:
        war |= rows["year"].between(window.start, window.stop - 1).to_numpy()
    s = rows[rows["year"].between(1870, 2008) & ~war].rename(columns={"crisis": "y"})
    return s.dropna(subset=["y"]).reset_index(drop=True)


def _indicator_table(data: BisData, indicators: pd.DataFrame) -> pd.DataFrame:
    cols = ["credit_gap", "dsr_dev", "dsr_dev_full", "house_growth"]
    rows = []
    for window in HORIZONS.values():
        sample = horizon_sample(indicators, data.crisis_start, data.crisis_ongoing, window)
        common = sample.dropna(subset=cols)
        for col in cols:
            own = sample.dropna(subset=[col])
            rows.append({"horizon_quarters": _key(window), "indicator": col,
                         "auroc_common_rows": auroc(common["y"], common[col]).auc,
                         "n_common": len(common), "events_common": int(common["y"].sum()),
                         "auroc_all_rows": auroc(own["y"], own[col]).auc, "n_all": len(own)})
    return pd.DataFrame(rows)


def _bis_evaluations(data: BisData, start: int, level: float
                     ) -> tuple[list[ModelEvaluation], dict[str, pd.DataFrame],
                                dict[str, tuple[int, int]]]:
    indicators = data.indicators()
    evaluations, samples, windows = [], {}, {}
    for spec, window in _bis_specs(start):
        sample = horizon_sample(indicators, data.crisis_start, data.crisis_ongoing, window)
        samples[_key(window)], windows[_key(window)] = sample, window
        evaluations.append(evaluate_model(sample, spec, level=level))
    return evaluations, samples, windows


def ewm_evaluate(
    *, level: float = 0.95, jst_start: int = JST_REAL_TIME_START,
    bis_start: int = BIS_REAL_TIME_START, target: float = 0.75,
) -> EwmEvaluations:
    """In-sample, leave-one-country-out and real-time AUROC for every model and horizon.

    Parameters
    ----------
    level : float
        Confidence level of the real-time AUROC intervals.
    jst_start : int
        First year predicted in real time on JST (default 1950, to 2008).
    bis_start : int
        First year predicted in real time on the BIS panel (default 2002).
    target : float
        Real-time AUROC a model must reach, beyond beating the raw gap, at the
        longest horizon for the verdict to call it a success.

    Returns
    -------
    EwmEvaluations
        ``to_dict()["evaluations"]``: one object per model and horizon.
    """
    lvl = check_number(level, "level", low=0.5, high=0.999)
    js = check_int(jst_start, "jst_start", low=1880, high=2008)
    bs = check_int(bis_start, "bis_start", low=1980, high=2020)
    tgt = check_number(target, "target", low=0.5, high=1.0)
    return _evaluate_cached(_store_state(), lvl, js, bs, tgt)


@functools.lru_cache(maxsize=4)
def _evaluate_cached(state: tuple[str, int, int], lvl: float, js: int, bs: int,
                     tgt: float) -> EwmEvaluations:
    jst = _jst_sample(load_jst_panel())
    evaluations = [evaluate_model(jst, spec, level=lvl, end=2008) for spec in _jst_specs(js)]
    data = load_bis_data()
    bis, _, _ = _bis_evaluations(data, bs, lvl)
    evaluations += bis
    verdict = choose_specification(bis, target=tgt)
    return EwmEvaluations(
        evaluations=evaluations, indicators=_indicator_table(data, data.indicators()),
        verdict=verdict,
        params={"level": lvl, "jst_real_time": [js, 2008], "bis_real_time_start": bs,
                "target": tgt, "published_in_sample_schularick_taylor": 0.717,
                "crisis_dates": {"JST R6": "JST crisisJST", "BIS panel": "Laeven-Valencia 2026"}},
    )


@functools.lru_cache(maxsize=2)
def _bis_data_cached(state: tuple[str, int, int]) -> BisData:
    return load_bis_data()


@functools.lru_cache(maxsize=4)
def _current_cached(state: tuple[str, int, int], start: int) -> CurrentRisk:
    return _current(_bis_data_cached(state), start)


def _current(data: BisData, start: int) -> CurrentRisk:
    evaluations, samples, windows = _bis_evaluations(data, start, 0.95)
    verdict = choose_specification(evaluations)
    features = ["credit_gap", "dsr_dev", "house_growth"]
    latest = latest_indicators(data.quarterly, ["credit_gap"])
    for extra in features[1:]:
        more = latest_indicators(data.quarterly, ["credit_gap", extra])
        latest = latest.merge(more[["country", extra]], on="country", how="left")
    return current_risk(samples, windows, latest, evaluations, verdict, start=start)


def ewm_current(*, bis_start: int = BIS_REAL_TIME_START) -> CurrentRisk:
    """Every BIS economy's crisis probability by horizon, from the best real-time rule.

    Parameters
    ----------
    bis_start : int
        First year of the real-time record.

    Returns
    -------
    CurrentRisk
    """
    start = check_int(bis_start, "bis_start", low=1980, high=2020)
    return _current_cached(_store_state(), start)


def _last(frame: pd.Series | None) -> dict[str, object]:
    if frame is None or frame.dropna().empty:
        return {"period": None, "value": None}
    s = frame.dropna()
    return {"period": str(s.index[-1]), "value": float(s.iloc[-1])}


def _dsr_for(code: str, data: BisData, expanding: bool = True
             ) -> tuple[pd.Series | None, str | None]:
    """DSR deviation (expanding mean unless asked); CN, JP, US spliced with the API extract."""
    old = data.quarterly["dsr_dev" if expanding else "dsr_dev_full"].get(code)
    if code not in _API_DSR:
        return old, None
    try:
        bulk = series(code, "private_nonfin", "dsr", source="bis", dataset="WS_DSR")
        api = series(code, "private_nonfin", "dsr", source="bis_api")
    except NotFoundError:
        return old, None
    joined = splice_dsr(bulk, api)
    dev = dsr_deviation(joined.spliced, expanding=expanding).deviations().iloc[:, 0]
    return dev, (f"DSR: BIS 2019 file spliced with the BIS API extract to {api.index[-1]} "
                 f"(API vintage from 2007Q1; earlier quarters shifted by {joined.shift:+.2f} pp, "
                 f"the mean difference over {joined.overlap} overlapping quarters).")


def risk(country: str, *, bis_start: int = BIS_REAL_TIME_START,
         dsr_mean: str = "expanding") -> RiskProfile:
    """One country's credit gap, DSR deviation, house prices and crisis probabilities.

    The probability at each horizon comes from the rule with the best real-time
    record (the raw gap's band frequency unless a fitted model beat the gap) and
    is returned with that rule's real-time AUROC, Brier score and calibration.

    Parameters
    ----------
    country : str
        Country code.
    bis_start : int
        First year of the real-time record.
    dsr_mean : {"expanding", "full"}
        Reference of the DSR deviation shown: the mean up to each quarter
        (default, no look-ahead) or, explicitly, the full-sample mean.

    Raises
    ------
    BadInputError
        Bad code.
    NotFoundError
        If the country has no credit gap to score.
    """
    code = country_code(country)
    start = check_int(bis_start, "bis_start", low=1980, high=2020)
    mean = check_choice(dsr_mean, ("expanding", "full"), "dsr_mean")
    state = _store_state()
    data = _bis_data_cached(state)
    if code not in data.quarterly["credit_gap"].columns:
        raise NotFoundError(f"{code}: no BIS credit-to-GDP ratio to score; `debtcycle gap "
                            f"{code} --sector total_nonfin` still works.")
    current = _current_cached(state, start)
    dsr, note = _dsr_for(code, data, expanding=mean == "expanding")
    house = data.quarterly["house_growth"].get(code)
    crises = data.crisis_start.get(code, pd.Series(dtype=float))
    notes = [current.verdict["message"] + ".",
             "Probabilities are past crisis frequencies (or a logit) on Laeven-Valencia "
             "systemic banking crises; the real-time record scores the same rule applied "
             "year by year with the data known then."]
    if note:
        notes.append(note)
    return RiskProfile(
        country=code,
        indicators={"credit_gap": _last(data.quarterly["credit_gap"][code]),
                    "dsr_deviation": _last(dsr), "house_price_growth": _last(house)},
        probabilities=current.for_country(code), records=current.records,
        verdict=current.verdict, gap_history=data.quarterly["credit_gap"][code].dropna(),
        dsr_history=pd.Series(dtype=float) if dsr is None else dsr.dropna(),
        crises=[str(getattr(p, "year", p)) for p, v in crises.items() if v == 1],
        notes=notes, params={"real_time_start": start, "dsr_mean": mean},
    )
