"""Sectoral balances: the identity on every country built, and flow of funds vs accounts."""

from __future__ import annotations

import pandas as pd
import pytest

from debtcycle.analytics.bsr.balances import (
    balances_from_accounts,
    balances_from_flow_of_funds,
    compare_balances,
    fiscal_year_gdp,
)
from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.facade.bsr import balances as load_balances

COUNTRIES = ["CN", "JP", "US", "DE", "ES", "IT", "FR", "GB"]


def _annual(values: dict[str, float]) -> pd.Series:
    return pd.Series(list(values.values()), index=pd.PeriodIndex(list(values), freq="Y"))


def test_accounts_identity_synthetic() -> None:
    ca = _annual({"2000": 3.0, "2001": -2.0})
    gov = _annual({"2000": -5.0, "2001": 1.0})
    out = balances_from_accounts(ca, gov).balances
    assert out["private"].tolist() == [8.0, -3.0]  # private = CA - government balance
    assert out["foreign"].tolist() == [-3.0, 2.0]
    assert out["residual"].abs().max() == 0.0


def test_fiscal_year_gdp_weights() -> None:
    gdp = _annual({"2000": 100.0, "2001": 200.0})
    fy = fiscal_year_gdp(gdp, start_month=4)
    assert fy.iloc[0] == pytest.approx(0.75 * 100 + 0.25 * 200)  # April-March fiscal year
    assert pd.isna(fy.iloc[1])
    assert fiscal_year_gdp(gdp, start_month=1).tolist() == [100.0, 200.0]


def test_flow_of_funds_needs_every_sector() -> None:
    flows = pd.DataFrame({"government": [1.0]}, index=pd.PeriodIndex(["2000"], freq="Y"))
    with pytest.raises(BadInputError, match="lacks columns"):
        balances_from_flow_of_funds(flows, _annual({"2000": 100.0}))


@pytest.mark.parametrize("country", COUNTRIES)
def test_identity_holds_on_every_country(country: str) -> None:
    # DESIGN.md: the identity holds to rounding in every dataset it is built from.
    # National accounts: exact by construction (tolerance 1e-9 pp of GDP).
    result = load_balances(country, "national_accounts")
    assert len(result.balances) >= 20
    assert result.max_residual < 1e-9


def test_identity_japan_flow_of_funds() -> None:
    # BOJ flow of funds: the published FY2000/FY2001 discrepancy (119 and 18 x 100 mn yen)
    # is under 0.003% of GDP; every other year nets to exactly 0.
    result = load_balances("JP")
    assert result.basis == "flow_of_funds"
    assert result.max_residual < 0.003
    assert result.balances.index[0] == pd.Period("1980", "Y")


def test_japan_private_surplus_koo_reference() -> None:
    # Koo (2008, The Holy Grail of Macroeconomics, ch. 1, flow-of-funds chart): Japan's
    # private sector swung from a deficit in 1990 to a surplus of >10% of GDP in 1998,
    # with firms in surplus from 1998.  Tolerance: sign and the 10% mark.
    bal = load_balances("JP").balances
    assert bal.loc[pd.Period("1990", "Y"), "private"] < 0
    assert bal.loc[pd.Period("1998", "Y"), "private"] > 10
    assert bal.loc[pd.Period("1998", "Y"), "nonfin_corp"] > 0
    assert bal.loc[pd.Period("1990", "Y"), "nonfin_corp"] < -5


def test_japan_flow_of_funds_vs_national_accounts() -> None:
    # Same economy, two publishers (BOJ fiscal years vs GMD calendar years): the foreign
    # balance (minus the current account) agrees to 0.5 pp of GDP on average; the
    # government balance differs most in 2024 (GMD/IMF estimate vs BOJ), stated in the note.
    fof = load_balances("JP")
    na = load_balances("JP", "national_accounts")
    table = compare_balances(fof, na)
    mean_abs = table["diff"].abs().groupby(level="sector").mean()
    assert mean_abs["foreign"] < 0.5
    assert mean_abs["government"] < 1.5
    assert bool(table.loc[(pd.Period("2024", "Y"), "government"), "disagree"])


def test_no_flow_of_funds_outside_japan() -> None:
    with pytest.raises(NotFoundError, match="national_accounts"):
        load_balances("CN", "flow_of_funds")


@pytest.mark.parametrize("country", ["ES", "IT", "FR"])
def test_gmd_and_imf_pfmh_government_balances_agree(country: str) -> None:
    # Two publishers of the same general government balance (GMD govdef_GDP vs IMF PFMH
    # revenue - expenditure): within 0.5 pp of GDP on average for these euro-area members
    # (Eurostat-based in both). The identity holds for the PFMH build too.
    gmd = load_balances(country, "national_accounts")
    imf = load_balances(country, "national_accounts", gov_source="imf")
    assert imf.max_residual < 1e-9
    table = compare_balances(gmd, imf, names=("gmd", "imf"))
    assert table.xs("government", level="sector")["diff"].abs().mean() < 0.5


def test_japan_2024_gmd_is_the_outlier() -> None:
    # Stated in the note: for 2024 GMD's Japanese government balance (-6.1% of GDP, an IMF
    # WEO estimate) differs by more than 4 pp from both IMF PFMH (-1.5%, calendar year) and
    # the BOJ flow of funds (-1.0%, FY2024), which agree with each other within 1 pp.
    year = pd.Period("2024", "Y")
    gmd = load_balances("JP", "national_accounts").balances.loc[year, "government"]
    imf = load_balances("JP", "national_accounts", gov_source="imf").balances.loc[
        year, "government"]
    boj = load_balances("JP").balances.loc[year, "government"]
    assert abs(gmd - imf) > 4 and abs(gmd - boj) > 4
    assert abs(imf - boj) < 1
