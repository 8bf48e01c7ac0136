"""The one period parser (debtcycle.periods): accepted forms, one meaning of a year, errors."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from debtcycle.errors import BadInputError
from debtcycle.periods import (
    LAST,
    PeriodSpec,
    check_period,
    is_period,
    parse_period,
    parse_periods,
    resolve,
    resolve_all,
)

QUARTERS = pd.period_range("2000Q1", "2024Q2", freq="Q")
YEARS = pd.period_range("1990", "2020", freq="Y")
MONTHS = pd.period_range("2005-01", "2010-06", freq="M")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2008Q4", "2008Q4"), ("2008q4", "2008Q4"), (" 2008-Q4 ", "2008Q4"), ("2008 Q1", "2008Q1"),
        ("2008", "2008"), (2008, "2008"), ("2008-12", "2008-12"), ("2008-3", "2008-03"),
        ("2008M12", "2008-12"), (pd.Period("2008Q2"), "2008Q2"), (pd.Period("2008", "Y"), "2008"),
        (pd.Period("2008-05", "M"), "2008-05"),
    ],
)
def test_accepted_forms_parse_to_canonical_text(text: object, expected: str) -> None:
    assert check_period(text) == expected


@pytest.mark.parametrize("text", ["last", "LAST", " Last "])
def test_last_is_a_token(text: str) -> None:
    assert parse_period(text) == LAST
    assert is_period(text)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2008Q5", "quarter 5 is not 1-4"), ("2008Q0", "quarter 0 is not 1-4"),
        ("lastt", "'lastt' is not a period"), ("2008-13", "month 13 is not 1-12"),
        ("2008-00", "month 0"), ("", "is not a period"), ("2008Q", "is not a period"),
        ("20084", "is not a period"), ("0999", "out of range"), (None, "None is not a period"),
        (True, "is not a period"), (2008.5, "is not a period"), ("--sector", "is not a period"),
        (pd.Period("2008-01-05", "D"), "only annual, quarterly or monthly"),
    ],
)
def test_bad_labels_raise_one_line_naming_input_and_forms(text: object, fragment: str) -> None:
    with pytest.raises(BadInputError) as info:
        parse_period(text, what="--at")
    message = str(info.value)
    assert fragment in message
    assert message.startswith("--at ")
    assert "2008Q4" in message and "last" in message  # the accepted forms
    assert "\n" not in message
    assert not is_period(text)


def test_a_year_means_its_last_period_on_every_frequency() -> None:
    # The documented meaning: 2008 -> 2008Q4 on quarterly data, 2008-12 on monthly data.
    assert resolve("2008", QUARTERS) == pd.Period("2008Q4")
    assert resolve(2008, QUARTERS) == pd.Period("2008Q4")
    assert resolve(pd.Period("2008", "Y"), QUARTERS) == pd.Period("2008Q4")
    assert resolve("2008", MONTHS) == pd.Period("2008-12", "M")
    assert resolve("2008", YEARS) == pd.Period("2008", "Y")


def test_finer_labels_go_to_the_containing_period() -> None:
    assert resolve("2008-11", QUARTERS) == pd.Period("2008Q4")
    assert resolve("2008Q2", YEARS) == pd.Period("2008", "Y")
    assert PeriodSpec(2008, "Q", 2).to_period() == pd.Period("2008Q2")


def test_last_is_the_final_period_of_the_index() -> None:
    assert resolve("last", QUARTERS) == pd.Period("2024Q2")


def test_outside_the_data_is_a_bad_input_with_the_range() -> None:
    with pytest.raises(BadInputError, match=r"outside the data \(2000Q1 to 2024Q2\)"):
        resolve("2024", QUARTERS)  # 2024Q4 is after the last quarter
    with pytest.raises(BadInputError, match="outside"):
        resolve("1999Q4", QUARTERS)
    assert resolve("1999Q4", QUARTERS, inside=False) == pd.Period("1999Q4")
    with pytest.raises(BadInputError, match="no data"):
        resolve("2008", pd.PeriodIndex([], freq="Q"))


def test_resolve_all_sorts_deduplicates_and_fails_before_resolving() -> None:
    got = resolve_all(["last", "2008", "2008Q4", "2001Q1"], QUARTERS)
    assert got == [pd.Period("2001Q1"), pd.Period("2008Q4"), pd.Period("2024Q2")]
    with pytest.raises(BadInputError, match="2008Q5"):
        resolve_all(["2008Q4", "2008Q5"], QUARTERS)


def test_parse_periods_takes_one_label_or_a_list() -> None:
    assert [str(p) for p in parse_periods("2008Q4")] == ["2008Q4"]
    assert [str(p) for p in parse_periods(["2008", "last"])] == ["2008", "last"]
    for bad in ([], 3.5, {"a": 1}):
        with pytest.raises(BadInputError):
            parse_periods(bad)


def test_parsing_imports_no_pandas() -> None:
    code = ("import sys; from debtcycle.periods import check_period; check_period('2008Q4'); "
            "assert 'pandas' not in sys.modules, 'pandas imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


# --- property-based: any text gives a period or a one-line BadInputError -----------------------

@given(st.one_of(st.text(max_size=12), st.integers(), st.floats(), st.none()))
def test_any_input_parses_or_is_a_one_line_bad_input(value: object) -> None:
    try:
        spec = parse_period(value)
    except BadInputError as exc:
        assert "\n" not in str(exc) and "2008Q4" in str(exc)
    else:
        assert spec == LAST or check_period(str(spec)) == str(spec)


@given(st.integers(1000, 2999), st.integers(1, 4))
def test_generated_quarters_round_trip_and_resolve(year: int, quarter: int) -> None:
    label = f"{year}Q{quarter}"
    assert check_period(label.lower()) == label
    assert parse_period(label).to_period("Q") == pd.Period(label)  # type: ignore[union-attr]


@given(st.integers(1000, 2999))
def test_generated_years_are_their_last_quarter(year: int) -> None:
    assert parse_period(str(year)).to_period("Q") == pd.Period(f"{year}Q4")  # type: ignore[union-attr]
