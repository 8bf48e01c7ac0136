"""``debtcycle align COUNTRY --to OTHER [--event property-peak|PERIOD]``: paths in event time."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, cast

import pandas as pd
import typer

from debtcycle.analytics.leverage.align import (
    AlignResult,
    Rebase,
    Similarity,
    align,
    property_peak,
    similarity,
)
from debtcycle.catalog import series
from debtcycle.cli._common import console, friendly_errors, print_frame, print_json
from debtcycle.errors import BadInputError
from debtcycle.outputs.charts import save_chart
from debtcycle.outputs.charts.leverage_align import event_time_chart
from debtcycle.vocab import check_country, check_measure, check_sector, country_name

__all__ = ["load_alignment", "register"]

PEAK = "property-peak"


def _event(country: str, event: str, min_fall: float | None) -> pd.Period:
    if event != PEAK:
        try:
            return pd.Period(event)
        except ValueError as exc:
            raise BadInputError(f"--event {event!r}: give {PEAK} or a period like 1991Q1.") from exc
    prices = series(country, "households", "house_price_real", unit="index_2010")
    return property_peak(prices, min_fall=min_fall)


def load_alignment(
    country: str, other: str, *, event: str = PEAK, other_event: str = PEAK,
    sector: str = "private_nonfin", measure: str = "debt_gdp",
    window: tuple[int, int] = (-8, 40), rebase: Rebase = "diff", min_fall: float | None = 10.0,
) -> tuple[AlignResult, Similarity]:
    """Fetch the series and events of two countries, align them and score the follower.

    ``country`` is the follower and ``other`` the reference (e.g. CN and JP); events
    are each country's real property-price peak (BIS; the highest price later
    followed by a fall of at least ``min_fall`` %) unless a period is given.
    """
    follower, reference = check_country(country), check_country(other)
    sec = "households" if measure.startswith("house_price") else check_sector(sector)
    extra: dict[str, Any] = {"unit": "index_2010"} if measure.startswith("house_price") else {}
    data = {c: series(c, sec, check_measure(measure), **extra) for c in (follower, reference)}
    events = {follower: _event(follower, event, min_fall),
              reference: _event(reference, other_event, min_fall)}
    aligned = align(data, events, window, rebase=rebase)
    after = [int(t) for t in aligned.frame[follower].dropna().index if int(t) > 0]
    span = (0, max(after)) if after else None
    return aligned, similarity(aligned, follower, reference, window=span)


@friendly_errors
def align_command(
    country: Annotated[str, typer.Argument(help="Follower country, e.g. CN.")],
    to: Annotated[str, typer.Option("--to", help="Reference country, e.g. JP.")],
    event: Annotated[str, typer.Option(help=f"{PEAK} or a period, for COUNTRY.")] = PEAK,
    to_event: Annotated[str, typer.Option(help=f"{PEAK} or a period, for --to.")] = PEAK,
    sector: Annotated[str, typer.Option(help="Sector of the debt ratio.")] = "private_nonfin",
    measure: Annotated[str, typer.Option(help="debt_gdp, house_price_real, ...")] = "debt_gdp",
    before: Annotated[int, typer.Option(help="Periods shown before the event.")] = 8,
    after: Annotated[int, typer.Option(help="Periods shown after the event.")] = 40,
    rebase: Annotated[str, typer.Option(help="none, diff (since event) or ratio (=100).")] = "diff",
    min_fall: Annotated[float, typer.Option(help="Later real price fall (%) a peak needs.")] = 10.0,
    chart: Annotated[Path | None, typer.Option(help="Chart path (writes .html and .png).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Align two countries on an event and score how closely COUNTRY follows --to."""
    if rebase not in ("none", "diff", "ratio"):
        raise BadInputError(f"--rebase {rebase!r}: use none, diff or ratio.")
    aligned, score = load_alignment(
        country, to, event=event, other_event=to_event, sector=sector, measure=measure,
        window=(-before, after), rebase=cast(Rebase, rebase), min_fall=min_fall or None,
    )
    files: list[str] = []
    if chart is not None:
        names = " vs ".join(country_name(c) for c in aligned.frame.columns)
        how = "change since event" if rebase == "diff" else rebase
        label = measure if measure.startswith("house_price") else f"{sector} {measure}"
        spec = event_time_chart(aligned, title=f"{names}: {label} in event time",
                                y_title=f"{measure} ({how})")
        files = [str(p) for p in save_chart(spec, chart)]
    if as_json:
        print_json({"events": aligned.params["events"], "unit": aligned.unit,
                    "measure": measure, "rebase": rebase, "similarity": score.to_dict()["data"][0],
                    "paths": aligned.frame, "charts": files, "sources": aligned.provenance})
        return
    shown = aligned.frame[aligned.frame.index % 4 == 0]
    shown.index = pd.Index([str(t) for t in shown.index], name="event_time")
    print_frame(shown, title=f"{measure} in event time ({aligned.unit}); events "
                f"{aligned.params['events']}")
    console.print(f"similarity of {score.follower} to {score.reference} over t={score.start}.."
                  f"{score.end}: score {score.score:.2f} (Nash-Sutcliffe), RMSE {score.rmse:.2f}, "
                  f"correlation {score.correlation:.2f}")
    for path in files:
        console.print(f"chart written: {path}")


def register(app: typer.Typer) -> None:
    """Add the ``align`` command to ``app``."""
    app.command("align")(align_command)
