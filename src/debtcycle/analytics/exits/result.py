"""The exits result: absorption accounting, each route with its limit, the answer in words."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.analytics.bsr.exits import ExitAccounting

__all__ = ["ExitRoutes"]


def _pct(value: float, digits: int = 1) -> str:
    return "n/a" if value is None or not math.isfinite(value) else f"{value:.{digits}f}%"


@dataclass(frozen=True)
class ExitRoutes(Result):
    """Who absorbs the private surplus, and how much each route can take before its limit.

    Attributes
    ----------
    country : str
        Country code.
    year : int
        Latest year of the balances (the surplus to absorb).
    accounting : ExitAccounting
        The yearly split of past surpluses (``debtcycle bsr exits``).
    absorption : DataFrame
        Required absorption over the horizon at today's split (identity residual 0).
    export : dict
        :func:`~debtcycle.analytics.exits.routes.export_route` at the latest year,
        plus the record and the route's capacity.
    history : DataFrame
        The largest surpluses in history, % of world exports.
    partners : DataFrame or None
        Partner exposure (China only: IMF DOTS China's exports by partner).
    shares : DataFrame or None
        The country's share of world exports and of main partners' imports, by year.
    currency : dict
        :func:`~debtcycle.analytics.exits.routes.currency_route` output.
    fiscal : dict
        Debt now, at the horizon if the budget absorbs the surplus, the Japan-in-
        event-time limit and the route's capacity.
    debt_paths : DataFrame
        Government debt paths over the horizon (fiscal engine).
    routes : DataFrame
        :func:`~debtcycle.analytics.exits.routes.routes_table`.
    pushback : DataFrame or None
        US anti-dumping cases against the country by year (GAD, to 2015): ``initiations``,
        ``measures``, ``share_of_us_initiations`` (%).
    notes : list of str
        Where a series ends early and what was used instead.
    """

    country: str
    year: int
    accounting: ExitAccounting
    absorption: pd.DataFrame
    export: dict[str, Any]
    history: pd.DataFrame
    partners: pd.DataFrame | None
    shares: pd.DataFrame | None
    currency: dict[str, float]
    fiscal: dict[str, float]
    debt_paths: pd.DataFrame
    routes: pd.DataFrame
    pushback: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)

    def to_frame(self) -> pd.DataFrame:
        """Return the routes side by side."""
        return self.routes

    def table(self) -> pd.DataFrame:
        """Return the yearly absorption accounting (as ``debtcycle bsr exits``)."""
        return self.accounting.table

    def statement(self) -> list[str]:
        """Return the answer in sentences computed from the numbers."""
        lines = list(self.accounting.statement())
        r = {name: {k: float(v) for k, v in row.items()}
             for name, row in self.routes.to_dict(orient="index").items()}
        s = float(self.absorption["private_surplus"].iloc[0]) if len(self.absorption) else math.nan
        e, c, f = self.export, self.currency, self.fiscal
        lines.append(
            f"Export route: the largest surplus in history was {_pct(e['record_pct_world'], 2)} "
            f"of world exports ({e['record_label']}); the same share today is a current "
            f"account of {_pct(e['capacity_gdp'])} of {self.country}'s GDP, "
            f"{_pct(r['export']['share_of_surplus'], 0)} of the private surplus of "
            f"{_pct(s)}. Absorbing it all abroad would take {self.country}'s share of world "
            f"exports from {_pct(e['export_share_now'])} to {_pct(e['export_share_after'])} and "
            f"add {_pct(e['extra_pct_partner_imports'])} to the partners' imports.")
        lines.append(
            f"Currency route: at {_pct(c['max_depreciation'], 0)} real depreciation and a "
            f"retaliation elasticity of {c['retaliation']:.1f}, the current account gains "
            f"{_pct(c['gain_at_max'])} of GDP; closing the gap of "
            f"{_pct(s - e['actual_ca_gdp'])} this way would need a "
            f"{_pct(c['depreciation_needed'], 0)} depreciation.")
        lines.append(
            f"Fiscal route: absorbing the gap with deficits for {int(f['horizon'])} years takes "
            f"government debt from {_pct(f['debt_now'], 0)} to {_pct(f['debt_all_fiscal'], 0)} "
            "of GDP; no Japan-in-event-time limit is measured here." if not math.isfinite(
                f["japan_rise"]) else
            f"Fiscal route: absorbing the gap with deficits for {int(f['horizon'])} years takes "
            f"government debt from {_pct(f['debt_now'], 0)} to {_pct(f['debt_all_fiscal'], 0)} "
            f"of GDP; Japan's debt rose {f['japan_rise']:+.0f} pp in the same years after its "
            f"peak, so the deficit that matches Japan's path is {_pct(f['capacity_gdp'])} of GDP "
            f"({_pct(r['fiscal']['share_of_surplus'], 0)} of the surplus).")
        if "central_now" in f:
            change = (f" (since the peak: central {f['central_change']:+.1f} pp, local "
                      f"{f['local_change']:+.1f} pp)" if "local_change" in f else "")
            lines.append(f"Who carries it: central government debt {_pct(f['central_now'])} "
                         f"and local government debt {_pct(f['local_now'])} of GDP in "
                         f"{int(f['split_period_year'])}Q{int(f['split_period_quarter'])} "
                         f"(CNBS){change}.")
        if self.pushback is not None and not self.pushback.empty:
            p = self.pushback
            cases = p["initiations"].to_numpy(dtype=float)
            pos = int(np.argmax(cases))
            peak = str(p.index[pos])
            peak_share = float(p["share_of_us_initiations"].to_numpy(dtype=float)[pos])
            lines.append(
                f"Pushback record: the US opened {int(p['initiations'].sum())} anti-dumping cases "
                f"against {self.country} in {p.index[0]}-{p.index[-1]} "
                f"({100.0 * p['initiations'].sum() / p['us_initiations'].sum():.0f}% of all US "
                f"cases) and imposed {int(p['measures'].sum())} final duties; the most cases "
                f"came in {peak} ({int(cases[pos])}, {peak_share:.0f}% of the US total).")
        lines.append(
            f"Mix: export limit, currency gain and the fiscal limit together take "
            f"{_pct(r['mix']['capacity'])} of GDP, {_pct(r['mix']['share_of_surplus'], 0)}"
            f" of the surplus" + (f"; {_pct(r['mix']['shortfall'])} of GDP is left over."
                                  if r["mix"]["shortfall"] > 0 else "."))
        return lines

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of ``debtcycle exits COUNTRY --json``."""
        acc = self.accounting
        return {
            "country": self.country, "year": self.year,
            "start": str(acc.start) if acc.start is not None else None,
            "fiscal_history": jsonable(acc.fiscal), "table": jsonable(acc.table),
            "routes": jsonable(self.routes), "export": jsonable(self.export),
            "history": jsonable(self.history), "currency": jsonable(self.currency),
            "fiscal": jsonable(self.fiscal), "debt_paths": jsonable(self.debt_paths),
            "absorption": jsonable(self.absorption),
            "partners": jsonable(self.partners) if self.partners is not None else None,
            "shares": jsonable(self.shares) if self.shares is not None else None,
            "pushback": jsonable(self.pushback) if self.pushback is not None else None,
            "notes": list(self.notes), "statement": self.statement(),
            "params": jsonable(self.params), "provenance": jsonable(self.provenance),
        }
