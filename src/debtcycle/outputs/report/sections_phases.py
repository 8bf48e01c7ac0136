"""Sentences and chart of a ``debtcycle.phases`` result: the current phase of each sector."""

from __future__ import annotations

from typing import Any

import pandas as pd

from debtcycle.outputs.charts._render import sector_label
from debtcycle.outputs.report._facts import figure, signed
from debtcycle.outputs.report._model import Figure

__all__ = ["phase_content"]


def _current_lines(frame: pd.DataFrame) -> list[str]:
    """One clause per sector: the label of its last phase, since when, and its pace."""
    parts = []
    for sector, rows in frame.groupby("sector", sort=False):
        last = rows.iloc[-1]
        parts.append(f"{sector_label(str(sector)).lower()} {last['label']} since "
                     f"{last['start']} ({signed(float(last['pp_per_year']))} pp a year)")
    return parts


def _stability(result: Any) -> list[str]:
    current = getattr(result, "current", None)
    if not callable(current):
        return []
    table = current()
    if not isinstance(table, pd.DataFrame) or "stability" not in table.columns:
        return []
    rows = table.reset_index()
    if "sector" not in rows.columns:
        return []
    parts = [f"{sector_label(str(r['sector'])).lower()} {float(r['stability']):.0%}"
             for _, r in rows.iterrows() if pd.notna(r["stability"])]
    if not parts:
        return []
    return ["Stability of the current call (share of parameter settings and recent "
            "as-of dates that agree): " + ", ".join(parts) + "."]


def phase_content(result: Any, name: str) -> tuple[list[str], list[Figure], dict[str, Any]]:
    """Return sentences, the phases chart and the JSON of a phases result."""
    from debtcycle.outputs.charts.phases import phases_chart

    data = result.to_dict()
    frame = result.to_frame().reset_index()
    sentences: list[str] = []
    if {"sector", "label", "start", "pp_per_year"} <= set(frame.columns):
        sentences.append(f"Current phase of debt/GDP in {name}: "
                         + "; ".join(_current_lines(frame)) + ".")
    sentences += _stability(result)
    figures = []
    sectors = getattr(result, "sectors", None)
    if sectors:
        figures.append(figure("phases", f"{name}: leverage phases by sector",
                              phases_chart(sectors, title=f"{name}: leverage phases"),
                              data.get("provenance", data)))
    return sentences, figures, data
