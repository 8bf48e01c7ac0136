"""Shared chart helpers (outputs/charts/_render.py): footnotes, labels, one time axis.

Hand-checkable inputs only: the expected strings and dates are written out.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from debtcycle.outputs.charts._render import (
    measure_label,
    sector_label,
    source_lines,
    time_domain,
    time_x,
    unit_label,
    with_footnote,
)

INFO = {"source": "bis", "dataset": "WS_TC", "series_key": "Q:CN:H:A:M:770:A",
        "vintage": "data to 2025-Q4"}


def _point() -> alt.Chart:
    return alt.Chart(pd.DataFrame({"a": [1, 2]})).mark_point().encode(x="a:Q")


def test_source_lines_group_by_dataset_and_cap_the_keys() -> None:
    nested = {"x": {f"k{i}": {**INFO, "series_key": f"K{i}"} for i in range(6)},
              "y": [{"source": "fred", "dataset": "FRED:GDPC1", "series_key": "GDPC1",
                     "vintage": "2026-03-26"}]}
    lines = source_lines(nested, max_keys=2)
    assert lines == ["Sources: BIS, WS_TC (K0, K1 and 4 more); data to 2025-Q4.",
                     "FRED, Federal Reserve Bank of St. Louis, FRED:GDPC1 (GDPC1); 2026-03-26."]
    assert source_lines({"params": 1}) == []


def test_footnote_wraps_long_lines_and_keeps_every_word() -> None:
    note = "word " * 60
    spec = with_footnote(_point(), INFO, notes=[note.strip()], width=300).to_dict()
    lines = [r["line"] for d in spec["datasets"].values() for r in d if "line" in r]
    assert all(len(line) <= 50 for line in lines)  # 300 px at about 6 px a character
    text = " ".join(line.strip() for line in lines)
    assert text.startswith("Source: BIS, WS_TC (Q:CN:H:A:M:770:A); data to 2025-Q4. word")
    assert text.split().count("word") == 60


def test_footnote_without_provenance_says_so_and_moves_config_up() -> None:
    spec = with_footnote(_point().configure_view(stroke=None)).to_dict()
    assert spec["config"]["view"]["stroke"] is None
    texts = [r["line"] for d in spec["datasets"].values() for r in d if "line" in r]
    assert texts == ["Source: not recorded."]


def test_one_time_domain_for_panels_starting_in_different_years() -> None:
    a = pd.Series([1.0], index=pd.period_range("1986Q1", periods=1, freq="Q"))
    b = pd.Series([1.0, 2.0], index=pd.period_range("2006Q3", periods=2, freq="Q"))
    c = pd.DataFrame({"v": [1.0]}, index=pd.to_datetime(["1996-05-01"]))
    assert time_domain(a, b, c) == ("1986-01-01", "2006-10-01")
    x = time_x(domain=time_domain(a, b), quarterly=True).to_dict()
    assert x["scale"]["domain"] == ["1986-01-01", "2006-10-01"]
    assert x["axis"]["format"] == "%Y Q%q"
    with pytest.raises(ValueError, match="non-empty"):
        time_domain(pd.Series([], dtype=float))


def test_human_labels() -> None:
    assert sector_label("nonfin_corp") == "Non-financial corporations"
    assert sector_label("made_up") == "Made up"
    assert unit_label("pct_gdp") == "% of GDP"
    assert measure_label("credit_gap") == "Credit-to-GDP gap (pp)"
    assert measure_label("reer") == "Real effective exchange rate, broad basket (index)"
    assert measure_label("debt_gdp", "lcu_bn") == "Debt (bn, local currency)"
