"""Recession probability from simulated annual real growth, validated on US history.

Method.  A year is a *recession year* when its quarters contain two
consecutive quarter-on-quarter declines of real GDP (the "technical
recession" rule), counting a pair that starts in the year.  A probit links the
year's recession indicator to its annual real growth (annual-average over
annual-average), estimated with statsmodels on the quarterly real GDP history
(FRED ``GDPC1``).  A scenario's recession probability over its first ``k``
years is the mean over simulated growth paths of ``1 - prod_t (1 - p(g_t))``.
In-sample fit is reported as the AUROC (scikit-learn).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import norm

from debtcycle.analytics._result import Result
from debtcycle.errors import BadInputError

__all__ = ["RecessionModel", "fit_recession_model", "recession_probability",
           "recession_years"]


@dataclass(frozen=True)
class RecessionModel(Result):
    """Probit of a recession year on annual real growth.

    Attributes
    ----------
    intercept, slope : float
        ``P(recession) = Phi(intercept + slope * growth)``, growth in %.
    auroc : float
        In-sample area under the ROC curve.
    data : DataFrame
        By year: ``growth``, ``recession`` and the fitted ``probability``.
    """

    intercept: float
    slope: float
    auroc: float
    data: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return the yearly data and fitted probabilities."""
        return self.data

    def probability(self, growth: np.ndarray) -> np.ndarray:
        """Recession probability for annual real growth ``growth`` (%)."""
        return np.asarray(norm.cdf(self.intercept + self.slope * np.asarray(growth)))


def recession_years(real_gdp: pd.Series) -> pd.DataFrame:
    """Annual growth and the technical-recession flag from quarterly real GDP.

    Parameters
    ----------
    real_gdp : Series
        Quarterly real GDP on a quarterly PeriodIndex.

    Returns
    -------
    DataFrame
        Indexed by year (complete years only): ``growth`` (%) and ``recession`` (0/1).
    """
    if not isinstance(real_gdp.index, pd.PeriodIndex) or real_gdp.index.freqstr[0] != "Q":
        raise BadInputError("real_gdp must be quarterly on a PeriodIndex (e.g. FRED GDPC1)")
    falling = real_gdp.pct_change() < 0
    pair = (falling & falling.shift(-1, fill_value=False)).astype(int)
    years = real_gdp.index.year
    counts = real_gdp.groupby(years).size()
    full = counts[counts == 4].index
    annual = real_gdp.groupby(years).mean()
    growth = annual.pct_change() * 100.0
    flag = pair.groupby(years).max()
    out = pd.DataFrame({"growth": growth, "recession": flag}).loc[full].dropna()
    out.index.name = "year"
    return out


def fit_recession_model(real_gdp: pd.Series, *, start: int | None = None) -> RecessionModel:
    """Estimate the probit on quarterly real GDP (from ``start`` if given)."""
    import statsmodels.api as sm  # heavy imports, only when a model is fitted
    from sklearn.metrics import roc_auc_score

    data = recession_years(real_gdp)
    if start is not None:
        data = data.loc[data.index >= start]
    if data["recession"].nunique() < 2:
        raise BadInputError("the history has no recession (or only recessions); use a longer "
                            "sample")
    exog = sm.add_constant(data["growth"].to_numpy())
    fit = sm.Probit(data["recession"].to_numpy(), exog).fit(disp=0)
    a, b = (float(v) for v in fit.params)
    prob = norm.cdf(a + b * data["growth"].to_numpy())
    auroc = float(roc_auc_score(data["recession"].to_numpy(), prob))
    frame = data.assign(probability=prob)
    return RecessionModel(intercept=a, slope=b, auroc=auroc, data=frame,
                          params={"start": start, "rule": "two consecutive q/q declines"},
                          provenance={"n_years": len(frame)})


def recession_probability(model: RecessionModel, growth_paths: np.ndarray, years: int = 2
                          ) -> float:
    """Probability of at least one recession year in the first ``years`` years.

    Parameters
    ----------
    model : RecessionModel
    growth_paths : ndarray
        Real growth, % a year, shape (paths, horizon) or (horizon,).
    years : int
        Window length.
    """
    paths = np.atleast_2d(np.asarray(growth_paths, dtype=float))[:, :years]
    p = model.probability(paths)
    return float(np.mean(1.0 - np.prod(1.0 - p, axis=1)))
