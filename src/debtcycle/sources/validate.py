"""Checks that refuse plausible-but-wrong publisher files (see :mod:`debtcycle.sources.base`).

Three stages, each raising :class:`~debtcycle.errors.ParseError` that names the
file, what is missing and the fix:

* :func:`check_file` before parsing (complete last line, header columns,
  expanded size of zip-based files);
* :func:`check_parsed` on the parsed observations (series and row floors,
  period bounds, required periods);
* :func:`check_against_previous` against the previous load of the same
  dataset (shrink beyond ``Expect.max_shrink``, periods that disappeared),
  skipped with ``accept_shrink``.

:func:`strict_numbers` converts text cells to floats accepting only plain
decimal tokens, for parsers that read numbers themselves.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.sources.base import Expect

__all__ = [
    "OVERRIDE",
    "Previous",
    "check_against_previous",
    "check_file",
    "check_not_empty",
    "check_parsed",
    "period_start",
    "strict_numbers",
]

#: How the user overrides a shrink refusal (named in every such error).
OVERRIDE = "pass --accept-shrink (Python: accept_shrink=True) to load it anyway"

_AGAIN = "download the file again"
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls workbooks
_MB = 1024 * 1024


@dataclass(frozen=True)
class Previous:
    """What the previous load of a dataset held.

    Attributes
    ----------
    n_series, rows : int
        Series and observations loaded.
    periods : ndarray
        The distinct first days of the periods loaded (``datetime64[D]``).
    counts : dict, optional
        Observations loaded per publisher's series key.
    """

    n_series: int
    rows: int
    periods: np.ndarray
    counts: dict[str, int] | None = None


def period_start(label: str) -> np.datetime64:
    """Return the first day of a period label (``2024Q4``, ``2024``, ``2024-06``, ``2024-06-30``).

    Raises
    ------
    ParseError
        If the label is not a period.
    """
    text = str(label).strip()
    try:
        if len(text) == 4 and text.isdigit():
            return np.datetime64(f"{text}-01-01", "D")
        start = pd.Period(text).start_time
    except (ValueError, TypeError) as exc:
        raise ParseError("expectation", f"{label!r} is not a period label") from exc
    return np.datetime64(start.date(), "D")


def _kind(path: Path) -> str:
    """Return ``"zip"`` (xlsx and other zip containers), ``"binary"`` (e.g. xls) or ``"text"``."""
    with path.open("rb") as handle:
        head = handle.read(8192)
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    if head.startswith(_OLE2_MAGIC) or b"\x00" in head:
        return "binary"
    return "text"


def _check_expanded_size(path: Path, file: str, limit_mb: float) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ParseError(file, f"not a readable zip/xlsx file ({exc}); {_AGAIN}") from exc
    if total > limit_mb * _MB:
        raise ParseError(
            file,
            f"expands to {total / _MB:,.0f} MB, more than the {limit_mb:,.0f} MB a sound copy "
            f"needs (compressed {path.stat().st_size / _MB:,.1f} MB); refusing to parse it; "
            f"{_AGAIN}",
        )


def _last_byte(path: Path) -> bytes:
    with path.open("rb") as handle:
        handle.seek(0, 2)
        if handle.tell() == 0:
            return b""
        handle.seek(-1, 2)
        return handle.read(1)


def _first_line(path: Path) -> list[str]:
    with path.open("rb") as handle:
        head = handle.readline(1 << 20)
    text = head.decode("utf-8-sig", errors="replace")
    return [cell.strip() for cell in next(csv.reader(io.StringIO(text)), [])]


def check_file(path: Path, file: str, expect: Expect) -> None:
    """Check a publisher file before parsing it.

    Parameters
    ----------
    path : Path
        The local file.
    file : str
        Name used in errors (the mirror path).
    expect : Expect
        The file's declared expectations.

    Raises
    ------
    ParseError
        If the file is empty, a text file does not end with a line break, the
        header lacks a declared column, or a zip-based file expands beyond
        ``expect.max_expanded_mb``.  Binary files (xls, UTF-16 text) get only
        the size checks; their parsers check the rest.
    """
    if path.stat().st_size == 0:
        raise ParseError(file, f"file is empty; {_AGAIN}")
    kind = _kind(path)
    if kind == "zip":
        _check_expanded_size(path, file, expect.max_expanded_mb)
    if kind != "text":
        return
    if expect.line_break_at_end and _last_byte(path) not in (b"\n", b"\r"):
        raise ParseError(
            file, f"file does not end with a line break: the last line looks cut off; {_AGAIN}"
        )
    if expect.columns:
        header = _first_line(path)
        missing = [c for c in expect.columns if c not in header]
        if missing:
            raise ParseError(file, f"header lacks columns {missing}; {_AGAIN}", row=1)


def _labels(days: np.ndarray) -> str:
    shown = [str(d) for d in days[:5]]
    more = f" and {len(days) - 5} more" if len(days) > 5 else ""
    return ", ".join(shown) + more


def check_not_empty(file: str, days: np.ndarray) -> None:
    """Refuse a file that parsed to no observations (an update never empties a dataset).

    Raises
    ------
    ParseError
        If ``days`` (one entry per observation) is empty.
    """
    if len(days) == 0:
        raise ParseError(file, f"0 series and 0 observations: loading it would leave the "
                         f"dataset empty; {_AGAIN}")


def check_parsed(file: str, expect: Expect, n_series: int, days: np.ndarray) -> None:
    """Check parsed observations against the declared floors and period bounds.

    Parameters
    ----------
    file : str
        Name used in errors.
    expect : Expect
        The file's declared expectations.
    n_series : int
        Distinct series parsed.
    days : ndarray
        First day of each observation's period (``datetime64[D]``), one per row.

    Raises
    ------
    ParseError
        If there are too few series or rows, the period range falls short of
        the declared bounds, or a required period is missing.  Callers skip
        this check (but never the empty-file one, :func:`check_not_empty`)
        when the user accepts a shrink.
    """
    check_not_empty(file, days)
    rows = len(days)
    if n_series < expect.min_series or rows < expect.min_rows:
        raise ParseError(
            file,
            f"only {n_series:,} series and {rows:,} observations; a sound copy has at least "
            f"{expect.min_series:,} series and {expect.min_rows:,} observations (the file "
            f"looks cut short): {_AGAIN}, or {OVERRIDE}",
        )
    last, first = days.max(), days.min()
    if expect.last_period_from and last < period_start(expect.last_period_from):
        raise ParseError(file, f"data end at {last}, before {expect.last_period_from} "
                         f"(the file looks cut short or old): {_AGAIN}, or {OVERRIDE}")
    if expect.first_period_by and first > period_start(expect.first_period_by):
        raise ParseError(file, f"data start at {first}, after {expect.first_period_by} "
                         f"(the file looks cut short): {_AGAIN}, or {OVERRIDE}")
    if expect.periods:
        present = set(np.unique(days).tolist())
        lost = [p for p in expect.periods if period_start(p).astype(object) not in present]
        if lost:
            raise ParseError(file, f"required periods missing: {lost[:5]}: {_AGAIN}, or "
                             f"{OVERRIDE}")


def check_against_previous(
    file: str, expect: Expect, n_series: int, days: np.ndarray, previous: Previous | None,
    counts: dict[str, int] | None = None,
) -> None:
    """Refuse a file that holds much less than the previous load of its dataset.

    Parameters
    ----------
    file : str
        Name used in errors.
    expect : Expect
        The file's declared expectations (``max_shrink``).
    n_series : int
        Distinct series parsed from the new file.
    days : ndarray
        First day of each new observation's period, one per row.
    previous : Previous or None
        The previous load (``None``: first load, nothing to compare).
    counts : dict, optional
        Observations per series key in the new file; a key of the previous
        load that is missing, or holds fewer observations, is refused.

    Raises
    ------
    ParseError
        If series or observations fell by more than ``expect.max_shrink``, a
        period or a series of the previous load is missing, or a series holds
        fewer observations; the message names the override.
    """
    if previous is None:
        return
    floor = 1.0 - expect.max_shrink
    for what, new, old in (("series", n_series, previous.n_series),
                           ("observations", len(days), previous.rows)):
        if new < floor * old:
            raise ParseError(
                file,
                f"{new:,} {what}, {old - new:,} fewer than the previous load ({old:,}; more "
                f"than {expect.max_shrink:.0%} fewer); the file looks cut short: {_AGAIN}, "
                f"or {OVERRIDE}",
            )
    lost = np.setdiff1d(previous.periods, np.unique(days))
    if lost.size:
        raise ParseError(
            file,
            f"periods of the previous load missing: {_labels(lost)}; the file looks cut short "
            f"or a period column was deleted: {_AGAIN}, or {OVERRIDE}",
        )
    if previous.counts is not None and counts is not None:
        gone = np.array(sorted(k for k in previous.counts if k not in counts), dtype=object)
        if gone.size:
            raise ParseError(
                file,
                f"series of the previous load missing: {_labels(gone)}; the file looks cut "
                f"short (or the publisher dropped them): {_AGAIN}, or {OVERRIDE}",
            )
        fewer = sorted(k for k, n in previous.counts.items() if counts[k] < n)
        if fewer:
            key = fewer[0]
            raise ParseError(
                file,
                f"{len(fewer):,} series hold fewer observations than in the previous load "
                f"(e.g. {key}: {counts[key]:,}, was {previous.counts[key]:,}); the file looks "
                f"cut short: {_AGAIN}, or {OVERRIDE}",
            )


def strict_numbers(
    cells: pd.Series, file: str, *, first_row: int, column: str | None = None,
    missing: tuple[str, ...] = ("",), thousands: str | None = None,
) -> pd.Series:
    """Convert text cells to floats, accepting only plain decimal tokens.

    Parameters
    ----------
    cells : Series
        The cells as read (text, numbers or missing).
    file : str
        Name used in errors.
    first_row : int
        File row number of ``cells``' first element (1-based).
    column : str, optional
        Column named in errors.
    missing : tuple of str
        Tokens that mean "no value" (after stripping blanks); ``NaN`` text is
        not one unless listed.
    thousands : str, optional
        A thousands separator to remove first (``","``).

    Returns
    -------
    Series
        Floats, NaN where the cell is missing.

    Raises
    ------
    ParseError
        Naming the row and column of the first cell that is neither a plain
        number nor a missing token (``NaN``, ``inf``, ``1.2.3``, ``12abc``).
    """
    text = cells.astype(object).where(cells.notna(), "")
    text = text.map(lambda c: c if isinstance(c, str) else repr(c) if isinstance(c, float)
                    else str(c)).str.strip()
    if thousands:
        text = text.str.replace(thousands, "", regex=False)
    gone = text.isin(list(missing))
    ok = gone | text.str.fullmatch(_NUMBER.pattern)
    if not ok.all():
        row = int((~ok).to_numpy().argmax())
        raise ParseError(file, f"expected a number, found {cells.iloc[row]!r}",
                         row=row + first_row, column=column)
    return pd.to_numeric(text.where(~gone), errors="coerce").astype("float64")
