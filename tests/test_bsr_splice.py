"""Complete years only, and the policy-rate splice (issue 15 point 7).

Figures: GMD ``cbrate`` 2022 = 4.38 (US) and 3.50 (GB) in the mirrored
``gmd/cbrate_2025_06_subset.csv``; the BIS ``WS_CBPOL_M`` file ends in 2022-03,
so its January-March 2022 mean (US 0.21, GB 0.50) must never stand for 2022.
Where the BIS API extract (``bis/derived``, US, CN, JP to 2026-01) is loaded, the
US 2022 figure is the mean of its twelve month-end rates.
"""

from __future__ import annotations

import pandas as pd
import pytest

from debtcycle.analytics.bsr.splice import annual_complete, splice_sources
from debtcycle.errors import BadInputError
from debtcycle.facade.bsr import policy_rate


def _monthly(start: str, values: list[float]) -> pd.Series:
    return pd.Series(values, index=pd.period_range(start, periods=len(values), freq="M"))


def test_incomplete_years_are_left_out_and_listed() -> None:
    values = _monthly("2020-01", [1.0] * 12 + [2.0] * 12 + [3.0] * 3)
    out = annual_complete(values)
    assert list(out.index.astype(str)) == ["2020", "2021"]
    assert out.tolist() == [1.0, 2.0]
    assert out.attrs["info"]["incomplete_years"] == [2022]


def test_quarterly_needs_four_quarters() -> None:
    values = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0],
                       index=pd.period_range("2020Q1", periods=5, freq="Q"))
    out = annual_complete(values)
    assert out.to_dict() == {pd.Period("2020", "Y"): 2.5}


def test_splice_prefers_rank_but_never_a_missing_year() -> None:
    ended = annual_complete(_monthly("2020-01", [0.1] * 24 + [0.2] * 3))  # ends 2022-03
    complete = pd.Series([1.0, 2.0, 4.0], index=pd.period_range("2020", periods=3, freq="Y"))
    out = splice_sources([("bis", ended), ("gmd", complete)])
    assert out.tolist() == pytest.approx([0.1, 0.1, 4.0], abs=1e-12)
    assert out.attrs["info"]["by_year"] == {"2020": "bis", "2021": "bis", "2022": "gmd"}
    assert out.attrs["info"]["splice_note"] == "bis 2020-2021, gmd 2022"


def test_splice_rejects_non_annual() -> None:
    with pytest.raises(BadInputError, match="not annual"):
        splice_sources([("bis", _monthly("2020-01", [1.0] * 12))])


def test_policy_rate_2022_is_never_the_three_month_mean() -> None:
    # GB: BIS bulk file only (to 2022-03) -> 2022 is GMD's full year, 3.50.
    gb = policy_rate("GB")
    assert gb is not None
    assert float(gb[pd.Period("2022", "Y")]) == pytest.approx(3.50, abs=0.005)
    assert gb.attrs["info"]["by_year"]["2022"] == "gmd"
    assert gb.attrs["info"]["by_year"]["2019"].startswith("bis")
    # US: the BIS API extract (bis/derived, to 2026-01) has all twelve months of 2022,
    # so 2022 is their mean, far from the Jan-Mar mean of 0.21 that used to stand for it.
    us = policy_rate("US")
    assert us is not None
    source = us.attrs["info"]["by_year"]["2022"]
    value = float(us[pd.Period("2022", "Y")])
    if source.startswith("bis"):
        assert value > 1.0
    else:
        assert value == pytest.approx(4.38, abs=0.005)
    assert abs(value - 0.21) > 0.5
    assert "2026" not in us.attrs["info"]["by_year"]  # 2026 has only January: left out
