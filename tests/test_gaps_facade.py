"""Facade calls of gaps and early warning: argument checks give one-line BadInputError.

Reference value: BIS WS_CREDIT_GAP published US gap 2025-Q4, -11.5 pp (MANIFEST, 1 decimal).
"""

from __future__ import annotations

import pytest

import debtcycle
from debtcycle.errors import BadInputError, NotFoundError


def test_gap_by_code_matches_the_bis_figure() -> None:
    result = debtcycle.gap("us")
    assert result.country == "US"
    assert result.to_dict()["data"][-1]["gap"] == pytest.approx(-11.5, abs=0.05)


@pytest.mark.parametrize(
    ("call", "kwargs"),
    [
        ("gap", {"country": "QQ"}),
        ("gap", {"country": "US", "sector": "equity"}),
        ("gap", {"country": "US", "lamb": -1.0}),
        ("gap", {"country": "US", "min_history": 1.5}),
        ("risk", {"country": 7}),
        ("risk", {"country": "US", "dsr_mean": "median"}),
        ("ewm_evaluate", {"level": 2.0}),
        ("ewm_evaluate", {"jst_start": 1700}),
        ("ewm_current", {"bis_start": "2002"}),
    ],
)
def test_bad_arguments_are_one_line_errors(call: str, kwargs: dict[str, object]) -> None:
    with pytest.raises(BadInputError) as info:
        getattr(debtcycle, call)(**kwargs)
    assert "\n" not in str(info.value)


def test_risk_of_an_aggregate_without_a_credit_gap() -> None:
    with pytest.raises(NotFoundError, match="gap"):
        debtcycle.risk("XM")
