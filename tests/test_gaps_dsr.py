"""Debt service ratios and their deviations from each country's mean.

Reference levels: BIS DSR (2019 file) as printed in the data MANIFEST (1 decimal);
the mean is checked against pandas' own mean, and the expanding variant
against a recomputation on truncated data (no look-ahead); the splice against
the two vintages it joins (exact).
"""

from __future__ import annotations

import pandas as pd
import pytest

import debtcycle
from debtcycle.analytics.gaps.dsr import dsr_deviation, splice_dsr


@pytest.mark.parametrize(("country", "values"), [("CN", [11.8, 18.9, 19.2]),
                                                  ("US", [17.5, 14.1, 14.9])])
def test_bis_levels(country: str, values: list[float]) -> None:
    s = debtcycle.series(country, "private_nonfin", "dsr")
    got = [s[pd.Period(p, "Q")] for p in ("2008Q4", "2015Q4", "2018Q4")]
    assert got == pytest.approx(values, abs=0.05)


def test_deviation_from_full_sample_mean() -> None:
    frame = debtcycle.panel(["US", "CN"], ["households", "private_nonfin"], "dsr",
                            skip_missing=True)
    frame.columns = [" ".join(c) for c in frame.columns]
    dev = dsr_deviation(frame, expanding=False).deviations()  # full sample: explicit
    for col in frame.columns:
        expected = frame[col] - frame[col].mean()
        assert (dev[col] - expected).abs().max() < 1e-12
        assert abs(dev[col].mean()) < 1e-9


def test_expanding_mean_has_no_look_ahead() -> None:
    s = debtcycle.series("US", "private_nonfin", "dsr")
    full = dsr_deviation(s, expanding=True).deviations().iloc[:, 0]
    cut = dsr_deviation(s.iloc[:40], expanding=True).deviations().iloc[:, 0]
    assert (full.iloc[:40] - cut).abs().max(skipna=True) < 1e-12
    assert full.iloc[:19].isna().all() and full.iloc[19:].notna().all()
    # the expanding mean is the default (no look-ahead unless asked for)
    assert dsr_deviation(s).params["expanding"] is True


def test_splice_keeps_the_new_vintage_and_shifts_the_old() -> None:
    old = debtcycle.series("US", "households", "dsr")  # BIS 2019 bulk file
    new = debtcycle.series("US", "households", "dsr", source="bis_api")  # API, to 2025-Q2
    out = splice_dsr(old, new)
    both = old.index.intersection(new.index)
    assert out.overlap == len(both) == 49  # 2007Q1 .. 2019Q1
    assert out.shift == pytest.approx(float((new[both] - old[both]).mean()), abs=1e-12)
    s = out.spliced
    assert s["2007Q1":].equals(new)  # the newer vintage wherever it exists
    assert s[pd.Period("2006Q4", "Q")] == pytest.approx(old["2006Q4"] + out.shift, abs=1e-12)
    assert s.index.is_monotonic_increasing and s.index.is_unique


def test_risk_dsr_mean_option() -> None:
    now = debtcycle.risk("US")
    full = debtcycle.risk("US", dsr_mean="full")
    a, b = now.dsr_history, full.dsr_history
    # at the last quarter the expanding mean is the full-sample mean; earlier it is not
    assert a.iloc[-1] == pytest.approx(b.iloc[-1], abs=1e-12)
    assert (a - b).abs().dropna().max() > 1.0
    assert now.params["dsr_mean"] == "expanding" and full.params["dsr_mean"] == "full"
