"""The foundation CLI (data status, series, leverage) through Typer's CliRunner.

Numbers are the MANIFEST sanity figures of BIS WS_TC (one decimal, tolerance 0.05).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from debtcycle.cli.app import get_app
from debtcycle.sources import all_sources

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(get_app(), list(args))
    return result.exit_code, result.stdout, result.stderr


def test_data_status_json_lists_every_dataset() -> None:
    code, out, _ = _run("data", "status", "--json")
    assert code == 0
    payload = json.loads(out)
    rows = {r["dataset"]: r for r in payload["datasets"]}
    expected = {f.dataset for s in all_sources().values() for f in s.files}
    assert set(rows) == expected
    tc = rows["WS_TC"]
    assert tc["source"] == "bis" and tc["series"] == 1133  # MANIFEST row 7
    assert str(tc["first"]).startswith("1940-04-01") and str(tc["last"]).startswith("2025-10-01")
    assert len(tc["sha256"]) == 64 and tc["vintage"]


def test_series_json_has_the_shape_of_the_issue() -> None:
    code, out, _ = _run("series", "CN", "households", "debt_gdp", "--json")
    assert code == 0
    payload = json.loads(out)
    assert {k: payload[k] for k in ("country", "sector", "measure", "source", "series_key",
                                     "unit")} == {
        "country": "CN", "sector": "households", "measure": "debt_gdp", "source": "bis",
        "series_key": "Q:CN:H:A:M:770:A", "unit": "pct_gdp"}
    data = payload["data"]
    assert all(set(point) == {"period", "value"} for point in data)
    assert all(isinstance(p["period"], str) and isinstance(p["value"], float) for p in data)
    by_period = {p["period"]: p["value"] for p in data}
    assert data[0]["period"] == "2006Q1"  # MANIFEST: CN households from 2006-Q1
    assert by_period["2008Q4"] == pytest.approx(17.6, abs=0.05)
    assert by_period["2025Q4"] == pytest.approx(58.0, abs=0.05)


def test_series_source_option_switches_publisher() -> None:
    code, out, _ = _run("series", "US", "general_gov", "debt_gdp", "--source", "imf", "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["source"] == "imf"
    assert payload["data"][-1]["period"] == "2024"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_series_out_writes_each_format(suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"cn_hh{suffix}"
    code, _, _ = _run("series", "CN", "households", "debt_gdp", "--out", str(path))
    assert code == 0 and path.is_file()
    if suffix == ".csv":
        frame = pd.read_csv(path, index_col=0)
    elif suffix == ".xlsx":
        frame = pd.read_excel(path, index_col=0)
    else:
        frame = pd.read_parquet(path)
    assert list(frame.columns) == ["value"]
    assert frame.loc["2015Q4", "value"] == pytest.approx(38.1, abs=0.05)
    assert len(frame) == (2025 - 2006 + 1) * 4


def test_series_out_unknown_format_exits_2(tmp_path: Path) -> None:
    code, _, err = _run("series", "CN", "households", "--out", str(tmp_path / "x.txt"))
    assert code == 2
    assert ".csv, .xlsx or .parquet" in err


def test_leverage_json_table(tmp_path: Path) -> None:
    code, out, _ = _run("leverage", "CN", "--at", "2008Q4", "2015Q4", "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["country"] == "CN" and "charts" not in payload
    text = json.dumps(payload["table"])
    for figure in ("17.6", "38.1", "88.4", "148.6", "26.7", "40.9"):  # MANIFEST CN 2008/2015
        assert figure in text


def test_leverage_chart_writes_html_and_png(tmp_path: Path) -> None:
    target = tmp_path / "charts" / "cn.html"
    code, out, err = _run("leverage", "CN", "--chart", str(target), "--json")
    assert code == 0
    assert json.loads(out)["country"] == "CN"  # stdout is the result's JSON only
    written = [Path(line.removeprefix("written: ")) for line in err.splitlines()]
    assert {p.suffix for p in written} == {".html", ".png"}
    for path in written:
        assert path.is_file() and path.stat().st_size > 1000
    assert written[[p.suffix for p in written].index(".png")].read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (("series", "CN", "househlds", "debt_gdp"), "households"),
        (("series", "CN", "households", "debt_gpd"), "debt_gdp"),
        (("series", "Chnia", "households"), "CN"),
        (("leverage", "Japn"), "JP"),
        (("series", "CN", "households", "--source", "bsi"), "bis"),
    ],
)
def test_unknown_codes_exit_2_with_close_matches(args: tuple[str, ...], hint: str) -> None:
    code, out, err = _run(*args)
    assert code == 2
    assert "error:" in err and hint in err
    assert out == ""
