"""The ``debtcycle`` command: a Typer app assembled from the modules of this package.

Every module of :mod:`debtcycle.cli` except this one and private ``_*`` modules
defines ``register(app)`` and adds its commands; a new command family is one
new module.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

import debtcycle.cli as cli_pkg

__all__ = ["app", "main"]

app = typer.Typer(
    name="debtcycle",
    help="Sector leverage and debt-cycle analysis from official statistics.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_registered = False


def _register_all() -> None:
    global _registered
    if _registered:
        return
    for info in sorted(pkgutil.iter_modules(cli_pkg.__path__), key=lambda i: i.name):
        if info.name == "app" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{cli_pkg.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if callable(register):
            register(app)
    _registered = True


def get_app() -> typer.Typer:
    """Return the fully assembled app (used by tests with ``CliRunner``)."""
    _register_all()
    return app


def main() -> None:
    """Entry point of the ``debtcycle`` console script."""
    get_app()()
