"""Property: a publisher file cut anywhere never loads silently (issue 12, point 2).

For the text files (one observation date per line: FRED, BOJ, CBO economic
projections, Budget Lab, SSE daily closes; one series per line: BIS; one
country-year per line: GMD) every cut loses at least one value, period or
series, so every cut position hypothesis draws must be refused
with a :class:`~debtcycle.errors.DebtcycleError` and leave the store
byte-for-byte as it was.  Before the validation checks, cuts at a line break
loaded fewer periods and cuts inside a number loaded a shorter number, with
exit 0.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from debtcycle.errors import DebtcycleError
from debtcycle.sources import get_source
from debtcycle.store import build_store

FILES = [
    ("fred", "FRED:GDP"),
    ("boj", "BOJ_FOF_FSD"),
    ("cbo", "CBO:ECON-2026"),
    ("budgetlab", "BUDGETLAB:TARIFF_REVENUE"),
    ("equity", "EQ_SSE"),
    ("bis", "WS_DSR"),  # one series per line: a cut at a line break drops whole series
    ("gmd", "GMD:CA_GDP"),  # one country-year per line
]


@pytest.fixture(scope="module")
def baselines(tmp_path_factory: pytest.TempPathFactory, mirror: Path) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("truncation")
    out = {}
    for source, _ in FILES:
        out[source] = root / f"{source}.duckdb"
        build_store([source], path=out[source], mirror=mirror, rebuild=True)
    return out


@pytest.mark.parametrize(("source", "dataset"), FILES, ids=[d for _, d in FILES])
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(share=st.floats(min_value=0.0, max_value=1.0, exclude_max=True))
def test_a_cut_copy_never_loads(
    source: str, dataset: str, share: float, baselines: dict[str, Path], mirror: Path
) -> None:
    spec = next(f for f in get_source(source).files if f.dataset == dataset)
    data = (mirror / spec.mirror_path).read_bytes()
    cut = int(len(data.rstrip(b"\r\n")) * share)  # anywhere before the final line break
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for other in get_source(source).files:
            (root / other.mirror_path).parent.mkdir(parents=True, exist_ok=True)
            if other.mirror_path != spec.mirror_path and not (root / other.mirror_path).exists():
                (root / other.mirror_path).symlink_to(mirror / other.mirror_path)
        (root / spec.mirror_path).write_bytes(data[:cut])
        live = root / "store.duckdb"
        shutil.copyfile(baselines[source], live)
        before = hashlib.sha256(live.read_bytes()).hexdigest()
        with pytest.raises(DebtcycleError):
            build_store([source], path=live, mirror=root)
        assert hashlib.sha256(live.read_bytes()).hexdigest() == before
