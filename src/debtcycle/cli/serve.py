"""``debtcycle serve [--host 127.0.0.1] [--port 8000]``: the web API and dashboard.

Runs :func:`debtcycle.web.app.create_app` with Uvicorn: the dashboard at
``/``, the API under ``/api/``, its documentation at ``/docs``.
"""

from __future__ import annotations

from typing import Annotated

import typer

from debtcycle.cli._common import console, friendly_errors

__all__ = ["register"]


@friendly_errors
def serve_command(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.", min=1, max=16)] = 1,
) -> None:
    """Serve the dashboard (/) and the REST API (/api/..., documented at /docs)."""
    import uvicorn

    from debtcycle.errors import BadInputError

    console.print(f"debtcycle dashboard on http://{host}:{port}/ (API docs at /docs)")
    try:
        uvicorn.run("debtcycle.web.app:create_app", factory=True, host=host, port=port,
                    workers=workers, log_level="warning")
    except OSError as exc:
        raise BadInputError(f"--port {port}: cannot listen on {host}:{port} "
                            f"({exc.strerror}); choose another port.") from None


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""
    app.command("serve")(serve_command)
