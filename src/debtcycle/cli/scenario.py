"""``debtcycle scenario run FILE``: a fiscal scenario (TOML) against its baseline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from debtcycle.cli._common import console, friendly_errors, print_frame, print_json

__all__ = ["register"]

scenario_app = typer.Typer(help="Fiscal scenarios from TOML files (see scenarios/).",
                           no_args_is_help=True)


@scenario_app.command("run")
@friendly_errors
def run_command(
    file: Annotated[Path, typer.Argument(help="Scenario file, e.g. "
                                         "scenarios/us-debt-conversion.toml.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")
                       ] = False,
    chart: Annotated[Path | None, typer.Option(help="Chart path (writes .html and .png).")
                     ] = None,
) -> None:
    """Run the scenario: baseline vs scenario, fan percentiles, recession probability."""
    from debtcycle.facade.fiscal import fiscal_decompose, recent_paths, scenario
    from debtcycle.outputs.charts import save_chart
    from debtcycle.outputs.charts.fiscal import scenario_chart

    result = scenario(file)
    from debtcycle.facade.markets import scenario_markets

    market = scenario_markets(result)  # implied yield and equity changes (docs/markets.md)
    files: list[str] = []
    if chart is not None:
        name = str(result.params.get("name", file.stem))
        first = int(result.baseline.index[0])
        history = recent_paths(result.country, first - 10, first - 1).join(
            fiscal_decompose(result.country, first - 10, first - 1).frame["debt_gdp"],
            how="outer")
        files = [str(p) for p in save_chart(scenario_chart(result, title=name, history=history),
                                            chart)]
    if as_json:
        print_json({**result.to_dict(), "markets": market.to_dict(), "charts": files})
        return
    cols = ["debt_gdp", "real_gdp_growth", "yield_10y"]
    table = pd.concat({"base": result.baseline[cols], "scen": result.scenario[cols],
                       "diff": result.differences[cols]}, axis=1)
    table.columns = pd.Index([" ".join(map(str, c)) for c in table.columns])
    table.index = table.index.astype(str)
    print_frame(table, title=str(result.params.get("name")), digits=2)
    rec = result.recession_probability
    if rec:
        console.print(f"recession within 4 quarters (mean of the first years, term-spread "
                      f"model): baseline {rec['baseline']:.3f}, scenario {rec['scenario']:.3f}; "
                      f"historical base rate {result.params['recession_base_rate']:.3f}",
                      markup=False)
    else:
        console.print("recession probability: not computed (the model uses NBER dates, US "
                      "only)", markup=False)
    console.print(f"fan (scenario debt, last year): p5 {result.fan.percentiles['p5'].iloc[-1]:.1f}"
                  f", p50 {result.fan.percentiles['p50'].iloc[-1]:.1f}, "
                  f"p95 {result.fan.percentiles['p95'].iloc[-1]:.1f}")
    last = market.table.iloc[-1]
    console.print(f"markets, last year vs baseline: 10-year yield "
                  f"{last['yield_change_bp']:+.0f} bp, equities {last['equity_pct']:+.1f}% "
                  f"(range {last['equity_low_pct']:+.1f} to {last['equity_high_pct']:+.1f}%)",
                  markup=False)
    for path in files:
        console.print(f"chart written: {path}")


def register(app: typer.Typer) -> None:
    """Add the ``scenario`` command group to ``app``."""
    app.add_typer(scenario_app, name="scenario")
