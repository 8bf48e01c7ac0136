"""The FastAPI application: ``/api/...`` over the facade, ``/docs``, and the dashboard at ``/``.

Every analysis route is generated from :data:`debtcycle.web.routes.ROUTES`
(one line per facade function); its JSON is the result's ``to_dict()``,
serialised as the CLI's ``--json`` does.  Bad parameters are 4xx answers
whose message names the parameter (``400`` for a facade ``BadInputError``,
``404`` for ``NotFoundError``, ``422`` for a value of the wrong type or out of
bounds); responses are cached per store version (:mod:`debtcycle.web.cache`).
Nothing is loaded from a CDN: the Vega scripts are served from ``/static``.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from debtcycle.errors import BadInputError, DebtcycleError, NotFoundError
from debtcycle.web.cache import ResponseCache
from debtcycle.web.downloads import MEDIA, as_csv, as_json, as_xlsx
from debtcycle.web.routes import REQUIRED, ROUTES, Param, Route

__all__ = ["cached", "call_route", "create_app"]

_TYPES: dict[str, Any] = {"str": str | None, "list": list[str] | None, "int": int | None,
                          "float": float | None, "bool": bool | None}
_FORMAT = Param("format", default="json", help="json (as the CLI's --json), csv or xlsx.")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": " ".join(message.split()), "status": status},
                        status_code=status)


def _values(route: Route, raw: dict[str, Any]) -> dict[str, Any]:
    """Return the query values, lists split on commas, missing optional ones dropped."""
    out: dict[str, Any] = {}
    for p in route.params:
        value = raw.get(p.name)
        if p.kind == "list" and value is not None:
            value = [part.strip() for item in value for part in str(item).split(",")
                     if part.strip()] or None
        if value is not None:
            out[p.name] = value
        elif p.default is REQUIRED:
            raise BadInputError(f"{p.name} is empty; {p.help[:1].lower()}{p.help[1:]}")
    return out


def call_route(route: Route, values: dict[str, Any]) -> Any:
    """Call the route's facade function with ``values`` (positional args by index)."""
    import debtcycle

    function: Callable[..., Any] = getattr(debtcycle, route.function)
    positional: dict[int, Any] = {}
    keywords: dict[str, Any] = {}
    for p in route.params:
        if p.name not in values:
            continue
        if isinstance(p.arg, int):
            positional[p.arg] = values[p.name]
        else:
            keywords[p.arg or p.name] = values[p.name]
    if positional and sorted(positional) != list(range(len(positional))):
        missing = [p.name for p in route.params if isinstance(p.arg, int)
                   and p.arg < max(positional) and p.arg not in positional]
        raise BadInputError(f"give {', '.join(missing)} as well.")
    return function(*(positional[i] for i in sorted(positional)), **keywords)


def _key(name: str, values: dict[str, Any]) -> tuple[Any, ...]:
    return (name, *sorted((k, tuple(v) if isinstance(v, list) else v)
                          for k, v in values.items()))


def render(result: Any, fmt: str) -> tuple[bytes, str]:
    """Return ``(body, media type)`` of a result in ``fmt`` (json, csv, xlsx)."""
    if fmt == "csv":
        return as_csv(result.to_frame()), MEDIA["csv"]
    if fmt == "xlsx":
        return as_xlsx(result.to_frame(), result.provenance, result.params), MEDIA["xlsx"]
    return as_json(result.to_dict()), MEDIA["json"]


def _download_headers(name: str, fmt: str) -> dict[str, str]:
    if fmt == "json":
        return {}
    return {"Content-Disposition": f'attachment; filename="debtcycle-{name}.{fmt}"'}


def _check_format(fmt: str, allowed: tuple[str, ...] = ("json", "csv", "xlsx")) -> str:
    if fmt not in allowed:
        raise BadInputError(f"format {fmt!r}: use one of {', '.join(allowed)}.")
    return fmt


def query_signature(params: tuple[Param, ...], extra: tuple[Param, ...] = ()) -> inspect.Signature:
    """Return a signature FastAPI reads as typed, documented, bounded query parameters."""
    out = []
    for p in (*params, *extra):
        default = Query(... if p.default is REQUIRED else p.default, description=p.help,
                        ge=p.low, le=p.high)
        annotation = _TYPES[p.kind] if p.default is not REQUIRED or p.kind == "list" else (
            {"str": str, "int": int, "float": float, "bool": bool}[p.kind])
        out.append(inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                     annotation=annotation))
    return inspect.Signature(out)


async def cached(cache: ResponseCache, key: tuple[Any, ...],
                 make: Callable[[], tuple[bytes, str]]) -> tuple[bytes, str]:
    """Answer from the cache on the event loop; compute a miss in the thread pool."""
    found = cache.peek(key)
    if found is not None:
        return found
    return await run_in_threadpool(cache.get_or_make, key, make)


def _analysis_endpoint(route: Route, cache: ResponseCache) -> Callable[..., Any]:
    async def endpoint(**raw: Any) -> Response:
        fmt = _check_format(str(raw.get("format") or "json"))
        values = _values(route, raw)
        body, media = await cached(cache, _key(route.name, {**values, "format": fmt}),
                                   lambda: render(call_route(route, values), fmt))
        return Response(body, media_type=media, headers=_download_headers(route.name, fmt))

    endpoint.__signature__ = query_signature(route.params, (_FORMAT,))  # type: ignore[attr-defined]
    endpoint.__name__ = f"api_{route.name}"
    endpoint.__doc__ = route.summary
    return endpoint


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(BadInputError)
    def _bad(request: Request, exc: BadInputError) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(NotFoundError)
    def _missing(request: Request, exc: NotFoundError) -> JSONResponse:
        return _error(404, str(exc))

    @app.exception_handler(DebtcycleError)
    def _other(request: Request, exc: DebtcycleError) -> JSONResponse:
        return _error(503, str(exc))

    @app.exception_handler(StarletteHTTPException)
    def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    def _bug(request: Request, exc: Exception) -> JSONResponse:
        logging.getLogger("debtcycle.web").exception("internal error on %s", request.url.path)
        return _error(500, f"internal error: {type(exc).__name__} (a bug; see the server log)")

    @app.exception_handler(RequestValidationError)
    def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors()[:3]:
            where = ".".join(str(x) for x in err.get("loc", ())[1:]) or "request"
            kind = str(err.get("loc", ("query",))[0])
            parts.append(f"{kind} parameter {where!r}: {err.get('msg', 'invalid')}")
        return _error(422, "; ".join(parts) or "invalid request")


def create_app() -> FastAPI:
    """Build the application: analysis routes present in the facade, extras, dashboard."""
    import debtcycle
    from debtcycle.web import extra, pages

    app = FastAPI(title="debtcycle API", version=debtcycle.__version__, docs_url=None,
                  redoc_url=None, description="Thin wrappers over the debtcycle facade: "
                  "each JSON answer is the result's to_dict(), as `debtcycle ... --json` prints.")
    cache = ResponseCache()
    app.state.cache = cache
    _handlers(app)
    for route in ROUTES:
        if route.function in debtcycle._LAZY:
            app.add_api_route(f"/api/{route.name}", _analysis_endpoint(route, cache),
                              methods=["GET"], summary=route.summary, tags=["analyses"],
                              response_class=Response,
                              responses={200: {"content": {MEDIA["json"]: {}}}})
    extra.add_routes(app, cache)
    pages.add_routes(app)
    return app
