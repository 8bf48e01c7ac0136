"""The balances and bsr commands through Typer's CliRunner (JSON shapes of the issue)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from debtcycle.cli.app import get_app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(get_app(), list(args))
    return result.exit_code, result.stdout, result.stderr


def test_bsr_json_has_the_shape_of_the_issue() -> None:
    code, out, _ = _run("bsr", "JP", "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["country"] == "JP"
    by_year = {p["period"]: p for p in payload["periods"]}
    p1998 = by_year["1998"]
    assert p1998["verdict"] == "bsr" and p1998["score"] == 6.0
    assert set(p1998["signals"]) == {"asset_bust", "private_deleveraging", "private_surplus",
                                     "monetary_traction_lost", "government_absorbing",
                                     "disinflation"}
    assert p1998["reasons"][0].startswith("balance-sheet recession: private sector surplus of")
    assert {p["verdict"] for p in payload["periods"]} <= {"none", "watch", "bsr"}


def test_balances_json_and_chart(tmp_path: Path) -> None:
    code, out, _ = _run("balances", "CN", "--json", "--chart", str(tmp_path / "cn.html"))
    assert code == 0
    payload = json.loads(out)
    assert payload["basis"] == "national_accounts"
    assert payload["max_identity_residual"] < 1e-9
    assert (tmp_path / "cn.png").stat().st_size > 10_000
    rows = {r["period"]: r for r in payload["table"]}
    row = rows["2024"]
    assert abs(row["private"] + row["government"] + row["foreign"]) < 1e-9


def test_balances_japan_reports_both_bases() -> None:
    code, out, _ = _run("balances", "JP", "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["basis"] == "flow_of_funds"
    assert payload["comparison"] and {"flow_of_funds", "national_accounts", "diff"} <= set(
        payload["comparison"][0])


def test_bsr_compare_and_exits(tmp_path: Path) -> None:
    code, out, _ = _run("bsr", "compare", "CN", "JP", "--event", "property-peak", "--json",
                        "--chart", str(tmp_path / "cmp.html"))
    assert code == 0
    payload = json.loads(out)
    assert payload["events"] == {"CN": "2021", "JP": "1991"}
    assert payload["statement"][0].startswith("CN is 3 years past")
    assert (tmp_path / "cmp.png").exists()
    code, out, _ = _run("bsr", "exits", "JP", "--json")
    assert code == 0
    assert json.loads(out)["fiscal_history"]["start"] == 1991


def test_bad_usage_is_a_friendly_error() -> None:
    code, _, err = _run("bsr", "compare", "CN")
    assert code == 2 and "Usage" in err
    code, _, err = _run("bsr", "ZZ")
    assert code == 2 and "Unknown country" in err
    code, _, err = _run("balances", "CN", "--basis", "flow_of_funds")
    assert code == 2 and "national_accounts" in err
