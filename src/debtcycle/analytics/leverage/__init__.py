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
from debtcycle.analytics.leverage.compare import Comparison, compare_countries
from debtcycle.analytics.leverage.decompose import (
    Decomposition,
    decompose_leverage,
    implied_nominal_gdp,
)
from debtcycle.analytics.leverage.phases import Phases, detect_phases, phase_at
from debtcycle.analytics.leverage.summary import (
    CountryPhases,
    PhasePanel,
    country_phases,
    phases_panel,
)

__all__ = [
    "AlignResult",
    "Comparison",
    "Contributions",
    "CountryPhases",
    "Decomposition",
    "LeverageChanges",
    "PhasePanel",
    "Phases",
    "Similarity",
    "align",
    "compare_countries",
    "contributions",
    "country_phases",
    "decompose_leverage",
    "detect_phases",
    "implied_nominal_gdp",
    "leverage_changes",
    "phase_at",
    "phases_panel",
    "property_peak",
    "similarity",
]
