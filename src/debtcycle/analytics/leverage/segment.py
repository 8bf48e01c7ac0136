"""Exact continuous piecewise-linear segmentation (dynamic programme) and causal smoothing.

Objective
---------
A segmentation of ``y[0..n-1]`` is a list of segment ends ``e_1 < ... < e_K = n``
(segment ``k`` holds points ``e_{k-1} .. e_k - 1``, ``e_0 = 0``), each segment at
least ``min_size`` points long.  Segment ``[s, e)`` is approximated by the
straight line from ``y[a]`` to ``y[e-1]`` with anchor ``a = max(s, 1) - 1`` (the
previous segment's last point, so the fit is continuous), and costs the sum of
squared deviations over points ``a+1 .. e-1``; this is the ``clinear`` cost of
the ruptures library.  The objective is the sum of costs plus ``penalty`` times
the number of kinks (``K - 1``).

PELT's pruning rule assumes that adding a breakpoint never raises the cost,
which the continuity constraint breaks, so PELT with this cost can miss the
optimum.  :func:`segment_exact` minimises the objective exactly: an
``O(n^2)`` dynamic programme over all admissible previous ends, with every
segment cost taken in O(1) from prefix sums.

Causal smoothing
----------------
:func:`causal_smooth` is a trailing running median: each value is the median of
itself and the values just before it, never of later ones, so a value does not
change when later data arrive.  A window of three removes a one-quarter spike
and delays a steady trend by one period.  (A centred median uses future
quarters; a trailing repeated-median line over five quarters, also tried, is too
noisy at its end point and split documented episodes.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from debtcycle.errors import BadInputError

__all__ = ["Segmentation", "causal_smooth", "clinear_cost", "objective", "segment_exact"]


def clinear_cost(y: np.ndarray, start: int, end: int) -> float:
    """Cost of the segment ``[start, end)`` (direct evaluation, for checks and tests)."""
    s = max(start, 1)
    a = s - 1
    idx = np.arange(s, end)
    line = y[a] + (y[end - 1] - y[a]) * (idx - a) / (end - 1 - a)
    return float(np.sum((y[s:end] - line) ** 2))


def objective(y: np.ndarray, ends: list[int], penalty: float) -> float:
    """Sum of segment costs plus ``penalty`` per kink for the segment ends ``ends``."""
    starts = [0, *ends[:-1]]
    return float(sum(clinear_cost(y, s, e) for s, e in zip(starts, ends, strict=True))
                 + penalty * (len(ends) - 1))


def _cost_matrix(y: np.ndarray) -> np.ndarray:
    """``C[s, e]``: cost of segment ``[s, e)`` for all ``0 <= s < e <= n`` (inf elsewhere)."""
    n = len(y)
    i = np.arange(n, dtype=float)
    zero = np.zeros(1)
    c1, c2 = np.concatenate([zero, np.cumsum(y)]), np.concatenate([zero, np.cumsum(y * y)])
    ci = np.concatenate([zero, np.cumsum(i * y)])
    s = np.arange(n + 1)[:, None]
    e = np.arange(n + 1)[None, :]
    first = np.maximum(s, 1)
    a = first - 1
    valid = e - first >= 1
    ee = np.where(valid, e, np.minimum(first + 1, n))
    count = (ee - first).astype(float)  # points a+1 .. e-1
    ya = y[np.clip(a, 0, n - 1)]
    yl = y[np.clip(ee - 1, 0, n - 1)]
    k = np.maximum(ee - 1 - a, 1).astype(float)
    sy = c1[ee] - c1[first]
    syy = c2[ee] - c2[first]
    siy = ci[ee] - ci[first]
    si = (first + ee - 1) * count / 2.0
    m = (yl - ya) / k
    sdd = syy - 2 * ya * sy + count * ya * ya
    sdt = siy - a * sy - ya * si + a * ya * count
    stt = k * (k + 1) * (2 * k + 1) / 6.0
    cost = np.maximum(sdd - 2 * m * sdt + m * m * stt, 0.0)
    return np.where(valid, cost, np.inf)


@dataclass(frozen=True)
class Segmentation:
    """Result of :func:`segment_exact`: segment ends, objective, cost and penalty."""

    ends: list[int]
    objective: float
    cost: float
    penalty: float

    @property
    def kinks(self) -> list[int]:
        """Kink positions (indices) including the first and last point."""
        return [0, *[e - 1 for e in self.ends]]


def segment_exact(y: np.ndarray, penalty: float, min_size: int) -> Segmentation:
    """Minimise cost + ``penalty`` x kinks exactly over segmentations with segments >= min_size.

    Parameters
    ----------
    y : ndarray
        The series (finite values).
    penalty : float
        Cost of one more kink (>= 0).
    min_size : int
        Fewest points per segment (>= 2).

    Returns
    -------
    Segmentation
        One segment when the series is shorter than ``2 * min_size``.

    Raises
    ------
    BadInputError
        If ``y`` is not finite, ``penalty`` < 0 or ``min_size`` < 2.
    """
    values = np.asarray(y, dtype=float)
    if values.ndim != 1 or not np.isfinite(values).all() or len(values) < 2:
        raise BadInputError("segment_exact needs a 1-D series of at least 2 finite values.")
    if penalty < 0 or min_size < 2:
        raise BadInputError(f"penalty must be >= 0 and min_size >= 2; got {penalty}, {min_size}.")
    n = len(values)
    if n < 2 * min_size:
        single = clinear_cost(values, 0, n)
        return Segmentation(ends=[n], objective=single, cost=single, penalty=penalty)
    cost = _cost_matrix(values)
    best = np.full(n + 1, np.inf)
    best[0] = -penalty  # the first segment adds no kink
    back = np.zeros(n + 1, dtype=int)
    for e in range(min_size, n + 1):
        starts = np.arange(0, e - min_size + 1)
        total = best[starts] + cost[starts, e] + penalty
        j = int(np.argmin(total))
        best[e], back[e] = total[j], int(starts[j])
    ends = [n]
    while back[ends[0]] > 0:
        ends.insert(0, int(back[ends[0]]))
    total_cost = float(best[n] - penalty * (len(ends) - 1))
    return Segmentation(ends=ends, objective=float(best[n]), cost=total_cost, penalty=penalty)


def causal_smooth(y: np.ndarray, window: int) -> np.ndarray:
    """Trailing running median: each value is the median of itself and the ``window - 1`` before.

    Parameters
    ----------
    y : ndarray
        Finite values.
    window : int
        Points in the trailing window (1 = no smoothing); the first ``window - 1``
        values use the points available so far.

    Returns
    -------
    ndarray
    """
    values = np.asarray(y, dtype=float)
    w = max(int(window), 1)
    if w == 1 or len(values) == 0:
        return values.copy()
    out = values.copy()
    for t in range(min(w - 1, len(values))):
        out[t] = float(np.median(values[: t + 1]))
    if len(values) >= w:
        out[w - 1:] = np.median(sliding_window_view(values, w), axis=1)
    return out
