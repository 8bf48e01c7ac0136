"""Bad scenario files and fan arguments: one-line errors, bounded before any work.

Issue 12 (points 5/6): a scenario file is read as UTF-8 with a clear error otherwise,
nesting and list lengths are bounded before parsing (no RecursionError), NaN
thresholds are rejected, ``fiscal fan`` rejects non-positive years and negative seeds,
and paths x years is capped before anything is allocated.  Errors keep their
``[levers.x]`` location, printed literally.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from debtcycle.analytics.scenarios.spec import MAX_DEPTH, MAX_LIST, parse_spec_toml
from debtcycle.cli.app import get_app
from debtcycle.errors import BadInputError
from debtcycle.facade._fiscal_load import load_spec
from debtcycle.facade.fiscal import fiscal_fan

HEAD = '[scenario]\ncountry = "US"\nstart = 2026\nyears = 10\n'


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "s.toml"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("data", "message"), [
    (b"\x00\x01\x02binary", "binary data"),
    ((HEAD + 'name = "Caf\u00e9"\n').encode("latin-1"), "not UTF-8"),
])
def test_file_must_be_utf8_text(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(BadInputError, match=message):
        load_spec(_write(tmp_path, data))


def test_nesting_is_bounded_before_parsing() -> None:
    deep = HEAD + "[uncertainty]\nthresholds = " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(BadInputError, match=f"nested more than {MAX_DEPTH} deep"):
        parse_spec_toml(deep, "deep.toml")
    # brackets inside strings and comments are not structure
    quoted = HEAD + 'description = "' + "[" * 50 + '"  # ' + "{" * 50 + "\n"
    assert parse_spec_toml(quoted, "ok.toml").description == "[" * 50


def test_long_lists_are_rejected_before_parsing() -> None:
    text = HEAD + "[uncertainty]\nthresholds = [" + ",".join(["1"] * 20_000) + "]\n"
    with pytest.raises(BadInputError, match=f"more than {MAX_LIST:,} items"):
        parse_spec_toml(text, "long.toml")
    million = "[" + ",".join(["1"] * 1_000_000) + "]"
    with pytest.raises(BadInputError, match="characters"):
        parse_spec_toml(HEAD + "[uncertainty]\nthresholds = " + million, "huge.toml")
    text = HEAD + "[uncertainty]\nthresholds = [" + ",".join(["110"] * 101) + "]\n"
    with pytest.raises(BadInputError, match="at most 100 allowed"):
        parse_spec_toml(text, "many.toml")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_non_finite_numbers_are_rejected(value: str) -> None:
    with pytest.raises(BadInputError, match="finite"):
        parse_spec_toml(HEAD + f"[uncertainty]\nthresholds = [110.0, {value}]\n", "n.toml")
    with pytest.raises(BadInputError, match=r"\[levers.tariff\] pass_through"):
        parse_spec_toml(HEAD + f"[levers.tariff]\npass_through = {value}\n", "n.toml")


def test_removed_offset_and_bad_indexation_say_what_to_do() -> None:
    with pytest.raises(BadInputError, match=r"\[levers.tariff\] offset is no longer used"):
        parse_spec_toml(HEAD + "[levers.tariff]\noffset = 0.25\n", "o.toml")
    with pytest.raises(BadInputError, match=r"\[levers.spending_cut\] indexation"):
        parse_spec_toml(HEAD + '[levers.spending_cut]\namount = 1\nindexation = "wages"\n',
                        "i.toml")


def test_cli_prints_lever_location_literally(tmp_path: Path) -> None:
    path = _write(tmp_path, (HEAD + "[levers.tariff]\npass_through = 7\n").encode())
    out = CliRunner().invoke(get_app(), ["scenario", "run", str(path)])
    assert out.exit_code == 2
    assert "[levers.tariff] pass_through = 7 is outside" in out.output
    assert len(out.output.strip().splitlines()) == 1


@pytest.mark.parametrize(("args", "message"), [
    (["--years", "0"], "--years 0"), (["--years", "-3"], "--years -3"),
    (["--seed", "-1"], "--seed -1"), (["--paths", "0"], "--paths 0"),
])
def test_fan_arguments_one_line_errors(args: list[str], message: str) -> None:
    out = CliRunner().invoke(get_app(), ["fiscal", "fan", "US", *args])
    assert out.exit_code == 2, out.output
    assert message in out.output and len(out.output.strip().splitlines()) == 1


def test_scenario_paths_times_years_capped_at_parse() -> None:
    text = HEAD.replace("years = 10", "years = 50") + "[uncertainty]\npaths = 10000000\n"
    with pytest.raises(BadInputError, match=r"\[uncertainty\] paths x years = 500,000,000"):
        parse_spec_toml(text, "big.toml")


def test_fan_memory_is_capped_before_allocating() -> None:
    # 10,000,000 paths x 30 years of float32 would be 1.2 GB: refused up front.
    with pytest.raises(BadInputError, match="paths x years"):
        fiscal_fan("US", paths=10_000_000, years=30)
    with pytest.raises(BadInputError, match="finite"):
        fiscal_fan("US", paths=10, years=2, thresholds=(float("nan"),))
