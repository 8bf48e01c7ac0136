"""BIS API extracts (DSR to 2025-Q2, policy rates to 2026-01): loader and catalog choice.

Reference values are read by eye from the mirrored files
(``bis/derived/bis_dsr_api_CN_US_JP_2007Q1-2025Q2_subset.csv``: CN P 2007-Q1 12.2;
``bis/derived/bis_cbpol_M_api_US_CN_JP_2007-01_2026-01_subset.csv``: US 2007-01 5.25),
exact.  MANIFEST.md: JP has no policy-rate rows 2013-05 .. 2016-08.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import debtcycle
from debtcycle.errors import ParseError
from debtcycle.sources.bis_api import parse_cbpol, parse_dsr


def test_dsr_extract_through_the_catalog() -> None:
    cn = debtcycle.series("CN", "private_nonfin", "dsr", source="bis_api")
    assert cn["2007Q1"] == pytest.approx(12.2)
    assert str(cn.index[-1]) == "2025Q2" and len(cn) == 74
    assert cn.attrs["info"]["dataset"] == "WS_DSR_API"
    # the default DSR stays the BIS bulk file (one vintage unless a splice is asked for)
    assert debtcycle.series("US", "households", "dsr").attrs["info"]["dataset"] == "WS_DSR"


def test_policy_rates_through_the_catalog() -> None:
    us = debtcycle.series("US", None, "policy_rate", source="bis_api")
    assert us["2007-01"] == pytest.approx(5.25)
    assert str(us.index[-1]) == "2026-01"
    jp = debtcycle.series("JP", None, "policy_rate", source="bis_api")
    assert not ((jp.index >= pd.Period("2013-05", "M")) & (jp.index <= pd.Period("2016-08", "M"))
                ).any()


def test_malformed_rows_fail_with_a_located_error(tmp_path: Path) -> None:
    bad = tmp_path / "dsr.csv"
    bad.write_text("FREQ,BORROWERS_CTY,DSR_BORROWERS,TIME_PERIOD,OBS_VALUE\n"
                   "Q,US,H,2007-Q1,9.8\nQ,US,H,2007-Q5,9.9\n")
    with pytest.raises(ParseError, match="2007-Q5"):
        parse_dsr(bad, "WS_DSR_API")
    text = tmp_path / "pol.csv"
    text.write_text("FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE\nM,US,2007-01,n/a\n")
    with pytest.raises(ParseError, match="expected a number"):
        parse_cbpol(text, "WS_CBPOL_API")
    missing = tmp_path / "cols.csv"
    missing.write_text("FREQ,REF_AREA,TIME_PERIOD\nM,US,2007-01\n")
    with pytest.raises(ParseError, match="OBS_VALUE"):
        parse_cbpol(missing, "WS_CBPOL_API")
