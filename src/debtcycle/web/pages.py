"""The dashboard page, its static files (Vega bundle included: no CDN) and offline API docs."""

from __future__ import annotations

import html
from importlib import resources
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response

from debtcycle.errors import NotFoundError

__all__ = ["add_routes", "docs_html"]

_STATIC = {"dashboard.js": "text/javascript; charset=utf-8",
           "dashboard.css": "text/css; charset=utf-8"}


def _static(name: str) -> str:
    return resources.files("debtcycle.web").joinpath("static", name).read_text(encoding="utf-8")


def docs_html(schema: dict[str, Any]) -> str:
    """Return a self-contained HTML page documenting every operation of an OpenAPI schema."""
    rows = []
    for path, ops in sorted(schema.get("paths", {}).items()):
        for method, op in ops.items():
            params = "".join(
                f"<li><code>{html.escape(p['name'])}</code>"
                f"{' (required)' if p.get('required') else ''}: "
                f"{html.escape(str(p.get('description', '')))}</li>"
                for p in op.get("parameters", []))
            body = "<li>JSON body</li>" if "requestBody" in op else ""
            rows.append(f"<section><h2><code>{method.upper()} {html.escape(path)}</code></h2>"
                        f"<p>{html.escape(str(op.get('summary', '')))}</p>"
                        f"<ul>{params}{body}</ul></section>")
    title = html.escape(str(schema.get("info", {}).get("title", "API")))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title} docs"
            "</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
            "h2{font-size:1em;margin-bottom:0}</style></head><body>"
            f"<h1>{title}</h1><p>{html.escape(str(schema.get('info', {}).get('description')))}"
            "</p><p>Machine-readable schema: <a href='/openapi.json'>/openapi.json</a>.</p>"
            + "".join(rows) + "</body></html>")


def add_routes(app: FastAPI) -> None:
    """Add ``/``, ``/static/<file>``, ``/docs`` and ``/api/meta`` to ``app``."""

    @app.get("/", include_in_schema=False)
    def dashboard() -> HTMLResponse:
        return HTMLResponse(_static("dashboard.html"))

    @app.get("/static/vega.js", include_in_schema=False)
    def vega() -> Response:
        from debtcycle.outputs.report.render import vega_bundle

        return Response(vega_bundle(), media_type="text/javascript; charset=utf-8",
                        headers={"Cache-Control": "max-age=86400"})

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in _STATIC:
            raise NotFoundError(f"no static file {name!r}.")
        return Response(_static(name), media_type=_STATIC[name])

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_html(app.openapi()))

    @app.get("/api/meta", tags=["data"], summary="Routes and charts this server offers.")
    def meta() -> dict[str, Any]:
        import debtcycle
        from debtcycle.web.charts import CHARTS

        paths = sorted({getattr(r, "path", "") for r in app.routes
                        if str(getattr(r, "path", "")).startswith("/api/")})
        names = {p.removeprefix("/api/") for p in paths}
        return {"version": debtcycle.__version__, "routes": paths,
                "charts": sorted(c for c, (r, _) in CHARTS.items() if r in names)}
