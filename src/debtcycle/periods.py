"""The one period parser: every command and facade function reads dates through it.

Accepted forms (case-insensitive, surrounding spaces ignored)
-------------------------------------------------------------
``2008Q4``, ``2008-Q4``, ``2008 Q4``
    A quarter.
``2008``
    A year.  **A year always means its last period**: the fourth quarter on
    quarterly data (2008 -> 2008Q4), December on monthly data, the year
    itself on annual data.  Debt, GDP ratios and prices are stocks or
    year-end readings, and annual statistics (GMD, JST, IMF) report a year's
    stock at its end, so "debt/GDP in 2008" is the 2008Q4 reading; a change
    "from 2008 to 2015" then runs from the end of 2008 to the end of 2015,
    the way a yearly table would read it.  The same meaning holds for points
    (``--at``) and for window bounds (``--from``/``--to``).
``2008-12``, ``2008M12``
    A month (on quarterly data, the quarter that contains it).
``last``
    The latest period with data (resolved against the series by
    :func:`resolve`).

Anything else (``2008Q5``, ``2008Q0``, ``lastt``, ``2008-13``) raises
:class:`~debtcycle.errors.BadInputError` naming the input and these forms.

Parsing is plain text work (no pandas at import), so the CLI can validate
arguments before it loads anything heavy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from debtcycle.errors import BadInputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ACCEPTED",
    "LAST",
    "PeriodSpec",
    "check_period",
    "is_period",
    "parse_period",
    "parse_periods",
    "resolve",
    "resolve_all",
]

#: The token that stands for the latest period with data.
LAST: Final = "last"

#: One-line description of the accepted forms, used in every error message.
ACCEPTED: Final = (
    "use a quarter like 2008Q4, a year like 2008 (its last quarter), "
    "a month like 2008-12, or 'last'"
)

_MIN_YEAR, _MAX_YEAR = 1000, 2999
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*Q(\d+)$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})\s*(?:-|M)\s*(\d{1,2})$", re.IGNORECASE)

Freq = Literal["A", "Q", "M"]


@dataclass(frozen=True, order=True)
class PeriodSpec:
    """A parsed period label: a year, quarter or month (``LAST`` is kept as a string).

    Attributes
    ----------
    year : int
        The calendar year.
    freq : {"A", "Q", "M"}
        What the label named: a year, a quarter or a month.
    sub : int
        Quarter (1-4) or month (1-12); 0 for a year.
    """

    year: int
    freq: Freq
    sub: int = 0

    def __str__(self) -> str:
        if self.freq == "Q":
            return f"{self.year}Q{self.sub}"
        if self.freq == "M":
            return f"{self.year}-{self.sub:02d}"
        return str(self.year)

    def to_period(self, freq: str | None = None) -> pd.Period:
        """Return the period on data of frequency ``freq`` (``A``/``Y``, ``Q``, ``M``).

        A coarser label goes to its last sub-period (2008 -> 2008Q4 on
        quarterly data); a finer label goes to the period containing it
        (2008-11 -> 2008Q4).  ``None`` keeps the label's own frequency.
        """
        import pandas as pd

        own = {"A": "Y", "Q": "Q", "M": "M"}[self.freq]
        period = pd.Period(str(self), freq=own)
        if freq is None:
            return period
        target = {"A": "Y", "Y": "Y", "Q": "Q", "M": "M", "D": "D"}.get(str(freq)[:1].upper())
        if target is None:
            raise BadInputError(f"Frequency {freq!r} is not A, Q, M or D.")
        return period if target == own else period.asfreq(target, how="end")


def _bad(value: object, what: str = "period") -> BadInputError:
    return BadInputError(f"{what} {value!r} is not a period: {ACCEPTED}.")


def _check_year(year: int, value: object, what: str) -> int:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise BadInputError(f"{what} {value!r}: year {year} is out of range; {ACCEPTED}.")
    return year


def parse_period(value: object, *, what: str = "period") -> PeriodSpec | Literal["last"]:
    """Parse one period label.

    Parameters
    ----------
    value : str, int or pandas.Period
        ``"2008Q4"``, ``"2008"`` (the year's last period), ``"2008-12"``,
        ``"last"``, an int year, or a pandas Period (A, Q or M).
    what : str
        How to name the input in an error (e.g. ``"--at"``).

    Returns
    -------
    PeriodSpec or "last"

    Raises
    ------
    BadInputError
        If ``value`` is none of the accepted forms (``2008Q5``, ``2008-13``,
        ``lastt``, ``None``, ...).

    Examples
    --------
    >>> str(parse_period("2008q4")), str(parse_period(2008)), parse_period(" LAST ")
    ('2008Q4', '2008', 'last')
    """
    if isinstance(value, bool):
        raise _bad(value, what)
    if isinstance(value, int):
        return PeriodSpec(_check_year(value, value, what), "A")
    if not isinstance(value, str):
        return _from_pandas(value, what)
    text = value.strip()
    if text.lower() == LAST:
        return LAST
    if m := _YEAR.match(text):
        return PeriodSpec(_check_year(int(m[1]), value, what), "A")
    if m := _QUARTER.match(text):
        quarter = int(m[2])
        if not 1 <= quarter <= 4:
            raise BadInputError(f"{what} {value!r}: quarter {quarter} is not 1-4; {ACCEPTED}.")
        return PeriodSpec(_check_year(int(m[1]), value, what), "Q", quarter)
    if m := _MONTH.match(text):
        month = int(m[2])
        if not 1 <= month <= 12:
            raise BadInputError(f"{what} {value!r}: month {month} is not 1-12; {ACCEPTED}.")
        return PeriodSpec(_check_year(int(m[1]), value, what), "M", month)
    raise _bad(value, what)


def _from_pandas(value: object, what: str) -> PeriodSpec:
    import pandas as pd

    if not isinstance(value, pd.Period):
        raise _bad(value, what)
    code = str(value.freqstr)[:1].upper()
    if code in ("A", "Y"):
        return PeriodSpec(value.year, "A")
    if code == "Q":
        return PeriodSpec(value.year, "Q", value.quarter)
    if code == "M":
        return PeriodSpec(value.year, "M", value.month)
    raise BadInputError(f"{what} {value!r}: only annual, quarterly or monthly periods; {ACCEPTED}.")


def parse_periods(
    values: object, *, what: str = "period"
) -> list[PeriodSpec | Literal["last"]]:
    """Parse a label or a sequence of labels (see :func:`parse_period`).

    Raises
    ------
    BadInputError
        If ``values`` is not a string or sequence, or any label is invalid.
    """
    if isinstance(values, str | int) and not isinstance(values, bool):
        return [parse_period(values, what=what)]
    if not isinstance(values, Iterable) or isinstance(values, bytes | dict):
        raise BadInputError(f"{what} must be a period or a list of periods; got {values!r}.")
    out = [parse_period(v, what=what) for v in values]
    if not out:
        raise BadInputError(f"{what} is empty: give at least one period; {ACCEPTED}.")
    return out


def check_period(value: object, *, what: str = "period") -> str:
    """Validate a label and return it in canonical text (``2008q4`` -> ``2008Q4``)."""
    return str(parse_period(value, what=what))


def is_period(value: object) -> bool:
    """Return whether ``value`` is a valid period label (``last`` included)."""
    try:
        parse_period(value)
    except BadInputError:
        return False
    return True


def resolve(
    value: object, index: pd.Index | Sequence[pd.Period], *, what: str = "period",
    inside: bool = True,
) -> pd.Period:
    """Turn a label into a period of the data's frequency.

    Parameters
    ----------
    value : str, int or Period
        A label :func:`parse_period` accepts.
    index : PeriodIndex or sequence of Period
        The periods with data (sorted); ``last`` is its final element and
        its frequency decides how a year or month is read.
    what : str
        How to name the input in an error.
    inside : bool
        Require the period to lie within the index's range.

    Raises
    ------
    BadInputError
        If the label is invalid, the index empty, or the period outside the data.
    """
    import pandas as pd

    if len(index) == 0:
        raise BadInputError(f"{what} {value!r}: there is no data to place it in.")
    periods = index if isinstance(index, pd.PeriodIndex) else pd.PeriodIndex(list(index))
    spec = parse_period(value, what=what)
    period = periods[-1] if spec == LAST else spec.to_period(periods.freqstr)
    if inside and not periods[0] <= period <= periods[-1]:
        raise BadInputError(
            f"{what} {spec}: outside the data ({periods[0]} to {periods[-1]}); "
            "choose a period inside that range."
        )
    return period


def resolve_all(
    values: object, index: pd.Index | Sequence[pd.Period], *, what: str = "period"
) -> list[pd.Period]:
    """Resolve several labels (see :func:`resolve`), sorted and without duplicates."""
    specs = parse_periods(values, what=what)  # fail on the first bad label before resolving
    return sorted({resolve(str(s), index, what=what) for s in specs})
