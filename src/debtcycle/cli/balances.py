"""``debtcycle balances COUNTRY``: private, government and foreign balances in % of GDP.

A thin wrapper over :func:`debtcycle.facade.bsr.balances`; ``--json`` prints the
result's ``to_dict()`` (plus ``charts`` when a chart is written).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from debtcycle.cli._common import console, friendly_errors, print_frame, print_json

__all__ = ["register"]

_LAST = 2024  # = debtcycle.facade.bsr.LAST_ACTUAL_YEAR (not imported: keeps --help light)


@friendly_errors
def balances_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. JP, CN, US.")],
    basis: Annotated[str, typer.Option(
        help="auto | flow_of_funds | national_accounts.")] = "auto",
    gov_source: Annotated[str, typer.Option(
        help="National accounts: government balance from gmd or imf (PFMH).")] = "gmd",
    last: Annotated[int, typer.Option(help="Last year (later GMD values are forecasts).")] =
    _LAST,
    chart: Annotated[Path | None, typer.Option(help="Chart path (writes .html and .png).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Private, government and foreign financial balances, % of GDP (identity checked)."""
    from debtcycle.facade.bsr import balances, bsr
    from debtcycle.vocab import country_name

    result = balances(country, basis, gov_source=gov_source, last=last)  # type: ignore[arg-type]
    code = result.country
    files: list[str] = []
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.bsr import balances_chart

        spec = balances_chart(result, bsr(code, last=last),
                              title=f"{country_name(code)}: sectoral financial balances, "
                                    "% of GDP")
        files = [str(p) for p in save_chart(spec, chart)]
    if as_json:
        print_json({**result.to_dict(), "charts": files})
        return
    print_frame(result.to_frame().tail(30),
                title=f"{country_name(code)}: sectoral balances, % of GDP ({result.basis})")
    for piece, where in result.sources.items():
        if where:
            console.print(f"{piece}: {where}", highlight=False)
    console.print(f"largest identity residual: {result.max_residual:.3f} pp of GDP")
    other = result.comparison
    if other is not None:
        flagged = other[other["disagree"]]
        years = sorted({str(p) for p, _ in flagged.index})
        console.print(f"{result.comparison_of}: {len(flagged)} sector-years differ by 2 pp of "
                      "GDP or more" + (f" ({', '.join(years)})" if years else ""),
                      highlight=False)
    for path in files:
        console.print(f"chart written: {path}")


def register(app: typer.Typer) -> None:
    """Add the ``balances`` command to ``app``."""
    app.command("balances")(balances_command)
