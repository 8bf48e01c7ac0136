"""CBO's February 2026 baseline reproduced with net interest projected by the engine.

References (mirrored CBO files, DESIGN.md): CBO, *The Long-Term Budget Outlook: 2026
to 2056*, debt held by the public 100.6% of GDP in FY2026, 120.2% in 2036, 175.1% in
2056 (``annual_fy_2026-02.csv``); CBO eval-projections actuals (FY2025 debt $30,172.4 bn,
net interest $969.9 bn, GDP $30,362.0 bn).  Tolerance from issue 11: the engine's
path within 1.5 pp of CBO's in every year with zero stock-flow adjustment.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import debtcycle
from debtcycle.analytics.scenarios.cbo_vintage import FiscalBaseline
from debtcycle.analytics.scenarios.interest import (
    MaturityStructure,
    calibrate_maturity,
    project_interest,
)
from debtcycle.cli.app import get_app
from debtcycle.errors import BadInputError


@pytest.fixture(scope="module")
def base2026() -> FiscalBaseline:
    return debtcycle.fiscal_baseline("US", "2026-02")


def test_2026_debt_path_within_tolerance(base2026: FiscalBaseline) -> None:
    frame = base2026.frame
    assert list(frame.index[[0, -1]]) == [2026, 2056]
    assert (frame["diff"].abs() < 1.5).all()  # measured max 0.89 pp (2056)
    for year, published in ((2026, 100.6), (2036, 120.2), (2056, 175.1)):
        assert frame.loc[year, "cbo_debt_gdp"] == pytest.approx(published, abs=0.05)
        assert frame.loc[year, "debt_gdp"] == pytest.approx(published, abs=1.5)
    assert base2026.params["sfa"] == 0.0 and base2026.params["net_interest"] == "engine"


def test_net_interest_is_the_engines_and_its_gap_is_reported(base2026: FiscalBaseline) -> None:
    frame = base2026.frame
    # Not CBO's line: the two differ, by less than 0.25 pp of GDP a year (measured 0.18).
    assert not np.allclose(frame["net_interest_gdp"], frame["cbo_net_interest_gdp"])
    assert frame["net_interest_gap"].abs().max() < 0.25
    # The gap column is engine - CBO, and engine net interest = rate x lagged debt / GDP.
    assert np.allclose(frame["net_interest_gap"],
                       frame["net_interest_gdp"] - frame["cbo_net_interest_gdp"])
    s = base2026.structure
    assert s is not None and 0.1 < s.bill_share < 0.4 and 3.0 < s.turnover_years < 10.0
    # Calibration window FY2010-2025: fitted effective rate within 0.3 pp on average.
    assert s.rmse < 0.3 and s.params["start"] == 2010 and s.params["end"] == 2025


def test_engine_starts_from_the_fy2025_actual(base2026: FiscalBaseline) -> None:
    base = base2026.baseline
    assert base.d0 == pytest.approx(30172.402 / 30362.025 * 100, abs=1e-6)
    # one vintage: inflation is CBO 2026's nominal over real growth, not a mix
    assert base.pi[0] == pytest.approx(2.7, abs=0.3)


def test_interest_kernel_hand_checked() -> None:
    """Two years by hand: bills 20% at 4%, coupons turn over in 5 years at 5%, c0 = 3%."""
    s = MaturityStructure(bill_share=0.2, turnover_years=5.0, coupon_start=3.0,
                          coupon_end=3.0, fit=pd.DataFrame())
    proj = project_interest(s, 100.0, np.array([1, 2]), gdp=np.array([100.0, 100.0]),
                            primary_balance_gdp=np.array([0.0, 0.0]), bill=np.array([4.0, 4.0]),
                            y10=np.array([5.0, 5.0]), iterations=50).frame
    # year 1: D1 = 100 + I1; keep = 0.8*100*0.8 = 64; new = 0.8*D1 - 64
    d1 = proj.loc[1, "debt"]
    c1 = (3.0 * 64 + 5.0 * (0.8 * d1 - 64)) / (0.8 * d1)
    assert proj.loc[1, "net_interest"] == pytest.approx((0.2 * 4 + 0.8 * c1), rel=1e-9)
    assert d1 == pytest.approx(100 + proj.loc[1, "net_interest"], rel=1e-9)


def test_calibration_recovers_known_structure() -> None:
    """Simulate a history from known parameters; least squares gets them back."""
    years = np.arange(2000, 2026)
    rng = np.random.default_rng(5)
    bill = 2 + np.abs(rng.normal(0, 1.5, len(years)))
    y10 = bill + 1.0
    true = MaturityStructure(0.25, 6.0, 5.0, 5.0, pd.DataFrame())
    proj = project_interest(true, 1000.0, years, gdp=np.full(len(years), 2000.0),
                            primary_balance_gdp=np.full(len(years), -2.0), bill=bill, y10=y10,
                            iterations=50).frame
    # calibrate_maturity uses this year's debt for this year's issuance, as the kernel does
    history = pd.DataFrame({"debt": pd.concat([pd.Series([1000.0], index=[1999]),
                                               proj["debt"]]),
                            "net_interest": pd.concat([pd.Series([np.nan], index=[1999]),
                                                       proj["net_interest"]]),
                            "bill_rate": pd.Series(np.r_[np.nan, bill], index=range(1999, 2026)),
                            "yield_10y": pd.Series(np.r_[np.nan, y10], index=range(1999, 2026))})
    fit = calibrate_maturity(history, start=2000)
    assert fit.bill_share == pytest.approx(0.25, abs=0.02)
    assert fit.turnover_years == pytest.approx(6.0, rel=0.05)
    assert fit.rmse < 0.01
    with pytest.raises(BadInputError, match="at least 8 years"):
        calibrate_maturity(history, start=2020)


def test_2024_vintage_still_validated() -> None:
    old = debtcycle.fiscal_baseline("US", "2024-03")
    assert old.vintage == "2024-03" and old.max_abs_diff < 1.5  # measured 1.40 (2033)
    assert (old.frame["net_interest_gap"] == 0).all()  # CBO's own interest, fed


def test_cli_json_shape_and_errors() -> None:
    runner = CliRunner()
    out = runner.invoke(get_app(), ["fiscal", "baseline", "US", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["vintage"] == "2026-02" and data["net_interest"] == "engine"
    assert data["max_abs_diff"] < 1.5 and data["maturity_structure"]["bill_share"] > 0
    row = data["data"][0]
    assert {"year", "debt_gdp", "cbo_debt_gdp", "net_interest_gdp",
            "cbo_net_interest_gdp"} <= set(row)
    with pytest.raises(BadInputError, match="vintage"):
        debtcycle.fiscal_baseline("US", "1999-01")
    bad = runner.invoke(get_app(), ["fiscal", "baseline", "JP"])
    assert bad.exit_code == 2 and "only for the US" in bad.output
