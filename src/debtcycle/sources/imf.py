"""International Monetary Fund: Global Debt Database and Public Finances in Modern History.

Global Debt Database (GDD), Excel release of 11 December 2018
    Official page ``https://www.imf.org/external/datamapper/datasets/GDD``; the
    workbook's ``rawdata`` sheet has a two-row banner, the variable codes on the
    third row and one row per country-year (IFS country code, country name,
    year).  Debt is in % of GDP, nominal GDP in billions of local currency.
    Two instrument coverages are published and kept apart as two datasets:
    ``IMF_GDD`` (all instruments, plus government debt and GDP) and
    ``IMF_GDD_LS`` (loans and debt securities only, the BIS coverage).
    Series keys are the IMF's: ``<IFS code>:<variable>`` (``924:hh_ls_data``).
    Public-sector and non-financial public-sector debt (``ps_data``,
    ``nfps_data``) are not loaded: the vocabulary has no such sector.

Public Finances in Modern History (PFMH), Mauro, Romeu, Binder and Zaman (2015)
    Official page ``https://www.imf.org/external/datamapper/datasets/FPP``; one
    sheet ``data``, one row per country-year, variables in % of GDP.  Flags
    ``GG_budg`` / ``GG_debt`` say whether the budget / debt figures of a year
    cover the general (1) or the central (0) government, so each variable is
    split by coverage into a ``general_gov`` and a ``central_gov`` series with
    keys ``<ISO3>:<variable>@GG`` and ``<ISO3>:<variable>@CG``.  The real
    interest rate and real growth columns (``rltir``, ``rgc``) and primary
    expenditure are not loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final, NamedTuple

import pandas as pd
import pycountry
from python_calamine import CalamineError, CalamineWorkbook, WorksheetNotFound

from debtcycle.errors import ParseError
from debtcycle.sources._tidy import long_to_tidy, numeric_column
from debtcycle.sources.base import Expect, Source, SourceFile
from debtcycle.vocab import iso2

__all__ = ["GDD_VARIABLES", "PFMH_VARIABLES", "SOURCE", "parse_gdd", "parse_pfmh"]

GDD_URL = "https://www.imf.org/external/datamapper/GDD/Global%20Debt%20Database.xlsx"
PFMH_URL = "https://www.imf.org/external/datamapper/FPP/PFMH.xlsx"


class ImfVariable(NamedTuple):
    """Canonical codes of one IMF variable column."""

    sector: str
    measure: str
    unit: str
    title: str


_PCT = "pct_gdp"

#: Dataset -> GDD variable column -> canonical codes.
GDD_VARIABLES: Final[dict[str, dict[str, ImfVariable]]] = {
    "IMF_GDD": {
        "tot_all_data": ImfVariable("private_nonfin", "debt_gdp", _PCT,
                                    "Private debt, all instruments, % of GDP"),
        "hh_all_data": ImfVariable("households", "debt_gdp", _PCT,
                                   "Household debt, all instruments, % of GDP"),
        "nfc_all_data": ImfVariable("nonfin_corp", "debt_gdp", _PCT,
                                    "Non-financial corporate debt, all instruments, % of GDP"),
        "gg_data": ImfVariable("general_gov", "debt_gdp", _PCT,
                               "General government debt, % of GDP"),
        "cg_data": ImfVariable("central_gov", "debt_gdp", _PCT,
                               "Central government debt, % of GDP"),
        "ngdp_data": ImfVariable("economy", "gdp_nominal", "lcu_bn",
                                 "Nominal GDP, billions of local currency"),
    },
    "IMF_GDD_LS": {
        "tot_ls_data": ImfVariable("private_nonfin", "debt_gdp", _PCT,
                                   "Private debt, loans and debt securities, % of GDP"),
        "hh_ls_data": ImfVariable("households", "debt_gdp", _PCT,
                                  "Household debt, loans and debt securities, % of GDP"),
        "nfc_ls_data": ImfVariable("nonfin_corp", "debt_gdp", _PCT,
                                   "Non-financial corporate debt, loans and debt securities, "
                                   "% of GDP"),
    },
}

#: PFMH variable column -> (coverage flag column, measure, title).
PFMH_VARIABLES: Final[dict[str, tuple[str, str, str]]] = {
    "d": ("GG_debt", "debt_gdp", "Gross government debt, % of GDP"),
    "rev": ("GG_budg", "gov_revenue_gdp", "Government revenue, % of GDP"),
    "exp": ("GG_budg", "gov_expenditure_gdp", "Government expenditure, % of GDP"),
    "ie": ("GG_budg", "gov_interest_gdp", "Government interest expenditure, % of GDP"),
    "pb": ("GG_budg", "gov_primary_balance_gdp", "Government primary balance, % of GDP"),
}

#: GDD country names that are not ISO 3166 names (name -> alpha-2 code).
_GDD_NAMES: Final[dict[str, str]] = {
    "Turkey": "TR", "Venezuela, Republica Bolivariana de": "VE", "Antigua & Barbuda": "AG",
    "Bahamas, The": "BS", "St. Kitts and Nevis": "KN", "St. Lucia": "LC",
    "St. Vincent and the Grenadines": "VC", "Trinidad & Tobago": "TT", "Iran, I. Rep. Of": "IR",
    "U.A.E.": "AE", "West Bank and Gaza": "PS", "Taiwan Province of China": "TW",
    "Hong Kong SAR": "HK", "Timor Leste": "TL", "Cape Verde": "CV", "C.A.R.": "CF",
    "Congo, Republic of": "CG", "Congo, Dem. Rep. of": "CD", "Gambia, The": "GM",
    "Cote D'Ivoire": "CI", "São Tomé and Príncipe": "ST", "Swaziland": "SZ",
    "Marshall Islands, Rep.": "MH", "Micronesia": "FM", "China, Mainland": "CN",
    "Macedonia, FYR": "MK", "Bosnia & Herzegovina": "BA", "Kosovo": "XK",
}

_GDD_SHEET = "rawdata"
_GDD_HEADER_ROW = 2  # 0-based: two banner rows precede the variable codes
_PFMH_SHEET = "data"


def _read_sheet(path: Path, sheet: str, header: int, url: str) -> pd.DataFrame:
    """Read one sheet; the GDD workbook feeds two datasets, so the last read is reused."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, sheet, header)
    if key not in _LAST_READ:
        frame = _read_sheet_uncached(path, sheet, header, url)
        _LAST_READ.clear()
        _LAST_READ[key] = frame
    return _LAST_READ[key].copy()


_LAST_READ: dict[tuple[Any, ...], pd.DataFrame] = {}


def _read_sheet_uncached(path: Path, sheet: str, header: int, url: str) -> pd.DataFrame:
    """Read a sheet with python-calamine directly (about twice as fast as ``read_excel``).

    Empty cells become missing values; every other cell keeps its content, so
    text such as ``"n/a"`` in a number column is caught by the number check.
    """
    try:
        book = CalamineWorkbook.from_path(str(path))
        rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    except WorksheetNotFound as exc:
        raise ParseError(path.name, f"no sheet {sheet!r}; expected the IMF workbook layout of "
                         f"{url}") from exc
    except CalamineError as exc:
        raise ParseError(path.name, f"not a readable xlsx workbook ({exc}); download it again "
                         f"from {url}") from exc
    if len(rows) <= header:
        raise ParseError(path.name, f"sheet {sheet!r} has no header row {header + 1}")
    names = [str(c).strip() for c in rows[header]]
    return pd.DataFrame(rows[header + 1 :], columns=names).replace("", None)


def _require(raw: pd.DataFrame, columns: list[str], file: str, what: str) -> None:
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise ParseError(file, f"missing columns {missing}; expected {what}")


def _years(raw: pd.DataFrame, file: str, header_rows: int) -> pd.Series:
    years = numeric_column(raw, "year", file, first_row=header_rows + 1)
    if years.isna().any() or (years % 1 != 0).any():
        row = int((years.isna() | (years % 1 != 0)).to_numpy().argmax())
        raise ParseError(file, f"bad year {_cell_text(raw['year'].iloc[row])!r}",
                         row=row + header_rows + 1,
                         column="year")
    return years.astype(int).astype(str)


def _cell_text(value: object) -> str:
    """Return a cell as text; whole numbers lose the ``.0`` of calamine's floats."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _no_duplicates(raw: pd.DataFrame, keys: list[str], file: str, header_rows: int) -> None:
    dup = raw.duplicated(keys)
    if dup.any():
        row = int(dup.to_numpy().argmax())
        where = " ".join(_cell_text(raw[k].iloc[row]) for k in keys)
        raise ParseError(file, f"country-year {where} appears twice; each must be unique",
                         row=row + header_rows + 1)


def _gdd_country(name: str) -> str:
    if name in _GDD_NAMES:
        return _GDD_NAMES[name]
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return ""


def parse_gdd(path: Path, dataset: str) -> pd.DataFrame:
    """Parse the Global Debt Database workbook (sheet ``rawdata``) into tidy rows.

    Parameters
    ----------
    path : Path
        ``Global Debt Database.xlsx`` as published by the IMF.
    dataset : str
        ``"IMF_GDD"`` (all instruments, government, GDP) or ``"IMF_GDD_LS"``
        (loans and debt securities).

    Returns
    -------
    DataFrame
        Tidy annual observations (:mod:`debtcycle.schema`).

    Raises
    ------
    ParseError
        If the sheet or a column is missing, a country name is unknown, a cell
        holds text where a number belongs, or a country-year appears twice.
    """
    variables = GDD_VARIABLES[dataset]
    file = path.name
    raw = _read_sheet(path, _GDD_SHEET, _GDD_HEADER_ROW, GDD_URL)
    header_rows = _GDD_HEADER_ROW + 1
    _require(raw, ["ifscode", "country", "year", *variables], file,
             "the GDD 'rawdata' sheet with variable codes on its third row")
    _no_duplicates(raw, ["ifscode", "year"], file, header_rows)
    names = {n: _gdd_country(str(n)) for n in raw["country"].dropna().unique()}
    unknown = sorted(n for n, code in names.items() if not code)
    if unknown:
        raise ParseError(file, f"unknown country names {unknown[:5]}; add them to the IMF "
                         "name table in sources/imf.py", column="country")
    country = raw["country"].map(names)
    period = _years(raw, file, header_rows)
    ifs = pd.to_numeric(raw["ifscode"], errors="coerce").astype("Int64").astype(str)
    parts = []
    for column, meta in variables.items():
        values = numeric_column(raw, column, file, first_row=header_rows + 1)
        frame = pd.DataFrame({"country": country, "period": period, "value": values})
        tidy = long_to_tidy(frame, source="imf", dataset=dataset, sector=meta.sector,
                            measure=meta.measure, unit=meta.unit, freq="A", key=column,
                            title=meta.title)
        tidy["series_key"] = ifs.loc[tidy.index] + ":" + column
        parts.append(tidy)
    return pd.concat(parts, ignore_index=True)


def parse_pfmh(path: Path, dataset: str) -> pd.DataFrame:
    """Parse the Public Finances in Modern History workbook (sheet ``data``) into tidy rows.

    Each variable is split by the workbook's coverage flag into a general- and
    a central-government series (see the module docstring).

    Raises
    ------
    ParseError
        If the sheet or a column is missing, a cell holds text where a number
        belongs, a flag is not 0/1, or a country-year appears twice.
    """
    file = path.name
    raw = _read_sheet(path, _PFMH_SHEET, 0, PFMH_URL)
    flags = sorted({flag for flag, _, _ in PFMH_VARIABLES.values()})
    _require(raw, ["isocode", "year", *flags, *PFMH_VARIABLES], file,
             "the PFMH 'data' sheet (country, isocode, ifscode, year, GG_budg, GG_debt, ...)")
    _no_duplicates(raw, ["isocode", "year"], file, 1)
    codes = {c: iso2(str(c), strict=False) for c in raw["isocode"].dropna().unique()}
    unknown = sorted(str(c) for c, two in codes.items() if not two)
    if unknown:
        raise ParseError(file, f"unknown ISO alpha-3 codes {unknown[:5]}", column="isocode")
    country = raw["isocode"].map(codes)
    period = _years(raw, file, 1)
    coverage = {}
    for flag in flags:
        values = numeric_column(raw, flag, file, first_row=2)
        if not values.isin([0.0, 1.0]).all():
            row = int((~values.isin([0.0, 1.0])).to_numpy().argmax())
            raise ParseError(file, f"coverage flag must be 0 or 1, found {raw[flag].iloc[row]!r}",
                             row=row + 2, column=flag)
        coverage[flag] = values == 1.0
    parts = []
    for column, (flag, measure, title) in PFMH_VARIABLES.items():
        values = numeric_column(raw, column, file, first_row=2)
        for general, sector, tag in ((True, "general_gov", "GG"), (False, "central_gov", "CG")):
            keep = coverage[flag] == general
            frame = pd.DataFrame({"country": country[keep], "period": period[keep],
                                  "value": values[keep]})
            tidy = long_to_tidy(frame, source="imf", dataset=dataset, sector=sector,
                                measure=measure, unit=_PCT, freq="A", key=f"{column}@{tag}",
                                title=f"{title} ({sector.replace('_', ' ')})")
            tidy["series_key"] = raw.loc[tidy.index, "isocode"] + f":{column}@{tag}"
            parts.append(tidy)
    return pd.concat(parts, ignore_index=True)


SOURCE = Source(
    name="imf",
    title="International Monetary Fund",
    homepage="https://www.imf.org/external/datamapper/",
    citation=("Mbaye, S., Moreno Badia, M. and Chae, K. (2018), Global Debt Database: "
              "Methodology and Sources, IMF WP/18/111; Mauro, P., Romeu, R., Binder, A. and "
              "Zaman, A. (2015), A Modern History of Fiscal Prudence and Profligacy, Journal of "
              "Monetary Economics 76."),
    files=(
        SourceFile(dataset="IMF_PFMH", mirror_path="imf/PFMH.xlsx", url=PFMH_URL,
                   parse=parse_pfmh, vintage="release covering 1800-2024",
                   description="Public Finances in Modern History: government debt, revenue, "
                   "expenditure, interest, primary balance, % of GDP",
                   expect=Expect(min_series=900, last_period_from="2024")),
        SourceFile(dataset="IMF_GDD", mirror_path="imf/Global Debt Database.xlsx",
                   url=GDD_URL, parse=parse_gdd, vintage="release of 2018-12-11, data to 2017",
                   description="Global Debt Database, all instruments: household, NFC, private, "
                   "general and central government debt, % of GDP",
                   expect=Expect(min_series=500, last_period_from="2017")),
        SourceFile(dataset="IMF_GDD_LS", mirror_path="imf/Global Debt Database.xlsx",
                   url=GDD_URL, parse=parse_gdd, vintage="release of 2018-12-11, data to 2017",
                   description="Global Debt Database, loans and debt securities only: household, "
                   "NFC and private debt, % of GDP",
                   expect=Expect(min_series=300, last_period_from="2017")),
    ),
)
