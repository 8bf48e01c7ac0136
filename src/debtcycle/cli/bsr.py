"""``debtcycle bsr COUNTRY`` (diagnosis), ``bsr compare CN JP`` (event time), ``bsr exits``.

Thin wrappers over :func:`debtcycle.facade.bsr.bsr`,
:func:`debtcycle.facade.bsr.bsr_compare` and :func:`debtcycle.facade.exits.exits`
(``bsr exits`` is an alias of ``debtcycle exits``); ``--json`` prints the
result's ``to_dict()``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from debtcycle.cli._common import console, friendly_errors, print_frame, print_json
from debtcycle.errors import BadInputError

__all__ = ["register"]

_LAST = 2024  # = debtcycle.facade.bsr.LAST_ACTUAL_YEAR (not imported: keeps --help light)
_DIAGNOSIS_COLUMNS = ["score", "verdict", "raw_verdict", "house_drawdown", "credit_flow_gdp",
                      "private_balance_gdp", "policy_rate", "gov_balance_gdp", "inflation"]


def _compare(follower: str, reference: str, *, event: str, last: int, as_json: bool,
             chart: Path | None) -> None:
    from debtcycle.facade.bsr import bsr_compare
    from debtcycle.vocab import country_name

    result = bsr_compare(follower, reference, event=event, last=last)
    files: list[str] = []
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.bsr import comparison_chart

        spec = comparison_chart(result, title=f"{country_name(result.follower)} vs "
                                f"{country_name(result.reference)}: years since the "
                                "property-price peak")
        files = [str(p) for p in save_chart(spec, chart)]
    if as_json:
        print_json({**result.to_dict(), "charts": files})
        return
    print_frame(result.scores[[c for c in ("score", "rmse", "correlation", "n", "follower_now",
                                            "reference_same_t", "matches_reference_t")
                               if c in result.scores]],
                title=f"{result.follower} vs {result.reference} from the property peak "
                      f"(overall similarity {result.overall:.2f})", digits=2)
    for line in result.statement:
        console.print(line, highlight=False)
    for path in files:
        console.print(f"chart written: {path}")


def _exits(country: str, *, since: str, last: int, as_json: bool) -> None:
    from debtcycle.facade.exits import exits

    result = exits(country, since=since, last=last)
    if as_json:
        print_json(result.to_dict())
        return
    table = result.table()
    cols = [c for c in ("private_surplus", "gov_deficit", "ca_surplus", "gov_share", "ca_share",
                        "required_pct_partner_gdp") if c in table]
    print_frame(table[cols].tail(25), title=f"{result.country}: who absorbs the private "
                "surplus (% of GDP); the routes: debtcycle exits " + result.country)
    for line in result.statement():
        console.print(line, highlight=False)


def _sensitivity(countries: list[str], first: int, last: int, as_json: bool) -> None:
    from debtcycle.facade.bsr import NOTE_COUNTRIES, bsr_sensitivity

    result = bsr_sensitivity(countries or list(NOTE_COUNTRIES), first=first, last=last)
    if as_json:
        print_json(result.to_dict())
        return
    table = result.table
    codes = result.params["countries"]
    shown = table[[f"{c} bsr years" for c in codes]].copy()
    for code in codes:
        shown[f"{code} latest"] = table[f"{code} latest"]
    print_frame(shown, title=f"Balance-sheet-recession verdicts, {result.first}-{result.last}: "
                "bsr years and latest verdict as one threshold at a time changes", digits=1)


def _diagnose(country: str, first: int, last: int, as_json: bool) -> None:
    from debtcycle.facade.bsr import bsr
    from debtcycle.vocab import country_name

    result = bsr(country, first=first, last=last)
    if as_json:
        print_json(result.to_dict())
        return
    table = result.table
    shown = table[[c for c in _DIAGNOSIS_COLUMNS if c in table]].copy()
    shown["score"] = [f"{s:g}/{m}" for s, m in zip(table["score"], table["measured"],
                                                   strict=True)]
    print_frame(shown, title=f"{country_name(result.country)}: balance-sheet recession "
                "diagnosis (score = signals on / signals measured, of 6)")
    last_period = str(table.index[-1])
    for line in result.reasons[last_period]:
        console.print(f"{last_period}: {line}", highlight=False)


@friendly_errors
def bsr_command(
    args: Annotated[list[str], typer.Argument(
        help="COUNTRY; compare FOLLOWER REFERENCE (e.g. compare CN JP); exits COUNTRY; "
             "sensitivity [COUNTRY ...].")],
    event: Annotated[str, typer.Option(
        help="compare: property-peak or CN:2021,JP:1991; exits: property-peak or a year.")] =
    "property-peak",
    first: Annotated[int, typer.Option(help="First year shown.")] = 1980,
    last: Annotated[int, typer.Option(help="Last year (later GMD values are forecasts).")] =
    _LAST,
    chart: Annotated[Path | None, typer.Option(
        help="compare: chart path (writes .html and .png).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Balance-sheet recession diagnosis of COUNTRY; `compare CN JP`; `exits`; `sensitivity`."""
    if args and args[0].lower() == "compare":
        if len(args) != 3:
            raise BadInputError("Usage: debtcycle bsr compare FOLLOWER REFERENCE, e.g. CN JP.")
        _compare(args[1], args[2], event=event, last=last, as_json=as_json, chart=chart)
        return
    if args and args[0].lower() == "sensitivity":
        _sensitivity(args[1:], first, last, as_json)
        return
    if args and args[0].lower() == "exits":
        if len(args) != 2:
            raise BadInputError("Usage: debtcycle bsr exits COUNTRY, e.g. bsr exits JP.")
        _exits(args[1], since=event, last=last, as_json=as_json)
        return
    if len(args) != 1:
        raise BadInputError("Usage: debtcycle bsr COUNTRY [--json], or bsr compare CN JP.")
    _diagnose(args[0], first, last, as_json)


def register(app: typer.Typer) -> None:
    """Add the ``bsr`` command to ``app``."""
    app.command("bsr")(bsr_command)
