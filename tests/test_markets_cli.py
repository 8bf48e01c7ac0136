"""``debtcycle markets``: JSON shapes, the event and consolidation forms, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from debtcycle.cli.app import get_app

runner = CliRunner()


def _no_nan(token: str) -> float:
    raise AssertionError(f"JSON holds {token}; missing values must be null")


def _json(text: str) -> dict[str, object]:
    """Parse strictly: NaN / Infinity are not JSON."""
    out: dict[str, object] = json.loads(text, parse_constant=_no_nan)
    return out


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(get_app(), ["markets", *args])
    return result.exit_code, result.output


def test_markets_json_keys() -> None:
    code, out = _run("US", "--sector", "general_gov", "--json")
    assert code == 0, out
    payload: dict[str, Any] = _json(out)
    assert payload["country"] == "US"
    row = payload["data"][0]
    for key in ("sector", "start", "end", "label", "equity_real_pct_pa", "equity_real_lo",
                "equity_real_hi", "bond_real_pct_pa", "yield_10y_change_bp"):
        assert key in row
    assert payload["data"][-1]["label"] == "all periods"
    assert payload["series"]["equity_nominal"]["source"] == "shiller"


def test_markets_table_and_chart(tmp_path: Path) -> None:
    code, out = _run("JP", "--sector", "households", "--chart", str(tmp_path / "jp"))
    assert code == 0, out
    assert "all periods" in out and "10-year yield change, bp" in out
    assert (tmp_path / "jp.html").is_file() and (tmp_path / "jp.png").is_file()


def test_event_period_and_consolidations() -> None:
    code, out = _run("event", "US", "--event", "1993Q3", "--json")
    assert code == 0, out
    payload: dict[str, Any] = _json(out)
    assert [e["episode"] for e in payload["events"]] == ["US 1993Q3"]
    assert {"equity", "equity_real", "yield_10y"} <= {h["variable"] for h in payload["horizons"]}
    code, out = _run("consolidations", "US", "--json")
    assert code == 0, out
    assert _json(out)["consolidation_years"] == [1969, 1974, 2013, 2022]


def test_event_chart(tmp_path: Path) -> None:
    code, out = _run("event", "US", "--event", "consolidation", "--chart", str(tmp_path / "ev"))
    assert code == 0, out
    assert "US 1969" in out and (tmp_path / "ev.png").is_file()


def test_errors_are_one_line() -> None:
    for args in (["XX"], [], ["event", "US", "--event", "soon"], ["consolidations"],
                 ["event", "US", "--event", "2099Q1"],
                 ["US", "JP"]):
        code, out = _run(*args)
        assert code == 2, (args, out)
        assert "Traceback" not in out
        assert len([ln for ln in out.splitlines() if ln.strip()]) <= 2, out


def test_scenario_market_channel(tmp_path: Path) -> None:
    spec = Path(__file__).resolve().parents[1] / "scenarios" / "us-debt-conversion.toml"
    result = runner.invoke(get_app(), ["markets", "scenario", str(spec), "--json", "--chart",
                                       str(tmp_path / "scen")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "scen.png").is_file()
    payload: dict[str, Any] = _json(result.stdout)
    params = payload["params"]
    assert params["beta_low"] < params["beta"] < params["beta_high"]
    assert 0 < params["earnings_yield"] < 0.2
    for row in payload["data"]:
        assert row["equity_low_pct"] <= row["equity_pct"] <= row["equity_high_pct"]


def test_annual_consolidation_events_cover_jst_countries() -> None:
    code, out = _run("event", "US", "GB", "DE", "--event", "consolidation", "--annual", "--json")
    assert code == 0, out
    payload: dict[str, Any] = _json(out)
    assert payload["params"]["frequency"] == "A"
    horizons = {(h["variable"], h["k"]): h for h in payload["horizons"]}
    assert horizons[("equity_real", 3)]["n"] > 10  # JST total returns for all three
    assert horizons[("yield_10y", 1)]["all_periods_mean"] is not None
