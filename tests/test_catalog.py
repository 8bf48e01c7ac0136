"""Catalog lookups on the real store: defaults, overrides, metadata and errors."""

from __future__ import annotations

import pandas as pd
import pytest

import debtcycle
from debtcycle.errors import NotFoundError


def test_series_returns_quarterly_period_index_with_metadata() -> None:
    hh = debtcycle.series("CN", "households", "debt_gdp")
    assert isinstance(hh.index, pd.PeriodIndex)
    assert hh.index.freqstr.startswith("Q")
    info = hh.attrs["info"]
    assert info["series_key"] == "Q:CN:H:A:M:770:A"
    assert info["source"] == "bis" and info["unit"] == "pct_gdp"
    assert info["url"].startswith("https://data.bis.org/")


@pytest.mark.parametrize(
    ("period", "expected"),
    # MANIFEST sanity numbers printed from WS_TC (and the first research note: 17.6% end-2008).
    [("2008Q4", 17.6), ("2015Q4", 38.1), ("2019Q4", 54.4), ("2023Q4", 60.5), ("2025Q4", 58.0)],
)
def test_china_household_leverage_matches_bis(period: str, expected: float) -> None:
    assert debtcycle.series("CN", "households")[period] == pytest.approx(expected, abs=0.05)


def test_government_defaults_to_nominal_value_and_market_is_selectable() -> None:
    nominal = debtcycle.series("US", "general_gov")
    market = debtcycle.series("US", "general_gov", valuation="market")
    assert nominal.attrs["info"]["valuation"] == "nominal"
    assert nominal["2023Q4"] == pytest.approx(112.3, abs=0.05)
    assert market["2023Q4"] == pytest.approx(105.4, abs=0.05)


def test_source_override_picks_another_publisher() -> None:
    jst = debtcycle.series("JP", "general_gov", "debt_gdp", source="jst")
    assert jst.attrs["info"]["source"] == "jst"
    assert jst.index.freqstr.startswith("Y")
    # MANIFEST: JST Japan debtgdp 0.63 (1990) -> 2.54 (2020), stored in per cent.
    assert jst["1990"] == pytest.approx(63, abs=1)
    assert jst["2020"] == pytest.approx(254, abs=1)


def test_panel_columns_are_country_sector() -> None:
    frame = debtcycle.panel(["CN", "US", "JP"], ["households", "nonfin_corp"])
    assert list(frame.columns.names) == ["country", "sector"]
    assert frame.shape[1] == 6
    assert frame.loc["2015Q4", ("JP", "nonfin_corp")] == pytest.approx(93.0, abs=0.05)
    assert set(frame.attrs["info"]) == {
        f"{c}.{s}" for c in ("CN", "US", "JP") for s in ("households", "nonfin_corp")
    }


def test_panel_mixed_frequencies_raise() -> None:
    with pytest.raises(NotFoundError, match="freq"):
        debtcycle.panel(["US", "CN"], None, "yield_10y")


def test_unknown_codes_list_close_matches() -> None:
    with pytest.raises(NotFoundError, match="households"):
        debtcycle.series("CN", "househlds")
    with pytest.raises(NotFoundError, match="CN"):
        debtcycle.series("Chna", "households")
    with pytest.raises(NotFoundError, match="debt_gdp"):
        debtcycle.series("CN", "households", "debt_gpd")


def test_missing_series_says_what_exists() -> None:
    with pytest.raises(NotFoundError, match="Measures available for CN"):
        debtcycle.series("CN", None, "unemployment")


def test_alpha3_and_names_are_accepted() -> None:
    a = debtcycle.series("CHN", "households")
    b = debtcycle.series("China", "households")
    assert a.equals(b)


def test_annual_series_before_1677_work() -> None:
    cpi = debtcycle.series("GB", None, "cpi", freq="A")
    assert cpi.index[0].year < 1677


# --- argument types, panel = series column by column, read-only provenance -------------------


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: debtcycle.series(None), "country must be text"),
        (lambda: debtcycle.series(123), "country must be text"),
        (lambda: debtcycle.series("CN", 5), "sector must be text"),
        (lambda: debtcycle.series("CN", "households", None), "measure must be text"),
        (lambda: debtcycle.series("CN", "households", source=1), "source must be text"),
        (lambda: debtcycle.series("CN", "households", freq=["Q"]), "freq must be text"),
        (lambda: debtcycle.panel(None), "countries must be a code"),
        (lambda: debtcycle.panel([]), "countries must be a code"),
        (lambda: debtcycle.panel(["CN", 7]), "countries must be text"),
        (lambda: debtcycle.panel("CN", "households", source=2), "source must be text"),
        (lambda: debtcycle.panel("CN", "households", colour="red"), "Unknown filter colour="),
        (lambda: debtcycle.panel("CN", "households", skip_missing="yes"), "skip_missing"),
        (lambda: debtcycle.series("CN", "households", store="x.duckdb"), "store must be"),
        (lambda: debtcycle.available(country=5), "country must be text"),
        (lambda: debtcycle.available(source=["bis"]), "source must be text"),
    ],
)
def test_wrong_argument_types_are_bad_input(call: object, fragment: str) -> None:
    with pytest.raises(debtcycle.BadInputError, match=fragment):
        call()  # type: ignore[operator]


def test_panel_columns_equal_series_choices() -> None:
    # The vectorised choice in panel must pick exactly what series picks, government included
    # (nominal value by default, the documented order).
    countries, sectors = ["CN", "US", "JP", "DE", "IN"], ["households", "general_gov",
                                                          "total_nonfin"]
    frame = debtcycle.panel(countries, sectors, "debt_gdp")
    for c in countries:
        for s in sectors:
            one = debtcycle.series(c, s, "debt_gdp")
            col = frame[(c, s)].dropna()
            pd.testing.assert_series_equal(col, one, check_names=False)
            assert frame.attrs["info"][f"{c}.{s}"] == one.attrs["info"]
    assert frame.attrs["info"]["US.general_gov"]["valuation"] == "nominal"


def test_provenance_is_read_only_and_never_deep_copied() -> None:
    import copy
    import pickle

    from debtcycle.catalog import FrozenInfo

    s = debtcycle.series("CN", "households")
    info = s.attrs["info"]
    assert isinstance(info, FrozenInfo) and isinstance(info, dict)
    assert copy.deepcopy(info) is info and copy.copy(info) is info
    assert (s * 2).diff().attrs["info"] is info  # pandas' deepcopy of attrs shares it
    with pytest.raises(TypeError, match="read-only"):
        info["unit"] = "x"
    with pytest.raises(TypeError, match="read-only"):
        info.update(unit="x")
    mutable = dict(info)
    mutable["unit"] = "x"
    assert info["unit"] == "pct_gdp"
    assert pickle.loads(pickle.dumps(info)) == info


def test_importing_the_catalog_loads_no_heavy_libraries() -> None:
    import subprocess
    import sys

    code = ("import sys, debtcycle.catalog; "
            "heavy = [m for m in ('scipy', 'statsmodels', 'sklearn', 'altair') "
            "if m in sys.modules]; assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_choice_codes_are_case_insensitive() -> None:
    s = debtcycle.series("US", "general_gov", source="BIS", valuation="Market", freq="q")
    assert s.attrs["info"]["series_key"] == "Q:US:G:A:M:770:A"  # WS_TC, market value


def test_missing_series_error_is_one_line_with_the_sector_first() -> None:
    with pytest.raises(NotFoundError) as info:
        debtcycle.series("US", "central_gov", "debt_gdp", valuation="market")
    message = str(info.value)
    assert "\n" not in message
    assert message.split("Available: ")[1].startswith("sector=central_gov")
    assert "debtcycle list --country US" in message
