"""What CBO measured in 2025: the January 2025 to February 2026 baseline changes.

References (DESIGN.md and the data MANIFEST, from CBO's eval-projections
``baseline_changes.csv``): sum over FY2026-2035, customs duties, technical,
+$3,448.7 bn; deficit, legislative, -$3,427.4 bn; deficit economic -704.2,
technical +2,728.1.  Tolerance 0.05 (CBO publishes three decimals).  The three
categories must add up to the difference between the two baselines
(``baselines.csv``) to rounding.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import debtcycle
from debtcycle.cli.app import get_app
from debtcycle.errors import BadInputError


def test_published_totals() -> None:
    res = debtcycle.fiscal_changes("US", "2025-01", "2026-02")
    totals = res.totals(2026, 2035)
    assert totals.loc["technical", "customs_duties"] == pytest.approx(3448.7, abs=0.05)
    assert totals.loc["legislative", "deficit"] == pytest.approx(-3427.4, abs=0.05)
    assert totals.loc["economic", "deficit"] == pytest.approx(-704.2, abs=0.05)
    assert totals.loc["technical", "deficit"] == pytest.approx(2728.1, abs=0.05)
    assert res.params["years"] == [2026, 2035]


def test_categories_add_up_to_the_baseline_difference() -> None:
    res = debtcycle.fiscal_changes("US")
    # CBO's Feb 2026 customs FY2026 $418.388 bn against $83.642 bn in January 2025.
    assert res.residual.abs().to_numpy().max() < 0.01
    one = res.frame.xs(2026, level="year")
    assert one["customs_duties"].sum() == pytest.approx(418.388 - 83.642, abs=0.01)


def test_cli_table_json_and_chart(tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(get_app(), ["fiscal", "changes", "US", "--from", "2025-01", "--to",
                                    "2026-02", "--json", "--chart", str(tmp_path / "c.html")])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout[out.stdout.index("{"):])
    row = data["data"][0]
    assert set(row) == {"year", "category", "revenues", "customs_duties", "outlays",
                        "net_interest", "deficit"}
    assert {r["category"] for r in data["data"]} == {"legislative", "economic", "technical"}
    assert data["totals"]["technical"]["customs_duties"] == pytest.approx(3448.7, abs=0.05)
    assert (tmp_path / "c.png").stat().st_size > 1000
    table = runner.invoke(get_app(), ["fiscal", "changes", "US"])
    assert table.exit_code == 0 and "Customs duties" in table.output


def test_unknown_pair_is_a_one_line_error() -> None:
    with pytest.raises(BadInputError, match="--from 2025-01 --to 2026-02"):
        debtcycle.fiscal_changes("US", "2024-06", "2026-02")
    out = CliRunner().invoke(get_app(), ["fiscal", "changes", "US", "--from", "2020-01"])
    assert out.exit_code == 2 and len(out.output.strip().splitlines()) == 1
