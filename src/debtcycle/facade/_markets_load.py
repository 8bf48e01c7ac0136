"""Series selection for the markets facade: which equity, CPI, bond, yield and fiscal series.

Private to :mod:`debtcycle.facade.markets`: every function reads the catalog
and returns pandas objects with their metadata; no analytics here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from debtcycle.errors import NotFoundError
from debtcycle.facade._common import country_code

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "PEAK_MIN_FALL",
    "annual_yield",
    "episode_series",
    "market_series",
    "primary_balance",
    "property_peak_of",
    "series_info",
    "try_series",
]

#: Smallest later fall of real house prices (%) for a peak to count as a bust.
PEAK_MIN_FALL: Final = 10.0


def try_series(country: str, measure: str, sector: str | None = None, **kw: Any
               ) -> pd.Series | None:
    """Return the catalog series, or ``None`` when the store has no such series."""
    from debtcycle.catalog import series

    try:
        return series(country, sector, measure, **kw)
    except NotFoundError:
        return None


def series_info(s: pd.Series, note: str = "") -> dict[str, Any]:
    """Return the metadata of a catalog series that results carry (plus ``note``)."""
    info = dict(s.attrs.get("info", {}))
    keep = {k: info.get(k) for k in ("source", "dataset", "series_key", "unit", "freq",
                                     "title", "vintage", "url")}
    if note:
        keep["note"] = note
    return keep


def _cumulated(returns: pd.Series) -> pd.Series:
    """Return an index (1 the year before the first return) from annual total returns."""
    import pandas as pd

    clean = returns.dropna()
    index = (1.0 + clean).cumprod()
    first = clean.index[0] - 1
    out: pd.Series = pd.concat([pd.Series([1.0], index=pd.PeriodIndex([first])), index])
    out.attrs = dict(returns.attrs)
    return out


def _equity(code: str, basis: str = "price") -> tuple[pd.Series, str] | None:
    from debtcycle.analytics.markets._series import as_freq

    if basis == "total_return":
        tr = try_series(code, "equity_return", source="jst")
        return (_cumulated(tr), "total return index (JST eq_tr, annual)") if tr is not None \
            and tr.notna().sum() > 5 else None
    if code == "US":
        found = try_series(code, "equity_index", source="shiller")
        if found is not None:
            return found, "price index (S&P Composite, monthly average)"
    found = try_series(code, "equity_index", source="equity")
    if found is not None:
        return as_freq(found, "M"), "price index (month end)"
    tr = try_series(code, "equity_return", source="jst")
    if tr is not None and tr.notna().sum() > 5:
        return _cumulated(tr), "total return index (JST eq_tr, annual)"
    return None


def _cpi(code: str) -> pd.Series | None:
    if code == "US":
        found = try_series(code, "cpi", source="shiller")
        if found is not None:
            return found
    for kw in ({"source": "bis", "unit": "index_2010", "freq": "M"},
               {"source": "jst"}, {"source": "bis", "unit": "index_2010", "freq": "A"}):
        found = try_series(code, "cpi", **kw)
        if found is not None:
            return found
    return None


def _bond_nominal(code: str, cpi: pd.Series | None, basis: str = "price"
                  ) -> tuple[pd.Series, str] | None:
    if code == "US" and cpi is not None and basis == "price":
        real = try_series(code, "bond_tr_real", source="shiller")
        if real is not None:
            nominal = (real * cpi.reindex(real.index)).dropna()
            nominal.attrs = dict(real.attrs)
            return nominal, "total return index (Shiller, 10-year Treasury, monthly)"
    tr = try_series(code, "bond_return", source="jst")
    if tr is not None and tr.notna().sum() > 5:
        return _cumulated(tr), "total return index (JST bond_tr, annual)"
    return None


def _yield(code: str, *, monthly_only: bool = False) -> pd.Series | None:
    if code == "US":
        found = try_series(code, "yield_10y", source="shiller")
        if found is not None:
            return found
    candidates = [s for s in (try_series(code, "yield_10y", source="fred"),
                              try_series(code, "yield_10y", source="investing")) if s is not None]
    if not monthly_only:
        candidates += [s for s in (try_series(code, "yield_10y", source="gmd"),
                                   try_series(code, "yield_10y", source="jst")) if s is not None]
    candidates = [s.dropna() for s in candidates if s.notna().any()]
    if not candidates:
        return None
    # the longest history first; among equally early starts, the finer frequency
    best = min(candidates, key=lambda s: (s.index[0].year, -len(s)))
    return best


def market_series(country: str, basis: str = "price") -> dict[str, Any]:
    """Return the market series :func:`markets` uses for ``country``, with their metadata.

    Returns
    -------
    dict
        ``assets`` (name -> level series: ``equity_nominal``, ``equity_real``,
        ``bond_nominal``, ``bond_real``), ``rates`` (``yield_10y``) and
        ``info`` (name -> source metadata).

    Raises
    ------
    NotFoundError
        If the store holds no equity, bond or yield series for the country.
    """
    from debtcycle.analytics.markets._series import deflate

    code = country_code(country)
    assets: dict[str, pd.Series] = {}
    info: dict[str, dict[str, Any]] = {}
    cpi = _cpi(code)
    if cpi is not None:
        info["cpi"] = series_info(cpi, "deflator of the real returns")
    equity = _equity(code, basis)
    if equity is not None:
        assets["equity_nominal"] = equity[0]
        info["equity_nominal"] = series_info(equity[0], equity[1])
        if cpi is not None:
            assets["equity_real"] = deflate(equity[0], cpi)
            info["equity_real"] = {**series_info(equity[0], equity[1]),
                                   "deflator": series_info(cpi)}
    bond = _bond_nominal(code, cpi, basis)
    if bond is not None:
        assets["bond_nominal"] = bond[0]
        info["bond_nominal"] = series_info(bond[0], bond[1])
        if cpi is not None:
            assets["bond_real"] = deflate(bond[0], cpi)
            info["bond_real"] = {**series_info(bond[0], bond[1]),
                                 "deflator": series_info(cpi)}
    rates: dict[str, pd.Series] = {}
    y10 = _yield(code)
    if y10 is not None:
        rates["yield_10y"] = y10
        info["yield_10y"] = series_info(y10)
    if not assets and not rates:
        raise NotFoundError(f"No equity, bond or 10-year yield series for {code} in the store; "
                            "run 'debtcycle data update' (sources shiller, equity, jst, fred).")
    return {"assets": assets, "rates": rates, "info": info}


def property_peak_of(code: str) -> pd.Period:
    """Return the BIS real house price peak followed by a fall of ``PEAK_MIN_FALL`` %."""
    from debtcycle.analytics.leverage.align import property_peak

    prices = try_series(code, "house_price_real", "households", unit="index_2010", source="bis")
    if prices is None:
        raise NotFoundError(f"No BIS real house price index for {code}; property-peak needs it.")
    return property_peak(prices, min_fall=PEAK_MIN_FALL)


def primary_balance(code: str) -> tuple[pd.Series, pd.Series | None, str]:
    """Return the primary balance (% of GDP, annual), unemployment (annual), a description."""
    if code == "US":
        total = try_series(code, "gov_balance_gdp", "central_gov", dataset="CBO:HIST-2026")
        interest = try_series(code, "gov_interest_gdp", "central_gov", dataset="CBO:HIST-2026")
        if total is not None and interest is not None:
            pb = (total + interest).dropna()
            unemp = try_series(code, "unemployment", dataset="CBO:ECON-2026")
            return pb, unemp, ("CBO Historical Budget Data (Feb 2026): federal total balance + "
                               "net interest, % of GDP, fiscal years")
    pb_gg = try_series(code, "gov_primary_balance_gdp", "general_gov", source="imf")
    if pb_gg is None:
        raise NotFoundError(f"No primary balance for {code} (IMF PFMH or CBO); "
                            "consolidations need one.")
    unemp = try_series(code, "unemployment", source="jst")
    return pb_gg, unemp, "IMF Public Finances in Modern History: general government pb"


def _quarterly(s: pd.Series | None) -> pd.Series | None:
    from debtcycle.analytics.markets._series import as_freq, periods_per_year

    if s is None or periods_per_year(s) == 1:
        return None
    return as_freq(s, "Q")


def annual_yield(code: str) -> pd.Series | None:
    """Return an annual 10-year yield: JST, GMD, else annual means of a monthly one."""
    from debtcycle.analytics.markets._series import annual_mean, periods_per_year

    for source in ("jst", "gmd"):
        found = try_series(code, "yield_10y", source=source)
        if found is not None and found.notna().any():
            return found.dropna()
    monthly = _yield(code, monthly_only=True)
    if monthly is None or periods_per_year(monthly) == 1:
        return monthly
    return annual_mean(monthly)


def _annual(s: pd.Series | None) -> pd.Series | None:
    from debtcycle.analytics.markets._series import as_freq

    return None if s is None else as_freq(s, "Y")


def episode_series(rows: list[dict[str, Any]], frequency: str = "Q"
                    ) -> tuple[dict[str, tuple[dict[str, pd.Series], Any]], dict[str, Any]]:
    """Each episode's equity (nominal, real) and yield series, from its country.

    Quarterly: price indices at quarter ends, monthly yields; annual: JST total
    returns (every JST country) and annual yields (JST, GMD or annual means).
    """
    wanted = {"equity": "equity_nominal", "equity_real": "equity_real"}
    variables: dict[str, dict[str, pd.Series]] = {"equity": {}, "equity_real": {},
                                                   "yield_10y": {}}
    info: dict[str, Any] = {}
    by_country: dict[str, dict[str, pd.Series | None]] = {}
    for code in dict.fromkeys(r["country"] for r in rows):
        if frequency == "A":
            data = market_series(code, "total_return")
            found = {name: _annual(data["assets"].get(key)) for name, key in wanted.items()}
            found["yield_10y"] = annual_yield(code)
        else:
            data = market_series(code)
            found = {name: _quarterly(data["assets"].get(key)) for name, key in wanted.items()}
            found["yield_10y"] = _quarterly(_yield(code, monthly_only=True))
        by_country[code] = found
        info[code] = {name: series_info(s) for name, s in found.items() if s is not None}
    for row in rows:
        for name, s in by_country[row["country"]].items():
            if s is not None:
                variables[name][row["episode"]] = s
    kinds = {"equity": "level", "equity_real": "level", "yield_10y": "rate"}
    return {name: (found_, kinds[name]) for name, found_ in variables.items() if found_}, info
