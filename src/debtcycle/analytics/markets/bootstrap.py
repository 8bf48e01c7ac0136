"""Moving-block bootstrap of a mean: confidence intervals for serially dependent returns.

Monthly and quarterly returns are autocorrelated (and their volatility
clusters), so resampling single observations understates the uncertainty of
a mean return.  The moving-block bootstrap (Künsch 1989) resamples
overlapping blocks of ``block`` consecutive observations and concatenates
them to the original length.  The default block length is the
``n ** (1/3)`` rule of Hall, Horowitz and Jing (1995), at least 1.  The
random numbers come from a seeded :class:`numpy.random.Generator`, so a CI
is reproducible.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["block_bootstrap_means", "default_block", "mean_ci"]


def default_block(n: int) -> int:
    """Return the block length ``max(1, round(n ** (1/3)))`` (Hall-Horowitz-Jing rule)."""
    root: float = float(n) ** (1.0 / 3.0)
    return max(1, math.floor(root + 0.5))


def block_bootstrap_means(values: np.ndarray, *, n_boot: int = 2000, block: int | None = None,
                          rng: np.random.Generator) -> np.ndarray:
    """Return ``n_boot`` moving-block bootstrap means of ``values``.

    Parameters
    ----------
    values : ndarray
        One-dimensional sample without missing values (at least 2).
    n_boot : int
        Number of bootstrap samples.
    block : int, optional
        Block length; default :func:`default_block`.  ``1`` is the i.i.d. bootstrap.
    rng : numpy.random.Generator
        Source of the random block starts (seeded by the caller).

    Returns
    -------
    ndarray
        The ``n_boot`` resampled means.
    """
    x = np.asarray(values, dtype=float)
    n = len(x)
    size = min(block or default_block(n), n)
    n_blocks = math.ceil(n / size)
    starts = rng.integers(0, n - size + 1, size=(n_boot, n_blocks))
    idx = (starts[:, :, None] + np.arange(size)[None, None, :]).reshape(n_boot, -1)[:, :n]
    means: np.ndarray = x[idx].mean(axis=1)
    return means


def mean_ci(values: np.ndarray, *, level: float = 0.9, n_boot: int = 2000,
            block: int | None = None, seed: int = 0) -> tuple[float, float]:
    """Return the percentile interval of the mean of ``values`` (block bootstrap).

    Returns ``(nan, nan)`` for fewer than 3 observations, where no interval
    is meaningful.
    """
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    if len(x) < 3:
        return math.nan, math.nan
    means = block_bootstrap_means(x, n_boot=n_boot, block=block,
                                  rng=np.random.default_rng(seed))
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(means, [tail, 1.0 - tail])
    return float(low), float(high)
