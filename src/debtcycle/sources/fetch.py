"""Obtain a publisher's file: from the mirror when set, else by download.

Downloads use :mod:`httpx` with a timeout and retries, write to a temporary
file and rename it into the cache only when complete, so an interrupted
download never leaves a partial file behind.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
import zipfile
from pathlib import Path

from debtcycle.config import cache_dir, mirror_dir
from debtcycle.errors import SourceError
from debtcycle.sources.base import SourceFile

__all__ = ["download", "obtain", "sha256"]


def sha256(path: Path) -> str:
    """Return the hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def obtain(spec: SourceFile, *, mirror: Path | None = None) -> Path:
    """Return a local path to the file described by ``spec``.

    Parameters
    ----------
    spec : SourceFile
        The file wanted.
    mirror : Path, optional
        Mirror directory; defaults to ``DEBTCYCLE_MIRROR``.  When neither is
        set, the file is downloaded from ``spec.url`` into the cache.

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
    fetched = download(spec.url, target.with_suffix(target.suffix + ".download"))
    if spec.archive_member:
        try:
            _extract(fetched, spec.archive_member, target)
        finally:
            fetched.unlink()  # never leave the archive behind, extracted or not
    else:
        os.replace(fetched, target)
    return target


def download(
    url: str, target: Path, *, timeout: float = 60.0, retries: int = 3, backoff: float = 1.0
) -> Path:
    """Download ``url`` to ``target`` atomically, retrying transient failures.

    A response shorter than its ``Content-Length`` counts as a failure.

    Raises
    ------
    SourceError
        After ``retries`` failed attempts; the message names the URL and the
        last error.
    """
    import httpx  # here, not at import: reading the store must not load the HTTP client

    target.parent.mkdir(parents=True, exist_ok=True)
    last: Exception | None = None
    for attempt in range(retries):
        try:
            return _download_once(url, target, timeout)
        except (httpx.HTTPError, OSError, SourceError) as exc:
            last = exc
            time.sleep(backoff * 2**attempt)
    raise SourceError(
        f"Download of {url} failed after {retries} attempts ({last}). Check the network, "
        "or set DEBTCYCLE_MIRROR to a directory holding the publishers' files."
    )


def _download_once(url: str, target: Path, timeout: float) -> Path:
    import httpx

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    try:
        with (
            os.fdopen(fd, "wb") as out,
            httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as resp,
        ):
            resp.raise_for_status()
            expected = resp.headers.get("content-length")
            size = 0
            for chunk in resp.iter_bytes():
                out.write(chunk)
                size += len(chunk)
        if expected is not None and size != int(expected):
            raise SourceError(f"{url}: got {size} bytes, expected {expected}")
        os.replace(tmp, target)
        return target
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _extract(archive: Path, member: str, target: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as zf:
            data = zf.read(member)
    except (zipfile.BadZipFile, KeyError) as exc:
        raise SourceError(f"{archive}: cannot extract {member!r} ({exc})") from exc
    tmp = target.with_suffix(target.suffix + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
