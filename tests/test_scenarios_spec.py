"""Scenario files: safe TOML loading and validation errors that name the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from debtcycle.analytics.scenarios import parse_spec
from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.facade._fiscal_load import load_spec

REPO = Path(__file__).resolve().parents[1]
GOOD = """
[scenario]
country = "US"
start = 2026
years = 10

[levers.spending_cut]
amount = 105
unit = "usd_bn"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> str:
    with pytest.raises(BadInputError) as info:
        load_spec(_write(tmp_path, text))
    return str(info.value)


@pytest.mark.parametrize("name", ["us-debt-conversion", "cn-fiscal-absorption",
                                  "cn-export-led"])
def test_shipped_scenarios_are_valid(name: str) -> None:
    spec = load_spec(REPO / "scenarios" / f"{name}.toml")
    assert spec.country in ("US", "CN") and spec.years == 10 and spec.levers


def test_good_spec_defaults(tmp_path: Path) -> None:
    spec = load_spec(_write(tmp_path, GOOD))
    assert spec.baseline == "cbo-2026-02" and spec.levers["spending_cut"]["amount"] == 105


def test_unknown_lever_suggests_a_name(tmp_path: Path) -> None:
    msg = _error(tmp_path, GOOD.replace("spending_cut", "spending_cuts"))
    assert "[levers]" in msg and "'spending_cuts'" in msg and "Did you mean 'spending_cut'" in msg


def test_unknown_field(tmp_path: Path) -> None:
    msg = _error(tmp_path, GOOD + "\n[levers.tariff]\nrate = 10\n")
    assert "[levers.tariff]" in msg and "'rate'" in msg and "rate_pct" in msg


def test_wrong_unit(tmp_path: Path) -> None:
    msg = _error(tmp_path, GOOD.replace('"usd_bn"', '"eur_bn"'))
    assert "[levers.spending_cut] unit" in msg and "'usd_bn' or 'pct_gdp'" in msg


def test_amount_in_wrong_unit(tmp_path: Path) -> None:
    msg = _error(tmp_path, GOOD.replace('"usd_bn"', '"pct_gdp"'))
    assert "above 20% of GDP" in msg and "usd_bn" in msg


def test_missing_country(tmp_path: Path) -> None:
    msg = _error(tmp_path, GOOD.replace('country = "US"\n', ""))
    assert "[scenario] country is missing" in msg


def test_unknown_country(tmp_path: Path) -> None:
    msg = _error(tmp_path, GOOD.replace('"US"', '"XX1"'))
    assert "[scenario] country" in msg


def test_negative_paths(tmp_path: Path) -> None:
    msg = _error(tmp_path, GOOD + "\n[uncertainty]\npaths = -100\n")
    assert "[uncertainty] paths = -100 is outside the allowed range" in msg


def test_huge_numbers(tmp_path: Path) -> None:
    msg = _error(tmp_path, GOOD.replace("105", "1e12"))
    assert "[levers.spending_cut] amount" in msg and "outside the allowed range" in msg
    msg = _error(tmp_path, GOOD + "\n[levers.tariff]\nrate_pct = 250\n")
    assert "[levers.tariff] rate_pct = 250" in msg


def test_wrong_types(tmp_path: Path) -> None:
    msg = _error(tmp_path, GOOD.replace("years = 10", 'years = "ten"'))
    assert "[scenario] years must be a number" in msg
    msg = _error(tmp_path, GOOD + "\n[levers.tariff]\nrate_pct = \"high\"\n")
    assert 'must be a number or "observed"' in msg


def test_cbo_baseline_only_for_us(tmp_path: Path) -> None:
    msg = _error(tmp_path, GOOD.replace('"US"', '"CN"').replace("start", 'baseline = "cbo"\n'
                                                                 "start"))
    assert "'cbo' exists only for country = 'US'" in msg


def test_unknown_section_and_bad_toml(tmp_path: Path) -> None:
    assert "unknown field 'lever'" in _error(tmp_path, GOOD.replace("[levers.", "[lever."))
    assert "not valid TOML" in _error(tmp_path, "[scenario\ncountry = 1")


def test_no_code_evaluation(tmp_path: Path) -> None:
    # A string that would run code if evaluated is just an invalid value here.
    msg = _error(tmp_path, GOOD.replace("105", '"__import__(\'os\').system(\'true\')"'))
    assert "must be a number" in msg


def test_missing_file() -> None:
    with pytest.raises(NotFoundError, match="not found"):
        load_spec("no/such/file.toml")


def test_parse_spec_from_dict() -> None:
    spec = parse_spec({"scenario": {"country": "jp", "start": 2025, "years": 5}})
    assert spec.country == "JP" and spec.baseline == "history"
