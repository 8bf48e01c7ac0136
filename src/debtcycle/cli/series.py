"""``debtcycle series COUNTRY SECTOR MEASURE``: print or export one series."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from debtcycle.catalog import series as get_series
from debtcycle.cli._common import console, friendly_errors, print_frame, print_json, write_table

__all__ = ["register"]


@friendly_errors
def series_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. CN, US, XM.")],
    sector: Annotated[str, typer.Argument(help="Sector, e.g. households, nonfin_corp, economy.")],
    measure: Annotated[
        str, typer.Argument(help="Measure, e.g. debt_gdp, credit_gap.")
    ] = "debt_gdp",
    source: Annotated[
        str | None, typer.Option(help="Force a source (bis, imf, gmd, jst, fred).")
    ] = None,
    valuation: Annotated[str | None, typer.Option(help="market or nominal.")] = None,
    freq: Annotated[str | None, typer.Option(help="Q, M, A or D.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write to .csv, .xlsx or .parquet.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Print one series (or write it to a file) with its source and series key."""
    data = get_series(country, sector, measure, source=source, valuation=valuation, freq=freq)
    info = data.attrs["info"]
    if out is not None:
        write_table(data.to_frame("value"), out)
    if as_json:
        print_json(
            {
                **{
                    k: info[k]
                    for k in ("country", "sector", "measure", "source", "series_key", "unit")
                },
                "dataset": info["dataset"],
                "valuation": info["valuation"],
                "freq": info["freq"],
                "vintage": info["vintage"],
                "data": [{"period": str(p), "value": float(v)} for p, v in data.items()],
            }
        )
        return
    console.print(
        f"[bold]{info['title'] or data.name}[/bold]\n{info['source']} {info['dataset']} "
        f"{info['series_key']} ({info['unit']}, {info['vintage']})",
        highlight=False,
    )
    if out is not None:
        console.print(f"written {out}")
        return
    print_frame(data.to_frame("value").tail(40))


def register(app: typer.Typer) -> None:
    """Add the ``series`` command to ``app``."""
    app.command("series")(series_command)
