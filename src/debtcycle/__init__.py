"""debtcycle: sector leverage and debt-cycle analysis from official statistics.

Every analysis is one call by country code and returns a typed result
(:mod:`debtcycle.facade`)::

    >>> import debtcycle
    >>> debtcycle.series("CN", "households", "debt_gdp")  # doctest: +SKIP
    >>> debtcycle.phases("CN")  # doctest: +SKIP

Names are imported on first use, so ``import debtcycle`` (and the ``debtcycle``
command's ``--help``) loads neither pandas nor any analytics library.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.2.0"

# Public name -> module that defines it.  One line per name; owners of a facade
# module add their names here.
_LAZY: dict[str, str] = {
    # errors
    "BadInputError": "debtcycle.errors",
    "DebtcycleError": "debtcycle.errors",
    "DebtcycleWarning": "debtcycle.errors",
    "NotFoundError": "debtcycle.errors",
    "ParseError": "debtcycle.errors",
    "SourceError": "debtcycle.errors",
    "StoreError": "debtcycle.errors",
    # store and catalog
    "Store": "debtcycle.store",
    "build_store": "debtcycle.store",
    "add_fred": "debtcycle.store",
    "available": "debtcycle.catalog",
    "list_series": "debtcycle.catalog",
    "panel": "debtcycle.catalog",
    "search": "debtcycle.catalog",
    "series": "debtcycle.catalog",
    # leverage (facade/leverage.py)
    "align": "debtcycle.facade.leverage",
    "compare": "debtcycle.facade.leverage",
    "decompose": "debtcycle.facade.leverage",
    "leverage": "debtcycle.facade.leverage",
    # balance-sheet recession and exits (facade/bsr.py, facade/exits.py)
    "balances": "debtcycle.facade.bsr",
    "bsr": "debtcycle.facade.bsr",
    "bsr_compare": "debtcycle.facade.bsr",
    "exits": "debtcycle.facade.exits",
    # fiscal (facade/fiscal.py)
    "fiscal_baseline": "debtcycle.facade.fiscal",
    "fiscal_changes": "debtcycle.facade.fiscal",
    "fiscal_decompose": "debtcycle.facade.fiscal",
    "fiscal_fan": "debtcycle.facade.fiscal",
    "fiscal_stress": "debtcycle.facade.fiscal",
    "recession": "debtcycle.facade.fiscal",
    "scenario": "debtcycle.facade.fiscal",
    # markets (facade/markets.py)
    "consolidations": "debtcycle.facade.markets",
    "market_events": "debtcycle.facade.markets",
    "markets": "debtcycle.facade.markets",
    "markets_summary": "debtcycle.facade.markets",
    "scenario_markets": "debtcycle.facade.markets",
    # phases and early warning (facade/phases.py, facade/gaps.py)
    "ewm_current": "debtcycle.facade.gaps",
    "ewm_evaluate": "debtcycle.facade.gaps",
    "gap": "debtcycle.facade.gaps",
    "phase_revisions": "debtcycle.facade.phases",
    "phases": "debtcycle.facade.phases",
    "risk": "debtcycle.facade.gaps",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first access (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'debtcycle' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])

