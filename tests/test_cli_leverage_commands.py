"""leverage, compare, decompose, align as thin CLI wrappers: the defects of issue 10 stay fixed.

Reference figures: BIS WS_TC as published (MANIFEST sanity figures for China:
households 17.6 / 38.1, firms 88.4 / 148.6, government 26.7 / 40.9 % of GDP in
2008Q4 / 2015Q4), read back with ``debtcycle.series`` where the MANIFEST has none;
tolerance 0.05 pp (BIS rounds to 0.1).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import debtcycle
from debtcycle.cli.app import get_app

runner = CliRunner()


def _ok(*args: str) -> tuple[str, str]:
    result = runner.invoke(get_app(), list(args))
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def test_leverage_sector_option_is_an_option_not_a_date() -> None:
    out, _ = _ok("leverage", "CN", "--sector", "households", "--at", "2008Q4", "2015Q4", "--json")
    table = json.loads(out)["table"]
    assert [row["sector"] for row in table] == ["households"]
    assert table[0]["2008Q4"] == pytest.approx(17.6, abs=0.05)
    assert table[0]["2015Q4"] == pytest.approx(38.1, abs=0.05)


def test_leverage_positional_dates_and_out(tmp_path: Path) -> None:
    path = tmp_path / "cn.csv"
    out, _ = _ok("leverage", "CN", "2008Q4", "2015Q4", "--out", str(path))
    assert "Households" in out and "Firms" in out
    frame = pd.read_csv(path, index_col="sector")
    assert frame.loc["nonfin_corp", "2008Q4"] == pytest.approx(88.4, abs=0.05)
    assert frame.loc["general_gov", "2015Q4"] == pytest.approx(40.9, abs=0.05)
    assert frame.loc["households", "2008Q4->2015Q4"] == pytest.approx(38.1 - 17.6, abs=0.1)


def test_leverage_xlsx_metadata_names_every_series(tmp_path: Path) -> None:
    path = tmp_path / "cn.xlsx"
    _ok("leverage", "CN", "2008Q4", "--out", str(path))
    meta = pd.read_excel(path, sheet_name="metadata", header=None).astype(str)
    text = " ".join(meta.to_numpy().ravel())
    for key in ("Q:CN:H:A:M:770:A", "Q:CN:N:A:M:770:A", "Q:CN:C:A:M:770:A"):
        assert key in text


def test_leverage_says_when_parts_do_not_add_up() -> None:
    market, _ = _ok("leverage", "US", "2019Q4", "last")
    assert "note:" not in market  # every sector at market value: parts add up
    nominal, _ = _ok("leverage", "US", "2019Q4", "last", "--valuation", "nominal")
    assert "note:" in nominal and "nominal value" in nominal


def test_compare_out_after_dates_is_an_option(tmp_path: Path) -> None:
    path = tmp_path / "cmp.csv"
    out, _ = _ok("compare", "CN", "JP", "--at", "2008Q4", "--out", str(path))
    frame = pd.read_csv(path, index_col="country")
    total = debtcycle.series("JP", "total_nonfin", "debt_gdp", source="bis")
    assert frame.loc["JP", "2008Q4"] == pytest.approx(total["2008Q4"], abs=0.05)
    assert list(frame["rank"]) == [2, 1]
    assert " 3.0 " not in out and " 1.0 " not in out  # ranks as whole numbers


def test_align_title_names_events_not_a_dict() -> None:
    out, _ = _ok("align", "CN", "--to", "JP", "--measure", "house_price_real", "--rebase",
                 "ratio")
    assert "China 2021Q3" in out and "Japan 1991Q1" in out and "{" not in out
    assert "every fourth" in out


def test_decompose_all_lists_every_period_and_json_is_the_result() -> None:
    out, _ = _ok("decompose", "US", "--sector", "households", "--from", "2008Q4", "--to",
                 "2010Q4", "--all")
    assert "2009Q1" in out and "2010Q4" in out
    payload = json.loads(_ok("decompose", "US", "--sector", "households", "--from", "2008Q4",
                             "--to", "2010Q4", "--json")[0])
    direct = debtcycle.decompose("US", "households", start="2008Q4", end="2010Q4").to_dict()
    assert payload == json.loads(json.dumps(direct))


@pytest.mark.parametrize(
    "args",
    [
        ("leverage", "CN", "--at", "2008Q5"), ("leverage", "CN", "2008Q0"),
        ("leverage", "CN", "lastt"), ("leverage", "CN", "2008-13"),
        ("leverage", "CN", "--sector", "househlds"), ("leverage", "CN", "--valuation", "x"),
        ("compare", "2008Q4"), ("compare", "CN", "XX"), ("decompose", "US", "--from", "2010",
                                                          "--to", "2008"),
        ("align", "CN", "--to", "CN"), ("align", "CN", "--to", "JP", "--rebase", "x"),
        ("align", "CN", "--to", "JP", "--before", "-3"),
    ],
)
def test_bad_input_is_one_line(args: tuple[str, ...]) -> None:
    result = runner.invoke(get_app(), list(args))
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "call"),
    [
        (("leverage", "CN", "2008Q4", "last"),
         lambda: debtcycle.leverage("CN", at=["2008Q4", "last"])),
        (("compare", "CN", "JP", "US", "--sector", "households", "--at", "2008Q4"),
         lambda: debtcycle.compare(["CN", "JP", "US"], "households", at=["2008Q4"])),
        (("align", "CN", "--to", "JP"), lambda: debtcycle.align("CN", "JP")),
    ],
)
def test_json_is_exactly_the_facade_result(args: tuple[str, ...], call: object) -> None:
    payload = json.loads(_ok(*args, "--json")[0])
    assert payload == json.loads(json.dumps(call().to_dict()))  # type: ignore[operator]


@pytest.mark.parametrize(
    "args",
    [("decompose", "US", "--sector", "households", "--from", "2008Q4", "--to", "2014Q4"),
     ("align", "CN", "--to", "JP", "--measure", "house_price_real")],
)
def test_chart_option_draws(args: tuple[str, ...], tmp_path: Path) -> None:
    target = tmp_path / "c.html"
    _, err = _ok(*args, "--chart", str(target), "--json")
    written = [Path(line.removeprefix("written: ")) for line in err.splitlines()]
    assert sorted(p.suffix for p in written) == [".html", ".png"]
    assert all(p.is_file() and p.stat().st_size > 1000 for p in written)
