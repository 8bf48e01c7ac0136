"""Discovery: debtcycle.list_series (filters) and debtcycle.search (words) over the store.

References: the mirrored BIS WS_TC file holds China's household credit as
Q:CN:H:A:M:770:A (% of GDP, 2006Q1 onward, 80 quarters to 2025Q4), JST annual
data from 1870, and US
government credit at market (M) and nominal (N) value; the store's own
series table is the oracle for counts.
"""

from __future__ import annotations

import pytest

import debtcycle
from debtcycle.catalog import LIST_COLUMNS
from debtcycle.errors import BadInputError, NotFoundError


def test_list_filters_by_codes_and_reports_coverage() -> None:
    rows = debtcycle.list_series("CN", "households", "debt_gdp", "bis")
    assert list(rows.columns) == LIST_COLUMNS
    assert rows["series_key"].tolist() == ["Q:CN:H:A:M:770:A"]
    row = rows.iloc[0]
    assert (row["first_period"], row["last_period"], row["n_obs"]) == (
        "2006Q1", "2025Q4", 80)
    assert row["vintage"] and row["unit"] == "pct_gdp" and row["valuation"] == "market"


def test_coverage_is_labelled_by_frequency() -> None:
    annual = debtcycle.list_series("JP", measure="cpi", source="jst")
    assert annual.iloc[0]["first_period"] == "1870"  # JST R6 starts in 1870
    monthly = debtcycle.list_series("US", measure="policy_rate", source="bis")
    assert monthly.iloc[0]["first_period"].count("-") == 1  # e.g. 1954-07


def test_list_accepts_names_and_counts_match_the_store() -> None:
    by_name = debtcycle.list_series("China", measure="debt_gdp")
    assert set(by_name["country"]) == {"CN"}
    everything = debtcycle.list_series()
    assert len(everything) == len(debtcycle.available())
    assert everything["n_obs"].sum() == debtcycle.available()["n_obs"].sum()


def test_list_rejects_bad_filters_with_the_fix() -> None:
    with pytest.raises(NotFoundError, match="it holds bis"):
        debtcycle.list_series(source="xyz")
    with pytest.raises(NotFoundError, match="Unknown sector"):
        debtcycle.list_series(sector="homes")
    with pytest.raises(BadInputError, match="country must be text"):
        debtcycle.list_series(country=5)  # type: ignore[arg-type]


def test_search_needs_every_word_and_matches_names_keys_and_descriptions() -> None:
    hits = debtcycle.search("china household debt")
    assert "Q:CN:H:A:M:770:A" in set(hits["series_key"])
    assert set(hits["country"]) == {"CN"}
    assert hits["sector"].isin(["households", "private_nonfin", "total_nonfin"]).all()
    keys = debtcycle.search("Q:US:G:A")
    assert {"Q:US:G:A:M:770:A", "Q:US:G:A:N:770:A"} <= set(keys["series_key"])
    prices = debtcycle.search("real house prices japan")
    assert set(prices["measure"]) == {"house_price_real"} and set(prices["country"]) == {"JP"}
    assert debtcycle.search("nonfin_corp", limit=None)["sector"].eq("nonfin_corp").all()
    assert debtcycle.search("zzzz-no-such-thing").empty


def test_search_limit_and_bad_text() -> None:
    assert len(debtcycle.search("debt", limit=3)) == 3
    for bad in ("", "   ", None, 5):
        with pytest.raises(BadInputError):
            debtcycle.search(bad)  # type: ignore[arg-type]
    with pytest.raises(BadInputError, match="limit"):
        debtcycle.search("debt", limit=0)
    with pytest.raises(BadInputError, match="too long"):
        debtcycle.search("x " * 30)
