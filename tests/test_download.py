"""The real download path, against a mirror file served over loopback HTTP.

``DEBTCYCLE_MIRROR`` is unset so :func:`obtain` downloads; a small
``http.server`` in a thread plays the publisher: normal responses, a zip
archive, a slow server (timeout), a transient 503 (retry), and a response
shorter than its ``Content-Length`` (truncated transfer).
"""

from __future__ import annotations

import io
import threading
import time
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

from debtcycle.errors import SourceError
from debtcycle.sources import fetch
from debtcycle.sources.base import SourceFile
from debtcycle.sources.bis import parse_bis
from debtcycle.sources.fetch import download, obtain

DSR = "bis/WEBSTATS_DSR_DATAFLOW_csv_col.csv"


class Publisher:
    """What the fake publisher serves, and how many requests it saw per path."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.hits: dict[str, int] = {}
        self.fail_first: dict[str, int] = {}  # path -> number of 503 answers before success
        self.delay: dict[str, float] = {}  # path -> seconds to wait before answering
        self.short_by: dict[str, int] = {}  # path -> bytes withheld from the body


def _handler(pub: Publisher) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            pub.hits[path] = pub.hits.get(path, 0) + 1
            time.sleep(pub.delay.get(path, 0.0))
            if pub.hits[path] <= pub.fail_first.get(path, 0):
                self.send_error(503, "try again")
                return
            body = pub.files.get(path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) - pub.short_by.get(path, 0)])
            self.wfile.flush()
            self.close_connection = True

    return Handler


@pytest.fixture
def publisher(mirror: Path) -> Iterator[tuple[Publisher, str]]:
    original = (mirror / DSR).read_bytes()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("WS_DSR_csv_col.csv", original)
    pub = Publisher({"/dsr.csv": original, "/WS_DSR_csv_col.zip": archive.getvalue()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(pub))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield pub, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def no_mirror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("DEBTCYCLE_MIRROR", raising=False)
    monkeypatch.setenv("DEBTCYCLE_HOME", str(tmp_path / "home"))
    return tmp_path / "home" / "downloads"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_download_writes_the_exact_bytes(
    publisher: tuple[Publisher, str], mirror: Path, tmp_path: Path
) -> None:
    pub, base = publisher
    target = download(f"{base}/dsr.csv", tmp_path / "out" / "dsr.csv", timeout=5, backoff=0)
    assert target.read_bytes() == (mirror / DSR).read_bytes()
    assert _leftovers(tmp_path / "out") == ["dsr.csv"]
    assert pub.hits["/dsr.csv"] == 1


def test_obtain_downloads_and_extracts_the_archive_member(
    publisher: tuple[Publisher, str], mirror: Path, no_mirror: Path
) -> None:
    _, base = publisher
    spec = SourceFile(dataset="WS_DSR", mirror_path=DSR, url=f"{base}/WS_DSR_csv_col.zip",
                      parse=parse_bis, archive_member="WS_DSR_csv_col.csv")
    local = obtain(spec)
    assert local == no_mirror / DSR
    assert local.read_bytes() == (mirror / DSR).read_bytes()
    assert _leftovers(no_mirror) == [Path(DSR).name]  # no archive or .download left behind
    tidy = parse_bis(local, "WS_DSR")
    assert tidy["series_key"].nunique() == 66  # MANIFEST row 2: 66 series


def test_missing_archive_member_is_a_source_error(
    publisher: tuple[Publisher, str], no_mirror: Path
) -> None:
    _, base = publisher
    spec = SourceFile(dataset="WS_DSR", mirror_path=DSR, url=f"{base}/WS_DSR_csv_col.zip",
                      parse=parse_bis, archive_member="WS_TC_csv_col.csv")
    with pytest.raises(SourceError, match=r"WS_TC_csv_col\.csv"):
        obtain(spec)
    assert _leftovers(no_mirror) == []  # neither the target nor the downloaded archive


def test_transient_failure_is_retried(
    publisher: tuple[Publisher, str], mirror: Path, tmp_path: Path
) -> None:
    pub, base = publisher
    pub.fail_first["/dsr.csv"] = 2
    target = download(f"{base}/dsr.csv", tmp_path / "dsr.csv", timeout=5, retries=3, backoff=0)
    assert pub.hits["/dsr.csv"] == 3
    assert target.read_bytes() == (mirror / DSR).read_bytes()


def test_timeout_gives_up_after_the_retries(
    publisher: tuple[Publisher, str], tmp_path: Path
) -> None:
    pub, base = publisher
    pub.delay["/dsr.csv"] = 1.0
    with pytest.raises(SourceError, match="failed after 2 attempts") as info:
        download(f"{base}/dsr.csv", tmp_path / "dsr.csv", timeout=0.2, retries=2, backoff=0)
    assert "DEBTCYCLE_MIRROR" in str(info.value)  # says what to do
    assert pub.hits["/dsr.csv"] == 2
    assert _leftovers(tmp_path) == []


def test_truncated_response_leaves_no_partial_file(
    publisher: tuple[Publisher, str], no_mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pub, base = publisher
    waits: list[float] = []
    monkeypatch.setattr(fetch, "time", SimpleNamespace(sleep=waits.append))
    pub.short_by["/dsr.csv"] = 1000
    spec = SourceFile(dataset="WS_DSR", mirror_path=DSR, url=f"{base}/dsr.csv", parse=parse_bis)
    with pytest.raises(SourceError, match=r"dsr\.csv"):
        obtain(spec)
    assert pub.hits["/dsr.csv"] == 3  # the default number of attempts
    assert waits[:2] == [1.0, 2.0]  # exponential backoff between attempts
    assert _leftovers(no_mirror) == []


def test_not_found_is_a_source_error(publisher: tuple[Publisher, str], tmp_path: Path) -> None:
    _, base = publisher
    with pytest.raises(SourceError, match="404"):
        download(f"{base}/nothing.csv", tmp_path / "x.csv", timeout=5, retries=1, backoff=0)
