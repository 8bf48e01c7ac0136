"""The research note as data: sections of sentences, tables and charts, plus provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from debtcycle.analytics._result import Result, jsonable

__all__ = ["Figure", "Note", "Section", "Table"]


@dataclass(frozen=True)
class Figure:
    """One chart: its Vega-Lite spec (from ``outputs/charts``) and its source line.

    Attributes
    ----------
    key : str
        Stable identifier, e.g. ``"leverage"``.
    caption : str
        Figure caption.
    spec : dict
        Vega-Lite specification (``chart.to_dict()``).
    sources : list of str
        Publisher, dataset, series keys and vintage of the data drawn.
    """

    key: str
    caption: str
    spec: dict[str, Any]
    sources: list[str]


@dataclass(frozen=True)
class Table:
    """One table with human column names and its source line."""

    caption: str
    frame: pd.DataFrame
    sources: list[str]


@dataclass(frozen=True)
class Section:
    """One section: sentences computed from results, tables, figures, or why it is omitted.

    Attributes
    ----------
    key, title : str
        Identifier and heading.
    sentences : list of str
        Text generated from the results (numbers and directions computed).
    tables, figures : list
        Tables and charts, each naming publisher, series key and vintage.
    omitted : str
        Empty, or the reason the section has no content (e.g. the store has no data).
    results : dict
        ``to_dict()`` of every facade result the section used, by facade call.
    """

    key: str
    title: str
    sentences: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    omitted: str = ""
    results: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Note(Result):
    """A research note on one country (see :func:`debtcycle.outputs.report.build_note`).

    Attributes
    ----------
    country : str
        Country code.
    title : str
        Note title.
    sections : list of Section
        Sections in reading order.
    files : DataFrame
        Provenance appendix: one row per publisher file the note was built from
        (source, dataset, file, sha256, url, vintage, loaded_at).
    timings : dict
        Seconds spent in each facade call (for the benchmark).
    """

    country: str
    title: str
    sections: list[Section]
    files: pd.DataFrame
    timings: dict[str, float] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """One row per section: title, number of sentences, tables, figures, omitted reason."""
        return pd.DataFrame([
            {"section": s.key, "title": s.title, "sentences": len(s.sentences),
             "tables": len(s.tables), "figures": len(s.figures), "omitted": s.omitted}
            for s in self.sections
        ]).set_index("section")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready note: sections with sentences, tables (records) and sources; files."""
        return {
            "country": self.country,
            "title": self.title,
            "sections": [
                {"key": s.key, "title": s.title, "sentences": s.sentences,
                 "omitted": s.omitted,
                 "tables": [{"caption": t.caption, "sources": t.sources,
                             "data": jsonable(t.frame)} for t in s.tables],
                 "figures": [{"key": f.key, "caption": f.caption, "sources": f.sources}
                             for f in s.figures]}
                for s in self.sections
            ],
            "files": jsonable(self.files.set_index("dataset")),
            "params": jsonable(self.params),
        }

    def summary(self) -> str:
        """Plain text: every section's sentences."""
        lines = [self.title, ""]
        for s in self.sections:
            lines.append(s.title)
            shown = s.sentences or [f"(not available: {s.omitted})" if s.omitted
                                    else f"({len(s.tables)} tables, {len(s.figures)} figures)"]
            lines.extend(f"  {x}" for x in shown)
        return "\n".join(lines)
