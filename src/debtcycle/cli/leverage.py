"""``debtcycle leverage COUNTRY [--at P ...]``: sector leverage table and stacked chart."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from debtcycle.analytics.snapshot import leverage_snapshot
from debtcycle.catalog import panel
from debtcycle.cli._common import console, friendly_errors, print_frame, print_json
from debtcycle.outputs.charts import save_chart
from debtcycle.outputs.charts.leverage import sector_leverage_chart
from debtcycle.vocab import check_country, country_name

__all__ = ["register"]

SECTORS = ["households", "nonfin_corp", "general_gov", "private_nonfin", "total_nonfin"]
DEFAULT_AT = ["2008Q4", "2015Q4", "2019Q4", "2023Q4", "last"]


@friendly_errors
def leverage_command(
    ctx: typer.Context,
    country: Annotated[str, typer.Argument(help="Country code, e.g. CN.")],
    at: Annotated[
        list[str] | None, typer.Option(help="Periods, e.g. --at 2008Q4 2015Q4 last.")
    ] = None,
    chart: Annotated[Path | None, typer.Option(help="Chart path (writes .html and .png).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Every sector's debt/GDP at the given dates, the changes between them, and a chart."""
    code = check_country(country)
    periods = [*(at or []), *ctx.args] or DEFAULT_AT
    frame = panel(code, SECTORS, "debt_gdp", skip_missing=True)
    frame.columns = frame.columns.get_level_values("sector")
    snap = leverage_snapshot(frame, periods, country=code)
    files = []
    if chart is not None:
        spec = sector_leverage_chart(frame, title=f"{country_name(code)}: debt by sector, % of GDP")
        files = [str(p) for p in save_chart(spec, chart)]
    if as_json:
        print_json(
            {
                "country": code,
                "measure": "debt_gdp",
                "unit": "pct_gdp",
                "at": snap.params["at"],
                "table": snap.to_frame(),
                "charts": files,
                "sources": frame.attrs.get("info", {}),
            }
        )
        return
    print_frame(snap.to_frame(), title=f"{country_name(code)}: debt, % of GDP (BIS total credit)")
    for path in files:
        console.print(f"chart written: {path}")


def register(app: typer.Typer) -> None:
    """Add the ``leverage`` command to ``app``."""
    app.command(
        "leverage",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )(leverage_command)
