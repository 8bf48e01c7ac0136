"""Exit accounting: who absorbs the private surplus, and what each path has cost.

Method
------
With the balances identity ``private + government + foreign = 0`` a private
financial surplus ``S`` (% of GDP) is, every year, exactly matched by the
government deficit ``D = -government`` plus the current-account surplus
``C = -foreign``: ``S = D + C``.  If the private sector keeps saving ``S`` and
neither the government nor the rest of the world borrows it, the saving is not
spent and income falls until the surplus disappears (Koo's deflationary spiral).
So the exits are:

* **the fiscal path** (Japan): the government deficit needed when the current
  account stays where it is, ``S - C``; its cost is the rise of government
  debt/GDP and the cumulative deficits since the bubble burst;
* **the external path** (China's export/technology bet): the current-account
  surplus needed with no government deficit, ``S``; its cost falls on trade
  partners, measured as that surplus in US dollars over the partners' GDP
  (the rest of the world must run the matching deficit).

:func:`absorption` splits each year's surplus between the two;
:func:`fiscal_cost` and :func:`external_requirement` measure the two costs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.errors import BadInputError

__all__ = ["ExitAccounting", "absorption", "exit_accounting", "external_requirement",
           "fiscal_cost"]


def absorption(balances: pd.DataFrame) -> pd.DataFrame:
    """Split each year's private surplus between the government deficit and the current account.

    Parameters
    ----------
    balances : DataFrame
        Columns ``private``, ``government``, ``foreign`` in % of GDP (a
        :class:`~debtcycle.analytics.bsr.balances.SectoralBalances` table).

    Returns
    -------
    DataFrame
        ``private_surplus``, ``gov_deficit``, ``ca_surplus`` (% of GDP),
        ``gov_share`` and ``ca_share`` (% of the private surplus, NaN when there
        is no surplus), ``deficit_needed_at_current_ca`` (= surplus - CA) and
        ``ca_needed_without_deficit`` (= surplus), ``residual`` (identity check).
    """
    missing = [c for c in ("private", "government", "foreign") if c not in balances.columns]
    if missing:
        raise BadInputError(f"absorption needs balances with columns {missing}.")
    surplus = balances["private"]
    deficit = -balances["government"]
    ca = -balances["foreign"]
    positive = surplus.where(surplus > 0)
    return pd.DataFrame({
        "private_surplus": surplus,
        "gov_deficit": deficit,
        "ca_surplus": ca,
        "gov_share": 100.0 * deficit / positive,
        "ca_share": 100.0 * ca / positive,
        "deficit_needed_at_current_ca": surplus - ca,
        "ca_needed_without_deficit": surplus.clip(lower=0.0),
        "residual": surplus - deficit - ca,
    })


def fiscal_cost(gov_debt_gdp: pd.Series, gov_balance_gdp: pd.Series, start: pd.Period,
                end: pd.Period | None = None) -> dict[str, float]:
    """Measure the fiscal path's cost between two years.

    Parameters
    ----------
    gov_debt_gdp : Series
        Government debt, % of GDP (annual, PeriodIndex).
    gov_balance_gdp : Series
        Government balance, % of GDP (surplus +).
    start, end : Period
        First and last year (``end`` defaults to the last year with debt data).

    Returns
    -------
    dict
        ``debt_start``, ``debt_end``, ``debt_rise`` (pp of GDP),
        ``cumulative_deficit`` (sum of yearly deficits after ``start``, % of a
        year's GDP), ``years``.
    """
    debt = gov_debt_gdp.dropna()
    last = end if end is not None else debt.index[-1]
    if start not in debt.index or last not in debt.index:
        raise BadInputError(f"Government debt has no value in {start} or {last}; "
                            f"it covers {debt.index[0]} to {debt.index[-1]}.")
    window = gov_balance_gdp[(gov_balance_gdp.index > start) & (gov_balance_gdp.index <= last)]
    by_period = dict(zip(debt.index, debt.to_numpy(dtype=float), strict=True))
    first_value, last_value = float(by_period[start]), float(by_period[last])
    return {
        "start": float(start.year), "end": float(last.year),
        "debt_start": first_value, "debt_end": last_value,
        "debt_rise": last_value - first_value,
        "cumulative_deficit": float(-window.sum()),
        "years": float((last - start).n),
    }


def external_requirement(private_surplus_gdp: pd.Series, ca_gdp: pd.Series,
                         gdp_usd: pd.Series, partners_gdp_usd: pd.Series) -> pd.DataFrame:
    """Compute the current-account surplus the external path needs, against partners' size.

    Parameters
    ----------
    private_surplus_gdp : Series
        Private financial balance, % of GDP.
    ca_gdp : Series
        Actual current account, % of GDP.
    gdp_usd : Series
        The country's GDP in US dollars (any scale, same as ``partners_gdp_usd``).
    partners_gdp_usd : Series
        The trade partners' GDP in the same unit (e.g. all BIS reporters minus the
        country).

    Returns
    -------
    DataFrame
        ``required_ca_gdp`` (= the private surplus, % of own GDP), ``actual_ca_gdp``,
        ``required_ca_usd``, ``required_pct_partner_gdp`` and ``actual_pct_partner_gdp``
        (the deficit partners must run, % of their GDP), ``size_ratio`` (own GDP /
        partners' GDP).
    """
    frame = pd.DataFrame({"s": private_surplus_gdp, "ca": ca_gdp, "gdp": gdp_usd,
                          "partners": partners_gdp_usd}).dropna()
    if frame.empty:
        raise BadInputError("external_requirement: the inputs share no period.")
    ratio = frame["gdp"] / frame["partners"]
    required = frame["s"].clip(lower=0.0)
    return pd.DataFrame({
        "required_ca_gdp": required,
        "actual_ca_gdp": frame["ca"],
        "required_ca_usd": required / 100.0 * frame["gdp"],
        "required_pct_partner_gdp": required * ratio,
        "actual_pct_partner_gdp": frame["ca"] * ratio,
        "size_ratio": ratio,
    })


@dataclass(frozen=True)
class ExitAccounting(Result):
    """Absorption of the private surplus by year, and the cost of each exit path.

    Attributes
    ----------
    country : str
        Country code.
    table : DataFrame
        :func:`absorption` output, joined with :func:`external_requirement` where given.
    fiscal : dict of str to float
        :func:`fiscal_cost` since the start year (empty if not computed).
    start : Period or None
        First year of the episode (e.g. the property-price peak).
    """

    country: str
    table: pd.DataFrame
    fiscal: dict[str, float]
    start: pd.Period | None

    def to_frame(self) -> pd.DataFrame:
        """Return the yearly table."""
        return self.table

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of ``debtcycle bsr exits COUNTRY --json``."""
        return {"country": self.country,
                "start": str(self.start) if self.start is not None else None,
                "fiscal": jsonable(self.fiscal), "table": jsonable(self.table),
                "statement": self.statement(), "params": jsonable(self.params)}

    def statement(self) -> list[str]:
        """Return the exit accounting in words (latest year and the fiscal path)."""
        last = self.table.dropna(subset=["private_surplus"]).iloc[-1]
        period = self.table.dropna(subset=["private_surplus"]).index[-1]
        lines = [f"{period}: private {'surplus' if last['private_surplus'] >= 0 else 'deficit'}"
                 f" {abs(last['private_surplus']):.1f}% of GDP = government deficit "
                 f"{last['gov_deficit']:.1f}% + current-account surplus {last['ca_surplus']:.1f}%."]
        if last["private_surplus"] > 0:
            lines.append(f"Without a government deficit the current-account surplus would have "
                         f"to be {last['ca_needed_without_deficit']:.1f}% of GDP; at the present "
                         f"current account the deficit must stay at "
                         f"{last['deficit_needed_at_current_ca']:.1f}% of GDP.")
        if "required_pct_partner_gdp" in self.table and pd.notna(
                last.get("required_pct_partner_gdp", np.nan)):
            lines.append(f"That surplus would be {last['required_ca_usd']:,.0f} (USD bn) a year, "
                         f"a deficit of {last['required_pct_partner_gdp']:.2f}% of the trade "
                         f"partners' GDP (now {last['actual_pct_partner_gdp']:.2f}%).")
        if self.fiscal and self.fiscal["years"] > 0:
            f = self.fiscal
            lines.append(f"Fiscal path since {int(f['start'])}: government debt "
                         f"{f['debt_start']:.0f}% -> {f['debt_end']:.0f}% of GDP "
                         f"({f['debt_rise']:+.0f} pp) after cumulative deficits of "
                         f"{f['cumulative_deficit']:.0f}% of a year's GDP over "
                         f"{int(f['years'])} years.")
        return lines


def exit_accounting(balances: pd.DataFrame, *, country: str = "",
                    start: pd.Period | None = None,
                    gov_debt_gdp: pd.Series | None = None,
                    external: pd.DataFrame | None = None) -> ExitAccounting:
    """Combine the absorption table, the fiscal cost and the external requirement.

    Parameters
    ----------
    balances : DataFrame
        Sectoral balances (``private``, ``government``, ``foreign``; % of GDP).
    country : str
        Label.
    start : Period, optional
        Start of the episode for the fiscal cost (e.g. the property-price peak).
    gov_debt_gdp : Series, optional
        Government debt/GDP for the fiscal cost.
    external : DataFrame, optional
        :func:`external_requirement` output, joined on the period.

    Returns
    -------
    ExitAccounting
    """
    table = absorption(balances)
    if external is not None:
        table = table.join(external.drop(columns=["actual_ca_gdp"], errors="ignore"))
    fiscal: dict[str, float] = {}
    if start is not None and gov_debt_gdp is not None:
        fiscal = fiscal_cost(gov_debt_gdp, balances["government"], start)
    return ExitAccounting(country=country, table=table, fiscal=fiscal, start=start,
                          params={"start": str(start) if start is not None else None})
