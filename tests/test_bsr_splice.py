"""Complete years only, and the policy-rate splice (issue 15 point 7).

Figures: GMD ``cbrate`` 2022 = 4.38 (US) and 3.50 (GB) in the mirrored
``gmd/cbrate_2025_06_subset.csv``; the BIS ``WS_CBPOL_M`` file ends in 2022-03,
so its January-March 2022 mean (US 0.21, GB 0.50) must never stand for 2022.
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


@pytest.mark.parametrize(("country", "gmd_2022"), [("US", 4.38), ("GB", 3.50)])
def test_policy_rate_2022_is_the_full_year(country: str, gmd_2022: float) -> None:
    rate = policy_rate(country)
    assert rate is not None
    value = float(rate[pd.Period("2022", "Y")])
    assert value == pytest.approx(gmd_2022, abs=0.005)  # GMD, not the BIS Jan-Mar mean
    assert rate.attrs["info"]["by_year"]["2022"] == "gmd"
    assert rate.attrs["info"]["by_year"]["2019"].startswith("bis")
