"""The package's exception and warning hierarchy.

Every error debtcycle raises derives from :class:`DebtcycleError`, so callers
can catch one base class.  Messages say what went wrong *and* what to do.
"""

from __future__ import annotations

__all__ = [
    "BadInputError",
    "DebtcycleError",
    "DebtcycleWarning",
    "NotFoundError",
    "ParseError",
    "SourceError",
    "StoreError",
]


class DebtcycleError(Exception):
    """Base class of every error raised by debtcycle."""


class BadInputError(DebtcycleError, ValueError):
    """An argument or input file is invalid (wrong code, unit, shape, ...)."""


class NotFoundError(DebtcycleError, LookupError):
    """A series, country, sector or measure is not in the store or vocabulary."""


class SourceError(DebtcycleError):
    """A publisher's file could not be obtained (mirror missing, download failed)."""


class ParseError(SourceError):
    """A publisher's file does not have the expected layout or content.

    Parameters
    ----------
    file : str
        The file that failed to parse.
    problem : str
        What was found and what was expected.
    row, column : str or int, optional
        Where in the file the problem is (1-based data row, column name).
    """

    def __init__(
        self, file: str, problem: str, *, row: int | None = None, column: str | None = None
    ) -> None:
        where = []
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        loc = f" ({', '.join(where)})" if where else ""
        super().__init__(f"{file}{loc}: {problem}")
        self.file = file
        self.row = row
        self.column = column
        self.problem = problem


class StoreError(DebtcycleError):
    """The local store cannot be used: damaged, foreign, unwritable or locked by another update.

    The message names the file and the fix (usually ``debtcycle data update --rebuild``).
    """


class DebtcycleWarning(UserWarning):
    """A result may be less reliable than usual; the message says why and what to do."""
