"""Exits from a balance-sheet recession by country code: ``exits``.

Fetches the balances, the property-price peak, government debt and the trade
partners' size through the catalog, and hands them to
:mod:`debtcycle.analytics.bsr.exits`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from debtcycle.analytics.bsr.exits import ExitAccounting, exit_accounting, external_requirement
from debtcycle.analytics.leverage.align import property_peak
from debtcycle.catalog import series
from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.facade._common import check_int, country_code
from debtcycle.facade.bsr import LAST_ACTUAL_YEAR, _try, balances, gdp_usd, gov_debt

__all__ = ["exits"]


def _year(text: str) -> pd.Period:
    try:
        return pd.Period(str(int(text)), freq="Y")
    except ValueError as exc:
        raise BadInputError(f"since {text!r} is not a year; use property-peak or e.g. "
                            "2006.") from exc


def _start(code: str, since: object) -> pd.Period | None:
    if not isinstance(since, str | int) or isinstance(since, bool):
        raise BadInputError(f"since must be 'property-peak' or a year; got {since!r}.")
    if since != "property-peak":
        return _year(str(since))
    prices = _try(lambda: series(code, "households", "house_price_real", unit="index_2010"))
    return property_peak(prices) if prices is not None else None


def exits(country: str, *, since: str = "property-peak",
          last: int = LAST_ACTUAL_YEAR) -> ExitAccounting:
    """Account for who absorbs a country's private surplus, and what each exit has cost.

    Parameters
    ----------
    country : str
        Country code.
    since : str
        Start of the episode for the fiscal cost: ``"property-peak"`` (the peak of
        annual real house prices over the whole history) or a year, e.g. ``"2006"``
        for the US, whose prices have since risen above the 2006 peak.
    last : int
        Last year used.

    Returns
    -------
    ExitAccounting
        Partners = all BIS reporting economies (``5A``) minus the country.
        ``to_dict()`` is the ``debtcycle exits COUNTRY --json`` output.

    Raises
    ------
    BadInputError
        If an argument is of the wrong type or out of range.
    """
    code = country_code(country)
    last_ = check_int(last, "last", low=1800, high=2100)
    start = _start(code, since)
    table = balances(code, last=last_, cross_check=False).balances
    debt = gov_debt(code)
    if debt is not None:
        debt = debt.iloc[np.flatnonzero(pd.PeriodIndex(debt.index).year <= last_)]
    try:
        own = gdp_usd(code)
        partners = gdp_usd("5A") - own
        ca = table["private"] + table["government"]
        external: pd.DataFrame | None = external_requirement(table["private"], ca, own, partners)
    except NotFoundError:
        external = None
    return exit_accounting(table, country=code, start=start, gov_debt_gdp=debt,
                           external=external)
