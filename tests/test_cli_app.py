"""The lazy command registry of ``debtcycle``: fast help, one module per command, --version."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import debtcycle
import debtcycle.cli as cli_pkg
from debtcycle.cli.app import COMMANDS, _available, get_app

runner = CliRunner()

HEAVY = ("pandas", "numpy", "duckdb", "sklearn", "statsmodels", "altair", "scipy", "pyarrow",
         "debtcycle.analytics", "debtcycle.catalog", "debtcycle.store")


def _modules_after(*argv: str) -> list[str]:
    """Run the console entry point in a fresh interpreter; return the modules it loaded."""
    code = (
        "import sys\n"
        "from debtcycle.cli.app import main\n"
        f"sys.argv = ['debtcycle', *{list(argv)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\n' + '\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    return done.stderr.split("\n")


@pytest.mark.parametrize("argv", [("--help",), ("--version",), ()])
def test_help_and_version_import_no_heavy_library(argv: tuple[str, ...]) -> None:
    loaded = _modules_after(*argv)
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY or m.startswith(HEAVY)]
    assert heavy == []
    assert "debtcycle.cli.series" not in loaded


def test_a_command_imports_only_its_own_module() -> None:
    loaded = _modules_after("series", "--help")
    commands = {m for m in loaded if m.startswith("debtcycle.cli.") and not
                m.split(".")[-1].startswith("_")}
    assert commands == {"debtcycle.cli.app", "debtcycle.cli.series"}


@pytest.mark.parametrize(
    "name", ["series", "leverage", "compare", "decompose", "align", "list", "search"])
def test_command_help_imports_no_data_library(name: str) -> None:
    loaded = _modules_after(name, "--help")
    assert not [m for m in loaded if m.split(".")[0] in ("pandas", "duckdb", "altair")]


def test_every_command_module_is_in_the_registry() -> None:
    listed = {module for module, _ in COMMANDS.values()}
    for info in pkgutil.iter_modules(cli_pkg.__path__):
        if info.name == "app" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"debtcycle.cli.{info.name}")
        if callable(getattr(module, "register", None)):
            assert module.__name__ in listed, f"add {info.name} to COMMANDS in cli/app.py"


@pytest.mark.parametrize("name", sorted(_available()))
def test_every_registered_name_resolves_to_its_command(name: str) -> None:
    result = runner.invoke(get_app(), [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: debtcycle " + name in " ".join(result.output.split())


def test_help_lists_every_command_with_its_line() -> None:
    result = runner.invoke(get_app(), ["--help"])
    assert result.exit_code == 0
    for name, (_, line) in _available().items():
        assert name in result.output
        assert " ".join(line.split()[:3]) in " ".join(result.output.split())


def test_a_line_whose_module_is_missing_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(COMMANDS, "nosuch", ("debtcycle.cli.nosuch_module", "Not here."))
    result = runner.invoke(get_app(), ["--help"])
    assert result.exit_code == 0 and "nosuch" not in result.output
    result = runner.invoke(get_app(), ["nosuch"])
    assert result.exit_code == 2 and "No such command 'nosuch'" in result.stderr


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(get_app(), ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"debtcycle {debtcycle.__version__}"


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["seires"], "Did you mean series"),
        (["--json", "series", "CN", "households"], "after the command name"),
        (["series", "CN", "households", "--bogus"], "No such option '--bogus'"),
        (["series"], "Missing argument 'COUNTRY'"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(argv: list[str], needle: str) -> None:
    result = runner.invoke(get_app(), argv)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0]
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_json_version_flag_is_not_needed_for_json_commands() -> None:
    result = runner.invoke(get_app(), ["series", "CN", "households", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["country"] == "CN"
