"""Event-time alignment: synthetic unit tests and real-data checks on BIS property prices.

Reference dates for the real-price peaks are the widely documented housing-bubble
peaks (Japan's land/house price peak in 1990-91; US 2006 (Case-Shiller real peak);
Spain, Ireland, UK 2007; Finland 1989 and Norway 1987 before the Nordic banking
crises; China 2021 before the developer defaults).  Tolerance: within 4 quarters.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import r2_score

import debtcycle
from debtcycle.analytics.leverage import align, property_peak, similarity
from debtcycle.errors import BadInputError


def _q(values: list[float] | np.ndarray, start: str) -> pd.Series:
    return pd.Series(values, index=pd.period_range(start, periods=len(values), freq="Q"))


def test_property_peak_synthetic_and_window() -> None:
    s = _q([1, 3, 2, 5, 4], "2000Q1")
    assert property_peak(s) == pd.Period("2000Q4", "Q")
    assert property_peak(s, end="2000Q3") == pd.Period("2000Q2", "Q")
    with pytest.raises(BadInputError):
        property_peak(s, start="2010Q1")
    s.attrs["info"] = {"unit": "pct_yoy"}
    with pytest.raises(BadInputError, match="index_2010"):
        property_peak(s)


def test_property_peak_min_fall_skips_peaks_without_a_bust() -> None:
    s = _q([1, 5, 3, 4, 6, 5.7], "2000Q1")  # 6 fell 5%, 5 fell 40%
    assert property_peak(s) == pd.Period("2001Q1", "Q")
    assert property_peak(s, min_fall=10) == pd.Period("2000Q2", "Q")
    with pytest.raises(BadInputError, match="min_fall"):
        property_peak(s, min_fall=90)


def test_align_shifts_and_rebases_exactly() -> None:
    a = _q(np.arange(20.0), "2000Q1")
    b = _q(np.arange(20.0) * 2, "1990Q1")
    out = align({"A": a, "B": b}, {"A": "2002Q1", "B": pd.Period("1991Q1", "Q")}, (-4, 8))
    assert list(out.frame.index) == list(range(-4, 9))
    assert out.frame.loc[0, "A"] == 8.0 and out.frame.loc[0, "B"] == 8.0
    assert out.frame.loc[-4, "A"] == 4.0 and out.frame.loc[8, "B"] == 24.0
    assert out.unit == "quarters"
    assert out.calendar().loc[0, "B"] == "1991Q1"
    diff = align({"A": a, "B": b}, {"A": "2002Q1", "B": "1991Q1"}, rebase="diff").frame
    assert diff.loc[0].tolist() == [0.0, 0.0] and diff.loc[3, "B"] == 6.0
    ratio = align({"A": a}, {"A": "2002Q1"}, rebase="ratio").frame
    assert ratio.loc[4, "A"] == pytest.approx(100 * 12 / 8)


def test_align_annual_event_on_quarterly_data_and_errors() -> None:
    a = _q(np.arange(12.0), "2000Q1")
    out = align({"A": a}, {"A": "2001"})
    assert out.events["A"] == pd.Period("2001Q4", "Q")
    with pytest.raises(BadInputError, match="No event"):
        align({"A": a}, {})
    annual = pd.Series([1.0, 2.0], index=pd.period_range("2000", periods=2, freq="Y"))
    with pytest.raises(BadInputError, match="frequencies"):
        align({"A": a, "B": annual}, {"A": "2001Q1", "B": "2000"})
    with pytest.raises(BadInputError, match="rebased"):
        align({"A": a}, {"A": "2010Q1"}, rebase="diff")


def test_similarity_is_nash_sutcliffe_against_sklearn() -> None:
    # Reference: sklearn.metrics.r2_score (exact), identical paths score 1.
    rng = np.random.default_rng(0)
    ref = np.cumsum(rng.normal(size=30))
    fol = ref + rng.normal(scale=0.5, size=30)
    out = align({"R": _q(ref, "1990Q1"), "F": _q(fol, "2015Q1")},
                {"R": "1990Q1", "F": "2015Q1"}, (0, 29))
    sim = similarity(out, "F", "R")
    assert sim.score == pytest.approx(r2_score(ref, fol), abs=1e-12)
    assert sim.rmse == pytest.approx(np.sqrt(np.mean((fol - ref) ** 2)), abs=1e-12)
    assert sim.n == 30 and sim.start == 0 and sim.end == 29
    assert similarity(out, "R", "R").score == 1.0
    with pytest.raises(BadInputError, match="share only"):
        similarity(out, "F", "R", window=(0, 1))
    assert sim.to_dict()["data"][0]["follower"] == "F"


@pytest.mark.parametrize(
    ("country", "end", "expected"),
    [("JP", None, "1991Q1"), ("CN", None, "2021Q3"), ("US", "2010Q4", "2006Q1"),
     ("ES", "2010Q4", "2007Q3"), ("IE", "2010Q4", "2007Q1"), ("GB", "2010Q4", "2007Q3"),
     ("FI", "1995Q4", "1989Q1"), ("NO", "1995Q4", "1987Q2")],
)
def test_property_peaks_match_known_bubbles(country: str, end: str | None, expected: str) -> None:
    hp = debtcycle.series(country, "households", "house_price_real", unit="index_2010")
    peak = property_peak(hp, end=end)
    assert abs((peak - pd.Period(expected, "Q")).n) <= 4


@pytest.mark.parametrize(
    ("country", "expected"),
    [("US", "2006Q1"), ("NL", "2007Q4"), ("CH", "1990Q2"), ("JP", "1991Q1"), ("CN", "2021Q3")],
)
def test_bust_peaks_with_min_fall(country: str, expected: str) -> None:
    # Peaks followed by a real fall of at least 10%: US 2006, Netherlands 2007,
    # Switzerland 1990 (its early-1990s property bust), Japan 1991, China 2021.
    hp = debtcycle.series(country, "households", "house_price_real", unit="index_2010")
    assert abs((property_peak(hp, min_fall=10) - pd.Period(expected, "Q")).n) <= 4


def test_china_follows_japan_after_property_peak() -> None:
    # Research-note reading: China's real house prices since 2021 fall like Japan's after
    # 1991.  Check: after 16 quarters both are 15-25% below the peak (BIS WS_SPP), and
    # China tracks Japan more closely than the US after 2006 tracks Japan (a sharper bust).
    hp = {c: debtcycle.series(c, "households", "house_price_real", unit="index_2010")
          for c in ("CN", "JP", "US")}
    events = {"CN": property_peak(hp["CN"]), "JP": property_peak(hp["JP"]),
              "US": property_peak(hp["US"], end="2010Q4")}
    out = align(hp, events, (-8, 40), rebase="ratio")
    assert 75 <= out.frame.loc[16, "CN"] <= 85 and 80 <= out.frame.loc[16, "JP"] <= 90
    window = (0, int(out.frame["CN"].last_valid_index()))
    cn = similarity(out, "CN", "JP", window=window)
    us = similarity(out, "US", "JP", window=window)
    assert cn.rmse < us.rmse and cn.score > us.score
