"""Full store build vs a plain read of the same files, in one run.

Baseline: every distinct mirrored file of every registered source read once
with no interpretation: CSV files with ``pyarrow.csv.read_csv`` (skipping rows
of the wrong width, e.g. trailing ``#`` notes; Shift-JIS files decoded as
such), xlsx workbooks with python-calamine (every sheet to Python lists).
Candidate: ``build_store(rebuild=True)`` of every source into a temporary
store (parse, validate, write DuckDB, atomic rename).  Each is run ``REPEAT``
times and the fastest run is kept.  Target: build / baseline <= 2.
Also reports where the build's time goes (total parse and validate time, the
rest being DuckDB writes and file hashing) and the slowest files.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.csv as pacsv
from python_calamine import CalamineWorkbook

from debtcycle.config import mirror_dir
from debtcycle.schema import validate_observations
from debtcycle.sources import all_sources
from debtcycle.store import build_store

REPEAT = 3
MIRROR_DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data"


def _mirror() -> Path:
    return mirror_dir() or MIRROR_DEFAULT


def _files() -> list[Path]:
    root = _mirror()
    paths = {f.mirror_path for s in all_sources().values() for f in s.files}
    return [root / p for p in sorted(paths)]


def _read_csv(path: Path) -> int:
    encoding = "utf8"
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        encoding = "shift_jis"
    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(encoding=encoding),
        parse_options=pacsv.ParseOptions(invalid_row_handler=lambda row: "skip"),
    )
    return int(table.num_rows)


def _read_xlsx(path: Path) -> int:
    book = CalamineWorkbook.from_path(str(path))
    return sum(len(book.get_sheet_by_name(n).to_python()) for n in book.sheet_names)


def _baseline() -> int:
    rows = 0
    for path in _files():
        rows += _read_xlsx(path) if path.suffix in (".xlsx", ".xls") else _read_csv(path)
    return rows


def _best(func: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def _phases(n: int = 5) -> tuple[dict[str, float], dict[str, float]]:
    """Total parse and validate time over all files, and the slowest files (parse + validate)."""
    root = _mirror()
    took, totals = {}, {"parse_s": 0.0, "validate_s": 0.0}
    for source in all_sources().values():
        for spec in source.files:
            start = time.perf_counter()
            raw = spec.parse(root / spec.mirror_path, spec.dataset)
            mid = time.perf_counter()
            validate_observations(raw, spec.mirror_path)
            end = time.perf_counter()
            totals["parse_s"] += mid - start
            totals["validate_s"] += end - mid
            took[spec.dataset] = round(end - start, 3)
    slowest = dict(sorted(took.items(), key=lambda kv: -kv[1])[:n])
    return {k: round(v, 3) for k, v in totals.items()}, slowest


def main() -> dict[str, object]:
    """Time the full build and the plain read; return both, their ratio and the hot spots."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "bench.duckdb"

        def build() -> None:
            build_store(path=target, mirror=_mirror(), rebuild=True)

        build_s = _best(build)
        rows = int(build_store(path=target, mirror=_mirror(), rebuild=True)["rows"].sum())
    base_s = _best(_baseline)
    phases, slowest = _phases()
    return {
        "files": len(_files()),
        "observations": rows,
        "store_build_s": round(build_s, 3),
        "plain_read_s": round(base_s, 3),
        "ratio": round(build_s / base_s, 2),
        "target_ratio": 2.0,
        "phases": phases | {"write_rest_s": round(build_s - sum(phases.values()), 3)},
        "slowest_parse_validate_s": slowest,
    }
