"""Every leaf command of ``debtcycle`` (groups walked), for the CLI-wide usage and fuzz tests."""

from __future__ import annotations

import click
import typer

from debtcycle.cli.app import get_app

#: Commands (and groups: every command under them) that must not run with random
#: arguments in the test session: they rebuild the session store, start a server, or download.
UNSAFE = {("data", "update"), ("data", "add"), ("serve",)}


def leaf_commands() -> list[tuple[tuple[str, ...], click.Command]]:
    """Return ``(path, command)`` for every runnable command, e.g. ``(("data", "status"), cmd)``."""
    root = typer.main.get_command(get_app())
    assert isinstance(root, click.Group)
    ctx = click.Context(root, info_name="debtcycle")
    found: list[tuple[tuple[str, ...], click.Command]] = []

    def walk(group: click.Group, prefix: tuple[str, ...]) -> None:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            path = (*prefix, name)
            if isinstance(command, click.Group):
                walk(command, path)
            else:
                found.append((path, command))

    walk(root, ())
    return found


def value_options(command: click.Command) -> list[click.Option]:
    """Options of ``command`` that take a value (not flags, not --help)."""
    return [p for p in command.params if isinstance(p, click.Option) and not p.is_flag
            and not p.count and p.name != "help"]


def number_options(command: click.Command) -> list[click.Option]:
    """Value options whose type is an int or a float."""
    return [p for p in value_options(command)
            if isinstance(p.type, click.types.IntParamType | click.types.FloatParamType)]
