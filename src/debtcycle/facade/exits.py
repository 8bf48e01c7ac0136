"""Exits from a balance-sheet recession by country code: ``exits``.

Fetches the balances, the property-price peak, government debt and the trade
partners' size through the catalog, and hands them to
:mod:`debtcycle.analytics.bsr.exits`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics.bsr.exits import ExitAccounting, exit_accounting, external_requirement
from debtcycle.analytics.exits.absorption import required_absorption, surplus_path
from debtcycle.analytics.exits.result import ExitRoutes
from debtcycle.analytics.exits.routes import (
    currency_route,
    export_route,
    fiscal_capacity,
    fiscal_path,
    historical_surpluses,
    partner_exposure,
    routes_table,
)
from debtcycle.analytics.leverage.align import property_peak
from debtcycle.catalog import available, series
from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.facade._common import check_int, check_number, country_code
from debtcycle.facade.bsr import LAST_ACTUAL_YEAR, _try, balances, gdp_usd, gov_debt

__all__ = ["RECORD_EPISODES", "exits"]

#: The largest surpluses in history the export route is measured against (issue 16).
RECORD_EPISODES: dict[str, tuple[int, int]] = {"JP": (1980, 1989), "DE": (2010, 2019),
                                                "CN": (2007, 2007)}
_MN_PER_BN = 1000.0


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


def _accounting(code: str, start: pd.Period | None, last: int) -> ExitAccounting:
    table = balances(code, last=last, cross_check=False).balances
    debt = gov_debt(code)
    if debt is not None:
        debt = debt.iloc[np.flatnonzero(pd.PeriodIndex(debt.index).year <= last)]
    try:
        own = gdp_usd(code)
        partners = gdp_usd("5A") - own
        ca = table["private"] + table["government"]
        external: pd.DataFrame | None = external_requirement(table["private"], ca, own, partners)
    except NotFoundError:
        external = None
    return exit_accounting(table, country=code, start=start, gov_debt_gdp=debt,
                           external=external)


def _dots(code: str, measure: str) -> pd.Series:
    return series(code, None, measure, dataset="IMF_DOTS_WORLD").dropna() / _MN_PER_BN


def _world(measure: str) -> pd.Series:
    return (_dots("5R", measure) + _dots("4T", measure)).dropna()


def _at(values: pd.Series, year: int) -> float:
    index = pd.PeriodIndex(values.index).year
    hit = values.iloc[np.flatnonzero(index == year)]
    if hit.empty:
        raise NotFoundError(f"no value in {year}; the series covers {values.index[0]} to "
                            f"{values.index[-1]}.")
    return float(hit.iloc[0])


def _last_year(values: pd.Series) -> int:
    return int(pd.PeriodIndex(values.dropna().index).year.max())


def _partners(code: str, extra_bn: float, notes: list[str]) -> tuple[pd.DataFrame | None,
                                                                     pd.DataFrame | None]:
    if code != "CN":
        notes.append(f"Partner exposure is for China only (IMF DOTS by partner is mirrored for "
                     f"China's exports); none for {code}.")
        return None, None
    found = available(measure="imports_from_cn_usd")
    exports_to = {str(c): series(str(c), None, "imports_from_cn_usd").dropna() / _MN_PER_BN
                  for c in found["country"].unique() if str(c) not in ("5R", "4T", "XW")}
    year = max(_last_year(v) for v in exports_to.values())
    imports = {c: _dots(c, "imports_dots_usd") for c in exports_to}
    latest = pd.Series({c: _at(v, year) for c, v in exports_to.items()
                        if year in set(pd.PeriodIndex(v.index).year)})
    totals = pd.Series({c: _at(v, year) for c, v in imports.items()
                        if year in set(pd.PeriodIndex(v.index).year)})
    table = partner_exposure(latest, totals, extra_bn)
    notes.append(f"China's exports by partner (IMF DOTS) end in {year}: the partner table "
                 f"spreads the extra surplus by {year} export shares.")
    years = list(range(2000, year + 1))
    world = _world("exports_dots_usd")
    own = _dots(code, "exports_dots_usd")
    shares = {"world exports": {y: 100 * _at(own, y) / _at(world, y) for y in years}}
    for partner in table.index[:8]:
        shares[f"{partner} imports"] = {
            y: 100 * _at(exports_to[partner], y) / _at(imports[partner], y) for y in years
            if y in set(pd.PeriodIndex(exports_to[partner].index).year)
            and y in set(pd.PeriodIndex(imports[partner].index).year)}
    frame = pd.DataFrame(shares)
    frame.index.name = "year"
    return table, frame


def _pushback(code: str, notes: list[str], first: int = 1995) -> pd.DataFrame | None:
    """US anti-dumping cases against ``code`` by year, with its share of all US cases (GAD)."""
    try:
        found = available(measure="ad_initiations_us")
        own = series(code, None, "ad_initiations_us").dropna()
        measures = series(code, None, "ad_measures_us").dropna()
    except NotFoundError:
        return None
    totals = pd.concat([series(str(c), None, "ad_initiations_us").dropna()
                        for c in found["country"].unique()]).groupby(level=0).sum()
    frame = pd.DataFrame({"initiations": own, "measures": measures, "us_initiations": totals})
    years = pd.PeriodIndex(frame.index).year
    frame = frame.iloc[np.flatnonzero(years >= first)].fillna(0.0)
    frame["share_of_us_initiations"] = 100.0 * frame["initiations"] / frame["us_initiations"]
    frame.index = pd.Index([str(p) for p in frame.index], name="year")
    notes.append(f"US anti-dumping cases (GAD) end in {frame.index[-1]}; the EU, Turkish, "
                 "Brazilian and WTO actions are in docs/exits.md (compiled from secondary "
                 "sources), not loaded.")
    return frame


def _history(world_exports: pd.Series) -> pd.DataFrame:
    ca = {c: series(c, None, "ca_gdp", source="gmd") for c in RECORD_EPISODES}
    usd = {c: gdp_usd(c) for c in RECORD_EPISODES}
    return historical_surpluses(ca, usd, world_exports, RECORD_EPISODES)


def _growth(code: str, year: int) -> float:
    gdp = series(code, None, "gdp_nominal", source="gmd")
    growth = 100.0 * gdp.pct_change(fill_method=None)
    years = pd.PeriodIndex(growth.index).year
    recent = growth.iloc[np.flatnonzero((years > year - 3) & (years <= year))].dropna()
    return float(recent.mean())


def _split(code: str, start: pd.Period | None, notes: list[str]) -> dict[str, float]:
    """Central vs local government debt (CNBS, quarterly): latest, and change since the peak."""
    try:
        central = series(code, "central_gov", "debt_gdp", source="cnbs").dropna()
        local = series(code, "local_gov", "debt_gdp", source="cnbs").dropna()
    except NotFoundError:
        return {}
    last = central.index[-1]
    notes.append(f"Central/local government split (CNBS) ends in {last}.")
    end = pd.Period(last, freq="Q")
    out = {"central_now": float(central.iloc[-1]), "local_now": float(local.iloc[-1]),
           "split_period_year": float(end.year), "split_period_quarter": float(end.quarter)}
    if start is not None:
        label = f"{start.year}Q4"
        c_at = central.iloc[np.flatnonzero(central.index.astype(str) == label)]
        l_at = local.iloc[np.flatnonzero(local.index.astype(str) == label)]
        if len(c_at) and len(l_at):
            out["central_change"] = float(central.iloc[-1] - c_at.iloc[0])
            out["local_change"] = float(local.iloc[-1] - l_at.iloc[0])
    return out


def _fiscal(code: str, start: pd.Period | None, year: int, gap: float, horizon: int,
            notes: list[str]) -> tuple[dict[str, float], pd.DataFrame]:
    debt = gov_debt(code)
    if debt is None:
        raise NotFoundError(f"No government debt series for {code}.")
    last_debt = _last_year(debt)
    if last_debt < year:
        notes.append(f"Government debt (IMF PFMH) ends in {last_debt}; the fiscal route "
                     f"starts from that value.")
    d0 = _at(debt, min(year, last_debt))
    g = _growth(code, year)
    index = pd.period_range(str(year + 1), periods=horizon, freq="Y")
    deficits = pd.Series(max(gap, 0.0), index=index)
    all_fiscal = fiscal_path(d0, deficits, g)
    japan = gov_debt("JP")
    jp_prices = _try(lambda: series("JP", "households", "house_price_real", unit="index_2010"))
    if japan is None or jp_prices is None:
        raise NotFoundError("Japan's government debt or house prices are missing.")
    jp_peak = int(property_peak(jp_prices).year)
    t_now = year - int(start.year) if start is not None else 0
    jp_last = _last_year(japan)
    reach = min(horizon, jp_last - (jp_peak + t_now))
    if code == "JP" or reach < 1:
        notes.append(f"No Japan-in-event-time limit for {code} (Japan's debt data end in "
                     f"{jp_last}); the fiscal route's capacity is not measured.")
        rise, target, capacity = np.nan, np.nan, np.nan
        japan_path = pd.Series(np.nan, index=index)
    else:
        if reach < horizon:
            notes.append(f"Japan's debt path is known only {reach} years beyond event year "
                         f"{t_now}; the fiscal limit uses those {reach} years.")
        base = _at(japan, jp_peak + t_now)
        rise = _at(japan, jp_peak + t_now + reach) - base
        target = d0 + rise
        capacity = fiscal_capacity(d0, target, reach, g)
        japan_path = pd.Series([d0 + _at(japan, jp_peak + t_now + k + 1) - base
                                if k < reach else np.nan for k in range(horizon)], index=index)
    paths = pd.DataFrame({"all_fiscal": all_fiscal, "japan_like": japan_path})
    paths.index.name = "year"
    split = _split(code, start, notes)
    return ({**split, "debt_now": d0, "debt_all_fiscal": float(all_fiscal.iloc[-1]),
             "nominal_growth": g, "horizon": float(horizon), "japan_peak": float(jp_peak),
             "event_time_now": float(t_now), "japan_rise": rise, "target": target,
             "capacity_gdp": capacity}, paths)


def exits(country: str, *, since: str = "property-peak", last: int = LAST_ACTUAL_YEAR,
          horizon: int = 10, paydown_pp: float = 0.0, retaliation: float = 0.5,
          max_depreciation: float = 10.0) -> ExitRoutes:
    """Who absorbs a country's private surplus, and how much each exit route can take.

    Parameters
    ----------
    country : str
        Country code.
    since : str
        Start of the episode: ``"property-peak"`` (the peak of annual real house
        prices) or a year, e.g. ``"2006"`` for the US.
    last : int
        Last year of the balances (later GMD values are forecasts).
    horizon : int
        Years over which the routes are run (fiscal path, absorption).
    paydown_pp : float
        Private debt repaid over the horizon, pp of GDP (adds ``paydown_pp /
        horizon`` to the surplus each year).
    retaliation : float
        Retaliation elasticity of the currency route, in [0, 1].
    max_depreciation : float
        Largest real depreciation taken as tolerable, % (currency route's limit).

    Returns
    -------
    ExitRoutes
        ``to_dict()`` is the ``debtcycle exits COUNTRY --json`` output.

    Raises
    ------
    BadInputError
        If an argument is of the wrong type or out of range, or there is no surplus.
    """
    code = country_code(country)
    last_ = check_int(last, "last", low=1950, high=2100)
    horizon_ = check_int(horizon, "horizon", low=1, high=50)
    paydown = check_number(paydown_pp, "paydown_pp", low=-100.0, high=200.0)
    retal = check_number(retaliation, "retaliation", low=0.0, high=1.0)
    max_dep = check_number(max_depreciation, "max_depreciation", low=0.1, high=90.0)
    start = _start(code, since)
    accounting = _accounting(code, start, last_)
    latest = accounting.table.dropna(subset=["private_surplus"])
    year = int(pd.PeriodIndex(latest.index).year[-1])
    surplus = float(latest["private_surplus"].iloc[-1])
    actual_ca = float(latest["ca_surplus"].iloc[-1])
    notes: list[str] = []
    path = surplus_path(surplus, start=year + 1, years=horizon_, paydown_pp=paydown)
    share = min(max(actual_ca / surplus, 0.0), 1.0) if surplus > 0 else 0.0
    absorption = required_absorption(path, export_share=share)
    required = float(path.mean())
    own_gdp = _at(gdp_usd(code), year)
    partners_gdp = _at(gdp_usd("5A"), year) - own_gdp
    world_x, world_m = _world("exports_dots_usd"), _world("imports_dots_usd")
    own_x, own_m = _dots(code, "exports_dots_usd"), _dots(code, "imports_dots_usd")
    trade_year = min(_last_year(world_x), _last_year(own_x), _last_year(world_m))
    if trade_year < year:
        notes.append(f"IMF DOTS world trade ends in {trade_year}: trade shares use {trade_year} "
                     f"trade against the {year} surplus.")
    export = export_route(required, actual_ca, own_gdp, partners_gdp, _at(own_x, trade_year),
                          _at(world_x, trade_year),
                          _at(world_m, trade_year) - _at(own_m, trade_year))
    history = _history(world_x)
    pos = int(np.argmax(history["pct_world_exports"].to_numpy(dtype=float)))
    record = str(history.index[pos])
    record_pct = float(history["pct_world_exports"].iloc[pos])
    record_year = int(history["year"].iloc[pos])
    capacity = record_pct / 100.0 * _at(world_x, trade_year) / own_gdp * 100.0
    export_info: dict[str, Any] = dict(export)
    export_info.update({"actual_ca_gdp": actual_ca, "record_pct_world": record_pct,
                        "record_country": record, "record_label": f"{record} {record_year}",
                        "capacity_gdp": capacity, "trade_year": float(trade_year),
                        "required_pct_world_exports": required * own_gdp
                        / _at(world_x, trade_year)})
    partners, shares = _partners(code, float(export["extra_usd"]), notes)
    currency = currency_route(required - actual_ca, retaliation=retal,
                              max_depreciation=max_dep)
    fiscal, paths = _fiscal(code, start, year, required - actual_ca, horizon_, notes)
    routes = routes_table(required, actual_ca, export_capacity=capacity,
                          currency_gain=currency["gain_at_max"],
                          fiscal_capacity_gdp=fiscal["capacity_gdp"])
    return ExitRoutes(country=code, year=year, accounting=accounting, absorption=absorption,
                      export=export_info, history=history, partners=partners, shares=shares,
                      currency=currency, fiscal=fiscal, debt_paths=paths, routes=routes,
                      pushback=_pushback(code, notes), notes=notes,
                      params={"since": since, "last": last_, "horizon": horizon_,
                              "paydown_pp": paydown, "retaliation": retal,
                              "max_depreciation": max_dep},
                      provenance={"balances": "facade.bsr.balances (GMD, IFS actual 2024)",
                                  "gdp_usd": "BIS WS_TC (USD / % of GDP)",
                                  "trade": "IMF DOTS (world 1961-2022; China by partner "
                                           "1961, 1978-2020)",
                                  "gov_debt": "IMF PFMH (GMD where PFMH has none)"})
