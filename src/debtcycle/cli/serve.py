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

    _check_listen(host, port)
    console.print(f"debtcycle dashboard on http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run("debtcycle.web.app:create_app", factory=True, host=host, port=port,
                workers=workers, log_level="warning")


def _check_listen(host: str, port: int) -> None:
    """Raise a one-line error unless ``host:port`` can be listened on now."""
    import socket

    from debtcycle.errors import BadInputError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise BadInputError(f"--host {host!r}: not an address of this machine ({exc}).") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise BadInputError(f"--port {port}: cannot listen on {host}:{port} "
                                f"({exc.strerror}); choose another --port or --host.") from None


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""
    app.command("serve")(serve_command)
