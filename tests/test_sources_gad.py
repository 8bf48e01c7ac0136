"""GAD-USA: US anti-dumping cases by target country (MANIFEST.md row 42).

Figures: cases against China (INV_CTY_CODE = CHN) initiated in 2007: 12, 2008: 11,
2009: 12, 2015: 7; 1,360 case rows in all.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from debtcycle.catalog import series
from debtcycle.facade.exits import exits
from debtcycle.sources.gad import parse_gad


def test_china_initiations_match_the_manifest(mirror: Path) -> None:
    tidy = parse_gad(mirror / "trade" / "GAD-USA.xls", "GAD_USA")
    cn = tidy[(tidy["country"] == "CN") & (tidy["measure"] == "ad_initiations_us")]
    by_year = cn.set_index("period")["value"]
    assert [by_year[y] for y in ("2007", "2008", "2009", "2015")] == [12, 11, 12, 7]
    raw = pd.read_excel(mirror / "trade" / "GAD-USA.xls", sheet_name="AD-USA-Master")
    counted = tidy[tidy["measure"] == "ad_initiations_us"]["value"].sum()
    gone = raw["INV_CTY_CODE"].isin(["GDR", "YUG", "USR", "CSV"]).sum()  # former states
    assert counted == len(raw) - gone


def test_years_without_cases_are_zero_and_the_pushback_table() -> None:
    cn = series("CN", None, "ad_initiations_us")
    assert float(cn[pd.Period("1979", "Y")]) == 0.0
    table = exits("CN").pushback
    assert table is not None
    assert table.loc["2009", "initiations"] == 12
    assert (table["share_of_us_initiations"] <= 100).all()
    assert table.index[-1] == "2015"
