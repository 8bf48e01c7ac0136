"""The local store: a DuckDB file of observations, series metadata and provenance.

Tables
------
``series``
    One row per publisher series: the canonical codes plus the publisher's key.
``observations``
    ``(series_id, period, value)``; ``period`` is the first day of the period,
    the frequency lives in ``series.freq``.
``files``
    Provenance of every loaded file: path, sha256, official URL, vintage,
    load time, rows.

Every write happens on a copy of the store that replaces the live file with
one atomic rename once everything parsed and loaded; readers therefore see the
old or the new store, never a mix, and a file that fails to parse leaves the
store byte-for-byte as it was.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from debtcycle.config import store_path
from debtcycle.errors import NotFoundError, SourceError
from debtcycle.schema import SERIES_COLUMNS, validate_observations
from debtcycle.sources import all_sources, get_source
from debtcycle.sources.base import Source, SourceFile
from debtcycle.sources.fetch import obtain, sha256

__all__ = ["LoadEvent", "Store", "build_store"]

_DDL = """
CREATE TABLE IF NOT EXISTS series (
    series_id INTEGER PRIMARY KEY, source VARCHAR, dataset VARCHAR, series_key VARCHAR,
    country VARCHAR, sector VARCHAR, measure VARCHAR, unit VARCHAR, valuation VARCHAR,
    adjustment VARCHAR, freq VARCHAR, title VARCHAR);
CREATE TABLE IF NOT EXISTS observations (series_id INTEGER, period DATE, value DOUBLE);
CREATE TABLE IF NOT EXISTS files (
    source VARCHAR, dataset VARCHAR PRIMARY KEY, file VARCHAR, sha256 VARCHAR, url VARCHAR,
    vintage VARCHAR, loaded_at TIMESTAMP, rows BIGINT, n_series INTEGER);
"""


@dataclass(frozen=True)
class LoadEvent:
    """Progress report of a store update: one per file, after it is handled."""

    source: str
    dataset: str
    status: str  # "loaded" | "unchanged"
    rows: int
    done: int
    total: int


def _period_dates(frame: pd.DataFrame) -> np.ndarray:
    """First day of each period as ``datetime64[D]`` (works for years before 1677)."""
    labels = frame["period"].astype(str)
    year = labels.str.slice(0, 4)
    month = pd.Series("01", index=frame.index)
    quarterly = frame["freq"] == "Q"
    monthly = frame["freq"].isin(["M", "D"])
    quarter = labels[quarterly].str.slice(5, 6).astype(int)
    month[quarterly] = ((quarter - 1) * 3 + 1).map("{:02d}".format)
    month[monthly] = labels[monthly].str.slice(5, 7)
    day = pd.Series("01", index=frame.index)
    daily = frame["freq"] == "D"
    day[daily] = labels[daily].str.slice(8, 10)
    return (year + "-" + month + "-" + day).to_numpy().astype("datetime64[D]")


class Store:
    """Read access to a store file (and the writer used by :func:`build_store`).

    Parameters
    ----------
    path : Path, optional
        The DuckDB file; defaults to :func:`debtcycle.config.store_path`.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else store_path()

    def exists(self) -> bool:
        """Return whether the store file exists."""
        return self.path.is_file()

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if not self.exists():
            raise NotFoundError(
                f"No store at {self.path}. Run `debtcycle data update` (or `make demo`) first."
            )
        return duckdb.connect(str(self.path), read_only=True)

    def query(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        """Run a read-only SQL query and return a DataFrame."""
        with self._connect() as con:
            return con.execute(sql, list(params)).df()

    def find_series(self, **filters: str | None) -> pd.DataFrame:
        """Return series metadata rows matching the given column filters (``None`` = any)."""
        clauses, params = [], []
        for column, value in filters.items():
            if value is None:
                continue
            if column not in SERIES_COLUMNS:
                raise NotFoundError(f"Cannot filter series on {column!r}; use {SERIES_COLUMNS}")
            clauses.append(f"s.{column} = ?")
            params.append(value)
        where = " AND ".join(clauses) or "TRUE"
        sql = (
            "SELECT s.*, f.vintage, f.file, f.url, min(o.period) AS first_period, "
            "max(o.period) AS last_period, count(*) AS n_obs FROM series s "
            "JOIN observations o USING (series_id) LEFT JOIN files f USING (dataset) "
            f"WHERE {where} GROUP BY ALL ORDER BY s.series_id"
        )
        return self.query(sql, params)

    def observations(self, series_ids: Iterable[int]) -> pd.DataFrame:
        """Return ``series_id, period, value`` rows for the given series, sorted by period."""
        ids = [int(i) for i in series_ids]
        if not ids:
            return pd.DataFrame(columns=["series_id", "period", "value"])
        marks = ",".join("?" * len(ids))
        return self.query(
            "SELECT series_id, period, value FROM observations "
            f"WHERE series_id IN ({marks}) ORDER BY series_id, period",
            ids,
        )

    def files(self) -> pd.DataFrame:
        """Return the provenance table (one row per loaded file)."""
        return self.query("SELECT * FROM files ORDER BY source, dataset")

    def status(self) -> pd.DataFrame:
        """Summarise each loaded dataset: source, series, rows, periods, vintage, load time."""
        return self.query(
            "SELECT f.source, f.dataset, f.n_series AS series, f.rows, min(o.period) AS first, "
            "max(o.period) AS last, f.vintage, f.loaded_at, f.sha256, f.file FROM files f "
            "JOIN series s USING (dataset) JOIN observations o USING (series_id) "
            "GROUP BY ALL ORDER BY f.source, f.dataset"
        )


def _write_file(
    con: duckdb.DuckDBPyConnection, source: Source, spec: SourceFile, path: Path, digest: str,
    tidy: pd.DataFrame,
) -> int:
    meta = tidy.drop_duplicates("series_key")[SERIES_COLUMNS].reset_index(drop=True)
    conflict = tidy.groupby("series_key")[SERIES_COLUMNS].nunique().gt(1).any(axis=1)
    if conflict.any():
        raise SourceError(
            f"{spec.mirror_path}: series {conflict.idxmax()!r} has conflicting metadata rows"
        )
    next_id = con.execute("SELECT coalesce(max(series_id), 0) + 1 FROM series").fetchone()
    start = int(next_id[0]) if next_id else 1
    meta.insert(0, "series_id", range(start, start + len(meta)))
    ids = tidy["series_key"].map(dict(zip(meta["series_key"], meta["series_id"], strict=True)))
    obs = pd.DataFrame({"series_id": ids, "value": tidy["value"]})
    obs["period"] = _period_dates(tidy)
    con.execute(
        "DELETE FROM observations WHERE series_id IN "
        "(SELECT series_id FROM series WHERE dataset = ?)",
        [spec.dataset],
    )
    con.execute("DELETE FROM series WHERE dataset = ?", [spec.dataset])
    con.execute("DELETE FROM files WHERE dataset = ?", [spec.dataset])
    con.register("meta_df", meta)
    con.register("obs_df", obs)
    con.execute("INSERT INTO series SELECT * FROM meta_df")
    con.execute("INSERT INTO observations SELECT series_id, period, value FROM obs_df")
    con.execute(
        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [source.name, spec.dataset, str(path.resolve()), digest, spec.url, spec.vintage,
         datetime.now(UTC).replace(tzinfo=None), len(tidy), len(meta)],
    )
    con.unregister("meta_df")
    con.unregister("obs_df")
    return len(tidy)


def build_store(
    sources: Iterable[str] | None = None,
    *,
    path: Path | None = None,
    mirror: Path | None = None,
    rebuild: bool = False,
    on_progress: Callable[[LoadEvent], None] | None = None,
) -> pd.DataFrame:
    """Load publishers' files into the store, atomically.

    Parameters
    ----------
    sources : iterable of str, optional
        Source names (``"bis"``, ``"jst"``, ...); default: every registered source.
    path : Path, optional
        Store file; default :func:`debtcycle.config.store_path`.
    mirror : Path, optional
        Mirror directory; default ``DEBTCYCLE_MIRROR`` (else download).
    rebuild : bool
        Start from an empty store instead of updating the existing one.
    on_progress : callable, optional
        Called with a :class:`LoadEvent` after each file.

    Returns
    -------
    DataFrame
        One row per file: source, dataset, status (``loaded``/``unchanged``), rows.

    Raises
    ------
    ParseError, SourceError
        If any file cannot be obtained or parsed; the store is left unchanged.
    """
    target = Path(path) if path is not None else store_path()
    chosen = [get_source(n) for n in sources] if sources else list(all_sources().values())
    jobs = [(s, f) for s in chosen for f in s.files]
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    if target.exists() and not rebuild:
        shutil.copyfile(target, tmp)
    report = []
    try:
        with duckdb.connect(str(tmp)) as con:
            con.execute(_DDL)
            known = dict(con.execute("SELECT dataset, sha256 FROM files").fetchall())
            for done, (source, spec) in enumerate(jobs, start=1):
                local = obtain(spec, mirror=mirror)
                digest = sha256(local)
                if known.get(spec.dataset) == digest:
                    status, rows = "unchanged", 0
                else:
                    tidy = validate_observations(spec.parse(local, spec.dataset), spec.mirror_path)
                    rows = _write_file(con, source, spec, local, digest, tidy)
                    status = "loaded"
                report.append((source.name, spec.dataset, status, rows))
                if on_progress:
                    on_progress(LoadEvent(source.name, spec.dataset, status, rows, done, len(jobs)))
            con.execute("CHECKPOINT")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
    return pd.DataFrame(report, columns=["source", "dataset", "status", "rows"])
