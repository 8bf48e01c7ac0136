"""Bank of Japan flow of funds accounts: financial surplus/deficit by sector.

Official source: the BOJ Time-Series Data Search
(``https://www.stat-search.boj.or.jp/``), Flow of Funds, annual by fiscal year,
series ``FF'FOF_FFYF<sector>L700`` ("負債・資金過不足／<sector>／フロー": financial
surplus (+) or deficit (-), recorded on the liabilities side, flows).  The
export is a Shift-JIS CSV: row 1 ``データコード`` lists the series codes, row 2
``系列名称`` their Japanese names, then one row per fiscal year.  Values are in
100 million yen.

Periods are **fiscal years** (April to March): period ``1990`` is FY1990,
April 1990 to March 1991.  They are stored with frequency ``A`` under the
starting year; divide by fiscal-year GDP, or accept a quarter's shift against
calendar-year GDP (see ``docs/balance_sheet_recession.md``).

The six sectors of the file sum to zero in every year (the flow-of-funds
identity); households, firms and government use the canonical sectors, the
other three get their own measures (``financial_balance_fin``,
``financial_balance_row``, ``financial_balance_npish``) on sector ``economy``.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Final, NamedTuple

import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.sources._tidy import long_to_tidy
from debtcycle.sources.base import Expect, Source, SourceFile

__all__ = ["BOJ_SERIES", "SOURCE", "parse_boj_fof"]

URL = ("https://www.stat-search.boj.or.jp/ssi/cgi-bin/famecgi2?cgi=$nme_a000_en&lstSelection=FF"
       " (Flow of Funds, annual by fiscal year, financial surplus/deficit FF'FOF_FFYF*L700)")
UNIT = "lcu_100mn"


class BojSeries(NamedTuple):
    """Canonical codes of one BOJ flow-of-funds series."""

    sector: str
    measure: str
    title: str


#: BOJ series code (without the ``FF'FOF_`` prefix) -> canonical codes.
BOJ_SERIES: Final[dict[str, BojSeries]] = {
    "FFYF420L700": BojSeries("general_gov", "financial_balance",
                             "Financial surplus/deficit, general government (FY, flow)"),
    "FFYF430L700": BojSeries("households", "financial_balance",
                             "Financial surplus/deficit, households (FY, flow)"),
    "FFYF410L700": BojSeries("nonfin_corp", "financial_balance",
                             "Financial surplus/deficit, private non-financial corporations "
                             "(FY, flow)"),
    "FFYF100L700": BojSeries("economy", "financial_balance_fin",
                             "Financial surplus/deficit, financial institutions (FY, flow)"),
    "FFYF500L700": BojSeries("economy", "financial_balance_row",
                             "Financial surplus/deficit, overseas (rest of the world) (FY, flow)"),
    "FFYF440L700": BojSeries("economy", "financial_balance_npish",
                             "Financial surplus/deficit, NPISHs (FY, flow)"),
}

_YEAR = re.compile(r"^\d{4}$")
_CODE_ROW = "データコード"


def _rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_bytes().decode("cp932")
    except UnicodeDecodeError as exc:
        raise ParseError(path.name, f"not Shift-JIS text ({exc.reason}); expected the BOJ "
                         "Time-Series Data Search CSV export") from exc
    rows = [r for r in csv.reader(io.StringIO(text)) if r and any(c.strip() for c in r)]
    if not rows or rows[0][0].strip() != _CODE_ROW:
        raise ParseError(path.name, f"first cell should be {_CODE_ROW!r} (series codes row); "
                         "export the series again from the BOJ Time-Series Data Search", row=1)
    return rows


def _codes(path: Path, header: list[str]) -> list[str]:
    codes = [c.strip().split("_", 1)[-1] for c in header[1:]]
    unknown = [c for c in codes if c not in BOJ_SERIES]
    if unknown:
        raise ParseError(path.name, f"unexpected series codes {unknown}; expected "
                         f"{sorted(BOJ_SERIES)}", row=1)
    return codes


def _values(path: Path, rows: list[list[str]], width: int) -> pd.DataFrame:
    data = [r for r in rows if _YEAR.match(r[0].strip())]
    if not data:
        raise ParseError(path.name, "no data rows (first column should be a fiscal year)")
    records = {}
    for row in data:
        if len(row) != width:
            raise ParseError(path.name, f"{len(row)} cells, expected {width}",
                             row=rows.index(row) + 1)
        cells = pd.to_numeric(pd.Series(row[1:]).str.replace(",", ""), errors="coerce")
        bad = cells.isna() & pd.Series([c.strip() != "" for c in row[1:]])
        if bad.any():
            raise ParseError(path.name, f"expected a number, found {row[1 + int(bad.idxmax())]!r}",
                             row=rows.index(row) + 1)
        records[row[0].strip()] = cells.to_numpy()
    return pd.DataFrame.from_dict(records, orient="index")


def parse_boj_fof(path: Path, dataset: str) -> pd.DataFrame:
    """Parse the BOJ financial surplus/deficit export into tidy annual (fiscal-year) rows.

    Parameters
    ----------
    path : Path
        The Shift-JIS CSV exported from the BOJ Time-Series Data Search.
    dataset : str
        Dataset code (``"BOJ_FOF_FSD"``).

    Returns
    -------
    DataFrame
        Tidy observations, one series per sector, in 100 million yen.

    Raises
    ------
    ParseError
        If the file is not Shift-JIS, lacks the code row, holds unknown series
        codes, or a cell is not a number.
    """
    rows = _rows(path)
    codes = _codes(path, rows[0])
    table = _values(path, rows, len(rows[0]))
    table.columns = pd.Index(codes)
    parts = []
    for code in codes:
        meta = BOJ_SERIES[code]
        frame = pd.DataFrame({"country": "JP", "period": table.index, "value": table[code]})
        parts.append(long_to_tidy(frame, source="boj", dataset=dataset, sector=meta.sector,
                                  measure=meta.measure, unit=UNIT, freq="A",
                                  key=f"FF'FOF_{code}", title=meta.title))
    return pd.concat(parts, ignore_index=True)


SOURCE = Source(
    name="boj",
    title="Bank of Japan, Flow of Funds Accounts",
    homepage="https://www.boj.or.jp/en/statistics/sj/index.htm",
    citation="Bank of Japan, Flow of Funds Accounts (Time-Series Data Search), financial "
             "surplus/deficit by sector.",
    files=(
        SourceFile(dataset="BOJ_FOF_FSD",
                   mirror_path="japan/boj_fof_financial_surplus_deficit_FY1980.csv",
                   url=URL, parse=parse_boj_fof,
                   vintage="fiscal years 1980-2024 (FY = April-March), 100 million yen",
                   description="Financial surplus/deficit by sector, annual by fiscal year",
                   expect=Expect(min_series=6, last_period_from="2024")),
    ),
)
