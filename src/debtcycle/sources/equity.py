"""Equity price indices: Nikkei 225 (monthly) and the Shanghai Composite (daily).

Official publishers: Nikkei Inc. (``https://indexes.nikkei.co.jp/en/nkave``) and
the Shanghai Stock Exchange / China Securities Index
(``https://english.sse.com.cn/markets/indices/``).  The mirrored files are
redistributions of those indices (see ``shared/data/MANIFEST.md``): the Yahoo
Finance download of ``^N225`` (``Date,Open,High,Low,Close,Adj Close,Volume``,
monthly) and the akshare/Sina export of ``000001.SH``
(``date,open,high,low,close,volume``, daily).  Only the close is loaded, as
``equity_index`` (index points).  The last Nikkei row is a partial month and is
dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, NamedTuple

import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.sources._tidy import long_to_tidy
from debtcycle.sources.base import Expect, Source, SourceFile
from debtcycle.sources.validate import strict_numbers

__all__ = ["EQUITY_FILES", "SOURCE", "parse_equity"]


class EquityFile(NamedTuple):
    """Layout of one mirrored equity file."""

    country: str
    date_column: str
    close_column: str
    freq: str
    key: str
    title: str
    drop_last: bool


#: Dataset code -> layout.
EQUITY_FILES: Final[dict[str, EquityFile]] = {
    "EQ_N225": EquityFile("JP", "Date", "Close", "M", "N225", "Nikkei 225, monthly close",
                          drop_last=True),
    "EQ_SSE": EquityFile("CN", "date", "close", "D", "000001.SH",
                         "Shanghai Stock Exchange Composite, daily close", drop_last=False),
}


def parse_equity(path: Path, dataset: str) -> pd.DataFrame:
    """Parse one equity index file (the close) into tidy observations.

    Parameters
    ----------
    path : Path
        The mirrored CSV file.
    dataset : str
        ``"EQ_N225"`` or ``"EQ_SSE"``.

    Returns
    -------
    DataFrame
        Tidy observations of ``equity_index`` (index points).

    Raises
    ------
    ParseError
        If the date or close column is missing, a date or a close is not valid.
    """
    spec = EQUITY_FILES[dataset]
    raw = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    missing = [c for c in (spec.date_column, spec.close_column) if c not in raw.columns]
    if missing:
        raise ParseError(path.name, f"missing columns {missing}; expected "
                         f"{spec.date_column},...,{spec.close_column}")
    dates = pd.to_datetime(raw[spec.date_column], format="%Y-%m-%d", errors="coerce")
    close = strict_numbers(raw[spec.close_column], path.name, first_row=2,
                           column=spec.close_column, missing=("", "null"))
    if dates.isna().any():
        row = int(dates.isna().to_numpy().argmax())
        raise ParseError(path.name, f"bad date {raw[spec.date_column].iloc[row]!r}",
                         row=row + 2, column=spec.date_column)
    if spec.drop_last:
        dates, close = dates.iloc[:-1], close.iloc[:-1]
    fmt = "%Y-%m" if spec.freq == "M" else "%Y-%m-%d"
    frame = pd.DataFrame({"country": spec.country, "period": dates.dt.strftime(fmt),
                          "value": close})
    return long_to_tidy(frame, source="equity", dataset=dataset, sector="economy",
                        measure="equity_index", unit="index", freq=spec.freq, key=spec.key,
                        title=spec.title)


SOURCE = Source(
    name="equity",
    title="Equity price indices (Nikkei 225, Shanghai Composite)",
    homepage="https://indexes.nikkei.co.jp/en/nkave",
    citation="Nikkei Inc., Nikkei Stock Average; Shanghai Stock Exchange, SSE Composite Index.",
    files=(
        SourceFile(dataset="EQ_N225", mirror_path="japan/yahoo_N225_monthly.csv",
                   url="https://finance.yahoo.com/quote/%5EN225/history/ (monthly, download)",
                   parse=parse_equity, vintage="1965-02 to 2020-10 (downloaded 2020-11-02)",
                   description="Nikkei 225, monthly close",
                   expect=Expect(last_period_from="2020-10", line_break_at_end=False)),
        SourceFile(dataset="EQ_SSE", mirror_path="china/sh000001_SSE_Composite_daily.csv",
                   url="https://english.sse.com.cn/markets/indices/ (000001, via akshare/Sina)",
                   parse=parse_equity, vintage="1990-12-19 to 2025-05-06",
                   description="Shanghai Composite, daily close",
                   expect=Expect(last_period_from="2025-05-06")),
    ),
)
