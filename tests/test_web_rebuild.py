"""Concurrent API clients while another process rebuilds the store (issue 12, point 7).

A copy of the session store serves a real Uvicorn process; 8 client threads
send uncached requests (a different date each time, so every answer reads the
store) while ``debtcycle data update --rebuild`` replaces the file.  Every
answer must be 200 with the same numbers as before the rebuild (same files, so
same data), never a 5xx, a reset connection or a mixed answer.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

import debtcycle

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_clients_during_a_rebuild_get_answers(tmp_path: Path, mirror: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy2(debtcycle.Store().path, home / "debtcycle.duckdb")
    env = {**os.environ, "DEBTCYCLE_HOME": str(home), "DEBTCYCLE_MIRROR": str(mirror)}
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-c", "import uvicorn; uvicorn.run('debtcycle.web.app:create_app', "
         f"factory=True, host='127.0.0.1', port={port}, log_level='error')"], env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/meta", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        quarters = [f"{y}Q{q}" for y in range(1990, 2025) for q in range(1, 5)]
        before = {q: httpx.get(f"{base}/api/leverage?country=CN&at={q}", timeout=60).json()
                  for q in quarters[-8:]}
        outcomes: list[tuple[int, str]] = []
        stop = threading.Event()

        def client(k: int) -> None:
            with httpx.Client(base_url=base, timeout=120) as http:
                i = k
                while not stop.is_set():
                    quarter = quarters[i % len(quarters)]
                    i += 8
                    try:
                        answer = http.get("/api/leverage", params={
                            "country": "CN", "at": quarter,
                            "valuation": "market" if (i // 8) % 2 else "nominal"})
                        outcomes.append((answer.status_code, answer.text[:200]))
                    except httpx.HTTPError as exc:
                        outcomes.append((-1, f"{type(exc).__name__}: {exc}"))

        threads = [threading.Thread(target=client, args=(k,)) for k in range(8)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)
        rebuild = subprocess.run([str(BIN / "debtcycle"), "data", "update", "--rebuild"],
                                 env=env, capture_output=True, text=True, timeout=600)
        time.sleep(1.0)
        stop.set()
        for thread in threads:
            thread.join(timeout=180)
        assert rebuild.returncode == 0, rebuild.stderr
        bad = [o for o in outcomes if o[0] != 200]
        assert len(outcomes) > 20
        assert bad == [], bad[:5]
        after = {q: httpx.get(f"{base}/api/leverage?country=CN&at={q}", timeout=60).json()
                 for q in before}
        assert after == before
    finally:
        server.terminate()
        server.wait(timeout=30)
