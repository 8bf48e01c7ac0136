"""``debtcycle bsr COUNTRY`` (diagnosis) and ``debtcycle bsr compare CN JP`` (event time).

Holds the thin loaders (:func:`load_inputs`, :func:`load_diagnosis`) that fetch
the series through the catalog for :mod:`debtcycle.analytics.bsr`.

Inputs, all annual (yearly means of quarterly/monthly data):

* real house prices: BIS ``WS_SPP`` (``house_price_real``, 2010 = 100);
* equity prices where mirrored (Nikkei 225, Shanghai Composite; nominal);
* private non-financial debt/GDP: BIS ``WS_TC``;
* nominal GDP (for the credit flow): GMD;
* private balance: :func:`debtcycle.cli.balances.load_balances` (BOJ flow of
  funds for Japan, GMD current account - government balance elsewhere);
* policy rate: BIS ``WS_CBPOL`` (to 2022-03), GMD after and where BIS has none;
* government balance and debt/GDP: GMD (the longest consistent series);
* CPI: BIS ``WS_LONG_CPI``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import numpy as np
import pandas as pd
import typer

from debtcycle.analytics.bsr.diagnosis import Diagnosis, Thresholds, diagnose
from debtcycle.catalog import series
from debtcycle.cli._common import console, friendly_errors, print_frame, print_json
from debtcycle.cli.balances import LAST_ACTUAL_YEAR, annual, load_balances
from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.vocab import check_country, country_name

__all__ = ["load_diagnosis", "load_inputs", "register"]


def _try(fetch: Callable[[], pd.Series]) -> pd.Series | None:
    try:
        return annual(fetch())
    except NotFoundError:
        return None


def _policy_rate(code: str) -> pd.Series | None:
    bis = _try(lambda: series(code, None, "policy_rate", source="bis"))
    gmd = _try(lambda: series(code, None, "policy_rate", source="gmd"))
    if bis is None:
        return gmd
    return bis if gmd is None else bis.combine_first(gmd)


def _private_balance(code: str, last: int) -> pd.Series | None:
    try:
        return load_balances(code, last=last).balances["private"]
    except NotFoundError:
        return None


def load_inputs(country: str, *, last: int = LAST_ACTUAL_YEAR) -> pd.DataFrame:
    """Fetch a country's diagnosis inputs (annual) through the catalog.

    Parameters
    ----------
    country : str
        Country code.
    last : int
        Last year kept.

    Returns
    -------
    DataFrame
        Columns of :data:`debtcycle.analytics.bsr.diagnosis.INPUT_COLUMNS` that
        exist for the country; ``attrs["info"]`` names each column's source.

    Raises
    ------
    NotFoundError
        If none of the inputs exists for the country.
    """
    code = check_country(country)
    fetched: dict[str, pd.Series | None] = {
        "house_price_real": _try(lambda: series(code, "households", "house_price_real",
                                                unit="index_2010")),
        "equity_price": _try(lambda: series(code, None, "equity_index")),
        "private_debt_gdp": _try(lambda: series(code, "private_nonfin", "debt_gdp")),
        "gdp_nominal": _try(lambda: series(code, None, "gdp_nominal", source="gmd")),
        "private_balance_gdp": _private_balance(code, last),
        "policy_rate": _policy_rate(code),
        "gov_balance_gdp": _try(lambda: series(code, "general_gov", "gov_balance_gdp",
                                               source="gmd")),
        "gov_debt_gdp": _try(lambda: series(code, "general_gov", "debt_gdp", source="gmd")),
        "cpi": _try(lambda: series(code, None, "cpi")),
    }
    have = {k: v for k, v in fetched.items() if v is not None}
    if not have:
        raise NotFoundError(f"No balance-sheet-recession inputs for {code}; run "
                            "`debtcycle data update` or pick a covered country.")
    frame = pd.DataFrame(have)
    frame = frame.iloc[np.flatnonzero(pd.PeriodIndex(frame.index).year <= last)]
    frame.attrs["info"] = {k: {f: str(v.attrs.get("info", {}).get(f, ""))
                               for f in ("source", "series_key")} for k, v in have.items()}
    return frame


def load_diagnosis(country: str, *, thresholds: Thresholds | None = None,
                   last: int = LAST_ACTUAL_YEAR, first: int = 1980) -> Diagnosis:
    """Load a country's inputs and diagnose it from ``first`` to ``last``.

    Parameters
    ----------
    country : str
        Country code.
    thresholds : Thresholds, optional
        Signal thresholds (defaults documented in :class:`Thresholds`).
    last, first : int
        Years kept in the result (changes are computed from earlier data).

    Returns
    -------
    Diagnosis
    """
    code = check_country(country)
    result = diagnose(load_inputs(code, last=last), thresholds=thresholds, country=code)
    table = result.table.iloc[np.flatnonzero(pd.PeriodIndex(result.table.index).year >= first)]
    reasons = {k: v for k, v in result.reasons.items() if int(k) >= first}
    return Diagnosis(country=code, table=table, reasons=reasons, thresholds=result.thresholds,
                     params={**result.params, "first": first, "last": last},
                     provenance=result.provenance)


def _diagnose_command(code: str, first: int, last: int, as_json: bool) -> None:
    result = load_diagnosis(code, first=first, last=last)
    if as_json:
        print_json({"country": code, "periods": result.periods(),
                    "thresholds": result.thresholds.to_dict(), "sources": result.provenance})
        return
    cols = ["score", "verdict", "house_drawdown", "credit_flow_gdp", "private_balance_gdp",
            "policy_rate", "gov_balance_gdp", "inflation"]
    print_frame(result.table[cols], title=f"{country_name(code)}: balance-sheet recession "
                "diagnosis (score 0-6)")
    last_period = str(result.table.index[-1])
    for line in result.reasons[last_period]:
        console.print(f"{last_period}: {line}", highlight=False)


@friendly_errors
def bsr_command(
    args: Annotated[list[str], typer.Argument(
        help="COUNTRY, or: compare FOLLOWER REFERENCE (e.g. compare CN JP).")],
    event: Annotated[str, typer.Option(help="Event for compare: property-peak.")] =
    "property-peak",
    first: Annotated[int, typer.Option(help="First year shown.")] = 1980,
    last: Annotated[int, typer.Option(help="Last year (later GMD values are forecasts).")] =
    LAST_ACTUAL_YEAR,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Balance-sheet recession diagnosis of COUNTRY, or `compare CN JP` in event time."""
    if args and args[0].lower() == "compare":
        from debtcycle.cli._bsr_compare import compare_command

        if len(args) != 3:
            raise BadInputError("Usage: debtcycle bsr compare FOLLOWER REFERENCE, e.g. CN JP.")
        compare_command(args[1], args[2], event=event, last=last, as_json=as_json)
        return
    if len(args) != 1:
        raise BadInputError("Usage: debtcycle bsr COUNTRY [--json], or bsr compare CN JP.")
    _diagnose_command(check_country(args[0]), first, last, as_json)


def register(app: typer.Typer) -> None:
    """Add the ``bsr`` command to ``app``."""
    app.command("bsr")(bsr_command)
