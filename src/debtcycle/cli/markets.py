"""``debtcycle markets COUNTRY`` and its event, consolidations, summary and scenario forms.

* ``markets COUNTRY [--sector S]``: equity and bond returns and 10-year-yield
  changes in each leverage phase (:func:`debtcycle.markets`);
* ``markets event COUNTRY ... --event property-peak|consolidation|PERIOD``:
  event study, 8 quarters before to 12 after (:func:`debtcycle.market_events`);
* ``markets consolidations COUNTRY``: consolidation years (:func:`debtcycle.consolidations`);
* ``markets summary [COUNTRY ...]``: cross-country medians by sector and phase;
* ``markets scenario FILE``: implied yield and equity changes of a fiscal
  scenario (:func:`debtcycle.scenario_markets`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

__all__ = ["register"]

_USAGE = ("Usage: debtcycle markets COUNTRY [--sector S]; markets event COUNTRY... --event "
          "property-peak|consolidation|2016Q1; markets consolidations COUNTRY; markets summary "
          "[COUNTRY...]; markets scenario FILE.")


def _ci(value: float, low: float, high: float) -> str:
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if math.isnan(low) or math.isnan(high):
        return f"{value:+.1f}%"
    return f"{value:+.1f}% [{low:+.1f}, {high:+.1f}]"


def _phase_view(table: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    def col(name: str) -> pd.Series:
        return table[name] if name in table.columns else pd.Series(float("nan"), table.index)

    view = pd.DataFrame({
        "Sector": table["sector"].str.replace("_", " "),
        "Phase": table["label"],
        "From": table["start"].astype(str), "To": table["end"].astype(str),
        "Years": table["years"],
        "Equity, real, % a year [90% CI]": [
            _ci(v, lo, hi) for v, lo, hi in zip(col("equity_real_pct_pa"), col("equity_real_lo"),
                                                col("equity_real_hi"), strict=True)],
        "Equity, nominal, % a year": col("equity_nominal_pct_pa"),
        "Equity max drawdown, %": col("equity_real_max_dd_pct"),
        "Bonds, real, % a year": col("bond_real_pct_pa"),
        "10-year yield change, bp": col("yield_10y_change_bp"),
    })
    return view


def _phases(country: str, sector: str | None, *, basis: str, as_of: str | None,
            as_json: bool, out: Path | None, chart: Path | None) -> None:
    import debtcycle

    result = debtcycle.markets(country, sector, basis=basis, as_of=as_of)
    files: list[str] = []
    if out is not None:
        files.append(str(write_table(result.to_frame(), out, meta=result.series, index=False)))
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.markets import markets_chart

        files += [str(p) for p in save_chart(markets_chart(result, sector=sector), chart)]
    if as_json:
        print_json(result.to_dict())
        announce(files, as_json=True)
        return
    from debtcycle.vocab import country_name

    print_frame(_phase_view(result.table), index=False, human=False,
                title=f"{country_name(result.country)}: markets by leverage phase "
                      "(all periods = the country's benchmark)")
    basis = "; ".join(f"{k}: {v.get('title') or v.get('source', '')} ({v.get('series_key')})"
                      + (f" ({v['note']})" if v.get("note") else "")
                      for k, v in result.series.items())
    typer.echo(f"series: {basis}")
    announce(files)


def _events(countries: list[str], event: str, sector: str | None, *, annual: bool,
            as_json: bool, out: Path | None,
            chart: Path | None, threshold: float) -> None:
    import debtcycle

    result = debtcycle.market_events(countries or None, event, sector=sector or "general_gov",
                                     frequency="A" if annual else "Q", threshold=threshold)
    files: list[str] = []
    if out is not None:
        files.append(str(write_table(result.bands, out, meta=result.provenance, index=False)))
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.markets import event_chart

        files += [str(p) for p in save_chart(event_chart(result), chart)]
    if as_json:
        print_json(result.to_dict())
        announce(files, as_json=True)
        return
    view = result.horizons.rename(columns={
        "variable": "Variable", "k": "Years after" if annual else "Quarters after",
        "n": "Episodes", "unit": "Unit", "all_periods_mean": "Any period, mean",
        "mean": "Mean change", "lo": "90% CI low", "hi": "90% CI high",
        "share_negative": "Share of episodes negative"})
    print_frame(view, index=False, human=False,
                title=f"Event study: {event} ({len(result.events)} episodes); equity in %, "
                      f"yield in bp, from the event {'year' if annual else 'quarter'}")
    print_frame(result.events, index=False, title="Episodes")
    announce(files)


def _consolidations(country: str, *, as_json: bool, out: Path | None, threshold: float) -> None:
    import debtcycle

    result = debtcycle.consolidations(country, threshold=threshold)
    if out is not None:
        path = write_table(result.years.reset_index(), out, meta=result.provenance, index=False)
    if as_json:
        print_json(result.to_dict())
        if out is not None:
            announce([path], as_json=True)
        return
    print_frame(result.episodes, index=False,
                title=f"{result.country}: fiscal consolidations (change in the cyclically "
                      f"adjusted primary balance >= {threshold}% of GDP)")
    typer.echo(f"years: {', '.join(str(y) for y in result.consolidation_years) or 'none'}")
    if out is not None:
        announce([path])


def _summary(countries: list[str], *, as_json: bool, out: Path | None) -> None:
    import debtcycle

    result = debtcycle.markets_summary(countries or None)
    if out is not None:
        write_table(result.table, out, index=False)
    if as_json:
        print_json(result.to_dict())
        return
    print_frame(result.table, index=False,
                title="What equities and bonds did by sector and leverage phase "
                      "(medians across countries' phases; returns real, % a year)")


def _scenario(path: str, *, as_json: bool, out: Path | None, chart: Path | None) -> None:
    import debtcycle

    result = debtcycle.scenario_markets(path)
    files: list[str] = []
    if out is not None:
        files.append(str(write_table(result.table, out, meta=result.provenance)))
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.markets import scenario_markets_chart

        files += [str(p) for p in save_chart(scenario_markets_chart(result), chart)]
    if as_json:
        print_json(result.to_dict())
        announce(files, as_json=True)
        return
    print_frame(result.table.rename_axis("Year"),
                title=f"{result.country}: implied market changes against the baseline "
                      f"(earnings beta {result.params['beta']:.2f}, earnings yield "
                      f"{100 * result.params['earnings_yield']:.1f}%)")
    announce(files)


@friendly_errors
def markets_command(
    args: Annotated[list[str], typer.Argument(
        help="COUNTRY; or event COUNTRY...; consolidations COUNTRY; summary [COUNTRY...]; "
             "scenario FILE.")],
    sector: Annotated[str | None, typer.Option(
        help="One sector's phases (default households, nonfin_corp, general_gov).",
        show_default=False)] = None,
    event: Annotated[str, typer.Option(
        help="event: property-peak, consolidation, deleveraging-start (of --sector, default "
             "general_gov), leveraging-start, stable-start or a period (2016Q1).")] =
    "property-peak",
    threshold: Annotated[float, typer.Option(
        help="Consolidation: primary-balance improvement, % of GDP.")] = 1.5,
    annual: Annotated[bool, typer.Option(
        "--annual", help="event: JST annual total returns and yields (18 economies), "
                         "2 years before to 3 after.")] = False,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Phases as dated with debt data up to this period (e.g. 2015Q4).",
        show_default=False)] = None,
    basis: Annotated[str, typer.Option(
        help="price (best price index) or total_return (JST annual total returns).")] = "price",
    out: OutOption = None,
    chart: ChartOption = None,
    as_json: JsonOption = False,
) -> None:
    """Equities and bond yields by leverage phase, around events and under a scenario.

    Forms: markets COUNTRY [--sector S] [--as-of P] (returns by phase);
    markets event COUNTRY... --event property-peak|consolidation|deleveraging-start|PERIOD
    [--annual]; markets consolidations COUNTRY; markets summary [COUNTRY...];
    markets scenario FILE.toml.
    """
    if not args:
        raise BadInputError(_USAGE)
    head, rest = args[0].lower(), args[1:]
    if head == "event":
        _events(rest, event, sector, annual=annual, as_json=as_json, out=out, chart=chart,
                threshold=threshold)
    elif head == "consolidations":
        if len(rest) != 1:
            raise BadInputError("Usage: debtcycle markets consolidations COUNTRY, e.g. US.")
        _consolidations(rest[0], as_json=as_json, out=out, threshold=threshold)
    elif head == "summary":
        _summary(rest, as_json=as_json, out=out)
    elif head == "scenario":
        if len(rest) != 1:
            raise BadInputError("Usage: debtcycle markets scenario FILE.toml.")
        _scenario(rest[0], as_json=as_json, out=out, chart=chart)
    elif len(args) == 1:
        _phases(args[0], sector, basis=basis, as_of=as_of, as_json=as_json, out=out,
                chart=chart)
    else:
        raise BadInputError(_USAGE)


def register(app: typer.Typer) -> None:
    """Add the ``markets`` command to ``app``."""
    app.command("markets")(markets_command)
