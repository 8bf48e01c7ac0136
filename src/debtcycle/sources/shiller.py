"""Robert J. Shiller's monthly US stock market data (``ie_data.xls``), 1871 onward.

Official download: ``https://img1.wsimg.com/blobby/go/e5e77e0b-59d1-44d9-ab25-4763ac982e53/downloads/ie_data.xls``,
linked from ``http://www.econ.yale.edu/~shiller/data.htm`` and
``https://shillerdata.com/``.  Sheet ``Data``: a title block, then a header
row starting with ``Date``; one row per month with the date written as a
decimal ``YYYY.MM`` (``1871.01`` ... ``1871.1`` is October, ``1871.12``
December), then ``P`` (S&P Composite, monthly average of daily closes),
``D`` and ``E`` (dividends and earnings per share, annual rates), ``CPI``,
``Rate GS10`` (10-year Treasury yield, %), real prices and the real total
return indices of stocks and bonds.  Trailing note rows (text in column A or
none) end the table.  The latest months are partly estimated by Shiller (the
notes below the table say which); they are loaded as published.

Loaded for ``US``: ``equity_index`` (P), ``equity_tr_real`` (real total
return price), ``equity_dividend`` (D), ``equity_earnings`` (E), ``cpi``,
``yield_10y`` (GS10) and ``bond_tr_real`` (real total bond returns index).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final, NamedTuple

import numpy as np
import pandas as pd
from python_calamine import CalamineError, CalamineWorkbook

from debtcycle.errors import ParseError
from debtcycle.sources._tidy import long_to_tidy, numeric_column
from debtcycle.sources.base import Expect, Source, SourceFile

__all__ = ["SHILLER_COLUMNS", "SOURCE", "parse_shiller", "shiller_months"]

URL = ("https://img1.wsimg.com/blobby/go/e5e77e0b-59d1-44d9-ab25-4763ac982e53/downloads/"
       "ie_data.xls")
SHEET = "Data"


class ShillerColumn(NamedTuple):
    """Canonical codes of one column of the ``Data`` sheet (by its position)."""

    position: int
    label: str
    measure: str
    unit: str
    title: str


#: The columns loaded, by position in the sheet (the header labels are checked).
SHILLER_COLUMNS: Final[tuple[ShillerColumn, ...]] = (
    ShillerColumn(1, "P", "equity_index", "index",
                  "S&P Composite stock price index, monthly average (Shiller)"),
    ShillerColumn(2, "D", "equity_dividend", "index_points",
                  "S&P Composite dividends per share, annual rate (Shiller)"),
    ShillerColumn(3, "E", "equity_earnings", "index_points",
                  "S&P Composite earnings per share, annual rate (Shiller)"),
    ShillerColumn(4, "CPI", "cpi", "index_1982_84",
                  "Consumer price index, all urban consumers (Shiller)"),
    ShillerColumn(6, "Rate GS10", "yield_10y", "pct", "10-year Treasury yield, GS10 (Shiller)"),
    ShillerColumn(9, "Price", "equity_tr_real", "index",
                  "S&P Composite real total return price, dividends reinvested (Shiller)"),
    ShillerColumn(18, "Returns", "bond_tr_real", "index",
                  "Real total bond returns index, 10-year Treasury (Shiller)"),
)


def shiller_months(dates: pd.Series, file: str) -> list[str]:
    """Turn Shiller's decimal dates (``1871.01``, ``1871.1`` = October) into ``YYYY-MM``.

    Raises
    ------
    ParseError
        If a date is not a number or its month is not 1..12.
    """
    values = pd.to_numeric(dates, errors="coerce").to_numpy(dtype=float)
    if np.isnan(values).any():
        row = int(np.isnan(values).argmax())
        raise ParseError(file, f"bad date {dates.iloc[row]!r}; expected YYYY.MM")
    years = np.floor(values).astype(int)
    months = np.rint((values - years) * 100).astype(int)
    bad = (months < 1) | (months > 12)
    if bad.any():
        row = int(bad.argmax())
        raise ParseError(file, f"bad date {dates.iloc[row]!r}; the month must be 01..12")
    return [f"{y:04d}-{m:02d}" for y, m in zip(years, months, strict=True)]


def _rows(path: Path) -> list[list[Any]]:
    try:
        book = CalamineWorkbook.from_path(str(path))
        if SHEET not in book.sheet_names:
            raise ParseError(path.name, f"no sheet {SHEET!r} (found {book.sheet_names}); "
                             f"download ie_data.xls again from {URL}")
        return book.get_sheet_by_name(SHEET).to_python(skip_empty_area=False)
    except CalamineError as exc:
        raise ParseError(path.name, f"not a readable Excel workbook ({exc}); download it "
                         f"again from {URL}") from exc


def _table(path: Path) -> tuple[pd.DataFrame, int]:
    """Return the data rows (strings/numbers as read) and the sheet row of the first one."""
    rows = _rows(path)
    header = next((i for i, r in enumerate(rows) if r and str(r[0]).strip() == "Date"), None)
    if header is None:
        raise ParseError(path.name, f"no header row starting with 'Date' in sheet {SHEET!r}")
    labels = [str(c).strip() for c in rows[header]]
    for col in SHILLER_COLUMNS:
        if len(labels) <= col.position or labels[col.position] != col.label:
            found = labels[col.position] if len(labels) > col.position else None
            raise ParseError(path.name, f"column {col.position + 1} is {found!r}, expected "
                             f"{col.label!r}; the ie_data.xls layout changed")
    body: list[list[Any]] = []
    for row in rows[header + 1:]:
        if not row or not isinstance(row[0], int | float) or isinstance(row[0], bool):
            break  # the notes below the table
        body.append(row)
    if not body:
        raise ParseError(path.name, "no monthly rows below the header")
    width = max(len(r) for r in body)
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in body],
                         columns=[_letter(i) for i in range(width)])
    return frame.replace({"": None, "NA": None}), header + 2


def _letter(position: int) -> str:
    """Excel column letter of a 0-based position (A .. Z, AA ...), as named in errors."""
    return chr(65 + position) if position < 26 else "A" + chr(65 + position - 26)


def parse_shiller(path: Path, dataset: str) -> pd.DataFrame:
    """Parse ``ie_data.xls`` into tidy monthly US observations (one series per column).

    Raises
    ------
    ParseError
        On a missing sheet or header, a moved column, a bad date or text in a
        number cell (with the row).
    """
    frame, first_row = _table(path)
    period = shiller_months(frame["A"], path.name)
    parts = []
    for col in SHILLER_COLUMNS:
        values = numeric_column(frame, _letter(col.position), path.name, first_row=first_row)
        tidy_in = pd.DataFrame({"country": "US", "period": period, "value": values})
        parts.append(long_to_tidy(tidy_in, source="shiller", dataset=dataset, sector="economy",
                                  measure=col.measure, unit=col.unit, freq="M",
                                  key=f"SHILLER:{col.measure}", title=col.title))
    return pd.concat(parts, ignore_index=True)


SOURCE = Source(
    name="shiller",
    title="Robert J. Shiller, US stock market data (Irrational Exuberance)",
    homepage="http://www.econ.yale.edu/~shiller/data.htm",
    citation=("Shiller, R. J., Irrational Exuberance, Princeton University Press; monthly "
              "data at http://www.econ.yale.edu/~shiller/data.htm."),
    files=(
        SourceFile(dataset="SHILLER_IE", mirror_path="us/shiller/ie_data.xls", url=URL,
                   parse=parse_shiller, vintage="update of July 2026 (1871-01 .. 2026-07)",
                   description="S&P Composite price, dividends, earnings, CPI, GS10, real "
                               "total returns, monthly",
                   # an .xls (OLE2) workbook: binary, no final line break to check
                   expect=Expect(min_series=7, min_rows=12000, first_period_by="1871-01",
                                 last_period_from="2026-01", line_break_at_end=False)),
    ),
)
