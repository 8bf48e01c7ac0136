"""Where debtcycle keeps its store and reads publishers' files from.

How the home (store + download cache) is found, first match wins
-----------------------------------------------------------------
1. ``DEBTCYCLE_HOME``, when set.
2. A project-local ``.debtcycle/`` directory holding a store
   (``debtcycle.duckdb``) or a settings file (``settings.json``), looked for
   in the current directory and then in each parent directory.  ``make demo``
   builds its store in the checkout's ``.debtcycle/``, so every command run
   from anywhere inside the checkout finds it without any variable.
3. The platform's user data directory (``~/.local/share/debtcycle`` on Linux).

How the mirror of publishers' files is found
--------------------------------------------
1. ``DEBTCYCLE_MIRROR``, when set.  It is then remembered in the home's
   ``settings.json``, so a later ``debtcycle data update`` in the same home
   reads the same mirror with no variable.
2. The mirror remembered in the home's ``settings.json`` (if that directory
   still exists).
3. None: files are downloaded from the publishers.

``debtcycle.config.describe()`` reports what was chosen and why; "not found"
errors quote it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

__all__ = [
    "LOCAL_DIR",
    "SETTINGS",
    "cache_dir",
    "describe",
    "find_local_home",
    "home_dir",
    "mirror_dir",
    "remembered_mirror",
    "store_hint",
    "store_path",
]

#: Name of the project-local home directory looked for from the current directory upward.
LOCAL_DIR = ".debtcycle"
#: Settings file inside the home (JSON: ``{"mirror": "/path"}``).
SETTINGS = "settings.json"
_STORE = "debtcycle.duckdb"


def find_local_home(start: Path | None = None) -> Path | None:
    """Return the nearest ``.debtcycle/`` holding a store or settings, from ``start`` upward."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / LOCAL_DIR
        if (candidate / _STORE).is_file() or (candidate / SETTINGS).is_file():
            return candidate
    return None


def _home(create: bool) -> tuple[Path, str]:
    value = os.environ.get("DEBTCYCLE_HOME", "").strip()
    if value:
        path, why = Path(value).expanduser(), "DEBTCYCLE_HOME"
    elif (local := find_local_home()) is not None:
        path, why = local, f"the nearest {LOCAL_DIR}/ above the current directory"
    else:
        path, why = Path(user_data_dir("debtcycle")), "the default: the user data directory"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path, why


def home_dir() -> Path:
    """Return (and create) the directory holding the store and cache (see module docstring)."""
    return _home(create=True)[0]


def store_path() -> Path:
    """Return the path of the DuckDB store file."""
    return home_dir() / _STORE


def cache_dir() -> Path:
    """Return (and create) the directory for downloaded publisher files."""
    path = home_dir() / "downloads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _settings(home: Path) -> dict[str, Any]:
    try:
        data = json.loads((home / SETTINGS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _remember(home: Path, mirror: Path) -> None:
    """Record ``mirror`` in the home's settings (atomic; silently skipped if not writable)."""
    settings = _settings(home)
    if settings.get("mirror") == str(mirror):
        return
    settings["mirror"] = str(mirror)
    try:
        home.mkdir(parents=True, exist_ok=True)
        tmp = home / f".{SETTINGS}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(settings, indent=1) + "\n", encoding="utf-8")
        tmp.replace(home / SETTINGS)
    except OSError:
        return


def remembered_mirror(home: Path | None = None) -> Path | None:
    """Return the mirror recorded in the home's settings, if it still exists."""
    value = _settings(home or _home(create=False)[0]).get("mirror")
    if not isinstance(value, str) or not value:
        return None
    path = Path(value)
    return path if path.is_dir() else None


def mirror_dir() -> Path | None:
    """Return the mirror directory, or ``None`` when files are downloaded.

    ``DEBTCYCLE_MIRROR`` wins and is remembered in the home; otherwise the
    remembered mirror is used.
    """
    value = os.environ.get("DEBTCYCLE_MIRROR", "").strip()
    if value:
        path = Path(value).expanduser().resolve()
        if path.is_dir():
            _remember(_home(create=False)[0], path)
        return path
    return remembered_mirror()


def describe() -> dict[str, str]:
    """Return where the store and mirror are and why (for ``data status`` and errors)."""
    home, why = _home(create=False)
    value = os.environ.get("DEBTCYCLE_MIRROR", "").strip()
    remembered = remembered_mirror(home)
    if value:
        mirror, how = value, "DEBTCYCLE_MIRROR"
    elif remembered is not None:
        mirror, how = str(remembered), f"remembered in {home / SETTINGS}"
    else:
        mirror, how = "", "none: files are downloaded from the publishers"
    return {"home": str(home), "home_from": why, "store": str(home / _STORE),
            "mirror": mirror, "mirror_from": how}


def store_hint() -> str:
    """Return one line saying how to get a store where debtcycle looks for it."""
    where = describe()
    build = ("`debtcycle data update`" if where["mirror"] else
             "`DEBTCYCLE_MIRROR=<folder of publishers' files> debtcycle data update` "
             "(or `debtcycle data update` with internet access)")
    return (f"debtcycle looks in {where['home']} ({where['home_from']}). Build a store there "
            f"with {build}, run commands from inside a checkout where `make demo` ran, or set "
            "DEBTCYCLE_HOME to the folder holding debtcycle.duckdb.")
