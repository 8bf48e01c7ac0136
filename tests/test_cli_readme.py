"""README's CLI tour works as printed: every line is a literal command; the CLI blocks run.

The first two blocks of the tour (discovery, series, leverage and the leverage
cycle) run in-process against the session store, from a scratch folder (they
write under ``out/``); the other blocks (other topics, slower) are checked to be
literal command lines, not templates with ``[optional]`` parts.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from debtcycle.cli.app import get_app

README = Path(__file__).resolve().parents[1] / "README.md"
runner = CliRunner()


def _tour_blocks() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## A short tour of the CLI", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    return [[re.sub(r"\s+#.*$", "", line).strip() for line in block.splitlines()
             if line.startswith("debtcycle ")] for block in blocks]


BLOCKS = _tour_blocks()
#: Lines run by the test (``data update`` would reload the session store under other tests).
RUN = [line for block in BLOCKS[:2] for line in block if "data update" not in line]


def test_every_tour_line_is_a_literal_command() -> None:
    assert len(BLOCKS) >= 2 and len(RUN) >= 10
    for line in (line for block in BLOCKS for line in block):
        assert "[" not in line and "|" not in line and "..." not in line, line


@pytest.mark.parametrize("line", RUN)
def test_tour_line_runs(line: str, tmp_path: Path) -> None:
    argv = shlex.split(line)[1:]
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = runner.invoke(get_app(), argv)
    finally:
        os.chdir(before)
    assert result.exit_code == 0, f"{line}\n{result.output}"
    for option in ("--out", "--chart"):
        if option in argv:
            target = tmp_path / argv[argv.index(option) + 1]
            assert any(target.parent.glob(target.stem + "*")), f"{line}: nothing written"


def test_docs_cli_names_every_registered_command() -> None:
    from debtcycle.cli.app import _available

    text = (README.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    for name in _available():
        assert f"debtcycle {name}" in text, f"docs/cli.md does not describe `debtcycle {name}`"
