"""The store: atomic rebuilds, skipping unchanged files, provenance, failures.

These run on small real sources (GMD, FRED) in private store files so they do
not touch the session store.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

import debtcycle._store_batch as batch_module
import debtcycle.store as store_module
from debtcycle.errors import ParseError, SourceError
from debtcycle.schema import OBSERVATION_COLUMNS, validate_observations
from debtcycle.sources import get_source
from debtcycle.store import Store, build_store


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fingerprint(path: Path) -> tuple[tuple[str, int], ...]:
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("SELECT dataset, rows FROM files ORDER BY dataset").fetchall()
    return tuple((str(d), int(n)) for d, n in rows)


def _fake_mirror(tmp: Path, mirror: Path, source: str) -> Path:
    fake = tmp / "mirror"
    for spec in get_source(source).files:
        target = fake / spec.mirror_path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.symlink_to(mirror / spec.mirror_path)
    return fake


def test_readers_see_the_old_store_while_a_rebuild_runs(
    tmp_path: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = tmp_path / "store.duckdb"
    build_store(["gmd"], path=live, mirror=mirror, rebuild=True)
    old_sha, old = _sha(live), _fingerprint(live)
    seen: list[tuple[str, tuple[tuple[str, int], ...]]] = []
    real_write = store_module._write_file

    def write_and_look(*args: Any, **kwargs: Any) -> int:
        # In the middle of the rebuild, a reader opening the live path sees the old store.
        seen.append((_sha(live), _fingerprint(live)))
        return real_write(*args, **kwargs)

    monkeypatch.setattr(store_module, "_write_file", write_and_look)
    build_store(["fred"], path=live, mirror=mirror, rebuild=True)
    assert len(seen) == len(get_source("fred").files)
    assert all(s == (old_sha, old) for s in seen)
    new = _fingerprint(live)
    assert {d for d, _ in new} == {f.dataset for f in get_source("fred").files}


def test_concurrent_readers_never_see_a_mix(tmp_path: Path, mirror: Path) -> None:
    live = tmp_path / "store.duckdb"
    build_store(["gmd"], path=live, mirror=mirror, rebuild=True)
    old = _fingerprint(live)
    seen: set[tuple[tuple[str, int], ...]] = set()
    errors: list[BaseException] = []
    done, started = threading.Event(), threading.Event()

    def reader() -> None:
        while not done.is_set():
            try:
                seen.add(_fingerprint(live))
            except (duckdb.IOException, duckdb.InvalidInputException) as exc:
                errors.append(exc)  # pragma: no cover - would fail the test below
            started.set()

    thread = threading.Thread(target=reader)
    thread.start()
    started.wait(timeout=30)
    try:
        build_store(["fred"], path=live, mirror=mirror, rebuild=True)
    finally:
        done.set()
        thread.join()
    new = _fingerprint(live)
    assert not errors
    assert seen <= {old, new}
    assert old in seen


def test_update_skips_files_whose_hash_is_unchanged(
    tmp_path: Path, mirror: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = tmp_path / "store.duckdb"
    first = build_store(["gmd"], path=live, mirror=mirror, rebuild=True)
    assert set(first["status"]) == {"loaded"}
    loaded_at = Store(live).files().set_index("dataset")["loaded_at"]
    parsed: list[str] = []
    real_validate = store_module.validate_with_layout
    monkeypatch.setattr(store_module, "validate_with_layout",
                        lambda frame, file: parsed.append(file) or real_validate(frame, file))
    again = build_store(["gmd"], path=live, mirror=mirror)
    assert set(again["status"]) == {"unchanged"}
    assert again["rows"].sum() == 0
    assert parsed == []
    assert Store(live).files().set_index("dataset")["loaded_at"].equals(loaded_at)


def test_update_reloads_only_the_changed_file(tmp_path: Path, mirror: Path) -> None:
    live = tmp_path / "store.duckdb"
    fake = _fake_mirror(tmp_path, mirror, "fred")
    build_store(["fred"], path=live, mirror=fake, rebuild=True)
    changed = fake / "fred/GDP.csv"
    lines = changed.read_text(encoding="utf-8").splitlines(keepends=True)
    changed.unlink()
    changed.write_text("".join(lines[:-4]), encoding="utf-8")  # an older vintage: 4 rows fewer
    # losing periods is refused unless accepted (debtcycle.sources.validate)
    report = build_store(["fred"], path=live, mirror=fake, accept_shrink=True).set_index("dataset")
    assert report.loc["FRED:GDP", "status"] == "loaded"
    assert report.loc["FRED:GDP", "rows"] == len(lines) - 1 - 4
    assert set(report.drop(index="FRED:GDP")["status"]) == {"unchanged"}
    files = Store(live).files().set_index("dataset")
    assert files.loc["FRED:GDP", "sha256"] == _sha(changed)
    n_obs = Store(live).query(
        "SELECT count(*) AS n FROM observations JOIN series USING (series_id) "
        "WHERE dataset = 'FRED:GDP'")["n"].iloc[0]
    assert n_obs == len(lines) - 1 - 4  # the old rows were replaced, not appended to


def test_provenance_table_records_each_file(tmp_path: Path, mirror: Path) -> None:
    live = tmp_path / "store.duckdb"
    start = datetime.now(UTC).replace(tzinfo=None)
    build_store(["gmd"], path=live, mirror=mirror, rebuild=True)
    end = datetime.now(UTC).replace(tzinfo=None)
    st = Store(live)
    files = st.files().set_index("dataset")
    counts = st.query(
        "SELECT dataset, count(DISTINCT series_id) AS n_series, count(*) AS n_obs "
        "FROM series JOIN observations USING (series_id) GROUP BY dataset").set_index("dataset")
    assert list(files.columns) == ["source", "file", "sha256", "url", "vintage", "loaded_at",
                                   "rows", "n_series"]
    for spec in get_source("gmd").files:
        row = files.loc[spec.dataset]
        local = mirror / spec.mirror_path
        assert row["source"] == "gmd"
        assert Path(row["file"]) == local.resolve()
        assert row["sha256"] == _sha(local)
        assert row["url"] == spec.url and row["url"].startswith("https://")
        assert row["vintage"] == spec.vintage
        assert start <= row["loaded_at"].to_pydatetime() <= end
        assert row["rows"] == counts.loc[spec.dataset, "n_obs"]
        assert row["n_series"] == counts.loc[spec.dataset, "n_series"]


def test_missing_mirror_file_leaves_store_unchanged(tmp_path: Path, mirror: Path) -> None:
    live = tmp_path / "store.duckdb"
    fake = _fake_mirror(tmp_path, mirror, "gmd")
    build_store(["gmd"], path=live, mirror=fake, rebuild=True)
    before = _sha(live)
    (fake / get_source("gmd").files[3].mirror_path).unlink()
    with pytest.raises(SourceError, match="not in the mirror"):
        build_store(["gmd"], path=live, mirror=fake, rebuild=True)
    assert _sha(live) == before
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".store.duckdb.lock", "mirror", "store.duckdb"]  # the writer lock stays


def test_rebuild_drops_datasets_not_requested(tmp_path: Path, mirror: Path) -> None:
    live = tmp_path / "store.duckdb"
    build_store(["gmd", "fred"], path=live, mirror=mirror, rebuild=True)
    build_store(["fred"], path=live, mirror=mirror, rebuild=True)
    assert set(Store(live).files()["source"]) == {"fred"}


def test_period_dates_are_the_first_day_of_each_period() -> None:
    # Reference: pandas Period.start_time (valid from 1678), plus pre-1678 labels by hand.
    frame = pd.DataFrame({
        "freq": ["Q", "Q", "M", "A", "D", "A", "Q"],
        "period": ["2008Q4", "1940Q2", "2020-02", "1990", "2026-03-16", "1661", "1661Q3"],
    })
    got = store_module._period_dates(frame)
    alias = {"Q": "Q", "M": "M", "A": "Y", "D": "D"}
    for i, (freq, label) in enumerate(zip(frame["freq"], frame["period"], strict=True)):
        if int(label[:4]) >= 1678:
            expected = pd.Period(label, alias[freq]).start_time.to_datetime64()
            assert got[i] == expected.astype("datetime64[D]"), label
    assert str(got[5]) == "1661-01-01" and str(got[6]) == "1661-07-01"


def test_conflicting_series_metadata_is_rejected() -> None:
    rows = pd.DataFrame({c: ["x", "x"] for c in store_module.SERIES_COLUMNS})
    rows["unit"] = ["pct_gdp", "lcu_bn"]  # one series key, two units
    with pytest.raises(SourceError, match="conflicting unit"):
        batch_module._series_codes(rows, "f.csv")
    rows["unit"] = ["pct_gdp", "pct_gdp"]
    codes, meta = batch_module._series_codes(rows, "f.csv")
    assert list(codes) == [0, 0] and len(meta) == 1


def _one_row(**changes: object) -> pd.DataFrame:
    row: dict[str, object] = {c: "x" for c in OBSERVATION_COLUMNS}
    row |= {"sector": "economy", "measure": "cpi", "country": "US", "freq": "Q",
            "period": "2020Q1", "value": 1.0}
    row |= changes
    return pd.DataFrame([row])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"period": "2020-01"}, "does not match frequency Q"),
        ({"freq": "W"}, "unknown frequency"),
        ({"sector": "firms"}, "unknown sector"),
        ({"measure": "debt"}, "unknown measure"),
        ({"country": ""}, "without a country"),
        ({"value": float("inf")}, "non-finite"),
    ],
)
def test_schema_validation_names_the_problem(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ParseError, match=message) as info:
        validate_observations(_one_row(**changes), "f.csv")
    assert str(info.value).startswith("f.csv")


def test_schema_validation_rejects_duplicates_and_keeps_clean_rows() -> None:
    two = pd.concat([_one_row(), _one_row(period="2020Q2")], ignore_index=True)
    assert list(validate_observations(two, "f.csv")["period"]) == ["2020Q1", "2020Q2"]
    with pytest.raises(ParseError, match="appears 2 times"):
        validate_observations(pd.concat([two, two.iloc[:1]], ignore_index=True), "f.csv")
