"""Obtain a publisher's file: from the mirror when set, else by download.

Downloads use :mod:`httpx` with a timeout per network operation, retries, and
an overall deadline per file (a server that stalls or drips bytes cannot hold an
update for ever); they write to a temporary ``.part-*`` file and rename it into
the cache only when complete, so an interrupted download never leaves a
partial file behind (the ``.part`` file is removed on a deadline, an error,
Ctrl-C or SIGTERM, and any left by a killed process is removed by the next
update).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from time import monotonic

from debtcycle.config import cache_dir, mirror_dir
from debtcycle.errors import BadInputError, SourceError
from debtcycle.sources.base import SourceFile

__all__ = ["DEFAULT_DEADLINE", "download", "obtain", "sha256"]

#: Longest time for one file, every attempt included (``data update --timeout``), seconds.
DEFAULT_DEADLINE = 300.0
#: Longest wait to connect, seconds (a blackholed address fails fast, not after 3 x 60 s).
CONNECT_TIMEOUT = 15.0
#: Largest member extracted from a downloaded zip, MB (a zip bomb is refused before reading).
MAX_EXTRACTED_MB = 500.0


def sha256(path: Path) -> str:
    """Return the hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def obtain(
    spec: SourceFile, *, mirror: Path | None = None, deadline: float = DEFAULT_DEADLINE
) -> Path:
    """Return a local path to the file described by ``spec``.

    Parameters
    ----------
    spec : SourceFile
        The file wanted.
    mirror : Path, optional
        Mirror directory; defaults to ``DEBTCYCLE_MIRROR``.  When neither is
        set, the file is downloaded from ``spec.url`` into the cache.
    deadline : float
        Longest time for the download, seconds (see :func:`download`).

    Raises
    ------
    SourceError
        If the mirror lacks the file or the download fails.
    """
    root = mirror if mirror is not None else mirror_dir()
    if root is not None:
        path = root / spec.mirror_path
        if not path.is_file():
            raise SourceError(
                f"{spec.dataset}: {path} is not in the mirror {root}. Copy the publisher's file "
                f"from {spec.url} there, or unset DEBTCYCLE_MIRROR to download it."
            )
        return path
    target = cache_dir() / spec.mirror_path
    fetched = download(spec.url, target.with_suffix(target.suffix + ".download"),
                       deadline=deadline)
    if spec.archive_member:
        try:
            _extract(fetched, spec.archive_member, target)
        finally:
            fetched.unlink()  # never leave the archive behind, extracted or not
    else:
        os.replace(fetched, target)
    return target


def download(
    url: str, target: Path, *, timeout: float = 60.0, retries: int = 3, backoff: float = 1.0,
    deadline: float = DEFAULT_DEADLINE,
) -> Path:
    """Download ``url`` to ``target`` atomically, retrying transient failures, within a deadline.

    A response shorter than its ``Content-Length`` counts as a failure.
    ``deadline`` bounds the whole file, every attempt and wait included: a
    server that stalls or sends one byte at a time cannot keep the caller
    waiting longer (the transfer runs in a worker thread the caller stops
    waiting for; its partial file is removed at once).

    Parameters
    ----------
    url : str
        Address of the file.
    target : Path
        Where the complete file goes.
    timeout : float
        Longest wait for one network operation (connect, one read), seconds.
    retries : int
        Attempts before giving up.
    backoff : float
        Wait before the second attempt (doubling after each failure), seconds.
    deadline : float
        Longest time for the whole file, seconds (``--timeout`` of ``data update``).

    Raises
    ------
    SourceError
        After ``retries`` failed attempts or when the deadline passes; the
        message names the URL, the last error and what to do.
    """
    import httpx  # here, not at import: reading the store must not load the HTTP client

    if not deadline > 0:
        raise BadInputError(f"timeout {deadline!r}: give a number of seconds above 0")
    target.parent.mkdir(parents=True, exist_ok=True)
    start = monotonic()
    last: Exception | None = None
    attempts = 0
    for attempt in range(retries):
        remaining = deadline - (monotonic() - start)
        if remaining <= 0:
            break
        attempts += 1
        try:
            return _download_within(url, target, min(timeout, remaining), remaining)
        except (httpx.HTTPError, OSError, SourceError) as exc:
            last = exc
            if attempt + 1 < retries:
                time.sleep(max(0.0, min(backoff * 2**attempt, deadline - (monotonic() - start))))
    late = monotonic() - start >= deadline
    raise SourceError(
        f"Download of {url} failed after {attempts} attempts"
        + (f" and the {deadline:g} s deadline" if late else "")
        + f" ({last}). Check the network (or raise --timeout), or set DEBTCYCLE_MIRROR to a "
        "directory holding the publishers' files."
    )


def _download_within(url: str, target: Path, timeout: float, limit: float) -> Path:
    """Run one attempt in a worker thread and stop waiting for it after ``limit`` seconds."""
    state: dict[str, object] = {}
    cancel = threading.Event()

    def work() -> None:
        try:
            state["path"] = _download_once(url, target, timeout, cancel, state)
        except BaseException as exc:  # handed to the caller's thread below
            state["error"] = exc

    worker = threading.Thread(target=work, name=f"download {url}", daemon=True)
    worker.start()
    finished = False
    try:
        worker.join(limit)
        finished = not worker.is_alive()
    finally:  # deadline, Ctrl-C or SIGTERM: stop the worker and remove its partial file
        if not finished:
            cancel.set()
            part = state.get("part")
            if isinstance(part, str):
                with contextlib.suppress(OSError):
                    os.unlink(part)
    if not finished:
        raise SourceError(f"{url}: no complete file within {limit:.3g} s")
    error = state.get("error")
    if isinstance(error, BaseException):
        raise error
    path = state["path"]
    assert isinstance(path, Path)
    return path


def _download_once(
    url: str, target: Path, timeout: float, cancel: threading.Event, state: dict[str, object]
) -> Path:
    import httpx

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    state["part"] = tmp
    try:
        with (
            os.fdopen(fd, "wb") as out,
            httpx.stream("GET", url, follow_redirects=True,
                         timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT))
                         ) as resp,
        ):
            resp.raise_for_status()
            expected = resp.headers.get("content-length")
            size = 0
            for chunk in resp.iter_bytes():
                if cancel.is_set():
                    raise SourceError(f"{url}: stopped at the deadline")
                out.write(chunk)
                size += len(chunk)
        if expected is not None and size != int(expected):
            raise SourceError(f"{url}: got {size} bytes, expected {expected}")
        if cancel.is_set():
            raise SourceError(f"{url}: stopped at the deadline")
        os.replace(tmp, target)
        return target
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _extract(archive: Path, member: str, target: Path) -> None:
    """Copy one member out of a downloaded zip, refusing one that expands beyond the limit."""
    tmp = target.with_suffix(target.suffix + ".tmp")
    try:
        with zipfile.ZipFile(archive) as zf:
            size = zf.getinfo(member).file_size
            if size > MAX_EXTRACTED_MB * 1024 * 1024:
                raise SourceError(
                    f"{archive}: member {member!r} expands to {size / 2**20:,.0f} MB, more than "
                    f"{MAX_EXTRACTED_MB:,.0f} MB; not extracted (download it again)"
                )
            with zf.open(member) as source, tmp.open("wb") as out:
                shutil.copyfileobj(source, out, 1 << 20)
        os.replace(tmp, target)
    except (zipfile.BadZipFile, KeyError) as exc:
        raise SourceError(f"{archive}: cannot extract {member!r} ({exc})") from exc
    finally:
        tmp.unlink(missing_ok=True)
