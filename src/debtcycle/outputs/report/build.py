"""Build a research note on one country from the facade's results (no recomputation here)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import pandas as pd

from debtcycle.outputs.report._facts import Calls
from debtcycle.outputs.report._model import Note, Section
from debtcycle.outputs.report.sections_bsr import bsr_section, exits_section
from debtcycle.outputs.report.sections_leverage import (
    leverage_section,
    peers_section,
    phases_section,
)
from debtcycle.outputs.report.sections_risk import (
    fiscal_section,
    markets_section,
    vulnerability_section,
)

__all__ = ["DEFAULT_PEERS", "build_note", "provenance_files"]

#: Economies compared with the note's country when ``compare`` is not given.
DEFAULT_PEERS = ("CN", "JP", "US")

_FILE_COLUMNS = ["source", "dataset", "file", "sha256", "url", "vintage", "loaded_at"]


def _datasets(obj: Any, found: set[tuple[str, str]]) -> None:
    """Collect ``(source, dataset)`` (dataset ``""`` if unknown) from nested provenance."""
    if isinstance(obj, dict):
        source = obj.get("source")
        if isinstance(source, str) and ("dataset" in obj or "series_key" in obj):
            found.add((source, str(obj.get("dataset") or "")))
        for value in obj.values():
            _datasets(value, found)
    elif isinstance(obj, list | tuple):
        for value in obj:
            _datasets(value, found)


def provenance_files(provenance: Sequence[Any]) -> pd.DataFrame:
    """Rows of the store's provenance table for the files behind ``provenance``.

    A series named with its dataset selects that dataset's file; one named by
    source only selects every file of that source.
    """
    import debtcycle

    found: set[tuple[str, str]] = set()
    _datasets(list(provenance), found)
    files: pd.DataFrame = debtcycle.Store().files()
    datasets = {d for _, d in found if d}
    sources = {s for s, d in found if not d}
    keep = files["dataset"].isin(datasets) | files["source"].isin(sources)
    out: pd.DataFrame = files.loc[keep, [c for c in _FILE_COLUMNS if c in files.columns]]
    out = out.assign(file=[_relative(str(f)) for f in out["file"]])
    return out.sort_values(["source", "dataset"]).reset_index(drop=True)


def _relative(path: str) -> str:
    """Return ``path`` relative to the mirror (``bis/WS_TC_csv_col.csv``) when inside it."""
    from pathlib import Path

    from debtcycle.config import mirror_dir

    root = mirror_dir()
    if root is not None and Path(path).is_relative_to(root):
        return Path(path).relative_to(root).as_posix()
    return Path(path).name


def _peers(code: str, compare: Sequence[str] | None) -> list[str]:
    from debtcycle.facade._common import country_codes

    chosen = country_codes(list(compare)) if compare else list(DEFAULT_PEERS)
    return [c for c in chosen if c != code]


def _sections(calls: Calls, code: str, name: str, peers: list[str],
              since: str) -> list[Section]:
    return [
        leverage_section(calls, code, name),
        peers_section(calls, code, peers, name),
        phases_section(calls, code, name, since),
        vulnerability_section(calls, code, name),
        bsr_section(calls, code, name),
        exits_section(calls, code, name),
        fiscal_section(calls, code, name),
        markets_section(calls, code, name),
    ]


def build_note(country: str, compare: Sequence[str] | None = None, *,
               since: str = "2008") -> Note:
    """Build the research note on ``country``: every section from a facade call.

    Parameters
    ----------
    country : str
        Country code, e.g. ``"CN"``.
    compare : sequence of str, optional
        Economies to compare with (default :data:`DEFAULT_PEERS` minus the country).
    since : str
        Start of the window whose drivers are decomposed (a period, e.g. ``"2008"``).

    Returns
    -------
    Note
        Sections (sentences, tables, figures) and the provenance appendix.

    Raises
    ------
    BadInputError
        Unknown country codes or a bad period.
    """
    from debtcycle.facade._common import country_code, period_label
    from debtcycle.vocab import country_name

    code = country_code(country)
    peers = _peers(code, compare)
    start = period_label(since, "since")
    name = country_name(code)
    calls = Calls()
    began = time.perf_counter()
    sections = _sections(calls, code, name, peers, start)
    files = provenance_files(calls.provenance)
    timings = {**calls.timings, "total": time.perf_counter() - began}
    return Note(country=code, title=f"{name}: leverage, vulnerability and exits",
                sections=sections, files=files, timings=timings,
                params={"country": code, "compare": peers, "since": start})
