"""Shared source helpers: numeric cells with located errors; the tidy frame from a long table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from debtcycle.errors import ParseError

__all__ = ["long_to_tidy", "numeric_column"]


def numeric_column(raw: pd.DataFrame, column: str, file: str, *, first_row: int) -> pd.Series:
    """Return ``raw[column]`` as floats; a non-empty cell that is not a number raises.

    Parameters
    ----------
    raw : DataFrame
        The table as read (missing cells as NaN/None).
    column : str
        Column to convert.
    file : str
        File named in the error.
    first_row : int
        The file's row number of ``raw``'s first row (1-based, counting
        header rows), so the error points at the cell a user would open.

    Raises
    ------
    ParseError
        Naming the file, row and column of the first text cell.
    """
    values = pd.to_numeric(raw[column], errors="coerce")
    bad = values.isna() & raw[column].notna()
    if bad.any():
        row = int(bad.to_numpy().argmax())
        raise ParseError(file, f"expected a number, found {raw[column].iloc[row]!r}",
                         row=row + first_row, column=column)
    return values.astype("float64")


def _constant(value: str, n: int) -> np.ndarray:
    """Return an object column holding one string ``n`` times (one fill, no per-row work)."""
    column = np.empty(n, dtype=object)
    column.fill(value)
    return column


def _take(column: pd.Series, rows: np.ndarray) -> object:
    """Return the rows of a column, keeping its dtype (numpy or extension)."""
    if isinstance(column.dtype, np.dtype):
        return column.to_numpy()[rows]
    return column.array.take(rows)


def _series_keys(country: np.ndarray, key: str) -> np.ndarray:
    """``series_key`` of each row, built once per distinct country and spread to the rows."""
    codes, countries = pd.factorize(country)  # the fast path: no missing country
    if len(codes) and codes.min() < 0:
        codes, countries = pd.factorize(country, use_na_sentinel=False)
    if "{country}" in key:
        keys = [key.format(country=c) for c in countries]
    elif all(isinstance(c, str) for c in countries):
        keys = [f"{c}:{key}" for c in countries]
    else:  # pandas' rules for missing or non-text codes
        keys = list(pd.Series(countries, dtype=object) + ":" + key)
    distinct = np.empty(len(keys), dtype=object)
    distinct[:] = keys
    spread: np.ndarray = distinct[codes]
    return spread


def long_to_tidy(
    frame: pd.DataFrame,
    *,
    source: str,
    dataset: str,
    sector: str,
    measure: str,
    unit: str,
    freq: str,
    key: str,
    title: str,
    valuation: str = "",
    adjustment: str = "",
) -> pd.DataFrame:
    """Return tidy observations from a frame with ``country``, ``period``, ``value`` columns.

    Rows with a missing value are dropped (the others keep their index);
    ``series_key`` is ``"<COUNTRY>:<key>"`` unless ``key`` already contains
    ``{country}``.  The constant columns are built in one go: assigning them
    one by one made pandas copy the growing frame each time.
    """
    keep = frame["value"].notna().to_numpy()
    rows = np.flatnonzero(keep)
    columns: dict[str, object] = {c: _take(frame[c], rows) for c in ("country", "period", "value")}
    n = len(rows)
    columns["series_key"] = _series_keys(np.asarray(columns["country"]), key)
    for column, value in (
        ("source", source), ("dataset", dataset), ("sector", sector), ("measure", measure),
        ("unit", unit), ("freq", freq), ("title", title), ("valuation", valuation),
        ("adjustment", adjustment),
    ):
        columns[column] = _constant(value, n)
    return pd.DataFrame(columns, index=frame.index[rows], copy=False)
