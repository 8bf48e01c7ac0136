"""What a source is: a publisher, its files, their official URLs and parsers.

A source module is mostly data (a :class:`Source` listing :class:`SourceFile`
entries) plus a small parser per file format.  Parsers take the local path of
the publisher's unmodified file and return the tidy observation frame of
:mod:`debtcycle.schema`; they never compute analytics.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = ["Parser", "Source", "SourceFile"]

#: A parser: (local file path, dataset code) -> tidy observation frame.
Parser = Callable[[Path, str], pd.DataFrame]


@dataclass(frozen=True)
class SourceFile:
    """One publisher file.

    Parameters
    ----------
    dataset : str
        Publisher's dataset code (e.g. ``"WS_TC"``), unique across sources.
    mirror_path : str
        Path of the file inside the mirror directory (``DEBTCYCLE_MIRROR``).
    url : str
        Official download address.
    parse : Parser
        Function turning the local file into tidy observations.
    vintage : str
        What is known of the release (e.g. ``"data to 2025-Q4"``).
    archive_member : str, optional
        When the official download is a zip archive, the member to extract.
    description : str
        One line on what the file holds.
    """

    dataset: str
    mirror_path: str
    url: str
    parse: Parser
    vintage: str = ""
    archive_member: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Source:
    """A publisher and the files debtcycle reads from it."""

    name: str
    title: str
    homepage: str
    files: tuple[SourceFile, ...] = field(default_factory=tuple)
    citation: str = ""
