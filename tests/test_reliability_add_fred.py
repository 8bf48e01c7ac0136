"""``debtcycle data add fred SERIES_ID [--file PATH]`` (issue 10 point 7, issue 12 validation).

README promised "FRED: any series id" but only the registered series could be
loaded.  An unregistered id is simulated by taking a real mirrored FRED file
(GDPC1) out of the registry for the test; its values are checked against the
file's own last line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from debtcycle.errors import BadInputError, ParseError
from debtcycle.sources import _fred_any
from debtcycle.sources.fred import FRED_SERIES
from debtcycle.store import Store, add_fred, build_store


@pytest.fixture
def unregistered(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delitem(FRED_SERIES, "GDPC1")
    return "GDPC1"


def _last_line(path: Path) -> tuple[str, float]:
    date, value = path.read_text(encoding="utf-8").strip().splitlines()[-1].split(",")
    return date, float(value)


def _stored(live: Path, dataset: str) -> tuple[str, str, int, float]:
    frame = Store(live).query(
        "SELECT s.measure, s.unit, count(*) AS n, arg_max(o.value, o.period) AS last "
        "FROM series s JOIN observations o USING (series_id) WHERE s.dataset = ? GROUP BY ALL",
        [dataset],
    )
    row = frame.iloc[0]
    return str(row["measure"]), str(row["unit"]), int(row["n"]), float(row["last"])


def test_any_series_loads_from_a_users_file(
    unregistered: str, mirror: Path, tmp_path: Path
) -> None:
    live = tmp_path / "store.duckdb"
    build_store(["boj"], path=live, mirror=mirror, rebuild=True)
    file = mirror / "fred" / "GDPC1.csv"
    report = add_fred("gdpc1", file=file, path=live)
    assert report.iloc[0]["dataset"] == "FRED:GDPC1" and report.iloc[0]["status"] == "loaded"
    measure, unit, n, last = _stored(live, "FRED:GDPC1")
    lines = file.read_text(encoding="utf-8").strip().splitlines()[1:]
    assert (measure, unit) == ("fred_series", "as_published")
    assert n == sum(1 for line in lines if line.split(",")[1] not in ("", "."))
    assert last == _last_line(file)[1]  # exact: the file's own last value
    # kept by a later update of the registered sources (not by --rebuild)
    build_store(["boj", "fred"], path=live, mirror=mirror)
    assert _stored(live, "FRED:GDPC1")[2] == n


def test_a_registered_series_keeps_its_codes(mirror: Path, tmp_path: Path) -> None:
    live = tmp_path / "store.duckdb"
    add_fred("GDPC1", file=mirror / "fred" / "GDPC1.csv", path=live)
    assert _stored(live, "FRED:GDPC1")[0] == FRED_SERIES["GDPC1"].measure


def test_the_file_of_another_series_is_refused(
    unregistered: str, mirror: Path, tmp_path: Path
) -> None:
    live = tmp_path / "store.duckdb"
    with pytest.raises(ParseError, match="holds series 'GDP', not 'GDPC1'"):
        add_fred("GDPC1", file=mirror / "fred" / "GDP.csv", path=live)
    assert not live.exists()


@pytest.mark.parametrize("bad", ["", "bad id!", "x" * 80, "../etc/passwd"])
def test_a_malformed_id_is_bad_input(bad: str, tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="FRED series id"):
        add_fred(bad, path=tmp_path / "s.duckdb")


def test_a_missing_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="no such file"):
        add_fred("UNRATE", file=tmp_path / "nope.csv", path=tmp_path / "s.duckdb")


@pytest.fixture
def fred_server(mirror: Path) -> Iterator[str]:
    body = (mirror / "fred" / "GDPC1.csv").read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

        def do_GET(self) -> None:
            if self.path != "/graph/fredgraph.csv?id=GDPC1":
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_any_series_downloads_from_its_url(
    unregistered: str, fred_server: str, mirror: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DEBTCYCLE_MIRROR", raising=False)
    monkeypatch.setattr(_fred_any, "URL", fred_server + "/graph/fredgraph.csv?id={sid}")
    live = tmp_path / "store.duckdb"
    add_fred("GDPC1", path=live, timeout=30)
    assert _stored(live, "FRED:GDPC1")[3] == _last_line(mirror / "fred" / "GDPC1.csv")[1]


def test_cli_errors_are_one_line(tmp_path: Path, mirror: Path) -> None:
    env = {**os.environ, "DEBTCYCLE_HOME": str(tmp_path), "DEBTCYCLE_MIRROR": str(mirror)}
    done = subprocess.run(
        [sys.executable, "-c", "from debtcycle.cli.app import main; main()", "data", "add",
         "fred", "[bold]x"], env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "[bold]x" in done.stderr
