"""Global Macro Database loader on the mirrored country subsets.

References: MANIFEST's GMD table (11 countries per file; first-last years per
country of govdebt_GDP) and each file read with the standard-library ``csv``
module (filled headline cells, exact; values to 1e-9).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import debtcycle
from debtcycle.sources import get_source
from debtcycle.sources.gmd import GMD_VARIABLES
from debtcycle.store import Store
from debtcycle.vocab import iso2

FILES = get_source("gmd").files


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("spec", FILES, ids=[f.dataset for f in FILES])
def test_every_headline_cell_is_loaded(spec: object, mirror: Path) -> None:
    var = GMD_VARIABLES[spec.dataset]  # type: ignore[attr-defined]
    rows = _read(mirror / spec.mirror_path)  # type: ignore[attr-defined]
    assert len({r["ISO3"] for r in rows}) == 11
    filled = [r for r in rows if r[var.column].strip()]
    status = Store().status().set_index("dataset").loc[spec.dataset]  # type: ignore[attr-defined]
    assert int(status["rows"]) == len(filled)
    assert int(status["series"]) == 11
    last = filled[-1]
    s = debtcycle.series(iso2(last["ISO3"]), var.sector, var.measure, dataset=spec.dataset)  # type: ignore[attr-defined]
    assert s[last["year"]] == pytest.approx(float(last[var.column]), abs=1e-9)


@pytest.mark.parametrize(
    ("country", "first", "last"),
    # MANIFEST, govdebt_GDP row: coverage per country.
    [("BR", 1880, 2029), ("CN", 1982, 2029), ("DE", 1871, 2029), ("GB", 1800, 2029),
     ("JP", 1872, 2029), ("KR", 1911, 2029), ("US", 1790, 2029)],
)
def test_government_debt_coverage_matches_manifest(country: str, first: int, last: int) -> None:
    s = debtcycle.series(country, "general_gov", "debt_gdp", source="gmd")
    assert s.attrs["info"]["series_key"] == f"{country}:govdebt_GDP"
    assert (s.index[0].year, s.index[-1].year) == (first, last)
