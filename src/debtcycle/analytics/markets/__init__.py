"""Markets across the debt cycle: returns by leverage phase, event studies, consolidations.

Pure functions over pandas objects (no I/O): the facade
(:mod:`debtcycle.facade.markets`) fetches the series and the phases and calls them.
"""

from debtcycle.analytics.markets.channel import (
    EarningsBeta,
    ScenarioMarkets,
    earnings_beta,
    equity_channel,
)
from debtcycle.analytics.markets.consolidations import (
    THRESHOLD,
    Consolidations,
    consolidations,
    fiscal_impulse,
)
from debtcycle.analytics.markets.events import EventStudy, event_paths, event_study
from debtcycle.analytics.markets.returns import (
    ALL_PERIODS,
    MarketPhases,
    asset_stats,
    label_summary,
    phase_returns,
    rate_change,
)

__all__ = [
    "ALL_PERIODS",
    "THRESHOLD",
    "Consolidations",
    "EarningsBeta",
    "EventStudy",
    "MarketPhases",
    "ScenarioMarkets",
    "asset_stats",
    "consolidations",
    "earnings_beta",
    "equity_channel",
    "event_paths",
    "event_study",
    "fiscal_impulse",
    "label_summary",
    "phase_returns",
    "rate_change",
]
