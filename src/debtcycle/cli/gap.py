"""``debtcycle gap COUNTRY... [--sector S] [--lambda L]``: BIS-style credit-to-GDP gaps.

A thin wrapper over :func:`debtcycle.facade.gaps.gap`.
"""

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

__all__ = ["register"]


@friendly_errors
def gap_command(
    countries: Annotated[list[str], typer.Argument(help="Country codes, e.g. US CN JP.")],
    sector: Annotated[str, typer.Option(help="Borrowing sector.")] = "private_nonfin",
    lamb: Annotated[float, typer.Option("--lambda", help="HP smoothing parameter.")] = 400_000.0,
    min_history: Annotated[int, typer.Option(help="Burn-in observations (BIS: 40).")] = 40,
    last: Annotated[int, typer.Option(help="Rows shown per country in the table (0 = all).")] = 12,
    out: OutOption = None,
    chart: ChartOption = None,
    as_json: JsonOption = False,
) -> None:
    """Credit-to-GDP ratio, one-sided HP trend, gap and Basel buffer guide per country."""
    import pandas as pd

    from debtcycle.facade.gaps import gap
    from debtcycle.vocab import country_name

    results = [gap(c, sector, lamb=lamb, min_history=min_history) for c in countries]
    files: list[str] = []
    if out is not None:
        long = pd.concat([r.published().assign(country=r.country, sector=r.sector)
                          for r in results])
        files.append(str(write_table(long, out, meta=[r.provenance for r in results])))
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.gaps import credit_gap_chart

        wide = pd.DataFrame({r.country: r.table["gap"] for r in results})
        spec = credit_gap_chart(wide, title=f"Credit-to-GDP gap ({sector}), lambda {lamb:g}")
        files += [str(p) for p in save_chart(spec, chart)]
    if as_json:
        print_json([r.to_dict() for r in results])
        announce(files, as_json=True)
        return
    for r in results:
        shown = r.published() if last <= 0 else r.published().tail(last)
        print_frame(shown, title=f"{country_name(r.country)}: {r.sector}, lambda {r.lamb:g}",
                    digits=2)
    announce(files)


def register(app: typer.Typer) -> None:
    """Add the ``gap`` command to ``app``."""
    app.command("gap")(gap_command)
