"""``debtcycle decompose COUNTRY --sector S --from P --to P``: why debt/GDP moved."""

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

_TERMS = {"change": "Change of debt/GDP", "debt": "Debt growth", "real_growth": "Real growth",
          "inflation": "Inflation", "cross": "Cross term"}


@friendly_errors
def decompose_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. US.")],
    sector: Annotated[str, typer.Option(help="Borrowing sector.")] = "total_nonfin",
    start: Annotated[str | None, typer.Option(
        "--from", help="First period, e.g. 2008Q4 or 2008 (its end); default: first common.",
        show_default=False)] = None,
    end: Annotated[str | None, typer.Option(
        "--to", help="Last period (default: latest).", show_default=False)] = None,
    all_rows: AllOption = False,
    out: OutOption = None,
    chart: ChartOption = None,
    as_json: JsonOption = False,
) -> None:
    """Split a debt/GDP change into debt growth, real growth, inflation and a cross term.

    The table shows the totals over the window; --all adds the term of every
    period, --out writes them all.
    """
    import debtcycle

    result = debtcycle.decompose(country, sector=sector, start=start, end=end)
    files: list[str] = []
    if out is not None:
        files.append(str(write_table(result.to_frame(), out, meta=result.provenance)))
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.leverage_decompose import decomposition_chart

        files += [str(p) for p in save_chart(decomposition_chart(result), chart)]
    if as_json:
        print_json(result.to_dict())
        announce(files, as_json=True)
        return
    _print(result, all_rows)
    announce(files)


def _print(result: Any, all_rows: bool) -> None:
    from debtcycle.vocab import country_name

    params = result.params
    totals = result.totals
    table = totals.rename(index=lambda t: _TERMS.get(str(t), human_name(t))).to_frame("pp")
    print_frame(table.rename_axis("Term"), digits=2,
                title=f"{country_name(params['country'])}, {human_name(params['sector'])}: "
                f"change of debt/GDP from {params['start']} to {params['end']} "
                f"({result.kind.replace('_', ' ')})")
    rate = result.rate
    dalio = result.dalio
    say(f"nominal GDP growth {result.nominal_growth:.2f}%/yr, "
                  f"interest rate {'n/a' if rate is None else f'{rate:.2f}%'}"
                  + (f": {dalio} deleveraging (Dalio)" if dalio else ""))
    if all_rows:
        print_frame(result.terms.rename_axis("Period"), digits=2,
                    title="Terms by period, pp")
    else:
        say(f"{len(result.terms)} periods; --all shows each, "
                      "--out FILE writes them", style="dim")


def register(app: typer.Typer) -> None:
    """Add the ``decompose`` command to ``app``."""
    app.command("decompose")(decompose_command)
