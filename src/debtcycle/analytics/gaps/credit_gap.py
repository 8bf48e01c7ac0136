"""Credit-to-GDP gaps the BIS way, and the Basel III countercyclical buffer guide.

Conventions, established by reproducing every series of the BIS WS_CREDIT_GAP
file (all 44 economies, to the file's 4 decimals):

* the ratio filtered is the BIS credit-to-GDP ratio (``credit_ratio``, total
  credit to the private non-financial sector, all lenders, in % of GDP);
* the one-sided HP filter (lambda 400,000) starts at the first available
  observation of the ratio;
* a trend and gap are published only from the 41st observation on (the first
  ten years of quarterly data are a burn-in period).

Buffer guide (BCBS 2010, "Guidance for national authorities operating the
countercyclical capital buffer"): 0% of risk-weighted assets for a gap at or
below 2 pp, 2.5% at or above 10 pp, linear in between.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.analytics.gaps.hp_filter import BIS_LAMBDA, hp_one_sided
from debtcycle.errors import BadInputError

__all__ = [
    "BIS_MIN_HISTORY",
    "BUFFER_HIGH",
    "BUFFER_LOW",
    "BUFFER_MAX",
    "CreditGap",
    "buffer_guide",
    "credit_gap",
]

#: Observations of burn-in before the BIS publishes a gap (ten years of quarters).
BIS_MIN_HISTORY = 40
#: Gap (pp) at or below which the buffer guide is zero.
BUFFER_LOW = 2.0
#: Gap (pp) at or above which the buffer guide reaches its maximum.
BUFFER_HIGH = 10.0
#: Maximum buffer guide, % of risk-weighted assets.
BUFFER_MAX = 2.5


def buffer_guide(
    gap: pd.Series, low: float = BUFFER_LOW, high: float = BUFFER_HIGH, top: float = BUFFER_MAX
) -> pd.Series:
    """Basel III countercyclical buffer guide from a credit-to-GDP gap.

    Parameters
    ----------
    gap : Series
        Credit-to-GDP gap in percentage points.
    low, high : float
        Gap thresholds (pp): zero buffer at or below ``low``, ``top`` at or above ``high``.
    top : float
        Maximum buffer (% of risk-weighted assets).

    Returns
    -------
    Series
        Buffer guide in % of risk-weighted assets (missing where the gap is missing).
    """
    if not low < high:
        raise BadInputError(f"buffer thresholds need low < high, got {low} and {high}.")
    share = ((gap - low) / (high - low)).clip(lower=0.0, upper=1.0)
    return (share * top).rename("buffer_guide")


@dataclass(frozen=True)
class CreditGap(Result):
    """Credit-to-GDP ratio, its one-sided HP trend, the gap and the buffer guide.

    Attributes
    ----------
    country, sector : str
        Labels of the input series.
    lamb : float
        HP smoothing parameter.
    table : DataFrame
        Columns ``ratio``, ``trend``, ``gap``, ``buffer_guide`` on the input's
        index; trend, gap and guide are missing during the burn-in period.
    """

    country: str
    sector: str
    lamb: float
    table: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return the table (index ``period``)."""
        return self.table.rename_axis("period")

    def published(self) -> pd.DataFrame:
        """Return only the rows with a gap (after the burn-in period)."""
        return self.to_frame().dropna(subset=["gap"])

    def to_dict(self) -> dict[str, Any]:
        """Return country, sector, lambda, the published rows and the source metadata."""
        lamb = int(self.lamb) if float(self.lamb).is_integer() else self.lamb
        rows = [{"period": str(p), "ratio": float(r.ratio), "trend": float(r.trend),
                 "gap": float(r.gap), "buffer_guide": float(r.buffer_guide)}
                for p, r in self.published().iterrows()]
        return {"country": self.country, "sector": self.sector, "lambda": lamb, "data": rows,
                "source": jsonable(self.provenance)}


def credit_gap(
    ratio: pd.Series,
    *,
    lamb: float = BIS_LAMBDA,
    min_history: int = BIS_MIN_HISTORY,
    country: str = "",
    sector: str = "private_nonfin",
) -> CreditGap:
    """Credit-to-GDP gap: ratio minus its one-sided HP trend (BIS method).

    Parameters
    ----------
    ratio : Series
        Credit (or any debt) in % of GDP on a PeriodIndex, contiguous.
    lamb : float
        HP smoothing parameter; 400,000 for quarterly data as the BIS.
    min_history : int
        Observations of burn-in before a trend is reported (BIS: 40 quarters).
    country, sector : str
        Labels carried into the result.

    Returns
    -------
    CreditGap

    Raises
    ------
    BadInputError
        If the series has interior gaps, or fewer than ``min_history + 1`` observations.

    Examples
    --------
    >>> import debtcycle  # doctest: +SKIP
    >>> credit_gap(debtcycle.series("CN", "private_nonfin", "credit_ratio")).published()
    ... # doctest: +SKIP
    """
    if min_history < 0:
        raise BadInputError(f"min_history must be >= 0, got {min_history}.")
    trend = hp_one_sided(ratio, lamb)
    if trend.size <= min_history:
        raise BadInputError(
            f"{country or 'series'} {sector}: {trend.size} observations, but a gap needs more than "
            f"{min_history} (burn-in); lower min_history to see a provisional gap."
        )
    trend.iloc[:min_history] = np.nan
    data = ratio.loc[trend.index].astype("float64")
    table = pd.DataFrame({"ratio": data, "trend": trend, "gap": data - trend})
    table["buffer_guide"] = buffer_guide(table["gap"])
    return CreditGap(
        country=country,
        sector=sector,
        lamb=float(lamb),
        table=table,
        params={"lambda": float(lamb), "min_history": min_history, "sector": sector},
        provenance=dict(ratio.attrs.get("info", {})),
    )
