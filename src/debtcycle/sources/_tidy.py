"""Shared helper: build the tidy observation frame from a long table."""

from __future__ import annotations

import pandas as pd

__all__ = ["long_to_tidy"]


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

    Rows with a missing value are dropped; ``series_key`` is ``"<COUNTRY>:<key>"``
    unless ``key`` already contains ``{country}``.
    """
    out = frame.loc[frame["value"].notna(), ["country", "period", "value"]].copy()
    out["series_key"] = (
        out["country"].map(lambda c: key.format(country=c))
        if "{country}" in key
        else out["country"] + ":" + key
    )
    for column, value in (
        ("source", source), ("dataset", dataset), ("sector", sector), ("measure", measure),
        ("unit", unit), ("freq", freq), ("title", title), ("valuation", valuation),
        ("adjustment", adjustment),
    ):
        out[column] = value
    return out
