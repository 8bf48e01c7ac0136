"""``debtcycle phases COUNTRY [--sector S] [--as-of P] [--revisions] [--json]``: leverage phases.

A thin wrapper over :func:`debtcycle.facade.phases.phases` (and
:func:`~debtcycle.facade.phases.phase_revisions` with ``--revisions``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from debtcycle.cli._common import announce, console, friendly_errors, print_frame, print_json

__all__ = ["register"]


def _revisions(country: str, sector: str | None, since: str, as_json: bool,
               chart: Path | None, **params: Any) -> None:
    from debtcycle.facade.phases import phase_revisions
    from debtcycle.vocab import country_name

    result = phase_revisions(country, sector or "total_nonfin", since=since, **params)
    files: list[str] = []
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.phases import revisions_chart

        spec = revisions_chart(result.to_frame(), title=f"{result.params['country']} "
                               f"{result.params['sector']}: phase called then vs now")
        files = [str(p) for p in save_chart(spec, chart)]
    if as_json:
        print_json(result.to_dict())
        announce(files, as_json=True)
        return
    s = result.overview
    name = f"{country_name(str(result.params['country']))} {result.params['sector']}"
    table = result.to_frame()[["real_time", "real_time_since", "final", "final_since"]]
    print_frame(table.rename(columns={"real_time": "called then", "real_time_since": "since (then)",
                                      "final": "called now", "final_since": "since (now)"}),
                title=f"{name}: phase called each quarter vs now")
    print_frame(result.boundaries.rename(columns={"lag_periods": "lag (quarters)"})
                .set_index("boundary"), title="Phase changes of today's segmentation: "
                "when the real-time call caught up")
    console.print(
        f"agree {s['agree_share']:.0%} of {s['periods']} quarters; the current call changed "
        f"{s['call_changes']} times; phase starts moved by a median {s['median_since_moved']} "
        f"(max {s['max_since_moved']}) quarters; median recognition lag {s['median_lag']} "
        "quarters", highlight=False)
    announce(files)


@friendly_errors
def phases_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. CN.")],
    sector: Annotated[str | None, typer.Option(help="One sector (default: all).")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Use data up to this period only, e.g. 2015Q4.")] = None,
    revisions: Annotated[bool, typer.Option(
        help="Phase called each quarter since --since vs now (default sector: total).")] = False,
    since: Annotated[str, typer.Option(help="First quarter of --revisions.")] = "2000Q1",
    penalty: Annotated[float, typer.Option(help="Cost per extra kink, pp^2.")] = 40.0,
    min_years: Annotated[float, typer.Option(help="Shortest phase, years.")] = 2.0,
    threshold: Annotated[float, typer.Option(help="Slope for (de)leveraging, pp/yr.")] = 1.0,
    mask: Annotated[bool, typer.Option(help="Bridge the 2020Q1-2021Q4 Covid window.")] = True,
    stability: Annotated[bool, typer.Option(
        help="Measure how stable each current call is (settings and as-of dates).")] = True,
    chart: Annotated[Path | None, typer.Option(help="Chart path (writes .html and .png).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Leveraging, deleveraging and stable phases of debt/GDP (BIS), with their drivers."""
    params: dict[str, Any] = {"penalty": penalty, "min_years": min_years,
                              "threshold": threshold, "mask": mask}
    if revisions:
        _revisions(country, sector, since, as_json, chart, **params)
        return
    from debtcycle.facade.phases import phases
    from debtcycle.vocab import country_name

    result = phases(country, sector, as_of, stability=stability, **params)
    files: list[str] = []
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.phases import phases_chart

        title = f"{country_name(result.country)}: leverage phases"
        files = [str(p) for p in save_chart(phases_chart(result.sectors, title=title), chart)]
    records = result.records()
    if as_json:
        print_json(records[0] if sector else records)
        return
    table = result.to_frame().drop(columns=["start_level", "end_level"])
    when = f" as of {result.as_of}" if result.as_of is not None else ""
    print_frame(table.set_index("sector"), title=f"{country_name(result.country)}: phases "
                f"of debt/GDP (BIS){when}, threshold {threshold} pp/yr")
    current = result.current().drop(columns=["as_of"])
    print_frame(current, title="Current call and its stability (share of parameter settings "
                "and of the last 8 as-of quarters that agree)", digits=2)
    if sector is None and not result.drivers.empty:
        print_frame(result.drivers.set_index("start"), title="Drivers of total leverage phases")
    for path in files:
        console.print(f"chart written: {path}")


def register(app: typer.Typer) -> None:
    """Add the ``phases`` command to ``app``."""
    app.command("phases")(phases_command)
