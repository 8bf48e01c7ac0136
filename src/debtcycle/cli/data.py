"""``debtcycle data update|add fred|status``: build, extend and inspect the local store."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn

from debtcycle.cli._common import (
    console,
    err_console,
    friendly_errors,
    print_frame,
    print_json,
)
from debtcycle.config import store_path
from debtcycle.sources import all_sources
from debtcycle.sources.fetch import DEFAULT_DEADLINE
from debtcycle.store import LoadEvent, Store, add_fred, build_store

__all__ = ["register"]

data_app = typer.Typer(
    help="Build and inspect the local store of publishers' data.", no_args_is_help=True
)


def _stop_cleanly_on_sigterm() -> None:
    """Turn SIGTERM into an exit that runs ``finally`` blocks (temp files removed)."""
    if threading.current_thread() is not threading.main_thread():
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


@data_app.command("update")
@friendly_errors
def update(
    source: Annotated[
        list[str] | None,
        typer.Option("--source", "-s", help="Only these sources (repeatable); default all."),
    ] = None,
    rebuild: Annotated[bool, typer.Option(help="Start from an empty store.")] = False,
    accept_shrink: Annotated[
        bool,
        typer.Option("--accept-shrink",
                     help="Load files holding much less than the previous load (refused "
                     "by default: a cut-short download looks like that)."),
    ] = False,
    no_wait: Annotated[
        bool,
        typer.Option("--no-wait", help="Fail at once if another update is writing the store "
                     "(default: wait for it)."),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.1, help="Longest time to download one file, retries "
                     "included, in seconds."),
    ] = DEFAULT_DEADLINE,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Load (or refresh) the store from the mirror or the publishers' sites.

    One update runs at a time; a second one waits for the first (or fails with
    ``--no-wait``).  On SIGTERM or Ctrl-C the update stops, removes its temp
    files and leaves the store as it was.
    """
    _stop_cleanly_on_sigterm()
    names = source or list(all_sources())
    total = sum(len(all_sources()[n].files) for n in names if n in all_sources())
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=console,
        disable=as_json,
        transient=True,
    ) as progress:
        task = progress.add_task("loading", total=total)

        def tick(event: LoadEvent) -> None:
            progress.update(
                task, completed=event.done, description=f"{event.source}:{event.dataset}"
            )

        report = build_store(
            names, rebuild=rebuild, accept_shrink=accept_shrink, wait=not no_wait,
            on_wait=lambda message: err_console.print(message), timeout=timeout,
            on_progress=tick,
        )
    if as_json:
        print_json({"store": str(store_path()), "files": report.to_dict(orient="records")})
        return
    print_frame(report.set_index("source"), title=f"Store {store_path()}", digits=0)


add_app = typer.Typer(help="Load a series no source registers (e.g. any FRED series).",
                      no_args_is_help=True)
data_app.add_typer(add_app, name="add")


@add_app.command("fred")
@friendly_errors
def add_fred_command(
    series_id: Annotated[str, typer.Argument(help="FRED series id, e.g. UNRATE.")],
    file: Annotated[
        Path | None,
        typer.Option("--file", help="A FRED CSV download of the series (default: the mirror, "
                     "else download it from fred.stlouisfed.org)."),
    ] = None,
    country: Annotated[str, typer.Option(help="Country code of an unregistered series.")] = "US",
    sector: Annotated[str, typer.Option(help="Sector of an unregistered series.")] = "economy",
    measure: Annotated[
        str, typer.Option(help="Measure of an unregistered series.")
    ] = "fred_series",
    accept_shrink: Annotated[
        bool, typer.Option("--accept-shrink", help="Load it even if it holds much less than "
                           "the previous load.")
    ] = False,
    no_wait: Annotated[
        bool, typer.Option("--no-wait", help="Fail at once if an update is running.")
    ] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Longest download time, seconds.")
    ] = DEFAULT_DEADLINE,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Load any FRED series into the store (kept by updates; add it again after --rebuild)."""
    _stop_cleanly_on_sigterm()
    report = add_fred(series_id, file=file, country=country, sector=sector, measure=measure,
                      accept_shrink=accept_shrink, wait=not no_wait,
                      on_wait=lambda message: err_console.print(message), timeout=timeout)
    if as_json:
        print_json({"store": str(store_path()), "files": report.to_dict(orient="records")})
        return
    print_frame(report.set_index("source"), title=f"Store {store_path()}", digits=0)


@data_app.command("status")
@friendly_errors
def status(
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Show each loaded dataset: series, rows, periods covered, vintage, last load."""
    frame = Store().status()
    frame["first"] = frame["first"].astype(str).str.slice(0, 10)
    frame["last"] = frame["last"].astype(str).str.slice(0, 10)
    frame["loaded_at"] = frame["loaded_at"].astype(str).str.slice(0, 19)
    if as_json:
        print_json({"store": str(store_path()), "datasets": frame.to_dict(orient="records")})
        return
    shown = frame.drop(columns=["sha256", "file"]).set_index("source")
    print_frame(shown, title=f"Store {store_path()}", digits=0)


def register(app: typer.Typer) -> None:
    """Add the ``data`` command group to ``app``."""
    app.add_typer(data_app, name="data")
