"""CLI of the leverage analytics: JSON shapes from the issue, charts, comparison table.

Reference figures: BIS total credit (WS_TC) values as published, read back through
the catalog (tolerance 0.05 pp, BIS rounds to 0.1).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import debtcycle
from debtcycle.analytics.leverage.compare import compare_countries
from debtcycle.cli.app import get_app
from debtcycle.errors import BadInputError

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(get_app(), list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_phases_json_one_sector_matches_issue_shape() -> None:
    out = json.loads(_run("phases", "CN", "--sector", "nonfin_corp", "--json"))
    assert out["country"] == "CN" and out["sector"] == "nonfin_corp"
    assert out["measure"] == "debt_gdp"
    first = out["phases"][0]
    assert set(first) == {"start", "end", "label", "change_pp", "pp_per_year"}
    labels = [p["label"] for p in out["phases"]]
    assert "leveraging" in labels and "deleveraging" in labels


def test_phases_json_all_sectors_is_a_list() -> None:
    out = json.loads(_run("phases", "US", "--json"))
    assert isinstance(out, list)
    assert {o["sector"] for o in out} == {"households", "nonfin_corp", "general_gov",
                                          "private_nonfin", "total_nonfin"}


def test_phases_chart_written(tmp_path: Path) -> None:
    _run("phases", "JP", "--sector", "nonfin_corp", "--chart", str(tmp_path / "jp.html"))
    assert (tmp_path / "jp.html").stat().st_size > 1000
    assert (tmp_path / "jp.png").stat().st_size > 1000


def test_decompose_json_terms_add_up() -> None:
    out = json.loads(_run("decompose", "CN", "--sector", "nonfin_corp", "--from", "2008Q4",
                          "--to", "2015Q4", "--json"))
    t = out["totals"]
    assert t["change"] == pytest.approx(t["debt"] + t["real_growth"] + t["inflation"] + t["cross"],
                                        abs=1e-3)
    assert t["change"] == pytest.approx(148.6 - 88.4, abs=0.15)  # BIS published ratios
    assert out["kind"] == "leveraging"
    # China's real GDP is annual (GMD): the decomposition is annual, 2009..2015.
    assert out["freq"] == "Y" and len(out["periods"]) == 7
    assert out["start"] == "2008" and out["end"] == "2015"


def test_decompose_us_is_quarterly_with_dalio_reading() -> None:
    out = json.loads(_run("decompose", "US", "--sector", "households", "--from", "2008Q4",
                          "--to", "2014Q4", "--json"))
    assert out["freq"] == "Q" and len(out["periods"]) == 24
    assert out["kind"] == "active_deleveraging"
    assert out["dalio"] in ("beautiful", "ugly") and out["rate_pct"] is not None


def test_compare_positional_dates_and_ranks(tmp_path: Path) -> None:
    out = json.loads(_run("compare", "CN", "JP", "US", "--sector", "households",
                          "--at", "2008Q4", "2015Q4", "--json", "--chart", str(tmp_path / "c")))
    rows = {r["country"]: r for r in out["table"]}
    assert out["at"] == ["2008Q4", "2015Q4"]
    hh = debtcycle.series("US", "households")
    assert rows["US"]["2008Q4"] == pytest.approx(hh["2008Q4"], abs=0.05)
    assert rows["US"]["rank"] == 1 and rows["CN"]["rank"] == 3
    assert rows["CN"]["2008Q4->2015Q4"] == pytest.approx(38.1 - 17.6, abs=0.05)
    assert (tmp_path / "c.png").exists()


def test_compare_countries_unit() -> None:
    idx = pd.period_range("2000Q1", periods=8, freq="Q")
    frame = pd.DataFrame({"A": range(8), "B": [10.0] * 8}, index=idx, dtype=float)
    table = compare_countries(frame, ["2000Q2", "last"]).table
    assert table.loc["A", "2000Q2->2001Q4"] == 6.0 and table.loc["B", "rank"] == 1
    with pytest.raises(BadInputError):
        compare_countries(frame, ["1990Q1"])


def test_align_json_china_japan_property_peak() -> None:
    out = json.loads(_run("align", "CN", "--to", "JP", "--measure", "house_price_real",
                          "--rebase", "ratio", "--json"))
    assert out["events"] == {"CN": "2021Q3", "JP": "1991Q1"}
    sim = out["similarity"]
    # Figure for the note: China's real house prices since the 2021Q3 peak track Japan's
    # after 1991Q1 with Nash-Sutcliffe score above 0.5 and correlation above 0.9.
    assert sim["score"] > 0.5 and sim["correlation"] > 0.9 and sim["start"] == 0
    bad = runner.invoke(get_app(), ["align", "CN", "--to", "JP", "--event", "soon"])
    assert bad.exit_code == 2
