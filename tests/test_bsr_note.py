"""The verdict lines of docs/balance_sheet_recession.md must match what the model says now."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from debtcycle.analytics.bsr import episodes
from debtcycle.facade.bsr import bsr as load_diagnosis

NOTE = Path(__file__).resolve().parents[1] / "docs" / "balance_sheet_recession.md"


def _episodes_in_note() -> dict[str, str]:
    text = NOTE.read_text(encoding="utf-8")
    found = re.findall(r"^### ([A-Z]{2}): .*?\n\nEpisodes: (.*)$", text, flags=re.M)
    return dict(found)


def test_note_lists_the_countries_of_the_issue() -> None:
    assert set(_episodes_in_note()) >= {"CN", "JP", "US", "DE", "ES", "IT", "FR", "GB"}


@pytest.mark.parametrize("country", ["CN", "JP", "US", "DE", "ES", "IT", "FR", "GB"])
def test_note_episodes_match_the_model(country: str) -> None:
    runs = episodes(load_diagnosis(country))
    line = "; ".join(
        f"{r.start}-{r.end} {r.verdict}" if r.start != r.end else f"{r.start} {r.verdict}"
        for r in runs.itertuples()
    )
    assert _episodes_in_note()[country] == line
