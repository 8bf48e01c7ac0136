"""Reads during rebuilds and two updates at once (issue 12, points 1 and 3).

The readers run in a child process so that a crash (the segfault of issue 12:
a cached connection closed while other threads still held cursors on it)
shows as a non-zero exit code instead of killing the test session.  Every run
is bounded in time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from debtcycle.store import build_store

READERS = textwrap.dedent(
    """
    import json, os, sys, threading, time
    import debtcycle
    from debtcycle.errors import DebtcycleError

    stop_file, cap = sys.argv[1], time.monotonic() + 90
    counts = {"reads": 0, "errors": 0, "other": 0}
    messages = []
    lock = threading.Lock()

    def read(i):
        while not os.path.exists(stop_file) and time.monotonic() < cap:
            try:
                if i % 2:
                    debtcycle.series("US", "households")
                else:
                    debtcycle.panel(["US", "CN", "JP"], "households")
                key = "reads"
            except DebtcycleError as exc:  # acceptable only if it says what to do
                key = "errors"
                messages.append(str(exc))
            except Exception as exc:  # a raw DuckDB error: a defect
                key = "other"
                messages.append(repr(exc))
            with lock:
                counts[key] += 1

    threads = [threading.Thread(target=read, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps({**counts, "messages": messages[:5]}))
    """
)


def _env(home: Path, mirror: Path) -> dict[str, str]:
    return {**os.environ, "DEBTCYCLE_HOME": str(home), "DEBTCYCLE_MIRROR": str(mirror)}


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from debtcycle.cli.app import main; main()", *args]


def test_sixteen_reader_threads_survive_rebuilds_in_another_process(
    tmp_path: Path, mirror: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    build_store(["bis", "fred"], path=home / "debtcycle.duckdb", mirror=mirror, rebuild=True)
    env = _env(home, mirror)
    stop = tmp_path / "stop"
    readers = subprocess.Popen(
        [sys.executable, "-c", READERS, str(stop)], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )
    time.sleep(2)  # let the readers start
    for _ in range(3):
        done = subprocess.run(
            _cli("data", "update", "--source", "bis", "--source", "fred", "--rebuild", "--json"),
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )
        assert done.returncode == 0, done.stderr
        if readers.poll() is not None:
            break
    stop.touch()
    out, err = readers.communicate(timeout=120)
    assert readers.returncode == 0, f"readers exited {readers.returncode}: {err[-2000:]}"
    counts = json.loads(out)
    assert counts["reads"] > 100
    assert counts["errors"] == 0 and counts["other"] == 0, counts["messages"]


@pytest.mark.parametrize("damage", [b"", b"not a database at all" * 100, b"foreign"])
def test_a_damaged_store_file_is_one_line_with_the_fix(
    tmp_path: Path, mirror: Path, damage: bytes
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = _env(home, mirror)
    store = home / "debtcycle.duckdb"
    if damage == b"foreign":  # a valid DuckDB file that is not a debtcycle store
        import duckdb

        with duckdb.connect(str(store)) as con:
            con.execute("CREATE TABLE t (x INTEGER)")
    else:
        store.write_bytes(damage)
    done = subprocess.run(_cli("series", "US", "households"), env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    assert "data update --rebuild" in done.stderr + done.stdout
