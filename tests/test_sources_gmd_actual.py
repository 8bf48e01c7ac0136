"""GMD: the official actual is preferred over a projection headline (issue 15 point 7).

Figures hand-checkable in the mirrored ``gmd/CA_GDP_2025_06_subset.csv``, row
CHN 2024: headline ``CA_GDP`` = 0.88826489 (``source`` = OECD_EO) and
``IMF_IFS`` = 2.2616498; row CHN 2023 (headline from OECD EO, year before the
cut-off) is kept as published.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from debtcycle.catalog import series
from debtcycle.facade.bsr import balances
from debtcycle.sources.gmd import parse_gmd


def test_china_2024_current_account_is_the_ifs_actual(mirror: Path) -> None:
    tidy = parse_gmd(mirror / "gmd" / "CA_GDP_2025_06_subset.csv", "GMD:CA_GDP")
    cn = tidy[tidy["country"] == "CN"].set_index("period")
    assert float(cn.loc["2024", "value"]) == pytest.approx(2.2616498, abs=1e-7)
    assert "2024 IMF_IFS" in str(cn.loc["2024", "title"])


def test_older_rows_keep_the_headline(mirror: Path) -> None:
    raw = pd.read_csv(mirror / "gmd" / "CA_GDP_2025_06_subset.csv")
    row = raw[(raw["ISO3"] == "CHN") & (raw["year"] == 2023)].iloc[0]
    tidy = parse_gmd(mirror / "gmd" / "CA_GDP_2025_06_subset.csv", "GMD:CA_GDP")
    cn = tidy[tidy["country"] == "CN"].set_index("period")
    assert float(cn.loc["2023", "value"]) == pytest.approx(float(row["CA_GDP"]), abs=1e-9)


def test_choice_reaches_the_catalog_and_the_balances() -> None:
    ca = series("CN", None, "ca_gdp", source="gmd")
    assert "official actual" in str(ca.attrs["info"].get("title", ""))
    table = balances("CN", cross_check=False).balances
    assert float(table.loc[pd.Period("2024", "Y"), "foreign"]) == pytest.approx(-2.2616498,
                                                                                abs=1e-6)
