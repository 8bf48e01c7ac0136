"""Responses cached per store version: a rebuilt store is a new key, never a stale answer."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

__all__ = ["ResponseCache", "store_version"]


def store_version() -> tuple[int, int, int] | None:
    """Return the identity of the store file (inode, mtime in ns, size), or ``None``.

    The store is replaced atomically by ``data update``, so a new build has a
    new identity; the same identity means the same data.
    """
    from debtcycle.config import store_path

    try:
        stat = os.stat(store_path())
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


class ResponseCache:
    """A bounded, thread-safe LRU of rendered responses keyed by (store version, request).

    Parameters
    ----------
    size : int
        Most entries kept.
    """

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def peek(self, key: Hashable) -> tuple[bytes, str] | None:
        """Return the cached ``(body, media type)`` for ``key`` under the current store, or None.

        Cheap enough to call on the event loop: a dict lookup and one ``stat``.
        """
        full = (store_version(), key)
        with self._lock:
            found = self._items.get(full)
            if found is not None:
                self._items.move_to_end(full)
                self.hits += 1
            return found

    def get_or_make(self, key: Hashable,
                    make: Callable[[], tuple[bytes, str]]) -> tuple[bytes, str]:
        """Return the cached ``(body, media type)`` for ``key`` under the current store.

        ``make`` runs outside the lock (two first requests may both compute);
        errors are never cached.
        """
        full = (store_version(), key)
        with self._lock:
            found = self._items.get(full)
            if found is not None:
                self._items.move_to_end(full)
                self.hits += 1
                return found
            self.misses += 1
        value = make()
        if full[0] != store_version():
            return value  # the store changed while computing: do not keep a mixed answer
        with self._lock:
            self._items[full] = value
            self._items.move_to_end(full)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value
