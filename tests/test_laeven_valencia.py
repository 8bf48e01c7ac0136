"""Laeven-Valencia crisis flags against the workbooks' own tables and the papers' dates.

References: the 2018 workbook's "Crisis Frequency" sheet (crises per year, as
published by the authors) and episode dates in Laeven & Valencia (2018, 2026).
Damaged copies (empty, truncated, text in a year cell) must raise ParseError
naming the file and leave the store unchanged.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import debtcycle
from debtcycle.errors import ParseError
from debtcycle.sources.laeven_valencia import country_code, parse_lv2018, parse_lv2026
from debtcycle.store import build_store

F2018 = "crises/SYSTEMIC BANKING CRISES DATABASE_2018.xlsx"
F2026 = "crises/SYSTEMIC_BANKING_CRISES_DATABASE_2026.xlsx"


def _frequency(mirror: Path) -> pd.DataFrame:
    raw = pd.read_excel(mirror / F2018, sheet_name="Crisis Frequency", engine="calamine")
    years = pd.to_numeric(raw.iloc[:, 0], errors="coerce")
    table = raw[years.notna()].iloc[:, 1:4].apply(pd.to_numeric, errors="coerce").fillna(0.0)
    table.index = years.dropna().astype(int).astype(str)
    table.columns = ["crisis_banking", "crisis_currency", "crisis_sovereign"]
    return table


def test_2018_counts_match_crisis_frequency_sheet(mirror: Path) -> None:
    """Banking starts per year equal the authors' table exactly (151 in 1970-2017).

    Currency and sovereign lists in "Crisis Years" hold 3 + 1 entries more than the
    frequency table counts (1992 currency, 1983 sovereign: transition economies
    and the former Yugoslavia); the test pins exactly those differences.
    """
    flags = parse_lv2018(mirror / F2018, "LV2018")
    published = _frequency(mirror)
    expected_extra = {"crisis_banking": {}, "crisis_currency": {"1992": 3.0},
                      "crisis_sovereign": {"1983": 1.0}}
    for measure, extra in expected_extra.items():
        ours = flags[flags["measure"] == measure].groupby("period")["value"].sum()
        diff = ours.reindex(published.index) - published[measure]
        assert diff[diff != 0].to_dict() == extra, measure
    assert published["crisis_banking"].sum() == 151


def test_2026_episodes(mirror: Path) -> None:
    flags = parse_lv2026(mirror / F2026, "LV2026")
    starts = flags[(flags["measure"] == "crisis_banking") & (flags["value"] == 1)]
    got = set(zip(starts["country"], starts["period"], strict=True))
    for episode in [("US", "1988"), ("US", "2007"), ("GB", "2007"), ("JP", "1997"),
                    ("SE", "1991"), ("LB", "2019"), ("VN", "2022"), ("LK", "2023")]:
        assert episode in got
    raw = pd.read_excel(mirror / F2026, sheet_name="Crisis Resolution and Outcomes",
                        header=None, engine="calamine")
    episodes = pd.to_numeric(raw.iloc[1:, 2], errors="coerce").notna().sum()
    assert len(got) == episodes  # no episode lost or merged
    ongoing = flags[(flags["measure"] == "crisis_banking_ongoing") & (flags["country"] == "US")]
    years = set(ongoing.loc[ongoing["value"] == 1, "period"])
    assert years == {"1988", *map(str, range(2007, 2012))}
    # an open-ended crisis ("…") runs to the last year covered
    lk = flags[(flags["measure"] == "crisis_banking_ongoing") & (flags["country"] == "LK")]
    assert lk.set_index("period")["value"].loc[["2023", "2024", "2025"]].tolist() == [1, 1, 1]


def test_catalog_serves_flags() -> None:
    s = debtcycle.series("JP", None, "crisis_banking", source="laeven_valencia",
                         dataset="LV2026")
    assert s.index[0] == pd.Period("1970", "Y") and s.index[-1] == pd.Period("2025", "Y")
    assert s[s == 1].index.year.tolist() == [1997]


@pytest.mark.parametrize(("name", "code"), [("Argentina 5/", "AR"), ("Korea", "KR"),
                                             ("Türkiye", "TR"), ("Congo, Dem Rep", "CD"),
                                             ("São Tomé & Príncipe", "ST")])
def test_country_names(name: str, code: str) -> None:
    assert country_code(name) == code


def test_wrong_workbook_is_reported(mirror: Path) -> None:
    with pytest.raises(ParseError, match="Crisis Years"):
        parse_lv2018(mirror / F2026, "LV2018")


def _damaged_mirror(tmp_path: Path, mirror: Path, damage: str) -> Path:
    """A mirror with both LV workbooks, the 2026 one damaged."""
    root = tmp_path / "mirror"
    (root / "crises").mkdir(parents=True)
    shutil.copy(mirror / F2018, root / F2018)
    target = root / F2026
    if damage == "empty":
        target.write_bytes(b"")
    elif damage == "truncated":
        target.write_bytes((mirror / F2026).read_bytes()[:20_000])
    else:  # text in a start-year cell
        book = openpyxl.load_workbook(mirror / F2026)
        book["Crisis Resolution and Outcomes"]["C5"] = "19x0"
        book.save(target)
    return root


@pytest.mark.parametrize("damage", ["empty", "truncated", "text"])
def test_damaged_workbook_raises_and_keeps_store(
    tmp_path: Path, mirror: Path, damage: str
) -> None:
    store = tmp_path / "lv.duckdb"
    build_store(["laeven_valencia"], path=store, mirror=mirror, rebuild=True)
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    bad = _damaged_mirror(tmp_path, mirror, damage)
    with pytest.raises(ParseError, match="SYSTEMIC_BANKING_CRISES_DATABASE_2026") as err:
        build_store(["laeven_valencia"], path=store, mirror=bad, rebuild=True)
    if damage == "text":
        assert err.value.row == 5 and err.value.column == "Start"
    assert hashlib.sha256(store.read_bytes()).hexdigest() == before
