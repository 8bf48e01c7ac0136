"""``debtcycle compare C1 C2 ... --sector S [--at P ...]``: one sector across countries."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from debtcycle.analytics.leverage.compare import Comparison, compare_countries
from debtcycle.catalog import series
from debtcycle.cli._common import console, friendly_errors, print_frame, print_json
from debtcycle.errors import BadInputError
from debtcycle.outputs.charts import save_chart
from debtcycle.outputs.charts.leverage_compare import comparison_chart
from debtcycle.vocab import check_country, check_sector

__all__ = ["load_comparison", "register"]

DEFAULT_AT = ["2008Q4", "2015Q4", "2019Q4", "last"]
_PERIOD = re.compile(r"^(\d{4}(Q[1-4]|-\d{2})?|last)$", re.IGNORECASE)


def load_comparison(countries: list[str], sector: str, at: list[str]) -> Comparison:
    """Fetch BIS debt/GDP of ``sector`` for each country and compare them at ``at``."""
    sec = check_sector(sector)
    columns = {}
    for country in countries:
        code = check_country(country)
        columns[code] = series(code, sec, "debt_gdp", source="bis")
    frame = pd.DataFrame(columns)
    frame.attrs["info"] = {c: s.attrs["info"] for c, s in columns.items()}
    return compare_countries(frame, at, sector=sec)


@friendly_errors
def compare_command(
    ctx: typer.Context,
    countries: Annotated[list[str], typer.Argument(help="Country codes, e.g. CN JP US.")],
    sector: Annotated[str, typer.Option(help="Borrowing sector.")] = "total_nonfin",
    at: Annotated[list[str] | None, typer.Option(help="Dates, e.g. --at 2008Q4 last.")] = None,
    chart: Annotated[Path | None, typer.Option(help="Chart path (writes .html and .png).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Compare one sector's debt/GDP across countries at dates, with changes and ranks."""
    tokens = [*countries, *ctx.args]
    dates = [*(at or []), *[t for t in tokens if _PERIOD.match(t)]] or DEFAULT_AT
    codes = [t for t in tokens if not _PERIOD.match(t)]
    if not codes:
        raise BadInputError("Name at least one country, e.g. `debtcycle compare CN JP US`.")
    result = load_comparison(codes, sector, dates)
    files: list[str] = []
    if chart is not None:
        spec = comparison_chart(result, title=f"{result.sector}: debt, % of GDP (BIS)")
        files = [str(p) for p in save_chart(spec, chart)]
    if as_json:
        print_json({"sector": result.sector, "measure": "debt_gdp", "at": result.params["at"],
                    "table": result.table, "charts": files})
        return
    print_frame(result.table, title=f"{result.sector}: debt, % of GDP (BIS total credit)")
    for path in files:
        console.print(f"chart written: {path}")


def register(app: typer.Typer) -> None:
    """Add the ``compare`` command to ``app``."""
    app.command(
        "compare",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )(compare_command)
