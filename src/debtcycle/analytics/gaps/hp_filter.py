"""Hodrick-Prescott filters: two-sided (full sample) and one-sided (real time).

The one-sided trend at date ``t`` is the end point of a two-sided HP filter run
on the data up to ``t``.  Refitting the full filter at every date costs
``O(T^2)``; here it comes from the Kalman filter of the equivalent
state-space model (Harvey and Jaeger 1993), in ``O(T)``::

    y_t = tau_t + e_t,                      var(e_t)   = 1
    tau_t = 2 tau_{t-1} - tau_{t-2} + u_t,  var(u_t)   = 1 / lambda

The initial state ``(tau_1, tau_2)`` is diffuse; conditioning exactly on the
first two observations gives the state mean ``(y_1, y_2)`` with covariance
``I`` (the exact diffuse initialisation), after which the ordinary Kalman
recursion runs.  The filtered state equals the end point of the two-sided HP
filter on the same data (the Kalman smoother at the last date equals the
filter, and the smoother of this model is the HP filter).

The Kalman gains depend only on the position in the sample, not on the data,
so they are computed once per (lambda, length) and reused for every series.
The state recursion is hand-written (a two-element loop) because neither
statsmodels nor scipy offers a one-sided HP filter; statsmodels'
``hpfilter`` and ``UnobservedComponents`` serve as the reference in the tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy import sparse
from scipy.sparse.linalg import spsolve

from debtcycle.errors import BadInputError

__all__ = [
    "BIS_LAMBDA",
    "clear_gain_cache",
    "hp_gains",
    "hp_one_sided",
    "hp_one_sided_array",
    "hp_two_sided",
]

#: Smoothing parameter the BIS uses for quarterly credit-to-GDP ratios.
BIS_LAMBDA = 400_000.0

FloatArray = NDArray[np.float64]


def _check_lambda(lamb: float) -> float:
    if not np.isfinite(lamb) or lamb <= 0:
        raise BadInputError(f"lambda must be a positive number, got {lamb!r} (BIS: 400000).")
    return float(lamb)


_GAINS: dict[float, list[tuple[float, float]]] = {}
_STATE: dict[float, tuple[float, float, float]] = {}


def clear_gain_cache() -> None:
    """Forget the Kalman gains computed so far (used by the benchmark for cold timings)."""
    _GAINS.clear()
    _STATE.clear()


def hp_gains(lamb: float, length: int) -> list[tuple[float, float]]:
    """Kalman gains of the one-sided HP filter for the first ``length`` observations.

    The gains do not depend on the data, so they are computed once per lambda
    and extended when a longer series arrives.

    Parameters
    ----------
    lamb : float
        Smoothing parameter (signal-to-noise ratio ``1 / lambda``).
    length : int
        Number of observations.

    Returns
    -------
    list of (float, float)
        ``(k0, k1)`` per observation from the third on: the gains of the update
        of the current and the previous trend value on the one-step-ahead error.
    """
    lamb = _check_lambda(lamb)
    q = 1.0 / lamb
    gains = _GAINS.setdefault(lamb, [])
    # Covariance of (tau_t, tau_{t-1}) after the exact diffuse start on two points.
    p00, p01, p11 = _STATE.get(lamb, (1.0, 0.0, 1.0))
    while len(gains) < length - 2:
        # Predict with T = [[2, -1], [1, 0]] and state noise q on the first element.
        a00 = 4.0 * p00 - 4.0 * p01 + p11 + q
        a01 = 2.0 * p00 - p01
        a11 = p00
        f = a00 + 1.0
        k0, k1 = a00 / f, a01 / f
        gains.append((k0, k1))
        p00, p01, p11 = a00 - k0 * a00, a01 - k0 * a01, a11 - k1 * a01
    _STATE[lamb] = (p00, p01, p11)
    return gains[: max(length - 2, 0)]


def hp_one_sided_array(y: FloatArray, lamb: float = BIS_LAMBDA) -> FloatArray:
    """One-sided HP trend of a contiguous array (no missing values).

    Parameters
    ----------
    y : ndarray
        Observations in time order.
    lamb : float
        Smoothing parameter.

    Returns
    -------
    ndarray
        Trend at each date using data up to that date only; the first two
        values equal the data (a line through two points has no curvature).
    """
    values = np.asarray(y, dtype=np.float64)
    if values.ndim != 1 or not np.isfinite(values).all():
        raise BadInputError("hp_one_sided_array needs a 1-D array of finite numbers.")
    n = values.size
    out = values.copy()
    if n <= 2:
        return out
    gains = hp_gains(_check_lambda(lamb), n)
    data = values.tolist()
    cur, prev = data[1], data[0]
    trend = [data[0], data[1]]
    for obs, (k0, k1) in zip(data[2:], gains, strict=True):
        pred = 2.0 * cur - prev
        err = obs - pred
        cur, prev = pred + k0 * err, cur + k1 * err
        trend.append(cur)
    return np.asarray(trend, dtype=np.float64)


def _contiguous(series: pd.Series, name: str) -> pd.Series:
    data = series.astype("float64")
    valid = data.dropna()
    if valid.empty:
        raise BadInputError(f"{name}: the series has no observations.")
    inside = data.loc[valid.index[0] : valid.index[-1]]
    if isinstance(inside.index, pd.PeriodIndex):  # a period absent from the index is a gap too
        full = pd.period_range(inside.index[0], inside.index[-1], freq=inside.index.freq,
                               name=inside.index.name)
        inside = inside.reindex(full)
    if inside.isna().any():
        gap = inside.index[inside.isna().to_numpy()][0]
        raise BadInputError(
            f"{name}: missing value at {gap} inside the sample; the filter needs a "
            "contiguous series (interpolate or start after the gap)."
        )
    return inside


def hp_one_sided(series: pd.Series, lamb: float = BIS_LAMBDA) -> pd.Series:
    """One-sided (real-time) HP trend of a series.

    Parameters
    ----------
    series : Series
        Observations on a (Period) index; leading and trailing missing values
        are dropped, missing values inside the sample are an error.
    lamb : float
        Smoothing parameter (BIS credit gaps: 400,000 for quarterly data).

    Returns
    -------
    Series
        The trend at each date, computed from data up to that date.

    Raises
    ------
    BadInputError
        If the series is empty, has interior gaps, or ``lamb`` is not positive.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([1.0, 2.0, 4.0, 7.0])
    >>> hp_one_sided(s, 1600.0).round(3).tolist()
    [1.0, 2.0, 3.833, 6.5]
    """
    inside = _contiguous(series, str(series.name or "series"))
    trend = hp_one_sided_array(inside.to_numpy(), lamb)
    return pd.Series(trend, index=inside.index, name=series.name)


def hp_two_sided(series: pd.Series, lamb: float = 1600.0) -> pd.Series:
    """Two-sided (full-sample) HP trend, solving the penalised least-squares system.

    Parameters
    ----------
    series : Series
        Contiguous observations (leading/trailing missing values are dropped).
    lamb : float
        Smoothing parameter.

    Returns
    -------
    Series
        The trend minimising ``sum (y - tau)^2 + lambda sum (second difference of tau)^2``.
    """
    inside = _contiguous(series, str(series.name or "series"))
    lamb = _check_lambda(lamb)
    n = inside.size
    if n <= 2:
        return inside.copy()
    diff = sparse.diags([1.0, -2.0, 1.0], [0, 1, 2], shape=(n - 2, n), format="csc")
    system = sparse.eye(n, format="csc") + lamb * (diff.T @ diff)
    trend = np.asarray(spsolve(system.tocsc(), inside.to_numpy()), dtype=np.float64)
    return pd.Series(trend, index=inside.index, name=series.name)
