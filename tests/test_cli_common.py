"""The helpers every command uses (cli/_common.py): formatting, tables, files, literal text."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from debtcycle.cli._common import (
    check_out_path,
    format_cell,
    human_name,
    pct,
    score,
    select_rows,
    window,
    write_table,
)
from debtcycle.cli.app import get_app
from debtcycle.errors import BadInputError

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(get_app(), list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _quarters(n: int) -> pd.DataFrame:
    index = pd.period_range("2006Q1", periods=n, freq="Q", name="period")
    return pd.DataFrame({"value": [float(i) for i in range(n)]}, index=index)


@pytest.mark.parametrize(
    ("code", "name"),
    [("real_gdp_growth", "Real GDP growth"), ("households", "Households"), ("CN", "CN"),
     ("2008Q4", "2008Q4"), ("rank", "Rank"), ("nonfin_corp", "Firms"),
     ("debt_gdp_pct", "Debt GDP %"), ("gov_balance_gdp", "Government balance GDP"),
     ("pp", "pp"), ("gdp_growth", "GDP growth")],
)
def test_human_names(code: str, name: str) -> None:
    assert human_name(code) == name


def test_formats_percent_score_rank_missing() -> None:
    assert pct(1.25) == "1.2%" and pct(0.013 * 100, 1) == "1.3%" and pct(math.nan) == ""
    assert score(2.0, 6) == "2/6" and score(None, 6) == ""
    assert format_cell(3.0, column="rank") == "3"
    assert format_cell(3.5, column="rank") == "3.5"
    assert format_cell(math.nan) == "" and format_cell(pd.NaT) == "" and format_cell(pd.NA) == ""
    assert format_cell(True) == "yes" and format_cell(7) == "7"
    assert format_cell(12.345, digits=2, percent=True) == "12.35%"
    assert format_cell({110.0: 0.84}) == "110.0: 0.84"


def test_select_rows_says_how_many_rows_it_hides() -> None:
    frame = _quarters(80)
    shown, note = select_rows(frame)
    assert len(shown) == 40 and shown.index[0] == pd.Period("2016Q1")
    assert note is not None and "40 of 80" in note and "--all" in note
    every, none = select_rows(frame, all_rows=True)
    assert len(every) == 80 and none is None
    assert select_rows(_quarters(10))[1] is None


def test_window_reads_years_as_their_last_quarter() -> None:
    frame = _quarters(80)
    cut = window(frame, "2008", "2009Q2")
    assert [str(p) for p in cut.index] == ["2008Q4", "2009Q1", "2009Q2"]
    assert str(window(frame, "last", None).index[0]) == "2025Q4"
    with pytest.raises(BadInputError, match="after"):
        window(frame, "2010", "2009")
    with pytest.raises(BadInputError, match="not indexed by period"):
        window(frame.reset_index(), "2010", None)


@pytest.mark.parametrize("bad", ["/proc/x.csv", "{file}/x.csv", "{dir}", "{dir}/x.txt"])
def test_unwritable_out_paths_are_one_line_errors(bad: str, tmp_path: Path) -> None:
    afile = tmp_path / "f.csv"
    afile.write_text("x\n")
    target = bad.format(file=afile, dir=tmp_path)
    with pytest.raises(BadInputError) as err:
        if target.startswith("/proc"):
            write_table(_quarters(2), target)
        else:
            check_out_path(target)
    assert "\n" not in str(err.value)


def test_xlsx_has_a_metadata_sheet_with_provenance_and_command(tmp_path: Path) -> None:
    path = tmp_path / "cn.xlsx"
    code, _, _ = _run("series", "CN", "households", "--out", str(path))
    assert code == 0
    sheets = pd.read_excel(path, sheet_name=None, header=None)
    assert set(sheets) == {"data", "metadata"}
    meta = sheets["metadata"].astype(str)
    text = " ".join(meta.to_numpy().ravel())
    for needle in ("Q:CN:H:A:M:770:A", "bis", "WS_TC", "pct_gdp", "market",
                   "data to 2025-Q4", "https://data.bis.org/static/bulk/WS_TC_csv_col.zip",
                   f"debtcycle series CN households --out {path}"):
        assert needle in text
    data = pd.read_excel(path, sheet_name="data", index_col=0)
    assert data.loc["2015Q4", "value"] == pytest.approx(38.1, abs=0.05)  # MANIFEST CN hh


def test_parquet_keeps_the_provenance(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "cn.parquet"
    assert _run("series", "CN", "households", "--out", str(path))[0] == 0
    meta = json.loads(pq.read_schema(path).metadata[b"pandas"])
    assert "Q:CN:H:A:M:770:A" in json.dumps(meta)


def test_series_keys_print_literally_without_emoji() -> None:
    code, out, _ = _run("series", "CN", "households")
    assert code == 0
    assert "Q:CN:H:A:M:770:A" in out and "🅰" not in out
    assert "showing the last 40 of 80 rows" in out


def test_series_from_to_window_every_output() -> None:
    code, out, _ = _run("series", "CN", "households", "--from", "2008", "--to", "2009Q2",
                        "--json")
    assert code == 0
    assert [p["period"] for p in json.loads(out)["data"]] == ["2008Q4", "2009Q1", "2009Q2"]
    code, out, _ = _run("series", "CN", "households", "--all")
    assert code == 0 and "2006Q1" in out and "showing" not in out


@pytest.mark.parametrize(
    "args",
    [
        ("series", "[/x]", "households"),
        ("series", "[bold red]CN", "households"),
        ("series", "CN", "[/x]"),
        ("series", "CN", "households", "--out", "/proc/x.csv"),
        ("series", "CN", "households", "--from", "2008Q5"),
        ("series", "CN", "households", "--from", "lastt"),
        ("series", "CN", "households", "--from", "2010", "--to", "2009"),
        ("series", "CN", "households", "--out", "/tmp/" + "x" * 5000 + ".csv"),
        ("leverage", "CN", "--chart", "/tmp/" + "y" * 300 + "/c.html"),
        ("leverage", "CN", "--chart", "/tmp/c.txt"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    code, out, err = _run(*args)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")


def test_markup_in_arguments_is_reported_literally() -> None:
    _, _, err = _run("series", "CN", "[bold red]households")
    assert "[bold red]households" in err


def test_long_tables_print_as_aligned_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    from debtcycle.cli._common import PLAIN_ROWS, print_frame

    frame = _quarters(PLAIN_ROWS + 1).assign(rank=3.0)
    print_frame(frame)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Period", "Value", "Rank"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].split() == ["2006Q1", "0.0", "3"] and len(lines) == PLAIN_ROWS + 3
    assert len({len(line) for line in lines[2:]}) == 1  # aligned
