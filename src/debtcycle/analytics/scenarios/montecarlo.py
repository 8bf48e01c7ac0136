"""Stochastic debt paths: a vectorised kernel on pre-drawn shocks, a seeded driver, fan charts.

Shocks are joint draws of (real growth, inflation, effective interest rate,
primary balance), in pp, taken from a country's history, either from a
multivariate normal with the historical covariance or by a moving-block
bootstrap of the historical innovations (which keeps fat tails and
cross-correlations).  Growth and inflation shocks last one year.  The
primary balance is a level process with the persistence history shows: an
AR(1) in deviations from its sample mean, ``x_t = rho x_{t-1} + e_t``, with
``rho`` estimated by least squares on the history and ``e`` its residuals, so a
shock to the balance decays at the historical rate instead of vanishing after
a year.  Interest-rate shocks are changes of the effective rate and are
cumulated (a random walk in the level), as rates on debt are a slow-moving
average of past market rates.

The kernel is plain numpy over the path axis, one vector operation per year,
so 10^6 paths x 10 years take well under a second.  The driver processes
paths in chunks (``chunk`` paths at a time, float32) so the shock arrays stay
bounded whatever the number of paths; only the debt paths are kept.  Each
chunk has its own generator spawned from the seed (``SeedSequence.spawn``),
so results do not depend on the number of threads, and chunks run on a
thread pool (numpy releases the GIL in its random and array kernels).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.errors import BadInputError

__all__ = [
    "SHOCK_NAMES",
    "FanChart",
    "ShockModel",
    "debt_kernel",
    "debt_kernel_loop",
    "shock_model",
    "simulate_fan",
]

#: Order of the shock variables on the last axis.
SHOCK_NAMES = ("real_growth", "inflation", "interest", "primary_balance")
PERCENTILES = (5, 10, 25, 50, 75, 90, 95)
MAX_PATHS = 10_000_000  # the kept debt paths take 40 MB per million (10 years, float32)


@dataclass(frozen=True)
class ShockModel:
    """Historical innovations and their covariance.

    Attributes
    ----------
    innovations : ndarray
        (years, 4) demeaned real growth and inflation, changes of the effective
        rate and AR(1) residuals of the primary balance, in :data:`SHOCK_NAMES` order.
    cov : ndarray
        4 x 4 covariance of ``innovations``.
    years : tuple of int
        Sample years.
    rho_pb : float
        AR(1) persistence of the primary balance (deviations from its mean).
    """

    innovations: np.ndarray
    cov: np.ndarray
    years: tuple[int, ...]
    rho_pb: float = 0.0

    @property
    def sd(self) -> dict[str, float]:
        """Standard deviation of each shock (pp)."""
        return {k: float(v) for k, v in zip(SHOCK_NAMES, np.sqrt(np.diag(self.cov)), strict=True)}


def shock_model(history: pd.DataFrame, *, start: int | None = None) -> ShockModel:
    """Build the shock model from annual history.

    Parameters
    ----------
    history : DataFrame
        Annual ``real_growth``, ``pi``, ``i`` (effective rate) and ``pb``.
    start : int, optional
        First year of the sample.
    """
    data = history.loc[:, ["real_growth", "pi", "i", "pb"]].dropna()
    if start is not None:
        data = data.loc[data.index >= start]
    dev = data["pb"] - data["pb"].mean()
    lag = dev.shift(1)
    ok = lag.notna()
    rho = float(np.clip((dev[ok] * lag[ok]).sum() / (lag[ok] ** 2).sum(), 0.0, 0.99))
    innov = pd.DataFrame({
        "real_growth": data["real_growth"] - data["real_growth"].mean(),
        "inflation": data["pi"] - data["pi"].mean(),
        "interest": data["i"].diff(),
        "primary_balance": dev - rho * lag,
    }).dropna()
    if len(innov) < 8:
        raise BadInputError(f"only {len(innov)} years of complete fiscal history for shocks; "
                            "need at least 8 (use an earlier start year)")
    arr = innov.to_numpy()
    return ShockModel(innovations=arr - arr.mean(axis=0), cov=np.cov(arr, rowvar=False),
                      years=tuple(int(y) for y in innov.index), rho_pb=rho)


def debt_kernel(d0: float, i: np.ndarray, g: np.ndarray, pb: np.ndarray, sfa: np.ndarray,
                shocks: np.ndarray) -> np.ndarray:
    """Debt paths for pre-drawn shocks (vectorised over paths).

    Parameters
    ----------
    d0 : float
        Starting debt, % of GDP.
    i, g, pb, sfa : ndarray
        Baseline effective rate, nominal growth (% a year), primary balance and
        stock-flow adjustment (% of GDP), shape (horizon,).
    shocks : ndarray
        (4, horizon, paths) in :data:`SHOCK_NAMES` order (variable-major, so
        each year's shocks are contiguous); interest shocks already cumulated.

    Returns
    -------
    ndarray
        (horizon, paths) debt in % of GDP, in the dtype of ``shocks``.
    """
    _, h, n = shocks.shape
    out = np.empty((h, n), dtype=shocks.dtype)
    debt = np.full(n, d0, dtype=shocks.dtype)
    for t in range(h):
        growth = (1.0 + g[t] / 100.0) * (1.0 + shocks[0, t] / 100.0) * \
            (1.0 + shocks[1, t] / 100.0)
        rate = 1.0 + (i[t] + shocks[2, t]) / 100.0
        debt = debt * rate / growth - (pb[t] + shocks[3, t]) + sfa[t]
        out[t] = debt
    return out


def debt_kernel_loop(d0: float, i: np.ndarray, g: np.ndarray, pb: np.ndarray,
                     sfa: np.ndarray, shocks: np.ndarray) -> np.ndarray:
    """Compute :func:`debt_kernel` with a plain Python loop (the reference)."""
    _, h, n = shocks.shape
    out = np.empty((h, n))
    for p in range(n):
        debt = float(d0)
        for t in range(h):
            growth = (1.0 + g[t] / 100.0) * (1.0 + shocks[0, t, p] / 100.0) * \
                (1.0 + shocks[1, t, p] / 100.0)
            rate = 1.0 + (i[t] + shocks[2, t, p]) / 100.0
            debt = debt * rate / growth - (pb[t] + shocks[3, t, p]) + sfa[t]
            out[t, p] = debt
    return out


def draw_shocks(model: ShockModel, rng: np.random.Generator, n: int, h: int, *,
                method: str = "normal", block: int = 2, dtype: type = np.float64) -> np.ndarray:
    """Draw (4, h, n) shocks; interest shocks cumulated, primary-balance shocks AR(1).

    Parameters
    ----------
    model : ShockModel
    rng : numpy.random.Generator
    n, h : int
        Paths and years.
    method : {"normal", "bootstrap"}
        Multivariate normal with the historical covariance, or moving-block
        bootstrap of the historical innovations (blocks of ``block`` years).
    dtype : numpy float type
    """
    if method == "normal":
        chol = np.linalg.cholesky(model.cov + 1e-12 * np.eye(4))
        z = rng.standard_normal((4, h, n), dtype=dtype)
        shocks = np.zeros_like(z)
        for j in range(4):
            for k in range(j + 1):
                shocks[j] += dtype(chol[j, k]) * z[k]
    elif method == "bootstrap":
        rows = len(model.innovations)
        if block < 1 or block > rows:
            raise BadInputError(f"block={block}: must be between 1 and {rows} years")
        starts = rng.integers(0, rows - block + 1, size=(n, -(-h // block)))
        idx = (starts[:, :, None] + np.arange(block)).reshape(n, -1)[:, :h]
        shocks = np.ascontiguousarray(model.innovations.astype(dtype)[idx.T].transpose(2, 0, 1))
    else:
        raise BadInputError(f"shock method {method!r}: use 'normal' or 'bootstrap'")
    np.cumsum(shocks[2], axis=0, out=shocks[2])
    rho = dtype(model.rho_pb)
    for t in range(1, h):
        shocks[3, t] += rho * shocks[3, t - 1]
    return shocks


@dataclass(frozen=True)
class FanChart(Result):
    """Percentiles of simulated debt paths and summary probabilities.

    Attributes
    ----------
    percentiles : DataFrame
        Index year, columns ``p5`` ... ``p95`` (debt, % of GDP).
    prob_higher_5y : float
        Probability that debt is higher after five years than at the start.
    thresholds : dict
        Threshold (% of GDP) -> probability of exceeding it in some year.
    recession_probability : float or None
        Mean per-path probability of a recession year in the first two years.
    """

    percentiles: pd.DataFrame
    prob_higher_5y: float
    thresholds: dict[float, float]
    recession_probability: float | None

    def to_frame(self) -> pd.DataFrame:
        """Return the percentiles by year."""
        return self.percentiles

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON of ``debtcycle fiscal fan --json`` (without the chart paths)."""
        out: dict[str, Any] = jsonable({
            "country": self.params.get("country"), "percentiles": self.percentiles,
            "prob_debt_higher_in_5y": self.prob_higher_5y, "thresholds": self.thresholds,
            "params": self.params, "provenance": self.provenance})
        return out


def _check_size(n_paths: int, chunk: int) -> None:
    if n_paths < 1 or n_paths > MAX_PATHS:
        raise BadInputError(f"paths={n_paths}: give between 1 and {MAX_PATHS:,} paths")
    if chunk < 1:
        raise BadInputError(f"chunk={chunk}: must be a positive number of paths")


def simulate_fan(d0: float, i: np.ndarray, g: np.ndarray, pb: np.ndarray, sfa: np.ndarray,
                 model: ShockModel, *, n_paths: int = 10_000, seed: int = 0,
                 method: str = "normal", chunk: int = 100_000,
                 thresholds: tuple[float, ...] = (),
                 years: np.ndarray | None = None) -> FanChart:
    """Simulate ``n_paths`` debt paths around a baseline with a seeded Generator.

    Parameters
    ----------
    d0, i, g, pb, sfa : see :func:`debt_kernel`.
    model : ShockModel
    n_paths, seed, method, chunk : simulation size, seed of
        :func:`numpy.random.default_rng`, ``"normal"`` or ``"bootstrap"``, paths per chunk.
    thresholds : tuple of float
        Debt levels (% of GDP) whose crossing probability is reported.
    years : ndarray, optional
        Year labels.
    """
    _check_size(n_paths, chunk)
    h = len(g)
    bounds = [(a, min(n_paths, a + chunk)) for a in range(0, n_paths, chunk)]
    seeds = np.random.SeedSequence(seed).spawn(len(bounds))
    debt = np.empty((h, n_paths), dtype=np.float32)
    base = [np.asarray(x, dtype=np.float32) for x in (i, g, pb, sfa)]

    def run_chunk(k: int) -> None:
        a, b = bounds[k]
        rng = np.random.default_rng(seeds[k])
        shocks = draw_shocks(model, rng, b - a, h, method=method, dtype=np.float32)
        debt[:, a:b] = debt_kernel(d0, base[0], base[1], base[2], base[3], shocks)

    with ThreadPoolExecutor(max_workers=min(len(bounds), os.cpu_count() or 1)) as pool:
        list(pool.map(run_chunk, range(len(bounds))))
        pct = np.array(list(pool.map(lambda row: np.percentile(row, PERCENTILES), debt)))
    labels = years if years is not None else np.arange(1, h + 1)
    frame = pd.DataFrame(pct, index=pd.Index(labels, name="year"),
                         columns=[f"p{p}" for p in PERCENTILES])
    at5 = debt[min(4, h - 1)]
    peak = debt.max(axis=0)
    return FanChart(
        percentiles=frame.astype(float), prob_higher_5y=float(np.mean(at5 > d0)),
        thresholds={float(x): float(np.mean(peak > x)) for x in thresholds},
        recession_probability=None,
        params={"paths": n_paths, "seed": seed, "method": method, "chunk": chunk},
        provenance={"shock_years": [model.years[0], model.years[-1]], "shock_sd": model.sd},
    )
