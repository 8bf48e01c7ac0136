"""Baselines for scenarios: CBO's extended baseline (US) or a history-based one.

A :class:`Baseline` holds, for each projection year, the assumptions the
debt engine and the levers need: nominal and real growth, inflation, the
effective interest rate, the primary balance, the stock-flow adjustment, the
10-year yield and the policy rate.  Rates and growth are in % a year, ratios
in % of GDP.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.analytics.scenarios.debt_dynamics import DebtPath, project_debt
from debtcycle.errors import BadInputError

__all__ = ["Baseline", "CboReproduction", "cbo_baseline", "history_baseline", "reproduce_cbo"]

LTBO_NEEDED = ("debt_public_gdp", "gov_interest_gdp", "gov_primary_balance_gdp", "gdp_nominal")
ECON_NEEDED = ("gdp_real", "deflator", "yield_10y", "policy_rate")


@dataclass(frozen=True)
class Baseline:
    """Projection assumptions, one value per year (arrays aligned with ``years``).

    Attributes
    ----------
    country, source : str
        Country code and where the assumptions come from.
    d0 : float
        Debt in % of GDP at the end of the year before ``years[0]``.
    years : ndarray of int
    g, real_growth, pi, i, pb, sfa, yield_10y, policy_rate : ndarray
        Nominal growth, real growth, inflation, effective interest rate (% a
        year), primary balance, stock-flow adjustment (% of GDP), 10-year yield
        and policy rate (% a year).
    gdp : ndarray
        Nominal GDP level (local currency, billions) used to convert amounts.
    """

    country: str
    source: str
    d0: float
    years: np.ndarray
    g: np.ndarray
    real_growth: np.ndarray
    pi: np.ndarray
    i: np.ndarray
    pb: np.ndarray
    sfa: np.ndarray
    yield_10y: np.ndarray
    policy_rate: np.ndarray
    gdp: np.ndarray
    provenance: dict[str, object] = field(default_factory=dict)

    def window(self, start: int, years: int) -> Baseline:
        """Return the baseline restricted to ``years`` years from ``start``.

        Raises
        ------
        BadInputError
            If the window is not covered.
        """
        pos = np.flatnonzero(self.years == start)
        if not len(pos) or pos[0] + years > len(self.years):
            raise BadInputError(
                f"baseline {self.source} covers {self.years[0]}-{self.years[-1]}; "
                f"start={start} with years={years} is outside it"
            )
        a, b = int(pos[0]), int(pos[0]) + years
        d0 = self.d0 if a == 0 else float(self.path().frame["debt_gdp"].iloc[a - 1])
        cut = {k: getattr(self, k)[a:b] for k in
               ("years", "g", "real_growth", "pi", "i", "pb", "sfa", "yield_10y",
                "policy_rate", "gdp")}
        return Baseline(country=self.country, source=self.source, d0=d0,
                        provenance=self.provenance, **cut)

    def path(self) -> DebtPath:
        """Return the baseline debt path from the engine (effective-rate form)."""
        return project_debt(self.d0, self.years, self.g, self.pb, i=self.i, pi=self.pi,
                            sfa=self.sfa)


@dataclass(frozen=True)
class CboReproduction(Result):
    """CBO's debt-held-by-the-public path next to the engine's, with the residual.

    Attributes
    ----------
    frame : DataFrame
        By fiscal year: ``debt_gdp`` (engine, zero stock-flow adjustment),
        ``cbo_debt_gdp``, ``diff`` (engine - CBO, pp) and ``sfa`` (the one-year
        residual CBO's path implies: its debt minus the engine's step from CBO's
        previous-year debt).
    """

    frame: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return the reproduction table."""
        return self.frame

    @property
    def max_abs_diff(self) -> float:
        """Largest absolute engine - CBO gap over the years (pp of GDP)."""
        return float(self.frame["diff"].abs().max())


def _check(frame: pd.DataFrame, needed: tuple[str, ...], what: str) -> pd.DataFrame:
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise BadInputError(f"{what} lacks columns {missing}")
    return frame.loc[:, list(needed)].dropna()


def reproduce_cbo(ltbo: pd.DataFrame) -> CboReproduction:
    """Feed the engine CBO's primary deficits, net interest and GDP with zero SFA.

    Parameters
    ----------
    ltbo : DataFrame
        CBO extended baseline by fiscal year with columns ``debt_public_gdp``,
        ``gov_interest_gdp``, ``gov_primary_balance_gdp`` (% of GDP) and
        ``gdp_nominal``.

    Returns
    -------
    CboReproduction
        The engine starts from CBO's first-year debt and runs to the last year.
    """
    data = _check(ltbo, LTBO_NEEDED, "CBO extended baseline")
    years = np.asarray(data.index, dtype=int)
    g = data["gdp_nominal"].pct_change().to_numpy() * 100.0
    cbo = data["debt_public_gdp"].to_numpy()
    path = project_debt(cbo[0], years[1:], g[1:], data["gov_primary_balance_gdp"].to_numpy()[1:],
                        interest_gdp=data["gov_interest_gdp"].to_numpy()[1:])
    engine = np.concatenate([[cbo[0]], path.frame["debt_gdp"].to_numpy()])
    step = (cbo[:-1] / (1.0 + g[1:] / 100.0) + data["gov_interest_gdp"].to_numpy()[1:]
            - data["gov_primary_balance_gdp"].to_numpy()[1:])
    sfa = np.concatenate([[0.0], cbo[1:] - step])
    frame = pd.DataFrame({"debt_gdp": engine, "cbo_debt_gdp": cbo, "diff": engine - cbo,
                          "sfa": sfa}, index=pd.Index(years, name="year"))
    return CboReproduction(frame=frame, params={"start": int(years[0]), "sfa": 0.0})


def cbo_baseline(ltbo: pd.DataFrame, econ: pd.DataFrame) -> Baseline:
    """Build the US baseline from CBO's extended baseline and economic projections.

    The effective rate is implied from CBO's net interest and previous-year
    debt, and CBO's stock-flow adjustment is kept, so the engine reproduces
    CBO's debt path exactly.  Real growth, inflation, the 10-year yield and
    the policy rate come from CBO's calendar-year economic projections (used
    for the fiscal year of the same number), held at their last value after
    the last projected year.

    Parameters
    ----------
    ltbo : DataFrame
        As for :func:`reproduce_cbo`.
    econ : DataFrame
        Calendar years with ``gdp_real``, ``deflator``, ``yield_10y``, ``policy_rate``.
    """
    data = _check(ltbo, LTBO_NEEDED, "CBO extended baseline")
    eco = _check(econ, ECON_NEEDED, "CBO economic projections")
    years = np.asarray(data.index, dtype=int)[1:]
    g = data["gdp_nominal"].pct_change().to_numpy()[1:] * 100.0
    cbo = data["debt_public_gdp"].to_numpy()
    interest = data["gov_interest_gdp"].to_numpy()[1:]
    pb = data["gov_primary_balance_gdp"].to_numpy()[1:]
    i = interest * (1.0 + g / 100.0) / cbo[:-1] * 100.0
    sfa = cbo[1:] - (cbo[:-1] * (1.0 + i / 100.0) / (1.0 + g / 100.0) - pb)
    eco = eco.assign(real_growth=eco["gdp_real"].pct_change() * 100.0)
    full = eco.reindex(range(int(eco.index.min()), max(int(years[-1]), int(eco.index.max())) + 1))
    full = full.ffill()
    real = full["real_growth"].reindex(years).to_numpy()
    pi = ((1.0 + g / 100.0) / (1.0 + real / 100.0) - 1.0) * 100.0
    return Baseline(country="US", source="CBO extended baseline (March 2024) + CBO Feb 2026 "
                    "economic projections", d0=float(cbo[0]), years=years, g=g,
                    real_growth=real, pi=pi, i=i, pb=pb, sfa=sfa,
                    yield_10y=full["yield_10y"].reindex(years).to_numpy(),
                    policy_rate=full["policy_rate"].reindex(years).to_numpy(),
                    gdp=data["gdp_nominal"].to_numpy()[1:])


def history_baseline(history: pd.DataFrame, *, country: str, start: int, years: int,
                     lookback: int = 5) -> Baseline:
    """Build a flat baseline from recent history (for countries without official projections).

    Growth, inflation, the effective rate and the primary balance are held at
    their mean over the last ``lookback`` observed years; the 10-year yield at
    its last value (or the effective rate when missing).  Debt starts at the
    last observed value and the years run from ``start``.

    Parameters
    ----------
    history : DataFrame
        Annual columns ``debt_gdp``, ``g``, ``real_growth``, ``pi``, ``i``, ``pb``
        and optionally ``yield_10y``, ``policy_rate``, ``gdp``.
    country : str
    start, years : int
        First projection year and number of years.
    lookback : int
        Years averaged.
    """
    core = _check(history, ("debt_gdp", "g", "real_growth", "pi", "i", "pb"), "history")
    if len(core) < lookback:
        raise BadInputError(f"{country}: only {len(core)} complete years of fiscal history; "
                            f"need {lookback}")
    recent = core.iloc[-lookback:].mean()
    last_year = int(core.index[-1])
    n = years + max(0, start - last_year - 1)
    yrs = np.arange(last_year + 1, last_year + 1 + n)

    def flat(value: float) -> np.ndarray:
        return np.full(n, float(value))

    y10 = history.get("yield_10y", pd.Series(dtype=float)).dropna()
    pol = history.get("policy_rate", pd.Series(dtype=float)).dropna()
    gdp = history.get("gdp", pd.Series(dtype=float)).dropna()
    level = float(gdp.iloc[-1]) if len(gdp) else 100.0
    base = Baseline(
        country=country, source=f"history: {lookback}-year means to {last_year}",
        d0=float(core["debt_gdp"].iloc[-1]), years=yrs, g=flat(recent["g"]),
        real_growth=flat(recent["real_growth"]), pi=flat(recent["pi"]), i=flat(recent["i"]),
        pb=flat(recent["pb"]), sfa=flat(0.0),
        yield_10y=flat(y10.iloc[-1] if len(y10) else recent["i"]),
        policy_rate=flat(pol.iloc[-1] if len(pol) else recent["i"]),
        gdp=level * np.cumprod(np.full(n, 1.0 + recent["g"] / 100.0)),
    )
    return base.window(start, years) if start > yrs[0] else base
