"""Leverage analytics: changes and contributions, decomposition, phases, comparison, alignment."""

from debtcycle.analytics.leverage.align import (
    AlignResult,
    Similarity,
    align,
    property_peak,
    similarity,
)
from debtcycle.analytics.leverage.changes import (
    Contributions,
    LeverageChanges,
    contributions,
    leverage_changes,
)
from debtcycle.analytics.leverage.decompose import (
    Decomposition,
    decompose_leverage,
    implied_nominal_gdp,
)
from debtcycle.analytics.leverage.phases import Phases, detect_phases, phase_at
from debtcycle.analytics.leverage.summary import CountryPhases, country_phases

__all__ = [
    "AlignResult",
    "Contributions",
    "CountryPhases",
    "Decomposition",
    "LeverageChanges",
    "Phases",
    "Similarity",
    "align",
    "contributions",
    "country_phases",
    "decompose_leverage",
    "detect_phases",
    "implied_nominal_gdp",
    "leverage_changes",
    "phase_at",
    "property_peak",
    "similarity",
]
