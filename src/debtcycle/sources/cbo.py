"""Congressional Budget Office (CBO): budget and economic projections and history.

Four unmodified CBO files are read:

* ``51119-2024-03-LTBO-budget.xlsx``: supplemental data of *The Long-Term Budget
  Outlook: 2024 to 2054* (publication 59711), sheet ``1. Summary Ext Baseline``,
  the extended baseline by fiscal year in % of GDP (plus GDP in trillions).
* ``51134-2026-02-Historical-Budget-Data.xlsx``: historical budget data that
  supplement *The Budget and Economic Outlook: 2026 to 2036* (publication
  61882), fiscal years 1962-2025, billions of dollars and % of GDP.
* ``annual_fy_2026-02.csv``: *The Long-Term Budget Outlook: 2026 to 2056*
  (publication 62044) as CBO publishes it in its machine-readable repository
  (long format ``date,variable,value``, fiscal years 2026-2056, % of GDP).
* ``Annual_CY_February2026.csv``: CBO's history and 10-year projections of key
  economic variables (February 2026), calendar years 1949-2036.

Budget series are federal (``central_gov``) and by fiscal year (October to
September, labelled by the year it ends); economic series are by calendar
year.  The series key names the CBO table and column, e.g.
``US:LTBO:Federal debt held by the public``.  Projections are stored as the
publisher gives them: the series title says which years are projected.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final, NamedTuple

import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.sources._tidy import long_to_tidy
from debtcycle.sources.base import Expect, Source, SourceFile

__all__ = ["ECON_COLUMNS", "HIST_COLUMNS", "LTBO26_COLUMNS", "LTBO_COLUMNS", "SOURCE",
           "read_cbo_table"]

LTBO_URL = "https://www.cbo.gov/system/files/2024-03/51119-2024-03-LTBO-budget.xlsx"
HIST_URL = "https://www.cbo.gov/system/files/2026-02/51134-2026-02-Historical-Budget-Data.xlsx"
#: CBO links the zip archive holding this CSV from the publication page (per its README).
ECON_URL = "https://www.cbo.gov/publication/61882"
LTBO_SHEET = "1. Summary Ext Baseline"
LTBO26_URL = ("https://raw.githubusercontent.com/US-CBO/cbo-data/main/data/budget/"
              "long_term_budget/annual_fy_2026-02.csv")


class CboColumn(NamedTuple):
    """Canonical codes of one CBO column; ``scale`` multiplies the published value."""

    sector: str
    measure: str
    unit: str
    scale: float = 1.0


_C, _E = "central_gov", "economy"

#: LTBO summary sheet: column header -> canonical codes (extended baseline, FY).
LTBO_COLUMNS: Final[dict[str, CboColumn]] = {
    "Revenues": CboColumn(_C, "gov_revenue_gdp", "pct_gdp"),
    "Net interest": CboColumn(_C, "gov_interest_gdp", "pct_gdp"),
    "Total spending": CboColumn(_C, "gov_expenditure_gdp", "pct_gdp"),
    "Primary deficit (-)": CboColumn(_C, "gov_primary_balance_gdp", "pct_gdp"),
    "Total deficit (-)": CboColumn(_C, "gov_balance_gdp", "pct_gdp"),
    "Federal debt held by the public": CboColumn(_C, "debt_public_gdp", "pct_gdp"),
    "Gross federal debt": CboColumn(_C, "debt_gdp", "pct_gdp"),
    "GDP (trillions of dollars)": CboColumn(_E, "gdp_nominal", "usd_bn_fy", 1000.0),
}

#: Historical Budget Data: sheet -> {column header -> canonical codes} (FY 1962-).
HIST_COLUMNS: Final[dict[str, dict[str, CboColumn]]] = {
    "1. Rev, Outlays, Surplus, Debt": {
        "Revenues": CboColumn(_C, "gov_revenue_lcu", "usd_bn"),
        "Outlays": CboColumn(_C, "gov_expenditure_lcu", "usd_bn"),
        "Total": CboColumn(_C, "gov_balance_lcu", "usd_bn"),
        "Debt held by the public": CboColumn(_C, "debt_public_lcu", "usd_bn"),
    },
    "1a. Rev, Outlays, Surplus (GDP)": {
        "Revenues": CboColumn(_C, "gov_revenue_gdp", "pct_gdp"),
        "Outlays": CboColumn(_C, "gov_expenditure_gdp", "pct_gdp"),
        "Total": CboColumn(_C, "gov_balance_gdp", "pct_gdp"),
        "Debt held by the public": CboColumn(_C, "debt_public_gdp", "pct_gdp"),
    },
    "2. Revenues": {"Customs duties": CboColumn(_C, "gov_customs_lcu", "usd_bn")},
    "3. Outlays": {"Net interest": CboColumn(_C, "gov_interest_lcu", "usd_bn")},
    "3a. Outlays as Share of GDP": {"Net interest": CboColumn(_C, "gov_interest_gdp", "pct_gdp")},
}

#: Annual_CY economic file: column -> canonical codes (calendar years).
ECON_COLUMNS: Final[dict[str, CboColumn]] = {
    "gdp": CboColumn(_E, "gdp_nominal", "usd_bn"),
    "real_gdp": CboColumn(_E, "gdp_real", "usd_bn_chained_2017"),
    "real_potential_gdp": CboColumn(_E, "gdp_potential", "usd_bn_chained_2017"),
    "gdp_price_index": CboColumn(_E, "deflator", "index_2017"),
    "treasury_note_rate_10yr": CboColumn(_E, "yield_10y", "pct"),
    "treasury_bill_rate_3mo": CboColumn(_E, "bill_rate", "pct"),
    "fed_funds_rate": CboColumn(_E, "policy_rate", "pct"),
    "unemployment_rate": CboColumn(_E, "unemployment", "pct"),
    "imports": CboColumn(_E, "imports_lcu", "usd_bn"),
    "exports": CboColumn(_E, "exports_lcu", "usd_bn"),
    "real_government_c_gi": CboColumn("general_gov", "gov_consumption_lcu",
                                      "usd_bn_chained_2017"),
}

#: LTBO 2026 CSV: variable -> canonical codes (extended baseline, FY 2026-2056).
LTBO26_COLUMNS: Final[dict[str, CboColumn]] = {
    "lt_rev_total_gdp_share": CboColumn(_C, "gov_revenue_gdp", "pct_gdp"),
    "lt_rev_customs_gdp_share": CboColumn(_C, "gov_customs_gdp", "pct_gdp"),
    "lt_outlays_net_interest_gdp_share": CboColumn(_C, "gov_interest_gdp", "pct_gdp"),
    "lt_outlays_total_gdp_share": CboColumn(_C, "gov_expenditure_gdp", "pct_gdp"),
    "lt_primary_deficit_gdp_share": CboColumn(_C, "gov_primary_balance_gdp", "pct_gdp"),
    "lt_deficit_total_gdp_share": CboColumn(_C, "gov_balance_gdp", "pct_gdp"),
    "lt_debt_held_by_public_gdp_share": CboColumn(_C, "debt_public_gdp", "pct_gdp"),
    "lt_gross_federal_debt_gdp_share": CboColumn(_C, "debt_gdp", "pct_gdp"),
    "lt_gdp_trillions": CboColumn(_E, "gdp_nominal", "usd_bn_fy", 1000.0),
}

_FOOTNOTE = re.compile(r"[\u1d43-\u1dbf\u00b9\u00b2\u00b3\u2070-\u209f]+$")


def _clean(label: object) -> str:
    text = re.sub(r"\s+", " ", str(label)).strip()
    return _FOOTNOTE.sub("", text).strip()


def _find(header: dict[str, int], name: str) -> int | None:
    """Column of ``name``; CBO appends footnote letters to labels (``Medicarea``)."""
    if name in header:
        return header[name]
    for label, col in header.items():
        if label[:-1] == name and label[-1] in "abcdefghij":
            return col
    return None


def _year_rows(first: pd.Series) -> pd.Series:
    years = pd.to_numeric(first, errors="coerce")
    return years.where((years >= 1900) & (years <= 2200) & (years == years.round()))


def read_cbo_table(raw: pd.DataFrame, columns: list[str], file: str) -> pd.DataFrame:
    """Return a year-indexed table of ``columns`` from a CBO sheet read without header.

    CBO sheets put a title block above a header that spans several rows and a
    year in column A of each data row.  The header cell of each wanted column
    is the last non-empty text above the first year row (footnote letters
    stripped).

    Parameters
    ----------
    raw : DataFrame
        The sheet as read with ``header=None``.
    columns : list of str
        Header labels to extract.
    file : str
        File (and sheet) named in errors.

    Raises
    ------
    ParseError
        If no year rows are found, a wanted column is missing, or a cell is
        neither a number nor ``n.a.``.
    """
    years = _year_rows(raw.iloc[:, 0])
    if years.notna().sum() == 0:
        raise ParseError(file, "no fiscal-year rows found in column A; expected CBO's layout")
    first = int(years.first_valid_index())  # type: ignore[arg-type]
    header: dict[str, int] = {}
    for col in range(1, raw.shape[1]):
        labels = raw.iloc[:first, col].dropna()
        if len(labels):
            header.setdefault(_clean(labels.iloc[-1]), col)
    found = {c: _find(header, c) for c in columns}
    missing = [c for c, col in found.items() if col is None]
    if missing:
        raise ParseError(file, f"columns {missing} not found; found {sorted(header)}")
    where = {c: int(col) for c, col in found.items() if col is not None}
    rows = raw.loc[years.notna()]
    out = {}
    for name in columns:
        column: pd.Series = rows.iloc[:, where[name]]
        cells = column.where(column.astype(str).str.strip() != "n.a.")
        values = pd.to_numeric(cells, errors="coerce")
        bad = values.isna() & cells.notna()
        if bad.any():
            row = int(bad.to_numpy().argmax())
            raise ParseError(file, f"expected a number, found {cells.iloc[row]!r}",
                             row=int(rows.index[row]) + 1, column=name)
        out[name] = values.to_numpy()
    return pd.DataFrame(out, index=years.dropna().astype(int).to_numpy())


def _read_sheet(path: Path, sheet: str, url: str) -> pd.DataFrame:
    try:
        return pd.read_excel(path, sheet_name=sheet, header=None, engine="calamine")
    except ValueError as exc:
        raise ParseError(path.name, f"cannot read sheet {sheet!r} ({exc}); download the "
                         f"workbook again from {url}") from exc


def _tidy(table: pd.DataFrame, spec: dict[str, CboColumn], *, dataset: str, table_name: str,
          title: str) -> list[pd.DataFrame]:
    parts = []
    for name, meta in spec.items():
        frame = pd.DataFrame({"country": "US", "period": table.index.astype(str),
                              "value": table[name].to_numpy() * meta.scale})
        parts.append(long_to_tidy(frame, source="cbo", dataset=dataset, sector=meta.sector,
                                  measure=meta.measure, unit=meta.unit, freq="A",
                                  key=f"{table_name}:{name}", title=f"{name} ({title})"))
    return parts


def parse_ltbo(path: Path, dataset: str) -> pd.DataFrame:
    """Parse the LTBO summary sheet (extended baseline, FY 2024-2054, % of GDP)."""
    raw = _read_sheet(path, LTBO_SHEET, LTBO_URL)
    table = read_cbo_table(raw, list(LTBO_COLUMNS), f"{path.name}[{LTBO_SHEET}]")
    return pd.concat(_tidy(table, LTBO_COLUMNS, dataset=dataset, table_name="LTBO",
                           title="CBO extended baseline, fiscal year, projection"),
                     ignore_index=True)


def parse_hist(path: Path, dataset: str) -> pd.DataFrame:
    """Parse CBO's Historical Budget Data (FY 1962-2025) sheets 1, 1a, 2, 3 and 3a."""
    parts: list[pd.DataFrame] = []
    for sheet, spec in HIST_COLUMNS.items():
        raw = _read_sheet(path, sheet, HIST_URL)
        table = read_cbo_table(raw, list(spec), f"{path.name}[{sheet}]")
        parts += _tidy(table, spec, dataset=dataset, table_name=f"HIST{sheet.split('.')[0]}",
                       title="CBO historical budget data, fiscal year")
    return pd.concat(parts, ignore_index=True)


def parse_ltbo_csv(path: Path, dataset: str) -> pd.DataFrame:
    """Parse CBO's long-term budget CSV (``date,variable,value``; ``date`` like ``FY2026``)."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ParseError(path.name, f"not CBO's CSV layout ({exc}); download it again "
                         f"from {LTBO26_URL}") from exc
    if list(raw.columns) != ["date", "variable", "value"]:
        raise ParseError(path.name, f"header {list(raw.columns)}; expected ['date', 'variable', "
                         "'value'] (CBO cbo-data long format)")
    years = pd.to_numeric(raw["date"].str.removeprefix("FY"), errors="coerce")
    values = pd.to_numeric(raw["value"], errors="coerce")
    for bad, what in ((years.isna(), "date like 'FY2026'"), (values.isna(), "a number")):
        if bad.any():
            row = int(bad.to_numpy().argmax())
            raise ParseError(path.name, f"expected {what}, found "
                             f"{raw.iloc[row].tolist()!r}", row=row + 2)
    table = pd.DataFrame({"year": years.astype(int), "variable": raw["variable"],
                          "value": values}).pivot(index="year", columns="variable",
                                                  values="value")
    missing = [c for c in LTBO26_COLUMNS if c not in table.columns]
    if missing:
        raise ParseError(path.name, f"variables {missing} not found; expected CBO's "
                         "long-term budget projections")
    return pd.concat(_tidy(table, LTBO26_COLUMNS, dataset=dataset, table_name="LTBO26",
                           title="CBO extended baseline 2026, fiscal year, projection"),
                     ignore_index=True)


def parse_econ(path: Path, dataset: str) -> pd.DataFrame:
    """Parse CBO's Annual_CY economic projections (history to 2025, projections to 2036)."""
    try:
        raw = pd.read_csv(path)
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise ParseError(path.name, f"not CBO's CSV layout ({exc}); download it again "
                         f"from {ECON_URL}") from exc
    missing = [c for c in ("date", *ECON_COLUMNS) if c not in raw.columns]
    if missing:
        raise ParseError(path.name, f"missing columns {missing}; expected CBO's Annual_CY file")
    years = _year_rows(raw["date"])
    if years.isna().any():
        row = int(years.isna().to_numpy().argmax())
        raise ParseError(path.name, f"bad year {raw['date'].iloc[row]!r}", row=row + 2,
                         column="date")
    table = raw[list(ECON_COLUMNS)].apply(pd.to_numeric, errors="raise")
    table.index = pd.Index(years.astype(int).to_numpy())
    return pd.concat(_tidy(table, ECON_COLUMNS, dataset=dataset, table_name="ECON",
                           title="CBO Feb 2026, calendar year, projected from 2026"),
                     ignore_index=True)


SOURCE = Source(
    name="cbo",
    title="Congressional Budget Office",
    homepage="https://www.cbo.gov/data",
    citation=("Congressional Budget Office, The Long-Term Budget Outlook: 2024 to 2054 (March "
              "2024); The Long-Term Budget Outlook: 2026 to 2056 (February 2026); The Budget "
              "and Economic Outlook: 2026 to 2036 (February 2026)."),
    files=(
        SourceFile(dataset="CBO:LTBO-2024", mirror_path="us/cbo/51119-2024-03-LTBO-budget.xlsx",
                   url=LTBO_URL, parse=parse_ltbo, vintage="March 2024 (reposted 2024-04-05)",
                   description="Extended baseline budget projections FY2024-2054, % of GDP",
                   expect=Expect(min_series=8, last_period_from="2054")),
        SourceFile(dataset="CBO:LTBO-2026",
                   mirror_path="us/cbo/cbo-data/long_term_budget/annual_fy_2026-02.csv",
                   url=LTBO26_URL, parse=parse_ltbo_csv, vintage="February 2026",
                   description="Extended baseline budget projections FY2026-2056, % of GDP"),
        SourceFile(dataset="CBO:HIST-2026",
                   mirror_path="us/cbo/51134-2026-02-Historical-Budget-Data.xlsx",
                   url=HIST_URL, parse=parse_hist, vintage="February 2026 (FY1962-2025)",
                   description="Revenues, outlays, deficits, debt, customs duties, net interest",
                   expect=Expect(min_series=11, last_period_from="2025")),
        SourceFile(dataset="CBO:ECON-2026",
                   mirror_path="us/cbo/econ_2026-02/Annual_CY_February2026.csv",
                   url=ECON_URL, parse=parse_econ,
                   vintage="February 2026 (projections 2026-2036)",
                   description="Key economic variables, calendar years 1949-2036",
                   expect=Expect(min_series=11, last_period_from="2036")),
    ),
)
