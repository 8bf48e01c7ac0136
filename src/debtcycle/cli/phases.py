"""``debtcycle phases COUNTRY [--sector S] [--json] [--chart PATH]``: leverage-cycle phases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from debtcycle.analytics.leverage.phases import DEFAULT_MASK
from debtcycle.analytics.leverage.summary import CountryPhases, country_phases
from debtcycle.cli._common import console, friendly_errors, print_frame, print_json
from debtcycle.cli._leverage_load import SECTORS, load_sectors
from debtcycle.outputs.charts import save_chart
from debtcycle.outputs.charts.phases import phases_chart
from debtcycle.vocab import check_country, check_sector, country_name

__all__ = ["load_phases", "register"]


def load_phases(country: str, sector: str | None = None, **params: Any) -> CountryPhases:
    """Fetch BIS debt/GDP for ``country`` (one sector or all) and detect the phases.

    Phases use the catalog's default series (government debt at nominal value);
    the drivers use government debt at market value, the basis of BIS totals.
    ``params`` go to :func:`debtcycle.analytics.leverage.detect_phases`.
    """
    code = check_country(country)
    sectors = [check_sector(sector)] if sector else list(SECTORS)
    wanted = sectors if sector is None else [*sectors, "total_nonfin"]
    frame = load_sectors(code, wanted, government="default")
    basis = load_sectors(code, wanted, government="market")
    result = country_phases(frame, country=code, drivers_frame=basis, **params)
    if sector is not None:
        kept = {k: v for k, v in result.sectors.items() if k == sectors[0]}
        result = CountryPhases(country=code, sectors=kept, drivers=result.drivers,
                               params=result.params, provenance=result.provenance)
    return result


@friendly_errors
def phases_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. CN.")],
    sector: Annotated[str | None, typer.Option(help="One sector (default: all).")] = None,
    penalty: Annotated[float, typer.Option(help="Cost per extra kink, pp^2.")] = 40.0,
    min_years: Annotated[float, typer.Option(help="Shortest phase, years.")] = 2.0,
    threshold: Annotated[float, typer.Option(help="Slope for (de)leveraging, pp/yr.")] = 1.0,
    mask: Annotated[bool, typer.Option(help="Bridge the 2020Q1-2021Q4 Covid window.")] = True,
    chart: Annotated[Path | None, typer.Option(help="Chart path (writes .html and .png).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Leveraging, deleveraging and stable phases of debt/GDP (BIS), with their drivers."""
    result = load_phases(country, sector, penalty=penalty, min_years=min_years,
                         threshold=threshold, mask=DEFAULT_MASK if mask else None)
    files: list[str] = []
    if chart is not None:
        title = f"{country_name(result.country)}: leverage phases"
        spec = phases_chart(result.sectors, title=title)
        files = [str(p) for p in save_chart(spec, chart)]
    records = result.records()
    if as_json:
        print_json(records[0] if sector else records)
        return
    table = result.to_frame().drop(columns=["start_level", "end_level"])
    print_frame(table.set_index("sector"), title=f"{country_name(result.country)}: phases "
                f"of debt/GDP (BIS), threshold {threshold} pp/yr")
    if sector is None and not result.drivers.empty:
        print_frame(result.drivers.set_index("start"), title="Drivers of total leverage phases")
    for path in files:
        console.print(f"chart written: {path}")


def register(app: typer.Typer) -> None:
    """Add the ``phases`` command to ``app``."""
    app.command("phases")(phases_command)
