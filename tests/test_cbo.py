"""CBO and Budget Lab sources, and the engine's reproduction of CBO's debt path.

References: the published CBO figures quoted in DESIGN.md and the issue (debt
held by the public 99.0% of GDP in 2024, 107.4% in 2029, 166.2% in 2054) and
the sanity numbers of the data MANIFEST (CBO Historical Budget Data FY2025;
CBO Feb 2026 Annual_CY; Budget Lab tariff_revenue.csv and F1_daily_etr.csv).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import debtcycle
from debtcycle.analytics.scenarios import project_debt
from debtcycle.errors import ParseError
from debtcycle.facade import _fiscal_load as scenarios
from debtcycle.sources.cbo import parse_ltbo, read_cbo_table


def _fy(measure: str, dataset: str, sector: str = "central_gov") -> pd.Series:
    s = debtcycle.series("US", sector, measure, source="cbo", dataset=dataset)
    return s.set_axis(s.index.year)


def test_ltbo_debt_matches_published_figures() -> None:
    debt = _fy("debt_public_gdp", "CBO:LTBO-2024")
    # CBO LTBO 2024 (pub. 59711): 99.0, 107.4, 166.2; the sheet carries 3 decimals.
    assert debt.loc[2024] == pytest.approx(99.0, abs=0.05)
    assert debt.loc[2029] == pytest.approx(107.4, abs=0.05)
    assert debt.loc[2054] == pytest.approx(166.2, abs=0.05)
    assert _fy("gdp_nominal", "CBO:LTBO-2024", "economy").loc[2054] == pytest.approx(85235.0)


def test_ltbo_deficit_identity() -> None:
    # Total deficit = primary deficit + net interest in CBO's table (rounding 0.002 pp).
    total = _fy("gov_balance_gdp", "CBO:LTBO-2024")
    primary = _fy("gov_primary_balance_gdp", "CBO:LTBO-2024")
    interest = _fy("gov_interest_gdp", "CBO:LTBO-2024")
    assert np.abs(total - (primary - interest)).max() < 0.002


def test_historical_budget_data_fy2025() -> None:
    # MANIFEST row 50: FY2025 revenues 5234.616, outlays 7009.986, deficit -1775.37,
    # debt 30172.402, customs duties 194.866 ($ bn).
    assert _fy("gov_revenue_lcu", "CBO:HIST-2026").loc[2025] == pytest.approx(5234.616)
    assert _fy("gov_expenditure_lcu", "CBO:HIST-2026").loc[2025] == pytest.approx(7009.986)
    assert _fy("gov_balance_lcu", "CBO:HIST-2026").loc[2025] == pytest.approx(-1775.37)
    assert _fy("debt_public_lcu", "CBO:HIST-2026").loc[2025] == pytest.approx(30172.402)
    assert _fy("gov_customs_lcu", "CBO:HIST-2026").loc[2025] == pytest.approx(194.866)
    assert _fy("gov_customs_lcu", "CBO:HIST-2026").index[0] == 1962


def test_economic_projections() -> None:
    # MANIFEST row 52: 10-year rate 4.21 (2024), 4.29 (2025), 4.39 (2036); GDP 47146.7 (2036).
    y10 = _fy("yield_10y", "CBO:ECON-2026", "economy")
    assert y10.loc[2024] == pytest.approx(4.21, abs=0.005)
    assert y10.loc[2036] == pytest.approx(4.39, abs=0.005)
    assert _fy("gdp_nominal", "CBO:ECON-2026", "economy").loc[2036] == pytest.approx(
        47146.7, abs=0.05)


def test_budget_lab_tariff_files() -> None:
    monthly = debtcycle.series("US", "central_gov", "gov_customs_lcu", source="budgetlab")
    assert monthly.loc["2025-12"] == 27892  # MANIFEST row 55
    rate = debtcycle.series("US", None, "tariff_rate_effective", source="budgetlab", freq="M")
    assert rate.loc["2026-01"] == pytest.approx(10.65, abs=0.005)
    daily = debtcycle.series("US", None, "tariff_rate_effective", source="budgetlab", freq="D")
    assert daily.iloc[0] == pytest.approx(2.68, abs=0.005)  # 2025-01-01, MANIFEST row 56
    assert daily.loc["2026-03-26"] == pytest.approx(11.42, abs=0.005)
    assert daily.max() == pytest.approx(23.2, abs=0.05)


def test_read_cbo_table_reports_missing_column(tmp_path: Path) -> None:
    raw = pd.DataFrame([["Title", None], [None, "Revenues"], [2024, 17.5], [2025, "x"]])
    with pytest.raises(ParseError, match="Net interest"):
        read_cbo_table(raw, ["Net interest"], "f.xlsx")
    with pytest.raises(ParseError, match="expected a number, found 'x'"):
        read_cbo_table(raw, ["Revenues"], "f.xlsx")
    bad = tmp_path / "51119-2024-03-LTBO-budget.xlsx"
    raw.to_excel(bad, sheet_name="other", header=False, index=False)
    with pytest.raises(ParseError, match=r"1\. Summary Ext Baseline"):
        parse_ltbo(bad, "CBO:LTBO-2024")


def test_engine_reproduces_cbo_debt_path() -> None:
    """Acceptance: CBO's own deficits and GDP, zero SFA, within 1.5 pp every year."""
    rep = debtcycle.fiscal_baseline("US", vintage="2024-03")
    frame = rep.frame
    assert list(frame.index[[0, -1]]) == [2024, 2054]
    # Tolerance 1.5 pp from the issue; measured maximum 1.40 pp (2033).
    assert rep.max_abs_diff < 1.5
    assert frame.loc[2029, "debt_gdp"] == pytest.approx(107.4, abs=1.5)
    assert frame.loc[2054, "debt_gdp"] == pytest.approx(166.2, abs=1.5)
    # The reported residual is the stock-flow adjustment: adding it back gives CBO's path.
    ltbo, _ = scenarios.load_cbo()
    g = ltbo["gdp_nominal"].pct_change().to_numpy()[1:] * 100
    redo = project_debt(99.013, frame.index[1:], g, ltbo["gov_primary_balance_gdp"].iloc[1:],
                        interest_gdp=ltbo["gov_interest_gdp"].iloc[1:],
                        sfa=frame["sfa"].iloc[1:])
    assert np.allclose(redo.frame["debt_gdp"], frame["cbo_debt_gdp"].iloc[1:], atol=1e-9)


def test_government_contribution_to_growth() -> None:
    # The research note: government consumption and investment added about 0.3 pp a year
    # to real GDP growth since 2021.  CBO's real series give 0.29 pp (2022-2025 mean).
    gov = debtcycle.series("US", "general_gov", "gov_consumption_lcu", source="cbo")
    gdp = debtcycle.series("US", None, "gdp_real", source="cbo")
    contribution = gov.diff() / gdp.shift(1) * 100
    assert contribution.loc["2022":"2025"].mean() == pytest.approx(0.3, abs=0.05)
