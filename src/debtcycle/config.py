"""Where debtcycle reads publishers' files from and where it keeps its store.

Environment variables
---------------------
DEBTCYCLE_MIRROR
    A directory laid out like the publishers' mirror (``bis/WS_TC_csv_col.csv``,
    ``jst/JSTdatasetR6.xlsx``, ...).  When set, files are read from there and the
    network is never used.  The Makefile points it at ``../shared/data``.
DEBTCYCLE_HOME
    Directory for the store and download cache (default: the platform's user
    data directory, e.g. ``~/.local/share/debtcycle``).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

__all__ = ["cache_dir", "home_dir", "mirror_dir", "store_path"]


def mirror_dir() -> Path | None:
    """Return the mirror directory, or ``None`` when files are downloaded."""
    value = os.environ.get("DEBTCYCLE_MIRROR", "").strip()
    return Path(value).expanduser().resolve() if value else None


def home_dir() -> Path:
    """Return (and create) the directory holding the store and cache."""
    value = os.environ.get("DEBTCYCLE_HOME", "").strip()
    path = Path(value).expanduser() if value else Path(user_data_dir("debtcycle"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_path() -> Path:
    """Return the path of the DuckDB store file."""
    return home_dir() / "debtcycle.duckdb"


def cache_dir() -> Path:
    """Return (and create) the directory for downloaded publisher files."""
    path = home_dir() / "downloads"
    path.mkdir(parents=True, exist_ok=True)
    return path
