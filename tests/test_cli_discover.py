"""``debtcycle list`` and ``debtcycle search``: what the store holds.

Figures: MANIFEST of BIS WS_TC (China households from 2006-Q1 to 2025-Q4, 80 quarters,
key Q:CN:H:A:M:770:A).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

import debtcycle
from debtcycle.cli.app import get_app

runner = CliRunner()


def _json(*args: str) -> dict:
    result = runner.invoke(get_app(), [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_list_filters_and_shows_coverage() -> None:
    out = _json("list", "--country", "cn", "--sector", "Households", "--measure", "debt_gdp")
    assert out["filters"] == {"country": "CN", "sector": "households", "measure": "debt_gdp"}
    rows = {r["series_key"]: r for r in out["series"]}
    row = rows["Q:CN:H:A:M:770:A"]
    assert (row["source"], row["first"], row["last"], row["observations"]) == (
        "bis", "2006Q1", "2025Q4", 80)
    assert all(r["country"] == "CN" and r["sector"] == "households" for r in out["series"])
    assert out["count"] == len(out["series"])


def test_list_without_filters_is_the_whole_catalog() -> None:
    out = _json("list")
    assert out["count"] == len(debtcycle.list_series())
    fred = _json("list", "--source", "FRED")
    assert fred["count"] > 0 and {r["source"] for r in fred["series"]} == {"fred"}


def test_search_by_key_and_by_words() -> None:
    out = _json("search", "Q:CN:H:A:M:770:A")
    assert [r["series_key"] for r in out["series"]] == ["Q:CN:H:A:M:770:A"]
    out = _json("search", "china", "household", "debt")
    assert out["count"] > 0 and {r["country"] for r in out["series"]} == {"CN"}
    assert "Q:CN:H:A:M:770:A" in {r["series_key"] for r in out["series"]}
    assert out["count"] == len(debtcycle.search("china household debt", limit=None))
    assert _json("search", "xyzzy")["count"] == 0


def test_list_table_says_what_it_hides_and_writes_every_row(tmp_path: Path) -> None:
    path = tmp_path / "all.csv"
    result = runner.invoke(get_app(), ["list", "--out", str(path)])
    assert result.exit_code == 0
    assert "showing the last 40 of" in result.stdout
    assert len(pd.read_csv(path)) == len(debtcycle.list_series())


def test_bad_filters_are_one_line_errors() -> None:
    for args in (["list", "--sector", "househlds"], ["list", "--country", "Chnia"],
                 ["search"], ["list", "--measure", "[/x]"], ["list", "--source", "nope"],
                 ["search", " "]):
        result = runner.invoke(get_app(), args)
        assert result.exit_code == 2, args
        assert len(result.stderr.strip().splitlines()) == 1
