"""debtcycle: sector leverage and debt-cycle analysis from official statistics.

Quick start
-----------
>>> import debtcycle
>>> debtcycle.series("CN", "households", "debt_gdp")  # doctest: +SKIP
>>> debtcycle.panel(["CN", "JP", "US"], "general_gov")  # doctest: +SKIP
"""

from __future__ import annotations

from debtcycle.catalog import available, panel, series
from debtcycle.errors import (
    BadInputError,
    DebtcycleError,
    DebtcycleWarning,
    NotFoundError,
    ParseError,
    SourceError,
)
from debtcycle.store import Store, build_store

__all__ = [
    "BadInputError",
    "DebtcycleError",
    "DebtcycleWarning",
    "NotFoundError",
    "ParseError",
    "SourceError",
    "Store",
    "available",
    "build_store",
    "panel",
    "series",
]

__version__ = "0.1.0"
