"""The leverage facade: debtcycle.leverage / decompose / compare / align by country code.

References: the BIS total credit ratios in the mirrored WS_TC file (series keys
named next to each check; BIS publishes one decimal, so level checks use
abs=0.05 and sums of three rounded sectors abs=0.2); the identity that the
decomposition terms add up to the change (1e-9 pp).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import debtcycle
from debtcycle.errors import BadInputError, NotFoundError


def test_public_names_resolve_to_the_facade() -> None:
    for name in ("leverage", "decompose", "compare", "align"):
        assert getattr(debtcycle, name).__module__ == "debtcycle.facade.leverage"


def test_us_leverage_market_value_parts_add_up_to_the_total() -> None:
    # WS_TC Q:US:H:A:M:770:A 68.1, Q:US:N:A:M:770:A 72.2, Q:US:G:A:M:770:A 111.0,
    # Q:US:C:A:M:770:A 251.2 at 2025Q4 (the 256.7 mixed in the nominal 116.4).
    snap = debtcycle.leverage("US", at=["2019Q4", "2025Q4"])
    level = snap.levels["2025Q4"]
    assert level["households"] == pytest.approx(68.1, abs=0.05)
    assert level["nonfin_corp"] == pytest.approx(72.2, abs=0.05)
    assert level["general_gov"] == pytest.approx(111.0, abs=0.05)
    assert level["total_nonfin"] == pytest.approx(251.2, abs=0.05)
    parts = level[["households", "nonfin_corp", "general_gov"]].sum()
    assert parts == pytest.approx(level["total_nonfin"], abs=0.2)
    assert set(snap.valuation.values()) == {"market"}
    assert snap.note == ""
    assert snap.to_frame()["valuation"].eq("market").all()


def test_us_nominal_government_is_labelled_and_the_gap_named() -> None:
    # WS_TC Q:US:G:A:N:770:A: 116.4 at 2025Q4 (nominal value).
    snap = debtcycle.leverage("US", at="2025Q4", valuation="nominal")
    assert snap.levels.loc["general_gov", "2025Q4"] == pytest.approx(116.4, abs=0.05)
    assert snap.valuation["general_gov"] == "nominal"
    assert snap.valuation["total_nonfin"] == "market"
    assert "nominal value" in snap.note and "+5.5 pp" in snap.note


def test_leverage_json_is_stable_and_plain() -> None:
    out = debtcycle.leverage("CN", at=["2008Q4", "2015Q4"]).to_dict()
    assert list(out) == ["country", "measure", "unit", "at", "valuation", "note", "table",
                         "sources"]
    assert out["at"] == ["2008Q4", "2015Q4"]
    rows = {r["sector"]: r for r in out["table"]}
    # WS_TC Q:CN:H:A:M:770:A: 17.6 (2008Q4) and 38.1 (2015Q4).
    assert rows["households"]["2008Q4"] == 17.6 and rows["households"]["2015Q4"] == 38.1
    assert rows["households"]["2008Q4->2015Q4"] == 20.5  # no float noise
    assert out["sources"]["households"]["series_key"] == "Q:CN:H:A:M:770:A"
    json.dumps(out, allow_nan=False)


def test_a_year_means_its_last_quarter_in_leverage_and_decompose() -> None:
    snap = debtcycle.leverage("CN", at=["2008", "2015"])
    assert snap.params["at"] == ["2008Q4", "2015Q4"]
    quarterly = debtcycle.decompose("US", "households", "2008", "2014")
    assert (quarterly.params["start"], quarterly.params["end"]) == ("2008Q4", "2014Q4")


def test_decompose_terms_add_up_and_carry_the_codes() -> None:
    result = debtcycle.decompose("CN", sector="nonfin_corp", start="2008Q4", end="2015Q4")
    t = result.totals
    assert t["change"] == pytest.approx(t["debt"] + t["real_growth"] + t["inflation"]
                                        + t["cross"], abs=1e-9)
    assert t["change"] == pytest.approx(148.6 - 88.4, abs=0.15)  # Q:CN:N:A:M:770:A
    out = result.to_dict()
    assert (out["country"], out["sector"], out["start"], out["end"]) == (
        "CN", "nonfin_corp", "2008", "2015")
    assert out["kind"] == "leveraging" and len(out["periods"]) == 7
    json.dumps(out, allow_nan=False)


def test_compare_ranks_are_integers() -> None:
    result = debtcycle.compare(["CN", "JP", "US"], "households", ["2008Q4", "2015Q4"])
    rows = {r["country"]: r for r in result.to_dict()["table"]}
    assert rows["US"]["rank"] == 1 and isinstance(rows["US"]["rank"], int)
    assert rows["CN"]["2008Q4->2015Q4"] == 20.5
    assert result.to_dict()["at"] == ["2008Q4", "2015Q4"]


def test_align_china_japan_on_property_peaks() -> None:
    result = debtcycle.align("CN", "JP", measure="house_price_real", rebase="ratio")
    out = result.to_dict()
    assert out["events"] == {"CN": "2021Q3", "JP": "1991Q1"}
    assert out["similarity"]["correlation"] > 0.9
    json.dumps(out, allow_nan=False)
    by_period = debtcycle.align("CN", "JP", event="2021Q3", to_event="1991")
    assert by_period.to_dict()["events"] == {"CN": "2021Q3", "JP": "1991Q4"}


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: debtcycle.leverage("CN", at=["2008Q5"]), "quarter 5"),
        (lambda: debtcycle.leverage("CN", at="2008Q0"), "quarter 0"),
        (lambda: debtcycle.leverage("CN", at=["lastt"]), "'lastt' is not a period"),
        (lambda: debtcycle.leverage("CN", at=["2008-13"]), "month 13"),
        (lambda: debtcycle.leverage("CN", at=["1900Q1"]), "outside the data"),
        (lambda: debtcycle.leverage(None), "country must be a code"),  # type: ignore[arg-type]
        (lambda: debtcycle.leverage(123), "country must be a code"),  # type: ignore[arg-type]
        (lambda: debtcycle.leverage("XX1"), "Unknown country"),
        (lambda: debtcycle.leverage("CN", valuation="face"), "valuation 'face'"),  # type: ignore[arg-type]
        (lambda: debtcycle.leverage("CN", sectors=["homes"]), "Unknown sector"),
        (lambda: debtcycle.leverage("CN", sectors=["households"] * 10**6), "at most 20"),
        (lambda: debtcycle.leverage("CN", at=["last"] * 10**6), "at most 200"),
        (lambda: debtcycle.compare(["CN"] * 10**6), "at most 200"),
        (lambda: debtcycle.decompose("CN", "households", start="last"), "run forward"),
        (lambda: debtcycle.decompose("CN", 5), "sector must be a code"),  # type: ignore[arg-type]
        (lambda: debtcycle.compare([], "households"), "countries is empty"),
        (lambda: debtcycle.compare(["CN", "--out"]), "Unknown country"),
        (lambda: debtcycle.align("CN", "CN"), "same country"),
        (lambda: debtcycle.align("CN", "JP", rebase="log"), "rebase 'log'"),  # type: ignore[arg-type]
        (lambda: debtcycle.align("CN", "JP", before=-1), "out of range"),
        (lambda: debtcycle.align("CN", "JP", event="last"), "not an event"),
        (lambda: debtcycle.align("CN", "JP", min_fall=float("nan")), "finite"),
    ],
)
def test_bad_arguments_raise_one_line_bad_input(call: object, fragment: str) -> None:
    with pytest.raises(BadInputError) as info:
        call()  # type: ignore[operator]
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_data_is_not_found_with_a_fix() -> None:
    with pytest.raises(NotFoundError, match="debtcycle list"):
        debtcycle.leverage("AF")  # Afghanistan: no BIS credit series


def test_readme_python_api_block_runs_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    # README.md is followed literally (from the checkout): its Python API example must run.
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    monkeypatch.chdir(root)
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The Python API", 1)[1]
    block = section.split("```python", 1)[1].split("```", 1)[0]
    assert "debtcycle.cli" not in block and "._" not in block  # public names only
    names: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), names)
    assert names["hh"]["2008Q4"] == 17.6  # type: ignore[index]


@settings(max_examples=40, deadline=None)
@given(
    country=st.one_of(st.sampled_from(["CN", "us", "JPN", "China", "XX", ""]), st.text(max_size=6),
                      st.integers(), st.none()),
    at=st.one_of(st.none(), st.lists(st.one_of(
        st.sampled_from(["2008Q4", "2008", "last", "2008Q5", "1900Q1", "2030"]),
        st.text(max_size=7), st.integers(-5, 3000)), max_size=4)),
)
def test_leverage_returns_a_result_or_a_debtcycle_error(country: object, at: object) -> None:
    try:
        result = debtcycle.leverage(country, at=at)  # type: ignore[arg-type]
    except debtcycle.DebtcycleError as exc:
        assert "\n" not in str(exc)
    else:
        json.dumps(result.to_dict(), allow_nan=False)


def test_summary_carries_the_valuation_note() -> None:
    assert "Note: Households + firms + government" in debtcycle.leverage(
        "US", at="2025Q4", valuation="nominal").summary()
    assert "Note:" not in debtcycle.leverage("US", at="2025Q4").summary()
