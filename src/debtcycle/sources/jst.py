"""Jordà-Schularick-Taylor Macrohistory Database (release 6), one xlsx workbook.

Official download: ``https://www.macrohistory.net/app/download/9834512569/JSTdatasetR6.xlsx``
(macrohistory.net/database).  One sheet, one row per country-year (18
advanced economies, 1870-2020), one column per variable.  Level variables are
in local currency (billions, except where the documentation says otherwise);
``debtgdp`` is a ratio and is stored in per cent.  The JST variable name is the
series key (``JP:tloans``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, NamedTuple

import pandas as pd
from python_calamine import CalamineError, CalamineWorkbook

from debtcycle.errors import ParseError
from debtcycle.sources._tidy import long_to_tidy, numeric_column
from debtcycle.sources.base import Expect, Source, SourceFile
from debtcycle.vocab import iso2

__all__ = ["JST_VARIABLES", "SOURCE", "parse_jst"]

URL = "https://www.macrohistory.net/app/download/9834512569/JSTdatasetR6.xlsx"


class JstVariable(NamedTuple):
    """Canonical codes of a JST variable; ``scale`` multiplies the published value."""

    sector: str
    measure: str
    unit: str
    title: str
    scale: float = 1.0


_E, _G, _H = "economy", "general_gov", "households"

#: JST variable -> canonical codes (the variables debtcycle uses).
JST_VARIABLES: Final[dict[str, JstVariable]] = {
    "pop": JstVariable(_E, "population", "millions", "Population"),
    "rgdpmad": JstVariable(_E, "gdp_real_pc", "usd_1990_pc", "Real GDP per capita (Maddison)"),
    "gdp": JstVariable(_E, "gdp_nominal", "lcu", "GDP, nominal"),
    "iy": JstVariable(_E, "investment_gdp", "ratio", "Investment-to-GDP ratio"),
    "cpi": JstVariable(_E, "cpi", "index_1990", "Consumer prices (1990 = 100)"),
    "ca": JstVariable(_E, "ca_lcu", "lcu", "Current account, nominal"),
    "imports": JstVariable(_E, "imports_lcu", "lcu", "Imports, nominal"),
    "exports": JstVariable(_E, "exports_lcu", "lcu", "Exports, nominal"),
    "narrowm": JstVariable(_E, "money_narrow", "lcu", "Narrow money"),
    "money": JstVariable(_E, "money_broad", "lcu", "Broad money"),
    "stir": JstVariable(_E, "short_rate", "pct", "Short-term interest rate"),
    "ltrate": JstVariable(_E, "yield_10y", "pct", "Long-term interest rate (government bonds)"),
    "hpnom": JstVariable(_H, "house_price_nominal", "index_1990", "House prices, nominal"),
    "unemp": JstVariable(_E, "unemployment", "pct", "Unemployment rate"),
    "debtgdp": JstVariable(_G, "debt_gdp", "pct_gdp", "Public debt-to-GDP ratio (x100)", 100.0),
    "revenue": JstVariable(_G, "gov_revenue_lcu", "lcu", "Government revenues"),
    "expenditure": JstVariable(_G, "gov_expenditure_lcu", "lcu", "Government expenditure"),
    "xrusd": JstVariable(_E, "fx_usd", "lcu_per_usd", "USD exchange rate"),
    "tloans": JstVariable("private_nonfin", "loans_lcu", "lcu",
                          "Total loans to non-financial private sector"),
    "tmort": JstVariable(_H, "mortgage_loans_lcu", "lcu", "Mortgage loans to non-fin. private"),
    "thh": JstVariable(_H, "loans_lcu", "lcu", "Total loans to households"),
    "tbus": JstVariable("nonfin_corp", "loans_lcu", "lcu", "Total loans to business"),
    "lev": JstVariable(_E, "bank_capital_ratio", "ratio", "Banks, capital ratio"),
    "ltd": JstVariable(_E, "loan_deposit_ratio", "ratio", "Banks, loans-to-deposits ratio"),
    "crisisJST": JstVariable(_E, "crisis_banking", "flag", "Systemic financial crisis (0-1)"),
    "peg": JstVariable(_E, "peg", "flag", "Peg dummy"),
    "eq_tr": JstVariable(_E, "equity_return", "ratio", "Equity total return, nominal"),
    "housing_tr": JstVariable(_H, "housing_return", "ratio", "Housing total return, nominal"),
    "bond_tr": JstVariable(_E, "bond_return", "ratio", "Government bond total return, nominal"),
    "bill_rate": JstVariable(_E, "bill_rate", "ratio", "Bill rate, nominal"),
}


def _read(path: Path) -> pd.DataFrame:
    """Read the first sheet with python-calamine (header on row 1).

    Only empty cells become missing values: text such as ``"n/a"`` in a number
    column stays text and fails the number check.
    """
    try:
        rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(
            skip_empty_area=False)
    except CalamineError as exc:
        raise ParseError(path.name, f"not a readable xlsx workbook ({exc}); download it again "
                         f"from {URL}") from exc
    if not rows:
        raise ParseError(path.name, "the first sheet is empty; expected the JST R6 layout")
    return pd.DataFrame(rows[1:], columns=[str(c).strip() for c in rows[0]]).replace("", None)


def parse_jst(path: Path, dataset: str) -> pd.DataFrame:
    """Parse the JST workbook into tidy annual observations (one series per variable)."""
    raw = _read(path)
    needed = ["year", "iso", *JST_VARIABLES]
    missing = [c for c in needed if c not in raw.columns]
    if missing:
        raise ParseError(path.name, f"missing columns {missing}; expected the JST R6 layout")
    if raw.duplicated(["iso", "year"]).any():
        row = int(raw.duplicated(["iso", "year"]).to_numpy().argmax())
        raise ParseError(path.name, f"country-year {raw['iso'].iloc[row]} {raw['year'].iloc[row]}"
                         " appears twice", row=row + 2)
    codes = {c: iso2(str(c)) for c in raw["iso"].dropna().unique()}
    country = raw["iso"].map(codes)
    period = pd.to_numeric(raw["year"], errors="coerce").astype("Int64").astype(str)
    parts = []
    for var, meta in JST_VARIABLES.items():
        values = numeric_column(raw, var, path.name, first_row=2)
        frame = pd.DataFrame({"country": country, "period": period, "value": values * meta.scale})
        parts.append(long_to_tidy(frame, source="jst", dataset=dataset, sector=meta.sector,
                                  measure=meta.measure, unit=meta.unit, freq="A", key=var,
                                  title=meta.title))
    return pd.concat(parts, ignore_index=True)


SOURCE = Source(
    name="jst",
    title="Jordà-Schularick-Taylor Macrohistory Database",
    homepage="https://www.macrohistory.net/database/",
    citation=("Jordà, Ò., Schularick, M. and Taylor, A. M. (2017), Macrofinancial History and "
              "the New Business Cycle Facts, NBER Macroeconomics Annual 31."),
    files=(
        SourceFile(dataset="JST_R6", mirror_path="jst/JSTdatasetR6.xlsx", url=URL,
                   parse=parse_jst, vintage="release 6 (1870-2020)",
                   description="Annual macro-financial panel, 18 economies",
                   expect=Expect(min_series=500, last_period_from="2020")),
    ),
)
