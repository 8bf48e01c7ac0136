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

Every write builds a new store file (the datasets kept are copied from the
old one, so the file stays compact) that replaces the live file with one
atomic rename once everything parsed, passed validation and loaded; readers
therefore see the old or the new store, never a mix, and a file that fails
leaves the store byte-for-byte as it was.  One update runs at a time (the
writer lock of :mod:`debtcycle._writelock`); reads are safe from many threads
and processes while an update replaces the file (:meth:`Store.query`).
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from debtcycle._store_batch import _flush, _Pending, _period_dates, _write_file
from debtcycle._writelock import remove_stale_files, temp_path, unwritable, writer_lock
from debtcycle.config import store_hint, store_path
from debtcycle.errors import BadInputError, NotFoundError, StoreError
from debtcycle.schema import SERIES_COLUMNS, SeriesLayout, validate_with_layout
from debtcycle.sources import all_sources, get_source
from debtcycle.sources._fred_any import any_fred_file
from debtcycle.sources.base import Source, SourceFile
from debtcycle.sources.fetch import DEFAULT_DEADLINE, obtain, sha256
from debtcycle.sources.validate import (
    Previous,
    check_against_previous,
    check_file,
    check_not_empty,
    check_parsed,
)

__all__ = ["LoadEvent", "Store", "add_fred", "build_store"]

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


@dataclass
class _Shared:
    """One read-only connection to one build of a store file, shared by every thread.

    ``users`` counts the cursors open on it.  When the file is replaced the
    connection is retired, not closed: it closes when its last cursor does, so
    a thread still reading never has its connection closed under it (closing
    it early crashed the process, issue 12).
    """

    identity: tuple[int, int, int]
    connection: duckdb.DuckDBPyConnection
    users: int = 0
    retired: bool = False


_CONNECTIONS: dict[str, _Shared] = {}
_CACHE_LOCK = threading.Lock()


def _damaged(path: Path, exc: Exception) -> StoreError:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return StoreError(
        f"{path} is not a readable debtcycle store ({first}). Rebuild it with "
        "`debtcycle data update --rebuild`."
    )


def _default_path() -> Path:
    """Return :func:`debtcycle.config.store_path`; an unusable home is a one-line error."""
    try:
        return store_path()
    except OSError as exc:
        where = exc.filename or "the debtcycle home"
        raise StoreError(
            f"Cannot use {where} as the debtcycle home ({exc.strerror or type(exc).__name__}). "
            "Set DEBTCYCLE_HOME to a folder you can write to."
        ) from None


class Store:
    """Read access to a store file (and the writer used by :func:`build_store`).

    Reads are safe from many threads and while another process replaces the
    file (``data update``): each query runs on its own cursor of a connection
    that stays open until its last cursor closes.

    Parameters
    ----------
    path : Path, optional
        The DuckDB file; defaults to :func:`debtcycle.config.store_path`.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else _default_path()

    def exists(self) -> bool:
        """Return whether the store file exists."""
        return self.path.is_file()

    def _acquire(self) -> tuple[_Shared, duckdb.DuckDBPyConnection]:
        """Return the shared connection to the current build of the file and a new cursor.

        The connection is reopened when the file was replaced (new inode,
        modification time or size), so a reader never mixes two builds.

        Raises
        ------
        NotFoundError
            If there is no store file.
        StoreError
            If the file is not a readable DuckDB database.
        """
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            raise NotFoundError(f"No store at {self.path}. {store_hint()}") from None
        identity = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        key = str(self.path.resolve())
        with _CACHE_LOCK:
            shared = _CONNECTIONS.get(key)
            if shared is None or shared.identity != identity:
                if shared is not None:
                    shared.retired = True
                    if shared.users == 0:
                        shared.connection.close()
                try:
                    connection = duckdb.connect(key, read_only=True)
                except duckdb.Error as exc:
                    _CONNECTIONS.pop(key, None)
                    raise _damaged(self.path, exc) from None
                shared = _Shared(identity, connection)
                _CONNECTIONS[key] = shared
            cursor = shared.connection.cursor()
            shared.users += 1
            return shared, cursor

    @staticmethod
    def _release(shared: _Shared, cursor: duckdb.DuckDBPyConnection) -> None:
        cursor.close()
        with _CACHE_LOCK:
            shared.users -= 1
            if shared.retired and shared.users == 0:
                shared.connection.close()

    def query(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        """Run a read-only SQL query and return a DataFrame.

        Raises
        ------
        StoreError
            If the file is damaged or is not a debtcycle store (the message
            gives the fix, ``debtcycle data update --rebuild``).
        """
        shared, cursor = self._acquire()
        try:
            return cursor.execute(sql, list(params)).df()
        except (duckdb.CatalogException, duckdb.IOException, duckdb.InternalException,
                duckdb.SerializationException) as exc:
            raise _damaged(self.path, exc) from None
        finally:
            self._release(shared, cursor)

    def find_series(self, **filters: str | None) -> pd.DataFrame:
        """Return series metadata rows matching the given column filters (``None`` = any).

        Raises
        ------
        NotFoundError
            On a column that is not a series column.
        BadInputError
            On a filter value that is not text (``source=1`` was a raw DuckDB error).
        """
        clauses, params = [], []
        for column, value in filters.items():
            if value is None:
                continue
            if column not in SERIES_COLUMNS:
                raise NotFoundError(f"Cannot filter series on {column!r}; use {SERIES_COLUMNS}")
            if not isinstance(value, str):
                raise BadInputError(f"{column}={value!r}: expected text (a code such as 'bis'), "
                                    f"got {type(value).__name__}")
            clauses.append(f"s.{column} = ?")
            params.append(value)
        where = " AND ".join(clauses) or "TRUE"
        sql = (
            "SELECT s.*, f.vintage, f.file, f.url, min(o.period) AS first_period, "
            "max(o.period) AS last_period, count(*) AS n_obs FROM "
            f"(SELECT * FROM series s WHERE {where}) s "
            "JOIN observations o USING (series_id) LEFT JOIN files f USING (dataset) "
            "GROUP BY ALL ORDER BY s.series_id"
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


def _previous_loads(path: Path, datasets: list[str]) -> dict[str, Previous]:
    """Return what the store at ``path`` holds of each dataset (empty without a usable store)."""
    if not path.is_file() or not datasets:
        return {}
    marks = ",".join("?" * len(datasets))
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            rows = con.execute(
                "SELECT s.dataset, count(DISTINCT s.series_id), count(*), list(DISTINCT o.period) "
                f"FROM series s JOIN observations o USING (series_id) WHERE s.dataset IN ({marks}) "
                "GROUP BY s.dataset",
                datasets,
            ).fetchall()
            per_series = con.execute(
                "SELECT s.dataset, s.series_key, count(*) FROM series s JOIN observations o "
                f"USING (series_id) WHERE s.dataset IN ({marks}) GROUP BY ALL",
                datasets,
            ).fetchall()
    except duckdb.Error:  # a damaged store: nothing to compare with (a rebuild replaces it)
        return {}
    counts: dict[str, dict[str, int]] = {}
    for name, key, n in per_series:
        counts.setdefault(str(name), {})[str(key)] = int(n)
    return {
        str(name): Previous(int(n), int(count), np.array(days, dtype="datetime64[D]"),
                            counts.get(str(name), {}))
        for name, n, count, days in rows
    }


def _parse_checked(
    spec: SourceFile, local: Path, previous: Previous | None, accept_shrink: bool
) -> tuple[pd.DataFrame, SeriesLayout, np.ndarray]:
    """Parse one file through every check of :mod:`debtcycle.sources.validate`."""
    check_file(local, spec.mirror_path, spec.expect)
    tidy, layout = validate_with_layout(spec.parse(local, spec.dataset), spec.mirror_path)
    days = _period_dates(tidy, layout) if len(tidy) else np.array([], dtype="datetime64[D]")
    check_not_empty(spec.mirror_path, days)
    if not accept_shrink:
        keys = tidy["series_key"].to_numpy()[layout.first]
        per_key = np.bincount(layout.codes, minlength=len(keys))
        counts = {str(k): int(n) for k, n in zip(keys, per_key, strict=True)}
        check_against_previous(spec.mirror_path, spec.expect, len(layout.first), days, previous,
                               counts)
        check_parsed(spec.mirror_path, spec.expect, len(layout.first), days)
    return tidy, layout, days


def build_store(
    sources: Iterable[str] | None = None,
    *,
    path: Path | None = None,
    mirror: Path | None = None,
    rebuild: bool = False,
    accept_shrink: bool = False,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
    timeout: float = DEFAULT_DEADLINE,
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
    accept_shrink : bool
        Load files that hold much less than the previous load of their
        dataset (see :mod:`debtcycle.sources.base`); refused by default.
    wait : bool
        When another update holds the store's writer lock, wait for it
        (default) instead of failing at once (:mod:`debtcycle._writelock`).
    on_wait : callable, optional
        Called with a one-line message when this update has to wait.
    timeout : float
        Longest time to download one file, retries included, seconds
        (:func:`debtcycle.sources.fetch.download`); unused with a mirror.
    on_progress : callable, optional
        Called with a :class:`LoadEvent` after each file.

    Returns
    -------
    DataFrame
        One row per file: source, dataset, status (``loaded``/``unchanged``), rows.

    Raises
    ------
    ParseError, SourceError
        If any file cannot be obtained or parsed, or fails its source's
        validation (:mod:`debtcycle.sources.validate`); the store is left unchanged.
    StoreError
        If the existing store is damaged (use ``rebuild``), its folder is not
        writable, or another update runs and ``wait`` is false.
    """
    target = Path(path) if path is not None else _default_path()
    names = list(dict.fromkeys(sources)) if sources else list(all_sources())  # no repeats
    jobs = [(s, f) for s in (get_source(n) for n in names) for f in s.files]
    with writer_lock(target, wait=wait, on_wait=on_wait):
        remove_stale_files(target, target.parent / "downloads")
        return _build_locked(target, jobs, mirror, rebuild, accept_shrink, on_progress, timeout)


def add_fred(
    series_id: str,
    *,
    file: Path | None = None,
    country: str = "US",
    sector: str = "economy",
    measure: str = "fred_series",
    path: Path | None = None,
    accept_shrink: bool = False,
    wait: bool = True,
    on_wait: Callable[[str], None] | None = None,
    timeout: float = DEFAULT_DEADLINE,
) -> pd.DataFrame:
    """Load any FRED series into the store, from its official URL or a CSV the user has.

    The file goes through the same checks as every other
    (:mod:`debtcycle.sources.validate`) and the same atomic, locked update as
    :func:`build_store`.  It is kept by later updates; ``data update --rebuild``
    starts from an empty store and drops it (add it again).

    Parameters
    ----------
    series_id : str
        FRED series id (``UNRATE``, ``BAMLH0A0HYM2``, ...).
    file : Path, optional
        A FRED CSV download of that series; default: the mirror
        (``DEBTCYCLE_MIRROR``, ``fred/<ID>.csv``), else download from
        ``https://fred.stlouisfed.org/graph/fredgraph.csv?id=<ID>``.
    country, sector, measure : str
        Canonical codes for a series debtcycle does not know (registered
        series keep theirs).
    path, accept_shrink, wait, on_wait, timeout
        As for :func:`build_store`.

    Returns
    -------
    DataFrame
        One row: source, dataset, status, rows.

    Raises
    ------
    BadInputError
        On a malformed id, an unknown code or a missing ``file``.
    ParseError, SourceError, StoreError
        As for :func:`build_store`; the store is left unchanged.
    """
    spec = any_fred_file(series_id, country=country, sector=sector, measure=measure)
    source = replace(get_source("fred"), files=(spec,))
    target = Path(path) if path is not None else _default_path()
    with tempfile.TemporaryDirectory(prefix="debtcycle-add-") as folder:
        mirror = None
        if file is not None:
            local = Path(file).expanduser()
            if not local.is_file():
                raise BadInputError(f"--file {file}: no such file; give the path of a FRED CSV "
                                    f"download of {spec.dataset.split(':', 1)[1]}")
            mirror = Path(folder)
            (mirror / spec.mirror_path).parent.mkdir(parents=True)
            (mirror / spec.mirror_path).symlink_to(local.resolve())
        with writer_lock(target, wait=wait, on_wait=on_wait):
            remove_stale_files(target, target.parent / "downloads")
            return _build_locked(target, [(source, spec)], mirror, False, accept_shrink, None,
                                 timeout)


def _old_state(target: Path) -> tuple[dict[str, str], int]:
    """Return the sha256 of each dataset loaded in ``target`` and the next free series id."""
    try:
        with duckdb.connect(str(target), read_only=True) as con:
            known = dict(con.execute("SELECT dataset, sha256 FROM files").fetchall())
            top = con.execute("SELECT coalesce(max(series_id), 0) + 1 FROM series").fetchone()
    except duckdb.Error as exc:
        raise _damaged(target, exc) from None
    return {str(k): str(v) for k, v in known.items()}, int(top[0]) if top else 1


def _copy_kept(con: duckdb.DuckDBPyConnection, old: Path, replaced: list[str]) -> None:
    """Copy the datasets of the old store that this update does not replace."""
    con.execute(f"ATTACH '{str(old).replace(chr(39), chr(39) * 2)}' AS old (READ_ONLY)")
    marks = ",".join("?" * len(replaced)) or "NULL"
    keep = f"dataset NOT IN ({marks})"
    con.execute(f"INSERT INTO series SELECT * FROM old.series WHERE {keep}", replaced)
    con.execute(
        "INSERT INTO observations SELECT o.* FROM old.observations o "
        f"WHERE o.series_id IN (SELECT series_id FROM old.series WHERE {keep})",
        replaced,
    )
    con.execute(f"INSERT INTO files SELECT * FROM old.files WHERE {keep}", replaced)
    con.execute("DETACH old")


def _build_locked(
    target: Path, jobs: list[tuple[Source, SourceFile]], mirror: Path | None, rebuild: bool,
    accept_shrink: bool, on_progress: Callable[[LoadEvent], None] | None, timeout: float,
) -> pd.DataFrame:
    """Parse the jobs' files and write a new, compact store file (the writer lock is held).

    The new store is always a fresh file: the datasets kept are copied from
    the old one, so the file does not grow with repeated updates.  When
    nothing changed the store is not rewritten.
    """
    old = target if target.exists() and not rebuild else None
    known, next_id = _old_state(old) if old is not None else ({}, 1)
    previous = _previous_loads(target, [f.dataset for _, f in jobs])
    pending = _Pending(next_id=next_id)
    report = []
    for done, (source, spec) in enumerate(jobs, start=1):
        local = obtain(spec, mirror=mirror, deadline=timeout)
        digest = sha256(local)
        if known.get(spec.dataset) == digest:
            status, rows = "unchanged", 0
        else:
            tidy, layout, days = _parse_checked(spec, local, previous.get(spec.dataset),
                                                accept_shrink)
            rows = _write_file(pending, source, spec, local, digest, tidy, layout, days)
            status = "loaded"
        report.append((source.name, spec.dataset, status, rows))
        if on_progress:
            on_progress(LoadEvent(source.name, spec.dataset, status, rows, done, len(jobs)))
    frame = pd.DataFrame(report, columns=["source", "dataset", "status", "rows"])
    if old is not None and not pending.datasets:
        return frame  # nothing changed: readers keep their connections
    tmp = temp_path(target, os.getpid())
    try:
        tmp.unlink(missing_ok=True)
        with duckdb.connect(str(tmp)) as con:
            con.execute(_DDL)
            if old is not None:
                _copy_kept(con, old, pending.datasets)
            _flush(con, pending)
            con.execute("CHECKPOINT")
        os.replace(tmp, target)
    except PermissionError as exc:
        raise unwritable(target, exc) from None
    except duckdb.Error as exc:  # disk full, an old store layout, ...: the store is unchanged
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(
            f"Writing the new store failed ({first}); {target} is unchanged. Free disk space, "
            "or run `debtcycle data update --rebuild` to build the store afresh."
        ) from None
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
    return frame
