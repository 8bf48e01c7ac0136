"""Equity index source: closes quoted in shared/data/MANIFEST.md (exact to the cent)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import debtcycle
from debtcycle.errors import ParseError
from debtcycle.sources.equity import parse_equity


def test_nikkei_and_shanghai_closes() -> None:
    nikkei = debtcycle.series("JP", None, "equity_index")
    assert nikkei[pd.Period("1989-12", "M")] == pytest.approx(38_915.87, abs=0.01)
    assert nikkei[pd.Period("2003-04", "M")] == pytest.approx(7_831.42, abs=0.01)
    assert nikkei.index[-1] == pd.Period("2020-10", "M")  # partial month 2020-11 dropped
    sse = debtcycle.series("CN", None, "equity_index")
    assert sse[pd.Period("2007-10-16", "D")] == pytest.approx(6_092.06, abs=0.01)
    assert sse[pd.Period("2015-06-12", "D")] == pytest.approx(5_166.35, abs=0.01)


def test_missing_close_column(tmp_path: Path) -> None:
    bad = tmp_path / "n225.csv"
    bad.write_text("Date,Open\n2020-01-01,1\n", encoding="utf-8")
    with pytest.raises(ParseError, match="missing columns"):
        parse_equity(bad, "EQ_N225")
