"""``debtcycle fiscal baseline|changes|decompose|fan|stress``: debt dynamics from the store.

Heavy modules (the scenario analytics, charts) are imported inside the commands
so that every other ``debtcycle`` command starts quickly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from debtcycle.cli._common import console, friendly_errors, print_frame, print_json
from debtcycle.errors import BadInputError
from debtcycle.vocab import country_name

__all__ = ["register"]

fiscal_app = typer.Typer(help="Government debt dynamics: CBO baseline and its changes, "
                         "decomposition, fan charts, stress tests.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print machine-readable output.")]
ChartPath = Annotated[Path | None, typer.Option(help="Chart path (writes .html and .png).")]


def _by_year(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.index = out.index.astype(str)
    return out


def _written(files: list[Path]) -> list[str]:
    for path in files:
        console.print(f"chart written: {path}")
    return [str(p) for p in files]


@fiscal_app.command("baseline")
@friendly_errors
def baseline_command(country: Annotated[str, typer.Argument(help="Country code (US).")],
                     vintage: Annotated[str, typer.Option(
                         help="CBO vintage: 2026-02 (net interest projected) or 2024-03.")
                     ] = "2026-02",
                     as_json: JsonFlag = False) -> None:
    """Reproduce CBO's debt path with the engine (zero stock-flow adjustment)."""
    from debtcycle.facade.fiscal import fiscal_baseline

    rep = fiscal_baseline(country, vintage)
    if as_json:
        print_json(rep.to_dict())
        return
    cols = ["debt_gdp", "cbo_debt_gdp", "diff", "net_interest_gdp", "cbo_net_interest_gdp",
            "net_interest_gap"]
    table = _by_year(rep.frame[cols])
    table.columns = pd.Index(["Debt (engine)", "Debt (CBO)", "Gap, pp", "Net interest (engine)",
                              "Net interest (CBO)", "Interest gap, pp"])
    print_frame(table, digits=2, title=f"US debt held by the public and net interest, % of GDP: "
                f"engine vs CBO ({rep.vintage})")
    console.print(f"max |engine - CBO| debt = {rep.max_abs_diff:.2f} pp; net interest "
                  f"{rep.max_abs_interest_gap:.2f} pp; source: {rep.provenance.get('source')}",
                  markup=False)


@fiscal_app.command("changes")
@friendly_errors
def changes_command(
    country: Annotated[str, typer.Argument(help="Country code (US).")],
    start: Annotated[str, typer.Option("--from", help="Earlier CBO baseline, YYYY-MM.")
                     ] = "2025-01",
    end: Annotated[str, typer.Option("--to", help="Later CBO baseline, YYYY-MM.")] = "2026-02",
    as_json: JsonFlag = False,
    chart: ChartPath = None,
) -> None:
    """CBO's baseline changes by fiscal year: legislative, economic, technical ($ bn)."""
    from debtcycle.facade.fiscal import fiscal_changes

    result = fiscal_changes(country, start, end)
    files: list[str] = []
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.fiscal import changes_chart

        files = [str(p) for p in save_chart(changes_chart(result), chart)]
    if as_json:
        print_json({**result.to_dict(), "charts": files})
        return
    names = {"revenues": "Revenues", "customs_duties": "Customs duties", "outlays": "Outlays",
             "net_interest": "Net interest", "deficit": "Deficit (balance)"}
    table = result.frame.rename(columns=names)
    table.index = pd.Index([f"{y} {c}" for y, c in result.frame.index], name="Year, category")
    print_frame(table, digits=1, title=f"CBO baseline changes {start} -> {end}, $ bn "
                "(deficit: negative = larger deficit)")
    print_frame(result.totals().rename(columns=names).rename_axis("Category"), digits=1,
                title=f"Sum over fiscal years {result.params['years'][0]}-"
                f"{result.params['years'][1]}, $ bn")
    _written([Path(f) for f in files])


@fiscal_app.command("decompose")
@friendly_errors
def decompose_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. US, JP.")],
    start: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    end: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Split each year's change in government debt/GDP into interest, growth, primary, SFA."""
    from debtcycle.facade.fiscal import fiscal_decompose

    path = fiscal_decompose(country, start, end)
    cols = ["debt_gdp", "change", "interest", "growth_real", "inflation", "primary_balance",
            "sfa"]
    if as_json:
        print_json(path.to_dict())
        return
    print_frame(_by_year(path.frame[cols]), digits=2,
                title=f"{country_name(country)}: debt change decomposition, pp of GDP")


@fiscal_app.command("fan")
@friendly_errors
def fan_command(
    country: Annotated[str, typer.Argument(help="Country code.")],
    paths: Annotated[int, typer.Option(help="Simulated paths.")] = 100_000,
    years: Annotated[int, typer.Option(help="Years ahead.")] = 10,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    method: Annotated[str, typer.Option(help="normal or bootstrap.")] = "normal",
    threshold: Annotated[list[float] | None, typer.Option(
        help="Debt level (% of GDP) whose crossing probability is reported; repeatable.")
    ] = None,
    as_json: JsonFlag = False,
    chart: ChartPath = None,
) -> None:
    """Stochastic fan chart of the baseline debt path (historical shocks, seeded)."""
    for value, name, low in ((paths, "--paths", 1), (years, "--years", 1), (seed, "--seed", 0)):
        if value < low:
            raise BadInputError(f"{name} {value}: give a whole number of at least {low}")
    from debtcycle.facade.fiscal import fiscal_decompose, fiscal_fan
    from debtcycle.outputs.charts import save_chart
    from debtcycle.outputs.charts.fiscal import baseline_fan_chart

    fan = fiscal_fan(country, paths=paths, years=years, seed=seed, method=method,
                     thresholds=tuple(threshold) if threshold else None)
    files: list[str] = []
    if chart is not None:
        first = int(fan.percentiles.index[0])
        history = fiscal_decompose(country, first - 15, first - 1).frame["debt_gdp"]
        spec = baseline_fan_chart(fan, title=f"{country_name(country)}: debt, % of GDP",
                                  baseline_source=str(fan.provenance.get("baseline", "")),
                                  history=history)
        files = [str(p) for p in save_chart(spec, chart)]
    if as_json:
        print_json({**fan.to_dict(), "charts": files})
        return
    print_frame(_by_year(fan.percentiles), title=f"{country_name(country)}: debt fan, % of GDP")
    above = ", ".join(f"above {k:g}% of GDP {100 * v:.1f}%" for k, v in fan.thresholds.items())
    console.print(f"probability debt is higher in 5 years: {100 * fan.prob_higher_5y:.1f}%; "
                  f"peak over the horizon: {above}", markup=False)
    _written([Path(f) for f in files])


@fiscal_app.command("stress")
@friendly_errors
def stress_command(
    country: Annotated[str, typer.Argument(help="Country code.")],
    as_json: JsonFlag = False,
    chart: ChartPath = None,
) -> None:
    """IMF-standard stress tests: growth, interest, primary balance, combined, contingent."""
    from debtcycle.facade.fiscal import fiscal_stress
    from debtcycle.outputs.charts import save_chart
    from debtcycle.outputs.charts.fiscal import stress_chart

    result = fiscal_stress(country)
    files: list[str] = []
    if chart is not None:
        files = [str(p) for p in save_chart(stress_chart(
            result, title=f"{country_name(country)}: debt under stress, % of GDP"), chart)]
    if as_json:
        print_json({**result.to_dict(), "charts": files})
        return
    print_frame(_by_year(result.paths),
                title=f"{country_name(country)}: debt under stress, % of GDP")
    print_frame(result.summary_frame(), title="End and peak debt, % of GDP")
    _written([Path(f) for f in files])


def register(app: typer.Typer) -> None:
    """Add the ``fiscal`` command group to ``app``."""
    app.add_typer(fiscal_app, name="fiscal")
