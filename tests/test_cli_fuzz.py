"""Property test: random command lines for every command end in exit 0 or one error line.

For each registered command (walked from the registry, so other owners' commands
are covered too) hypothesis draws argument lists from the command's own option
names and from pools of good and bad values (codes, periods, numbers, markup,
paths).  Whatever it draws, the CLI must exit 0, or exit non-zero with exactly
one line on stderr that is not an internal error, and never raise; with
``--json`` a success prints valid JSON.  Runs in-process against the session
store; derandomised and small (a few seconds per command) so it is a
regression test, not a search.  Charts are left out (rendering is slow and
tested elsewhere); commands that rebuild the store or serve are skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from _cli_commands import UNSAFE, leaf_commands
from debtcycle.cli.app import get_app

runner = CliRunner()
COMMANDS = [(p, c) for p, c in leaf_commands()
            if not any(p[:len(unsafe)] == unsafe for unsafe in UNSAFE)]

CODES = ["CN", "US", "JP", "XM", "cn", "Chnia", "XX", "", " ", "[/x]", "[bold red]CN", ":A:",
         "Q:CN:H:A:M:770:A", "🅰", "-", "0", "CN JP", "x" * 300]
PERIODS = ["2008Q4", "2008", "last", "2015Q4", "2008Q5", "2008Q0", "lastt", "2008-13", "1800",
           "9999Q1", "2008-12"]
WORDS = ["households", "nonfin_corp", "general_gov", "total_nonfin", "private_nonfin",
         "debt_gdp", "credit_gap", "house_price_real", "foo", "bis", "fred", "market",
         "nominal", "property-peak", "diff", "ratio", "none"]
NUMBERS = ["0", "1", "-1", "2.5", "abc", "nan", "inf", "1e309", "-3", "40", "1e-9"]
SKIP_OPTIONS = {"--chart", "--help"}
#: Examples per command, and a time budget: once a command has used it (models to fit,
#: reports to write), further examples are skipped, so the test stays bounded.
EXAMPLES = 12
BUDGET_S = 8.0


def _paths(base: Path) -> list[str]:
    return [str(base / "x.csv"), str(base / "x.xlsx"), str(base / "x.parquet"),
            str(base / "x.txt"), str(base), "/proc/x.csv", str(base / "sub" / "y.csv"),
            str(base / ("z" * 300 + ".csv"))]


def _pool_for(name: str, param: click.Parameter,
              paths: list[str]) -> tuple[list[str], list[str]]:
    """Good values and all values worth trying for a parameter, by its type and name."""
    if isinstance(param.type, click.types.IntParamType | click.types.FloatParamType):
        return ["1", "2.5", "40"], NUMBERS
    if isinstance(param.type, click.Choice):
        choices = [str(c) for c in param.type.choices]
        return choices, [*choices, "foo"]
    words = set(name.lower().split("_"))
    if words & {"from", "start", "end", "at", "since", "event", "period", "periods"}:
        return ["2008Q4", "2015", "last"], [*PERIODS, "property-peak"]
    if words & {"country", "countries", "to", "codes", "with", "other"}:
        return ["CN", "US", "JP"], CODES
    if words & {"out", "file", "path", "spec"}:
        return paths[:2], paths
    return ["households", "total_nonfin", "debt_gdp"], [*WORDS, *CODES[:4], *NUMBERS[:3]]


def _command_line(command: click.Command, paths: list[str]) -> st.SearchStrategy[list[str]]:
    """Positional values in place, then option/value pairs and some noise, in any order."""
    noise = st.sampled_from([*CODES, *PERIODS, *WORDS, *NUMBERS, *paths, "--json", "--"])
    positional, pairs = [], []
    for param in command.params:
        name = param.name or ""
        good, every = _pool_for(name, param, paths)
        pool = st.one_of(st.sampled_from(good), st.sampled_from(every))
        if isinstance(param, click.Argument):
            positional.append(st.lists(pool, min_size=1, max_size=3) if param.nargs == -1
                              else st.lists(pool, min_size=1, max_size=1))
        elif isinstance(param, click.Option):
            opts = [o for o in (*param.opts, *param.secondary_opts) if o not in SKIP_OPTIONS]
            if not opts:
                continue
            if param.is_flag:
                pairs.append(st.tuples(st.sampled_from(opts)))
            else:
                pairs.append(st.tuples(st.sampled_from(opts), pool))
    head = st.tuples(*positional).map(lambda parts: [t for part in parts for t in part])
    options = (st.lists(st.one_of(*pairs), max_size=4).map(
        lambda items: [t for item in items for t in item]) if pairs else st.just([]))
    extra = st.one_of(st.just([]), st.just([]), st.lists(noise, min_size=1, max_size=2))
    return st.tuples(head, options, extra, st.booleans()).map(
        lambda p: [*p[0], *p[1], *p[2]] if p[3] else [*p[1], *p[0], *p[2]])


@contextlib.contextmanager
def _inside(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _check(argv: list[str]) -> None:
    result = runner.invoke(get_app(), argv)
    shown = "debtcycle " + " ".join(repr(a) if " " in a or not a else a for a in argv)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{shown}: raised {result.exception!r}")
    if result.exit_code == 0:
        if "--json" in argv and "--help" not in argv:
            json.loads(result.stdout)
        return
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, f"{shown}: exit {result.exit_code}, stderr:\n{result.stderr}"
    assert not lines[0].startswith("internal error"), f"{shown}: {lines[0]}"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_random_command_lines(path: tuple[str, ...], command: click.Command,
                              tmp_path_factory: pytest.TempPathFactory) -> None:
    base = tmp_path_factory.mktemp("fuzz")
    strategy = _command_line(command, _paths(base))

    started = time.monotonic()

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(args: list[str]) -> None:
        assume(time.monotonic() - started < BUDGET_S)
        with _inside(base):
            _check([*path, *args])

    run()
