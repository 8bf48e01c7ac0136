"""The tidy observation schema every source returns, and its validation.

A source returns one :class:`pandas.DataFrame` with exactly
:data:`OBSERVATION_COLUMNS`.  One row is one observation of one series; the
publisher's own series key is kept in ``series_key``.

Validation works on integer codes: the series key and the period label are
factorised once, the series-level columns are checked on one row per series
(after checking they are constant within each series), and periods once per
distinct (frequency, period) pair.  The codes are kept for the store
(:func:`series_layout`), which would otherwise compute them again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.vocab import MEASURES, SECTORS

__all__ = ["OBSERVATION_COLUMNS", "SERIES_COLUMNS", "SeriesLayout", "series_layout",
           "validate_observations", "validate_with_layout"]

#: Column -> dtype of the tidy observation frame.
OBSERVATION_COLUMNS: Final[dict[str, str]] = {
    "source": "object",
    "dataset": "object",
    "series_key": "object",
    "country": "object",
    "sector": "object",
    "measure": "object",
    "unit": "object",
    "valuation": "object",
    "adjustment": "object",
    "freq": "object",
    "period": "object",
    "value": "float64",
    "title": "object",
}

#: The columns that describe a series (constant within one series key).
SERIES_COLUMNS: Final[list[str]] = [
    "source",
    "dataset",
    "series_key",
    "country",
    "sector",
    "measure",
    "unit",
    "valuation",
    "adjustment",
    "freq",
    "title",
]

_PERIOD_PATTERNS: Final[dict[str, re.Pattern[str]]] = {
    "A": re.compile(r"^\d{4}$"),
    "Q": re.compile(r"^\d{4}Q[1-4]$"),
    "M": re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"),
    "D": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
}


#: A tidy frame, or its columns as arrays (what validation works on).
Frame = pd.DataFrame | Mapping[str, np.ndarray]


def _column(frame: Frame, name: str) -> np.ndarray:
    values: np.ndarray = np.asarray(frame[name])
    return values


@dataclass(frozen=True)
class SeriesLayout:
    """Integer codes of a tidy frame's series and periods.

    Attributes
    ----------
    codes : ndarray
        Series code of each row (0..n_series-1, in order of first appearance).
    first : ndarray
        Row number of each series' first row.
    conflicts : tuple of str
        Series-level columns that are not constant within some series.
    period_codes : ndarray
        Code of each row's period label in ``periods``.
    periods : ndarray
        The distinct period labels, in order of first appearance.
    """

    codes: np.ndarray
    first: np.ndarray
    conflicts: tuple[str, ...]
    period_codes: np.ndarray
    periods: np.ndarray

    def heads(self, frame: Frame, column: str) -> np.ndarray:
        """Return ``column`` of each series' first row."""
        values: np.ndarray = _column(frame, column)[self.first]
        return values

    def distinct(self, frame: Frame, column: str) -> np.ndarray:
        """Return the distinct values of a series-level column (all rows)."""
        if column in self.conflicts:
            return pd.unique(_column(frame, column))
        return pd.unique(self.heads(frame, column))

    def row_codes(self, frame: Frame, column: str) -> tuple[np.ndarray, np.ndarray]:
        """Return each row's code of a series-level column and the distinct values."""
        if column in self.conflicts:
            return pd.factorize(_column(frame, column), use_na_sentinel=False)
        head_codes, uniques = pd.factorize(self.heads(frame, column), use_na_sentinel=False)
        return head_codes[self.codes], uniques


def _compute_layout(frame: Frame) -> SeriesLayout:
    codes, keys = _factorize(_column(frame, "series_key"))
    codes = codes.astype(np.intp, copy=False)
    first = np.full(len(keys), len(codes), dtype=np.intp)
    np.minimum.at(first, codes, np.arange(len(codes), dtype=np.intp))
    conflicts = tuple(
        c for c in SERIES_COLUMNS
        if c != "series_key" and not _constant_within(_column(frame, c), first, codes)
    )
    if "period" not in frame:  # a metadata-only frame
        return SeriesLayout(codes, first, conflicts, np.zeros(len(codes), np.intp),
                            np.array([], dtype=object))
    period_codes, periods = _factorize(_column(frame, "period"))
    return SeriesLayout(codes, first, conflicts, period_codes, periods)


def _factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values, missing values included as one more value.

    Same result as ``pd.factorize(values, use_na_sentinel=False)``, which costs
    twice as much as the default on text; that path is taken only when needed.
    """
    codes, uniques = pd.factorize(values)
    if len(codes) and codes.min() < 0:
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return codes, np.asarray(uniques)


def _constant_within(values: np.ndarray, first: np.ndarray, codes: np.ndarray) -> bool:
    """Whether every row equals its series' first row.

    Rows holding the very same object as their series' first row are equal
    without a comparison: for an object array the identity test runs on the
    stored object addresses (``tobytes``), which is several times faster
    than numpy's per-element ``==``; only the other rows are compared by
    value, and there a missing value counts as different.
    """
    heads = values[first]
    if values.dtype == object:
        rows = np.frombuffer(values.tobytes(), dtype=np.intp)
        head_rows = np.frombuffer(heads.tobytes(), dtype=np.intp)[codes]
        other = np.flatnonzero(rows != head_rows)
        values, heads, codes = values[other], heads, codes[other]
    try:
        return bool((values == heads[codes]).all())
    except TypeError:  # pd.NA has no truth value: let the caller look row by row
        return False


def series_layout(frame: pd.DataFrame) -> SeriesLayout:
    """Return the :class:`SeriesLayout` of a tidy frame."""
    return _compute_layout(frame)


def validate_observations(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """Check a source's tidy frame against the schema and return it normalised.

    Same as :func:`validate_with_layout` without the layout.
    """
    return validate_with_layout(frame, file)[0]


def validate_with_layout(frame: pd.DataFrame, file: str) -> tuple[pd.DataFrame, SeriesLayout]:
    """Check a source's tidy frame against the schema; return it normalised and its layout.

    Parameters
    ----------
    frame : DataFrame
        The frame a source parser produced.
    file : str
        The file it came from, named in every error.

    Returns
    -------
    DataFrame
        The same rows with the schema's columns in order, dtypes enforced and
        a fresh range index (the text columns share memory with ``frame``).
    SeriesLayout
        Its series and period codes, computed during validation (the store
        reuses them instead of coding the frame again).

    Raises
    ------
    ParseError
        If a column is missing, a code is outside the vocabulary, a period
        does not match its frequency, a value is not finite, or a
        (series_key, period) pair appears twice.
    """
    missing = [c for c in OBSERVATION_COLUMNS if c not in frame.columns]
    if missing:
        raise ParseError(file, f"parser output lacks columns {missing}")
    value = frame["value"]
    if value.dtype != np.float64:
        value = pd.to_numeric(value, errors="raise").astype("float64")
    data = {c: _column(frame, c) for c in OBSERVATION_COLUMNS}
    data["value"] = value.to_numpy()
    out = pd.DataFrame(data, copy=False)
    layout = _compute_layout(data)
    _check_codes(data, layout, file)
    _check_periods(data, layout, file)
    bad = ~np.isfinite(data["value"])
    if bad.any():
        i = int(np.argmax(bad))
        raise ParseError(
            file, f"non-finite value for {data['series_key'][i]} {data['period'][i]}; "
            "drop missing cells"
        )
    dup = _duplicated(data, layout)
    if dup.any():
        i = int(np.argmax(dup))
        raise ParseError(
            file,
            f"duplicate observation: series {data['series_key'][i]!r} period "
            f"{data['period'][i]} appears {int(dup.sum())} times; each series key and "
            "period must be unique",
        )
    return out, layout


def _duplicated(out: Frame, layout: SeriesLayout) -> np.ndarray:
    """Flag rows whose (dataset, series_key, period) appears more than once.

    Same result as ``DataFrame.duplicated(keep=False)`` on those columns, computed
    on integer codes: the series code stands for (dataset, series_key) unless the
    dataset varies within a series.
    """
    series = layout.codes.astype(np.int64)
    if "dataset" in layout.conflicts:
        dataset, _ = pd.factorize(_column(out, "dataset"), use_na_sentinel=False)
        series = series * (len(layout.first) + 1) + dataset
        series, _ = pd.factorize(series)
    combined = series.astype(np.int64) * max(len(layout.periods), 1) + layout.period_codes
    flags: np.ndarray = pd.Series(combined).duplicated(keep=False).to_numpy()
    return flags


def _check_codes(out: Frame, layout: SeriesLayout, file: str) -> None:
    for column, allowed in (("sector", SECTORS), ("measure", MEASURES)):
        unknown = sorted(set(layout.distinct(out, column)) - set(allowed))
        if unknown:
            raise ParseError(file, f"unknown {column} codes {unknown[:5]}", column=column)
    country = layout.distinct(out, "country")
    if pd.isna(country).any() or (country == "").any():
        raise ParseError(file, "rows without a country code", column="country")


def _check_periods(out: Frame, layout: SeriesLayout, file: str) -> None:
    # Checked once per distinct (frequency, period) pair, not per row, in order of
    # first appearance (frequencies first, then labels within a frequency).
    freq_codes, freqs = layout.row_codes(out, "freq")
    n_periods = max(len(layout.periods), 1)
    pairs = pd.unique(freq_codes.astype(np.int64) * n_periods + layout.period_codes)
    pair_freq = pairs // n_periods
    text = np.array([str(p) for p in layout.periods], dtype=object)
    labels = text[pairs % n_periods]
    for code in pd.unique(pair_freq):
        freq = str(freqs[code])
        pattern = _PERIOD_PATTERNS.get(freq)
        if pattern is None:
            raise ParseError(file, f"unknown frequency {freq!r}; expected A, Q, M or D")
        group = labels[pair_freq == code]
        match = pattern.match
        bad = next((label for label in group if match(label) is None), None)
        if bad is not None:
            raise ParseError(file, f"period {bad!r} does not match frequency {freq}")
