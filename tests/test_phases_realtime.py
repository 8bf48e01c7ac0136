"""Phases as they would have been called: truncation, stability, revision table.

References: the truncated segmentation must equal a fresh segmentation of the
series cut at the as-of period (exact); the issue's observation that with the
last four quarters removed US government debt is called "stable since 2021Q3"
instead of "leveraging since 2019Q2" (BIS total credit, nominal government debt).
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import debtcycle
from debtcycle.analytics.leverage.phases import detect_phases
from debtcycle.analytics.realtime.phases import (
    call_stability,
    current_call,
    phase_revisions,
    phases_as_of,
)
from debtcycle.cli.app import get_app
from debtcycle.errors import BadInputError


def _synthetic(seed: int = 1) -> pd.Series:
    n, edges, slopes = 120, [0, 40, 80, 119], [3.0, -2.0, 4.0]
    y = np.zeros(n)
    y[0] = 50.0
    for (a, b), slope in zip(pairwise(edges), slopes, strict=True):
        y[a + 1 : b + 1] = y[a] + slope / 4 * np.arange(1, b - a + 1)
    y += np.random.default_rng(seed).normal(scale=0.1, size=n)
    return pd.Series(y, index=pd.period_range("1990Q1", periods=n, freq="Q"), name="x")


def test_as_of_equals_segmenting_the_cut_series_and_ignores_later_data() -> None:
    s = _synthetic()
    t = pd.Period("2005Q4", "Q")
    got = phases_as_of(s, t).table
    pd.testing.assert_frame_equal(got, detect_phases(s[:t]).table)
    changed = s.copy()
    changed[changed.index > t] += 50.0 * np.random.default_rng(4).normal(size=(s.index > t).sum())
    pd.testing.assert_frame_equal(phases_as_of(changed, t).table, got)
    assert got["end"].iloc[-1] == t


def test_revisions_on_a_clean_series() -> None:
    s = _synthetic()
    rev = phase_revisions(s, since=pd.Period("2000Q1", "Q"))
    table = rev.to_frame()
    assert table.index[0] == pd.Period("2000Q1", "Q") and table.index[-1] == s.index[-1]
    assert table["agree"].iloc[-1]  # the last call is today's call
    assert 0.8 <= rev.overview["agree_share"] <= 1.0
    # the true kinks at 2000Q1 (position 40) and 2010Q1 (80) are each recognised with a lag
    b = rev.boundaries.set_index("boundary")
    assert b["label"].tolist()[-1] == "leveraging"
    assert 0 <= b["lag_periods"].iloc[-1] <= 12
    assert json.dumps(rev.to_dict())


def test_stability_is_one_on_a_long_clean_phase() -> None:
    call = call_stability(_synthetic())
    assert call.label == "leveraging"
    assert abs((call.since - pd.Period("2010Q1", "Q")).n) <= 2  # true kink at 2010Q1
    assert call.stability == pytest.approx(1.0)
    assert call.agree_settings == pytest.approx(1.0) and call.agree_as_of == pytest.approx(1.0)
    assert current_call(detect_phases(_synthetic())).label == "leveraging"


def test_us_government_call_a_year_earlier_differs() -> None:
    now = debtcycle.phases("US", "general_gov", stability=False).current().iloc[0]
    then = debtcycle.phases("US", "general_gov", as_of="2024Q4", stability=False)
    assert now["label"] == "leveraging"
    assert now["since"] in ("2019Q2", "2019Q3")  # trailing median: one quarter later
    assert then.current().iloc[0]["label"] == "stable"
    assert then.sectors["general_gov"].observed.index[-1] == pd.Period("2024Q4", "Q")


def test_facade_rejects_bad_input() -> None:
    with pytest.raises(BadInputError):
        debtcycle.phases("US", as_of="2008Q5")
    with pytest.raises(BadInputError):
        debtcycle.phases("US", penalty=-1)
    with pytest.raises(BadInputError):
        debtcycle.phases("US", sector="equity")
    with pytest.raises(BadInputError):
        debtcycle.phases("US", stability="no")  # type: ignore[arg-type]
    with pytest.raises(BadInputError, match="outside the data"):
        debtcycle.phases("CN", as_of="1900Q1")


def test_cli_as_of_json_and_revisions_json() -> None:
    runner = CliRunner()
    out = runner.invoke(get_app(), ["phases", "CN", "--sector", "households", "--as-of",
                                    "2019Q4", "--json", "--no-stability"])
    assert out.exit_code == 0, out.output
    obj = json.loads(out.stdout)
    assert obj["as_of"] == "2019Q4" and obj["phases"][-1]["end"] == "2019Q4"
    assert obj["current"]["label"] == obj["phases"][-1]["label"]
    rev = runner.invoke(get_app(), ["phases", "US", "--sector", "general_gov", "--revisions",
                                    "--json"])
    assert rev.exit_code == 0, rev.output
    summary = json.loads(rev.stdout)["summary"]
    assert summary["periods"] >= 100 and 0.0 < summary["agree_share"] < 1.0


def test_revisions_chart_written(tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(get_app(), ["phases", "CN", "--sector", "households", "--revisions",
                                    "--chart", str(tmp_path / "rev.html")])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "rev.png").stat().st_size > 1000
