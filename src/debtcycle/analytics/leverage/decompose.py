"""Why leverage moved: debt growth vs real GDP growth vs inflation, plus the cross term.

Identity
--------
With debt ``D``, nominal GDP ``Y = R * P`` (real GDP times deflator) and the ratio
``d = 100 D / Y``, one period's change is exactly::

    d_t - d_{t-1} = d_{t-1} * (g_D - g_R - pi - g_R * pi) / (1 + g_Y)
                    debt term      real    inflation  cross

where ``g_D``, ``g_R``, ``pi`` and ``g_Y`` are the period's growth rates of debt,
real GDP, the deflator and nominal GDP (``1 + g_Y = (1 + g_R)(1 + pi)``).  Window
totals are sums of the period terms, so they add up to the change of the ratio
exactly (the ``residual`` column shows it, to floating-point precision).

Sources (chosen by the caller, see ``debtcycle.facade.leverage``): nominal GDP is
backed out of BIS total credit as ``debt_lcu / (debt_gdp / 100)`` for the total
non-financial sector (BIS divides every sector's debt by the same rolling
four-quarter sum of nominal GDP; the total has the largest ratio, so its one-decimal
rounding matters least).  Real GDP is FRED ``GDPC1`` (quarterly, four-quarter
average to match BIS's denominator) for the US, and the Global Macro Database's
annual real GDP elsewhere, in which case the decomposition is annual (debt and
GDP at the fourth quarter).  The deflator is implied as ``Y / R``, so that the
three parts explain the same nominal GDP BIS used; it tracks the published
deflators closely (tested against FRED ``GDPDEF``).

Deleveraging types: *active* when the debt term is negative (debt shrank in
nominal terms), *passive* when the ratio fell although debt grew (nominal GDP
outgrew it).  Dalio's *beautiful* deleveraging has nominal GDP growth above the
nominal interest rate; in an *ugly* one it is below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.errors import BadInputError
from debtcycle.periods import LAST, parse_period

__all__ = ["TERMS", "Decomposition", "decompose_leverage", "implied_nominal_gdp"]

TERMS = ["debt", "real_growth", "inflation", "cross"]


def implied_nominal_gdp(debt_lcu: pd.Series, debt_gdp: pd.Series) -> pd.Series:
    """Return the nominal GDP BIS divided by: ``debt_lcu / (debt_gdp / 100)``.

    Parameters
    ----------
    debt_lcu, debt_gdp : Series
        BIS debt in local currency and in % of GDP for the same sector and basis.

    Returns
    -------
    Series
        Annualised nominal GDP in the debt's unit, on the common periods.
    """
    both = pd.concat([debt_lcu, debt_gdp], axis=1, join="inner").dropna()
    out = both.iloc[:, 0] / (both.iloc[:, 1] / 100.0)
    out.name = "gdp_nominal"
    return out


def _year_end(values: pd.Series) -> pd.Series:
    """Fourth-quarter values as an annual series (years without a Q4 are dropped)."""
    idx = pd.PeriodIndex(values.index)
    q4 = values[idx.quarter == 4]
    q4.index = pd.PeriodIndex(q4.index).asfreq("Y")
    return q4


def _at(values: pd.Series, period: pd.Period) -> float:
    return float(values.loc[pd.PeriodIndex([period])].iloc[0])


def _inputs(debt: pd.Series, gdp: pd.Series, real: pd.Series) -> pd.DataFrame:
    freq = str(pd.PeriodIndex(real.index).freqstr)[0]
    if freq == "Q":
        real = real.rolling(4).mean()  # SAAR quarters -> the annual flow BIS's ratio uses
    elif freq in ("Y", "A"):
        debt, gdp = _year_end(debt), _year_end(gdp)
    else:
        raise BadInputError(f"Real GDP must be quarterly or annual, not frequency {freq}.")
    frame = pd.concat({"D": debt, "Y": gdp, "R": real}, axis=1, join="inner").dropna()
    if len(frame) < 2:
        raise BadInputError("Debt, nominal GDP and real GDP overlap on fewer than 2 periods.")
    return frame


def _published_change(published: pd.Series | None, a: pd.Period, b: pd.Period) -> float:
    if published is None:
        return float("nan")
    pub = published
    if str(pd.PeriodIndex(pub.index).freqstr)[0] != a.freqstr[0]:
        pub = _year_end(pub)
    if a in pub.index and b in pub.index:
        return _at(pub, b) - _at(pub, a)
    return float("nan")


def _terms(frame: pd.DataFrame) -> pd.DataFrame:
    ratio = 100.0 * frame["D"] / frame["Y"]
    price = frame["Y"] / frame["R"]
    g_d, g_r = frame["D"].pct_change(), frame["R"].pct_change()
    g_p, g_y = price.pct_change(), frame["Y"].pct_change()
    base = ratio.shift(1) / (1.0 + g_y)
    out = pd.DataFrame({
        "ratio": ratio,
        "change": ratio.diff(),
        "debt": base * g_d,
        "real_growth": -base * g_r,
        "inflation": -base * g_p,
        "cross": -base * g_r * g_p,
        "debt_growth_pct": 100 * g_d,
        "real_growth_pct": 100 * g_r,
        "inflation_pct": 100 * g_p,
    })
    out.index.name = "period"
    return out


@dataclass(frozen=True)
class Decomposition(Result):
    """Decomposition of a debt/GDP ratio's change over a window.

    Attributes
    ----------
    terms : DataFrame
        Per period: ``ratio``, ``change`` and the four terms (pp), with the debt,
        real GDP and deflator growth rates (%).
    totals : Series
        Window sums: ``change``, ``debt``, ``real_growth``, ``inflation``,
        ``cross``, ``residual`` (change minus the terms), ``published_change``.
    kind : str
        ``leveraging``, ``active_deleveraging``, ``passive_deleveraging`` or ``flat``.
    nominal_growth : float
        Annualised nominal GDP growth over the window, %.
    rate : float or None
        Average nominal interest rate over the window, %, if a rate was given.
    dalio : str or None
        ``beautiful`` or ``ugly`` for a deleveraging with a rate, else ``None``.
    """

    terms: pd.DataFrame
    totals: pd.Series
    kind: str
    nominal_growth: float
    rate: float | None
    dalio: str | None

    def to_frame(self) -> pd.DataFrame:
        """Return the per-period terms with a final ``total`` row."""
        total = self.totals.reindex(self.terms.columns).to_frame("total").T
        shown = self.terms.copy()
        shown.index = shown.index.astype(str)
        return pd.concat([shown, total])

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON the CLI prints: window, totals, kind, growth, rate and periods."""
        return {
            "country": self.params.get("country", ""),
            "sector": self.params.get("sector", ""),
            "measure": "debt_gdp",
            **jsonable({k: v for k, v in self.params.items() if k not in ("country", "sector")}),
            "totals": jsonable(self.totals.round(4)),
            "kind": self.kind,
            "nominal_gdp_growth_pct": jsonable(self.nominal_growth),
            "rate_pct": jsonable(self.rate),
            "dalio": self.dalio,
            "sources": jsonable(self.provenance),
            "periods": jsonable(self.terms),
        }


def _window(index: pd.PeriodIndex, start: pd.Period | str | None,
            end: pd.Period | str | None) -> tuple[pd.Period, pd.Period]:
    def conv(value: pd.Period | str | None, default: pd.Period, what: str) -> pd.Period:
        if value is None:
            return default
        spec = parse_period(value, what=what)
        return index[-1] if spec == LAST else spec.to_period(index.freqstr)

    a, b = conv(start, index[0], "start"), conv(end, index[-1], "end")
    if not index[0] <= a < b <= index[-1]:
        raise BadInputError(
            f"Window {a}-{b} must run forward inside the data ({index[0]} to {index[-1]})."
        )
    return a, b


def _kind(totals: pd.Series) -> str:
    if totals["change"] > 0:
        return "leveraging"
    if totals["change"] == 0:
        return "flat"
    return "active_deleveraging" if totals["debt"] < 0 else "passive_deleveraging"


def _mean_rate(rate: pd.Series | None, a: pd.Period, b: pd.Period) -> float | None:
    if rate is None:
        return None
    idx = pd.PeriodIndex(rate.index)
    inside = rate[(idx.start_time > a.end_time) & (idx.end_time <= b.end_time)].dropna()
    return float(inside.mean()) if len(inside) else None


def decompose_leverage(
    debt: pd.Series,
    nominal_gdp: pd.Series,
    real_gdp: pd.Series,
    *,
    start: pd.Period | str | None = None,
    end: pd.Period | str | None = None,
    published: pd.Series | None = None,
    rate: pd.Series | None = None,
) -> Decomposition:
    """Split the change of ``100 * debt / nominal_gdp`` into debt, real growth, inflation, cross.

    Parameters
    ----------
    debt : Series
        Debt outstanding (quarterly, e.g. BIS ``debt_lcu``).
    nominal_gdp : Series
        The GDP the ratio is measured against, same currency unit as ``debt`` (e.g.
        :func:`implied_nominal_gdp` of the BIS total).
    real_gdp : Series
        Real GDP: quarterly (annualised levels; averaged over four quarters) or
        annual (then the decomposition is annual, at fourth-quarter values).
    start, end : Period or str, optional
        Window (default: all common periods); terms are summed over ``(start, end]``.
    published : Series, optional
        The published ratio, to report ``published_change`` beside the computed one
        (they differ by the publisher's rounding).
    rate : Series, optional
        A nominal interest rate in % (any frequency) for Dalio's test.

    Returns
    -------
    Decomposition

    Raises
    ------
    BadInputError
        If the inputs do not overlap or the window is outside them.
    """
    for name, s in (("debt", debt), ("nominal_gdp", nominal_gdp), ("real_gdp", real_gdp)):
        if not isinstance(s.index, pd.PeriodIndex):
            raise BadInputError(f"{name} must be on a PeriodIndex.")
    inputs = _inputs(debt, nominal_gdp, real_gdp)
    full = _terms(inputs)
    a, b = _window(pd.PeriodIndex(full.index), start, end)
    terms = full[(full.index > a) & (full.index <= b)]
    totals = terms[["change", *TERMS]].sum()
    totals["change"] = _at(full["ratio"], b) - _at(full["ratio"], a)
    totals["residual"] = totals["change"] - totals[TERMS].sum()
    totals["published_change"] = _published_change(published, a, b)
    years = (b - a).n / (4 if a.freqstr[0] == "Q" else 1)
    growth = 100 * ((_at(inputs["Y"], b) / _at(inputs["Y"], a)) ** (1 / years) - 1)
    mean_rate = _mean_rate(rate, a, b)
    kind = _kind(totals)
    dalio = None
    if mean_rate is not None and kind.endswith("deleveraging"):
        dalio = "beautiful" if growth > mean_rate else "ugly"
    return Decomposition(
        terms=terms, totals=totals, kind=kind, nominal_growth=float(growth), rate=mean_rate,
        dalio=dalio, params={"start": str(a), "end": str(b), "freq": a.freqstr[0]},
        provenance={"debt": debt.attrs.get("info", {}), "nominal_gdp": nominal_gdp.attrs.get(
            "info", {}), "real_gdp": real_gdp.attrs.get("info", {}),
            "rate": rate.attrs.get("info", {}) if rate is not None else None},
    )
