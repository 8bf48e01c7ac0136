"""Exits: required absorption (identity), the routes' arithmetic, and China's answer on data.

Hand-checkable figures (mirrored files, MANIFEST.md rows 63-64):
* IMF DOTS World workbook, China row, 2022: world imports CIF from China 3,465,866;
  world exports FOB to China 2,279,596 (USD mn); China's share of world exports
  (Advanced + Emerging and Developing Economies, imports CIF) about 14.0%.
* IMF DOTS China exports by partner: United States 252,786.4 (2008), 410,782.8 (2015),
  452,832.2 (2020); sum of partner rows 2,597,845 (2020), of which historical entities
  the loader drops (Netherlands Antilles and the like) are a few tens of millions.
* GMD CA_GDP, JPN 1986 and CHN 2024 (IMF IFS 2.2616498) rows.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from debtcycle.analytics.exits import (
    currency_route,
    fiscal_capacity,
    fiscal_path,
    partner_exposure,
    required_absorption,
    routes_table,
    surplus_path,
)
from debtcycle.catalog import series
from debtcycle.cli.app import get_app
from debtcycle.errors import BadInputError
from debtcycle.facade.exits import exits
from debtcycle.sources.dots import parse_dots_cn_exports, partner_code


@pytest.mark.parametrize("share", [0.0, 0.23, 1.0])
def test_absorption_terms_sum_to_the_private_surplus(share: float) -> None:
    path = surplus_path(9.7, start=2025, years=10, paydown_pp=20.0)
    assert path.iloc[0] == pytest.approx(9.7 + 2.0)  # 20 pp over 10 years = 2 pp a year
    table = required_absorption(path, export_share=share)
    np.testing.assert_allclose(table["ca_required"] + table["deficit_required"],
                               table["private_surplus"], rtol=0, atol=1e-12)
    assert table["residual"].abs().max() < 1e-12
    assert table["ca_required"].iloc[0] == pytest.approx(share * 11.7)


def test_bad_shares_and_lengths_are_refused() -> None:
    with pytest.raises(BadInputError, match="between 0 and 1"):
        required_absorption(surplus_path(1.0, start=2025, years=2), export_share=1.5)
    with pytest.raises(BadInputError, match="between 1 and 100"):
        surplus_path(1.0, start=2025, years=0)


def test_partner_shares_sum_to_100() -> None:
    exports = pd.Series({"US": 450.0, "JP": 140.0, "DE": 90.0})
    imports = pd.Series({"US": 3000.0, "JP": 800.0, "DE": 1500.0})
    table = partner_exposure(exports, imports, 68.0, top=10)
    assert table["share_of_exports"].sum() == pytest.approx(100.0)
    assert table["extra_usd"].sum() == pytest.approx(68.0)
    assert table.loc["US", "share_of_partner_imports"] == pytest.approx(15.0)
    assert table.loc["US", "extra_usd"] == pytest.approx(45.0)


def test_currency_route_uses_the_imf_rule_and_retaliation() -> None:
    # IMF WEO Oct 2015 ch. 3: 10% real depreciation -> +1.5% of GDP net exports.
    assert currency_route(1.5, retaliation=0.0)["depreciation_needed"] == pytest.approx(10.0)
    assert currency_route(1.5, retaliation=0.5)["depreciation_needed"] == pytest.approx(20.0)
    assert currency_route(1.5, retaliation=1.0)["depreciation_needed"] == float("inf")
    assert currency_route(1.0, retaliation=0.5, max_depreciation=10)["gain_at_max"] == \
        pytest.approx(0.75)


def test_fiscal_path_is_the_overall_deficit_recursion_and_capacity_inverts_it() -> None:
    deficits = pd.Series(5.0, index=pd.period_range("2025", periods=3, freq="Y"))
    path = fiscal_path(80.0, deficits, 4.0)
    expected, d = [], 80.0
    for _ in range(3):
        d = d / 1.04 + 5.0
        expected.append(d)
    np.testing.assert_allclose(path.to_numpy(), expected, rtol=1e-12)
    cap = fiscal_capacity(80.0, 120.0, 10, 4.0)
    again = fiscal_path(80.0, pd.Series(cap, index=pd.period_range("2025", periods=10,
                                                                   freq="Y")), 4.0)
    assert again.iloc[-1] == pytest.approx(120.0, abs=1e-9)


def test_routes_table_mix_and_shares() -> None:
    table = routes_table(10.0, 2.0, export_capacity=6.0, currency_gain=1.0,
                         fiscal_capacity_gdp=5.0)
    assert table.loc["export", "share_of_surplus"] == pytest.approx(60.0)
    assert table.loc["currency", "capacity"] == pytest.approx(3.0)
    assert table.loc["mix", "capacity"] == pytest.approx(8.0)  # 3 external + 5 fiscal
    assert table.loc["mix", "shortfall"] == pytest.approx(2.0)


def test_dots_partner_names_and_figures(mirror: Path) -> None:
    assert partner_code("China, P.R.: Mainland") == "CN"
    assert partner_code("Korea, Rep. of") == "KR"
    assert partner_code("Netherlands, The") == "NL"
    assert partner_code("Türkiye, Rep of") == "TR"
    assert partner_code("USSR") == ""
    tidy = parse_dots_cn_exports(
        mirror / "trade/imf_dots/IMF_DOTS_China_Mainland_Exports_to_Count_annual_1961-2020.xlsx",
        "IMF_DOTS_CN_EXPORTS")
    us = tidy[tidy["country"] == "US"].set_index("period")["value"]
    assert us["2008"] == pytest.approx(252_786.4, abs=0.1)
    assert us["2015"] == pytest.approx(410_782.8, abs=0.1)
    assert us["2020"] == pytest.approx(452_832.2, abs=0.1)
    total = tidy[tidy["period"] == "2020"]["value"].sum()
    assert total == pytest.approx(2_597_845, abs=100)  # historical entities dropped


def test_world_trade_figures_through_the_catalog() -> None:
    imports_cif_from_cn = series("CN", None, "exports_dots_usd", dataset="IMF_DOTS_WORLD")
    exports_fob_to_cn = series("CN", None, "imports_dots_usd", dataset="IMF_DOTS_WORLD")
    assert imports_cif_from_cn[pd.Period("2022", "Y")] == pytest.approx(3_465_866, abs=1)
    assert exports_fob_to_cn[pd.Period("2022", "Y")] == pytest.approx(2_279_596, abs=1)


def test_china_answer_on_data(mirror: Path) -> None:
    result = exits("CN")
    assert result.year == 2024
    # China's share of world exports 2022 about 14.0% (MANIFEST row 63).
    assert result.export["export_share_now"] == pytest.approx(14.0, abs=0.05)
    # The record surplus against world exports is Japan's 1980s; its CA from the GMD row.
    raw = pd.read_csv(mirror / "gmd" / "CA_GDP_2025_06_subset.csv")
    jp = raw[(raw["ISO3"] == "JPN") & (raw["year"] == result.history.loc["JP", "year"])]
    assert result.export["record_country"] == "JP"
    assert result.history.loc["JP", "ca_gdp"] == pytest.approx(float(jp["CA_GDP"].iloc[0]))
    # Identity on the 2024 row: surplus = deficit + IFS current account.
    row = result.table().loc[pd.Period("2024", "Y")]
    assert row["ca_surplus"] == pytest.approx(2.2616498, abs=1e-6)
    assert row["private_surplus"] == pytest.approx(row["gov_deficit"] + row["ca_surplus"])
    assert result.absorption["residual"].abs().max() == 0.0
    assert result.partners is not None and result.shares is not None
    assert result.shares["world exports"].iloc[-1] == pytest.approx(14.5, abs=0.1)  # 2020
    routes = result.routes
    assert 0 < routes.loc["export", "share_of_surplus"] < 100
    assert routes.loc["currency", "share_of_surplus"] < routes.loc["export", "share_of_surplus"]
    assert any("end in 2020" in n for n in result.notes)


def test_cli_exits_json_and_text(tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(get_app(), ["exits", "CN", "--json", "--retaliation", "0",
                                    "--chart", str(tmp_path / "routes.html")])
    assert out.exit_code == 0, out.stderr
    payload = json.loads(out.stdout)
    assert {r["route"] for r in payload["routes"]} == {"export", "currency", "fiscal", "mix"}
    assert payload["currency"]["retaliation"] == 0.0
    assert payload["statement"][-1].startswith("Mix:")
    assert (tmp_path / "routes.png").stat().st_size > 5_000
    text = runner.invoke(get_app(), ["exits", "CN"])
    assert text.exit_code == 0 and "Routes out of the 2024 private surplus" in text.stdout
    bad = runner.invoke(get_app(), ["exits", "CN", "--retaliation", "2"])
    assert bad.exit_code == 2 and "retaliation" in bad.stderr
