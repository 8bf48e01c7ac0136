"""Malformed copies of every mirrored publisher file: clear error, store unchanged.

For each file of each source (BIS, FRED, GMD, JST, IMF) a corrupted copy is put in
a temporary mirror next to the unmodified files of the same source, and the
store is updated from it.  The update must raise :class:`ParseError` naming the
file (and the row/column where the damage is) and leave the store file
byte-for-byte as it was (sha256 before == after), with no temporary files left
behind.  Corruptions: truncated file, empty file, UTF-16 re-encoding, latin-1
re-encoding with non-ASCII text, a missing column, text in a number cell and a
duplicated key row.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from debtcycle.errors import ParseError
from debtcycle.sources import all_sources
from debtcycle.sources.base import SourceFile
from debtcycle.sources.gmd import GMD_VARIABLES
from debtcycle.store import Store, build_store

SOURCES = ("bis", "fred", "gmd", "jst", "imf")
LOCK = ".debtcycle.duckdb.lock"  # the writer lock file stays next to the store


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def baselines(tmp_path_factory: pytest.TempPathFactory, mirror: Path) -> dict[str, Path]:
    """One store per source, built from the unmodified mirror."""
    root = tmp_path_factory.mktemp("baselines")
    out = {}
    for name in SOURCES:
        out[name] = root / f"{name}.duckdb"
        build_store([name], path=out[name], mirror=mirror, rebuild=True)
    return out


# --- corruptions --------------------------------------------------------------------------


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _csv_bytes(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def _value_column(spec: SourceFile, header: list[str]) -> int:
    """Index of a numeric value column of a CSV file."""
    if spec.mirror_path.startswith("fred/"):
        return 1
    if spec.mirror_path.startswith("gmd/"):
        return header.index(GMD_VARIABLES[spec.dataset].column)
    periods = [i for i, c in enumerate(header) if c[:4].isdigit()]
    return periods[len(periods) * 3 // 4]  # a recent period: most series have a value


def _key_column(spec: SourceFile, header: list[str]) -> int:
    if spec.mirror_path.startswith("bis/"):
        return header.index("Series" if "Series" in header else "Time Period")
    return _value_column(spec, header)


@dataclass(frozen=True)
class Damage:
    """A corrupted copy and where the error should point (data row, column name)."""

    data: bytes
    row: int | None = None
    column: str | None = None


def truncated(spec: SourceFile, data: bytes) -> Damage:
    cut = int(len(data) * 0.6)
    while data[cut - 1 : cut] in (b"\n", b","):  # end mid-value, as a dropped connection does
        cut -= 1
    return Damage(data[:cut])


def empty(spec: SourceFile, data: bytes) -> Damage:
    return Damage(b"")


def utf16(spec: SourceFile, data: bytes) -> Damage:
    text = data.decode("utf-8") if not spec.mirror_path.endswith(".xlsx") else "year,iso\n"
    return Damage(text.encode("utf-16"))


def latin1(spec: SourceFile, data: bytes) -> Damage:
    rows = _rows(data)
    rows[1][0] = rows[1][0] + " São Tomé"  # non-ASCII text in the first data row
    return Damage(_csv_bytes(rows).decode("utf-8").encode("latin-1"))


def missing_column(spec: SourceFile, data: bytes) -> Damage:
    rows = _rows(data)
    col = _key_column(spec, rows[0])
    return Damage(_csv_bytes([r[:col] + r[col + 1 :] for r in rows]))


def text_in_number(spec: SourceFile, data: bytes) -> Damage:
    rows = _rows(data)
    col = _value_column(spec, rows[0])
    filled = [i for i, r in enumerate(rows) if i > 0 and len(r) > col and r[col].strip()]
    row = filled[min(5, len(filled) - 1)]
    rows[row][col] = "n/a"
    return Damage(_csv_bytes(rows), row=row, column=rows[0][col])


def duplicate_key(spec: SourceFile, data: bytes) -> Damage:
    rows = _rows(data)
    col = _value_column(spec, rows[0])
    row = next(i for i, r in enumerate(rows) if i > 0 and len(r) > col and r[col].strip())
    return Damage(_csv_bytes([*rows[: row + 1], rows[row], *rows[row + 1 :]]), row=row + 1)


# --- xlsx corruptions (small workbooks with the publisher's layout) -----------------------

_XLSX_LAYOUT = {  # mirror path -> (sheet, header row, key columns, a value column)
    "jst/JSTdatasetR6.xlsx": ("Sheet1", 0, ["iso", "year"], "tloans"),
    "imf/PFMH.xlsx": ("data", 0, ["isocode", "year"], "d"),
    "imf/Global Debt Database.xlsx": ("rawdata", 2, ["ifscode", "year"], "hh_ls_data"),
}


def _sheet(spec: SourceFile, data: bytes) -> tuple[pd.DataFrame, str, int, list[str], str]:
    sheet, header, keys, value = _XLSX_LAYOUT[spec.mirror_path]
    frame = pd.read_excel(io.BytesIO(data), sheet_name=sheet, header=header, engine="calamine")
    filled = frame[value].notna().to_numpy().nonzero()[0]
    return frame.iloc[filled[0] : filled[0] + 60].reset_index(drop=True), sheet, header, keys, value


def _xlsx(frame: pd.DataFrame, sheet: str, header: int) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet, startrow=header, index=False)
    return buf.getvalue()


def xlsx_missing_column(spec: SourceFile, data: bytes) -> Damage:
    frame, sheet, header, _, value = _sheet(spec, data)
    return Damage(_xlsx(frame.drop(columns=[value]), sheet, header))


def xlsx_text_in_number(spec: SourceFile, data: bytes) -> Damage:
    frame, sheet, header, _, value = _sheet(spec, data)
    frame[value] = frame[value].astype(object)
    frame.loc[7, value] = "n/a"
    return Damage(_xlsx(frame, sheet, header), row=header + 1 + 7 + 1, column=value)


def xlsx_duplicate_key(spec: SourceFile, data: bytes) -> Damage:
    frame, sheet, header, _, _ = _sheet(spec, data)
    doubled = pd.concat([frame.iloc[:4], frame.iloc[3:4], frame.iloc[4:]], ignore_index=True)
    return Damage(_xlsx(doubled, sheet, header), row=header + 1 + 4 + 1)


Corruption = Callable[[SourceFile, bytes], Damage]
CSV_CASES: dict[str, Corruption] = {
    "truncated": truncated, "empty": empty, "utf16": utf16, "latin1": latin1,
    "missing_column": missing_column, "text_in_number": text_in_number,
    "duplicate_key": duplicate_key,
}
XLSX_CASES: dict[str, Corruption] = {
    "truncated": truncated, "empty": empty, "utf16": utf16,
    "missing_column": xlsx_missing_column, "text_in_number": xlsx_text_in_number,
    "duplicate_key": xlsx_duplicate_key,
}


def _cases() -> list[object]:
    out: list[object] = []
    seen: set[str] = set()
    for name in SOURCES:
        for spec in all_sources()[name].files:
            if spec.mirror_path in seen:  # one workbook feeding two datasets: test it once
                continue
            seen.add(spec.mirror_path)
            cases = XLSX_CASES if spec.mirror_path.endswith(".xlsx") else CSV_CASES
            for kind, func in cases.items():
                out.append(pytest.param(name, spec, func, id=f"{spec.mirror_path}-{kind}"))
    return out


@pytest.mark.parametrize(("source", "spec", "corrupt"), _cases())
def test_malformed_copy_raises_and_leaves_store_unchanged(
    source: str, spec: SourceFile, corrupt: Corruption, baselines: dict[str, Path],
    mirror: Path, tmp_path: Path,
) -> None:
    fake = tmp_path / "mirror"
    for other in all_sources()[source].files:
        (fake / other.mirror_path).parent.mkdir(parents=True, exist_ok=True)
        if not (fake / other.mirror_path).exists():
            (fake / other.mirror_path).symlink_to(mirror / other.mirror_path)
    damage = corrupt(spec, (mirror / spec.mirror_path).read_bytes())
    (fake / spec.mirror_path).unlink()
    (fake / spec.mirror_path).write_bytes(damage.data)
    live = tmp_path / "store" / "debtcycle.duckdb"
    live.parent.mkdir()
    shutil.copyfile(baselines[source], live)
    before = _digest(live)

    with pytest.raises(ParseError) as info:  # small workbooks: shrink accepted, cell errors shown
        build_store([source], path=live, mirror=fake, accept_shrink=True)

    err = info.value
    assert Path(spec.mirror_path).name in str(err)
    if damage.row is not None:
        assert err.row == damage.row, str(err)
    if damage.column is not None:
        assert err.column == damage.column, str(err)
    assert _digest(live) == before
    assert sorted(p.name for p in live.parent.iterdir()) == [LOCK, "debtcycle.duckdb"]


# --- plausible but wrong: files that parse, yet hold less than a sound copy -----------------
# Each case below loaded silently ("loaded", exit 0) before the checks of
# debtcycle.sources.validate (issue 12, point 2); each must now be refused with an
# error naming the file, the store left byte-for-byte as it was.

MORE_SOURCES = ("boj", "cbo", "budgetlab", "equity")


@pytest.fixture(scope="module")
def more_baselines(tmp_path_factory: pytest.TempPathFactory, mirror: Path) -> dict[str, Path]:
    """One store per source not covered by :func:`baselines`."""
    root = tmp_path_factory.mktemp("more-baselines")
    out = {}
    for name in MORE_SOURCES:
        out[name] = root / f"{name}.duckdb"
        build_store([name], path=out[name], mirror=mirror, rebuild=True)
    return out


def _spec(source: str, dataset: str) -> SourceFile:
    return next(f for f in all_sources()[source].files if f.dataset == dataset)


def header_only(data: bytes) -> bytes:
    return data.split(b"\n", 1)[0] + b"\n"


def cut_at_line_break(data: bytes) -> bytes:
    """Keep the first half of the rows, ending cleanly at a line break."""
    cut = data.index(b"\n", len(data) // 2) + 1
    return data[:cut]


def cut_mid_number(data: bytes) -> bytes:
    """End the file inside the last multi-digit number of its last data line (a dropped link)."""
    body = data.rstrip(b"\r\n")
    while body:
        start = body.rfind(b"\n") + 1
        cells = body[start:].split(b",")
        for i in range(len(cells) - 1, -1, -1):
            digits = cells[i].strip().lstrip(b"-").replace(b".", b"")
            if len(digits) >= 3 and digits.isdigit():
                offset = start + len(b",".join(cells[:i])) + (1 if i else 0)
                return data[: offset + len(cells[i]) - 2]
        body = body[: max(start - 1, 0)]
    raise AssertionError("no multi-digit number in the file")


def drop_period_column(label: str) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        rows = _rows(data)
        col = rows[0].index(label)
        return _csv_bytes([r[:col] + r[col + 1 :] for r in rows])

    damage.__name__ = f"drop_column_{label}"
    return damage


def nan_text_in_recent_columns(data: bytes) -> bytes:
    """Write ``NaN`` (a null token of BIS files) over the last four period columns."""
    rows = _rows(data)
    for row in rows[1:]:
        row[-4:] = ["NaN"] * 4
    return _csv_bytes(rows)


def drop_last_line(data: bytes) -> bytes:
    """The last row gone, cleanly at a line break: one BIS series (0.1% of WS_TC) lost."""
    return data[: data.rstrip(b"\n").rindex(b"\n") + 1]


def drop_a_middle_line(data: bytes) -> bytes:
    """One row gone from the middle: one GMD country-year lost."""
    lines = data.splitlines(keepends=True)
    return b"".join(lines[: len(lines) // 2] + lines[len(lines) // 2 + 1 :])


PLAUSIBLE = [
    ("bis", "WS_TC", drop_last_line, "series of the previous load missing"),
    ("gmd", "GMD:CA_GDP", drop_a_middle_line, "fewer observations than in the previous load"),
    ("bis", "WS_TC", header_only, "leave the dataset empty"),
    ("bis", "WS_TC", cut_at_line_break, "fewer than the previous load"),
    ("bis", "WS_TC", drop_period_column("2010-Q1"), "2010-01-01"),
    ("bis", "WS_TC", nan_text_in_recent_columns, "periods of the previous load missing"),
    ("fred", "FRED:GDP", header_only, "leave the dataset empty"),
    ("fred", "FRED:GDP", cut_at_line_break, "fewer than the previous load"),
    ("boj", "BOJ_FOF_FSD", cut_mid_number, "does not end with a line break"),
    ("cbo", "CBO:ECON-2026", cut_mid_number, "does not end with a line break"),
    ("budgetlab", "BUDGETLAB:TARIFF_REVENUE", cut_mid_number, "does not end with a line break"),
    ("budgetlab", "BUDGETLAB:DAILY_ETR", cut_mid_number, "does not end with a line break"),
    ("equity", "EQ_SSE", cut_mid_number, "does not end with a line break"),
]


def _damaged_mirror(source: str, spec: SourceFile, data: bytes, mirror: Path, root: Path) -> Path:
    fake = root / "mirror"
    for other in all_sources()[source].files:
        (fake / other.mirror_path).parent.mkdir(parents=True, exist_ok=True)
        if not (fake / other.mirror_path).exists():
            (fake / other.mirror_path).symlink_to(mirror / other.mirror_path)
    (fake / spec.mirror_path).unlink()
    (fake / spec.mirror_path).write_bytes(data)
    return fake


@pytest.mark.parametrize(
    ("source", "dataset", "damage", "message"), PLAUSIBLE,
    ids=[f"{d}-{f.__name__}" for _, d, f, _ in PLAUSIBLE],
)
def test_plausible_but_wrong_copy_is_refused(
    source: str, dataset: str, damage: Callable[[bytes], bytes], message: str,
    baselines: dict[str, Path], more_baselines: dict[str, Path], mirror: Path, tmp_path: Path,
) -> None:
    spec = _spec(source, dataset)
    fake = _damaged_mirror(source, spec, damage((mirror / spec.mirror_path).read_bytes()),
                           mirror, tmp_path)
    live = tmp_path / "store" / "debtcycle.duckdb"
    live.parent.mkdir()
    shutil.copyfile({**baselines, **more_baselines}[source], live)
    before = _digest(live)

    with pytest.raises(ParseError) as info:
        build_store([source], path=live, mirror=fake)

    text = str(info.value)
    assert spec.mirror_path in text and message in text, text
    assert "\n" not in text
    if "previous load" in message:
        assert "--accept-shrink" in text
    assert _digest(live) == before
    assert sorted(p.name for p in live.parent.iterdir()) == [LOCK, "debtcycle.duckdb"]


def test_a_rebuild_compares_with_the_store_it_replaces(
    baselines: dict[str, Path], mirror: Path, tmp_path: Path
) -> None:
    spec = _spec("bis", "WS_TC")
    fake = _damaged_mirror("bis", spec, cut_at_line_break((mirror / spec.mirror_path).read_bytes()),
                           mirror, tmp_path)
    live = tmp_path / "debtcycle.duckdb"
    shutil.copyfile(baselines["bis"], live)
    before = _digest(live)
    with pytest.raises(ParseError, match="fewer than the previous load"):
        build_store(["bis"], path=live, mirror=fake, rebuild=True)
    assert _digest(live) == before


def test_accept_shrink_loads_a_file_that_really_shrank(
    baselines: dict[str, Path], mirror: Path, tmp_path: Path
) -> None:
    spec = _spec("bis", "WS_TC")
    fake = _damaged_mirror("bis", spec, cut_at_line_break((mirror / spec.mirror_path).read_bytes()),
                           mirror, tmp_path)
    live = tmp_path / "debtcycle.duckdb"
    shutil.copyfile(baselines["bis"], live)
    report = build_store(["bis"], path=live, mirror=fake, accept_shrink=True)
    loaded = report.set_index("dataset")
    assert loaded.loc["WS_TC", "status"] == "loaded"
    n_rows = len(_rows((fake / spec.mirror_path).read_bytes())) - 1
    store_rows = Store(live).query(
        "SELECT count(DISTINCT series_key) AS n FROM series WHERE dataset = 'WS_TC'")
    assert int(store_rows["n"].iloc[0]) == n_rows  # every series of the shorter file, no more


def test_an_expanding_xlsx_is_refused_before_parsing(
    baselines: dict[str, Path], mirror: Path, tmp_path: Path
) -> None:
    """A zip bomb in the workbook's place: 210 MB of zeros compress to ~0.2 MB."""
    spec = _spec("jst", "JST_R6")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"0" * (1 << 20)
            for _ in range(210):
                member.write(block)
    fake = _damaged_mirror("jst", spec, bomb.read_bytes(), mirror, tmp_path)
    live = tmp_path / "store.duckdb"
    with pytest.raises(ParseError, match="expands to 210 MB"):
        build_store(["jst"], path=live, mirror=fake)
    assert not live.exists()
