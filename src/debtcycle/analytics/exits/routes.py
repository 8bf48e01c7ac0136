"""The routes out of a private surplus, each with its limit: export, currency, fiscal.

Method (all figures annual, % of GDP unless stated)
------
* **Export route.** A current-account surplus ``C`` (% of own GDP) is a deficit
  of ``C x GDP / GDP_partners`` % of the partners' GDP.  Its limit is the
  largest surplus in history in % of world exports (Japan 1980s, Germany
  2010s, China 2007; world exports are the yardstick that reaches back to the
  1980s): the capacity of the route is the surplus that would match that
  record today.  If the extra
  surplus comes from extra exports at unchanged imports, the country's share of
  world exports becomes ``(X + E) / (W + E)`` (``X`` its exports, ``W`` world
  exports, ``E`` the extra).
* **Partner exposure.** The extra exports are spread over partners in
  proportion to what they buy now; each partner's extra imports from the
  country are then shown in % of its total imports, beside the share the
  country already has in them.
* **Currency route.** A real depreciation of ``d`` % raises net exports by
  ``b d`` % of GDP (``b`` = 0.15: IMF WEO October 2015, ch. 3, a 10% real
  effective depreciation raises net exports by 1.5% of GDP on average).  The
  partners' response is a *retaliation elasticity* ``r``: the share of the
  depreciation's price advantage they offset with tariffs or duties (0 = none,
  1 = all).  The net gain is ``b d (1 - r)``; the capacity of the route is the
  gain at the largest depreciation taken as tolerable (``max_depreciation``).
  ``r`` has no estimate in the literature; the default 0.5 is an assumption,
  shown with the answer at 0 and 1.
* **Fiscal route.** A deficit path ``D_t`` moves government debt as
  ``d_t = d_{t-1} / (1 + g_t) + D_t`` (the fiscal engine's
  :func:`~debtcycle.analytics.scenarios.debt_dynamics.project_debt` with the
  overall deficit as the balance and no separate interest term).  Its limit
  here is Japan's path in event time: the debt the country would reach if its
  ratio rose as much as Japan's did in the same number of years after its
  property peak; the capacity is the constant deficit that reaches it.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from debtcycle.analytics.scenarios.debt_dynamics import project_debt
from debtcycle.errors import BadInputError

__all__ = ["TRADE_BALANCE_PER_PCT", "currency_route", "export_route", "fiscal_capacity",
           "fiscal_path", "historical_surpluses", "partner_exposure", "routes_table",
           "share_after"]

#: Net exports gained per 1% real effective depreciation, % of GDP (IMF WEO Oct 2015, ch. 3).
TRADE_BALANCE_PER_PCT: float = 0.15


def share_after(exports: float, world: float, extra: float) -> float:
    """Share (%) of world exports after ``extra`` more exports (same unit as the inputs)."""
    if world <= 0:
        raise BadInputError("world exports must be positive.")
    return 100.0 * (exports + extra) / (world + extra)


def export_route(required_ca_gdp: float, actual_ca_gdp: float, gdp_usd: float,
                 partners_gdp_usd: float, exports_usd: float, world_exports_usd: float,
                 partners_imports_usd: float) -> dict[str, float]:
    """Size a current-account surplus against the partners and world trade.

    Parameters
    ----------
    required_ca_gdp, actual_ca_gdp : float
        Required and actual current account, % of own GDP.
    gdp_usd, partners_gdp_usd : float
        Own and partners' GDP, USD (same scale).
    exports_usd, world_exports_usd, partners_imports_usd : float
        Own merchandise exports, world exports, and the partners' imports, USD
        (same scale as the GDP figures).

    Returns
    -------
    dict
        ``required_usd``, ``extra_usd``, ``required_pct_partner_gdp``,
        ``actual_pct_partner_gdp``, ``extra_pct_partner_imports``,
        ``export_share_now`` and ``export_share_after`` (% of world exports).
    """
    if gdp_usd <= 0 or partners_gdp_usd <= 0 or partners_imports_usd <= 0:
        raise BadInputError("GDP and imports must be positive.")
    extra_gdp = max(required_ca_gdp - actual_ca_gdp, 0.0)
    extra_usd = extra_gdp / 100.0 * gdp_usd
    ratio = gdp_usd / partners_gdp_usd
    extra_trade = extra_usd
    return {
        "required_usd": required_ca_gdp / 100.0 * gdp_usd,
        "extra_usd": extra_usd,
        "required_pct_partner_gdp": required_ca_gdp * ratio,
        "actual_pct_partner_gdp": actual_ca_gdp * ratio,
        "extra_pct_partner_imports": 100.0 * extra_trade / partners_imports_usd,
        "export_share_now": 100.0 * exports_usd / world_exports_usd,
        "export_share_after": share_after(exports_usd, world_exports_usd, extra_trade),
    }


def historical_surpluses(ca_gdp: Mapping[str, pd.Series], gdp_usd: Mapping[str, pd.Series],
                         world_exports_usd: pd.Series,
                         episodes: Mapping[str, tuple[int, int]]) -> pd.DataFrame:
    """Find the largest current-account surplus of each episode, against world exports.

    World exports (IMF DOTS, from 1961) are the yardstick of the partners' size
    because they go back to Japan's 1980s surpluses; the BIS all-reporters GDP
    starts in 1999.

    Parameters
    ----------
    ca_gdp, gdp_usd : mapping of str to Series
        Country -> current account (% of GDP) and GDP in USD (annual).
    world_exports_usd : Series
        World exports, USD, same scale as ``gdp_usd``.
    episodes : mapping of str to (int, int)
        Country -> first and last year searched (e.g. ``{"JP": (1980, 1989)}``).

    Returns
    -------
    DataFrame
        One row per country: ``year`` of the largest surplus in % of world
        exports, ``ca_gdp``, ``ca_usd``, ``pct_world_exports``.
    """
    rows = []
    for code, (first, last) in episodes.items():
        if code not in ca_gdp or code not in gdp_usd:
            continue
        frame = pd.DataFrame({"ca": ca_gdp[code], "gdp": gdp_usd[code],
                              "world": world_exports_usd}).dropna()
        years = pd.PeriodIndex(frame.index).year
        frame = frame[(years >= first) & (years <= last)]
        if frame.empty:
            continue
        usd = frame["ca"] * frame["gdp"] / 100.0
        pct = 100.0 * usd / frame["world"]
        pos = int(np.argmax(pct.to_numpy(dtype=float)))
        rows.append({"country": code, "year": int(pd.PeriodIndex(frame.index).year[pos]),
                     "ca_gdp": float(frame["ca"].iloc[pos]), "ca_usd": float(usd.iloc[pos]),
                     "pct_world_exports": float(pct.iloc[pos])})
    return pd.DataFrame(rows, columns=["country", "year", "ca_gdp", "ca_usd",
                                       "pct_world_exports"]).set_index("country")


def partner_exposure(exports_to: pd.Series, partner_imports: pd.Series,
                     extra_usd: float, *, top: int = 12) -> pd.DataFrame:
    """Spread extra exports over partners pro rata and compare with their imports.

    Parameters
    ----------
    exports_to : Series
        Partner code -> the country's exports to it (USD, one year).
    partner_imports : Series
        Partner code -> the partner's total imports (USD, same year and scale).
    extra_usd : float
        Extra exports to place (same scale).
    top : int
        Partners kept (largest buyers first).

    Returns
    -------
    DataFrame
        Per partner: ``exports_usd``, ``share_of_exports`` (%), ``share_of_partner_imports``
        (%), ``extra_usd``, ``extra_pct_partner_imports``, ``share_after`` (% of its
        imports from the country afterwards).  Shares of exports over all partners
        sum to 100 (tested).
    """
    clean = exports_to.dropna()
    clean = clean[clean > 0]
    if clean.empty:
        raise BadInputError("partner_exposure needs positive exports to at least one partner.")
    share = 100.0 * clean / clean.sum()
    extra = extra_usd * clean / clean.sum()
    imports = partner_imports.reindex(clean.index)
    out = pd.DataFrame({
        "exports_usd": clean, "share_of_exports": share,
        "share_of_partner_imports": 100.0 * clean / imports,
        "extra_usd": extra,
        "extra_pct_partner_imports": 100.0 * extra / imports,
        "share_after": 100.0 * (clean + extra) / (imports + extra),
    }).sort_values("exports_usd", ascending=False)
    out.index.name = "partner"
    return out.head(top)


def currency_route(needed_gdp: float, *, retaliation: float = 0.5,
                   max_depreciation: float = 10.0,
                   per_pct: float = TRADE_BALANCE_PER_PCT) -> dict[str, float]:
    """Depreciation needed for a current-account gain, net of partners' retaliation.

    Parameters
    ----------
    needed_gdp : float
        Current-account gain wanted, % of GDP.
    retaliation : float
        Retaliation elasticity in [0, 1]: share of the price advantage partners offset.
    max_depreciation : float
        Largest real depreciation taken as tolerable, % (sets the capacity).
    per_pct : float
        Net exports per 1% real depreciation, % of GDP.

    Returns
    -------
    dict
        ``depreciation_needed`` (%; inf when retaliation is 1), ``gain_at_max``
        (capacity, % of GDP), ``retaliation``, ``max_depreciation``, ``per_pct``.
    """
    if not 0.0 <= retaliation <= 1.0:
        raise BadInputError(f"retaliation {retaliation} must be between 0 and 1.")
    if max_depreciation <= 0 or per_pct <= 0:
        raise BadInputError("max_depreciation and per_pct must be positive.")
    net = per_pct * (1.0 - retaliation)
    needed = float("inf") if net == 0 else max(needed_gdp, 0.0) / net
    return {"depreciation_needed": needed, "gain_at_max": net * max_depreciation,
            "retaliation": retaliation, "max_depreciation": max_depreciation,
            "per_pct": per_pct}


def fiscal_path(d0: float, deficits: pd.Series, growth: float | pd.Series) -> pd.Series:
    """Government debt (% of GDP) when the budget runs ``deficits`` (overall, % of GDP).

    Uses the fiscal engine: ``project_debt(d0, years, g, pb=-deficit, i=0)`` gives
    ``d_t = d_{t-1} / (1 + g_t) + D_t``, the overall-deficit form of the debt
    dynamics (interest is inside the overall deficit).
    """
    years = pd.PeriodIndex(deficits.index).year.to_numpy()
    g = growth.reindex(deficits.index).to_numpy(dtype=float) if isinstance(growth, pd.Series) \
        else np.full(len(years), float(growth))
    path = project_debt(d0, years, g, -deficits.to_numpy(dtype=float), i=0.0)
    return pd.Series(path.frame["debt_gdp"].to_numpy(dtype=float), index=deficits.index,
                     name="gov_debt_gdp")


def fiscal_capacity(d0: float, target: float, years: int, growth: float) -> float:
    """Constant overall deficit (% of GDP) that takes debt from ``d0`` to ``target`` in ``years``.

    Solves ``d_n = d0 / G^n + D sum_{k<n} G^-k`` with ``G = 1 + g/100``.
    """
    if years < 1:
        raise BadInputError("years must be at least 1.")
    big_g = 1.0 + growth / 100.0
    annuity = sum(big_g ** -k for k in range(years))
    return (target - d0 / big_g ** years) / annuity


def routes_table(surplus: float, actual_ca: float, *, export_capacity: float,
                 currency_gain: float, fiscal_capacity_gdp: float) -> pd.DataFrame:
    """Side by side: how much of the surplus each route can take, and the mix.

    Parameters
    ----------
    surplus : float
        Private surplus to absorb, % of GDP.
    actual_ca : float
        Current account now, % of GDP.
    export_capacity : float
        Largest current account the export route allows (record-based), % of GDP.
    currency_gain : float
        Current-account gain the currency route allows, % of GDP.
    fiscal_capacity_gdp : float
        Largest sustained deficit the fiscal route allows, % of GDP.

    Returns
    -------
    DataFrame
        Rows ``export``, ``currency``, ``fiscal``, ``mix``: ``capacity`` (% of
        GDP), ``share_of_surplus`` (%), ``shortfall`` (% of GDP left unabsorbed by
        that route alone, or by the mix). The mix takes the current account up to
        the export limit, adds the currency gain, and leaves the rest to the
        budget up to its limit.
    """
    if surplus <= 0:
        raise BadInputError(f"no private surplus to absorb ({surplus:.2f}% of GDP).")
    fiscal = fiscal_capacity_gdp if np.isfinite(fiscal_capacity_gdp) else 0.0
    ca_mix = min(max(actual_ca, 0.0) + currency_gain, max(export_capacity, actual_ca))
    mix = ca_mix + max(min(fiscal, surplus - ca_mix), 0.0)
    caps = {"export": max(export_capacity, 0.0), "currency": max(actual_ca, 0.0) + currency_gain,
            "fiscal": max(fiscal_capacity_gdp, 0.0) if np.isfinite(fiscal_capacity_gdp)
            else np.nan, "mix": mix}
    rows = {name: {"capacity": cap, "share_of_surplus": 100.0 * min(cap, surplus) / surplus,
                   "shortfall": max(surplus - cap, 0.0)} if np.isfinite(cap) else
            {"capacity": np.nan, "share_of_surplus": np.nan, "shortfall": np.nan}
            for name, cap in caps.items()}
    out = pd.DataFrame(rows).T
    out.index.name = "route"
    return out
