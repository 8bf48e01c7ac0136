"""Publisher adapters: one module per publisher, discovered automatically.

Each module in this package that defines a module-level ``SOURCE``
(:class:`~debtcycle.sources.base.Source`) is registered under its name.
Adding a publisher means adding one module; nothing else changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from debtcycle.errors import NotFoundError
from debtcycle.sources.base import Source, SourceFile
from debtcycle.vocab import closest

__all__ = ["Source", "SourceFile", "all_sources", "get_source"]

_SKIP = {"base", "fetch", "_csv_col", "_excel"}


@lru_cache(maxsize=1)
def all_sources() -> dict[str, Source]:
    """Return every registered source by name, in a stable (alphabetical) order."""
    found: dict[str, Source] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name in _SKIP or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        source = getattr(module, "SOURCE", None)
        if isinstance(source, Source):
            found[source.name] = source
    return found


def get_source(name: str) -> Source:
    """Return one source by name; unknown names raise with close matches."""
    sources = all_sources()
    if name not in sources:
        near = closest(name, list(sources))
        raise NotFoundError(
            f"Unknown source {name!r}. Known sources: {', '.join(sources)}."
            + (f" Did you mean {near[0]!r}?" if near else "")
        )
    return sources[name]
