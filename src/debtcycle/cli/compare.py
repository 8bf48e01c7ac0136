"""``debtcycle compare C1 C2 ... [PERIOD ...] --sector S``: one sector across countries."""

from __future__ import annotations

from typing import Annotated

import typer

from debtcycle.cli._common import (
    ChartOption,
    JsonOption,
    OutOption,
    announce,
    friendly_errors,
    print_frame,
    print_json,
    write_table,
)
from debtcycle.errors import BadInputError

__all__ = ["register"]


@friendly_errors
def compare_command(
    codes: Annotated[list[str], typer.Argument(
        metavar="COUNTRY... [PERIOD...]",
        help="Country codes, then any dates: CN JP US 2008Q4 last.")],
    sector: Annotated[str, typer.Option(help="Borrowing sector.")] = "total_nonfin",
    at: Annotated[list[str] | None, typer.Option(
        help="A date (repeatable); same as positional dates. Default 2008Q4 2015Q4 2019Q4 last.",
        show_default=False)] = None,
    out: OutOption = None,
    chart: ChartOption = None,
    as_json: JsonOption = False,
) -> None:
    """Compare one sector's debt/GDP (BIS) across countries at dates, with changes and ranks.

    Rank 1 is the highest debt/GDP at the last date.
    """
    import debtcycle
    from debtcycle.periods import is_period

    countries = [c for c in codes if not is_period(c)]
    dates = [*(at or []), *(c for c in codes if is_period(c))] or None
    if not countries:
        raise BadInputError("Name at least one country, e.g. `debtcycle compare CN JP US`.")
    result = debtcycle.compare(countries, sector=sector, at=dates)
    files: list[str] = []
    if out is not None:
        files.append(str(write_table(result.to_frame(), out, meta=result.provenance)))
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.leverage_compare import comparison_chart

        files += [str(p) for p in save_chart(comparison_chart(result), chart)]
    if as_json:
        print_json(result.to_dict())
        announce(files, as_json=True)
        return
    from debtcycle.cli._common import human_name

    print_frame(result.to_frame().rename_axis("Country"),
                title=f"{human_name(result.sector)}: debt, % of GDP (BIS total credit; "
                "changes in pp; rank 1 = highest at the last date)")
    announce(files)


def register(app: typer.Typer) -> None:
    """Add the ``compare`` command to ``app``."""
    app.command("compare")(compare_command)
