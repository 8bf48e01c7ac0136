"""API routes that are not one facade analysis: raw series, listings, charts, scenarios, note.

* ``GET /api/series``, ``/api/panel``: catalog reads (as ``debtcycle series --json``).
* ``GET /api/list``, ``/api/search``, ``/api/countries``: what the store holds.
* ``GET /api/chart/<name>``: the Vega-Lite spec (or PNG) of a dashboard chart.
* ``GET /api/scenarios``, ``/api/scenarios/<name>``: shipped scenario files as JSON specs.
* ``POST /api/scenario``: run a spec (the TOML schema, as JSON); bounded before it runs.
* ``GET /api/report``: the research note (HTML, PDF or JSON).
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.outputs.report._facts import scenario_dir
from debtcycle.web.cache import ResponseCache
from debtcycle.web.downloads import MEDIA, as_csv, as_json, as_xlsx
from debtcycle.web.routes import route

__all__ = ["MAX_BODY", "MAX_PATHS", "MAX_YEARS", "add_routes", "check_spec", "scenario_dir"]

#: Largest scenario body accepted (bytes), deepest nesting, most paths and years.
MAX_BODY = 64_000
MAX_DEPTH = 6
MAX_PATHS = 50_000
MAX_YEARS = 50

#: Keys of a series answer, in the order ``debtcycle series --json`` prints them.
SERIES_KEYS = ("country", "sector", "measure", "source", "series_key", "unit", "dataset",
               "valuation", "freq", "vintage", "url")

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")


def _depth(obj: Any, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(obj, dict):
        return max([_depth(v, level + 1) for v in obj.values()], default=level + 1)
    if isinstance(obj, list):
        return max([_depth(v, level + 1) for v in obj], default=level + 1)
    return level


def _bounded_int(section: dict[str, Any], key: str, where: str, low: int, high: int) -> None:
    value = section.get(key)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadInputError(f"{where}.{key} must be a whole number in {low}..{high}; "
                            f"got {value!r}.")


def check_spec(spec: object) -> dict[str, Any]:
    """Return ``spec`` if it is a scenario object within the API's bounds, else raise.

    Raises
    ------
    BadInputError
        Not an object, nested deeper than :data:`MAX_DEPTH`, or ``scenario.years``,
        ``scenario.start`` or ``uncertainty.paths`` out of bounds.
    """
    if not isinstance(spec, dict):
        raise BadInputError("body must be a JSON object with [scenario], [levers] and "
                            "[uncertainty] like the TOML files; see GET /api/scenarios.")
    if _depth(spec) > MAX_DEPTH:
        raise BadInputError(f"body is nested deeper than {MAX_DEPTH} levels.")
    head = spec.get("scenario")
    if not isinstance(head, dict):
        raise BadInputError("body.scenario must be an object (name, country, start, years).")
    _bounded_int(head, "years", "scenario", 1, MAX_YEARS)
    _bounded_int(head, "start", "scenario", 1900, 2100)
    risk = spec.get("uncertainty")
    if risk is not None and not isinstance(risk, dict):
        raise BadInputError("body.uncertainty must be an object.")
    if isinstance(risk, dict):
        _bounded_int(risk, "paths", "uncertainty", 100, MAX_PATHS)
    return spec


def _series_body(values: dict[str, Any], fmt: str) -> tuple[bytes, str]:
    import debtcycle

    data = debtcycle.series(values["country"], values.get("sector"),
                            values.get("measure") or "debt_gdp", source=values.get("source"),
                            valuation=values.get("valuation"), freq=values.get("freq"))
    info = dict(data.attrs.get("info", {}))
    if fmt == "csv":
        return as_csv(data.to_frame("value")), MEDIA["csv"]
    if fmt == "xlsx":
        return as_xlsx(data.to_frame("value"), info, values), MEDIA["xlsx"]
    return as_json({**{k: info.get(k) for k in SERIES_KEYS},
                    "data": [{"period": str(p), "value": v} for p, v in data.items()]}), \
        MEDIA["json"]


def _format(fmt: str) -> str:
    if fmt not in ("json", "csv", "xlsx"):
        raise BadInputError(f"format {fmt!r}: use one of json, csv, xlsx.")
    return fmt


def _catalog_routes(app: FastAPI, cache: ResponseCache) -> None:
    from debtcycle.web.app import cached

    @app.get("/api/series", tags=["data"], response_class=Response,
             summary="One series with its source, key and vintage.")
    async def api_series(country: str = Query(..., description="Country code, e.g. CN."),
                   sector: str | None = Query(None, description="Sector, e.g. households."),
                   measure: str = Query("debt_gdp", description="Measure, e.g. debt_gdp."),
                   source: str | None = Query(None, description="Publisher, e.g. bis."),
                   valuation: str | None = Query(None, description="market or nominal."),
                   freq: str | None = Query(None, description="Q, M, A or D."),
                   format: str = Query("json", description="json, csv or xlsx.")) -> Response:
        values = {"country": country, "sector": sector, "measure": measure, "source": source,
                  "valuation": valuation, "freq": freq}
        fmt = _format(format)
        body, media = await cached(cache, ("series", fmt, *sorted(values.items(), key=str)),
                                   lambda: _series_body(values, fmt))
        return Response(body, media_type=media)

    @app.get("/api/panel", tags=["data"], response_class=Response,
             summary="Several series side by side (columns country, sector).")
    def api_panel(countries: Annotated[list[str], Query(description="Codes, e.g. CN,JP.")],
                  sectors: Annotated[list[str] | None, Query(description="Sectors.")] = None,
                  measure: str = Query("debt_gdp", description="Measure.")) -> Response:
        import debtcycle

        codes = [c for item in countries for c in item.split(",") if c]
        secs = [s for item in sectors or [] for s in item.split(",") if s] or None

        def make() -> tuple[bytes, str]:
            frame = debtcycle.panel(codes, secs, measure)
            frame.columns = [f"{c}.{s}" for c, s in frame.columns]
            return as_json({"measure": measure, "data": frame}), MEDIA["json"]

        body, media = cache.get_or_make(("panel", tuple(codes), tuple(secs or ()), measure),
                                        make)
        return Response(body, media_type=media)

    @app.get("/api/list", tags=["data"], response_class=Response,
             summary="The series the store holds, filtered by codes.")
    def api_list(country: str | None = None, sector: str | None = None,
                 measure: str | None = None, source: str | None = None) -> Response:
        import debtcycle

        filters = {"country": country, "sector": sector, "measure": measure, "source": source}

        def make() -> tuple[bytes, str]:
            table = debtcycle.list_series(country, sector, measure, source)
            return as_json({**filters, "count": len(table), "series": table}), MEDIA["json"]

        body, media = cache.get_or_make(("list", *filters.items()), make)
        return Response(body, media_type=media)

    @app.get("/api/search", tags=["data"], response_class=Response,
             summary="Stored series whose names or keys contain every word.")
    def api_search(text: str = Query(..., max_length=200, description="Words, e.g. china debt."),
                   limit: int = Query(100, ge=1, le=1000)) -> Response:
        import debtcycle

        def make() -> tuple[bytes, str]:
            table = debtcycle.search(text, limit=limit)
            return as_json({"text": text, "count": len(table), "series": table}), MEDIA["json"]

        body, media = cache.get_or_make(("search", text, limit), make)
        return Response(body, media_type=media)

    @app.get("/api/countries", tags=["data"], summary="Countries with BIS debt/GDP.")
    def api_countries() -> Response:
        import debtcycle
        from debtcycle.vocab import country_name

        def make() -> tuple[bytes, str]:
            table = debtcycle.list_series(measure="debt_gdp", source="bis")
            codes = sorted(set(table["country"]))
            return as_json([{"code": c, "name": country_name(c)} for c in codes]), MEDIA["json"]

        body, media = cache.get_or_make(("countries",), make)
        return Response(body, media_type=media)


def _chart_routes(app: FastAPI, cache: ResponseCache) -> None:
    from debtcycle.web.app import call_route

    @app.get("/api/chart/{name}", tags=["charts"], response_class=Response,
             summary="Vega-Lite spec (format=json) or PNG of a dashboard chart.")
    async def api_chart(name: str, request: Request,
                  format: str = Query("json", description="json (Vega-Lite) or png.")
                  ) -> Response:
        from debtcycle.web.charts import CHARTS

        if name not in CHARTS:
            raise NotFoundError(f"chart {name!r}: use one of {', '.join(sorted(CHARTS))}.")
        if format not in ("json", "png"):
            raise BadInputError(f"format {format!r}: use json or png.")
        route_name, draw = CHARTS[name]
        spec_route = route(route_name)
        if spec_route is None:
            raise NotFoundError(f"chart {name!r} is not available in this installation.")
        from debtcycle.web.app import _key, _values, cached

        query = request.query_params
        raw = {p.name: (query.getlist(p.name) if p.kind == "list" else query.get(p.name))
               for p in spec_route.params}
        values = _values(spec_route, {k: v for k, v in raw.items() if v not in (None, [])})
        _coerce(spec_route, values)

        def make() -> tuple[bytes, str]:
            chart = draw(call_route(spec_route, values), values)
            if format == "png":
                import vl_convert as vlc

                return bytes(vlc.vegalite_to_png(chart.to_dict(), scale=2)), "image/png"
            return as_json(chart.to_dict()), MEDIA["json"]

        body, media = await cached(cache, _key(f"chart:{name}", {**values, "format": format}),
                                   make)
        return Response(body, media_type=media)


def _coerce(spec_route: Any, values: dict[str, Any]) -> None:
    """Turn numeric query text into numbers within the route's bounds (else BadInputError)."""
    for p in spec_route.params:
        if p.name not in values or p.kind not in ("int", "float"):
            continue
        text = str(values[p.name])
        try:
            number = int(text) if p.kind == "int" else float(text)
        except ValueError:
            raise BadInputError(f"{p.name} {text!r} is not a number.") from None
        if (p.low is not None and number < p.low) or (p.high is not None and number > p.high):
            raise BadInputError(f"{p.name} {number} is out of range {p.low}..{p.high}.")
        values[p.name] = number


def _scenario_routes(app: FastAPI, cache: ResponseCache) -> None:
    @app.get("/api/scenarios", tags=["scenarios"], summary="Names of the shipped scenarios.")
    def api_scenarios() -> list[str]:
        folder = scenario_dir()
        return sorted(p.stem for p in folder.glob("*.toml")) if folder else []

    @app.get("/api/scenarios/{name}", tags=["scenarios"],
             summary="A shipped scenario file as a JSON spec (a template for POST /api/scenario).")
    def api_scenario_file(name: str) -> dict[str, Any]:
        import tomllib

        folder = scenario_dir()
        names = {p.stem: p for p in folder.glob("*.toml")} if folder else {}
        if not _NAME.match(name) or name not in names:
            raise NotFoundError(f"scenario {name!r}: use one of {', '.join(sorted(names))}.")
        with names[name].open("rb") as handle:
            return tomllib.load(handle)

    @app.post("/api/scenario", tags=["scenarios"], response_class=Response,
              summary="Run a scenario spec (the TOML schema as JSON) against its baseline.",
              openapi_extra=_BODY)
    async def api_scenario(request: Request) -> Response:
        import debtcycle

        spec = await _read_spec(request)

        def make() -> tuple[bytes, str]:
            return as_json(debtcycle.scenario(spec).to_dict()), MEDIA["json"]

        key = ("scenario", json.dumps(spec, sort_keys=True))
        body, media = await run_in_threadpool(cache.get_or_make, key, make)
        return Response(body, media_type=media)

    @app.post("/api/scenario/chart", tags=["scenarios"], response_class=Response,
              summary="Vega-Lite spec of a scenario's fan, levers, growth and yields.",
              openapi_extra=_BODY)
    async def api_scenario_chart(request: Request) -> Response:
        import debtcycle
        from debtcycle.web.charts import CHARTS

        spec = await _read_spec(request)
        draw = CHARTS["scenario"][1]

        def make() -> tuple[bytes, str]:
            return as_json(draw(debtcycle.scenario(spec), {}).to_dict()), MEDIA["json"]

        key = ("scenario-chart", json.dumps(spec, sort_keys=True))
        body, media = await run_in_threadpool(cache.get_or_make, key, make)
        return Response(body, media_type=media)


_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "object"}}}}}


async def _read_spec(request: Request) -> dict[str, Any]:
    """Return the request's scenario spec: bounded size, valid JSON, checked bounds."""
    body = await request.body()
    if len(body) > MAX_BODY:
        raise BadInputError(f"body is {len(body)} bytes; at most {MAX_BODY}.")
    try:
        parsed = json.loads(body or b"null")
    except (ValueError, RecursionError) as exc:
        raise BadInputError(f"body is not valid JSON ({str(exc)[:80]}).") from None
    return check_spec(parsed)


def _report_route(app: FastAPI, cache: ResponseCache) -> None:
    @app.get("/api/report", tags=["report"], response_class=Response,
             summary="The research note on a country: html (offline), pdf or json.")
    def api_report(country: str = Query(..., description="Country code, e.g. CN."),
                   compare: Annotated[list[str] | None,
                                      Query(description="Peers, e.g. JP,US.")] = None,
                   format: str = Query("html", description="html, pdf or json.")) -> Response:
        if format not in ("html", "pdf", "json"):
            raise BadInputError(f"format {format!r}: use html, pdf or json.")
        peers = [c for item in compare or [] for c in item.split(",") if c] or None

        def make() -> tuple[bytes, str]:
            with _NOTES:  # bounded: a note runs every analysis (and Chromium for a PDF)
                return _note_body(country, peers, format)

        body, media = cache.get_or_make(("report", country, tuple(peers or ()), format), make)
        safe = re.sub(r"[^A-Za-z0-9_-]", "", country)[:20] or "country"
        headers = ({"Content-Disposition": f'attachment; filename="note-{safe}.{format}"'}
                   if format != "json" else {})
        return Response(body, media_type=media, headers=headers)


#: Notes built at the same time (each runs every analysis; a PDF also starts Chromium).
_NOTES = threading.BoundedSemaphore(2)


def _note_body(country: str, peers: list[str] | None, format: str) -> tuple[bytes, str]:
    from debtcycle.outputs.report import build_note, note_html

    note = build_note(country, peers)
    if format == "json":
        return as_json(note.to_dict()), MEDIA["json"]
    if format == "pdf":
        return _pdf_bytes(note), "application/pdf"
    return note_html(note).encode("utf-8"), "text/html; charset=utf-8"



def _pdf_bytes(note: Any) -> bytes:
    import tempfile

    from debtcycle.outputs.report import write_note

    with tempfile.TemporaryDirectory() as tmp:
        return write_note(note, Path(tmp) / "note.pdf").read_bytes()


def add_routes(app: FastAPI, cache: ResponseCache) -> None:
    """Add the catalog, chart, scenario and report routes to ``app``."""
    _catalog_routes(app, cache)
    _chart_routes(app, cache)
    _scenario_routes(app, cache)
    _report_route(app, cache)
