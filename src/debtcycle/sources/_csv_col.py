"""Reader for the BIS bulk "csv_col" layout (one row per series, one column per period).

Three vintages of the layout are mirrored: the 2026 layout (code/label column
pairs, the key in column ``Series``), the 2019/2021 layout (code/label pairs,
key in ``Time Period``) and the 2022 CBPOL layout (``code:label`` cells, key in
``Time Period``).  All carry the series key as colon-separated dimension codes,
so the key is what we parse.  Read with :mod:`pyarrow.csv` for speed; on a
conversion failure the file is re-read as text to name the row and column.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from debtcycle.errors import ParseError

__all__ = ["WideTable", "check_complete_text", "read_csv_col"]

_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$")
_NULLS = ["", "NaN", "NA", "nan"]


@dataclass(frozen=True)
class WideTable:
    """A parsed csv_col file: one row per series.

    Attributes
    ----------
    keys : DataFrame
        One column per key dimension (codes), plus ``series_key`` and ``title``.
    periods : list of str
        Canonical period labels of the value columns (``1940Q2``, ``2020-01``, ``1661``).
    period_freq : list of str
        Frequency of each value column (``Q``, ``M`` or ``A``).
    values : ndarray
        Float matrix, series x periods, NaN where the cell is empty.
    """

    keys: pd.DataFrame
    periods: list[str]
    period_freq: list[str]
    values: np.ndarray

    def tidy(self, file: str) -> pd.DataFrame:
        """Return the non-missing cells as rows: the key columns plus period, freq, value.

        Raises
        ------
        ParseError
            If a value sits in a period column whose frequency differs from
            the series' own frequency (``FREQ`` key dimension).
        """
        rows, cols = np.nonzero(~np.isnan(self.values))
        series_freq = self.keys["FREQ"].to_numpy()
        freq_codes, _ = pd.factorize(
            np.concatenate([series_freq, np.asarray(self.period_freq, dtype=object)]),
            use_na_sentinel=False,
        )
        n_series = len(series_freq)
        mismatch = freq_codes[:n_series][rows] != freq_codes[n_series:][cols]
        if mismatch.any():
            i = int(np.argmax(mismatch))
            raise ParseError(
                file,
                f"series {self.keys['series_key'].iloc[rows[i]]} (frequency "
                f"{series_freq[rows[i]]}) has a value in period column {self.periods[cols[i]]}",
                row=int(rows[i]) + 1,
            )
        # One take per key column and one constructor: no per-column inserts and copies.
        if all(d == np.dtype(object) for d in self.keys.dtypes) and self.keys.columns.is_unique:
            block = self.keys.to_numpy()[rows]  # one take of whole key rows
            columns = {c: block[:, i] for i, c in enumerate(self.keys.columns)}
        else:
            columns = {c: self.keys[c].to_numpy()[rows] for c in self.keys.columns}
        columns["period"] = np.asarray(self.periods, dtype=object)[cols]
        columns["freq"] = columns["FREQ"]
        columns["value"] = self.values[rows, cols]
        return pd.DataFrame(columns, copy=False)


def _period_label(column: str) -> tuple[str, str] | None:
    match = _PERIOD.match(column.strip())
    if match is None:
        return None
    year, quarter, month = match.groups()
    if quarter:
        return f"{year}Q{quarter}", "Q"
    if month:
        return f"{year}-{month}", "M"
    return year, "A"


def check_complete_text(path: Path, file: str) -> None:
    """Raise if a non-empty text file does not end with a line break.

    Publishers' CSV downloads end with a newline; a file cut off mid-transfer
    usually ends inside a row, where a shortened last value would otherwise
    load silently.

    Raises
    ------
    ParseError
        If the last byte is not a newline.
    """
    with path.open("rb") as handle:
        handle.seek(0, 2)
        if handle.tell() == 0:
            return
        handle.seek(-1, 2)
        last = handle.read(1)
    if last != b"\n":
        raise ParseError(file, "file does not end with a line break: it looks truncated; "
                         "download it again")


def _header(path: Path, file: str) -> list[str]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return next(csv.reader(handle))
    except UnicodeDecodeError as exc:
        raise ParseError(
            file, f"not UTF-8 text ({exc.reason} at byte {exc.start}); download the file again"
        ) from exc
    except StopIteration as exc:
        raise ParseError(file, "file is empty; expected a BIS csv_col header row") from exc


def read_csv_col(path: Path, file: str, dims: list[str]) -> WideTable:
    """Parse a BIS csv_col file whose series keys have the dimensions ``dims``.

    Parameters
    ----------
    path : Path
        Local file.
    file : str
        Name used in error messages.
    dims : list of str
        Dimension names of the series key in order (e.g. ``["FREQ", "REF_AREA"]``).

    Raises
    ------
    ParseError
        On a missing key column, no period columns, a key with the wrong
        number of dimensions, a duplicated key, or text in a number cell.
    """
    header = _header(path, file)
    check_complete_text(path, file)
    key_col = "Series" if "Series" in header else "Time Period"
    if key_col not in header:
        raise ParseError(file, "no series-key column; expected 'Series' or 'Time Period'")
    labels = [(c, _period_label(c)) for c in header]
    value_cols = [c for c, lab in labels if lab is not None]
    if not value_cols:
        raise ParseError(file, "no period columns (e.g. 2020-Q1, 2020-01 or 2020) in the header")
    title_col = next((c for c in ("TITLE_TS", "Title") if c in header), None)
    text_cols = [key_col] + ([title_col] if title_col else [])
    table = _read_arrow(path, file, header, value_cols, text_cols)
    keys = _split_keys(table.column(key_col).to_pylist(), file, dims)
    titles = table.column(title_col).to_pylist() if title_col else [None] * len(keys)
    keys["title"] = [str(t).strip() if t else "" for t in titles]
    matrix = np.column_stack(
        [table.column(c).to_numpy(zero_copy_only=False) for c in value_cols]
    ).astype("float64")
    lab = [lbl for _, lbl in labels if lbl is not None]
    return WideTable(keys, [p for p, _ in lab], [f for _, f in lab], matrix)


def _read_arrow(
    path: Path, file: str, header: list[str], value_cols: list[str], text_cols: list[str]
) -> pa.Table:
    if len(set(header)) != len(header):
        dup = sorted({c for c in header if header.count(c) > 1})
        raise ParseError(file, f"duplicate header columns {dup[:5]}")
    convert = pacsv.ConvertOptions(
        column_types={c: pa.float64() for c in value_cols}
        | {c: pa.string() for c in text_cols},
        null_values=_NULLS,
        strings_can_be_null=False,
        include_columns=text_cols + value_cols,
    )
    try:
        return pacsv.read_csv(path, convert_options=convert)
    except (pa.ArrowInvalid, pa.ArrowKeyError) as exc:
        raise _diagnose(path, file, value_cols, exc) from exc


def _diagnose(path: Path, file: str, value_cols: list[str], exc: Exception) -> ParseError:
    """Find the first offending cell by re-reading as text (slow path, errors only)."""
    try:
        text = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except Exception as inner:  # pandas raises several types on malformed CSV
        return ParseError(file, f"malformed CSV ({inner}); first error: {exc}")
    for col in value_cols:
        cells = text[col].str.strip()
        numeric = pd.to_numeric(cells.where(~cells.isin(_NULLS)), errors="coerce")
        bad = numeric.isna() & ~cells.isin(_NULLS)
        if bad.any():
            row = int(np.argmax(bad.to_numpy()))
            return ParseError(
                file,
                f"expected a number or an empty cell, found {cells.iloc[row]!r}",
                row=row + 1,
                column=col,
            )
    return ParseError(file, f"malformed CSV: {exc}")


def _split_keys(raw: list[object], file: str, dims: list[str]) -> pd.DataFrame:
    keys = [str(k).strip() if k is not None else "" for k in raw]
    parts = [k.split(":") for k in keys]
    for i, p in enumerate(parts):
        if len(p) != len(dims):
            raise ParseError(
                file,
                f"series key {keys[i]!r} has {len(p)} dimensions; expected {len(dims)} "
                f"({':'.join(dims)})",
                row=i + 1,
            )
    frame = pd.DataFrame(parts, columns=dims)
    frame["series_key"] = keys
    dup = frame["series_key"].duplicated()
    if dup.any():
        i = int(np.argmax(dup.to_numpy()))
        raise ParseError(file, f"series key {keys[i]!r} appears twice", row=i + 1)
    return frame
