"""Monte Carlo fan chart: the vectorised kernel against a plain loop, seeding, draws.

References: the plain Python loop :func:`debt_kernel_loop` on the same draws
(exact to 1e-9 in float64); the deterministic engine for zero shocks; the
shock covariance for normal draws (5% on 200,000 draws).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from debtcycle.analytics.scenarios import project_debt, shock_model, simulate_fan
from debtcycle.analytics.scenarios.montecarlo import debt_kernel, debt_kernel_loop, draw_shocks
from debtcycle.errors import BadInputError

H = 10
BASE = {"i": np.linspace(3.0, 4.0, H), "g": np.full(H, 4.0), "pb": np.full(H, -2.5),
        "sfa": np.full(H, 0.1)}


def _history(seed: int = 7, n: int = 40) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"real_growth": rng.normal(2, 2, n), "pi": rng.normal(2, 1, n),
                         "i": 3 + np.cumsum(rng.normal(0, 0.3, n)), "pb": rng.normal(-2, 1.5, n)},
                        index=range(1980, 1980 + n))


def test_kernel_matches_plain_loop() -> None:
    model = shock_model(_history())
    for method in ("normal", "bootstrap"):
        shocks = draw_shocks(model, np.random.default_rng(3), 300, H, method=method)
        fast = debt_kernel(95.0, BASE["i"], BASE["g"], BASE["pb"], BASE["sfa"], shocks)
        slow = debt_kernel_loop(95.0, BASE["i"], BASE["g"], BASE["pb"], BASE["sfa"], shocks)
        assert np.abs(fast - slow).max() < 1e-9


def test_zero_shocks_give_the_deterministic_path() -> None:
    shocks = np.zeros((4, H, 5))
    paths = debt_kernel(95.0, BASE["i"], BASE["g"], BASE["pb"], BASE["sfa"], shocks)
    ref = project_debt(95.0, range(H), BASE["g"], BASE["pb"], i=BASE["i"], sfa=BASE["sfa"])
    assert np.allclose(paths[:, 0], ref.frame["debt_gdp"], atol=1e-10)


def test_seeded_runs_are_reproducible() -> None:
    model = shock_model(_history())
    args = (95.0, BASE["i"], BASE["g"], BASE["pb"], BASE["sfa"], model)
    one = simulate_fan(*args, n_paths=30_000, seed=11, chunk=7_000)
    two = simulate_fan(*args, n_paths=30_000, seed=11, chunk=7_000)
    other = simulate_fan(*args, n_paths=30_000, seed=12, chunk=7_000)
    pd.testing.assert_frame_equal(one.percentiles, two.percentiles)
    assert one.prob_higher_5y == two.prob_higher_5y
    assert not one.percentiles.equals(other.percentiles)
    cols = one.percentiles.to_numpy()
    assert (np.diff(cols, axis=1) >= 0).all()  # p5 <= p10 <= ... <= p95


def test_normal_draws_have_the_historical_covariance() -> None:
    model = shock_model(_history())
    shocks = draw_shocks(model, np.random.default_rng(0), 200_000, 1)
    cov = np.cov(shocks[:, 0, :])
    assert np.allclose(cov, model.cov, rtol=0.05, atol=0.01 * np.abs(model.cov).max())


def test_bootstrap_resamples_historical_rows() -> None:
    model = shock_model(_history())
    shocks = draw_shocks(model, np.random.default_rng(0), 50, 4, method="bootstrap", block=2)
    rows = {tuple(np.round(r[[0, 1, 3]], 9)) for r in model.innovations}
    drawn = {tuple(np.round(shocks[[0, 1, 3], t, p], 9)) for t in range(4) for p in range(50)}
    assert drawn <= rows


def test_bad_simulation_settings() -> None:
    model = shock_model(_history())
    args = (95.0, BASE["i"], BASE["g"], BASE["pb"], BASE["sfa"], model)
    with pytest.raises(BadInputError, match="paths=-5"):
        simulate_fan(*args, n_paths=-5)
    with pytest.raises(BadInputError, match="'normal' or 'bootstrap'"):
        simulate_fan(*args, n_paths=10, method="sobol")
    with pytest.raises(BadInputError, match="at least 8"):
        shock_model(_history(n=5))


def test_primary_balance_shocks_follow_the_estimated_ar1() -> None:
    """Primary-balance shocks are a level AR(1), not one-year blips.

    Reference: the analytic variance of an AR(1) started at zero,
    ``sigma^2 (1 - rho^(2(t+1))) / (1 - rho^2)``, and the least-squares rho of the
    history (recomputed here with numpy.polyfit); 3% tolerance on 200,000 draws.
    """
    rng = np.random.default_rng(3)
    pb = np.empty(60)
    pb[0] = 0.0
    for t in range(1, 60):  # a persistent history, rho = 0.8
        pb[t] = 0.8 * pb[t - 1] + rng.normal(0, 1.0)
    hist = _history(n=60).assign(pb=pb - 2.0)
    model = shock_model(hist)
    dev = hist["pb"] - hist["pb"].mean()
    slope = np.polyfit(dev.iloc[:-1].to_numpy(), dev.iloc[1:].to_numpy(), 1)[0]
    assert model.rho_pb == pytest.approx(slope, abs=0.05)
    shocks = draw_shocks(model, np.random.default_rng(0), 200_000, H)
    sigma2, rho = model.cov[3, 3], model.rho_pb
    expected = sigma2 * (1 - rho ** (2 * (np.arange(H) + 1))) / (1 - rho**2)
    assert np.allclose(shocks[3].var(axis=1), expected, rtol=0.03)
    # the kernel takes these as level deviations: the year-9 spread of debt grows with rho
    flat = dataclasses.replace(model, rho_pb=0.0)
    wide = simulate_fan(100.0, *BASE.values(), model, n_paths=20_000, seed=1)
    narrow = simulate_fan(100.0, *BASE.values(), flat, n_paths=20_000, seed=1)
    spread = {k: f.percentiles.iloc[-1]["p95"] - f.percentiles.iloc[-1]["p5"]
              for k, f in (("wide", wide), ("narrow", narrow))}
    assert spread["wide"] > 1.1 * spread["narrow"]  # measured 37.6 vs 30.6 pp
