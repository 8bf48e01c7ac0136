"""Balance-sheet recession diagnosis: method on synthetic inputs, Japan and expansions on data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from debtcycle.analytics.bsr.diagnosis import (
    REASONS,
    Thresholds,
    confirm,
    diagnose,
    episodes,
    indicators,
)
from debtcycle.errors import BadInputError
from debtcycle.facade.bsr import bsr as load_diagnosis


def _frame(n: int = 8, **columns: list[float]) -> pd.DataFrame:
    index = pd.period_range("2000", periods=n, freq="Y")
    return pd.DataFrame({k: v for k, v in columns.items()}, index=index)


def test_credit_flow_equals_new_borrowing_over_gdp() -> None:
    # flow_t = d_t - d_{t-1}/(1+g_t) must equal (D_t - D_{t-1}) / Y_t exactly.
    gdp = np.array([100.0, 104.0, 103.0, 110.0])
    debt = np.array([150.0, 160.0, 158.0, 170.0])
    frame = _frame(4, private_debt_gdp=list(100 * debt / gdp), gdp_nominal=list(gdp))
    flow = indicators(frame)["credit_flow_gdp"].to_numpy()
    expected = 100 * np.diff(debt) / gdp[1:]
    np.testing.assert_allclose(flow[1:], expected, rtol=1e-12)


def test_drawdown_uses_recent_peak_only() -> None:
    prices = [100.0, 200.0, 150.0, 150.0, 150.0, 150.0]
    ind = indicators(_frame(6, house_price_real=prices), Thresholds(peak_window=3))
    # 2002: 25% below the 2001 peak; 2004 onward the peak of the last 3 years is 150.
    assert ind["house_drawdown"].iloc[2] == pytest.approx(-25.0)
    assert ind["house_drawdown"].iloc[4] == pytest.approx(0.0)


def test_full_textbook_case_is_bsr_with_reasons() -> None:
    frame = _frame(
        6,
        house_price_real=[100, 100, 100, 80, 75, 70],
        private_debt_gdp=[200, 200, 200, 195, 190, 185],
        gdp_nominal=[100, 100, 100, 100, 100, 100],
        private_balance_gdp=[0, 0, 0, 5, 6, 7],
        policy_rate=[5, 5, 5, 2, 0.5, 0.2],
        gov_balance_gdp=[0, 0, 0, -4, -5, -6],
        gov_debt_gdp=[60, 60, 60, 65, 70, 76],
        cpi=[100, 103, 106, 107, 107, 106.8],
    )
    result = diagnose(frame, country="XX")
    last = result.table.iloc[-1]
    assert last["verdict"] == "bsr"
    assert last["score"] == 6
    reasons = result.reasons["2005"]
    assert reasons[0] == ("balance-sheet recession: private sector surplus of 7.0% of GDP"
                          " while the policy rate is 0.2%")
    assert any("30.0% below their peak" in r for r in reasons)
    assert result.periods()[-1]["signals"]["asset_bust"] is True
    runs = episodes(result)
    assert runs.iloc[-1]["verdict"] == "bsr"
    assert runs.iloc[-1]["end"] == pd.Period("2005", "Y")


def test_missing_data_is_unmeasured_not_false() -> None:
    frame = _frame(4, private_balance_gdp=[1, 2, 3, 4])
    result = diagnose(frame)
    row = result.table.iloc[-1]
    assert pd.isna(row["asset_bust"])
    assert bool(row["private_surplus"]) is True
    assert row["measured"] == 1
    assert result.periods()[-1]["signals"]["asset_bust"] is None


def test_thresholds_are_used_and_checked() -> None:
    frame = _frame(3, private_balance_gdp=[-0.5, -0.5, -0.5])
    assert not diagnose(frame).table["private_surplus"].any()
    loose = Thresholds(private_surplus_min=-1.0)
    assert diagnose(frame, thresholds=loose).table["private_surplus"].all()
    with pytest.raises(BadInputError, match="Unknown signal"):
        diagnose(frame, thresholds=Thresholds(weights={"bogus": 1.0}))
    with pytest.raises(BadInputError):
        diagnose(pd.DataFrame())


def test_japan_1990s_is_the_reference_case() -> None:
    # Koo (2003, Balance Sheet Recession; 2008, The Holy Grail of Macroeconomics): Japan was in
    # a balance-sheet recession from the early 1990s to about 2005.  Every year 1995-2005 must
    # come out "bsr", with all six signals on in 1998-2004, and the bubble years not "bsr".
    table = load_diagnosis("JP").table
    years = table.loc["1995":"2005"]
    assert (years["verdict"] == "bsr").all(), years["verdict"].to_dict()
    assert (table.loc["1998":"2004", "score"] == 6).all()
    assert (table.loc["1985":"1989", "verdict"] == "none").all()


@pytest.mark.parametrize(
    ("country", "start", "end"),
    [("US", "1996", "2000"), ("JP", "1986", "1989"), ("CN", "2010", "2014"),
     ("ES", "2000", "2006"), ("GB", "2000", "2006"), ("FR", "2000", "2007")],
)
def test_ordinary_expansions_are_not_bsr(country: str, start: str, end: str) -> None:
    # Credit-fuelled or ordinary expansions (rising prices, private deficits, normal rates)
    # must never be called "bsr" and score at most 3 of 6.  With the thresholds taken from
    # the definitions (not tuned on these years) some are "watch": China 2012-14 had an
    # equity bust (Shanghai 2008, -37% or worse) and a private surplus, Koo's core pair.
    table = load_diagnosis(country).table.loc[start:end]
    assert (table["verdict"] != "bsr").all(), table["verdict"].to_dict()
    assert (table["raw_verdict"] != "bsr").all(), table["raw_verdict"].to_dict()
    assert table["score"].max() <= 3


def test_us_after_2008_is_diagnosed() -> None:
    # Koo (2015, The Escape from Balance Sheet Recession): the US private sector ran a large
    # financial surplus after 2008 at zero rates.  The year's signals call "bsr" from 2009;
    # with the two-year confirmation the verdict is "bsr" from 2010 (2009 "watch").
    table = load_diagnosis("US").table
    assert (table.loc["2009":"2012", "raw_verdict"] == "bsr").all()
    assert (table.loc["2010":"2012", "verdict"] == "bsr").all()
    assert table.loc["2009", "verdict"] == "watch"
    assert (table.loc["2009":"2012", "private_balance_gdp"] > 5).all()


def test_us_2014_to_2016_does_not_flicker() -> None:
    # Issue 15: without hysteresis the US went watch 2014, bsr 2015, watch 2016.
    verdicts = load_diagnosis("US").table.loc["2010":"2016", "verdict"]
    assert verdicts.nunique() == 1, verdicts.to_dict()


@pytest.mark.parametrize(
    ("raw", "years", "expected"),
    [
        (["none", "bsr", "none", "none"], 2, ["none", "none", "none", "none"]),
        (["none", "watch", "bsr", "bsr"], 2, ["none", "none", "watch", "bsr"]),
        (["bsr", "watch", "bsr", "watch", "none", "none"], 2,
         ["bsr", "bsr", "bsr", "bsr", "watch", "none"]),
        (["none", "bsr", "none"], 1, ["none", "bsr", "none"]),
        (["none", "bsr", "bsr", "none", "bsr"], 3, ["none", "none", "none", "none", "none"]),
    ],
)
def test_confirm_needs_consecutive_years(raw: list[str], years: int,
                                         expected: list[str]) -> None:
    index = pd.period_range("2000", periods=len(raw), freq="Y")
    assert confirm(pd.Series(raw, index=index), years).tolist() == expected


def test_confirm_rejects_bad_input() -> None:
    with pytest.raises(BadInputError, match="at least 1"):
        confirm(pd.Series(["none"]), 0)
    with pytest.raises(BadInputError, match="Unknown verdicts"):
        confirm(pd.Series(["maybe"]), 2)


def test_every_threshold_has_a_reason() -> None:
    names = {f for f in Thresholds.__dataclass_fields__ if f != "weights"}
    assert names == set(REASONS)
    assert all(len(text) > 20 for text in REASONS.values())
