"""``debtcycle series COUNTRY SECTOR [MEASURE]``: print or export one series."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from debtcycle.cli._common import (
    AllOption,
    FromOption,
    JsonOption,
    OutOption,
    ToOption,
    friendly_errors,
    print_json,
    print_table,
    say,
    window,
    write_table,
)

__all__ = ["register"]

_KEYS = ("country", "sector", "measure", "source", "series_key", "unit", "dataset", "valuation",
         "freq", "vintage", "url")


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
    start: FromOption = None,
    end: ToOption = None,
    all_rows: AllOption = False,
    out: OutOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print one series (or write it to a file) with its source and series key.

    --from/--to cut every output (table, JSON, file); without them the table
    shows the last rows and says how many it hid.
    """
    from debtcycle.catalog import series as get_series

    data = get_series(country, sector, measure, source=source, valuation=valuation, freq=freq)
    info: dict[str, Any] = dict(data.attrs["info"])
    data = window(data.to_frame("value"), start, end)["value"]
    if out is not None:
        write_table(data.to_frame("value"), out, meta=info)
    if as_json:
        print_json({**{k: info.get(k) for k in _KEYS},
                    "data": [{"period": str(p), "value": float(v)} for p, v in data.items()]})
        return
    say(info["title"] or str(data.name), style="bold")
    valuation_text = f", {info['valuation']} value" if info.get("valuation") else ""
    say(f"{info['source']} {info['dataset']} {info['series_key']} "
                  f"({info['unit']}{valuation_text}, vintage {info['vintage']})")
    if out is not None:
        say(f"written: {out}")
        return
    print_table(data.to_frame("value"), all_rows=all_rows, digits=_digits(data))


def _digits(data: Any) -> int:
    """One decimal for ratios; more for small numbers such as rates in fractions."""
    values = data.abs().dropna()
    return 1 if values.empty or float(values.median()) >= 10 else 2


def register(app: typer.Typer) -> None:
    """Add the ``series`` command to ``app``."""
    app.command("series")(series_command)
