"""The REST API: same JSON as the CLI and the facade, 4xx naming the parameter, bounded inputs.

Everything runs on the session store built from the real mirrored files; the
app is exercised in-process with Starlette's test client (real routing,
validation and serialisation).
"""

from __future__ import annotations

import io
import json
import os
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import debtcycle
from debtcycle.analytics._result import jsonable
from debtcycle.cli.app import get_app
from debtcycle.outputs.report._facts import scenario_dir
from debtcycle.web.app import create_app
from debtcycle.web.extra import MAX_PATHS

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), raise_server_exceptions=False)


def _canonical(obj: object) -> object:
    """JSON round trip as print_json does (NaN -> null, Periods -> labels)."""
    return json.loads(json.dumps(jsonable(obj), allow_nan=False))


def _cli_json(*args: str) -> object:
    """The CLI's --json, without the ``charts`` list some commands add for files they wrote."""
    result = CliRunner().invoke(get_app(), [*args, "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    if isinstance(body, dict) and body.get("charts") == []:
        body.pop("charts")
    return body


@pytest.mark.parametrize(("url", "cli", "call"), [
    ("/api/leverage?country=CN", ["leverage", "CN"], lambda: debtcycle.leverage("CN")),
    ("/api/leverage?country=US&at=2019Q4,last", ["leverage", "US", "2019Q4", "last"],
     lambda: debtcycle.leverage("US", at=["2019Q4", "last"])),
    ("/api/decompose?country=US&sector=households&start=2008Q4&end=2014Q4",
     ["decompose", "US", "--sector", "households", "--from", "2008Q4", "--to", "2014Q4"],
     lambda: debtcycle.decompose("US", "households", "2008Q4", "2014Q4")),
    ("/api/compare?countries=CN,JP,US", ["compare", "CN", "JP", "US"],
     lambda: debtcycle.compare(["CN", "JP", "US"])),
    ("/api/balances?country=JP", ["balances", "JP"], lambda: debtcycle.balances("JP")),
])
def test_json_is_the_cli_json_and_the_facade_to_dict(client: TestClient, url: str,
                                                     cli: list[str], call: object) -> None:
    # Reference: the CLI's --json output and the facade result's to_dict(), same process, same
    # store; the three must be equal value for value (tolerance: none).
    answer = client.get(url)
    assert answer.status_code == 200, answer.text
    assert answer.json() == _canonical(call().to_dict())  # type: ignore[operator]
    assert answer.json() == _cli_json(*cli)


def test_series_matches_the_published_bis_figure(client: TestClient) -> None:
    # BIS WS_TC Q:CN:H:A:M:770:A, 2008-Q4 = 17.6 (% of GDP) in the mirrored bulk file.
    body = client.get("/api/series?country=CN&sector=households&measure=debt_gdp").json()
    assert body["series_key"] == "Q:CN:H:A:M:770:A"
    values = {row["period"]: row["value"] for row in body["data"]}
    assert values["2008Q4"] == pytest.approx(17.6, abs=1e-9)
    assert body == _cli_json("series", "CN", "households", "debt_gdp")


@pytest.mark.parametrize(("url", "status", "names"), [
    ("/api/leverage", 422, "country"),
    ("/api/leverage?country=XX", 400, "country"),
    ("/api/compare?countries=", 400, "countries"),
    ("/api/compare?countries=,,", 400, "countries"),
    ("/api/chart/compare?countries=", 400, "countries"),
    ("/api/leverage?country=CN&at=2008Q5", 400, "at"),
    ("/api/leverage?country=CN&format=pdf", 400, "format"),
    ("/api/decompose?country=CN&start=lastt", 400, "start"),
    ("/api/align?country=CN&before=-1", 422, "before"),
    ("/api/align?country=CN&after=abc", 422, "after"),
    ("/api/fiscal_fan?country=US&paths=100000000", 422, "paths"),
    ("/api/fiscal_fan?country=US&years=0", 422, "years"),
    ("/api/series?country=CN&sector=[/x]", 404, "sector '[/x]'"),
    ("/api/chart/nothing?country=CN", 404, "chart"),
    ("/api/chart/leverage?country=CN&format=gif", 400, "format"),
    ("/api/search?text=", 400, "text"),
    ("/api/report?country=CN&format=doc", 400, "format"),
    ("/api/report?country=XX", 400, "country"),
    ("/api/chart/align?country=CN&before=abc", 400, "before"),
    ("/api/chart/align?country=CN&after=100000", 400, "after"),
    ("/api/chart/compare?countries=CN,ZZ", 400, "ZZ"),
    ("/api/chart/phases?country=CN&as_of=2008Q5", 400, "as_of"),
    ("/api/phases?country=CN&sector=banks", 400, "sector"),
    ("/api/panel?countries=CN&sectors=banks", 404, "banks"),
    ("/api/list?country=Chnia", 404, "Chnia"),
    ("/api/no-such-route", 404, "Not Found"),
])
def test_bad_parameters_are_4xx_naming_the_parameter(client: TestClient, url: str, status: int,
                                                     names: str) -> None:
    answer = client.get(url)
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert names in error
    assert "\n" not in error and "Traceback" not in error


@pytest.mark.parametrize("path", [
    "/api/scenarios/..%2F..%2Fpyproject", "/api/scenarios/%2Fetc%2Fpasswd",
    "/api/scenarios/../../etc/passwd", "/static/..%2Fapp.py", "/static/%2Fetc%2Fpasswd",
    "/api/scenarios/us-debt-conversion.toml",
])
def test_no_path_traversal(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 404
    assert "root:" not in answer.text and "[project]" not in answer.text


def _template(name: str) -> dict[str, object]:
    folder = scenario_dir()
    assert folder is not None
    with (folder / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_scenario_post_is_the_facade_result(client: TestClient) -> None:
    spec = _template("cn-fiscal-absorption")
    spec["uncertainty"]["paths"] = 500  # type: ignore[index]
    assert client.get("/api/scenarios/cn-fiscal-absorption").json() == _template(
        "cn-fiscal-absorption")
    answer = client.post("/api/scenario", json=spec)
    assert answer.status_code == 200, answer.text
    assert answer.json() == _canonical(debtcycle.scenario(spec).to_dict())


@pytest.mark.parametrize(("mutate", "names"), [
    (lambda s: s["uncertainty"].__setitem__("paths", MAX_PATHS + 1), "uncertainty.paths"),
    (lambda s: s["uncertainty"].__setitem__("paths", "many"), "uncertainty.paths"),
    (lambda s: s["scenario"].__setitem__("years", 1000), "scenario.years"),
    (lambda s: s["scenario"].__setitem__("years", -3), "scenario.years"),
    (lambda s: s["scenario"].__setitem__("start", 10**12), "scenario.start"),
    (lambda s: s.pop("scenario"), "body.scenario"),
    (lambda s: s["levers"].__setitem__("x", {"a": {"b": {"c": {"d": {"e": {}}}}}}), "nested"),
])
def test_scenario_inputs_are_bounded(client: TestClient, mutate: object, names: str) -> None:
    spec = _template("cn-fiscal-absorption")
    mutate(spec)  # type: ignore[operator]
    answer = client.post("/api/scenario", json=spec)
    assert answer.status_code == 400, answer.text
    assert names in answer.json()["error"]


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"null", b"x" * 70_000,
                                  b"[" * 5000 + b"]" * 5000])
def test_scenario_body_errors_are_400(client: TestClient, body: bytes) -> None:
    answer = client.post("/api/scenario", content=body,
                         headers={"Content-Type": "application/json"})
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"].startswith("body")


def test_downloads_csv_and_excel_with_metadata(client: TestClient) -> None:
    table = debtcycle.leverage("CN").to_frame()
    csv = client.get("/api/leverage?country=CN&format=csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    frame = pd.read_csv(io.StringIO(csv.text), index_col=0)
    assert frame.loc["households", "2008Q4"] == pytest.approx(table.loc["households", "2008Q4"])
    xlsx = client.get("/api/leverage?country=CN&format=xlsx")
    assert xlsx.status_code == 200
    sheets = pd.read_excel(io.BytesIO(xlsx.content), sheet_name=None)
    assert set(sheets) == {"data", "metadata"}
    assert "Q:CN:H:A:M:770:A" in set(sheets["metadata"]["series_key"].dropna())
    png = client.get("/api/chart/leverage?country=CN&format=png")
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"


def test_cached_per_store_version(client: TestClient) -> None:
    cache = client.app.state.cache  # type: ignore[attr-defined]
    url = "/api/leverage?country=JP&at=2010Q4,last"
    answer = client.get(url)
    assert answer.status_code == 200, answer.text
    first = answer.content
    hits = cache.hits
    assert client.get(url).content == first
    assert cache.hits == hits + 1
    store = Path(debtcycle.Store().path)
    stat = store.stat()
    os.utime(store, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a "new" store
    misses = cache.misses
    assert client.get(url).content == first
    assert cache.misses == misses + 1


def test_openapi_and_offline_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path in ("/api/leverage", "/api/series", "/api/scenario", "/api/report", "/api/bsr"):
        assert path in schema["paths"]
    names = {p["name"] for p in schema["paths"]["/api/leverage"]["get"]["parameters"]}
    assert {"country", "at", "valuation", "format"} <= names
    docs = client.get("/docs").text
    assert "/api/leverage" in docs and "cdn" not in docs.lower() and "https://" not in docs
    page = client.get("/").text
    assert "https://" not in page and "http://" not in page
