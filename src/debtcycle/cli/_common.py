"""Helpers every ``debtcycle`` command uses: options, tables, files, errors, formatting.

How a command uses them (a complete, thin command)::

    from debtcycle.cli._common import (
        AllOption, FromOption, JsonOption, OutOption, ToOption,
        friendly_errors, print_json, print_table, write_table,
    )

    @friendly_errors
    def gap_command(
        country: Annotated[str, typer.Argument(help="Country code, e.g. US.")],
        start: FromOption = None, end: ToOption = None, all_rows: AllOption = False,
        out: OutOption = None, as_json: JsonOption = False,
    ) -> None:
        result = debtcycle.gap(country)            # one facade call
        if out is not None:
            write_table(result.to_frame(), out, meta=result.provenance)
        if as_json:
            print_json(result.to_dict())
            return
        print_table(result.to_frame(), title="...", start=start, end=end, all_rows=all_rows)

What each helper guarantees
---------------------------
Options (``Annotated`` aliases, checked while the command line is parsed, so a
bad value is a one-line usage error with exit code 2 before any data loads):
``JsonOption`` (``--json``), ``OutOption`` (``--out PATH``: suffix .csv, .xlsx
or .parquet; not a directory, not under a file, in a writable folder),
``ChartOption`` (``--chart PATH``), ``FromOption``/``ToOption`` (``--from``/
``--to``, any label :mod:`debtcycle.periods` accepts), ``AllOption`` (``--all``).

Errors: :func:`friendly_errors` turns any
:class:`~debtcycle.errors.DebtcycleError` into ``error: <message>`` on one line
of stderr and exit code 2 (``debtcycle.cli.app`` does the same for usage
errors and anything a command forgot).

Printing: :data:`console` and :data:`err_console` print text literally
(Rich markup, emoji codes and highlighting are off), so ``Q:CN:H:A:M:770:A``
or ``[/x]`` from data or arguments print as they are.  Use ``style=`` for
emphasis, never markup in strings.

Tables: :func:`print_table` shows a window of a long table (``--from``/
``--to``, else the last :data:`DEFAULT_ROWS` rows, or every row with
``--all``) and says how many rows it hid and how to see them.
:func:`print_frame` prints a frame as it is.  Both use human column names
(:func:`human_name`), percentages with ``%`` for the columns named in
``percent=``, ranks as integers, empty cells for missing values, and never
truncate a header.

Files: :func:`write_table` writes csv, xlsx or parquet by suffix, atomically;
the xlsx has a ``metadata`` sheet (source, dataset, series key, unit,
valuation, vintage, URL and the command that made it), the parquet file keeps
the same metadata in its schema; an unwritable path is a one-line error.

Formatting: :func:`pct` (``1.3%``), :func:`score` (``2/6``), :func:`human_name`.
"""

from __future__ import annotations

import functools
import json
import math
import numbers
import os
import shlex
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import click
import typer

from debtcycle.errors import BadInputError, DebtcycleError

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

__all__ = [
    "ARGV_KEY",
    "DEFAULT_ROWS",
    "PLAIN_ROWS",
    "TABLE_SUFFIXES",
    "AllOption",
    "ChartOption",
    "FromOption",
    "JsonOption",
    "OutOption",
    "ToOption",
    "announce",
    "check_chart_path",
    "check_out_path",
    "command_line",
    "format_cell",
    "friendly_errors",
    "human_name",
    "pct",
    "print_frame",
    "print_json",
    "print_table",
    "say",
    "score",
    "select_rows",
    "window",
    "write_table",
]

#: Rows a long table shows unless ``--from``/``--to``/``--all`` say otherwise.
DEFAULT_ROWS = 40
#: Tables longer than this print as aligned plain text rather than a boxed table.
PLAIN_ROWS = 500
#: File formats ``--out`` writes, by suffix.
TABLE_SUFFIXES = (".csv", ".xlsx", ".parquet")
#: Key under which ``debtcycle.cli.app`` keeps the command line in the click context.
ARGV_KEY = "debtcycle.argv"

P = ParamSpec("P")
R = TypeVar("R")


# ---------------------------------------------------------------- consoles
def _make_console(stderr: bool) -> Console:
    from rich.console import Console

    width = None if (sys.stderr if stderr else sys.stdout).isatty() else 10_000
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False, width=width,
                   soft_wrap=stderr)


@functools.cache
def _console(stderr: bool) -> Console:
    return _make_console(stderr)


def __getattr__(name: str) -> Console:
    """``console`` and ``err_console`` are made on first use (rich loads only then)."""
    if name == "console":
        return _console(False)
    if name == "err_console":
        return _console(True)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# ---------------------------------------------------------------- errors
def friendly_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn :class:`DebtcycleError` into ``error: <message>`` on one line and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except DebtcycleError as exc:
            click.echo(f"error: {' '.join(str(exc).split())}", err=True)
            raise typer.Exit(2) from exc

    return wrapper


# ---------------------------------------------------------------- paths
def _first_existing(path: Path) -> Path:
    probe = path
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return probe


def _check_target(path: Path, option: str) -> Path:
    """Raise BadInputError unless ``path`` can be created as a file."""
    if path.is_dir():
        raise BadInputError(f"{option} {path}: is a directory; give a file name inside it.")
    ancestor = _first_existing(path.parent)
    if not ancestor.is_dir():
        raise BadInputError(f"{option} {path}: {ancestor} is a file, not a folder; "
                            "choose another path.")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise BadInputError(f"{option} {path}: cannot write in {ancestor} (permission denied); "
                            "choose another folder.")
    return path


def _shown(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 80 else f"{text[:38]}...{text[-38:]}"


def _usable(check: Callable[[Path, str], Path]) -> Callable[[Path | str, str], Path]:
    """Turn file-system errors of a path check (name too long, NUL byte) into BadInputError."""

    @functools.wraps(check)
    def wrapper(path: Path | str, option: str) -> Path:
        target = Path(path)
        try:
            return check(target, option)
        except BadInputError:
            raise
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise BadInputError(f"{option} {_shown(target)}: not a usable path ({reason}); "
                                "choose another path.") from None

    return wrapper


@_usable
def _check_table_path(target: Path, option: str) -> Path:
    if target.is_dir():
        raise BadInputError(f"{option} {target}: is a directory; give a file name inside it, "
                            f"e.g. {target / 'table.csv'}.")
    if target.suffix.lower() not in TABLE_SUFFIXES:
        raise BadInputError(f"{option} {target}: unknown format {target.suffix or '(none)'!r}; "
                            "use .csv, .xlsx or .parquet")
    return _check_target(target, option)


@_usable
def _check_chart_path(target: Path, option: str) -> Path:
    if target.suffix.lower() not in ("", ".html", ".png", ".svg", ".pdf"):
        raise BadInputError(f"{option} {target}: give a name ending in .html (the .png is "
                            "written beside it) or no suffix.")
    return _check_target(target, option)


def check_out_path(path: Path | str, option: str = "--out") -> Path:
    """Return ``path`` if a table can be written there, else raise a one-line error.

    Raises
    ------
    BadInputError
        For a suffix other than .csv, .xlsx or .parquet, a directory, a path
        under a file, or a folder the user cannot write in.
    """
    return _check_table_path(path, option)


def check_chart_path(path: Path | str, option: str = "--chart") -> Path:
    """Return ``path`` if chart files can be written beside it, else raise a one-line error."""
    return _check_chart_path(path, option)


def _param_check(check: Callable[[Any], Any]) -> Callable[[click.Context, Any, Any], Any]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None or ctx.resilient_parsing:
            return value
        try:
            check(value)
        except BadInputError as exc:
            raise click.UsageError(str(exc), ctx=ctx) from None
        return value

    return callback


def _period_check(option: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        from debtcycle.periods import check_period

        return check_period(value, what=option)

    return check


JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
OutOption = Annotated[Path | None, typer.Option(
    "--out", help="Write the full table to a .csv, .xlsx (with a metadata sheet) or .parquet.",
    callback=_param_check(check_out_path), show_default=False)]
ChartOption = Annotated[Path | None, typer.Option(
    "--chart", help="Write the chart to PATH.html and PATH.png.",
    callback=_param_check(check_chart_path), show_default=False)]
FromOption = Annotated[str | None, typer.Option(
    "--from", help="First period shown, e.g. 2008Q4 or 2008 (its last quarter).",
    callback=_param_check(_period_check("--from")), show_default=False)]
ToOption = Annotated[str | None, typer.Option(
    "--to", help="Last period shown, e.g. 2019Q4 or last.",
    callback=_param_check(_period_check("--to")), show_default=False)]
AllOption = Annotated[bool, typer.Option("--all", help="Show every row of long tables.")]


# ---------------------------------------------------------------- formatting
_WORDS = {
    "gdp": "GDP", "pct": "%", "pp": "pp", "yoy": "y/y", "dsr": "DSR", "ca": "current account",
    "gov": "government", "nonfin": "non-financial", "corp": "corporations", "lcu": "LCU",
    "usd": "USD", "hp": "HP", "auroc": "AUROC", "cpi": "CPI", "reer": "REER", "neer": "NEER",
    "10y": "10-year", "bsr": "BSR", "rmse": "RMSE", "id": "ID", "url": "URL", "us": "US",
    "bis": "BIS", "imf": "IMF", "jst": "JST", "gmd": "GMD", "fred": "FRED", "cbo": "CBO",
}
_NAMES = {
    "households": "Households", "nonfin_corp": "Firms", "general_gov": "Government",
    "central_gov": "Central government", "local_gov": "Local government",
    "private_nonfin": "Private non-financial", "total_nonfin": "Total non-financial",
    "series_key": "Series key", "debt_gdp": "Debt/GDP", "house_price_real": "Real house prices",
    "house_price_nominal": "Nominal house prices",
}


def human_name(code: object) -> str:
    """Return a readable column name for a code (``real_gdp_growth`` -> ``Real GDP growth``).

    Names that are not lower-case codes (``CN``, ``2008Q4``, ``Rank``) are kept.
    """
    text = str(code)
    if text in _NAMES:
        return _NAMES[text]
    if not text or text != text.lower() or not any(c.isalpha() for c in text):
        return text
    parts = [w for w in text.split("_") if w]
    if not parts:
        return text
    words = [_WORDS.get(w, w) for w in parts]
    first = words[0] if words[0] in ("pp", "%") else words[0][:1].upper() + words[0][1:]
    return " ".join([first, *words[1:]])


def pct(value: float | None, digits: int = 1) -> str:
    """Return a percentage as text (``1.25`` -> ``1.2%``; missing -> empty)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:,.{digits}f}%"


def score(points: float | None, out_of: int) -> str:
    """Return a score as ``k/n`` (``2.0, 6`` -> ``2/6``; missing -> empty)."""
    if points is None or (isinstance(points, float) and math.isnan(points)):
        return ""
    whole = float(points)
    shown = str(int(whole)) if whole.is_integer() else f"{whole:.1f}"
    return f"{shown}/{out_of}"


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT
    except TypeError:  # pd.NA
        return True
    except ValueError:  # arrays
        return False


def format_cell(value: object, *, column: object = "", digits: int = 1,
                percent: bool = False) -> str:
    """One table cell as text: numbers rounded, ranks whole, bools yes/no, missing empty."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if _is_missing(value):
        return ""
    if isinstance(value, numbers.Integral):
        return f"{int(value)}"
    if isinstance(value, numbers.Real):
        number = float(value)
        if "rank" in str(column).lower() and number.is_integer():
            return str(int(number))
        if round(number, digits) == 0:
            number = 0.0  # no "-0.00"
        return pct(number, digits) if percent else f"{number:,.{digits}f}"
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


# ---------------------------------------------------------------- printing
def print_json(obj: Any) -> None:
    """Print ``obj`` as JSON on stdout (NaN becomes null, periods become strings)."""
    from debtcycle.analytics._result import jsonable

    sys.stdout.write(json.dumps(jsonable(obj), indent=2, allow_nan=False, default=str) + "\n")


def _flat(label: object) -> str:
    if isinstance(label, tuple):
        return " ".join(str(p) for p in label if str(p))
    return str(label)


def print_frame(
    frame: pd.DataFrame,
    *,
    title: str | None = None,
    digits: int = 1,
    percent: Iterable[str] = (),
    human: bool = True,
    index: bool = True,
) -> None:
    """Print a DataFrame as a table (the index as first column), every row shown.

    Parameters
    ----------
    frame : DataFrame
        The table.
    title : str, optional
        Printed above the table.
    digits : int
        Decimals of numbers.
    percent : iterable of str
        Columns (original names) whose numbers are percentages (printed with ``%``).
    human : bool
        Replace code-like column names by readable ones (:func:`human_name`).
    index : bool
        Show the index as the first column.
    """
    import pandas as pd

    shown = frame.reset_index() if index else frame
    percents = {str(c) for c in percent}
    names = [_flat(c) for c in shown.columns]
    headers = [human_name(n) if human else n for n in names]
    right = [pd.api.types.is_numeric_dtype(shown[c]) and not pd.api.types.is_bool_dtype(shown[c])
             for c in shown.columns]
    rows = [[format_cell(v, column=n, digits=digits, percent=n in percents)
             for n, v in zip(names, row, strict=True)]
            for row in shown.itertuples(index=False, name=None)]
    if title:
        _console(False).print(title, style="bold")
    if len(rows) > PLAIN_ROWS:
        _print_plain(headers, rows, right)
        return
    from rich.table import Table

    table = Table(show_lines=False)
    for header, is_right in zip(headers, right, strict=True):
        table.add_column(header, overflow="fold", justify="right" if is_right else "left")
    for cells in rows:
        table.add_row(*cells)
    _console(False).print(table)


def _print_plain(headers: list[str], rows: list[list[str]], right: list[bool]) -> None:
    """Print a long table as aligned plain text (a boxed table costs ~1 ms a row)."""
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if r else c.ljust(w)
                         for c, w, r in zip(cells, widths, right, strict=True)).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]
    sys.stdout.write("\n".join(out) + "\n")


def window(frame: pd.DataFrame, start: str | None = None,
           end: str | None = None) -> pd.DataFrame:
    """Return the rows of a period-indexed table from ``start`` to ``end`` (inclusive).

    Labels are read as :mod:`debtcycle.periods` reads them (a year means its
    last period; ``last`` the final row); a bound outside the data just
    keeps the table's end.

    Raises
    ------
    BadInputError
        If bounds are given for a table without periods, or ``start`` is after ``end``.
    """
    import pandas as pd

    from debtcycle.periods import resolve

    if start is None and end is None:
        return frame
    if not isinstance(frame.index, pd.PeriodIndex):
        raise BadInputError("--from/--to: this table is not indexed by period; "
                            "drop them or use --all.")
    if not len(frame.index):
        return frame
    lo = resolve(start, frame.index, what="--from", inside=False) if start else None
    hi = resolve(end, frame.index, what="--to", inside=False) if end else None
    if lo is not None and hi is not None and lo > hi:
        raise BadInputError(f"--from {start} is after --to {end}; swap them.")
    return frame.loc[slice(lo, hi)]


def select_rows(
    frame: pd.DataFrame,
    *,
    start: str | None = None,
    end: str | None = None,
    all_rows: bool = False,
    limit: int = DEFAULT_ROWS,
) -> tuple[pd.DataFrame, str | None]:
    """Return the rows a table shows and, if some are hidden, a note on how to see them.

    ``start``/``end`` cut a window (:func:`window`) shown whole; without them
    the last ``limit`` rows are kept unless ``all_rows``, and the note says
    how many rows are hidden and how to see them.

    Raises
    ------
    BadInputError
        As :func:`window`.
    """
    if start is not None or end is not None:
        return window(frame, start, end), None
    if all_rows or len(frame) <= limit:
        return frame, None
    import pandas as pd

    shown = frame.tail(limit)
    cut = "--from/--to choose a window, " if isinstance(frame.index, pd.PeriodIndex) else ""
    note = (f"showing the last {len(shown)} of {len(frame)} rows ({shown.index[0]} to "
            f"{shown.index[-1]}); --all shows every row, {cut}--out FILE writes them all")
    return shown, note


def print_table(
    frame: pd.DataFrame,
    *,
    title: str | None = None,
    digits: int = 1,
    percent: Iterable[str] = (),
    start: str | None = None,
    end: str | None = None,
    all_rows: bool = False,
    limit: int = DEFAULT_ROWS,
) -> None:
    """Print a long table through :func:`select_rows` and say when rows are hidden."""
    shown, note = select_rows(frame, start=start, end=end, all_rows=all_rows, limit=limit)
    print_frame(shown, title=title, digits=digits, percent=percent)
    if note:
        _console(False).print(note, style="dim")


def say(text: str, *, style: str | None = None) -> None:
    """Print a line on stdout, literally (rich loads only now, so --json paths skip it)."""
    _console(False).print(text, style=style)


def announce(paths: Iterable[Path | str], *, as_json: bool = False) -> None:
    """Say which files were written: on stdout, or on stderr when stdout carries JSON."""
    for path in paths:
        if as_json:
            click.echo(f"written: {path}", err=True)
        else:
            _console(False).print(f"written: {path}")


# ---------------------------------------------------------------- files
def command_line() -> str:
    """Return the running command line (``debtcycle series CN households --out x.xlsx``)."""
    ctx = click.get_current_context(silent=True)
    argv = ctx.meta.get(ARGV_KEY) if ctx is not None else None
    if not argv:
        argv = ["debtcycle", *sys.argv[1:]]
    return shlex.join(["debtcycle", *list(argv)[1:]])


_META_FIELDS = ("column", "source", "dataset", "series_key", "unit", "valuation", "vintage",
                "url")


def _provenance_rows(meta: object) -> list[dict[str, str]]:
    """Normalise provenance: one series' info, ``{column: info}``, or a list of infos."""
    if meta is None:
        return []
    if isinstance(meta, Mapping):
        if any(k in meta for k in ("series_key", "source", "dataset")):
            return [{f: "" if meta.get(f) is None else str(meta.get(f)) for f in _META_FIELDS}]
        rows = []
        for key, value in meta.items():
            for row in _provenance_rows(value):
                rows.append({**row, "column": row["column"] or str(key)})
        return rows
    if isinstance(meta, list | tuple):
        return [row for item in meta for row in _provenance_rows(item)]
    return []


def _export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    out = frame.copy()
    out.attrs = {}
    if isinstance(out.index, pd.PeriodIndex):
        out.index = out.index.astype(str)
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = [_flat(c) for c in out.columns]
    for col in out.columns:
        if isinstance(out[col].dtype, pd.PeriodDtype):
            out[col] = out[col].astype(str)
    out.columns = [str(c) for c in out.columns]
    return out


def _write_xlsx(out: pd.DataFrame, target: Path, rows: list[dict[str, str]], made_by: str,
                index: bool) -> None:
    import pandas as pd

    header = pd.DataFrame({"field": ["command", "written (UTC)"],
                           "value": [made_by, datetime.now(UTC).strftime("%Y-%m-%d %H:%M")]})
    series = pd.DataFrame(rows, columns=list(_META_FIELDS)) if rows else pd.DataFrame(
        {"column": ["(no series provenance given for this table)"]})
    series.columns = [human_name(c) for c in series.columns]
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        out.to_excel(writer, sheet_name="data", index=index)
        header.to_excel(writer, sheet_name="metadata", index=False)
        series.to_excel(writer, sheet_name="metadata", index=False, startrow=len(header) + 2)


def write_table(frame: pd.DataFrame, path: Path | str, *, meta: object = None,
                index: bool = True) -> Path:
    """Write a table to ``.csv``, ``.xlsx`` or ``.parquet`` by the file's suffix.

    Parameters
    ----------
    frame : DataFrame
        The full table (periods become text).
    path : Path or str
        Target file; written atomically (a temporary file, then renamed).
    meta : dict or list, optional
        Provenance: one series' info (``series.attrs["info"]``), a mapping
        ``{column: info}``, or a list of infos.  The xlsx gets a ``metadata``
        sheet with it and the command line; parquet keeps it in its schema.
    index : bool
        Write the index as the first column.

    Raises
    ------
    BadInputError
        For another suffix or a path that cannot be written.
    """
    target = check_out_path(path)
    suffix = target.suffix.lower()
    out = _export_frame(frame)
    rows, made_by = _provenance_rows(meta), command_line()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix,
                                        dir=target.parent)
        os.close(fd)
    except (OSError, ValueError) as exc:
        raise BadInputError(f"--out {_shown(target)}: cannot write there "
                            f"({getattr(exc, 'strerror', None) or exc}); "
                            "choose another path.") from None
    tmp = Path(tmp_name)
    try:
        if suffix == ".csv":
            out.to_csv(tmp, index=index)
        elif suffix == ".xlsx":
            _write_xlsx(out, tmp, rows, made_by, index)
        else:
            out.attrs = {"debtcycle": {"command": made_by, "series": rows}}
            out.to_parquet(tmp, index=index)
        os.replace(tmp, target)
    except OSError as exc:
        raise BadInputError(f"--out {target}: cannot write there ({exc.strerror}); "
                            "choose another path.") from None
    finally:
        tmp.unlink(missing_ok=True)
    return target
