"""The canonical vocabulary: countries, sectors, measures and units.

One module holds every code debtcycle understands, so sources, the catalog, the
CLI and the reports agree on spelling.  Countries are ISO 3166 alpha-2 codes as
the BIS uses them, plus the BIS aggregate codes (``XM`` euro area, ``5R``
advanced economies, ...).  ISO alpha-3 codes (JST, GMD, IMF, Laeven-Valencia)
are translated with :func:`iso2`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

import pycountry

from debtcycle.errors import NotFoundError

__all__ = [
    "AGGREGATES",
    "MEASURES",
    "SECTORS",
    "Measure",
    "SectorName",
    "check_country",
    "check_measure",
    "check_sector",
    "closest",
    "country_name",
    "iso2",
]

SectorName = Literal[
    "total_nonfin",
    "private_nonfin",
    "households",
    "nonfin_corp",
    "general_gov",
    "central_gov",
    "local_gov",
    "economy",
]

#: Sectors of the non-financial economy, plus ``economy`` for whole-economy measures.
SECTORS: Final[dict[str, str]] = {
    "total_nonfin": "Total non-financial sector (households + firms + government)",
    "private_nonfin": "Private non-financial sector (households + non-financial corporations)",
    "households": "Households and non-profit institutions serving households",
    "nonfin_corp": "Non-financial corporations",
    "general_gov": "General government",
    "central_gov": "Central government",
    "local_gov": "Local government",
    "economy": "Whole economy (GDP, prices, rates, external accounts)",
}

#: Aggregate and special codes that are not ISO 3166 countries.
AGGREGATES: Final[dict[str, str]] = {
    "XM": "Euro area",
    "5R": "Advanced economies",
    "4T": "Emerging market economies",
    "5A": "All reporting economies",
    "G2": "G20 economies",
    "XW": "World",
    "HK": "Hong Kong SAR",
    "TW": "Chinese Taipei",
}

_ISO3_SPECIAL: Final[dict[str, str]] = {"EMU": "XM", "EUR": "XM", "XKX": "XK", "UVK": "XK"}


@dataclass(frozen=True)
class Measure:
    """A canonical measure: its code, what it means and its usual unit."""

    code: str
    description: str
    unit: str


def _m(code: str, description: str, unit: str) -> tuple[str, Measure]:
    return code, Measure(code, description, unit)


#: Every canonical measure with its description and default unit.
MEASURES: Final[dict[str, Measure]] = dict(
    [
        _m("debt_gdp", "Debt (credit from all sectors) in % of GDP", "pct_gdp"),
        _m("debt_gdp_ppp", "Debt in % of GDP, aggregated with PPP weights", "pct_gdp"),
        _m("bank_credit_gdp", "Credit from domestic banks in % of GDP", "pct_gdp"),
        _m("debt_lcu", "Debt outstanding, local currency", "lcu_bn"),
        _m("debt_usd", "Debt outstanding, US dollars", "usd_bn"),
        _m("bank_credit_lcu", "Credit from domestic banks, local currency", "lcu_bn"),
        _m("bank_credit_usd", "Credit from domestic banks, US dollars", "usd_bn"),
        _m("loans_lcu", "Bank loans outstanding (JST), local currency", "lcu"),
        _m("mortgage_loans_lcu", "Mortgage loans outstanding (JST), local currency", "lcu"),
        _m("credit_ratio", "Credit-to-GDP ratio used for the BIS credit gap", "pct_gdp"),
        _m("credit_trend", "One-sided HP trend of the credit-to-GDP ratio (BIS)", "pct_gdp"),
        _m("credit_gap", "Credit-to-GDP gap: ratio minus trend (BIS)", "pp"),
        _m("dsr", "Debt service ratio: interest + amortisation in % of income", "pct_income"),
        _m("house_price_real", "Residential property prices, real", "index_2010"),
        _m("house_price_nominal", "Residential property prices, nominal", "index_2010"),
        _m("policy_rate", "Central bank policy rate", "pct"),
        _m("short_rate", "Short-term interest rate", "pct"),
        _m("yield_10y", "Long-term (usually 10-year) government bond yield", "pct"),
        _m("cpi", "Consumer price index", "index_2010"),
        _m("neer", "Nominal effective exchange rate, broad basket", "index_2010"),
        _m("reer", "Real effective exchange rate, broad basket", "index_2010"),
        _m("neer_narrow", "Nominal effective exchange rate, narrow basket", "index_2010"),
        _m("reer_narrow", "Real effective exchange rate, narrow basket", "index_2010"),
        _m("gdp_nominal", "Nominal GDP", "lcu"),
        _m("gdp_real", "Real GDP, constant prices", "lcu"),
        _m("gdp_real_pc", "Real GDP per capita", "index"),
        _m("deflator", "GDP deflator", "index_2010"),
        _m("gdp_potential", "Potential real GDP", "lcu"),
        _m("population", "Population", "millions"),
        _m("investment_gdp", "Investment in % of GDP", "pct_gdp"),
        _m("ca_gdp", "Current account balance in % of GDP", "pct_gdp"),
        _m("ca_lcu", "Current account balance, local currency", "lcu"),
        _m("exports_gdp", "Exports of goods and services in % of GDP", "pct_gdp"),
        _m("imports_gdp", "Imports of goods and services in % of GDP", "pct_gdp"),
        _m("exports_lcu", "Exports, local currency", "lcu"),
        _m("imports_lcu", "Imports, local currency", "lcu"),
        _m("imports_from_cn_usd", "Imports from China as China records its exports (IMF DOTS)",
           "usd_mn"),
        _m("exports_dots_usd", "Merchandise exports as partners record them (IMF DOTS)",
           "usd_mn"),
        _m("imports_dots_usd", "Merchandise imports as partners record them (IMF DOTS)",
           "usd_mn"),
        _m("ad_initiations_us", "US anti-dumping cases initiated against this country (GAD)",
           "count"),
        _m("ad_measures_us", "US final anti-dumping measures on this country (GAD)", "count"),
        _m("gov_balance_gdp", "Government balance (surplus +) in % of GDP", "pct_gdp"),
        _m("gov_primary_balance_gdp", "Government primary balance in % of GDP", "pct_gdp"),
        _m("gov_revenue_gdp", "Government revenue in % of GDP", "pct_gdp"),
        _m("gov_expenditure_gdp", "Government expenditure in % of GDP", "pct_gdp"),
        _m("gov_revenue_lcu", "Government revenue, local currency", "lcu"),
        _m("gov_expenditure_lcu", "Government expenditure, local currency", "lcu"),
        _m("gov_interest_gdp", "Government interest payments in % of GDP", "pct_gdp"),
        _m("gov_interest_lcu", "Government interest payments, local currency", "lcu"),
        _m("gov_consumption_lcu", "Government consumption and investment, local currency", "lcu"),
        _m("gov_balance_lcu", "Government balance (surplus +), local currency", "lcu"),
        _m("debt_public_gdp", "Government debt held by the public in % of GDP", "pct_gdp"),
        _m("debt_lcu_gov", "Government debt outstanding, local currency", "lcu"),
        _m("unemployment", "Unemployment rate", "pct"),
        _m("fx_usd", "Exchange rate, local currency per US dollar", "lcu_per_usd"),
        _m("money_broad", "Broad money", "lcu"),
        _m("money_narrow", "Narrow money", "lcu"),
        _m("equity_index", "Equity price index", "index"),
        _m("equity_return", "Equity total return", "ratio"),
        _m("bond_return", "Government bond total return", "ratio"),
        _m("equity_tr_real", "Equity total return index, real (dividends reinvested)", "index"),
        _m("bond_tr_real", "Government bond total return index, real", "index"),
        _m("equity_dividend", "Equity index dividends per share, annualised", "index_points"),
        _m("equity_earnings", "Equity index earnings per share, trailing 12 months",
           "index_points"),
        _m("housing_return", "Housing total return", "ratio"),
        _m("bill_rate", "Treasury bill rate", "pct"),
        _m("bank_capital_ratio", "Bank capital ratio", "ratio"),
        _m("loan_deposit_ratio", "Bank loan-to-deposit ratio", "ratio"),
        _m("crisis_banking", "Systemic banking crisis start (1 in the start year)", "flag"),
        _m("crisis_banking_ongoing", "Systemic banking crisis ongoing (1 in crisis years)", "flag"),
        _m("crisis_currency", "Currency crisis (1 in the crisis year)", "flag"),
        _m("crisis_sovereign", "Sovereign debt crisis (1 in the crisis year)", "flag"),
        _m("peg", "Exchange-rate peg (1 if pegged)", "flag"),
        _m("financial_balance", "Sectoral financial surplus (+) / deficit (-)", "lcu"),
        _m("financial_balance_gdp", "Sectoral financial surplus (+) / deficit (-), % of GDP",
           "pct_gdp"),
        _m("financial_balance_fin", "Financial institutions' surplus (+) / deficit (-)", "lcu"),
        _m("financial_balance_row", "Rest of the world's surplus (+) / deficit (-)", "lcu"),
        _m("financial_balance_npish", "Financial surplus (+) / deficit (-) of NPISHs", "lcu"),
        _m("gov_customs_lcu", "Customs duties collected by the government, local currency", "lcu"),
        _m("tariff_rate_effective", "Effective tariff rate: duties / imports, in %", "pct"),
        _m("debt_public_lcu", "Government debt held by the public, local currency", "lcu"),
        _m("gov_customs_gdp", "Customs duties collected by the government in % of GDP", "pct_gdp"),
        _m("recession", "Recession indicator (1 in recession periods, NBER)", "flag"),
        _m("term_spread", "Term spread: long minus short government yield", "pp"),
        _m("fred_series", "A FRED series added with `debtcycle data add fred` (FRED's units)",
           "as_published"),
    ]
)


def closest(word: str, candidates: list[str] | tuple[str, ...], n: int = 5) -> list[str]:
    """Return up to ``n`` candidates that look like ``word`` (case-insensitive)."""
    lower = {c.lower(): c for c in candidates}
    hits = difflib.get_close_matches(word.lower(), list(lower), n=n, cutoff=0.5)
    starts = [c for k, c in lower.items() if k.startswith(word.lower()[:2]) and c not in hits]
    return [lower[h] for h in hits] + starts[: max(0, n - len(hits))]


def _unknown(kind: str, value: str, known: list[str]) -> NotFoundError:
    near = closest(value, known)
    hint = f" Did you mean: {', '.join(near)}?" if near else ""
    return NotFoundError(f"Unknown {kind} {value!r}.{hint} Known {kind}s: see debtcycle.vocab.")


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    names = {c.alpha_2: getattr(c, "common_name", c.name) for c in pycountry.countries}
    names.update(AGGREGATES)
    return names


def country_name(code: str) -> str:
    """Return the English name of a country or aggregate code (e.g. ``"CN"`` -> China)."""
    return _country_names()[check_country(code)]


def check_country(code: str) -> str:
    """Validate a country code and return it upper-cased.

    Raises
    ------
    NotFoundError
        If the code is neither ISO 3166 alpha-2 nor a BIS aggregate; the
        message lists close matches (by code and by name).
    """
    up = code.strip().upper()
    names = _country_names()
    if up in names:
        return up
    if len(up) == 3:
        two = iso2(up, strict=False)
        if two:
            return two
    by_name = {v.lower(): k for k, v in names.items()}
    if code.strip().lower() in by_name:
        return by_name[code.strip().lower()]
    near = [by_name[n.lower()] + f" ({n})" for n in closest(code, list(names.values()), 3)]
    near += closest(up, list(names), 3)
    hint = f" Did you mean: {', '.join(near)}?" if near else ""
    raise NotFoundError(f"Unknown country {code!r}.{hint} Use ISO 3166 alpha-2 codes (CN, US).")


def iso2(code3: str, *, strict: bool = True) -> str:
    """Translate an ISO 3166 alpha-3 code (``CHN``) to the alpha-2 code (``CN``)."""
    up = code3.strip().upper()
    if up in _ISO3_SPECIAL:
        return _ISO3_SPECIAL[up]
    found = pycountry.countries.get(alpha_3=up)
    if found is None:
        if strict:
            raise NotFoundError(f"Unknown ISO alpha-3 country code {code3!r}.")
        return ""
    return str(found.alpha_2)


def check_sector(sector: str) -> str:
    """Validate a sector name; unknown names raise with the close matches."""
    s = sector.strip().lower()
    if s not in SECTORS:
        raise _unknown("sector", sector, list(SECTORS))
    return s


def check_measure(measure: str) -> str:
    """Validate a measure code; unknown codes raise with the close matches."""
    m = measure.strip().lower()
    if m not in MEASURES:
        raise _unknown("measure", measure, list(MEASURES))
    return m
