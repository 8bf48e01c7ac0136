"""Schularick and Taylor (2012) credit-boom logit on the JST Macrohistory panel.

Model (their baseline with country fixed effects)::

    logit P(crisis_{i,t} = 1) = a_i + sum_{k=1..5} b_k * dlog(real loans)_{i,t-k}

with real loans = total loans to the non-financial private sector (JST
``tloans``) deflated by the CPI, crises = JST ``crisisJST`` (start years),
14 countries, 1870-2008, the world-war years 1914-1919 and 1939-1947 left
out (as outcome years; lags are taken from the uninterrupted series).
Schularick and Taylor report an in-sample AUROC of 0.717 on their own
(2012) data; JST R6 revises both the credit series and the crisis dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.analytics.gaps.ewm.logit import PanelLogit, fit_panel_logit
from debtcycle.analytics.gaps.ewm.roc import Auroc, auroc
from debtcycle.errors import BadInputError

__all__ = [
    "ANNUAL_LAMBDA",
    "ANNUAL_MIN_HISTORY",
    "ST2012_COUNTRIES",
    "WAR_YEARS",
    "StLogit",
    "annual_credit_gaps",
    "credit_growth_panel",
    "schularick_taylor",
]

#: The 14 countries of Schularick and Taylor (2012).
ST2012_COUNTRIES: Final[tuple[str, ...]] = (
    "AU", "CA", "CH", "DE", "DK", "ES", "FR", "GB", "IT", "JP", "NL", "NO", "SE", "US",
)
#: Years left out of the estimation sample (world wars and aftermath, as the paper).
WAR_YEARS: Final[tuple[range, ...]] = (range(1914, 1920), range(1939, 1948))
LAGS: Final = 5


def credit_growth_panel(
    loans: pd.DataFrame, cpi: pd.DataFrame, crisis: pd.DataFrame, lags: int = LAGS
) -> pd.DataFrame:
    """Long country-year frame: crisis flag and lags of the change in log real loans.

    Parameters
    ----------
    loans, cpi, crisis : DataFrame
        Annual, one column per country (same codes), PeriodIndex or year index.

    Returns
    -------
    DataFrame
        Columns ``country``, ``year``, ``crisis``, ``dlrl`` and ``L1`` .. ``L<lags>``.
    """
    growth = (loans / cpi).apply(np.log).diff()
    parts = []
    for country in growth.columns:
        frame = pd.DataFrame({"crisis": crisis.get(country), "dlrl": growth[country]})
        for k in range(1, lags + 1):
            frame[f"L{k}"] = frame["dlrl"].shift(k)
        frame["country"] = country
        frame["year"] = [int(getattr(p, "year", p)) for p in frame.index]
        parts.append(frame.reset_index(drop=True))
    if not parts:
        raise BadInputError("credit_growth_panel: no countries given.")
    return pd.concat(parts, ignore_index=True)


@dataclass(frozen=True)
class StLogit(Result):
    """Fitted Schularick-Taylor logit: coefficients, in-sample AUROC, sample, predictions."""

    model: PanelLogit
    roc: Auroc
    sample: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Coefficient table of the credit-growth lags."""
        return self.model.coefficients().rename_axis("term")

    def describe(self) -> dict[str, object]:
        """Describe the sample actually used (countries, years, observations, crises)."""
        s = self.sample
        return {"countries": sorted(s["country"].unique()), "first_year": int(s["year"].min()),
                "last_year": int(s["year"].max()), "observations": len(s),
                "crises": int(s["crisis"].sum()), "excluded_years": self.params["excluded_years"]}


def _war(year: pd.Series) -> pd.Series:
    out = pd.Series(False, index=year.index)
    for window in WAR_YEARS:
        out |= year.between(window.start, window.stop - 1)
    return out


def schularick_taylor(
    panel: pd.DataFrame,
    *,
    countries: Sequence[str] = ST2012_COUNTRIES,
    start: int = 1870,
    end: int = 2008,
    exclude_wars: bool = True,
    fixed_effects: bool = True,
    level: float = 0.95,
) -> StLogit:
    """Fit the Schularick-Taylor (2012) logit and its in-sample AUROC with a DeLong CI.

    Parameters
    ----------
    panel : DataFrame
        Output of :func:`credit_growth_panel`.
    countries : sequence of str
        Countries in the sample (default: the paper's 14).
    start, end : int
        First and last outcome year.
    exclude_wars : bool
        Leave out 1914-1919 and 1939-1947.
    fixed_effects : bool
        Country intercepts (the paper's baseline) or a common constant.
    level : float
        Confidence level of the AUROC interval.

    Returns
    -------
    StLogit
    """
    lags = [c for c in panel.columns if c.startswith("L") and c[1:].isdigit()]
    s = panel[panel["country"].isin(countries) & panel["year"].between(start, end)]
    if exclude_wars:
        s = s[~_war(s["year"])]
    s = s.dropna(subset=["crisis", *lags]).reset_index(drop=True)
    model = fit_panel_logit(s, "crisis", lags, fixed_effects=fixed_effects)
    s = s.assign(probability=model.predict(s))
    excluded = [f"{w.start}-{w.stop - 1}" for w in WAR_YEARS] if exclude_wars else []
    return StLogit(
        model=model, roc=auroc(s["crisis"], s["probability"], level=level), sample=s,
        params={"countries": list(countries), "start": start, "end": end, "lags": len(lags),
                "fixed_effects": fixed_effects, "excluded_years": excluded},
    )


#: Annual HP smoothing matching the BIS quarterly 400,000 by the Ravn-Uhlig (2002)
#: rule (lambda scales with the 4th power of the frequency ratio): 400,000 / 4**4.
ANNUAL_LAMBDA: Final = 400_000 / 4**4
#: Years of burn-in before an annual gap is reported (the BIS's ten years).
ANNUAL_MIN_HISTORY: Final = 10


def annual_credit_gaps(ratio: pd.DataFrame) -> pd.DataFrame:
    """One-sided HP credit-to-GDP gap of annual ratios, restarted after each data break.

    Each country's ratio is split into uninterrupted stretches (JST has war-time
    holes); each stretch is filtered on its own with :data:`ANNUAL_LAMBDA` and
    reports a gap after :data:`ANNUAL_MIN_HISTORY` years, so every value uses
    data up to its own year only.

    Parameters
    ----------
    ratio : DataFrame
        Credit in % of GDP, annual, one column per country.

    Returns
    -------
    DataFrame
        Gaps in pp, same shape (NaN during burn-in and holes).
    """
    from debtcycle.analytics.gaps.hp_filter import hp_one_sided

    out = pd.DataFrame(np.nan, index=ratio.index, columns=ratio.columns)
    for country in ratio.columns:
        values = ratio[country]
        block = values.isna().cumsum()
        for _, stretch in values[values.notna()].groupby(block[values.notna()]):
            if len(stretch) <= ANNUAL_MIN_HISTORY:
                continue
            trend = hp_one_sided(stretch, lamb=ANNUAL_LAMBDA)
            gap = (stretch - trend).iloc[ANNUAL_MIN_HISTORY:]
            out.loc[gap.index, country] = gap.to_numpy()
    return out
