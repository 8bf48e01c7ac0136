"""``debtcycle report COUNTRY [--compare CC ...] --out note.html|note.pdf``: the research note.

A thin wrapper: :func:`debtcycle.outputs.report.build_note` calls the facade
once per analysis and :func:`~debtcycle.outputs.report.write_note` renders the
note; ``--json`` prints the note's ``to_dict()`` (sections, sentences, tables,
sources, files).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from debtcycle.cli._common import JsonOption, announce, console, friendly_errors, print_json

__all__ = ["register"]

_SUFFIXES = (".html", ".htm", ".pdf")


def _check_out(value: Path | None) -> Path | None:
    if value is not None and value.suffix.lower() not in _SUFFIXES:
        raise typer.BadParameter(f"{value}: give a file ending in .html or .pdf.")
    return value


@friendly_errors
def report_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. CN.")],
    out: Annotated[Path | None, typer.Option(
        help="Note file: .html (self-contained, offline) or .pdf (headless Chromium).",
        callback=_check_out, show_default=False)] = None,
    compare: Annotated[list[str] | None, typer.Option(
        help="Economy to compare with (repeatable); default CN, JP and US.",
        show_default=False)] = None,
    since: Annotated[str, typer.Option(
        help="Start of the window whose drivers are decomposed, e.g. 2008.")] = "2008",
    as_json: JsonOption = False,
) -> None:
    """Write a research note on COUNTRY: leverage, phases, vulnerability, bsr, exits, fiscal.

    Every sentence and table comes from the facade's results; every table and
    chart names its publisher, series keys and vintage; the appendix lists the
    files (sha256) the note was built from.
    """
    from debtcycle.cli._common import check_chart_path
    from debtcycle.outputs.report import build_note, write_note

    if out is not None:
        check_chart_path(out, "--out")
    note = build_note(country, compare, since=since)
    written = [write_note(note, out)] if out is not None else []
    if as_json:
        print_json({**note.to_dict(), "files_written": [str(p) for p in written]})
        announce(written, as_json=True)
        return
    console.print(note.summary())
    announce(written)


def register(app: typer.Typer) -> None:
    """Add the ``report`` command to ``app``."""
    app.command("report")(report_command)
