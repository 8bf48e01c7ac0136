"""The ``gap``, ``risk`` and ``ewm evaluate`` commands end to end (JSON shape and numbers).

Reference numbers: BIS WS_CREDIT_GAP published gap for the US in 2025-Q4
(-11.5 pp in the data MANIFEST, 1 decimal).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from debtcycle.cli.app import get_app

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(get_app(), list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_gap_json_shape() -> None:
    out = json.loads(_run("gap", "US", "CN", "--json"))
    assert [o["country"] for o in out] == ["US", "CN"]
    us = out[0]
    assert us["sector"] == "private_nonfin" and us["lambda"] == 400000
    last = us["data"][-1]
    assert last["period"] == "2025Q4"
    assert set(last) == {"period", "ratio", "trend", "gap", "buffer_guide"}
    assert abs(last["gap"] - (-11.5)) < 0.05 and last["buffer_guide"] == 0.0
    assert us["data"][0]["period"] == "1957Q4"  # 41st quarter of the ratio (from 1947Q4)


def test_gap_other_sector_lambda_and_csv(tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    _run("gap", "JP", "--sector", "households", "--lambda", "1600", "--out", str(path))
    table = pd.read_csv(path)
    assert set(table["sector"]) == {"households"} and set(table["country"]) == {"JP"}
    assert (table["gap"] - (table["ratio"] - table["trend"])).abs().max() < 1e-9


def test_gap_unknown_country_fails_cleanly() -> None:
    result = runner.invoke(get_app(), ["gap", "QQ"])
    assert result.exit_code == 2
    assert "Unknown country" in result.output


def test_risk_json() -> None:
    out = json.loads(_run("risk", "US", "--json"))
    assert out["credit_gap"]["period"] == "2025Q4"
    probs = out["crisis_probability"]
    assert [p["horizon_quarters"] for p in probs] == [[1, 8], [5, 12], [9, 20]]
    for p in probs:
        assert 0.0 < p["probability"] < 1.0
        rt = p["real_time"]  # every probability comes with its real-time record
        assert 0.0 <= rt["auroc"] <= 1.0 and rt["ci_low"] <= rt["auroc"] <= rt["ci_high"]
        assert rt["first_year"] == 2002 and rt["calibration"]
        assert p["model"] == "raw credit gap"  # no fitted model beats the gap in real time
    # DSR: the 2019 bulk file spliced with the BIS API extract (MANIFEST row 78: to 2025-Q2)
    assert out["dsr_deviation"]["period"] == "2025Q2"
    assert "no fitted model beats the raw credit gap" in out["verdict"]


def test_ewm_current_json_and_bad_horizon() -> None:
    out = json.loads(_run("ewm", "current", "--horizon", "9-20", "--json"))
    assert [h["horizon_quarters"] for h in out["horizons"]] == [[9, 20]]
    h = out["horizons"][0]
    assert h["model"] == "raw credit gap" and h["first_year"] == 2002
    probs = [c["probability"] for c in h["countries"]]
    assert probs == sorted(probs, reverse=True) and len(probs) >= 40
    assert out["verdict"]["beats_gap_at_target"] is False
    bad = runner.invoke(get_app(), ["ewm", "current", "--horizon", "3-5y"])
    assert bad.exit_code == 2 and "9-20" in bad.output
