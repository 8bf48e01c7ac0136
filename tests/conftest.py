"""Shared fixtures: a store built once per test session from the real mirrored files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from debtcycle.store import Store, build_store

REPO = Path(__file__).resolve().parents[1]


def mirror_root() -> Path:
    """The mirror of publishers' files (DEBTCYCLE_MIRROR, else ../shared/data)."""
    value = os.environ.get("DEBTCYCLE_MIRROR") or str(REPO.parent / "shared" / "data")
    path = Path(value)
    if not (path / "bis" / "WS_TC_csv_col.csv").is_file():
        pytest.exit(f"The data mirror is missing at {path}; set DEBTCYCLE_MIRROR.", returncode=3)
    return path


@pytest.fixture(scope="session")
def mirror() -> Path:
    """Path of the mirror directory."""
    return mirror_root()


@pytest.fixture(scope="session", autouse=True)
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Build the store from every source into a private home; point the package at it."""
    home = tmp_path_factory.mktemp("debtcycle-home")
    previous = {k: os.environ.get(k) for k in ("DEBTCYCLE_HOME", "DEBTCYCLE_MIRROR")}
    os.environ["DEBTCYCLE_HOME"] = str(home)
    os.environ["DEBTCYCLE_MIRROR"] = str(mirror_root())
    build_store(rebuild=True)
    yield Store()
    for key, value in previous.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
