"""The tidy observation schema every source returns, and its validation.

A source returns one :class:`pandas.DataFrame` with exactly
:data:`OBSERVATION_COLUMNS`.  One row is one observation of one series; the
publisher's own series key is kept in ``series_key``.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.vocab import MEASURES, SECTORS

__all__ = ["OBSERVATION_COLUMNS", "SERIES_COLUMNS", "validate_observations"]

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

_PERIOD_PATTERNS: Final[dict[str, str]] = {
    "A": r"^\d{4}$",
    "Q": r"^\d{4}Q[1-4]$",
    "M": r"^\d{4}-(0[1-9]|1[0-2])$",
    "D": r"^\d{4}-\d{2}-\d{2}$",
}


def validate_observations(frame: pd.DataFrame, file: str) -> pd.DataFrame:
    """Check a source's tidy frame against the schema and return it normalised.

    Parameters
    ----------
    frame : DataFrame
        The frame a source parser produced.
    file : str
        The file it came from, named in every error.

    Returns
    -------
    DataFrame
        The same rows with the schema's columns in order and dtypes enforced.

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
    out = frame[list(OBSERVATION_COLUMNS)].copy()
    out["value"] = pd.to_numeric(out["value"], errors="raise").astype("float64")
    _check_codes(out, file)
    _check_periods(out, file)
    bad = ~np.isfinite(out["value"].to_numpy())
    if bad.any():
        row = out[bad].iloc[0]
        raise ParseError(
            file, f"non-finite value for {row.series_key} {row.period}; drop missing cells"
        )
    dup = _duplicated(out)
    if dup.any():
        row = out[dup].iloc[0]
        raise ParseError(
            file,
            f"duplicate observation: series {row.series_key!r} period {row.period} appears "
            f"{int(dup.sum())} times; each series key and period must be unique",
        )
    return out.reset_index(drop=True)


def _duplicated(out: pd.DataFrame) -> pd.Series:
    """Flag rows whose (dataset, series_key, period) appears more than once.

    Same result as ``DataFrame.duplicated(keep=False)`` on those columns, computed
    on integer codes (the string-tuple hashing was a hot spot of the store build).
    """
    combined = np.zeros(len(out), dtype=np.int64)
    for column in ("dataset", "series_key", "period"):
        codes, uniques = pd.factorize(out[column], use_na_sentinel=False)
        combined = combined * max(len(uniques), 1) + codes
    return pd.Series(combined, index=out.index).duplicated(keep=False)


def _check_codes(out: pd.DataFrame, file: str) -> None:
    for column, allowed in (("sector", SECTORS), ("measure", MEASURES)):
        unknown = sorted(set(out[column].unique()) - set(allowed))
        if unknown:
            raise ParseError(file, f"unknown {column} codes {unknown[:5]}", column=column)
    if out["country"].isna().any() or (out["country"] == "").any():
        raise ParseError(file, "rows without a country code", column="country")


def _check_periods(out: pd.DataFrame, file: str) -> None:
    # Checked once per distinct (frequency, period) pair, not per row.
    pairs = out[["freq", "period"]].astype(str).drop_duplicates()
    for freq, labels in pairs.groupby("freq", sort=False)["period"]:
        pattern = _PERIOD_PATTERNS.get(str(freq))
        if pattern is None:
            raise ParseError(file, f"unknown frequency {freq!r}; expected A, Q, M or D")
        ok = labels.str.match(pattern)
        if not ok.all():
            bad = labels[~ok].iloc[0]
            raise ParseError(file, f"period {bad!r} does not match frequency {freq}")
