"""Helpers shared by the CLI modules: JSON/table printing, file export, error handling."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from debtcycle.analytics._result import jsonable
from debtcycle.errors import BadInputError, DebtcycleError

__all__ = ["console", "err_console", "friendly_errors", "print_frame", "print_json", "write_table"]

console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")


def friendly_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn :class:`DebtcycleError` into a red one-line message and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except DebtcycleError as exc:
            err_console.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(2) from exc

    return wrapper


def print_json(obj: Any) -> None:
    """Print ``obj`` as JSON on stdout (NaN becomes null, periods become strings)."""
    sys.stdout.write(json.dumps(jsonable(obj), indent=2) + "\n")


def print_frame(frame: pd.DataFrame, *, title: str | None = None, digits: int = 1) -> None:
    """Print a DataFrame as a rich table (index shown as the first column)."""
    table = Table(title=title, show_lines=False)
    shown = frame.reset_index()
    for col in shown.columns:
        table.add_column(
            str(col), justify="right" if pd.api.types.is_numeric_dtype(shown[col]) else "left"
        )
    for _, row in shown.iterrows():
        cells = []
        for value in row:
            if isinstance(value, float):
                cells.append("" if pd.isna(value) else f"{value:,.{digits}f}")
            else:
                cells.append(str(value))
        table.add_row(*cells)
    console.print(table)


def write_table(frame: pd.DataFrame, path: Path) -> Path:
    """Write a table to ``.csv``, ``.xlsx`` or ``.parquet`` by the file's suffix.

    Raises
    ------
    BadInputError
        For any other suffix.
    """
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    out = frame.copy()
    if isinstance(out.index, pd.PeriodIndex):
        out.index = out.index.astype(str)
    if suffix == ".csv":
        out.to_csv(path)
    elif suffix == ".xlsx":
        out.to_excel(path)
    elif suffix == ".parquet":
        out.to_parquet(path)
    else:
        raise BadInputError(f"--out {path}: unknown format {suffix!r}; use .csv, .xlsx or .parquet")
    return path
