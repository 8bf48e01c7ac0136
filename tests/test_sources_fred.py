"""FRED loader on every mirrored series file, against MANIFEST sanity numbers.

References: MANIFEST rows 13-36 and 58-62 (tolerance: half a unit of the last
decimal quoted there) and an independent count of non-empty value cells made
with the standard-library ``csv`` module (exact).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import debtcycle
from debtcycle.sources import get_source
from debtcycle.sources.fred import infer_freq, read_fred_csv
from debtcycle.store import Store

FILES = get_source("fred").files


@pytest.mark.parametrize("spec", FILES, ids=[f.dataset for f in FILES])
def test_every_fred_file_loads_every_value(spec: object, mirror: Path) -> None:
    path = mirror / spec.mirror_path  # type: ignore[attr-defined]
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    filled = sum(1 for r in rows if r[1].strip() not in ("", "."))
    status = Store().status().set_index("dataset").loc[spec.dataset]  # type: ignore[attr-defined]
    assert int(status["rows"]) == filled
    assert int(status["series"]) == 1


@pytest.mark.parametrize(
    ("sid", "period", "expected"),
    [
        ("GFDEGDQ188S", "2019Q4", 105.78), ("GFDEGDQ188S", "2020Q2", 132.81),
        ("GFDEGDQ188S", "2024Q3", 120.73),
        ("GDPC1", "1947Q1", 2182.681), ("GDPC1", "2025Q4", 24065.956),
        ("GDPDEF", "1947Q1", 11.141), ("GDPDEF", "2025Q4", 130.651),
        ("GDPPOT", "2036Q4", 29443.02),
        ("GCE", "1947Q1", 40.274), ("GCE", "2026Q2", 5626.646),
    ],
)
def test_values_match_manifest(sid: str, period: str, expected: float) -> None:
    s = debtcycle.series("US", dataset=f"FRED:{sid}", measure=_measure(sid), sector=_sector(sid))
    assert s.attrs["info"]["series_key"] == sid
    decimals = len(str(expected).split(".")[1])  # MANIFEST quotes some values rounded
    assert s[period] == pytest.approx(expected, abs=0.5 * 10**-decimals + 1e-12)


def _sector(sid: str) -> str | None:
    return {"GFDEGDQ188S": "central_gov", "GCE": "general_gov"}.get(sid)


def _measure(sid: str) -> str:
    return {"GFDEGDQ188S": "debt_gdp", "GDPC1": "gdp_real", "GDPDEF": "deflator",
            "GDPPOT": "gdp_potential", "GCE": "gov_consumption_lcu"}[sid]


def test_daily_series_skips_holiday_dots() -> None:
    s = debtcycle.series("US", None, "yield_10y", dataset="FRED:DGS10")
    # MANIFEST row 58: 16,750 rows, 716 empty cells, 1962-01-02 .. 2026-03-16.
    assert len(s) == 16750 - 716
    assert (str(s.index[0]), str(s.index[-1])) == ("1962-01-02", "2026-03-16")


def test_old_2017_layout_is_read(mirror: Path) -> None:
    data = read_fred_csv(mirror / "fred/vintage2017/FYFSD.csv")
    assert infer_freq(data.index) == "A"
    assert data.index[0].year == 1901 and data.iloc[0] == 63  # first row of the file


def test_frequencies_are_inferred() -> None:
    assert debtcycle.series("US", None, "policy_rate", source="fred").attrs["info"]["freq"] == "M"
    assert debtcycle.series("US", None, "gdp_nominal", source="fred").attrs["info"]["freq"] == "Q"
