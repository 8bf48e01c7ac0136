"""Reliability figures of issue 12, measured in one run (``python -m benchmarks reliability``).

* Stalled downloads: the wait on a loopback server that sends headers and then
  nothing (``stall``) or one byte every 0.3 s (``drip``), with a deadline of
  ``DEADLINE`` s.  Baseline: the deadline itself (ratio wait / deadline; before
  the fix the drip never ended and the stall took 3 x 60 s plus backoff).
* Reads during rebuilds: 16 threads calling ``debtcycle.series``/``panel`` in
  one process while another runs ``data update --rebuild`` ``REBUILDS`` times;
  reads, errors and the readers' exit code (-11 was the segfault).
* Concurrent updates: ``TRIALS`` runs of ``data update --source bis`` and
  ``--source fred`` started together, each after a revision of one file of
  each source; losses = trials where a revision is missing from the store
  (2 of 3 before the writer lock).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from debtcycle.config import mirror_dir
from debtcycle.errors import SourceError
from debtcycle.sources import get_source
from debtcycle.sources.fetch import download, sha256
from debtcycle.store import Store, build_store

DEADLINE = 5.0
REBUILDS = 5
TRIALS = 3
MIRROR_DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data"
CLI = [sys.executable, "-c", "from debtcycle.cli.app import main; main()"]

READERS = """
import json, os, sys, threading, time
import debtcycle
from debtcycle.errors import DebtcycleError
stop, counts, lock = sys.argv[1], {"reads": 0, "errors": 0, "other": 0}, threading.Lock()
def read(i):
    while not os.path.exists(stop):
        try:
            if i % 2:
                debtcycle.series("US", "households")
            else:
                debtcycle.panel(["US", "CN"], "households")
            key = "reads"
        except DebtcycleError:
            key = "errors"
        except Exception:
            key = "other"
        with lock:
            counts[key] += 1
threads = [threading.Thread(target=read, args=(i,)) for i in range(16)]
[t.start() for t in threads]
[t.join() for t in threads]
print(json.dumps(counts))
"""


class _Slow(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.wfile.flush()
        try:
            for _ in range(100_000 if self.path == "/drip" else 1):
                if self.path == "/drip":
                    self.wfile.write(b"x")
                    self.wfile.flush()
                time.sleep(0.3 if self.path == "/drip" else 60)
        except OSError:
            return


def _stalls(root: Path) -> dict[str, float]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    waits = {}
    try:
        for path in ("/stall", "/drip"):
            start = time.monotonic()
            try:
                download(f"http://127.0.0.1:{server.server_address[1]}{path}", root / "x",
                         deadline=DEADLINE)
            except SourceError:
                pass
            waits[path.strip("/")] = round(time.monotonic() - start, 2)
    finally:
        server.shutdown()
        server.server_close()
    return waits


def _env(home: Path, mirror: Path) -> dict[str, str]:
    return {**os.environ, "DEBTCYCLE_HOME": str(home), "DEBTCYCLE_MIRROR": str(mirror)}


def _reads_during_rebuilds(root: Path, mirror: Path) -> dict[str, int]:
    home = root / "stress"
    build_store(["bis", "fred"], path=home / "debtcycle.duckdb", mirror=mirror, rebuild=True)
    env, stop = _env(home, mirror), root / "stop"
    readers = subprocess.Popen([sys.executable, "-c", READERS, str(stop)], env=env,
                               stdout=subprocess.PIPE, text=True)
    time.sleep(2)
    for _ in range(REBUILDS):
        subprocess.run([*CLI, "data", "update", "-s", "bis", "-s", "fred", "--rebuild"],
                       env=env, check=True, capture_output=True)
    stop.touch()
    out, _ = readers.communicate(timeout=300)
    counts = json.loads(out) if readers.returncode == 0 else {}
    return {"rebuilds": REBUILDS, "reader_exit_code": readers.returncode, **counts}


def _revise(path: Path) -> None:
    text = path.read_text(encoding="utf-8").rstrip("\n")
    head, _, last = text.rpartition("\n")
    cells = [c.strip('"') for c in last.split(",")]
    i = max(j for j, c in enumerate(cells) if c.replace(".", "").replace("-", "").isdigit())
    cells[i] = str(float(cells[i]) + 1.0)
    path.write_text(head + "\n" + ",".join(cells) + "\n", encoding="utf-8")


def _concurrent_updates(root: Path, mirror: Path) -> dict[str, int]:
    fake = root / "mirror"
    for name in ("bis", "fred"):
        for spec in get_source(name).files:
            (fake / spec.mirror_path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(mirror / spec.mirror_path, fake / spec.mirror_path)
    home = root / "concurrent"
    build_store(["bis", "fred"], path=home / "debtcycle.duckdb", mirror=fake, rebuild=True)
    changed = (fake / "bis/WEBSTATS_DSR_DATAFLOW_csv_col.csv", fake / "fred/GDP.csv")
    losses = 0
    for _ in range(TRIALS):
        for path in changed:
            _revise(path)
        runs = [subprocess.Popen([*CLI, "data", "update", "-s", name], env=_env(home, fake),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                for name in ("bis", "fred")]
        for run in runs:
            run.wait(timeout=300)
        files = Store(home / "debtcycle.duckdb").files().set_index("dataset")["sha256"]
        kept = files["WS_DSR"] == sha256(changed[0]) and files["FRED:GDP"] == sha256(changed[1])
        losses += int(not kept)
    return {"trials": TRIALS, "losses": losses}


def main() -> dict[str, object]:
    """Measure the figures; return them as a dict."""
    mirror = mirror_dir() or MIRROR_DEFAULT
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        waits = _stalls(root)
        return {
            "deadline_s": DEADLINE,
            "stalled_server_wait_s": waits,
            "ratio_longest_wait_to_deadline": round(max(waits.values()) / DEADLINE, 3),
            "reads_during_rebuilds": _reads_during_rebuilds(root, mirror),
            "concurrent_updates": _concurrent_updates(root, mirror),
        }


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
