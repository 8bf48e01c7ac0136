"""The US fiscal baseline by CBO vintage: February 2026 (projected interest) and March 2024.

*February 2026* (``"2026-02"``): one vintage for everything.  GDP and the
primary balance come from CBO's *Long-Term Budget Outlook: 2026 to 2056*;
real growth, the bill rate, the 10-year yield and the federal funds rate from
CBO's February 2026 economic projections (calendar years, turned into fiscal
years with :func:`~.interest.fiscal_year_rate`, held at their 2036 values
afterwards: CBO's long-term outlook publishes no rates in the mirrored file).
Debt starts from the FY2025 *actual* (an official actual beats a projection)
and net interest is projected by the engine from those rates and a maturity
structure calibrated on the actuals (:mod:`.interest`), not taken from CBO.
The stock-flow adjustment is zero.

*March 2024* (``"2024-03"``): CBO's extended baseline fed with CBO's own net
interest (the check of the engine's accounting; it has no rate projections of
its own vintage in the mirror).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.analytics.scenarios.baseline import Baseline, cbo_baseline, reproduce_cbo
from debtcycle.analytics.scenarios.interest import (
    MaturityStructure,
    fiscal_year_rate,
    project_interest,
)
from debtcycle.errors import BadInputError

__all__ = ["VINTAGES", "FiscalBaseline", "baseline_2024", "baseline_2026"]

VINTAGES = ("2026-02", "2024-03")
LTBO_NEEDED = ("debt_public_gdp", "gov_interest_gdp", "gov_primary_balance_gdp", "gdp_nominal")


@dataclass(frozen=True)
class FiscalBaseline(Result):
    """The engine's debt path against CBO's, by fiscal year, for one CBO vintage.

    Attributes
    ----------
    vintage : str
        ``"2026-02"`` or ``"2024-03"``.
    frame : DataFrame
        By fiscal year: ``debt_gdp`` (engine, zero stock-flow adjustment),
        ``cbo_debt_gdp``, ``diff`` (pp), ``net_interest_gdp`` (engine),
        ``cbo_net_interest_gdp``, ``net_interest_gap`` (pp of GDP),
        ``effective_rate`` (%).
    baseline : Baseline
        The projection assumptions scenarios start from.
    structure : MaturityStructure or None
        The calibrated maturity structure (2026 vintage).
    """

    vintage: str
    frame: pd.DataFrame
    baseline: Baseline
    structure: MaturityStructure | None = None

    def to_frame(self) -> pd.DataFrame:
        """Return the year-by-year comparison."""
        return self.frame

    @property
    def max_abs_diff(self) -> float:
        """Largest |engine - CBO| debt gap over the years (pp of GDP)."""
        return float(self.frame["diff"].abs().max())

    @property
    def max_abs_interest_gap(self) -> float:
        """Largest |engine - CBO| net-interest gap (pp of GDP)."""
        return float(self.frame["net_interest_gap"].abs().max())

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of ``debtcycle fiscal baseline US --json``."""
        structure = None
        if self.structure is not None:
            structure = {"bill_share": self.structure.bill_share,
                         "turnover_years": self.structure.turnover_years,
                         "coupon_end": self.structure.coupon_end,
                         "calibration": self.structure.params, "rmse_pp": self.structure.rmse}
        rows = self.frame.reset_index().to_dict(orient="records")
        out: dict[str, Any] = jsonable({"country": "US", "vintage": self.vintage,
                         "source": self.provenance.get("source"),
                         "max_abs_diff": self.max_abs_diff,
                         "max_abs_net_interest_gap": self.max_abs_interest_gap,
                         "net_interest": self.params.get("net_interest"),
                         "maturity_structure": structure, "data": rows})
        return out


def _check(frame: pd.DataFrame, needed: tuple[str, ...], what: str) -> pd.DataFrame:
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise BadInputError(f"{what} lacks columns {missing}")
    return frame.loc[:, list(needed)].dropna()


def _fy(econ: pd.DataFrame, column: str, years: np.ndarray) -> np.ndarray:
    fy = fiscal_year_rate(econ[column].astype(float))
    full = fy.reindex(range(int(econ.index.min()), int(max(years.max(), econ.index.max())) + 1))
    return full.ffill().reindex(years).to_numpy()


def baseline_2026(ltbo: pd.DataFrame, econ: pd.DataFrame, structure: MaturityStructure, *,
                  debt0: float, gdp0: float) -> FiscalBaseline:
    """Build the February 2026 baseline with net interest projected by the engine.

    Parameters
    ----------
    ltbo : DataFrame
        CBO long-term outlook 2026 by fiscal year: ``debt_public_gdp``,
        ``gov_interest_gdp``, ``gov_primary_balance_gdp`` (% of GDP) and
        ``gdp_nominal`` (billions).
    econ : DataFrame
        CBO February 2026 economic projections by calendar year: ``gdp_real``,
        ``bill_rate``, ``yield_10y``, ``policy_rate``.
    structure : MaturityStructure
        Calibrated on actuals up to the year before the first projected year.
    debt0, gdp0 : float
        Actual debt held by the public and GDP of the last actual fiscal year (billions).
    """
    data = _check(ltbo, LTBO_NEEDED, "CBO long-term outlook 2026")
    eco = _check(econ, ("gdp_real", "bill_rate", "yield_10y", "policy_rate"),
                 "CBO economic projections")
    years = np.asarray(data.index, dtype=int)
    gdp = data["gdp_nominal"].to_numpy(dtype=float)
    pb = data["gov_primary_balance_gdp"].to_numpy(dtype=float)
    bill, y10 = _fy(eco, "bill_rate", years), _fy(eco, "yield_10y", years)
    proj = project_interest(structure, debt0, years, gdp, pb, bill, y10).frame
    g = np.diff(np.concatenate([[gdp0], gdp])) / np.concatenate([[gdp0], gdp[:-1]]) * 100.0
    real_cy = eco["gdp_real"].pct_change() * 100.0
    real = _fy(pd.DataFrame({"r": real_cy}), "r", years)
    pi = ((1.0 + g / 100.0) / (1.0 + real / 100.0) - 1.0) * 100.0
    d0 = debt0 / gdp0 * 100.0
    base = Baseline(country="US", source="CBO February 2026 (LTBO 2026-2056 + economic "
                    "projections); net interest projected", d0=d0, years=years, g=g,
                    real_growth=real, pi=pi, i=proj["effective_rate"].to_numpy(), pb=pb,
                    sfa=np.zeros(len(years)), yield_10y=y10,
                    policy_rate=_fy(eco, "policy_rate", years), gdp=gdp,
                    provenance={"vintage": "2026-02"})
    frame = pd.DataFrame({
        "debt_gdp": proj["debt_gdp"].to_numpy(),
        "cbo_debt_gdp": data["debt_public_gdp"].to_numpy(),
        "net_interest_gdp": proj["net_interest_gdp"].to_numpy(),
        "cbo_net_interest_gdp": data["gov_interest_gdp"].to_numpy(),
        "effective_rate": proj["effective_rate"].to_numpy(), "bill_rate": bill,
        "yield_10y": y10}, index=pd.Index(years, name="year"))
    frame.insert(2, "diff", frame["debt_gdp"] - frame["cbo_debt_gdp"])
    frame.insert(5, "net_interest_gap", frame["net_interest_gdp"] - frame["cbo_net_interest_gdp"])
    return FiscalBaseline(
        vintage="2026-02", frame=frame, baseline=base, structure=structure,
        params={"sfa": 0.0, "start_debt": "FY actual", "net_interest": "engine",
                "rates_after_last_projection": "held at the last projected value"},
        provenance={"source": base.source})


def baseline_2024(ltbo: pd.DataFrame, econ: pd.DataFrame) -> FiscalBaseline:
    """Build the March 2024 vintage: CBO's own net interest fed to the engine (SFA zero)."""
    rep = reproduce_cbo(ltbo).frame
    data = _check(ltbo, LTBO_NEEDED, "CBO extended baseline")
    interest = data["gov_interest_gdp"].reindex(rep.index)
    frame = rep[["debt_gdp", "cbo_debt_gdp", "diff"]].assign(
        net_interest_gdp=interest, cbo_net_interest_gdp=interest, net_interest_gap=0.0,
        sfa=rep["sfa"])
    return FiscalBaseline(
        vintage="2024-03", frame=frame, baseline=cbo_baseline(ltbo, econ),
        params={"sfa": 0.0, "net_interest": "CBO (fed to the engine)"},
        provenance={"source": "CBO extended baseline (March 2024)"})
