"""A section from any facade result: its main table (last rows) and its ``summary`` lines.

Used for the analyses whose facade call has no dedicated section writer yet
(vulnerability, fiscal outlook, markets): the note shows what the result says
rather than leave the section out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from debtcycle.outputs.charts._render import source_lines
from debtcycle.outputs.report._facts import Calls
from debtcycle.outputs.report._model import Section, Table

__all__ = ["generic_section"]


def _table(result: Any, rows: int) -> pd.DataFrame:
    frame = result.to_frame()
    if not isinstance(frame, pd.DataFrame):
        frame = pd.DataFrame(frame)
    frame = frame.tail(rows)
    frame.columns = [str(c).replace("_", " ").capitalize() for c in frame.columns]
    return frame


def generic_section(
    calls: Calls, key: str, title: str, calls_spec: Sequence[tuple[str, tuple[Any, ...],
                                                                    dict[str, Any]]],
    *, rows: int = 8,
) -> Section:
    """Section from one or more facade calls: each result's headline and last table rows.

    Parameters
    ----------
    calls : Calls
        The note's facade caller.
    key, title : str
        Section key and heading.
    calls_spec : sequence of (name, args, kwargs)
        Facade calls, e.g. ``[("gap", ("CN",), {})]``.
    rows : int
        Rows of each table shown.
    """
    tables, results, reasons, sentences = [], {}, [], []
    for name, args, kwargs in calls_spec:
        result, why = calls.get(name, *args, **kwargs)
        if result is None:
            reasons.append(why)
            continue
        data = result.to_dict()
        results[name] = data
        headline = getattr(result, "headline", None)
        if callable(headline):
            sentences.append(str(headline()))
        tables.append(Table(f"debtcycle.{name}: last {rows} rows", _table(result, rows),
                            source_lines(data.get("provenance") or data.get("sources") or {})
                            or ["Source: see the appendix."]))
    if not results:
        return Section(key, title, omitted="; ".join(reasons))
    return Section(key, title, sentences=sentences, tables=tables, results=results)
