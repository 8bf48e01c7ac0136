"""``debtcycle fiscal baseline|decompose|fan|stress``: debt dynamics from the store.

Heavy modules (the scenario analytics, charts) are imported inside the commands
so that every other ``debtcycle`` command starts quickly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from debtcycle.analytics._result import jsonable
from debtcycle.cli._common import console, friendly_errors, print_frame, print_json
from debtcycle.errors import BadInputError
from debtcycle.sources.cbo import SOURCE as CBO
from debtcycle.vocab import check_country, country_name

__all__ = ["register"]

fiscal_app = typer.Typer(help="Government debt dynamics: CBO baseline, decomposition, fan "
                         "charts, stress tests.", no_args_is_help=True)

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
                     as_json: JsonFlag = False) -> None:
    """Reproduce CBO's debt path with the engine (zero stock-flow adjustment)."""
    if check_country(country) != "US":
        raise BadInputError(f"{country}: an official baseline is loaded only for the US (CBO); "
                            "'debtcycle fiscal fan' and 'stress' use a history baseline")
    from debtcycle import scenarios

    rep = scenarios.cbo_reproduction()
    source = f"{CBO.files[0].description} ({CBO.files[0].url})"
    if as_json:
        rows = rep.frame.reset_index().to_dict(orient="records")
        print_json({"country": "US", "source": source, "max_abs_diff": rep.max_abs_diff,
                    "data": jsonable(rows)})
        return
    print_frame(_by_year(rep.frame), digits=2,
                title="US debt held by the public, % of GDP: engine vs CBO")
    console.print(f"max |engine - CBO| = {rep.max_abs_diff:.2f} pp; source: {source}")


@fiscal_app.command("decompose")
@friendly_errors
def decompose_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. US, JP.")],
    start: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    end: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Split each year's change in government debt/GDP into interest, growth, primary, SFA."""
    from debtcycle import scenarios

    path = scenarios.decompose(country, start, end)
    cols = ["debt_gdp", "change", "interest", "growth_real", "inflation", "primary_balance",
            "sfa"]
    if as_json:
        print_json({"country": check_country(country), "unit": "pp_gdp",
                    "data": path.frame[cols].reset_index()})
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
    if paths < 1:
        raise BadInputError(f"--paths {paths}: give a positive number of paths")
    from debtcycle import scenarios
    from debtcycle.outputs.charts import save_chart
    from debtcycle.outputs.charts.fiscal import debt_fan_chart

    fan = scenarios.fan(country, paths=paths, years=years, seed=seed, method=method,
                        thresholds=tuple(threshold) if threshold else None)
    files: list[str] = []
    if chart is not None:
        spec = debt_fan_chart(fan, {"median": fan.percentiles["p50"]},
                              title=f"{country_name(country)}: debt, % of GDP")
        files = [str(p) for p in save_chart(spec, chart)]
    if as_json:
        print_json({"country": check_country(country), "percentiles": fan.percentiles,
                    "prob_debt_higher_in_5y": fan.prob_higher_5y, "thresholds": fan.thresholds,
                    "recession_probability": fan.recession_probability, "params": fan.params,
                    "provenance": fan.provenance, "charts": files})
        return
    print_frame(_by_year(fan.percentiles), title=f"{country_name(country)}: debt fan, % of GDP")
    console.print(f"P(debt higher in 5 years) = {fan.prob_higher_5y:.2f}; thresholds "
                  f"{fan.thresholds}; recession probability (2y) = {fan.recession_probability:.2f}")
    _written([Path(f) for f in files])


@fiscal_app.command("stress")
@friendly_errors
def stress_command(
    country: Annotated[str, typer.Argument(help="Country code.")],
    as_json: JsonFlag = False,
    chart: ChartPath = None,
) -> None:
    """IMF-standard stress tests: growth, interest, primary balance, combined, contingent."""
    from debtcycle import scenarios
    from debtcycle.outputs.charts import save_chart
    from debtcycle.outputs.charts.fiscal import stress_chart

    result = scenarios.stress(country)
    files: list[str] = []
    if chart is not None:
        files = [str(p) for p in save_chart(stress_chart(
            result, title=f"{country_name(country)}: debt under stress, % of GDP"), chart)]
    if as_json:
        print_json({"country": check_country(country), "paths": result.paths,
                    "summary": result.summary_frame(), "params": result.params,
                    "provenance": result.provenance, "charts": files})
        return
    print_frame(_by_year(result.paths),
                title=f"{country_name(country)}: debt under stress, % of GDP")
    print_frame(result.summary_frame(), title="End and peak debt, % of GDP")
    _written([Path(f) for f in files])


def register(app: typer.Typer) -> None:
    """Add the ``fiscal`` command group to ``app``."""
    app.add_typer(fiscal_app, name="fiscal")
