"""One writer at a time, compact stores, temp files cleaned (issue 12, points 3, 4 and 5).

Before the writer lock, ``data update --source bis`` and ``data update --source
fred`` run together both said "loaded" but each replaced the store with its own
copy of the old one, so one's changes were lost (2 trials in 3).
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from debtcycle._writelock import writer_lock
from debtcycle.errors import StoreError
from debtcycle.sources import get_source
from debtcycle.store import Store, build_store

CLI = [sys.executable, "-c", "from debtcycle.cli.app import main; main()"]


def _env(home: Path, mirror: Path) -> dict[str, str]:
    return {**os.environ, "DEBTCYCLE_HOME": str(home), "DEBTCYCLE_MIRROR": str(mirror)}


def _fake_mirror(root: Path, mirror: Path, *sources: str) -> Path:
    fake = root / "mirror"
    for name in sources:
        for spec in get_source(name).files:
            target = fake / spec.mirror_path
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                shutil.copyfile(mirror / spec.mirror_path, target)
    return fake


def _revise_last_value(path: Path) -> None:
    """A new vintage of a FRED or BIS file: the last number of the last data line changes."""
    text = path.read_text(encoding="utf-8").rstrip("\n")
    head, _, last = text.rpartition("\n")
    cells = [c.strip('"') for c in last.split(",")]
    i = max(j for j, c in enumerate(cells) if c.replace(".", "").replace("-", "").isdigit())
    cells[i] = str(float(cells[i]) + 1.0)
    path.write_text(head + "\n" + ",".join(cells) + "\n", encoding="utf-8")


@pytest.mark.parametrize("trial", range(3))
def test_two_concurrent_updates_lose_nothing(tmp_path: Path, mirror: Path, trial: int) -> None:
    home = tmp_path / "home"
    fake = _fake_mirror(tmp_path, mirror, "bis", "fred")
    build_store(["bis", "fred"], path=home / "debtcycle.duckdb", mirror=fake, rebuild=True)
    bis_file = fake / "bis/WEBSTATS_DSR_DATAFLOW_csv_col.csv"
    fred_file = fake / "fred/GDP.csv"
    _revise_last_value(bis_file)
    _revise_last_value(fred_file)
    env = _env(home, fake)
    runs = [subprocess.Popen([*CLI, "data", "update", "--source", name, "--json"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for name in ("bis", "fred")]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    files = Store(home / "debtcycle.duckdb").files().set_index("dataset")
    from debtcycle.sources.fetch import sha256

    assert files.loc["WS_DSR", "sha256"] == sha256(bis_file)  # both updates are in the store
    assert files.loc["FRED:GDP", "sha256"] == sha256(fred_file)


def test_second_update_fails_clearly_with_no_wait_and_waits_without(
    tmp_path: Path, mirror: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = _env(home, mirror)
    update = [*CLI, "data", "update", "--source", "boj"]
    with writer_lock(home / "debtcycle.duckdb"):
        refused = subprocess.run([*update, "--no-wait"], env=env, capture_output=True, text=True,
                                 timeout=120, check=False)
        waiting = subprocess.Popen(update, env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        time.sleep(4)
        assert waiting.poll() is None  # still waiting for the lock
    _, err = waiting.communicate(timeout=120)
    assert refused.returncode == 2
    assert "Another `debtcycle data update` is writing" in refused.stderr
    assert "--no-wait" in refused.stderr and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert waiting.returncode == 0, err
    assert "waiting for it to finish" in err


def test_store_size_is_stable_over_repeated_reloads(tmp_path: Path, mirror: Path) -> None:
    """Issue 12: the store grew from 9.7 to 15.0 MB over 6 reloads; now each reload compacts."""
    live = tmp_path / "store.duckdb"
    fake = _fake_mirror(tmp_path, mirror, "bis", "fred")
    build_store(["bis", "fred"], path=live, mirror=fake, rebuild=True)
    first = live.stat().st_size
    sizes = []
    for _ in range(4):
        _revise_last_value(fake / "bis/WS_TC_csv_col.csv")  # a new WS_TC each time: reloaded
        build_store(["bis", "fred"], path=live, mirror=fake)
        sizes.append(live.stat().st_size)
    block = 256 * 1024  # DuckDB allocates the file in 256 KB blocks
    assert max(sizes) <= first + 3 * block, (first, sizes)  # was +1 MB per reload, growing
    assert sizes[-1] <= sizes[0] + block, (first, sizes)


def test_stale_temp_files_of_killed_updates_are_removed(tmp_path: Path, mirror: Path) -> None:
    live = tmp_path / "debtcycle.duckdb"
    stale = [tmp_path / ".debtcycle.duckdb.99999.tmp", tmp_path / ".debtcycle.duckdb.99999.tmp.wal",
             tmp_path / "downloads" / "bis" / ".part-abc123"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * 1000)
    build_store(["boj"], path=live, mirror=mirror)
    assert not any(p.exists() for p in stale)


def test_sigterm_during_update_leaves_no_temp_file(tmp_path: Path, mirror: Path) -> None:
    """SIGTERM while the new store file is being written: it must be removed on exit."""
    home = tmp_path / "home"
    home.mkdir()
    run = subprocess.Popen(
        [*CLI, "data", "update", "--source", "bis", "--source", "jst", "--source", "imf"],
        env=_env(home, mirror), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        if list(home.glob(".debtcycle.duckdb.*.tmp")):
            run.send_signal(signal.SIGTERM)
            break
        time.sleep(0.005)
    else:
        pytest.fail("the update never wrote its temp file")
    _, err = run.communicate(timeout=60)
    assert run.returncode != 0 and "Traceback" not in err
    left = sorted(p.name for p in home.iterdir())
    assert all(not n.endswith((".tmp", ".wal")) for n in left), left


@pytest.mark.parametrize("kind", ["read_only", "under_a_file"])
def test_unwritable_home_is_a_one_line_error(tmp_path: Path, mirror: Path, kind: str) -> None:
    """A read-only home raised PermissionError with a traceback."""
    home = tmp_path / "home"
    if kind == "read_only":
        if os.geteuid() == 0:
            pytest.skip("root writes to read-only folders")
        home.mkdir()
        home.chmod(stat.S_IRUSR | stat.S_IXUSR)
    else:
        home.write_text("a file, not a folder")
        home = home / "debtcycle"
    try:
        done = subprocess.run([*CLI, "data", "update", "--source", "boj"],
                              env=_env(home, mirror), capture_output=True, text=True,
                              timeout=120, check=False)
    finally:
        if kind == "read_only":
            home.chmod(stat.S_IRWXU)
    assert done.returncode == 2, done.stderr
    assert "DEBTCYCLE_HOME" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_repeated_source_with_rebuild_loads_once(tmp_path: Path, mirror: Path) -> None:
    """``--source bis --source bis --rebuild`` raised a DuckDB ConstraintException."""
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run([*CLI, "data", "update", "--source", "boj", "--source", "boj",
                           "--rebuild", "--json"], env=_env(home, mirror), capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("BOJ_FOF_FSD") == 1


def test_an_update_over_a_damaged_store_names_the_fix_and_rebuild_repairs_it(
    tmp_path: Path, mirror: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "debtcycle.duckdb").write_bytes(b"\x00garbage" * 512)
    env = _env(home, mirror)
    update = [*CLI, "data", "update", "--source", "boj"]
    plain = subprocess.run(update, env=env, capture_output=True, text=True, timeout=120,
                           check=False)
    assert plain.returncode == 2 and "Traceback" not in plain.stderr
    assert "debtcycle data update --rebuild" in plain.stderr
    fixed = subprocess.run([*update, "--rebuild"], env=env, capture_output=True, text=True,
                           timeout=120, check=False)
    assert fixed.returncode == 0, fixed.stderr
    assert len(Store(home / "debtcycle.duckdb").files()) == 1


def test_an_old_store_layout_is_a_one_line_error_naming_rebuild(
    tmp_path: Path, mirror: Path
) -> None:
    import duckdb

    live = tmp_path / "debtcycle.duckdb"
    build_store(["boj"], path=live, mirror=mirror, rebuild=True)
    with duckdb.connect(str(live)) as con:  # a store written by an older layout
        con.execute("ALTER TABLE files DROP COLUMN n_series")
    before = live.read_bytes()
    with pytest.raises(StoreError, match="data update --rebuild"):
        build_store(["budgetlab"], path=live, mirror=mirror)
    assert live.read_bytes() == before
