"""One-at-a-time threshold sensitivity of the balance-sheet-recession verdicts."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from debtcycle.analytics.bsr.sensitivity import sensitivity
from debtcycle.cli.app import get_app
from debtcycle.errors import BadInputError


def _bust_frame() -> pd.DataFrame:
    # Real house prices 14.5% below peak from 2003 (China's 2024 drawdown in issue 15),
    # with a private surplus, zero rates, a large deficit and deflation: all six signals.
    index = pd.period_range("2000", periods=6, freq="Y")
    return pd.DataFrame({
        "house_price_real": [100, 100, 100, 85.5, 85.5, 85.5],
        "private_debt_gdp": [200, 200, 200, 195, 190, 185],
        "gdp_nominal": [100.0] * 6,
        "private_balance_gdp": [0, 0, 0, 5, 6, 7],
        "policy_rate": [5, 5, 5, 0.5, 0.2, 0.1],
        "gov_balance_gdp": [0, 0, 0, -4, -5, -6],
        "gov_debt_gdp": [60, 60, 60, 65, 70, 76],
        "cpi": [100, 101, 102, 102, 101.9, 101.8],
    }, index=index)


def test_a_drawdown_of_14_5_is_a_bust_at_14_not_at_15() -> None:
    result = sensitivity({"XX": _bust_frame()}, grid={"house_drawdown": (-15.0,)},
                         first=2000, last=2005)
    table = result.table
    assert [t for t, _ in table.index] == ["(defaults)", "house_drawdown", "house_drawdown"]
    default = table.xs("house_drawdown", level="threshold").loc[-14.0]
    strict = table.xs("house_drawdown", level="threshold").loc[-15.0]
    assert bool(default["default"]) and not bool(strict["default"])
    assert default["XX bsr years"] == 2  # 2003 raw bsr, confirmed 2004-2005
    assert strict["XX bsr years"] == 0
    assert strict["XX changed"] == 2


def test_unknown_threshold_is_refused() -> None:
    with pytest.raises(BadInputError, match="Unknown threshold"):
        sensitivity({"XX": _bust_frame()}, grid={"bogus": (1.0,)})


def test_cli_sensitivity_json() -> None:
    result = CliRunner().invoke(get_app(), ["bsr", "sensitivity", "CN", "--json"])
    assert result.exit_code == 0, result.stderr
    payload = json.loads(result.stdout)
    rows = {(r["threshold"], r["value"]): r for r in payload["table"]}
    # China 2024: -14.5% below the peak; at -15% the bust signal (and the raw bsr call) goes.
    assert rows[("house_drawdown", -14.0)]["CN latest"] == "watch"
    assert payload["last"] == 2024
