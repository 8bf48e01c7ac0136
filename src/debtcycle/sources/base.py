"""What a source is: a publisher, its files, their official URLs and parsers.

A source module is mostly data (a :class:`Source` listing :class:`SourceFile`
entries) plus a small parser per file format.  Parsers take the local path of
the publisher's unmodified file and return the tidy observation frame of
:mod:`debtcycle.schema`; they never compute analytics.

Validation: what a sound copy of a file holds
---------------------------------------------
A file can parse and still be wrong: cut off at a line break, cut to its
header, missing a period column.  Every :class:`SourceFile` therefore carries
an :class:`Expect` (a default one when the source declares nothing), and every
load goes through :mod:`debtcycle.sources.validate`, in this order:

1. Before parsing (:func:`~debtcycle.sources.validate.check_file`): a text file
   must end with a line break (a download cut mid-line would otherwise turn
   ``3316.114`` into ``3316.11``); the header must hold ``Expect.columns``; a
   zip-based file (xlsx) must not expand beyond ``Expect.max_expanded_mb``.
2. After parsing (:func:`~debtcycle.sources.validate.check_parsed`): at least
   ``Expect.min_series`` series and ``Expect.min_rows`` observations (so an
   update never leaves a source empty), the latest period at or after
   ``Expect.last_period_from``, the earliest at or before
   ``Expect.first_period_by``, and every label in ``Expect.periods`` present.
3. Against the previous load of the same dataset
   (:func:`~debtcycle.sources.validate.check_against_previous`): no more than
   ``Expect.max_shrink`` (a share) fewer series or observations, and no period
   the previous load had may be missing.  This check is skipped when the user
   passes ``accept_shrink=True`` (``debtcycle data update --accept-shrink``),
   for a publisher who really did drop data.

Every failure raises :class:`~debtcycle.errors.ParseError` naming the file, what
is missing, and the fix (download again, or the override), and the store is
left as it was.  A source module declares its expectations like this::

    SourceFile(dataset="WS_TC", ..., expect=Expect(min_series=1000,
               last_period_from="2024Q4", columns=("Series",)))

Numbers inside a parser are read with
:func:`debtcycle.sources._tidy.numeric_column` (or
:func:`~debtcycle.sources.validate.strict_numbers`), which accept only plain
decimal tokens: ``NaN``, ``inf`` or ``1,2`` text is an error, not a value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = ["Expect", "Parser", "Source", "SourceFile"]

#: A parser: (local file path, dataset code) -> tidy observation frame.
Parser = Callable[[Path, str], pd.DataFrame]


@dataclass(frozen=True)
class Expect:
    """What a sound copy of one publisher file holds (see the module docstring).

    Parameters
    ----------
    min_series, min_rows : int
        Fewest series and observations a valid copy yields (default 1: a
        file that parses to nothing is refused).
    max_shrink : float
        Largest share of the previous load's series or observations that may
        disappear in an update (default 0.1); more needs ``accept_shrink``.
    last_period_from, first_period_by : str, optional
        Period labels (``"2024Q4"``, ``"2024"``, ``"2024-06"``): the latest
        period must be at or after the first, the earliest at or before the second.
    periods : tuple of str
        Period labels that must be present.
    columns : tuple of str
        Header cells the first line of a text file must contain.
    line_break_at_end : bool
        Whether a text file must end with a line break (the publisher's files
        do; a few, like Yahoo's, do not and set this to ``False``).
    max_expanded_mb : float
        Largest total uncompressed size of a zip-based file (xlsx), checked
        before parsing so a zip bomb cannot exhaust memory.
    """

    min_series: int = 1
    min_rows: int = 1
    max_shrink: float = 0.1
    last_period_from: str | None = None
    first_period_by: str | None = None
    periods: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    line_break_at_end: bool = True
    max_expanded_mb: float = 200.0


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
    expect : Expect
        What a sound copy holds; checked on every load.
    """

    dataset: str
    mirror_path: str
    url: str
    parse: Parser
    vintage: str = ""
    archive_member: str | None = None
    description: str = ""
    expect: Expect = Expect()


@dataclass(frozen=True)
class Source:
    """A publisher and the files debtcycle reads from it."""

    name: str
    title: str
    homepage: str
    files: tuple[SourceFile, ...] = field(default_factory=tuple)
    citation: str = ""
