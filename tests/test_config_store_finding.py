"""Store finding: a project-local .debtcycle/ and a remembered mirror, from a fresh clone.

The end-to-end test clones the repository into a temporary folder, builds the
store the way ``make demo`` does (DEBTCYCLE_HOME=<clone>/.debtcycle and the
mirror exported), then runs the CLI with no DEBTCYCLE_* variable at all: from
the clone and from a sub-folder it finds the store, and ``data update`` reads
the remembered mirror (never the network).  Outside the clone, the "no store"
error names a fix.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from debtcycle import config

REPO = Path(__file__).resolve().parents[1]
CLI = str(Path(sys.executable).with_name("debtcycle"))


def _clean_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEBTCYCLE_")}
    env["HOME"] = str(tmp / "user")  # an empty user data directory, never the real one
    env["XDG_DATA_HOME"] = str(tmp / "user" / "share")
    env["http_proxy"] = env["https_proxy"] = "http://127.0.0.1:9"  # any download fails fast
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CLI, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300, check=False)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_fresh_clone_finds_store_and_mirror_without_variables(tmp_path: Path,
                                                              mirror: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True, timeout=120)
    assert not (clone / ".debtcycle").exists()
    env = _clean_env(tmp_path)
    # What `make store` does: the Makefile exports these two for the build.
    built = _run(["data", "update", "--source", "bis"], clone,
                 {**env, "DEBTCYCLE_HOME": str(clone / ".debtcycle"),
                  "DEBTCYCLE_MIRROR": str(mirror)})
    assert built.returncode == 0, built.stderr
    assert (clone / ".debtcycle" / "debtcycle.duckdb").is_file()
    assert json.loads((clone / ".debtcycle" / "settings.json").read_text())["mirror"] == str(
        mirror.resolve())

    # No variables: from the clone and from a sub-folder the store is found.
    for cwd in (clone, clone / "src" / "debtcycle"):
        out = _run(["series", "CN", "households", "--json"], cwd, env)
        assert out.returncode == 0, out.stderr
        assert "17.6" in out.stdout  # WS_TC Q:CN:H:A:M:770:A, 2008Q4
    # ... and `data update` reads the remembered mirror (downloads would fail here).
    again = _run(["data", "update", "--source", "bis"], clone / "docs", env)
    assert again.returncode == 0, again.stdout + again.stderr

    # Outside the clone there is no store: one line naming a fix, no traceback.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    missing = _run(["series", "CN", "households"], elsewhere, env)
    assert missing.returncode != 0
    message = missing.stdout + missing.stderr
    assert "Traceback" not in message
    assert "No store" in message and "data update" in message


def test_home_order_env_then_local_then_user_dir(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    (project / ".debtcycle").mkdir(parents=True)
    (project / ".debtcycle" / "debtcycle.duckdb").write_bytes(b"")
    (project / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(project / "a" / "b")
    monkeypatch.delenv("DEBTCYCLE_HOME", raising=False)
    monkeypatch.delenv("DEBTCYCLE_MIRROR", raising=False)
    assert config.home_dir() == (project / ".debtcycle").resolve()
    assert config.describe()["home_from"].startswith("the nearest .debtcycle/")
    monkeypatch.setenv("DEBTCYCLE_HOME", str(tmp_path / "explicit"))
    assert config.home_dir() == tmp_path / "explicit"
    monkeypatch.delenv("DEBTCYCLE_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)  # no .debtcycle/ above tmp_path
    assert config.find_local_home() is None
    assert config.home_dir() == tmp_path / "xdg" / "debtcycle"


def test_mirror_is_remembered_per_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, mirror_folder = tmp_path / "home", tmp_path / "mirror"
    mirror_folder.mkdir()
    monkeypatch.setenv("DEBTCYCLE_HOME", str(home))
    monkeypatch.setenv("DEBTCYCLE_MIRROR", str(mirror_folder))
    assert config.mirror_dir() == mirror_folder.resolve()
    monkeypatch.delenv("DEBTCYCLE_MIRROR")
    assert config.mirror_dir() == mirror_folder.resolve()
    assert "remembered" in config.describe()["mirror_from"]
    mirror_folder.rmdir()  # a remembered mirror that is gone is not used
    assert config.mirror_dir() is None
    assert "downloaded" in config.describe()["mirror_from"]
    assert "DEBTCYCLE_MIRROR=" in config.store_hint()


def test_unreadable_or_foreign_settings_are_ignored(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEBTCYCLE_HOME", str(tmp_path))
    monkeypatch.delenv("DEBTCYCLE_MIRROR", raising=False)
    for text in ("not json", "[1, 2]", '{"mirror": 5}'):
        (tmp_path / "settings.json").write_text(text)
        assert config.mirror_dir() is None
