"""Global Macro Database (Müller, Xu, Lehbib and Chen, 2025), distribution CSV files.

Official files: ``https://www.globalmacrodata.com/`` (data browser and bulk
download); the same distribution CSVs are published in the project's repository
under ``data/distribute/<VARIABLE>_<VERSION>.csv``.  Each file has ``ISO3``,
``countryname``, ``year``, the spliced variable column and, for most variables,
one column per underlying source.  Only the spliced variable is loaded.
The mirror holds country subsets of the 2025-06 release (same layout).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, NamedTuple

import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.sources._csv_col import check_complete_text
from debtcycle.sources._tidy import long_to_tidy, numeric_column
from debtcycle.sources.base import Expect, Source, SourceFile
from debtcycle.vocab import iso2

__all__ = ["GMD_VARIABLES", "SOURCE", "parse_gmd", "prefer_official_actual"]

VERSION = "2025_06"
#: Headline sources that publish projections for the latest years.
PROJECTION_SOURCES: Final[tuple[str, ...]] = ("OECD_EO", "IMF_WEO_forecast")
#: Official actuals preferred over a projection headline, best first.
OFFICIAL_ACTUALS: Final[tuple[str, ...]] = ("IMF_IFS", "IMF_WEO", "IMF_GFS")
#: From this year on (the year before the 2025-06 release) a projection headline is replaced.
ACTUAL_FROM_YEAR: Final[int] = 2024
URL = ("https://raw.githubusercontent.com/KMueller-Lab/Global-Macro-Database/main/"
       "data/distribute/{file}_{version}.csv")


class GmdVariable(NamedTuple):
    """Canonical codes of one GMD variable column."""

    file: str
    column: str
    sector: str
    measure: str
    unit: str
    title: str


#: Dataset code -> the GMD variable it holds.
GMD_VARIABLES: Final[dict[str, GmdVariable]] = {
    "GMD:CA_GDP": GmdVariable("CA_GDP", "CA_GDP", "economy", "ca_gdp", "pct_gdp",
                              "Current account balance, % of GDP"),
    "GMD:govdef_GDP": GmdVariable("govdef_GDP", "govdef_GDP", "general_gov", "gov_balance_gdp",
                                  "pct_gdp", "Government balance (surplus +), % of GDP"),
    "GMD:govdebt_GDP": GmdVariable("govdebt_GDP", "govdebt_GDP", "general_gov", "debt_gdp",
                                   "pct_gdp", "Government debt, % of GDP"),
    "GMD:govrev_GDP": GmdVariable("govrev_GDP", "govrev_GDP", "general_gov", "gov_revenue_gdp",
                                  "pct_gdp", "Government revenue, % of GDP"),
    "GMD:govexp_GDP": GmdVariable("govexp_GDP", "govexp_GDP", "general_gov",
                                  "gov_expenditure_gdp", "pct_gdp",
                                  "Government expenditure, % of GDP"),
    "GMD:exports_GDP": GmdVariable("exports_GDP", "exports_GDP", "economy", "exports_gdp",
                                   "pct_gdp", "Exports of goods and services, % of GDP"),
    "GMD:imports_GDP": GmdVariable("imports_GDP", "imports_GDP", "economy", "imports_gdp",
                                   "pct_gdp", "Imports of goods and services, % of GDP"),
    "GMD:rGDP": GmdVariable("rGDP", "rGDP", "economy", "gdp_real", "lcu_mn_constant",
                            "Real GDP, constant local currency, millions"),
    "GMD:deflator": GmdVariable("deflator", "deflator", "economy", "deflator", "index_2010",
                                "GDP deflator, 2010 = 100"),
    "GMD:nGDP": GmdVariable("deflator", "nGDP", "economy", "gdp_nominal", "lcu_mn",
                            "Nominal GDP, local currency, millions"),
    "GMD:cbrate": GmdVariable("cbrate", "cbrate", "economy", "policy_rate", "pct",
                              "Central bank policy rate, %"),
    "GMD:ltrate": GmdVariable("ltrate", "ltrate", "economy", "yield_10y", "pct",
                              "Long-term government bond yield, %"),
}


def parse_gmd(path: Path, dataset: str) -> pd.DataFrame:
    """Parse one GMD distribution CSV (the spliced variable column) into tidy rows."""
    var = GMD_VARIABLES[dataset]
    try:
        raw = pd.read_csv(path, dtype={"ISO3": str}, encoding="utf-8", low_memory=False,
                          keep_default_na=False, na_values=[""])
    except UnicodeDecodeError as exc:
        raise ParseError(path.name, f"not UTF-8 text ({exc.reason})") from exc
    except pd.errors.EmptyDataError as exc:
        raise ParseError(path.name, "file is empty; expected ISO3,countryname,year,...") from exc
    check_complete_text(path, path.name)
    missing = [c for c in ("ISO3", "year", var.column) if c not in raw.columns]
    if missing:
        raise ParseError(path.name, f"missing columns {missing}; expected a GMD distribution "
                         f"file with ISO3, year and {var.column}")
    values = numeric_column(raw, var.column, path.name, first_row=1)
    years = pd.to_numeric(raw["year"], errors="coerce")
    if years.isna().any() or (years % 1 != 0).any():
        row = int((years.isna() | (years % 1 != 0)).to_numpy().argmax())
        raise ParseError(path.name, f"bad year {raw['year'].iloc[row]!r}", row=row + 1,
                         column="year")
    dup = raw.duplicated(["ISO3", "year"])
    if dup.any():
        row = int(dup.to_numpy().argmax())
        raise ParseError(path.name, f"country-year {raw['ISO3'].iloc[row]} {raw['year'].iloc[row]} "
                         "appears twice; each must be unique", row=row + 1)
    codes = {c: iso2(c, strict=False) for c in raw["ISO3"].dropna().unique()}
    values, notes = prefer_official_actual(raw, values, years)
    frame = pd.DataFrame({"country": raw["ISO3"].map(codes),
                          "period": years.astype(int).astype(str), "value": values})
    frame = frame[frame["country"].fillna("") != ""]
    tidy = long_to_tidy(frame, source="gmd", dataset=dataset, sector=var.sector,
                        measure=var.measure, unit=var.unit, freq="A", key=var.column,
                        title=var.title)
    for iso3, note in notes.items():
        rows = (tidy["country"] == codes.get(iso3, "")).to_numpy()
        tidy.loc[rows, "title"] = f"{var.title} ({note})"
    return tidy


def prefer_official_actual(raw: pd.DataFrame, values: pd.Series,
                           years: pd.Series) -> tuple[pd.Series, dict[str, str]]:
    """Replace headline projections of recent years by the official actual in the same row.

    GMD's spliced headline takes the latest years from projection publications
    (``OECD_EO``, the OECD Economic Outlook, and ``IMF_WEO_forecast``) even when
    the same row carries an official actual: China's 2024 current account is
    0.89% of GDP in the headline (OECD EO) against 2.26% in IMF IFS balance-of-
    payments data.  For rows from :data:`ACTUAL_FROM_YEAR` on whose headline
    ``source`` is a projection, the first of :data:`OFFICIAL_ACTUALS` with a
    value is used instead, only where ``chainlinking_ratio`` is 1 or empty (the
    headline is the source's value, so the actual is on the same footing).

    Returns
    -------
    tuple
        The values, and a note per ISO3 code naming the years replaced (kept in
        the series title, so the choice is in the store's provenance).
    """
    actual_cols = [c for c in OFFICIAL_ACTUALS if c in raw.columns]
    if "source" not in raw.columns or not actual_cols:
        return values, {}
    ratio = pd.to_numeric(raw.get("chainlinking_ratio", pd.Series(1.0, index=raw.index)),
                          errors="coerce").fillna(1.0)
    actual = raw[actual_cols].apply(pd.to_numeric, errors="coerce").bfill(axis=1).iloc[:, 0]
    which = raw[actual_cols].apply(pd.to_numeric, errors="coerce").notna().idxmax(axis=1)
    swap = (raw["source"].isin(PROJECTION_SOURCES) & (years >= ACTUAL_FROM_YEAR)
            & (ratio == 1.0) & actual.notna()).to_numpy()
    if not swap.any():
        return values, {}
    out = values.copy()
    out[swap] = actual[swap]
    notes: dict[str, str] = {}
    for iso3, group in raw[swap].assign(_used=which[swap]).groupby("ISO3"):
        parts = [f"{int(y)} {src}" for y, src in zip(group["year"], group["_used"], strict=True)]
        notes[str(iso3)] = ("official actual over the projection headline: "
                            + ", ".join(parts))
    return out, notes


SOURCE = Source(
    name="gmd",
    title="Global Macro Database",
    homepage="https://www.globalmacrodata.com/",
    citation=("Müller, K., Xu, C., Lehbib, M. and Chen, Z. (2025), The Global Macro Database: "
              "A New International Macroeconomic Dataset, NBER WP 33714."),
    files=tuple(
        SourceFile(dataset=code, mirror_path=f"gmd/{var.file}_{VERSION}_subset.csv",
                   url=URL.format(file=var.file, version=VERSION), parse=parse_gmd,
                   vintage=f"release {VERSION.replace('_', '-')} (values after ~2024 are "
                   "IMF WEO forecasts)", description=var.title,
                   expect=Expect(min_series=10, last_period_from="2025"))
        for code, var in GMD_VARIABLES.items()
    ),
)
