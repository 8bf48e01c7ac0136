"""``debtcycle exits COUNTRY``: who absorbs the private surplus, and each exit route's limits.

A thin wrapper over :func:`debtcycle.facade.exits.exits`; ``--json`` prints the
result's ``to_dict()``.
"""

from __future__ import annotations

from typing import Annotated

import typer

from debtcycle.cli._common import console, friendly_errors, print_frame, print_json

__all__ = ["register"]

_LAST = 2024  # = debtcycle.facade.bsr.LAST_ACTUAL_YEAR (not imported: keeps --help light)


@friendly_errors
def exits_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. CN, JP.")],
    since: Annotated[str, typer.Option(
        help="Start of the episode: property-peak or a year, e.g. 2006.")] = "property-peak",
    last: Annotated[int, typer.Option(help="Last year (later GMD values are forecasts).")] =
    _LAST,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Show the exits from a balance-sheet recession: fiscal, export and currency routes."""
    from debtcycle.facade.exits import exits
    from debtcycle.vocab import country_name

    result = exits(country, since=since, last=last)
    if as_json:
        print_json(result.to_dict())
        return
    table = result.to_frame()
    cols = [c for c in ("private_surplus", "gov_deficit", "ca_surplus", "gov_share", "ca_share",
                        "required_pct_partner_gdp") if c in table]
    print_frame(table[cols].tail(25), title=f"{country_name(result.country)}: who "
                "absorbs the private surplus (% of GDP)")
    for line in result.statement():
        console.print(line, highlight=False)


def register(app: typer.Typer) -> None:
    """Add the ``exits`` command to ``app``."""
    app.command("exits")(exits_command)
