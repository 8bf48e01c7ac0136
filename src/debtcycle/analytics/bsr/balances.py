"""Sectoral financial balances (private, government, foreign) in % of GDP, and their identity.

Method
------
Saving minus investment of the three sectors of an open economy sums to zero:
``private + government + foreign = 0``, where the *foreign* balance is the rest
of the world's surplus against the country, i.e. minus its current account.
Two ways to build it:

* **National accounts** (:func:`balances_from_accounts`): government = general
  government balance, foreign = - current account, private = current account -
  government balance.  The identity holds by construction (residual 0); the
  private balance inherits every error of the other two (including the capital
  account and errors and omissions, which it absorbs).
* **Flow of funds** (:func:`balances_from_flow_of_funds`): every sector's
  financial surplus/deficit is measured directly (Bank of Japan; the data of
  Koo's charts).  Private = households + NPISHs + non-financial corporations +
  financial institutions.  The identity holds up to the publisher's statistical
  discrepancy, reported as ``residual``.

Where both exist (Japan), :func:`compare_balances` shows where they disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.errors import BadInputError

__all__ = [
    "FOF_COLUMNS",
    "SectoralBalances",
    "balances_from_accounts",
    "balances_from_flow_of_funds",
    "compare_balances",
    "fiscal_year_gdp",
]

#: Columns a flow-of-funds frame must hold (financial surplus/deficit by sector).
FOF_COLUMNS: tuple[str, ...] = (
    "government", "households", "npish", "nonfin_corp", "financial", "foreign",
)
_PRIVATE_PARTS: tuple[str, ...] = ("households", "npish", "nonfin_corp", "financial")


@dataclass(frozen=True)
class SectoralBalances(Result):
    """Sector financial balances in % of GDP (surplus +), one row per period.

    Attributes
    ----------
    country : str
        Country code.
    balances : DataFrame
        Columns ``private``, ``government``, ``foreign``, ``residual`` (private +
        government + foreign, the identity check) and, for flow-of-funds data, the
        private sub-sectors ``households``, ``npish``, ``nonfin_corp``, ``financial``.
    basis : str
        ``"national_accounts"`` or ``"flow_of_funds"``.
    sources : dict of str to str
        Where each piece comes from, in words.
    comparison : DataFrame or None
        A second build of the same balances side by side
        (:func:`compare_balances`), when the caller made one.
    comparison_of : str
        What ``comparison`` compares, in words.
    """

    country: str
    balances: pd.DataFrame
    basis: str
    sources: dict[str, str] = field(default_factory=dict)
    comparison: pd.DataFrame | None = None
    comparison_of: str = ""

    def to_frame(self) -> pd.DataFrame:
        """Return the balances table (% of GDP)."""
        return self.balances

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of ``debtcycle balances COUNTRY --json``."""
        other = self.comparison
        return {
            "country": self.country, "basis": self.basis, "unit": "pct_gdp",
            "max_identity_residual": self.max_residual, "sources": dict(self.sources),
            "table": jsonable(self.balances),
            "comparison": jsonable(other.reset_index()) if other is not None else None,
            "comparison_of": self.comparison_of,
            "params": jsonable(self.params), "provenance": jsonable(self.provenance),
        }

    @property
    def max_residual(self) -> float:
        """Largest absolute identity residual over all periods, in % of GDP."""
        return float(self.balances["residual"].abs().max())


def _check_annual(series: pd.Series, name: str) -> None:
    if not isinstance(series.index, pd.PeriodIndex):
        raise BadInputError(f"{name} must be on a PeriodIndex (use debtcycle.series).")


def balances_from_accounts(
    ca_gdp: pd.Series, gov_balance_gdp: pd.Series, *, country: str = ""
) -> SectoralBalances:
    """Build the three balances from the current account and the government balance.

    Parameters
    ----------
    ca_gdp : Series
        Current account balance, % of GDP (surplus +).
    gov_balance_gdp : Series
        General government balance, % of GDP (surplus +).
    country : str
        Label carried into the result.

    Returns
    -------
    SectoralBalances
        ``private = ca - gov``, ``foreign = -ca``; residual 0 by construction.

    Raises
    ------
    BadInputError
        If the inputs are not on PeriodIndexes or do not overlap.
    """
    _check_annual(ca_gdp, "ca_gdp")
    _check_annual(gov_balance_gdp, "gov_balance_gdp")
    both = pd.DataFrame({"ca": ca_gdp, "gov": gov_balance_gdp}).dropna()
    if both.empty:
        raise BadInputError(
            f"{country or 'series'}: current account and government balance share no period."
        )
    out = pd.DataFrame(
        {"private": both["ca"] - both["gov"], "government": both["gov"], "foreign": -both["ca"]}
    )
    out["residual"] = out["private"] + out["government"] + out["foreign"]
    ca_info = ca_gdp.attrs.get("info", {})
    gov_info = gov_balance_gdp.attrs.get("info", {})
    sources = {
        "government": f"general government balance ({_describe(gov_info)})",
        "foreign": f"minus the current account ({_describe(ca_info)})",
        "private": "current account minus government balance (residual of the identity)",
    }
    return SectoralBalances(
        country=country, balances=out, basis="national_accounts", sources=sources,
        params={"basis": "national_accounts"},
        provenance={"ca_gdp": dict(ca_info), "gov_balance_gdp": dict(gov_info)},
    )


def _describe(info: dict[str, str]) -> str:
    if not info:
        return "caller's series"
    return f"{info.get('source', '?')} {info.get('series_key', '')}".strip()


def fiscal_year_gdp(gdp: pd.Series, *, start_month: int = 4) -> pd.Series:
    """Approximate fiscal-year GDP from calendar-year GDP by time weighting.

    A fiscal year starting in month ``m`` of year ``t`` covers ``(13 - m)/12`` of
    calendar year ``t`` and ``(m - 1)/12`` of year ``t + 1``; the result weights the
    two calendar years' GDP accordingly (April: 0.75 and 0.25).  This assumes GDP
    is spread evenly over the year; the error is of the order of a quarter's growth.

    Parameters
    ----------
    gdp : Series
        Annual nominal GDP on a PeriodIndex.
    start_month : int
        First month of the fiscal year (Japan: 4).

    Returns
    -------
    Series
        Fiscal-year GDP labelled by the starting year; the last year is NaN
        (the following calendar year is needed).
    """
    _check_annual(gdp, "gdp")
    if not 1 <= start_month <= 12:
        raise BadInputError(f"start_month {start_month} must be between 1 and 12.")
    later = (start_month - 1) / 12.0
    values = gdp.sort_index()
    if later == 0.0:
        return values.copy()
    index = pd.PeriodIndex(values.index)
    following = pd.Series(values.to_numpy(), index=index - 1).reindex(index)
    out = (1.0 - later) * values + later * following.to_numpy()
    out.attrs = dict(gdp.attrs)
    return out


def balances_from_flow_of_funds(
    flows: pd.DataFrame, gdp: pd.Series, *, country: str = "", source_note: str = ""
) -> SectoralBalances:
    """Divide flow-of-funds financial surpluses/deficits by GDP and group them.

    Parameters
    ----------
    flows : DataFrame
        Columns :data:`FOF_COLUMNS` (``foreign`` = rest of the world), in the same
        currency unit as ``gdp``, on a PeriodIndex.
    gdp : Series
        Nominal GDP for the same periods and unit (for fiscal-year flows, see
        :func:`fiscal_year_gdp`).
    country : str
        Label carried into the result.
    source_note : str
        Words on where the flows and GDP come from (kept in ``sources``).

    Returns
    -------
    SectoralBalances
        Private = households + NPISHs + non-financial corporations + financial
        institutions; ``residual`` is the publisher's statistical discrepancy.

    Raises
    ------
    BadInputError
        If a column is missing or no period has both flows and GDP.
    """
    missing = [c for c in FOF_COLUMNS if c not in flows.columns]
    if missing:
        raise BadInputError(f"flow-of-funds frame lacks columns {missing}; need {FOF_COLUMNS}.")
    _check_annual(gdp, "gdp")
    shares = flows[list(FOF_COLUMNS)].div(gdp, axis=0).mul(100.0).dropna(how="any")
    if shares.empty:
        raise BadInputError(f"{country or 'flows'}: no period with both flows and GDP.")
    out = pd.DataFrame({
        "private": shares[list(_PRIVATE_PARTS)].sum(axis=1),
        "government": shares["government"],
        "foreign": shares["foreign"],
    })
    out["residual"] = out["private"] + out["government"] + out["foreign"]
    for part in _PRIVATE_PARTS:
        out[part] = shares[part]
    sources = {
        "private": "flow of funds: households + NPISHs + non-financial corporations + "
                   "financial institutions",
        "government": "flow of funds: general government",
        "foreign": "flow of funds: overseas (rest of the world)",
        "note": source_note,
    }
    return SectoralBalances(
        country=country, balances=out, basis="flow_of_funds", sources=sources,
        params={"basis": "flow_of_funds"},
        provenance={"gdp": dict(gdp.attrs.get("info", {}))},
    )


def compare_balances(
    first: SectoralBalances, second: SectoralBalances, *, threshold: float = 2.0,
    names: tuple[str, str] | None = None,
) -> pd.DataFrame:
    """Put two builds of the balances side by side and flag where they disagree.

    Parameters
    ----------
    first, second : SectoralBalances
        E.g. the BOJ flow of funds and the national-accounts build for Japan.
    threshold : float
        Absolute difference (pp of GDP) from which a period is flagged.
    names : tuple of str, optional
        Column labels of the two builds; default their ``basis`` (or ``first`` and
        ``second`` when both have the same basis).

    Returns
    -------
    DataFrame
        Per common period and sector (``private``, ``government``, ``foreign``):
        columns ``<basis of first>``, ``<basis of second>``, ``diff`` (first -
        second) and ``disagree`` (``|diff| >= threshold``).
    """
    if names is None:
        same = first.basis == second.basis
        names = ("first", "second") if same else (first.basis, second.basis)
    parts = []
    for sector in ("private", "government", "foreign"):
        pair = pd.DataFrame({names[0]: first.balances[sector],
                             names[1]: second.balances[sector]}).dropna()
        pair["diff"] = pair[names[0]] - pair[names[1]]
        pair["disagree"] = pair["diff"].abs() >= threshold
        pair["sector"] = sector
        parts.append(pair)
    out = pd.concat(parts).set_index("sector", append=True)
    return out.sort_index()
