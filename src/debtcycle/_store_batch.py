"""Batched writes of parsed files into a new store database (used by :mod:`debtcycle.store`).

Parsed files are collected in a :class:`_Pending` batch and written with one
insert per table (:func:`_flush`): the per-statement cost of DuckDB's
pandas/Arrow scans dominated the build when paid once per file.  Period
labels become the first day of their period (:func:`_period_dates`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from debtcycle.errors import SourceError
from debtcycle.schema import SERIES_COLUMNS, SeriesLayout, series_layout
from debtcycle.sources.base import Source, SourceFile

__all__ = ["_Pending", "_flush", "_period_dates", "_series_codes", "_write_file"]


def _first_days(labels: np.ndarray, freq: str) -> np.ndarray:
    """First day of each period label of one frequency, parsed by numpy in one call."""
    text = labels.astype(str)
    days: np.ndarray
    if freq == "Q":
        quarter = text.astype("U6").view("U1").reshape(-1, 6)[:, 5].astype(np.int64)
        years = text.astype("U4").astype("datetime64[Y]").astype("datetime64[M]")
        days = (years + (quarter - 1) * 3).astype("datetime64[D]")
    elif freq == "M":
        days = text.astype("datetime64[M]").astype("datetime64[D]")
    elif freq == "D":
        days = text.astype("datetime64[D]")
    else:
        days = text.astype("U4").astype("datetime64[Y]").astype("datetime64[D]")
    return days


def _period_dates(frame: pd.DataFrame, layout: SeriesLayout | None = None) -> np.ndarray:
    """First day of each period as ``datetime64[D]`` (works for years before 1677).

    Converted once per distinct (frequency, period) pair: a file has a few
    thousand distinct periods but up to hundreds of thousands of rows.  With
    the frame's :class:`~debtcycle.schema.SeriesLayout` the codes are reused.
    """
    periods: pd.Index | np.ndarray
    freqs: pd.Index | np.ndarray
    if layout is None:
        period_codes, periods = pd.factorize(frame["period"].astype(str))
        freq_codes, freqs = pd.factorize(frame["freq"].astype(str))
    else:
        period_codes, periods = layout.period_codes, layout.periods
        freq_codes, freqs = layout.row_codes(frame, "freq")
    n = max(len(periods), 1)
    codes, pairs = pd.factorize(freq_codes.astype(np.int64) * n + period_codes)
    labels = np.asarray(periods, dtype=object)[pairs % n]
    pair_freq = pairs // n
    firsts = np.empty(len(pairs), dtype="datetime64[D]")
    for i, freq in enumerate(freqs):
        chosen = pair_freq == i
        firsts[chosen] = _first_days(labels[chosen], str(freq))
    dates: np.ndarray = firsts[codes]
    return dates


@dataclass
class _Pending:
    """Files parsed in this run, written to the database in one batch by :func:`_flush`.

    One insert per table instead of one per file: the per-statement cost of
    DuckDB's pandas/Arrow scans dominated the build when paid ~60 times.
    """

    next_id: int
    datasets: list[str] = field(default_factory=list)
    meta: list[pd.DataFrame] = field(default_factory=list)
    ids: list[np.ndarray] = field(default_factory=list)
    periods: list[np.ndarray] = field(default_factory=list)
    values: list[np.ndarray] = field(default_factory=list)
    files: list[tuple[object, ...]] = field(default_factory=list)


def _series_codes(
    tidy: pd.DataFrame, file: str, layout: SeriesLayout | None = None
) -> tuple[np.ndarray, pd.DataFrame]:
    """Code of each row's series (0..n-1) and the series metadata rows, in that order.

    Raises
    ------
    SourceError
        If one series key carries two different values of a metadata column.
    """
    layout = layout or series_layout(tidy)
    codes, first = layout.codes, layout.first
    for column in layout.conflicts:  # rare: look row by row (missing == missing here)
        mine = tidy[column].to_numpy()
        heads = mine[first][codes]
        gone, gone_head = pd.isna(mine), pd.isna(heads)
        differ = gone != gone_head
        both = ~gone & ~gone_head
        differ[both] = mine[both] != heads[both]
        rows = np.flatnonzero(differ)
        if rows.size:
            key = tidy["series_key"].iloc[int(rows[0])]
            raise SourceError(f"{file}: series {key!r} has conflicting {column} values")
    meta = pd.DataFrame({c: tidy[c].to_numpy()[first] for c in SERIES_COLUMNS})
    return codes, meta


def _write_file(
    pending: _Pending, source: Source, spec: SourceFile, path: Path, digest: str,
    tidy: pd.DataFrame, layout: SeriesLayout, days: np.ndarray,
) -> int:
    codes, meta = _series_codes(tidy, spec.mirror_path, layout)
    meta.insert(0, "series_id", np.arange(pending.next_id, pending.next_id + len(meta)))
    pending.ids.append(codes.astype(np.int32) + np.int32(pending.next_id))
    pending.next_id += len(meta)
    pending.periods.append(days)
    pending.values.append(tidy["value"].to_numpy(dtype="float64"))
    pending.meta.append(meta)
    pending.datasets.append(spec.dataset)
    pending.files.append(
        (source.name, spec.dataset, str(path.resolve()), digest, spec.url, spec.vintage,
         datetime.now(UTC).replace(tzinfo=None), len(tidy), len(meta))
    )
    return len(tidy)


_FILES_SCHEMA = pa.schema([
    ("source", pa.string()), ("dataset", pa.string()), ("file", pa.string()),
    ("sha256", pa.string()), ("url", pa.string()), ("vintage", pa.string()),
    ("loaded_at", pa.timestamp("us")), ("rows", pa.int64()), ("n_series", pa.int32()),
])


def _files_table(rows: list[tuple[object, ...]]) -> pa.Table:
    """Return the provenance rows as an Arrow table typed like the ``files`` table."""
    columns = list(zip(*rows, strict=True))
    return pa.Table.from_arrays(
        [pa.array(col, type=f.type) for col, f in zip(columns, _FILES_SCHEMA, strict=True)],
        schema=_FILES_SCHEMA,
    )


def _flush(con: duckdb.DuckDBPyConnection, pending: _Pending) -> None:
    """Insert the pending datasets' rows into the new store (which holds none of them)."""
    if not pending.datasets:
        return
    meta = pa.Table.from_pandas(pd.concat(pending.meta, ignore_index=True), preserve_index=False)
    obs = pa.table({
        "series_id": pa.array(np.concatenate(pending.ids)),
        "period": pa.array(np.concatenate(pending.periods)),
        "value": pa.array(np.concatenate(pending.values)),
    })
    con.register("meta_arrow", meta)
    con.register("obs_arrow", obs)
    con.execute(f"INSERT INTO series SELECT {', '.join(['series_id', *SERIES_COLUMNS])} "
                "FROM meta_arrow")
    con.execute("INSERT INTO observations SELECT series_id, period, value FROM obs_arrow")
    con.register("files_arrow", _files_table(pending.files))
    con.execute("INSERT INTO files SELECT * FROM files_arrow")  # one scan, not one per file
    con.unregister("meta_arrow")
    con.unregister("obs_arrow")
    con.unregister("files_arrow")
