"""China 10-year government bond yield, monthly, in Investing.com's "Historical Data" layout.

No official publisher file of China's 10-year yield with a long history is in
the mirror (ChinaBond publishes its yield curve at
``https://yield.chinabond.com.cn/``; FRED has no OECD series for China).  The
mirrored file is the Investing.com monthly download
(``https://www.investing.com/rates-bonds/china-10-year-bond-yield-historical-data``):
columns ``Date,Price,Open,High,Low,Change %``, dates ``DD/MM/YYYY`` (first day
of the month), newest first, yields in %.  ``Price`` is the month's last
yield and is loaded as ``yield_10y`` for ``CN``.  The file covers 2019-12 ..
2025-01 only; longer history is GMD ``ltrate`` (annual, from 2014).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.sources._tidy import long_to_tidy, numeric_column
from debtcycle.sources.base import Expect, Source, SourceFile

__all__ = ["SOURCE", "parse_investing_yield"]

URL = "https://www.investing.com/rates-bonds/china-10-year-bond-yield-historical-data"
_COLUMNS = ["Date", "Price", "Open", "High", "Low", "Change %"]


def parse_investing_yield(path: Path, dataset: str) -> pd.DataFrame:
    """Parse the monthly China 10-year yield file into tidy observations (``yield_10y``).

    Raises
    ------
    ParseError
        On another header, a bad or repeated date, or text in the ``Price`` column.
    """
    try:
        raw = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ParseError(path.name, f"not a readable CSV file ({exc}); download it again "
                         f"from {URL}") from exc
    if list(raw.columns) != _COLUMNS:
        raise ParseError(path.name, f"header {list(raw.columns)}; expected {_COLUMNS}")
    dates = pd.to_datetime(raw["Date"], format="%d/%m/%Y", errors="coerce")
    if dates.isna().any():
        row = int(dates.isna().to_numpy().argmax())
        raise ParseError(path.name, f"bad date {raw['Date'].iloc[row]!r}; expected DD/MM/YYYY",
                         row=row + 2, column="Date")
    months = dates.dt.strftime("%Y-%m")
    if months.duplicated().any():
        row = int(months.duplicated().to_numpy().argmax())
        raise ParseError(path.name, f"month {months.iloc[row]} appears twice", row=row + 2)
    values = numeric_column(raw.replace({"": None}), "Price", path.name, first_row=2)
    frame = pd.DataFrame({"country": "CN", "period": months, "value": values})
    frame = frame.iloc[::-1].reset_index(drop=True)  # oldest first
    return long_to_tidy(frame, source="investing", dataset=dataset, sector="economy",
                        measure="yield_10y", unit="pct", freq="M", key="CN10Y",
                        title="China 10-year government bond yield, month end (Investing.com)")


SOURCE = Source(
    name="investing",
    title="Investing.com historical data (China 10-year government bond yield)",
    homepage="https://www.investing.com/rates-bonds/",
    citation="Investing.com, China 10-Year Bond Yield Historical Data (research use).",
    files=(
        SourceFile(dataset="INV_CN10Y", mirror_path=(
            "china/investing_China 10-Year Bond Yield Historical Data.csv"), url=URL,
            parse=parse_investing_yield, vintage="2019-12 .. 2025-01 (downloaded ~2025-01-11)",
            description="China 10-year government bond yield, monthly",
            expect=Expect(min_rows=60, first_period_by="2019-12", last_period_from="2025-01",
                          columns=("Date", "Price"), line_break_at_end=False)),
    ),
)
