"""Unit tests of debtcycle.sources.validate (the checks every loader goes through)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from debtcycle.errors import ParseError
from debtcycle.sources.base import Expect
from debtcycle.sources.equity import parse_equity
from debtcycle.sources.validate import (
    Previous,
    check_against_previous,
    check_file,
    check_parsed,
    period_start,
    strict_numbers,
)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [(["1", " 2.5 ", "-3e2", "", ".5"], [1.0, 2.5, -300.0, np.nan, 0.5]),
     ([1, 2.25, None], [1.0, 2.25, np.nan])],
)
def test_plain_numbers_and_missing_cells_convert(
    cells: list[object], expected: list[float]
) -> None:
    out = strict_numbers(pd.Series(cells, dtype=object), "f.csv", first_row=2)
    np.testing.assert_array_equal(out.to_numpy(), np.array(expected))


@pytest.mark.parametrize("token", ["NaN", "inf", "n/a", "1.2.3", "12abc", "1,5"])
def test_other_tokens_are_errors_with_their_place(token: str) -> None:
    with pytest.raises(ParseError, match="expected a number") as info:
        strict_numbers(pd.Series(["1", "2", token]), "f.csv", first_row=2, column="close")
    assert (info.value.row, info.value.column) == (4, "close")


def test_thousands_separator_and_declared_missing_tokens() -> None:
    out = strict_numbers(pd.Series(["18,420", "null"]), "f.csv", first_row=1,
                         missing=("", "null"), thousands=",")
    assert out.iloc[0] == 18420.0 and np.isnan(out.iloc[1])


@pytest.mark.parametrize(
    ("label", "day"),
    [("2024Q4", "2024-10-01"), ("2024", "2024-01-01"), ("2024-06", "2024-06-01"),
     ("2025-05-06", "2025-05-06")],
)
def test_period_labels_map_to_their_first_day(label: str, day: str) -> None:
    assert period_start(label) == np.datetime64(day, "D")


def test_declared_columns_and_line_break(tmp_path: Path) -> None:
    good = tmp_path / "a.csv"
    good.write_text("date,close\n2020-01-01,1\n")
    check_file(good, "a.csv", Expect(columns=("date", "close")))
    with pytest.raises(ParseError, match=r"header lacks columns \['volume'\]"):
        check_file(good, "a.csv", Expect(columns=("volume",)))
    cut = tmp_path / "b.csv"
    cut.write_text("date,close\n2020-01-01,1")
    with pytest.raises(ParseError, match="does not end with a line break"):
        check_file(cut, "b.csv", Expect())
    check_file(cut, "b.csv", Expect(line_break_at_end=False))


def test_bounds_and_required_periods() -> None:
    days = np.array(["2000-01-01", "2000-04-01", "2000-07-01"], dtype="datetime64[D]")
    check_parsed("f", Expect(last_period_from="2000Q3", first_period_by="2000Q1"), 1, days)
    with pytest.raises(ParseError, match="before 2000Q4"):
        check_parsed("f", Expect(last_period_from="2000Q4"), 1, days)
    with pytest.raises(ParseError, match="after 1999Q4"):
        check_parsed("f", Expect(first_period_by="1999Q4"), 1, days)
    with pytest.raises(ParseError, match=r"required periods missing: \['2001Q1'\]"):
        check_parsed("f", Expect(periods=("2000Q2", "2001Q1")), 1, days)
    with pytest.raises(ParseError, match="at least 2 series"):
        check_parsed("f", Expect(min_series=2), 1, days)


def test_shrink_threshold_is_a_share_of_the_previous_load() -> None:
    days = np.array(["2000-01-01"] * 90, dtype="datetime64[D]")
    before = Previous(n_series=100, rows=100, periods=np.array(["2000-01-01"], "datetime64[D]"))
    check_against_previous("f", Expect(max_shrink=0.1), 90, days, before)  # 10% fewer: fine
    with pytest.raises(ParseError, match="--accept-shrink"):
        check_against_previous("f", Expect(max_shrink=0.1), 89, days[:89], before)


def test_equity_close_with_text_is_an_error_not_a_dropped_day(tmp_path: Path, mirror: Path) -> None:
    """Before: a close of 'n/a' became NaN and the day silently disappeared."""
    lines = (mirror / "china/sh000001_SSE_Composite_daily.csv").read_text("utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[10].split(",")
    cells[header.index("close")] = "n/a"
    lines[10] = ",".join(cells)
    copy = tmp_path / "sse.csv"
    copy.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ParseError, match="expected a number") as info:
        parse_equity(copy, "EQ_SSE")
    assert (info.value.row, info.value.column) == (11, "close")


def test_a_non_text_store_filter_is_bad_input() -> None:
    """``source=1`` reached DuckDB and came back as a raw ConversionException."""
    from debtcycle.errors import BadInputError
    from debtcycle.store import Store

    with pytest.raises(BadInputError, match="source=1: expected text"):
        Store().find_series(source=1)  # type: ignore[arg-type]
