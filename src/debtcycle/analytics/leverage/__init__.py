"""Leverage analytics: changes and contributions, decomposition, phases, comparison, alignment."""

from debtcycle.analytics.leverage.align import (
    AlignResult,
    Similarity,
    align,
    property_peak,
    similarity,
)

__all__ = ["AlignResult", "Similarity", "align", "property_peak", "similarity"]
