"""Loaders of the fiscal facade: the series scenarios need, fetched through the catalog.

Used by :mod:`debtcycle.facade.fiscal` (the public calls); they hand the data
to the pure analytics in :mod:`debtcycle.analytics.scenarios`.

* US: CBO's long-term outlooks (2026 and 2024) and February 2026 economic
  projections, CBO's eval-projections actuals and baselines, CBO's historical
  budget data (fiscal years), FRED real GDP and deflator, the Budget Lab's
  monthly customs duties and imports.
* Other countries: IMF *Public Finances in Modern History* (debt, interest,
  primary balance, general government) and the Global Macro Database (GDP,
  deflator, yields, policy rate); the baseline holds recent averages flat.

"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from debtcycle.analytics.scenarios import ScenarioSpec, history_baseline, parse_spec_toml
from debtcycle.analytics.scenarios.baseline import Baseline
from debtcycle.analytics.scenarios.cbo_vintage import (
    VINTAGES,
    FiscalBaseline,
    baseline_2024,
    baseline_2026,
)
from debtcycle.analytics.scenarios.interest import (
    MaturityStructure,
    calibrate_maturity,
    fiscal_year_rate,
)
from debtcycle.analytics.scenarios.levers import TariffCalibration, calibrate_tariff
from debtcycle.analytics.scenarios.recession import (
    RecessionModel,
    fit_recession_model,
    quarterly_sample,
)
from debtcycle.catalog import series
from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.vocab import check_country

__all__ = ["load_baseline", "load_cbo", "load_fiscal_baseline", "load_history",
           "load_legislative_revenue", "load_maturity", "load_recession_model", "load_spec",
           "load_tariff", "recent_paths"]

LTBO = "CBO:LTBO-2024"
LTBO26 = "CBO:LTBO-2026"
HIST = "CBO:HIST-2026"
ECON = "CBO:ECON-2026"
ACTUALS = "CBO:EVAL-ACTUALS"
#: First fiscal year of the maturity calibration: the post-2009 debt-management
#: regime.  Chosen with the CBO reproduction in view; a pseudo out-of-sample check on
#: history prefers longer windows (docs/fiscal_scenarios.md, section 2.2).
MATURITY_START = 2010
#: Largest scenario file read (bytes) and deepest nesting accepted.
MAX_SPEC_BYTES = 1_000_000


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


def load_tariff() -> TariffCalibration:
    """Calibrate the tariff lever on Budget Lab monthly customs duties and imports (US).

    The goods-import path along the baseline is the goods share of 2024 imports
    (Budget Lab goods imports / CBO imports of goods and services) applied to
    CBO's February 2026 import projection, in % of CBO's fiscal-year GDP.
    """
    def month(measure: str, sector: str | None) -> pd.Series:
        return series("US", sector, measure, source="budgetlab", freq="M")

    monthly = pd.DataFrame({"customs": month("gov_customs_lcu", "central_gov"),
                            "imports": month("imports_lcu", None)})
    econ = load_econ()
    daily = series("US", None, "tariff_rate_effective", source="budgetlab", freq="D")
    cal = calibrate_tariff(monthly, float(econ["gdp_nominal"].loc[2024]), daily_statutory=daily)
    goods_2024 = monthly["imports"][monthly.index.year == 2024].sum() / 1000.0  # type: ignore[attr-defined]
    share = float(goods_2024 / econ["imports_lcu"].loc[2024])
    gdp = load_ltbo_2026()["gdp_nominal"]
    path = share * fiscal_year_rate(econ["imports_lcu"]).reindex(gdp.index) / gdp * 100.0
    return replace(cal, imports_gdp=path.dropna())


def load_legislative_revenue(tag: str = "2026-02") -> pd.Series:
    """CBO's legislative change in revenues by fiscal year ($ bn), baseline ``tag``."""
    return _annual(series("US", "central_gov", "gov_revenue_lcu",
                          dataset=f"CBO:EVAL-CHG-{tag}-LEG"))


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


def load_ltbo_2026() -> pd.DataFrame:
    """CBO's long-term outlook 2026 (FY 2026-2056, % of GDP; GDP in billions)."""
    frame = pd.DataFrame({m: _cbo("central_gov", m, LTBO26) for m in
                          ("debt_public_gdp", "gov_interest_gdp", "gov_primary_balance_gdp",
                           "gov_customs_gdp", "gov_revenue_gdp")})
    frame["gdp_nominal"] = _cbo("economy", "gdp_nominal", LTBO26)
    return frame


def load_econ() -> pd.DataFrame:
    """CBO's February 2026 economic projections by calendar year (history to 2025)."""
    return pd.DataFrame({m: _cbo("economy", m, ECON) for m in
                         ("gdp_real", "deflator", "yield_10y", "policy_rate", "gdp_nominal",
                          "bill_rate", "imports_lcu")})


def _actual(sector: str, measure: str, dataset: str = ACTUALS) -> pd.Series:
    return _annual(series("US", sector, measure, dataset=dataset))


def load_maturity() -> MaturityStructure:
    """Calibrate the maturity structure on CBO actuals (FY) and CBO's rate history."""
    econ = load_econ()
    history = pd.DataFrame({"debt": _actual("central_gov", "debt_public_lcu"),
                            "net_interest": _actual("central_gov", "gov_interest_lcu"),
                            "bill_rate": fiscal_year_rate(econ["bill_rate"]),
                            "yield_10y": fiscal_year_rate(econ["yield_10y"])})
    last = int(history.dropna().index.max())
    return calibrate_maturity(history, start=MATURITY_START, end=last)


def load_fiscal_baseline(vintage: str = "2026-02") -> FiscalBaseline:
    """Return the US baseline of a CBO vintage (``"2026-02"`` or ``"2024-03"``)."""
    if vintage not in VINTAGES:
        raise BadInputError(f"vintage {vintage!r}: use one of {', '.join(VINTAGES)}")
    if vintage == "2024-03":
        return baseline_2024(*load_cbo())
    structure = load_maturity()
    last = int(structure.params["end"])
    debt0 = float(_actual("central_gov", "debt_public_lcu").loc[last])
    gdp0 = float(_actual("economy", "gdp_nominal", "CBO:EVAL-GDP").loc[last])
    ltbo = load_ltbo_2026().loc[last + 1:]
    return baseline_2026(ltbo, load_econ(), structure, debt0=debt0, gdp0=gdp0)


def load_baseline(country: str, start: int | None = None, years: int = 10,
                  vintage: str = "2026-02") -> Baseline:
    """Return the scenario baseline: CBO for the US, recent history held flat elsewhere."""
    code = check_country(country)
    if code == "US":
        base = load_fiscal_baseline(vintage).baseline
        return base.window(start or int(base.years[0]), years)
    hist = load_history(code)
    first = start or int(hist.index[-1]) + 1
    return history_baseline(hist, country=code, start=first, years=years)


def _quarterly_mean(s: pd.Series) -> pd.Series:
    out = s.groupby(s.index.asfreq("Q")).mean()  # type: ignore[attr-defined]
    out.index = pd.PeriodIndex(out.index, freq="Q")
    return out


def load_recession_model(oos_start: str = "1985Q1") -> RecessionModel:
    """Fit the term-spread recession model on FRED DGS10, FEDFUNDS and USREC."""
    y10 = _quarterly_mean(series("US", None, "yield_10y", dataset="FRED:DGS10"))
    ff = _quarterly_mean(series("US", None, "policy_rate", dataset="FRED:FEDFUNDS"))
    spread = (y10 - ff).dropna().to_frame("spread")
    rec = series("US", None, "recession", dataset="FRED:USREC")
    return fit_recession_model(quarterly_sample(rec, spread), oos_start=oos_start)


def load_spec(path: str | Path) -> ScenarioSpec:
    """Read and validate a scenario TOML file (UTF-8, size-bounded, safe-loaded).

    Raises
    ------
    NotFoundError
        If the file does not exist.
    BadInputError
        If it is too large, not UTF-8 text, not valid TOML or fails validation
        (the message names the field).
    """
    file = Path(path)
    if not file.is_file():
        raise NotFoundError(f"scenario file {file} not found; see scenarios/*.toml for examples")
    if file.stat().st_size > MAX_SPEC_BYTES:
        raise BadInputError(f"{file}: {file.stat().st_size:,} bytes; a scenario file is a small "
                            f"TOML document (at most {MAX_SPEC_BYTES:,} bytes)")
    data = file.read_bytes()
    if b"\x00" in data:
        raise BadInputError(f"{file}: binary data, not a TOML text file; save it as UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInputError(f"{file}: not UTF-8 text (byte {exc.start}: {data[exc.start]:#x}); "
                            "save the file as UTF-8") from exc
    return parse_spec_toml(text, source=str(file))
