"""``debtcycle align COUNTRY --to OTHER [--event property-peak|PERIOD]``: paths in event time."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from debtcycle.cli._common import (
    AllOption,
    ChartOption,
    JsonOption,
    OutOption,
    announce,
    friendly_errors,
    human_name,
    print_frame,
    print_json,
    say,
    write_table,
)

__all__ = ["register"]

PEAK = "property-peak"


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
    all_rows: AllOption = False,
    out: OutOption = None,
    chart: ChartOption = None,
    as_json: JsonOption = False,
) -> None:
    """Align two countries on an event and score how closely COUNTRY follows --to.

    The table shows every fourth period since the event (--all: every one).
    """
    import debtcycle

    result = debtcycle.align(country, to, event=event, to_event=to_event, sector=sector,
                             measure=measure, before=before, after=after,
                             rebase=rebase,
                             min_fall=min_fall or None)
    files: list[str] = []
    if out is not None:
        files.append(str(write_table(result.to_frame(), out, meta=result.provenance)))
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.leverage_align import event_time_chart

        files += [str(p) for p in save_chart(event_time_chart(result), chart)]
    if as_json:
        print_json(result.to_dict())
        announce(files, as_json=True)
        return
    _print(result, all_rows)
    announce(files)


def _print(result: Any, all_rows: bool) -> None:
    from debtcycle.vocab import country_name

    frame = result.to_frame()
    shown = frame if all_rows else frame[frame.index % 4 == 0]
    shown = shown.rename(columns=country_name).rename_axis("Periods since event")
    events = ", ".join(f"{country_name(c)} {p}" for c, p in result.aligned.events.items())
    how = {"diff": "change since the event", "ratio": "event = 100", "none": "levels"}
    label = (human_name(result.measure) if result.measure.startswith("house_price")
             else f"{human_name(result.sector)}: {human_name(result.measure)}")
    print_frame(shown, title=f"{label} in event time ({result.aligned.unit}, "
                f"{how.get(result.rebase, result.rebase)}); events: {events}")
    if not all_rows and len(shown) < len(frame):
        say(f"showing {len(shown)} of {len(frame)} rows (every fourth); --all shows "
                      "every row, --out FILE writes them all", style="dim")
    score = result.similarity
    say(f"similarity of {country_name(score.follower)} to "
                  f"{country_name(score.reference)} over t={score.start}..{score.end}: "
                  f"score {score.score:.2f} (Nash-Sutcliffe, 1 = identical), "
                  f"RMSE {score.rmse:.2f}, correlation {score.correlation:.2f}")


def register(app: typer.Typer) -> None:
    """Add the ``align`` command to ``app``."""
    app.command("align")(align_command)
