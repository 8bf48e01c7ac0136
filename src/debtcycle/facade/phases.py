"""Leverage-cycle phases by country code, now or as they would have been called then.

``debtcycle.phases("CN")`` segments every sector's BIS debt/GDP ratio;
``as_of="2015Q4"`` truncates the data at that period first (the segmentation
uses only data up to it).  Each sector's current call comes with its stability:
the share of parameter settings and of the last eight as-of dates whose
current call agrees.  ``debtcycle.phase_revisions("US", "general_gov")``
compares, for each quarter since 2000, the phase called then with the phase the
full sample gives that quarter now.
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd

from debtcycle.analytics.leverage.phases import DEFAULT_MASK
from debtcycle.analytics.leverage.summary import CountryPhases, country_phases
from debtcycle.analytics.realtime.phases import (
    PhaseReport,
    PhaseRevisions,
    call_stability,
    current_call,
)
from debtcycle.analytics.realtime.phases import (
    phase_revisions as _revisions,
)
from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.facade._common import check_number, country_code, sector_code
from debtcycle.facade.leverage import sector_debt
from debtcycle.periods import resolve

__all__ = ["SECTORS", "phase_revisions", "phases"]

#: Sectors segmented by default (BIS total credit, % of GDP).
SECTORS: Final[tuple[str, ...]] = (
    "households", "nonfin_corp", "general_gov", "private_nonfin", "total_nonfin",
)


def _params(penalty: object, min_years: object, threshold: object,
            mask: object) -> dict[str, Any]:
    if not isinstance(mask, bool):
        raise BadInputError(f"mask must be True or False; got {mask!r}.")
    return {"penalty": check_number(penalty, "penalty", low=0.0),
            "min_years": check_number(min_years, "min_years", low=0.25, high=50.0),
            "threshold": check_number(threshold, "threshold", low=0.0),
            "mask": DEFAULT_MASK if mask else None}


def _truncate(frame: pd.DataFrame, as_of: object) -> tuple[pd.DataFrame, pd.Period | None]:
    if as_of is None:
        return frame, None
    period = resolve(as_of, pd.PeriodIndex(frame.dropna(how="all").index), what="as_of")
    out = frame[frame.index <= period]
    out.attrs = frame.attrs
    return out, period


def phases(
    country: str,
    sector: str | None = None,
    as_of: str | None = None,
    *,
    penalty: float = 40.0,
    min_years: float = 2.0,
    threshold: float = 1.0,
    mask: bool = True,
    stability: bool = True,
) -> PhaseReport:
    """Leveraging, deleveraging and stable phases of BIS debt/GDP, with drivers and stability.

    Parameters
    ----------
    country : str
        Country code (``"CN"``).
    sector : str, optional
        One sector (default: households, firms, government, private and total).
    as_of : str, optional
        Last period of data used (``"2015Q4"``, ``"2015"`` = 2015Q4, ``"last"``);
        default all data.
    penalty, min_years, threshold : float
        Segmentation parameters (see :func:`debtcycle.analytics.leverage.detect_phases`).
    mask : bool
        Bridge the 2020Q1-2021Q4 Covid window.
    stability : bool
        Measure each current call's stability (share of the parameter settings
        and of the last 8 as-of dates whose current call agrees).

    Returns
    -------
    PhaseReport

    Raises
    ------
    BadInputError
        For an unknown code, a bad period or a parameter out of range.
    NotFoundError
        If the country has no BIS debt/GDP series.
    """
    code = country_code(country)
    chosen = [sector_code(sector, allowed=SECTORS)] if sector is not None else list(SECTORS)
    params = _params(penalty, min_years, threshold, mask)
    if not isinstance(stability, bool):
        raise BadInputError(f"stability must be True or False; got {stability!r}.")
    wanted = chosen if sector is None else list(dict.fromkeys([*chosen, "total_nonfin"]))
    frame, period = _truncate(sector_debt(code, wanted, valuation="nominal"), as_of)
    basis, _ = _truncate(sector_debt(code, wanted, valuation="market"), as_of)
    result = country_phases(frame, country=code, drivers_frame=basis, **params)
    if sector is not None:
        kept = {k: v for k, v in result.sectors.items() if k == chosen[0]}
        if not kept:
            raise NotFoundError(f"No BIS debt/GDP for {code} {chosen[0]} up to {period}.")
        result = CountryPhases(country=code, sectors=kept, drivers=result.drivers,
                               params=result.params, provenance=result.provenance)
    calls = {name: call_stability(frame[name], **params) if stability
             else current_call(phases_)
             for name, phases_ in result.sectors.items()}
    return PhaseReport(summary_phases=result, calls=calls, as_of=period,
                       params={**result.params, "as_of": None if period is None else str(period),
                               "stability": stability},
                       provenance=result.provenance)


def phase_revisions(
    country: str,
    sector: str = "total_nonfin",
    *,
    since: str = "2000Q1",
    penalty: float = 40.0,
    min_years: float = 2.0,
    threshold: float = 1.0,
    mask: bool = True,
) -> PhaseRevisions:
    """For each quarter since ``since``: the phase called then against the phase called now.

    Parameters
    ----------
    country : str
        Country code.
    sector : str
        Sector (default total non-financial).
    since : str
        First as-of period (default 2000Q1).
    penalty, min_years, threshold, mask
        As in :func:`phases`.

    Returns
    -------
    PhaseRevisions
        Per-quarter table, final boundaries with recognition lags, and a summary
        (share agreeing, call changes, how far phase starts moved).

    Raises
    ------
    BadInputError
        For an unknown code, a bad period or a parameter out of range.
    """
    code = country_code(country)
    sec = sector_code(sector, allowed=SECTORS)
    params = _params(penalty, min_years, threshold, mask)
    frame = sector_debt(code, [sec], valuation="nominal")
    ratio = frame[sec].dropna().rename(f"{code}.{sec}.debt_gdp")
    ratio.attrs = {"info": frame.attrs["info"].get(sec, {})}
    start = resolve(since, pd.PeriodIndex(ratio.index), what="since", inside=False)
    result = _revisions(ratio, since=start, **params)
    result.params.update({"country": code, "sector": sec})
    return result
