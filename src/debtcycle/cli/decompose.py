"""``debtcycle decompose COUNTRY --sector S --from P --to P``: why debt/GDP moved."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from debtcycle.analytics.leverage.decompose import Decomposition, decompose_leverage
from debtcycle.cli._common import console, friendly_errors, print_frame, print_json
from debtcycle.cli._leverage_load import load_decomposition_inputs, load_nominal_gdp, load_rate
from debtcycle.outputs.charts import save_chart
from debtcycle.outputs.charts.leverage_decompose import decomposition_chart
from debtcycle.vocab import check_country, check_sector, country_name

__all__ = ["load_decomposition", "register"]


def load_decomposition(
    country: str, sector: str, start: str | None, end: str | None
) -> Decomposition:
    """Fetch debt, BIS-implied nominal GDP, real GDP and a rate, and decompose."""
    code, sec = check_country(country), check_sector(sector)
    debt, ratio, real = load_decomposition_inputs(code, sec)
    return decompose_leverage(debt, load_nominal_gdp(code), real, start=start, end=end,
                              published=ratio, rate=load_rate(code))


@friendly_errors
def decompose_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. US.")],
    sector: Annotated[str, typer.Option(help="Borrowing sector.")] = "total_nonfin",
    start: Annotated[str | None, typer.Option("--from", help="First period, e.g. 2008Q4.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last period (default: latest).")] = None,
    chart: Annotated[Path | None, typer.Option(help="Chart path (writes .html and .png).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Split a debt/GDP change into debt growth, real growth, inflation and a cross term."""
    result = load_decomposition(country, sector, start, end)
    code = check_country(country)
    files: list[str] = []
    if chart is not None:
        title = f"{country_name(code)}, {sector}: change of debt/GDP by source"
        files = [str(p) for p in save_chart(decomposition_chart(result, title=title), chart)]
    summary = {"country": code, "sector": sector, "measure": "debt_gdp", **result.params,
               "totals": result.totals.round(4).to_dict(), "kind": result.kind,
               "nominal_gdp_growth_pct": result.nominal_growth, "rate_pct": result.rate,
               "dalio": result.dalio, "charts": files, "sources": result.provenance}
    if as_json:
        print_json({**summary, "periods": result.terms.reset_index()})
        return
    print_frame(result.totals.to_frame("pp").rename_axis("term"), digits=2,
                title=f"{country_name(code)} {sector}: {result.params['start']} to "
                f"{result.params['end']} ({result.kind})")
    rate = f"{result.rate:.2f}%" if result.rate is not None else "n/a"
    console.print(f"nominal GDP growth {result.nominal_growth:.2f}%/yr, interest rate {rate}"
                  + (f" -> {result.dalio} deleveraging (Dalio)" if result.dalio else ""))
    for path in files:
        console.print(f"chart written: {path}")


def register(app: typer.Typer) -> None:
    """Add the ``decompose`` command to ``app``."""
    app.command("decompose")(decompose_command)
