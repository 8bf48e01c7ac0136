"""One writer at a time: the exclusive update lock of a store file, and cleanup of temp files.

Every update of a store (:func:`debtcycle.store.build_store`) holds an
exclusive lock on ``.<store name>.lock`` next to the store file, taken with
:mod:`filelock` (an OS file lock, released by the kernel if the process dies,
so a killed update never leaves the store locked).  A second update waits for
the first to finish (saying so through ``on_wait``) or, with ``wait=False``
(``debtcycle data update --no-wait``), fails at once with a one-line error.
Because the second update starts only after the first replaced the store, it
builds on the first one's result: concurrent updates lose nothing.

While it holds the lock, an update also removes what killed updates left
behind: the store's temp files (``.<name>.<pid>.tmp`` and its ``.wal``) and
partial downloads and extractions in the cache (``.part-*``, ``*.download``,
``*.tmp``), since no other
writer can be using them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from debtcycle.errors import StoreError

__all__ = ["remove_stale_files", "temp_path", "unwritable", "writer_lock"]


def unwritable(path: Path, exc: OSError) -> StoreError:
    """Return the one-line error for a store folder debtcycle cannot write to."""
    reason = exc.strerror or type(exc).__name__
    return StoreError(
        f"Cannot write the store in {path.parent} ({reason}). Make the folder writable, or "
        "set DEBTCYCLE_HOME to a folder you can write to."
    )


def temp_path(target: Path, pid: int) -> Path:
    """Return the temp file an update with process id ``pid`` builds the new store in."""
    return target.with_name(f".{target.name}.{pid}.tmp")


@contextlib.contextmanager
def writer_lock(
    target: Path, *, wait: bool = True, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the exclusive update lock of the store ``target`` for the ``with`` block.

    Parameters
    ----------
    target : Path
        The store file.
    wait : bool
        Wait for another update to finish (default); ``False`` fails at once.
    on_wait : callable, optional
        Called with a one-line message when the lock is busy and we wait.

    Raises
    ------
    StoreError
        If another update holds the lock and ``wait`` is false, or the
        folder cannot be written.
    """
    from filelock import FileLock, Timeout  # here: readers never load it (nor asyncio)

    lock_file = target.with_name(f".{target.name}.lock")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(lock_file))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            busy = f"Another `debtcycle data update` is writing {target}"
            if not wait:
                raise StoreError(
                    f"{busy}. Run again when it has finished, or without --no-wait to wait "
                    "for it."
                ) from None
            if on_wait is not None:
                on_wait(f"{busy}; waiting for it to finish (Ctrl-C to stop).")
            lock.acquire()
    except PermissionError as exc:
        raise unwritable(target, exc) from None
    except OSError as exc:
        if exc.errno in (13, 30):  # EACCES, EROFS
            raise unwritable(target, exc) from None
        raise
    try:
        yield
    finally:
        lock.release()


def remove_stale_files(target: Path, cache: Path | None) -> list[Path]:
    """Remove temp files of killed updates; call only while holding :func:`writer_lock`.

    Returns
    -------
    list of Path
        The files removed.
    """
    stale = list(target.parent.glob(f".{target.name}.*.tmp"))
    stale += list(target.parent.glob(f".{target.name}.*.tmp.wal"))
    if cache is not None and cache.is_dir():
        for pattern in (".part-*", "*.download", "*.tmp"):
            stale += list(cache.rglob(pattern))
    removed = []
    for path in stale:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed
