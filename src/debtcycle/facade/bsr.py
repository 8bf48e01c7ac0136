"""Balance-sheet recession by country code: ``balances``, ``bsr`` and ``bsr_compare``.

The loaders here fetch the series through the catalog and hand them to
:mod:`debtcycle.analytics.bsr`; the CLI, the report and the web API call these
functions and render the results (``to_dict()`` is exactly the ``--json`` output).

Inputs of the diagnosis, all annual:

* real house prices: BIS ``WS_SPP`` (``house_price_real``, 2010 = 100);
* equity prices where mirrored (Nikkei 225, Shanghai Composite; nominal);
* private non-financial debt/GDP: BIS ``WS_TC``;
* nominal GDP (for the credit flow): GMD;
* private balance: :func:`balances` (BOJ flow of funds for Japan, GMD current
  account - government balance elsewhere);
* policy rate: spliced by :func:`policy_rate` (complete years only; a source that
  ends mid-sample never overrides a complete one after its end);
* government balance: GMD; government debt/GDP: IMF PFMH (GMD where PFMH has none);
* CPI: BIS ``WS_LONG_CPI``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, Literal

import numpy as np
import pandas as pd

from debtcycle.analytics.bsr.balances import (
    SectoralBalances,
    balances_from_accounts,
    balances_from_flow_of_funds,
    compare_balances,
    fiscal_year_gdp,
)
from debtcycle.analytics.bsr.compare import EventComparison, compare_event_time
from debtcycle.analytics.bsr.diagnosis import Diagnosis, Thresholds, diagnose, indicators
from debtcycle.analytics.bsr.sensitivity import Sensitivity, sensitivity
from debtcycle.analytics.bsr.splice import annual_complete, splice_sources
from debtcycle.analytics.leverage.align import property_peak
from debtcycle.catalog import available, series
from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.facade._common import check_choice, check_int, country_code, country_codes

__all__ = ["LAST_ACTUAL_YEAR", "NOTE_COUNTRIES", "annual", "balances", "bsr", "bsr_compare",
           "bsr_sensitivity", "gdp_usd", "gov_debt", "load_inputs", "policy_rate"]

#: Last year treated as data: GMD values after it are IMF WEO forecasts.
LAST_ACTUAL_YEAR: Final[int] = 2024
#: The countries of the note (docs/balance_sheet_recession.md).
NOTE_COUNTRIES: Final[tuple[str, ...]] = ("CN", "JP", "US", "DE", "ES", "IT", "FR", "GB")
Basis = Literal["auto", "flow_of_funds", "national_accounts"]
_BASES: Final[tuple[str, ...]] = ("auto", "flow_of_funds", "national_accounts")
_GOV_SOURCES: Final[tuple[str, ...]] = ("gmd", "imf")

#: Size of one unit of each level unit, in currency units (to put flows and GDP on one scale).
_UNIT_SCALE: Final[dict[str, float]] = {"lcu": 1.0, "lcu_mn": 1e6, "lcu_100mn": 1e8,
                                        "lcu_bn": 1e9}
_FOF: Final[dict[str, tuple[str, str]]] = {
    "government": ("general_gov", "financial_balance"),
    "households": ("households", "financial_balance"),
    "nonfin_corp": ("nonfin_corp", "financial_balance"),
    "financial": ("economy", "financial_balance_fin"),
    "npish": ("economy", "financial_balance_npish"),
    "foreign": ("economy", "financial_balance_row"),
}


def annual(values: pd.Series) -> pd.Series:
    """Return an annual series: means of complete years of monthly/quarterly data.

    Years with missing months or quarters are left out (a three-month average is
    not a yearly figure); see :func:`debtcycle.analytics.bsr.splice.annual_complete`.
    """
    if not isinstance(values.index, pd.PeriodIndex):
        raise BadInputError("annual() needs a series on a PeriodIndex.")
    return annual_complete(values)


def _try(fetch: Callable[[], pd.Series]) -> pd.Series | None:
    try:
        return annual(fetch())
    except NotFoundError:
        return None


def _scale(values: pd.Series) -> float:
    unit = str(values.attrs.get("info", {}).get("unit", "lcu"))
    if unit not in _UNIT_SCALE:
        raise BadInputError(f"Cannot convert unit {unit!r} to currency units.")
    return _UNIT_SCALE[unit]


def _flow_of_funds(code: str, last: int) -> SectoralBalances:
    flows = {name: series(code, sector, measure, source="boj")
             for name, (sector, measure) in _FOF.items()}
    scale = _scale(flows["government"])
    frame = pd.DataFrame({k: v * scale for k, v in flows.items()})
    gdp_cal = series(code, None, "gdp_nominal", source="gmd")
    gdp = fiscal_year_gdp(gdp_cal * _scale(gdp_cal), start_month=4)
    gdp.attrs = dict(gdp_cal.attrs)
    note = ("BOJ flow of funds, fiscal years (April-March) labelled by their first year; "
            "GDP: GMD nominal GDP (calendar year) weighted 0.75 x year t + 0.25 x year t+1")
    out = balances_from_flow_of_funds(frame, gdp, country=code, source_note=note)
    return _clip(out, last)


def _gov_balance(code: str, gov_source: str) -> pd.Series:
    if gov_source == "gmd":
        return annual(series(code, "general_gov", "gov_balance_gdp", source="gmd"))
    revenue = series(code, "general_gov", "gov_revenue_gdp", dataset="IMF_PFMH")
    spending = series(code, "general_gov", "gov_expenditure_gdp", dataset="IMF_PFMH")
    balance = (revenue - spending).dropna()
    keys = (revenue.attrs["info"]["series_key"], spending.attrs["info"]["series_key"])
    balance.attrs["info"] = {"source": "imf", "series_key": f"{keys[0]} - {keys[1]}"}
    return balance


def _accounts(code: str, last: int, gov_source: str = "gmd") -> SectoralBalances:
    ca = annual(series(code, None, "ca_gdp", source="gmd"))
    gov = _gov_balance(code, gov_source)
    return _clip(balances_from_accounts(ca, gov, country=code), last)


def _clip(result: SectoralBalances, last: int) -> SectoralBalances:
    years = pd.PeriodIndex(result.balances.index).year
    kept = result.balances.iloc[np.flatnonzero(years <= last)]
    return SectoralBalances(country=result.country, balances=kept, basis=result.basis,
                            sources=result.sources, params={**result.params, "last": last},
                            provenance=result.provenance)


def _build(code: str, basis: str, gov_source: str, last: int) -> SectoralBalances:
    if basis == "flow_of_funds" or (basis == "auto" and code == "JP"):
        if code != "JP":
            raise NotFoundError(f"No flow-of-funds balances are loaded for {code} (only JP, "
                                "from the BOJ); use --basis national_accounts.")
        return _flow_of_funds(code, last)
    return _accounts(code, last, gov_source)


def _cross_check(code: str, result: SectoralBalances,
                 last: int) -> tuple[pd.DataFrame | None, str]:
    """Compare with a second build: Japan BOJ vs GMD accounts; elsewhere GMD vs IMF PFMH."""
    if result.basis == "flow_of_funds":
        label = "BOJ flow of funds vs national accounts (GMD)"
        return compare_balances(result, _accounts(code, last)), label
    try:
        imf = _accounts(code, last, "imf")
    except NotFoundError:
        return None, ""
    label = "government balance from GMD vs IMF PFMH"
    return compare_balances(_accounts(code, last), imf, names=("gmd", "imf_pfmh")), label


def balances(country: str, basis: Basis = "auto", *, gov_source: str = "gmd",
             last: int = LAST_ACTUAL_YEAR, cross_check: bool = True) -> SectoralBalances:
    """Build a country's private, government and foreign balances (% of GDP).

    Parameters
    ----------
    country : str
        Country code.
    basis : {"auto", "flow_of_funds", "national_accounts"}
        ``auto``: the BOJ flow of funds for Japan, national accounts (GMD current
        account and government balance) elsewhere.
    gov_source : {"gmd", "imf"}
        National accounts only: government balance from GMD (``govdef_GDP``) or
        from IMF PFMH (revenue - expenditure, general government).
    last : int
        Last year kept (default :data:`LAST_ACTUAL_YEAR`; later GMD values are forecasts).
    cross_check : bool
        Also build the second basis and attach the comparison (``comparison``).

    Returns
    -------
    SectoralBalances

    Raises
    ------
    BadInputError
        If an argument is not one of the documented choices.
    NotFoundError
        If the country has no flow of funds (when asked for) or lacks the series.
    """
    code = country_code(country)
    basis_ = check_choice(basis, _BASES, "basis")
    source = check_choice(gov_source, _GOV_SOURCES, "gov_source")
    last_ = check_int(last, "last", low=1800, high=2100)
    result = _build(code, basis_, source, last_)
    if not cross_check:
        return result
    other, label = _cross_check(code, result, last_)
    return SectoralBalances(country=result.country, balances=result.balances,
                            basis=result.basis, sources=result.sources,
                            comparison=other, comparison_of=label,
                            params={**result.params, "gov_source": source},
                            provenance=result.provenance)


def _policy_rate_datasets(code: str) -> list[tuple[str, str]]:
    """BIS datasets of policy rates (latest-ending first), then GMD; labels for provenance."""
    try:
        found = available(country=code, measure="policy_rate")
    except NotFoundError:
        return []
    if found.empty:
        return []
    found = found.sort_values("last_period", ascending=False)
    is_bis = found["source"].astype(str).str.startswith("bis")
    bis = [(f"bis:{d}", str(d)) for d in found.loc[is_bis, "dataset"]]
    gmd = [("gmd", str(d)) for d in found.loc[found["source"] == "gmd", "dataset"]]
    return list(dict.fromkeys(bis + gmd))


def policy_rate(code: str, *, last: int | None = None) -> pd.Series | None:
    """Annual policy rate, spliced from the BIS files and GMD (complete years only).

    Order of preference: the BIS policy-rate datasets (sources ``bis`` and
    ``bis_api``), the one whose data end latest first (the API extract
    ``bis/derived``, US, CN and JP to 2026-01, then the bulk file ``WS_CBPOL`` to
    2022-03), then GMD ``cbrate``.
    Each source gives only complete years, and a source whose data end before
    another's never overrides it after its own end, so the partial BIS 2022
    (January-March) cannot replace GMD's full-year 2022 (the bug of issue 15:
    US 2022 = 0.21% instead of 4.38%). The chosen source per year is kept in
    ``attrs["info"]["by_year"]``.
    """
    candidates: list[tuple[str, pd.Series]] = []
    for label, dataset in _policy_rate_datasets(code):
        try:
            values = annual(series(code, None, "policy_rate", dataset=dataset))
        except NotFoundError:
            continue
        if not values.dropna().empty:
            candidates.append((label, values))
    if not candidates:
        return None
    out = splice_sources(candidates)
    if last is not None:
        out = out.iloc[np.flatnonzero(pd.PeriodIndex(out.index).year <= last)]
    return out


def gov_debt(code: str) -> pd.Series | None:
    """General government gross debt, % of GDP: IMF PFMH, else GMD.

    PFMH is preferred because the GMD series for Japan is spliced from sources with
    different coverage (47% of GDP in 1990 against 63% in PFMH and JST, then a jump
    of 60 pp in 2020), which would fake a debt surge.
    """
    pfmh = _try(lambda: series(code, "general_gov", "debt_gdp", dataset="IMF_PFMH"))
    if pfmh is not None:
        return pfmh
    return _try(lambda: series(code, "general_gov", "debt_gdp", source="gmd"))


def _private_balance(code: str, last: int) -> pd.Series | None:
    try:
        return balances(code, last=last, cross_check=False).balances["private"]
    except NotFoundError:
        return None


def load_inputs(country: str, *, last: int = LAST_ACTUAL_YEAR) -> pd.DataFrame:
    """Fetch a country's diagnosis inputs (annual) through the catalog.

    Parameters
    ----------
    country : str
        Country code.
    last : int
        Last year kept.

    Returns
    -------
    DataFrame
        Columns of :data:`debtcycle.analytics.bsr.diagnosis.INPUT_COLUMNS` that
        exist for the country; ``attrs["info"]`` names each column's source.

    Raises
    ------
    NotFoundError
        If none of the inputs exists for the country.
    """
    code = country_code(country)
    fetched: dict[str, pd.Series | None] = {
        "house_price_real": _try(lambda: series(code, "households", "house_price_real",
                                                unit="index_2010")),
        "equity_price": _try(lambda: series(code, None, "equity_index")),
        "private_debt_gdp": _try(lambda: series(code, "private_nonfin", "debt_gdp")),
        "gdp_nominal": _try(lambda: series(code, None, "gdp_nominal", source="gmd")),
        "private_balance_gdp": _private_balance(code, last),
        "policy_rate": policy_rate(code),
        "gov_balance_gdp": _try(lambda: series(code, "general_gov", "gov_balance_gdp",
                                               source="gmd")),
        "gov_debt_gdp": gov_debt(code),
        "cpi": _try(lambda: series(code, None, "cpi")),
    }
    have = {k: v for k, v in fetched.items() if v is not None}
    if not have:
        raise NotFoundError(f"No balance-sheet-recession inputs for {code}; run "
                            "`debtcycle data update` or pick a covered country.")
    frame = pd.DataFrame(have)
    frame = frame.iloc[np.flatnonzero(pd.PeriodIndex(frame.index).year <= last)]
    info: dict[str, dict[str, str]] = {}
    for name, values in have.items():
        meta = values.attrs.get("info", {})
        info[name] = {f: str(meta.get(f, "")) for f in ("source", "series_key")}
        if "by_year" in meta:
            info[name]["spliced"] = str(meta.get("splice_note", ""))
    frame.attrs["info"] = info
    return frame


def bsr(country: str, *, thresholds: Thresholds | None = None,
        last: int = LAST_ACTUAL_YEAR, first: int = 1980) -> Diagnosis:
    """Diagnose a balance-sheet recession in ``country`` year by year, ``first`` to ``last``.

    Parameters
    ----------
    country : str
        Country code.
    thresholds : Thresholds, optional
        Signal thresholds (defaults and their cited reasons in :class:`Thresholds`).
    last, first : int
        Years kept in the result (changes are computed from earlier data).

    Returns
    -------
    Diagnosis
        ``to_dict()`` is the ``debtcycle bsr COUNTRY --json`` output.

    Raises
    ------
    BadInputError
        If an argument is of the wrong type or out of range.
    """
    code = country_code(country)
    last_ = check_int(last, "last", low=1800, high=2100)
    first_ = check_int(first, "first", low=1800, high=last_)
    if thresholds is not None and not isinstance(thresholds, Thresholds):
        raise BadInputError("thresholds must be a debtcycle.analytics.bsr.Thresholds; "
                            f"got {type(thresholds).__name__}.")
    result = diagnose(load_inputs(code, last=last_), thresholds=thresholds, country=code)
    years = pd.PeriodIndex(result.table.index).year
    table = result.table.iloc[np.flatnonzero(years >= first_)]
    reasons = {k: v for k, v in result.reasons.items() if int(k) >= first_}
    return Diagnosis(country=code, table=table, reasons=reasons, thresholds=result.thresholds,
                     params={**result.params, "first": first_, "last": last_},
                     provenance=result.provenance)


def bsr_sensitivity(countries: str | list[str] | tuple[str, ...] = NOTE_COUNTRIES, *,
                    first: int = 1980, last: int = LAST_ACTUAL_YEAR) -> Sensitivity:
    """Show how each country's verdicts move when one threshold at a time changes.

    Parameters
    ----------
    countries : str or sequence of str
        Country codes (default: the eight of the note).
    first, last : int
        Years whose verdicts are counted.

    Returns
    -------
    Sensitivity
        ``to_dict()`` is the ``debtcycle bsr sensitivity --json`` output.
    """
    codes = country_codes(list(countries) if isinstance(countries, tuple) else countries)
    last_ = check_int(last, "last", low=1800, high=2100)
    first_ = check_int(first, "first", low=1800, high=last_)
    inputs = {c: load_inputs(c, last=last_) for c in codes}
    return sensitivity(inputs, first=first_, last=last_)


def _indicators(code: str, last: int) -> dict[str, pd.Series]:
    frame = load_inputs(code, last=last)
    out = {c: frame[c].dropna() for c in frame.columns if c != "gdp_nominal" and c != "cpi"}
    if "cpi" in frame:
        out["inflation"] = indicators(frame)["inflation"].dropna()  # as the diagnosis measures it
    real = _try(lambda: series(code, None, "gdp_real", source="gmd"))
    if real is not None:
        growth = 100.0 * real.pct_change(fill_method=None)
        out["gdp_growth"] = growth[pd.PeriodIndex(growth.index).year <= last].dropna()
    for name, values in out.items():
        values.attrs = dict(frame[name].attrs) if name in frame else {}
    return out


def _events(event: str, codes: tuple[str, str],
            by_indicator: dict[str, dict[str, pd.Series]]) -> dict[str, pd.Period]:
    if event == "property-peak":
        prices = by_indicator.get("house_price_real", {})
        missing = [c for c in codes if c not in prices]
        if missing:
            raise NotFoundError(f"No real house prices for {', '.join(missing)}, so no property "
                                "peak; pass explicit events, e.g. --event CN:2021,JP:1991.")
        return {c: property_peak(prices[c]) for c in codes}
    try:
        pairs = dict(item.split(":") for item in event.split(","))
        return {c: pd.Period(pairs[c], freq="Y") for c in codes}
    except (KeyError, ValueError) as exc:
        raise BadInputError(f"event {event!r}: use property-peak or e.g. CN:2021,JP:1991.") \
            from exc


def bsr_compare(follower: str, reference: str, *, event: str = "property-peak",
                last: int = LAST_ACTUAL_YEAR) -> EventComparison:
    """Compare ``follower`` with ``reference`` in event time from each one's event.

    Parameters
    ----------
    follower, reference : str
        Country codes, e.g. ``"CN"`` and ``"JP"``.
    event : str
        ``"property-peak"`` (each country's peak of annual real house prices) or
        explicit years ``"CN:2021,JP:1991"``.
    last : int
        Last year used.

    Returns
    -------
    EventComparison
        ``to_dict()`` is the ``debtcycle bsr compare CN JP --json`` output.
    """
    codes = (country_code(follower, "follower"), country_code(reference, "reference"))
    if not isinstance(event, str) or len(event) > 200:
        raise BadInputError(f"event {event!r}: use property-peak or e.g. CN:2021,JP:1991.")
    last_ = check_int(last, "last", low=1800, high=2100)
    by_country = {c: _indicators(c, last_) for c in codes}
    by_indicator: dict[str, dict[str, pd.Series]] = {}
    for code, values in by_country.items():
        for name, data in values.items():
            by_indicator.setdefault(name, {})[code] = data
    events = _events(event, codes, by_indicator)
    return compare_event_time(by_indicator, events, follower=codes[0], reference=codes[1])


def gdp_usd(code: str) -> pd.Series:
    """Annual GDP in USD bn implied by BIS: private debt in USD over private debt in % of GDP.

    BIS ``WS_TC`` publishes each borrower's debt both in US dollars (market exchange
    rates) and in % of GDP, so their ratio is the GDP BIS divides by; this works for
    aggregates (``5A`` all reporting economies) too.
    """
    usd = series(code, "private_nonfin", "debt_usd")
    pct = series(code, "private_nonfin", "debt_gdp", unit="pct_gdp")
    implied = annual((usd / pct * 100.0).dropna())
    implied.attrs["info"] = {"source": "bis", "series_key": f"{usd.attrs['info']['series_key']}"
                             f" / {pct.attrs['info']['series_key']}"}
    return implied
