"""The ``debtcycle`` command: a registry of commands, each loaded only when it runs.

``COMMANDS`` maps every command (or command group) name to the module that
defines it and a one-line help.  ``debtcycle --help`` is printed from this
table alone, and ``debtcycle NAME ...`` imports only ``NAME``'s module, so
neither pandas nor any analytics library is loaded to show the help or to
run a command that does not need them.

Adding a command is one line in ``COMMANDS``::

    "list": ("debtcycle.cli.discover", "List the series the store holds (filter by code)."),
    "markets": ("debtcycle.cli.markets", "Equities and bond yields by leverage phase and events."),

The module keeps its usual interface: ``register(app)`` adds its commands to
a Typer app (``app.command("markets")(...)`` or ``app.add_typer(group,
name="markets")``).  A module of this package missing from the table is still
found (by scanning the package) but then loads on every ``--help``; the test
suite flags it.

Errors: every usage error (unknown option, missing or malformed value, option
in the wrong place) and every :class:`~debtcycle.errors.DebtcycleError` is
printed as one line on stderr with exit code 2; an unexpected exception is one
line with exit code 1 (set ``DEBTCYCLE_DEBUG=1`` to see the traceback).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import os
import pkgutil
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

import debtcycle
import debtcycle.cli as cli_pkg
from debtcycle.cli._common import ARGV_KEY
from debtcycle.errors import DebtcycleError

__all__ = ["COMMANDS", "LazyGroup", "app", "get_app", "main"]

# name -> (module, one-line help).  One line per command; keep it sorted.  A line whose
# module does not exist yet is skipped, so a command can be listed before it lands.
COMMANDS: dict[str, tuple[str, str]] = {
    "align": ("debtcycle.cli.align", "Align two countries on an event and score the follower."),
    "balances": ("debtcycle.cli.balances", "Sectoral financial balances, % of GDP."),
    "bsr": ("debtcycle.cli.bsr", "Balance-sheet-recession diagnosis of a country."),
    "compare": ("debtcycle.cli.compare", "One sector's debt/GDP across countries, with ranks."),
    "data": ("debtcycle.cli.data", "Build and inspect the local store of publishers' data."),
    "decompose": ("debtcycle.cli.decompose", "Why debt/GDP moved: debt, real growth, inflation."),
    "ewm": ("debtcycle.cli.ewm", "Early-warning model of crises: evaluation and current risk."),
    "exits": ("debtcycle.cli.exits", "Exits from a balance-sheet recession and their limits."),
    "fiscal": ("debtcycle.cli.fiscal", "CBO fiscal baseline, changes and fan charts."),
    "gap": ("debtcycle.cli.gap", "BIS-style credit-to-GDP gaps and buffer guides."),
    "leverage": ("debtcycle.cli.leverage", "Every sector's debt/GDP at dates, with changes."),
    "list": ("debtcycle.cli.discover", "List the series the store holds (filter by code)."),
    "markets": ("debtcycle.cli.markets", "Equities and bond yields by leverage phase and events."),
    "phases": ("debtcycle.cli.phases", "Leveraging, deleveraging and stable phases of debt/GDP."),
    "recession": ("debtcycle.cli.recession", "US recession probability from the term spread."),
    "report": ("debtcycle.cli.report", "Write a research note on a country."),
    "risk": ("debtcycle.cli.risk", "Vulnerability dashboard: gaps, debt service, crisis odds."),
    "scenario": ("debtcycle.cli.scenario", "Run a fiscal-consolidation scenario file."),
    "search": ("debtcycle.cli.discover", "Search the series the store holds by text."),
    "series": ("debtcycle.cli.series", "Print or export one series with its source and key."),
    "serve": ("debtcycle.cli.serve", "Serve the dashboard and the REST API."),
}

_EXIT_USAGE = 2
_EXIT_INTERNAL = 1


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _registered_commands(module_name: str) -> dict[str, click.Command]:
    """Import ``module_name``, let it register on a scratch app, return its click commands."""
    scratch = typer.Typer()
    importlib.import_module(module_name).register(scratch)
    group = typer.main.get_group(scratch)
    return dict(group.commands)


@functools.cache
def _exists(module_name: str) -> bool:
    """Return whether the module exists (found without importing it)."""
    return importlib.util.find_spec(module_name) is not None


def _available() -> dict[str, tuple[str, str]]:
    """Return the registry lines whose module exists."""
    return {name: entry for name, entry in COMMANDS.items() if _exists(entry[0])}


def _unlisted_modules() -> list[str]:
    """Modules of :mod:`debtcycle.cli` with commands that ``COMMANDS`` does not name."""
    listed = {module for module, _ in COMMANDS.values()}
    found = []
    for info in pkgutil.iter_modules(cli_pkg.__path__):
        name = f"{cli_pkg.__name__}.{info.name}"
        if info.name == "app" or info.name.startswith("_") or name in listed:
            continue
        found.append(name)
    return sorted(found)


class LazyGroup(TyperGroup):
    """A click group whose commands come from ``COMMANDS`` and load on first use."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self._loaded: dict[str, dict[str, click.Command]] = {}
        self._unlisted: dict[str, click.Command] | None = None

    def _module_commands(self, module_name: str) -> dict[str, click.Command]:
        if module_name not in self._loaded:
            self._loaded[module_name] = _registered_commands(module_name)
        return self._loaded[module_name]

    def _unlisted_commands(self) -> dict[str, click.Command]:
        if self._unlisted is None:
            self._unlisted = {}
            for module_name in _unlisted_modules():
                module = importlib.import_module(module_name)
                if callable(getattr(module, "register", None)):
                    self._unlisted.update(self._module_commands(module_name))
        return self._unlisted

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Names of every command: the registry, plus any module it does not list."""
        names = set(_available()) | set(self.commands)
        if _unlisted_modules():
            names |= set(self._unlisted_commands())
        return sorted(names)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import the module of ``cmd_name`` (only that one) and return its command."""
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        entry = _available().get(cmd_name)
        if entry is not None:
            return self._module_commands(entry[0]).get(cmd_name)
        if _unlisted_modules():
            return self._unlisted_commands().get(cmd_name)
        return None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Resolve the command name; unknown names get close matches from the registry."""
        try:
            return click.Group.resolve_command(self, ctx, args)
        except click.UsageError as exc:
            import difflib

            matches = difflib.get_close_matches(args[0], self.list_commands(ctx)) if args else []
            hint = f" Did you mean {', '.join(matches)}?" if matches else ""
            raise click.UsageError(
                f"No such command {args[0]!r}.{hint}" if args else exc.message, ctx
            ) from None

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Plain help from the registry (no command module is imported)."""
        click.Command.format_help(self, ctx, formatter)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Options, then the commands with their one-line help."""
        click.Command.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List every command with the help line of ``COMMANDS``."""
        rows = [(name, help_) for name, (_, help_) in sorted(_available().items())]
        if _unlisted_modules():
            rows += [(n, c.get_short_help_str(80)) for n, c in self._unlisted_commands().items()]
        with formatter.section("Commands"):
            formatter.write_dl(sorted(rows))

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line; every failure becomes one line on stderr and an exit code."""
        argv = list(sys.argv[1:] if args is None else args)
        name = prog_name or click.utils._detect_program_name()
        try:
            with self.make_context(name, argv, **extra) as ctx:
                ctx.meta[ARGV_KEY] = [name, *argv]
                result = self.invoke(ctx)
        except (Exception, KeyboardInterrupt) as exc:
            if not standalone_mode and not isinstance(exc, click.exceptions.Exit):
                raise
            code, message = _outcome(exc)
            if message:
                click.echo(message, err=code != 0)
            if standalone_mode:
                sys.exit(code)
            return code
        if standalone_mode:
            sys.exit(0)
        return result


def _outcome(exc: BaseException) -> tuple[int, str | None]:
    """Exit code and one-line message for an exception that ended a command."""
    if isinstance(exc, click.exceptions.NoArgsIsHelpError):
        return 0, exc.format_message()
    if isinstance(exc, click.exceptions.Exit):
        return exc.exit_code, None
    if isinstance(exc, click.ClickException):
        return exc.exit_code, _usage_message(exc)
    if isinstance(exc, DebtcycleError):
        return _EXIT_USAGE, f"error: {_one_line(str(exc))}"
    if isinstance(exc, click.Abort | KeyboardInterrupt):
        return 130, "aborted."
    if isinstance(exc, BrokenPipeError):
        return _EXIT_INTERNAL, None
    if os.environ.get("DEBTCYCLE_DEBUG"):
        raise exc
    return _EXIT_INTERNAL, (
        f"internal error: {type(exc).__name__}: {_one_line(str(exc))[:300]} "
        "(a bug; rerun with DEBTCYCLE_DEBUG=1 and report the traceback)")


def _usage_message(exc: click.ClickException) -> str:
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return f"error: {_one_line(exc.format_message())}"
    if isinstance(exc, click.NoSuchOption) and ctx.parent is None:
        return (f"error: No such option {exc.option_name!r} before the command; options go "
                f"after the command name, e.g. 'debtcycle series CN households --json'.")
    return f"error: {_one_line(exc.format_message())} (see '{ctx.command_path} --help')"


def _version(value: bool) -> None:
    if value:
        click.echo(f"debtcycle {debtcycle.__version__}")
        raise typer.Exit()


app = typer.Typer(
    name="debtcycle",
    cls=LazyGroup,
    help="Sector leverage and debt-cycle analysis from official statistics.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option(
        "--version", help="Print the version and exit.", callback=_version, is_eager=True,
    )] = False,
) -> None:
    """Sector leverage and debt-cycle analysis from official statistics."""


def get_app() -> typer.Typer:
    """Return the app (used by tests with ``CliRunner``); commands load on first use."""
    return app


def main() -> None:
    """Entry point of the ``debtcycle`` console script."""
    app()
