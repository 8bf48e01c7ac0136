"""The Budget Lab at Yale: US tariff revenue and effective tariff rates.

Files of the Budget Lab's *tariff-impact-tracker* (github.com/Budget-Lab-Yale):

* ``tariff_revenue.csv``: monthly customs duties (Treasury Monthly Treasury
  Statement) and goods imports (Census, customs value), million USD, with the
  effective rate duties / imports x 100, 1982-01 onwards.
* ``F1_daily_etr.csv``: the daily import-weighted statutory effective tariff
  rate (fraction, stored here in %), from 2025-01-01; trailing ``#`` lines
  carry the notes.

Budget Lab outputs are research compilations, not official statistics; cite
The Budget Lab at Yale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.sources._tidy import long_to_tidy, numeric_column
from debtcycle.sources.base import Expect, Source, SourceFile

__all__ = ["SOURCE", "parse_daily_etr", "parse_tariff_revenue"]

REPO = "https://raw.githubusercontent.com/Budget-Lab-Yale/tariff-impact-tracker/main"
REVENUE_URL: Final[str] = f"{REPO}/output/tariff_revenue.csv"
DAILY_URL: Final[str] = f"{REPO}/website/csv/F1_daily_etr.csv"

_REVENUE_COLUMNS: Final[dict[str, tuple[str, str, str, str]]] = {
    "customs_duties": ("central_gov", "gov_customs_lcu", "usd_mn",
                       "Customs duties, monthly (Treasury MTS via Budget Lab)"),
    "imports_value": ("economy", "imports_lcu", "usd_mn",
                      "Goods imports, customs value, monthly (Census via Budget Lab)"),
    "effective_rate": ("economy", "tariff_rate_effective", "pct",
                       "Effective tariff rate: customs duties / goods imports (Budget Lab)"),
}


def _read(path: Path, url: str) -> pd.DataFrame:
    try:
        return pd.read_csv(path, comment="#", na_values=["NA"])
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ParseError(path.name, f"not the Budget Lab CSV layout ({exc}); download it again "
                         f"from {url}") from exc


def _dates(raw: pd.DataFrame, column: str, file: str) -> pd.DatetimeIndex:
    dates = pd.to_datetime(raw[column], format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        row = int(dates.isna().to_numpy().argmax())
        raise ParseError(file, f"bad date {raw[column].iloc[row]!r}; expected YYYY-MM-DD",
                         row=row + 1, column=column)
    return pd.DatetimeIndex(dates)



def parse_tariff_revenue(path: Path, dataset: str) -> pd.DataFrame:
    """Parse ``tariff_revenue.csv`` into monthly customs duties, imports and effective rate."""
    raw = _read(path, REVENUE_URL)
    missing = [c for c in ("date", *_REVENUE_COLUMNS) if c not in raw.columns]
    if missing:
        raise ParseError(path.name, f"missing columns {missing}; expected the Budget Lab layout")
    period = pd.Index(_dates(raw, "date", path.name).strftime("%Y-%m"))
    parts = []
    for column, (sector, measure, unit, title) in _REVENUE_COLUMNS.items():
        values = numeric_column(raw, column, path.name, first_row=1).to_numpy()
        frame = pd.DataFrame({"country": "US", "period": period, "value": values})
        parts.append(long_to_tidy(frame, source="budgetlab", dataset=dataset, sector=sector,
                                  measure=measure, unit=unit, freq="M", key=column, title=title))
    return pd.concat(parts, ignore_index=True)


def parse_daily_etr(path: Path, dataset: str) -> pd.DataFrame:
    """Parse ``F1_daily_etr.csv`` (daily statutory effective tariff rate, fraction -> %)."""
    raw = _read(path, DAILY_URL)
    if list(raw.columns) != ["Date", "Weighted ETR"]:
        raise ParseError(path.name, f"header {list(raw.columns)}; expected ['Date', "
                         "'Weighted ETR']")
    period = pd.Index(_dates(raw, "Date", path.name).strftime("%Y-%m-%d"))
    rate = numeric_column(raw, "Weighted ETR", path.name, first_row=1).to_numpy()
    frame = pd.DataFrame({"country": "US", "period": period, "value": 100.0 * rate})
    return long_to_tidy(frame, source="budgetlab", dataset=dataset, sector="economy",
                        measure="tariff_rate_effective", unit="pct", freq="D", key="F1_daily_etr",
                        title="Statutory import-weighted effective tariff rate, daily (Budget Lab)")


SOURCE = Source(
    name="budgetlab",
    title="The Budget Lab at Yale",
    homepage="https://budgetlab.yale.edu/",
    citation="The Budget Lab at Yale, Tariff Impact Tracker and Tariff Rate Tracker (2026).",
    files=(
        SourceFile(dataset="BUDGETLAB:TARIFF_REVENUE",
                   mirror_path="us/tariffs/budgetlab/tariff_revenue.csv", url=REVENUE_URL,
                   parse=parse_tariff_revenue, vintage="2026-03-18 (data to 2026-02)",
                   description="Monthly customs duties, goods imports, effective tariff rate",
                   expect=Expect(min_series=3, last_period_from="2026-02")),
        SourceFile(dataset="BUDGETLAB:DAILY_ETR",
                   mirror_path="us/tariffs/budgetlab/F1_daily_etr.csv", url=DAILY_URL,
                   parse=parse_daily_etr, vintage="2026-03-26",
                   description="Daily statutory effective tariff rate from 2025-01-01",
                   expect=Expect(last_period_from="2026-03-26")),
    ),
)
