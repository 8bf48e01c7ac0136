"""``debtcycle exits COUNTRY``: who absorbs the private surplus, and each exit route's limits.

A thin wrapper over :func:`debtcycle.facade.exits.exits`; ``--json`` prints the
result's ``to_dict()``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from debtcycle.cli._common import console, friendly_errors, print_frame, print_json

__all__ = ["register"]

_LAST = 2024  # = debtcycle.facade.bsr.LAST_ACTUAL_YEAR (not imported: keeps --help light)


_ROUTE_LABELS = {"capacity": "Can absorb, % of GDP", "share_of_surplus": "Share of surplus, %",
                 "shortfall": "Left over, % of GDP"}


def show(result: object) -> None:
    """Print an ``ExitRoutes`` result as tables and sentences."""
    from debtcycle.analytics.exits.result import ExitRoutes
    from debtcycle.vocab import country_name

    if not isinstance(result, ExitRoutes):
        raise TypeError("show() needs an ExitRoutes result")
    table = result.table()
    cols = [c for c in ("private_surplus", "gov_deficit", "ca_surplus", "gov_share", "ca_share",
                        "required_pct_partner_gdp") if c in table]
    print_frame(table[cols].tail(12), title=f"{country_name(result.country)}: who absorbs the "
                "private surplus (% of GDP)")
    print_frame(result.routes.rename(columns=_ROUTE_LABELS),
                title=f"Routes out of the {result.year} private surplus, each to its limit")
    if result.partners is not None:
        print_frame(result.partners[["share_of_exports", "share_of_partner_imports",
                                     "extra_pct_partner_imports", "share_after"]].rename(
            columns={"share_of_exports": "Share of exports, %",
                     "share_of_partner_imports": "Share of its imports, %",
                     "extra_pct_partner_imports": "Extra, % of its imports",
                     "share_after": "Share after, %"}),
            title="Partner exposure: the extra surplus spread by today's export shares")
    for line in result.statement():
        console.print(line, highlight=False)
    for note in result.notes:
        console.print(f"note: {note}", highlight=False)


@friendly_errors
def exits_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. CN, JP.")],
    since: Annotated[str, typer.Option(
        help="Start of the episode: property-peak or a year, e.g. 2006.")] = "property-peak",
    last: Annotated[int, typer.Option(help="Last year (later GMD values are forecasts).")] =
    _LAST,
    horizon: Annotated[int, typer.Option(help="Years the routes are run over.")] = 10,
    paydown: Annotated[float, typer.Option(
        help="Private debt repaid over the horizon, pp of GDP.")] = 0.0,
    retaliation: Annotated[float, typer.Option(
        help="Retaliation elasticity of the currency route, 0-1.")] = 0.5,
    max_depreciation: Annotated[float, typer.Option(
        help="Largest tolerable real depreciation, %.")] = 10.0,
    chart: Annotated[Path | None, typer.Option(help="Chart path (writes .html and .png).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Show the exits from a balance-sheet recession: fiscal, export and currency routes."""
    from debtcycle.facade.exits import exits

    result = exits(country, since=since, last=last, horizon=horizon, paydown_pp=paydown,
                   retaliation=retaliation, max_depreciation=max_depreciation)
    files: list[str] = []
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.exits import routes_chart
        from debtcycle.vocab import country_name

        spec = routes_chart(result, title=f"{country_name(result.country)}: routes out of the "
                            f"{result.year} private surplus, each to its limit")
        files = [str(p) for p in save_chart(spec, chart)]
    if as_json:
        print_json({**result.to_dict(), "charts": files})
        return
    show(result)
    for path in files:
        console.print(f"chart written: {path}")


def register(app: typer.Typer) -> None:
    """Add the ``exits`` command to ``app``."""
    app.command("exits")(exits_command)
