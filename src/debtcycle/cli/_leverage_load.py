"""Fetch the series the leverage analytics need from the catalog (the analytics do no I/O)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from debtcycle.analytics.leverage.decompose import implied_nominal_gdp
from debtcycle.catalog import series
from debtcycle.errors import NotFoundError

__all__ = [
    "SECTORS", "load_decomposition_inputs", "load_nominal_gdp", "load_rate", "load_sectors",
]

SECTORS = ("households", "nonfin_corp", "general_gov", "private_nonfin", "total_nonfin")


def _government(country: str) -> pd.Series:
    """BIS general government debt/GDP at market value (the basis of BIS totals), else nominal."""
    try:
        return series(country, "general_gov", "debt_gdp", source="bis", valuation="market")
    except NotFoundError:
        return series(country, "general_gov", "debt_gdp", source="bis")


def load_sectors(
    country: str, sectors: Sequence[str] = SECTORS, *, government: str = "market"
) -> pd.DataFrame:
    """Return BIS debt/GDP of ``sectors`` for ``country``, one column per sector.

    With ``government="market"`` (default) government debt is taken at market value
    where BIS publishes it, so that the sectors add up to the BIS total; with
    ``"default"`` it is the catalog's default (nominal value, the figure national
    statistics and research notes quote).  Sectors without data are left out.

    Raises
    ------
    NotFoundError
        If none of the sectors has a series.
    """
    columns: dict[str, pd.Series] = {}
    info: dict[str, object] = {}
    for sector in sectors:
        try:
            s = (_government(country) if sector == "general_gov" and government == "market"
                 else series(country, sector, "debt_gdp", source="bis"))
        except NotFoundError:
            continue
        columns[sector] = s
        info[sector] = s.attrs["info"]
    if not columns:
        raise NotFoundError(f"No BIS debt/GDP series for {country}; see `debtcycle data status`.")
    frame = pd.DataFrame(columns)
    frame.index.name = "period"
    frame.attrs["info"] = info
    return frame


def load_decomposition_inputs(country: str, sector: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Return (debt in LCU, debt/GDP, real GDP) for :func:`decompose_leverage`.

    Debt and the ratio come from BIS total credit on the same valuation basis; real
    GDP is quarterly FRED GDPC1 for the US and annual GMD rGDP for other countries.

    Raises
    ------
    NotFoundError
        If a series is missing.
    """
    valuation = None
    if sector in ("general_gov", "central_gov", "local_gov"):
        valuation = _government(country).attrs["info"]["valuation"]
    ratio = series(country, sector, "debt_gdp", source="bis", valuation=valuation)
    debt = series(country, sector, "debt_lcu", source="bis", valuation=valuation,
                  adjustment=ratio.attrs["info"]["adjustment"] or None)
    if country == "US":
        real = series("US", None, "gdp_real", source="fred", freq="Q")
    else:
        real = series(country, None, "gdp_real", source="gmd")
    return debt, ratio, real


def load_rate(country: str) -> pd.Series | None:
    """Return a nominal interest rate for Dalio's test: the 10-year yield, else the policy rate."""
    for measure in ("yield_10y", "policy_rate"):
        try:
            return series(country, None, measure)
        except NotFoundError:
            continue
    return None


def load_nominal_gdp(country: str) -> pd.Series:
    """Return the nominal GDP BIS divides by, backed out of BIS total credit.

    ``debt_lcu / (debt_gdp / 100)`` of the total non-financial sector, extended back
    with the private non-financial sector where the total starts later.

    Raises
    ------
    NotFoundError
        If neither sector has both series.
    """
    parts = []
    for sector in ("total_nonfin", "private_nonfin"):
        try:
            ratio = series(country, sector, "debt_gdp", source="bis")
            debt = series(country, sector, "debt_lcu", source="bis",
                          adjustment=ratio.attrs["info"]["adjustment"] or None)
        except NotFoundError:
            continue
        parts.append(implied_nominal_gdp(debt, ratio))
    if not parts:
        raise NotFoundError(f"No BIS debt in local currency and % of GDP for {country}.")
    out = parts[0] if len(parts) == 1 else parts[0].combine_first(parts[1])
    out.attrs["info"] = {"source": "bis", "measure": "gdp_nominal",
                         "method": "debt_lcu / (debt_gdp / 100), total then private non-fin."}
    return out
