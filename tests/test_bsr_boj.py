"""BOJ flow of funds source: published values, the six-sector identity, bad files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import debtcycle
from debtcycle.errors import ParseError
from debtcycle.sources.boj import parse_boj_fof

SECTORS = [("general_gov", "financial_balance"), ("households", "financial_balance"),
           ("nonfin_corp", "financial_balance"), ("economy", "financial_balance_fin"),
           ("economy", "financial_balance_row"), ("economy", "financial_balance_npish")]


def test_published_values_fy1990_fy2024() -> None:
    # Reference: the BOJ export as quoted in shared/data/MANIFEST.md (100 mn yen), exact.
    gov = debtcycle.series("JP", "general_gov", "financial_balance", source="boj")
    hh = debtcycle.series("JP", "households", "financial_balance", source="boj")
    nfc = debtcycle.series("JP", "nonfin_corp", "financial_balance", source="boj")
    row = debtcycle.series("JP", "economy", "financial_balance_row", source="boj")
    assert gov[pd.Period("1990", "Y")] == 112_239
    assert hh[pd.Period("1990", "Y")] == 459_043
    assert nfc[pd.Period("1990", "Y")] == -396_044
    assert gov[pd.Period("2024", "Y")] == -61_062
    assert row[pd.Period("2024", "Y")] == -301_352
    assert gov.attrs["info"]["unit"] == "lcu_100mn"


def test_six_sectors_sum_to_zero_every_year() -> None:
    # Flow-of-funds identity: the six sectors net out exactly in 43 of 45 fiscal years; the
    # published FY2000 and FY2001 rows leave 119 and 18 (100 mn yen), under 0.003% of GDP.
    total = sum(debtcycle.series("JP", s, m, source="boj") for s, m in SECTORS)
    assert len(total) == 45
    assert int((total == 0).sum()) == 43
    assert total.abs().max() <= 120


def test_bad_encoding_and_layout(tmp_path: Path) -> None:
    bad = tmp_path / "fof.csv"
    bad.write_text("code,x\n1990,1\n", encoding="utf-8")
    with pytest.raises(ParseError, match="データコード"):
        parse_boj_fof(bad, "BOJ_FOF_FSD")
    bad.write_bytes("データコード,FF'FOF_FFYF999L700\n1990,1\n".encode("cp932"))
    with pytest.raises(ParseError, match="unexpected series codes"):
        parse_boj_fof(bad, "BOJ_FOF_FSD")
    bad.write_bytes("データコード,FF'FOF_FFYF420L700\n1990,abc\n".encode("cp932"))
    with pytest.raises(ParseError, match="expected a number"):
        parse_boj_fof(bad, "BOJ_FOF_FSD")
