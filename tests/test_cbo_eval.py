"""CBO eval-projections and LTBO 2026 loaders: published figures and malformed files.

References: the data MANIFEST's sanity numbers (printed from CBO's files): Feb 2026
baseline FY2026 deficit -1,859.16, debt 32,095.165 ($ bn; FY2036 56,152.391); customs
FY2026 418.388 (Jan 2025 baseline 83.642); actuals FY2025 debt 30,172.402, customs
194.866, net interest 969.938; FY2025 GDP 30,362.025; LTBO 2026 debt 100.605 (2026),
120.209 (2036), 175.076 (2056), net interest 3.257 -> 6.93, customs 1.311 -> 0.674, GDP
FY2026 $31.902 tn.  Exact to CBO's three decimals.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import debtcycle
from debtcycle.errors import ParseError
from debtcycle.sources.cbo import parse_ltbo_csv
from debtcycle.sources.cbo_eval import parse_baseline, parse_changes


def _fy(measure: str, dataset: str, sector: str = "central_gov") -> pd.Series:
    s = debtcycle.series("US", sector, measure, dataset=dataset)
    return s.set_axis(s.index.year)


def test_eval_projections_published_values() -> None:
    assert _fy("gov_balance_lcu", "CBO:EVAL-2026-02")[2026] == pytest.approx(-1859.16, abs=0.01)
    debt = _fy("debt_public_lcu", "CBO:EVAL-2026-02")
    assert debt[2026] == pytest.approx(32095.165) and debt[2036] == pytest.approx(56152.391)
    assert _fy("gov_customs_lcu", "CBO:EVAL-2026-02")[2026] == pytest.approx(418.388)
    assert _fy("gov_customs_lcu", "CBO:EVAL-2025-01")[2026] == pytest.approx(83.642)
    assert _fy("debt_public_lcu", "CBO:EVAL-ACTUALS")[2025] == pytest.approx(30172.402)
    assert _fy("gov_customs_lcu", "CBO:EVAL-ACTUALS")[2025] == pytest.approx(194.866)
    assert _fy("gov_interest_lcu", "CBO:EVAL-ACTUALS")[2025] == pytest.approx(969.938)
    assert _fy("gdp_nominal", "CBO:EVAL-GDP", "economy")[2025] == pytest.approx(30362.025)


def test_ltbo_2026_published_values() -> None:
    debt = _fy("debt_public_gdp", "CBO:LTBO-2026")
    assert [debt[y] for y in (2026, 2036, 2056)] == pytest.approx([100.605, 120.209, 175.076])
    interest = _fy("gov_interest_gdp", "CBO:LTBO-2026")
    assert interest[2026] == pytest.approx(3.257) and interest[2056] == pytest.approx(6.93)
    customs = _fy("gov_customs_gdp", "CBO:LTBO-2026")
    assert customs[2026] == pytest.approx(1.311) and customs[2056] == pytest.approx(0.674)
    assert _fy("gdp_nominal", "CBO:LTBO-2026", "economy")[2026] == pytest.approx(31902.0)


def test_malformed_eval_files(tmp_path: Path) -> None:
    bad = tmp_path / "baselines.csv"
    bad.write_text("component,value\ndebt,1\n", encoding="utf-8")
    with pytest.raises(ParseError, match="missing columns"):
        parse_baseline(bad, "CBO:EVAL-2026-02")
    head = ("component,category,subcategory,changes_baseline_date,change_category,"
            "projected_fiscal_year,value\n")
    changes = tmp_path / "baseline_changes.csv"
    changes.write_text(head + "deficit,Total,Total,2026-02-01,Legislative,2026,n/a\n",
                       encoding="utf-8")
    with pytest.raises(ParseError, match="expected a number"):
        parse_changes(changes, "CBO:EVAL-CHG-2026-02-LEG")
    old = tmp_path / "old" / "baselines.csv"
    old.parent.mkdir()
    old.write_text("component,category,subcategory,baseline_date,projected_fiscal_year,"
                   "value\ndebt,Total,Total,2020-01-01,2020,1\n", encoding="utf-8")
    with pytest.raises(ParseError, match="no baseline dated 2026-02-01"):
        parse_baseline(old, "CBO:EVAL-2026-02")


def test_malformed_ltbo_csv(tmp_path: Path) -> None:
    bad = tmp_path / "annual_fy_2026-02.csv"
    bad.write_text("date,variable,value\nFY2026,lt_gdp_trillions,31.9\n2027x,a,1\n",
                   encoding="utf-8")
    with pytest.raises(ParseError, match="FY2026"):
        parse_ltbo_csv(bad, "CBO:LTBO-2026")
    bad.write_bytes(b"date,variable,value\nFY2026,lt_gdp_trillions,\xff\n")
    with pytest.raises(ParseError, match="CSV layout"):
        parse_ltbo_csv(bad, "CBO:LTBO-2026")
