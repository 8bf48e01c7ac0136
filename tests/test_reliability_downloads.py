"""Bounded downloads (issue 12, point 4), against a loopback server that stalls or drips.

Before the overall deadline, the 60 s timeout applied per read: a server
sending one byte every 20 s kept ``data update`` running for ever, and SIGTERM
left ``.part`` files behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from debtcycle.errors import BadInputError, SourceError
from debtcycle.sources import fetch
from debtcycle.sources.fetch import download


class _Slow(BaseHTTPRequestHandler):
    """``/stall``: headers, then nothing; ``/drip``: one byte every 0.3 s of 10,000."""

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "10000")
        self.end_headers()
        self.wfile.flush()
        try:
            if self.path == "/drip":
                for _ in range(10_000):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.3)
            else:
                time.sleep(30)
        except OSError:  # the client went away
            return


@pytest.fixture
def slow_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("path", ["/stall", "/drip"])
def test_a_stalled_or_dripping_server_is_given_up_at_the_deadline(
    slow_server: str, tmp_path: Path, path: str
) -> None:
    start = time.monotonic()
    with pytest.raises(SourceError, match="deadline") as info:
        download(f"{slow_server}{path}", tmp_path / "f.csv", timeout=60, deadline=2.0,
                 backoff=0.1)
    waited = time.monotonic() - start
    assert waited < 3.0, waited  # the deadline, not 60 s per read (or for ever, dripping)
    assert "--timeout" in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no .part file left


def test_a_deadline_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="above 0"):
        download("http://127.0.0.1:9/x", tmp_path / "x", deadline=0)


def test_sigterm_during_a_download_removes_the_part_file(slow_server: str, tmp_path: Path) -> None:
    child = textwrap.dedent(
        f"""
        from pathlib import Path
        from debtcycle.cli.data import _stop_cleanly_on_sigterm
        from debtcycle.sources.fetch import download
        _stop_cleanly_on_sigterm()
        download("{slow_server}/drip", Path(r"{tmp_path}") / "f.csv", deadline=60)
        """
    )
    run = subprocess.Popen([sys.executable, "-c", child], stderr=subprocess.PIPE, text=True,
                           env=dict(os.environ))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not list(tmp_path.glob(".part-*")):
        time.sleep(0.02)
    assert list(tmp_path.glob(".part-*")), "the download never started"
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=30)
    assert run.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_downloaded_zip_member_that_expands_too_far_is_not_extracted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("WS_TC_csv_col.csv", b"0" * (3 << 20))  # 3 MB of zeros, ~3 KB zipped
    monkeypatch.setattr(fetch, "MAX_EXTRACTED_MB", 1.0)
    with pytest.raises(SourceError, match="expands to 3 MB"):
        fetch._extract(archive, "WS_TC_csv_col.csv", tmp_path / "out.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bomb.zip"]
