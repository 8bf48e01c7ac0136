"""Net interest from market rates and the maturity structure of debt held by the public.

The debt held by the public is split in two parts:

* a share ``bill_share`` that reprices every year at the 3-month bill rate
  (Treasury bills and the floating part of the debt);
* coupon debt (notes and bonds) whose average coupon ``c`` moves slowly: each
  year ``1 / turnover_years`` of the coupon debt outstanding matures and is
  refinanced, and the coupon debt added by the year's borrowing is issued, at
  the 10-year rate of that year.

With ``D`` debt at the end of the fiscal year (billions)::

    keep_t = (1 - s) D_{t-1} (1 - 1 / N)
    new_t  = max((1 - s) D_t - keep_t, 0)
    c_t    = (c_{t-1} keep_t + y10_t new_t) / (keep_t + new_t)
    I_t    = (s bill_t + (1 - s) c_t) D_{t-1} / 100
    D_t    = D_{t-1} + I_t - PB_t + SFA_t

``D_t`` appears on both sides (this year's borrowing is issued at this year's
rate); a few fixed-point steps solve it.  The three parameters (``s``, ``N``
and the coupon ``c`` at the start) are calibrated by least squares on the
observed effective rate, net interest over the previous year's debt (CBO
actuals), given the observed debt path and market rates.  The fitted bill share
and turnover are an *effective* structure: net interest also carries TIPS
accruals and interest received by the Treasury, which the two rates stand for.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.errors import BadInputError

__all__ = ["InterestProjection", "MaturityStructure", "calibrate_maturity", "fiscal_year_rate",
           "project_interest"]


def fiscal_year_rate(calendar: pd.Series) -> pd.Series:
    """Fiscal-year average of a calendar-year rate: 1/4 of year t-1 plus 3/4 of year t.

    The US fiscal year t runs from October of t-1 to September of t.
    """
    return 0.25 * calendar.shift(1) + 0.75 * calendar


@dataclass(frozen=True)
class MaturityStructure(Result):
    """A calibrated maturity structure of debt held by the public.

    Attributes
    ----------
    bill_share : float
        Share of the debt repricing every year at the bill rate.
    turnover_years : float
        Years over which coupon debt turns over (1 / share refinanced a year).
    coupon_start : float
        Average coupon (%) at the end of the year before the calibration window.
    coupon_end : float
        Average coupon (%) at the end of the calibration window (the projection's start).
    fit : DataFrame
        By fiscal year: observed and fitted effective rate (%), and the coupon.
    """

    bill_share: float
    turnover_years: float
    coupon_start: float
    coupon_end: float
    fit: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return the calibration fit by year."""
        return self.fit

    @property
    def rmse(self) -> float:
        """Root mean squared error of the fitted effective rate (pp)."""
        gap = self.fit["fitted_rate"] - self.fit["observed_rate"]
        return float(np.sqrt(np.mean(gap.to_numpy() ** 2)))


def _step(coupon: float, prev: float, cur: float, s: float, n: float, y10: float) -> float:
    keep = (1.0 - s) * prev * (1.0 - 1.0 / n)
    new = max((1.0 - s) * cur - keep, 0.0)
    total = keep + new
    return (coupon * keep + y10 * new) / total if total > 0 else y10


def _rates(params: np.ndarray, debt: np.ndarray, bill: np.ndarray, y10: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray]:
    s, n, c = (float(v) for v in params)
    rate, coupons = np.empty(len(bill)), np.empty(len(bill))
    for t in range(len(bill)):
        c = _step(c, debt[t], debt[t + 1], s, n, y10[t])
        coupons[t] = c
        rate[t] = s * bill[t] + (1.0 - s) * c
    return rate, coupons


def calibrate_maturity(history: pd.DataFrame, *, start: int, end: int | None = None
                       ) -> MaturityStructure:
    """Fit the maturity structure on observed debt, net interest and market rates.

    Parameters
    ----------
    history : DataFrame
        By fiscal year: ``debt`` (end of year, billions), ``net_interest``
        (billions), ``bill_rate`` and ``yield_10y`` (fiscal-year averages, %).
    start, end : int
        First and last fiscal year fitted (the debt of ``start - 1`` is needed).

    Raises
    ------
    BadInputError
        If fewer than 8 complete years are in the window.
    """
    from scipy.optimize import least_squares

    data = history.loc[:, ["debt", "net_interest", "bill_rate", "yield_10y"]]
    last = int(end if end is not None else data.dropna().index.max())
    years = np.arange(start, last + 1)
    debt = data["debt"].reindex(np.arange(start - 1, last + 1)).to_numpy(dtype=float)
    window = data.reindex(years)
    if np.isnan(debt).any() or window.isna().any().any() or len(years) < 8:
        raise BadInputError(f"maturity calibration {start}-{last}: need debt from {start - 1} "
                            "and net interest and rates every year, at least 8 years")
    observed = window["net_interest"].to_numpy() / debt[:-1] * 100.0
    bill, y10 = window["bill_rate"].to_numpy(), window["yield_10y"].to_numpy()

    def residual(p: np.ndarray) -> np.ndarray:
        out: np.ndarray = _rates(p, debt, bill, y10)[0] - observed
        return out

    fit = least_squares(residual, x0=np.array([0.25, 6.0, float(observed[0])]),
                        bounds=([0.0, 1.0, 0.0], [0.6, 30.0, 15.0]))
    rate, coupons = _rates(fit.x, debt, bill, y10)
    frame = pd.DataFrame({"observed_rate": observed, "fitted_rate": rate, "coupon": coupons},
                         index=pd.Index(years, name="year"))
    return MaturityStructure(
        bill_share=float(fit.x[0]), turnover_years=float(fit.x[1]),
        coupon_start=float(fit.x[2]), coupon_end=float(coupons[-1]), fit=frame,
        params={"start": int(start), "end": last, "method": "least squares on effective rate"})


@dataclass(frozen=True)
class InterestProjection:
    """Debt and net interest projected with a maturity structure.

    Attributes
    ----------
    frame : DataFrame
        By fiscal year: ``debt`` (billions), ``debt_gdp``, ``net_interest``
        (billions), ``net_interest_gdp``, ``effective_rate`` (net interest over
        the previous year's debt, %) and ``coupon`` (%).
    """

    frame: pd.DataFrame


def project_interest(structure: MaturityStructure, d0: float, years: np.ndarray,
                     gdp: np.ndarray, primary_balance_gdp: np.ndarray, bill: np.ndarray,
                     y10: np.ndarray, sfa_gdp: np.ndarray | None = None,
                     iterations: int = 6) -> InterestProjection:
    """Roll debt held by the public forward with interest from the maturity structure.

    Parameters
    ----------
    structure : MaturityStructure
        Calibrated up to the year before ``years[0]`` (its ``coupon_end`` is the start).
    d0 : float
        Debt at the end of the year before ``years[0]`` (billions).
    years : ndarray of int
    gdp : ndarray
        Nominal GDP by year (billions, same unit as ``d0``).
    primary_balance_gdp : ndarray
        Primary balance, % of GDP (surplus +).
    bill, y10 : ndarray
        Bill rate and 10-year yield by fiscal year (%).
    sfa_gdp : ndarray, optional
        Stock-flow adjustment, % of GDP (default zero).
    """
    n = len(years)
    arrays = [np.asarray(a, dtype=float) for a in (gdp, primary_balance_gdp, bill, y10)]
    if any(len(a) != n or not np.isfinite(a).all() for a in arrays):
        raise BadInputError("project_interest: GDP, primary balance and rates must be finite "
                            "and cover every year")
    g, pb, b, y = arrays
    sfa = np.zeros(n) if sfa_gdp is None else np.asarray(sfa_gdp, dtype=float)
    s, turnover = structure.bill_share, structure.turnover_years
    coupon, prev = structure.coupon_end, float(d0)
    rows = []
    for t in range(n):
        cur = prev
        for _ in range(iterations):
            c = _step(coupon, prev, cur, s, turnover, y[t])
            interest = (s * b[t] + (1.0 - s) * c) * prev / 100.0
            cur = prev + interest - (pb[t] - sfa[t]) * g[t] / 100.0
        coupon = c
        rows.append((cur, cur / g[t] * 100.0, interest, interest / g[t] * 100.0,
                     interest / prev * 100.0, c))
        prev = cur
    frame = pd.DataFrame(rows, columns=["debt", "debt_gdp", "net_interest", "net_interest_gdp",
                                        "effective_rate", "coupon"],
                         index=pd.Index(np.asarray(years, dtype=int), name="year"))
    return InterestProjection(frame=frame)
