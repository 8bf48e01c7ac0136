"""Argument checks shared by the facade functions: wrong types and codes -> BadInputError.

Every public facade function validates its arguments here before it reads
anything, so a caller (Python, CLI or web API) gets a one-line
:class:`~debtcycle.errors.BadInputError` naming the argument and the fix,
never an ``AttributeError`` or a database exception.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TypeVar

from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.periods import check_period, parse_periods
from debtcycle.vocab import check_country, check_measure, check_sector

__all__ = [
    "check_choice",
    "check_int",
    "check_number",
    "country_code",
    "country_codes",
    "measure_code",
    "period_label",
    "period_labels",
    "sector_code",
]

T = TypeVar("T", bound=str)

#: Longest list a facade function accepts (countries, periods, sectors).
MAX_ITEMS = 200


def _text(value: object, what: str, example: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadInputError(f"{what} must be a code as text, e.g. {example!r}; got {value!r}.")
    if len(value) > 100:
        raise BadInputError(f"{what} is too long ({len(value)} characters); e.g. {example!r}.")
    return value


def country_code(value: object, what: str = "country") -> str:
    """Return the canonical country code (``"cn"``, ``"CHN"``, ``"China"`` -> ``"CN"``).

    Raises
    ------
    BadInputError
        If ``value`` is not text or not a known country (with close matches).
    """
    text = _text(value, what, "CN")
    try:
        return check_country(text)
    except NotFoundError as exc:
        raise BadInputError(f"{what}: {exc}") from None


def country_codes(values: object, what: str = "countries") -> list[str]:
    """Return canonical codes for one country or a sequence of them (duplicates dropped)."""
    items = _items(values, what, "['CN', 'JP']")
    return list(dict.fromkeys(country_code(v, what) for v in items))


def sector_code(value: object, what: str = "sector", allowed: Iterable[str] | None = None) -> str:
    """Return the canonical sector (``"Households"`` -> ``"households"``).

    Raises
    ------
    BadInputError
        If ``value`` is not text, not a known sector, or not in ``allowed``.
    """
    text = _text(value, what, "households")
    try:
        code = check_sector(text)
    except NotFoundError as exc:
        raise BadInputError(f"{what}: {exc}") from None
    options = list(allowed) if allowed is not None else None
    if options is not None and code not in options:
        raise BadInputError(f"{what} {value!r} is not available here; use one of "
                            f"{', '.join(options)}.")
    return code


def measure_code(value: object, what: str = "measure") -> str:
    """Return the canonical measure code (``"DEBT_GDP"`` -> ``"debt_gdp"``)."""
    text = _text(value, what, "debt_gdp")
    try:
        return check_measure(text)
    except NotFoundError as exc:
        raise BadInputError(f"{what}: {exc}") from None


def check_choice(value: object, options: Sequence[T], what: str) -> T:
    """Return ``value`` if it is one of ``options`` (case-insensitive), else raise."""
    if isinstance(value, str):
        for option in options:
            if value.strip().lower() == option.lower():
                return option
    raise BadInputError(f"{what} {value!r}: use one of {', '.join(options)}.")


def check_int(value: object, what: str, *, low: int | None = None,
              high: int | None = None) -> int:
    """Return ``value`` as an int within ``[low, high]``, else raise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadInputError(f"{what} must be a whole number; got {value!r}.")
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"{'' if low is None else low}..{'' if high is None else high}"
        raise BadInputError(f"{what} {value} is out of range {bounds}.")
    return value


def check_number(value: object, what: str, *, low: float | None = None,
                 high: float | None = None) -> float:
    """Return ``value`` as a finite float within ``[low, high]``, else raise."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadInputError(f"{what} must be a number; got {value!r}.")
    number = float(value)
    if not math.isfinite(number):
        raise BadInputError(f"{what} must be a finite number; got {value!r}.")
    if (low is not None and number < low) or (high is not None and number > high):
        bounds = f"{'' if low is None else low}..{'' if high is None else high}"
        raise BadInputError(f"{what} {value} is out of range {bounds}.")
    return number


def period_label(value: object, what: str = "period") -> str:
    """Return a canonical period label (see :mod:`debtcycle.periods`)."""
    return check_period(value, what=what)


def period_labels(values: object, what: str = "at") -> list[str]:
    """Return canonical labels for one period or a sequence of them."""
    if isinstance(values, list | tuple) and len(values) > MAX_ITEMS:
        raise BadInputError(f"{what} has {len(values)} periods; at most {MAX_ITEMS}.")
    return [str(p) for p in parse_periods(values, what=what)]


def _items(values: object, what: str, example: str) -> list[object]:
    if isinstance(values, str):
        return [values]
    if not isinstance(values, list | tuple):
        raise BadInputError(f"{what} must be a code or a list of codes, e.g. {example}; "
                            f"got {values!r}.")
    if not values:
        raise BadInputError(f"{what} is empty; give at least one, e.g. {example}.")
    if len(values) > MAX_ITEMS:
        raise BadInputError(f"{what} has {len(values)} items; at most {MAX_ITEMS}.")
    return list(values)
