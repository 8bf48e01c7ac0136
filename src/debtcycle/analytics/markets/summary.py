"""The cross-country summary result: market figures by sector and phase label."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from debtcycle.analytics._result import Result

__all__ = ["MarketSummary"]


@dataclass(frozen=True)
class MarketSummary(Result):
    """Medians across countries' phases by sector and label (see ``label_summary``)."""

    table: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return the summary table."""
        return self.table
