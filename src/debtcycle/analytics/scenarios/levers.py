"""Fiscal levers: tariffs, spending changes, tax changes and an export push.

Each lever turns its parameters into an ex-ante change of the primary balance
(``impulse``, % of GDP, consolidation positive), a demand impulse weighted by
its multiplier, and a one-off price-level effect.  :func:`output_effect` turns
the weighted impulses into a path of the GDP level through a multiplier path
(first-year multiplier, peak multiplier in year two, geometric fade after).

Default parameters and their sources (see ``docs/fiscal_scenarios.md``):

* Multipliers: IMF, Batini, Eyraud, Forni and Weber (2014), *Fiscal
  Multipliers: Size, Determinants, and Use in Macroeconomic Projections*
  (Technical Notes and Manuals 14/04) and Batini, Eyraud and Weber (2014, IMF
  WP/14/93): first-year multipliers generally between 0 and 1 in normal
  times, spending multipliers above revenue multipliers; Whalen and Reichling
  (2015), CBO Working Paper 2015-02: purchases 0.5-2.5, transfers and tax
  cuts lower.  Defaults: purchases 0.7 / 0.9, transfers 0.4 / 0.5, taxes
  0.3 / 0.4 (first year / peak), fading by 0.6 a year.
* Tariffs: one price/income treatment, *price-level pass-through with
  nominal GDP*.  A share ``pass_through`` of the tariff reaches US import
  prices (full in Amiti, Redding and Weinstein 2019, *Journal of Economic
  Perspectives*, and Fajgelbaum et al. 2020, *QJE*, for the 2018-19 tariffs;
  partial at the retail level in Cavallo, Gopinath, Neiman and Tang 2021,
  *AER: Insights*); the price level rises by ``pass_through x dtau x imports``
  and nominal GDP with it, which raises every other tax base in nominal
  terms.  CBO's conventional scoring instead holds nominal GDP fixed and
  subtracts an income- and payroll-tax offset (CBO publication 58421, 2022);
  using both would count the price effect twice in opposite directions, so
  the offset is not applied.  Gross customs revenue is what the lever adds to
  the primary balance; it is checked against CBO's technical change in customs
  duties from the January 2025 to the February 2026 baseline.
* Tax changes sized from CBO's legislative change in revenues between the same
  baselines (P.L. 119-21 and the other 2025 acts; see ``docs/fiscal_scenarios.md``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from debtcycle.errors import BadInputError

__all__ = [
    "DEFAULT_MULTIPLIERS",
    "LeverEffect",
    "Multiplier",
    "TariffCalibration",
    "calibrate_tariff",
    "export_push",
    "import_response",
    "output_effect",
    "spending_change",
    "tariff",
    "tax_change",
]


@dataclass(frozen=True)
class Multiplier:
    """A multiplier path: GDP-level effect per 1% of GDP of permanent impulse.

    Attributes
    ----------
    first_year : float
        Level effect in the first year.
    peak : float
        Level effect in the second year.
    decay : float
        Share of the peak effect left each later year (0 = gone, 1 = permanent).
    """

    first_year: float
    peak: float
    decay: float = 0.6

    def kernel(self, n: int) -> np.ndarray:
        """Level effect ``h_k`` of a one-off step in the impulse, for k = 0..n-1."""
        h = np.empty(n)
        h[0] = self.first_year
        if n > 1:
            h[1:] = self.peak * self.decay ** np.arange(n - 1)
        return h

    def cumulative(self, n: int) -> float:
        """Cumulative multiplier of a permanent impulse: sum of level effects / n."""
        return float(self.kernel(n).sum() / n)


#: Default multipliers by instrument (see the module docstring for sources).
DEFAULT_MULTIPLIERS: dict[str, Multiplier] = {
    "purchases": Multiplier(0.7, 0.9),
    "transfers": Multiplier(0.4, 0.5),
    "taxes": Multiplier(0.3, 0.4),
    "net_exports": Multiplier(0.7, 0.9),
}


@dataclass(frozen=True)
class LeverEffect:
    """What one lever does, year by year (arrays over the scenario years).

    Attributes
    ----------
    name : str
    impulse : ndarray
        Ex-ante change in the primary balance, % of GDP (consolidation +).
    demand : ndarray
        Impulse weighted by instrument, fed to the multiplier (% of GDP; a
        consolidation is positive and lowers output).
    multiplier : Multiplier
    price_level : ndarray
        Direct effect on the price level, % (cumulative).
    detail : dict
        Lever-specific numbers for the report (e.g. tariff revenue).
    """

    name: str
    impulse: np.ndarray
    demand: np.ndarray
    multiplier: Multiplier
    price_level: np.ndarray
    detail: dict[str, object]


def _persist(amount: float, n: int, persistence: float, start: int = 0) -> np.ndarray:
    path = amount * persistence ** np.arange(n, dtype=float)
    path[:start] = 0.0
    if start:
        path[start:] = amount * persistence ** np.arange(n - start, dtype=float)
    return path


def import_response(rate_pct: float, base_rate_pct: float, *, import_elasticity: float = -1.0,
                    pass_through: float = 1.0) -> float:
    """Return imports after the tariff over imports before it, ``1 + e p dtau / (1 + tau0)``."""
    d_tau = (rate_pct - base_rate_pct) / 100.0
    return max(1.0 + import_elasticity * pass_through * d_tau / (1.0 + base_rate_pct / 100.0),
               0.0)


def tariff(n: int, *, rate_pct: float, base_rate_pct: float,
           import_share_gdp: float | np.ndarray, import_elasticity: float = -1.0,
           pass_through: float = 1.0, multiplier: Multiplier | None = None) -> LeverEffect:
    """Tariff revenue and price effects of moving the effective rate from base to ``rate_pct``.

    Imports respond to the tariff-inclusive price: ``M1 = M0 (1 + e p dtau / (1 +
    tau0))`` with ``e`` the import elasticity and ``p`` the pass-through; the
    revenue gain is ``tau1 M1 - tau0 M0`` (gross customs duties; no income-tax
    offset, see the module docstring).  The price level rises once by ``p dtau
    M1`` (import content) and nominal GDP with it; the demand impulse is the
    part of the revenue US buyers pay, ``p`` times the gain.

    Parameters
    ----------
    n : int
        Number of years.
    rate_pct, base_rate_pct : float
        Effective tariff rate (duties / goods imports) in the scenario and before it, %.
    import_share_gdp : float or ndarray
        Goods imports *before* the tariff, % of GDP (one value or one per year).
    import_elasticity, pass_through : float
        See above.
    multiplier : Multiplier, optional
        Default: the tax multiplier.
    """
    d_tau = (rate_pct - base_rate_pct) / 100.0
    response = import_response(rate_pct, base_rate_pct, import_elasticity=import_elasticity,
                               pass_through=pass_through)
    m0 = np.broadcast_to(np.asarray(import_share_gdp, dtype=float), (n,)).astype(float)
    m1 = m0 * response
    gross = rate_pct / 100.0 * m1 - base_rate_pct / 100.0 * m0
    level = pass_through * d_tau * m1
    return LeverEffect(name="tariff", impulse=gross, demand=pass_through * gross,
                       multiplier=multiplier or DEFAULT_MULTIPLIERS["taxes"],
                       price_level=level,
                       detail={"gross_revenue_gdp": gross.tolist(),
                               "imports_after_gdp": m1.tolist(),
                               "price_level_pct": level.tolist(), "rate_pct": rate_pct,
                               "base_rate_pct": base_rate_pct, "pass_through": pass_through,
                               "import_response": response,
                               "treatment": "price-level pass-through with nominal GDP; "
                                            "no income-tax offset"})


def spending_change(n: int, *, amount_gdp: float | np.ndarray, purchases_share: float = 0.7,
                    persistence: float = 1.0, start: int = 0,
                    purchases: Multiplier | None = None,
                    transfers: Multiplier | None = None) -> LeverEffect:
    """Cut (``amount_gdp`` > 0) or raise (< 0) primary spending, % of GDP (value or path).

    The multiplier is the mix of the purchases and transfers multipliers by
    ``purchases_share``; ``persistence`` is the share of the cut still in place
    each following year.  A fixed dollar amount is a path falling with GDP.
    """
    pur = purchases or DEFAULT_MULTIPLIERS["purchases"]
    tra = transfers or DEFAULT_MULTIPLIERS["transfers"]
    mix = Multiplier(purchases_share * pur.first_year + (1 - purchases_share) * tra.first_year,
                     purchases_share * pur.peak + (1 - purchases_share) * tra.peak,
                     purchases_share * pur.decay + (1 - purchases_share) * tra.decay)
    path = np.broadcast_to(np.asarray(amount_gdp, dtype=float), (n,)).astype(float)
    impulse = path * _persist(1.0, n, persistence, start)
    return LeverEffect(name="spending_cut" if path[0] >= 0 else "spending_increase",
                       impulse=impulse, demand=impulse.copy(), multiplier=mix,
                       price_level=np.zeros(n), detail={"amount_gdp": impulse.tolist()})


def tax_change(n: int, *, cost_gdp: float | np.ndarray, start: int = 0,
               persistence: float = 1.0, multiplier: Multiplier | None = None,
               covers: str = "") -> LeverEffect:
    """Cut taxes by ``cost_gdp`` % of GDP a year (negative = tax rise; one value or a path)."""
    path = np.broadcast_to(np.asarray(cost_gdp, dtype=float), (n,)).astype(float)
    impulse = -path * _persist(1.0, n, persistence, start)
    return LeverEffect(name="tax_change", impulse=impulse, demand=impulse.copy(),
                       multiplier=multiplier or DEFAULT_MULTIPLIERS["taxes"],
                       price_level=np.zeros(n),
                       detail={"cost_gdp": (-impulse).tolist(), "covers": covers})


def export_push(n: int, *, net_exports_gdp: float, pushback: float = 0.0,
                multiplier: Multiplier | None = None) -> LeverEffect:
    """Raise net exports by ``net_exports_gdp`` % of GDP, less partners' pushback share.

    No direct budget effect; demand rises (negative ``demand`` = expansion).
    """
    boost = net_exports_gdp * (1.0 - pushback)
    return LeverEffect(name="exports", impulse=np.zeros(n), demand=np.full(n, -boost),
                       multiplier=multiplier or DEFAULT_MULTIPLIERS["net_exports"],
                       price_level=np.zeros(n), detail={"net_exports_gdp": boost})


def output_effect(lever: LeverEffect) -> np.ndarray:
    """GDP level effect (%) of a lever: ``-sum_k h_k (F_{t-k} - F_{t-k-1})``."""
    n = len(lever.demand)
    steps = np.diff(lever.demand, prepend=0.0)
    kernel = lever.multiplier.kernel(n)
    return -np.convolve(steps, kernel)[:n]


@dataclass(frozen=True)
class TariffCalibration:
    """The observed tariff rise that calibrates the tariff lever.

    Attributes
    ----------
    rate_pct : float
        Effective rate (duties / goods imports) over the last ``months`` months with data.
    base_rate_pct : float
        Effective rate over the base year.
    import_share_gdp : float
        Goods imports in the base year, % of that year's GDP.
    revenue_gain_gdp : float
        Observed rise of customs duties, last ``months`` months annualised minus
        the base year, % of base-year GDP.
    period : str
        The months averaged.
    statutory_rate_pct : float or None
        Mean statutory (import-weighted) rate over the same months, when daily
        statutory rates are given; ``rate_pct / statutory_rate_pct`` is the
        share of statutory duties actually collected (exemptions, substitution,
        collection lags).
    imports_gdp : Series or None
        Goods imports *after* the tariffs by fiscal year, % of GDP, along the
        baseline (for the US: the goods share of 2024 imports applied to CBO's
        February 2026 import projection, which already includes the tariffs).
    """

    rate_pct: float
    base_rate_pct: float
    import_share_gdp: float
    revenue_gain_gdp: float
    period: str
    statutory_rate_pct: float | None = None
    imports_gdp: pd.Series | None = None

    @property
    def collection_ratio(self) -> float | None:
        """Collected / statutory effective rate over the calibration months."""
        if self.statutory_rate_pct is None:
            return None
        return self.rate_pct / self.statutory_rate_pct


def calibrate_tariff(monthly: pd.DataFrame, gdp_base: float, *, base_year: int = 2024,
                     months: int = 6, daily_statutory: pd.Series | None = None
                     ) -> TariffCalibration:
    """Calibrate the tariff lever on monthly customs duties and goods imports.

    Parameters
    ----------
    monthly : DataFrame
        Monthly PeriodIndex; columns ``customs`` and ``imports`` in the same
        currency unit as ``gdp_base`` divided by 1000 (million vs billion).
    gdp_base : float
        Nominal GDP of the base year (billions).
    base_year : int
        Year before the tariff rise.
    months : int
        Latest months (with both series) averaged for the new rate.
    daily_statutory : Series, optional
        Daily statutory effective rate (%, daily PeriodIndex), e.g. the Budget
        Lab's tariff rate tracker.
    """
    data = monthly.loc[:, ["customs", "imports"]].dropna()
    years = data.index.year  # type: ignore[attr-defined]
    base = data.loc[years == base_year]
    if len(base) != 12:
        raise BadInputError(f"need 12 months of customs and imports in {base_year}, "
                            f"found {len(base)}")
    last = data.iloc[-months:]
    rate = float(last["customs"].sum() / last["imports"].sum() * 100.0)
    base_rate = float(base["customs"].sum() / base["imports"].sum() * 100.0)
    gain = (last["customs"].mean() * 12 - base["customs"].sum()) / 1000.0 / gdp_base * 100.0
    statutory = None
    if daily_statutory is not None:
        months_of = daily_statutory.index.asfreq("M")  # type: ignore[attr-defined]
        window = daily_statutory[months_of.isin(last.index)]
        statutory = float(window.mean()) if len(window) else None
    return TariffCalibration(
        rate_pct=rate, base_rate_pct=base_rate,
        import_share_gdp=float(base["imports"].sum() / 1000.0 / gdp_base * 100.0),
        revenue_gain_gdp=float(gain), period=f"{last.index[0]}..{last.index[-1]}",
        statutory_rate_pct=statutory)
