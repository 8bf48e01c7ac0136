"""IMF loader (Global Debt Database, Public Finances in Modern History) on the real files.

Reference: the same workbooks read cell by cell with openpyxl (a different xlsx
reader from the calamine engine the loader uses): every filled cell of every
loaded variable must be in the store with the identical value (tolerance 1e-9,
float round-trip), and the coverage counts of MANIFEST rows 37-38 (190 GDD
countries 1950-2017; PFMH 33,846 rows, 153 countries, 1800-2024).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

import debtcycle
from debtcycle.sources.imf import GDD_VARIABLES, PFMH_VARIABLES
from debtcycle.store import Store


def _rows(path: Path, sheet: str, skip: int) -> Iterator[dict[str, Any]]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = wb[sheet].iter_rows(values_only=True)
    for _ in range(skip):
        next(rows)
    header = [str(h) for h in next(rows)]
    for row in rows:
        yield dict(zip(header, row, strict=False))
    wb.close()


@pytest.fixture(scope="module")
def pfmh(mirror: Path) -> pd.DataFrame:
    return pd.DataFrame(list(_rows(mirror / "imf/PFMH.xlsx", "data", 0)))


@pytest.fixture(scope="module")
def gdd(mirror: Path) -> pd.DataFrame:
    return pd.DataFrame(list(_rows(mirror / "imf/Global Debt Database.xlsx", "rawdata", 2)))


def _status(dataset: str) -> pd.Series:
    return Store().status().set_index("dataset").loc[dataset]


def test_pfmh_coverage_matches_manifest(pfmh: pd.DataFrame) -> None:
    assert len(pfmh) == 33846
    assert pfmh["country"].nunique() == 153
    # ... but 151 ISO codes: BHS and COG are each spelled two ways, never in the same year.
    assert pfmh["isocode"].nunique() == 151
    assert (pfmh["year"].min(), pfmh["year"].max()) == (1800, 2024)
    filled = sum(int(pfmh[v].notna().sum()) for v in PFMH_VARIABLES)
    assert int(_status("IMF_PFMH")["rows"]) == filled


def test_gdd_coverage_matches_manifest(gdd: pd.DataFrame) -> None:
    assert gdd["ifscode"].nunique() == 190
    assert (gdd["year"].min(), gdd["year"].max()) == (1950, 2017)
    for dataset, variables in GDD_VARIABLES.items():
        filled = sum(int(gdd[v].notna().sum()) for v in variables)
        assert int(_status(dataset)["rows"]) == filled, dataset
    countries = debtcycle.available(dataset="IMF_GDD", measure="gdp_nominal")["country"]
    assert countries.nunique() == 190  # every IMF country name maps to its own ISO code


@pytest.mark.parametrize(
    ("iso3", "iso2", "year", "column", "sector"),
    [("USA", "US", 2019, "d", "general_gov"), ("CHN", "CN", 2024, "d", "general_gov"),
     ("JPN", "JP", 2010, "ie", "general_gov"), ("USA", "US", 1949, "d", "central_gov"),
     ("GBR", "GB", 1900, "rev", None)],
)
def test_pfmh_values_and_coverage_split(
    pfmh: pd.DataFrame, iso3: str, iso2: str, year: int, column: str, sector: str | None
) -> None:
    row = pfmh[(pfmh["isocode"] == iso3) & (pfmh["year"] == year)].iloc[0]
    flag, measure, _ = PFMH_VARIABLES[column]
    expected_sector = "general_gov" if row[flag] == 1 else "central_gov"
    assert sector in (None, expected_sector)
    s = debtcycle.series(iso2, expected_sector, measure, dataset="IMF_PFMH")
    tag = "GG" if expected_sector == "general_gov" else "CG"
    assert s.attrs["info"]["series_key"] == f"{iso3}:{column}@{tag}"
    assert s[str(year)] == pytest.approx(row[column], abs=1e-9)


@pytest.mark.parametrize(
    ("name", "iso2", "year", "column"),
    [("China, Mainland", "CN", 2017, "hh_ls_data"), ("United States", "US", 2008, "hh_all_data"),
     ("Japan", "JP", 2015, "nfc_all_data"), ("Korea, Republic of", "KR", 2016, "gg_data"),
     ("Turkey", "TR", 2017, "ngdp_data"), ("United States", "US", 2017, "cg_data")],
)
def test_gdd_values_match_the_workbook(
    gdd: pd.DataFrame, name: str, iso2: str, year: int, column: str
) -> None:
    row = gdd[(gdd["country"] == name) & (gdd["year"] == year)].iloc[0]
    dataset = next(d for d, v in GDD_VARIABLES.items() if column in v)
    meta = GDD_VARIABLES[dataset][column]
    s = debtcycle.series(iso2, meta.sector, meta.measure, dataset=dataset)
    assert s.attrs["info"]["series_key"] == f"{row['ifscode']}:{column}"
    assert s[str(year)] == pytest.approx(row[column], abs=1e-9)


def test_imf_metadata_names_the_official_pages() -> None:
    s = debtcycle.series("CN", "households", source="imf")
    info = s.attrs["info"]
    assert info["dataset"] == "IMF_GDD_LS"  # China has loans-and-securities data only
    assert info["url"].startswith("https://www.imf.org/")
    assert info["unit"] == "pct_gdp" and info["freq"] == "A"
    assert "2018-12-11" in info["vintage"]
