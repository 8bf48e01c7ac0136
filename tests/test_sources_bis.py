"""BIS loader on every mirrored csv_col file, against MANIFEST sanity numbers.

References: the sanity numbers in ``shared/data/MANIFEST.md`` (printed from these
files, one decimal, so the tolerance is 0.05) and an independent count of the
non-empty value cells of each file made with the standard-library ``csv``
module (exact).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import debtcycle
from debtcycle.sources import get_source
from debtcycle.store import Store

_PERIOD = re.compile(r"^\d{4}(-Q[1-4]|-\d{2})?$")


def _filled_cells(path: Path) -> tuple[int, int]:
    """(series rows, filled period cells) counted with the csv module.

    Empty cells and BIS's own ``NaN`` marker (46 cells in CBPOL, 931 in LONG_CPI)
    are missing values.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        cols = [i for i, c in enumerate(header) if _PERIOD.match(c)]
        rows = cells = 0
        for row in reader:
            rows += 1
            cells += sum(1 for i in cols if row[i].strip() not in ("", "NaN"))
    return rows, cells


@pytest.mark.parametrize(
    ("dataset", "n_series"),
    # MANIFEST rows 1-7: series counts of each mirrored BIS file.
    [("WS_TC", 1133), ("WS_CREDIT_GAP", 132), ("WS_DSR", 66), ("WS_SPP", 244),
     ("WS_CBPOL_M", 38), ("WS_LONG_CPI", 252), ("WS_EER", 173)],
)
def test_every_bis_file_loads_every_cell(dataset: str, n_series: int, mirror: Path) -> None:
    spec = next(f for f in get_source("bis").files if f.dataset == dataset)
    rows, cells = _filled_cells(mirror / spec.mirror_path)
    status = Store().status().set_index("dataset").loc[dataset]
    assert rows == n_series
    assert int(status["series"]) == n_series
    assert int(status["rows"]) == cells


_TC = {  # MANIFEST: BIS WS_TC % of GDP at 2008Q4 / 2015Q4 / 2019Q4 / 2023Q4 / 2025Q4
    ("CN", "households"): (17.6, 38.1, 54.4, 60.5, 58.0),
    ("CN", "nonfin_corp"): (88.4, 148.6, 125.5, 132.6, 142.8),
    ("CN", "general_gov"): (26.7, 40.9, 60.0, 84.1, 99.3),
    ("CN", "private_nonfin"): (106.3, 186.7, 179.9, 193.0, 200.8),
    ("CN", "total_nonfin"): (133.0, 227.6, 239.9, 277.1, 300.1),
    ("US", "households"): (95.9, 76.9, 74.7, 71.8, 68.1),
    ("US", "nonfin_corp"): (74.8, 73.6, 78.3, 75.3, 72.2),
    ("US", "general_gov"): (66.1, 96.8, 99.7, 112.3, 116.4),
    ("JP", "households"): (59.6, 58.3, 60.8, 62.4, 61.1),
    ("JP", "nonfin_corp"): (104.5, 93.0, 100.7, 112.5, 113.9),
    ("JP", "general_gov"): (143.6, 191.9, 198.5, 210.5, 194.5),
    ("XM", "households"): (59.9, 58.6, 56.9, 52.5, 50.5),
    ("XM", "nonfin_corp"): (98.3, 110.8, 109.8, 107.4, 103.1),
}
_DATES = ("2008Q4", "2015Q4", "2019Q4", "2023Q4", "2025Q4")


@pytest.mark.parametrize(("country", "sector"), list(_TC))
def test_total_credit_matches_manifest(country: str, sector: str) -> None:
    s = debtcycle.series(country, sector, "debt_gdp", source="bis")
    assert s.attrs["info"]["dataset"] == "WS_TC"
    got = [s[d] for d in _DATES]
    assert got == pytest.approx(_TC[(country, sector)], abs=0.05)


def test_us_government_market_value_matches_manifest() -> None:
    s = debtcycle.series("US", "general_gov", valuation="market")
    assert s.attrs["info"]["series_key"] == "Q:US:G:A:M:770:A"
    assert [s[d] for d in _DATES] == pytest.approx((71.4, 99.6, 103.5, 105.4, 111.0), abs=0.05)


def test_credit_gap_and_trend_match_manifest() -> None:
    gap = debtcycle.series("CN", "private_nonfin", "credit_gap")
    trend = debtcycle.series("CN", "private_nonfin", "credit_trend")
    assert gap.attrs["info"]["unit"] == "pp"
    assert [gap[d] for d in _DATES] == pytest.approx((-10.7, 23.9, -8.7, -9.3, -7.7), abs=0.05)
    assert [trend[d] for d in _DATES] == pytest.approx(
        (117.0, 162.8, 188.7, 202.3, 208.5), abs=0.05)
    us = debtcycle.series("US", "private_nonfin", "credit_gap")
    assert (us["2008Q4"], us["2025Q4"]) == pytest.approx((6.7, -11.5), abs=0.05)
    assert debtcycle.series("JP", "private_nonfin", "credit_gap")["2019Q4"] == pytest.approx(
        12.9, abs=0.05)


@pytest.mark.parametrize(
    ("country", "expected"),
    # MANIFEST: real house prices 2010=100 at 2008Q4 / 2019Q4 / 2025Q4.
    [("CN", (93.7, 108.7, 86.8)), ("US", (106.6, 132.4, 158.4))],
)
def test_real_house_prices_match_manifest(country: str, expected: tuple[float, ...]) -> None:
    s = debtcycle.series(country, "households", "house_price_real", unit="index_2010")
    assert [s[d] for d in ("2008Q4", "2019Q4", "2025Q4")] == pytest.approx(expected, abs=0.05)


@pytest.mark.parametrize(
    ("country", "expected"),
    # MANIFEST: DSR private non-financial sector 2008Q4 / 2015Q4 / 2018Q4 (2019 file).
    [("CN", (11.8, 18.9, 19.2)), ("US", (17.5, 14.1, 14.9))],
)
def test_debt_service_ratios_match_manifest(country: str, expected: tuple[float, ...]) -> None:
    s = debtcycle.series(country, "private_nonfin", "dsr")
    assert s.attrs["info"]["dataset"] == "WS_DSR"
    assert [s[d] for d in ("2008Q4", "2015Q4", "2018Q4")] == pytest.approx(expected, abs=0.05)


@pytest.mark.parametrize(
    ("country", "expected"),
    # MANIFEST: BIS CBPOL (2022 file) at 2019-12.
    [("CN", 4.15), ("JP", -0.10), ("US", 1.625), ("XM", 0.0)],
)
def test_policy_rates_match_manifest(country: str, expected: float) -> None:
    s = debtcycle.series(country, None, "policy_rate", source="bis")
    assert s.attrs["info"]["series_key"] == f"M:{country}"
    assert s["2019-12"] == pytest.approx(expected, abs=1e-9)


def test_long_cpi_mixes_annual_and_monthly_series() -> None:
    found = debtcycle.available(dataset="WS_LONG_CPI")
    assert set(found["freq"]) == {"A", "M"}
    assert set(found["unit"]) == {"index_2010", "pct_yoy"}
    # MANIFEST row 5: periods 1661 .. 2026-04.
    assert str(found["first_period"].min())[:4] == "1661"
    assert str(found["last_period"].max())[:7] == "2026-04"


def test_effective_exchange_rates_cover_broad_and_narrow_baskets() -> None:
    found = debtcycle.available(dataset="WS_EER")
    assert set(found["measure"]) == {"neer", "reer", "neer_narrow", "reer_narrow"}
    cn = debtcycle.series("CN", None, "reer")
    assert cn.attrs["info"]["series_key"] == "M:R:B:CN"
    assert str(cn.index[-1]) == "2021-03"  # MANIFEST row 1: monthly to 2021-03
    assert cn["2010"].mean() == pytest.approx(100.0, abs=0.5)  # index 2010 = 100
