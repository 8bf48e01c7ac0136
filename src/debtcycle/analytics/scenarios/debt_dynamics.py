"""Public-debt dynamics and the IMF/DSA decomposition of debt changes.

The accounting identity (all ratios in % of GDP, rates in % a year)::

    d_t = d_{t-1} (1 + i_t) / (1 + g_t) - pb_t + sfa_t

with ``i`` the effective nominal interest rate on debt, ``g`` nominal GDP
growth, ``pb`` the primary balance (surplus +) and ``sfa`` the stock-flow
adjustment.  With inflation ``pi`` and real growth ``gr`` (``1 + g = (1 + gr)
(1 + pi)``) the change ``d_t - d_{t-1}`` splits into (IMF, *Staff Guidance Note
for Public Debt Sustainability Analysis in Market-Access Countries*, 2013)::

    interest     =  i / (1 + g) d_{t-1}
    real growth  = -gr (1 + pi) / (1 + g) d_{t-1}
    inflation    = -pi / (1 + g) d_{t-1}
    primary      = -pb
    sfa          =  sfa

The identity is a two-line recursion, so it is written out rather than taken
from a library; it is vectorised over years with numpy where possible.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.errors import BadInputError

__all__ = ["TERMS", "DebtPath", "decompose_history", "project_debt"]

#: Decomposition terms, in the order they are reported.
TERMS = ("interest", "growth_real", "inflation", "primary_balance", "sfa")


@dataclass(frozen=True)
class DebtPath(Result):
    """A debt path and the contribution of each term to its yearly change.

    Attributes
    ----------
    frame : DataFrame
        Indexed by year: ``debt_gdp``, ``change``, the :data:`TERMS` (pp of GDP,
        summing to ``change``), and the inputs ``i``, ``g``, ``pi``, ``pb``.
    """

    frame: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return the path and its decomposition, one row per year."""
        return self.frame

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON of ``debtcycle fiscal decompose --json``: level, change and terms."""
        cols = ["debt_gdp", "change", *TERMS]
        out: dict[str, Any] = jsonable({
            "country": self.params.get("country"), "unit": "pp_gdp", "data": self.frame[cols],
            "params": self.params, "provenance": self.provenance})
        return out

    def max_identity_error(self) -> float:
        """Largest absolute gap between ``change`` and the sum of the terms (pp)."""
        gap = self.frame["change"] - self.frame[list(TERMS)].sum(axis=1)
        return float(gap.abs().max())


def _array(name: str, value: object, n: int) -> np.ndarray:
    out = np.broadcast_to(np.asarray(value, dtype=float), (n,)).astype(float)
    if not np.isfinite(out).all():
        raise BadInputError(f"{name} has missing or infinite values; fill or trim the years")
    return out


def _terms(prev: np.ndarray, i: np.ndarray, g: np.ndarray, pi: np.ndarray) -> dict[str, np.ndarray]:
    if np.any(g <= -100.0) or np.any(pi <= -100.0):
        raise BadInputError("growth and inflation must be above -100% a year")
    gross_g = 1.0 + g / 100.0
    gross_pi = 1.0 + pi / 100.0
    real = gross_g / gross_pi - 1.0
    return {
        "interest": i / 100.0 / gross_g * prev,
        "growth_real": -real * gross_pi / gross_g * prev,
        "inflation": -(pi / 100.0) / gross_g * prev,
    }


def project_debt(
    d0: float,
    years: list[int] | np.ndarray,
    g: object,
    pb: object,
    *,
    i: object | None = None,
    interest_gdp: object | None = None,
    pi: object = 0.0,
    sfa: object = 0.0,
) -> DebtPath:
    """Roll the debt ratio forward and decompose every year's change.

    Parameters
    ----------
    d0 : float
        Debt in % of GDP at the end of the year before ``years[0]``.
    years : sequence of int
        Projection years.
    g : float or array
        Nominal GDP growth, % a year.
    pb : float or array
        Primary balance, % of GDP (surplus +).
    i : float or array, optional
        Effective nominal interest rate on debt, % a year.
    interest_gdp : float or array, optional
        Interest paid in % of (current-year) GDP, instead of ``i`` (as CBO
        publishes it); the implied rate ``interest (1 + g) / d_{t-1}`` is reported.
    pi : float or array
        Inflation (GDP deflator), % a year; splits growth into real and price parts.
    sfa : float or array
        Stock-flow adjustment, % of GDP.

    Returns
    -------
    DebtPath

    Raises
    ------
    BadInputError
        If neither or both of ``i`` and ``interest_gdp`` are given, or inputs are
        not finite.
    """
    yrs = np.asarray(years, dtype=int)
    n = len(yrs)
    if (i is None) == (interest_gdp is None):
        raise BadInputError("give exactly one of i (effective rate) or interest_gdp")
    gv, pbv, piv, sfav = (_array(k, v, n) for k, v in
                          (("g", g), ("pb", pb), ("pi", pi), ("sfa", sfa)))
    iv = _array("i", i, n) if i is not None else np.zeros(n)
    intv = _array("interest_gdp", interest_gdp, n) if interest_gdp is not None else None
    debt = np.empty(n)
    prev = float(d0)
    for t in range(n):
        gross_g = 1.0 + gv[t] / 100.0
        if intv is not None:
            iv[t] = intv[t] * gross_g / prev * 100.0 if prev else 0.0
        debt[t] = prev * (1.0 + iv[t] / 100.0) / gross_g - pbv[t] + sfav[t]
        prev = debt[t]
    lagged = np.concatenate([[float(d0)], debt[:-1]])
    return DebtPath(frame=_frame(yrs, debt, lagged, iv, gv, piv, pbv, sfav),
                    params={"d0": float(d0), "mode": "rate" if i is not None else "interest_gdp"})


def _frame(years: np.ndarray, debt: np.ndarray, lagged: np.ndarray, i: np.ndarray,
           g: np.ndarray, pi: np.ndarray, pb: np.ndarray, sfa: np.ndarray) -> pd.DataFrame:
    terms = _terms(lagged, i, g, pi)
    frame = pd.DataFrame({"debt_gdp": debt, "change": debt - lagged, **terms,
                          "primary_balance": -pb, "sfa": sfa, "i": i, "g": g, "pi": pi,
                          "pb": pb}, index=pd.Index(years, name="year"))
    return frame


def decompose_history(
    debt: pd.Series, g: pd.Series, pb: pd.Series, *, interest_gdp: pd.Series,
    pi: pd.Series | None = None,
) -> DebtPath:
    """Decompose observed debt changes; the stock-flow adjustment is the residual.

    Parameters
    ----------
    debt : Series
        Debt in % of GDP, indexed by year (end of year).
    g : Series
        Nominal GDP growth, % a year.
    pb : Series
        Primary balance, % of GDP.
    interest_gdp : Series
        Interest paid, % of GDP (the effective rate is implied from it).
    pi : Series, optional
        Inflation (GDP deflator), % a year; without it growth is not split.

    Returns
    -------
    DebtPath
        One row per year with a previous-year debt and every input present.
    """
    data = pd.DataFrame({"debt": debt, "g": g, "pb": pb, "interest": interest_gdp,
                         "pi": pi if pi is not None else 0.0})
    data["prev"] = data["debt"].shift(1)
    data = data.dropna()
    if data.empty:
        raise BadInputError("no year has debt, growth, primary balance and interest together")
    gross_g = 1.0 + data["g"].to_numpy() / 100.0
    prev = data["prev"].to_numpy()
    i = data["interest"].to_numpy() * gross_g / prev * 100.0
    known = _terms(prev, i, data["g"].to_numpy(), data["pi"].to_numpy())
    change = data["debt"].to_numpy() - prev
    sfa = change - sum(known.values()) + data["pb"].to_numpy()
    years = np.asarray(data.index, dtype=int)
    frame = _frame(years, data["debt"].to_numpy(), prev, i, data["g"].to_numpy(),
                   data["pi"].to_numpy(), data["pb"].to_numpy(), sfa)
    return DebtPath(frame=frame, params={"mode": "history"})
