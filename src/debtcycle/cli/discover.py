"""``debtcycle list`` and ``debtcycle search TEXT``: what the store holds, from the catalog."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from debtcycle.cli._common import (
    AllOption,
    JsonOption,
    OutOption,
    announce,
    friendly_errors,
    print_json,
    print_table,
    say,
    write_table,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["register"]

#: Columns shown, in order (the JSON keys of each series).
COLUMNS = ("country", "sector", "measure", "source", "dataset", "series_key", "unit",
           "valuation", "freq", "first", "last", "observations")


def _label(stamp: Any, freq: str) -> str:
    """Return the period label of a first day (``2006-01-01`` on Q -> ``2006Q1``)."""
    import pandas as pd

    if stamp is None or stamp == "" or pd.isna(stamp):
        return ""
    code = {"Q": "Q", "A": "Y", "Y": "Y", "M": "M", "D": "D", "W": "W"}.get(freq, "D")
    return str(pd.Timestamp(stamp).to_period(code))


def _table(found: pd.DataFrame) -> pd.DataFrame:
    """Return the catalog listing as the table shown (period labels, plain counts)."""
    import pandas as pd

    if found.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    out = found.assign(
        first=[_label(s, f) for s, f in zip(found["first_period"], found["freq"], strict=True)],
        last=[_label(s, f) for s, f in zip(found["last_period"], found["freq"], strict=True)],
        observations=found["n_obs"].astype(int),
    )
    return out.loc[:, list(COLUMNS)].reset_index(drop=True)


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): (int(v) if k == "observations" else str(v)) for k, v in row.items()}
            for row in table.to_dict(orient="records")]


def _show(table: pd.DataFrame, *, title: str, filters: dict[str, Any], all_rows: bool,
          out: Any, as_json: bool) -> None:
    files = [str(write_table(table, out, index=False))] if out is not None else []
    if as_json:
        print_json({**filters, "count": len(table), "series": _records(table)})
        announce(files, as_json=True)
        return
    if table.empty:
        say("no series match; try fewer filters, or `debtcycle search WORD`")
        return
    shown = table.set_index("country")
    print_table(shown, title=title, all_rows=all_rows)
    announce(files)


@friendly_errors
def list_command(
    country: Annotated[str | None, typer.Option(help="Country code, e.g. CN.",
                                                show_default=False)] = None,
    sector: Annotated[str | None, typer.Option(help="Sector, e.g. households.",
                                               show_default=False)] = None,
    measure: Annotated[str | None, typer.Option(help="Measure, e.g. debt_gdp.",
                                                show_default=False)] = None,
    source: Annotated[str | None, typer.Option(help="Publisher: bis, fred, imf, gmd, jst, ...",
                                               show_default=False)] = None,
    all_rows: AllOption = False,
    out: OutOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the series the store holds, with source, key, unit and coverage.

    Filters combine (all must match); without any, every series is listed.
    """
    import debtcycle
    from debtcycle.vocab import check_country, check_measure, check_sector

    found = debtcycle.list_series(country, sector, measure, source)
    filters = {"country": country and check_country(country),  # canonical, as filtered
               "sector": sector and check_sector(sector),
               "measure": measure and check_measure(measure),
               "source": source and source.strip().lower()}
    table = _table(found)
    named = ", ".join(f"{k} {v}" for k, v in filters.items() if v)
    _show(table, title=f"{len(table)} series" + (f" ({named})" if named else ""),
          filters={"filters": {k: v for k, v in filters.items() if v}}, all_rows=all_rows,
          out=out, as_json=as_json)


@friendly_errors
def search_command(
    words: Annotated[list[str], typer.Argument(
        metavar="TEXT...", help="Words to find, e.g. china household, or a series key.")],
    all_rows: AllOption = False,
    out: OutOption = None,
    as_json: JsonOption = False,
) -> None:
    """Find series whose codes, country name, title, key or dataset contain every word.

    The search is case-insensitive; each word may match a different field.
    """
    import debtcycle

    text = " ".join(words).strip()
    table = _table(debtcycle.search(text, limit=None))
    _show(table, title=f"{len(table)} series matching {text!r} (best matches first)",
          filters={"query": text}, all_rows=all_rows, out=out, as_json=as_json)


def register(app: typer.Typer) -> None:
    """Add the ``list`` and ``search`` commands to ``app``."""
    app.command("list")(list_command)
    app.command("search")(search_command)
