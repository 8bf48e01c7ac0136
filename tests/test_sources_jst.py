"""JST Macrohistory R6 loader on the real workbook.

References: MANIFEST row 41 and its sanity numbers (Japan tloans 253.5 / 416.6 /
520.1 trillion yen in 1985 / 1990 / 1995, gdp 442.8 in 1990, debtgdp 0.63 -> 2.54,
USA crisisJST = 1 in 2007; quoted to one decimal, tolerance 0.05) and the
workbook read with openpyxl (filled-cell counts, exact).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import debtcycle
from debtcycle.sources.jst import JST_VARIABLES
from debtcycle.store import Store


def test_every_filled_cell_is_loaded(mirror: Path) -> None:
    wb = openpyxl.load_workbook(mirror / "jst/JSTdatasetR6.xlsx", read_only=True, data_only=True)
    rows = wb.worksheets[0].iter_rows(values_only=True)
    header = [str(h) for h in next(rows)]
    cols = [header.index(v) for v in JST_VARIABLES]
    data = list(rows)
    wb.close()
    assert len(data) == 2718  # MANIFEST: 2,718 rows
    assert len({r[header.index("iso")] for r in data}) == 18
    filled = sum(1 for r in data for i in cols if r[i] is not None)
    assert int(Store().status().set_index("dataset").loc["JST_R6", "rows"]) == filled


def test_japan_loans_and_gdp_match_manifest() -> None:
    loans = debtcycle.series("JP", "private_nonfin", "loans_lcu", source="jst")
    assert loans.attrs["info"]["series_key"] == "JP:tloans"
    assert [loans[y] for y in ("1985", "1990", "1995")] == pytest.approx(
        (253.5, 416.6, 520.1), abs=0.05)
    gdp = debtcycle.series("JP", None, "gdp_nominal", source="jst")
    assert gdp["1990"] == pytest.approx(442.8, abs=0.05)


def test_public_debt_ratio_is_stored_in_percent() -> None:
    debt = debtcycle.series("JP", "general_gov", "debt_gdp", source="jst")
    assert (debt["1990"], debt["2020"]) == pytest.approx((63, 254), abs=0.5)
    assert debt.attrs["info"]["unit"] == "pct_gdp"


def test_crisis_flags_and_coverage() -> None:
    crisis = debtcycle.series("US", None, "crisis_banking", source="jst")
    assert crisis["2007"] == 1.0
    assert set(crisis.unique()) <= {0.0, 1.0}
    assert (str(crisis.index[0]), str(crisis.index[-1])) == ("1870", "2020")
