"""``debtcycle leverage COUNTRY [PERIOD ...]``: every sector's debt/GDP at dates, with changes."""

from __future__ import annotations

from typing import Annotated

import typer

from debtcycle.cli._common import (
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


@friendly_errors
def leverage_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. CN.")],
    periods: Annotated[list[str] | None, typer.Argument(
        metavar="[PERIOD...]",
        help="Dates, e.g. 2008Q4 2015Q4 last (default 2008Q4 2015Q4 2019Q4 2023Q4 last).",
        show_default=False)] = None,
    at: Annotated[list[str] | None, typer.Option(
        help="A date (repeatable); same as the positional dates.", show_default=False)] = None,
    sector: Annotated[list[str] | None, typer.Option(
        help="Only this sector (repeatable), e.g. households.", show_default=False)] = None,
    valuation: Annotated[str, typer.Option(
        help="Government debt at market value (adds up to the total) or nominal.")] = "market",
    out: OutOption = None,
    chart: ChartOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every sector's debt/GDP (BIS total credit) at the dates, and the changes between them.

    Dates: a quarter (2008Q4), a year (2008 = its last quarter), a month or
    last.  Government debt is at market value unless --valuation nominal,
    so households + firms + government add up to the total; the table says
    when they do not.
    """
    import debtcycle

    dates = [*(at or []), *(periods or [])] or None
    result = debtcycle.leverage(country, at=dates, sectors=sector or None,
                                valuation=valuation)
    files: list[str] = []
    if out is not None:
        files.append(str(write_table(result.to_frame(), out, meta=result.provenance)))
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.leverage import leverage_chart

        files += [str(p) for p in save_chart(leverage_chart(result), chart)]
    if as_json:
        print_json(result.to_dict())
        announce(files, as_json=True)
        return
    from debtcycle.vocab import country_name

    table = result.to_frame()
    table.index = [human_name(s) for s in table.index]
    print_frame(table.rename_axis("Sector"),
                title=f"{country_name(result.country)}: debt, % of GDP (BIS total credit; "
                "changes in pp)")
    if result.note:
        say(f"note: {result.note}", style="dim")
    announce(files)


def register(app: typer.Typer) -> None:
    """Add the ``leverage`` command to ``app``."""
    app.command("leverage")(leverage_command)
