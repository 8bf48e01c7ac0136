"""CBO's changes from one baseline to the next, by component and category.

CBO explains every change in its projections as *legislative* (new laws),
*economic* (a new economic forecast) or *technical* (everything else: for the
January 2025 to February 2026 baselines, the 2025 tariffs show up as a
technical change in customs duties).  :func:`baseline_changes` puts the three
categories side by side by fiscal year for revenues, customs duties, outlays,
net interest and the deficit, and checks that they add up to the difference
between the two baselines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.errors import BadInputError

__all__ = ["CATEGORIES", "COMPONENTS", "BaselineChanges", "baseline_changes"]

#: JSON key -> canonical measure ($ bn, fiscal year).
COMPONENTS: Final[dict[str, str]] = {
    "revenues": "gov_revenue_lcu",
    "customs_duties": "gov_customs_lcu",
    "outlays": "gov_expenditure_lcu",
    "net_interest": "gov_interest_lcu",
    "deficit": "gov_balance_lcu",
}
CATEGORIES: Final[tuple[str, ...]] = ("legislative", "economic", "technical")


@dataclass(frozen=True)
class BaselineChanges(Result):
    """Changes between two CBO baselines by fiscal year, category and component ($ bn).

    Attributes
    ----------
    frame : DataFrame
        Rows ``(year, category)``, columns :data:`COMPONENTS` keys; ``deficit``
        is the change in the balance (negative = a larger deficit).
    residual : DataFrame
        By year and component: (later baseline - earlier) - sum of the three
        categories (CBO rounds; a few $ bn at most).
    start, end : str
        The two baselines (``YYYY-MM``).
    """

    frame: pd.DataFrame
    residual: pd.DataFrame
    start: str
    end: str

    def to_frame(self) -> pd.DataFrame:
        """Return the changes, rows (year, category)."""
        return self.frame

    def totals(self, first: int | None = None, last: int | None = None) -> pd.DataFrame:
        """Sum over fiscal years ``first..last`` (default the common window), by category."""
        years = self.frame.index.get_level_values("year")
        lo = first if first is not None else int(years.min())
        hi = last if last is not None else int(years.max())
        sel = self.frame[(years >= lo) & (years <= hi)]
        return sel.groupby(level="category").sum().reindex(list(CATEGORIES))

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of ``debtcycle fiscal changes US --json``."""
        years = sorted({int(y) for y in self.frame.index.get_level_values("year")})
        data = [{"year": int(key[0]), "category": str(key[1]),
                 **{str(k): float(v) for k, v in row.items()}}
                for key, row in zip(self.frame.index, self.frame.to_dict(orient="records"),
                                    strict=True)]
        out: dict[str, Any] = jsonable({
            "country": "US", "from": self.start, "to": self.end, "unit": "usd_bn",
            "years": [years[0], years[-1]], "data": data,
            "totals": {c: {k: float(v) for k, v in row.items()}
                       for c, row in self.totals().iterrows()},
            "max_abs_residual": float(np.nanmax(np.abs(self.residual.to_numpy()))),
            "source": self.provenance.get("source"),
        })
        return out


def baseline_changes(parts: dict[str, pd.DataFrame], earlier: pd.DataFrame,
                     later: pd.DataFrame, *, start: str, end: str) -> BaselineChanges:
    """Assemble the changes by category and check them against the two baselines.

    Parameters
    ----------
    parts : dict
        Category (``legislative``, ``economic``, ``technical``) -> frame by fiscal
        year with the :data:`COMPONENTS` keys as columns ($ bn).
    earlier, later : DataFrame
        The two baselines, same columns, by fiscal year.
    start, end : str
        Labels of the two baselines.

    Raises
    ------
    BadInputError
        If a category is missing or the baselines share no year with the changes.
    """
    missing = [c for c in CATEGORIES if c not in parts]
    if missing:
        raise BadInputError(f"baseline changes lack categories {missing}")
    cols = list(COMPONENTS)
    common = sorted(set(earlier.dropna(how="all").index) & set(later.dropna(how="all").index)
                    & set(parts["technical"].index))
    if not common:
        raise BadInputError(f"baselines {start} and {end} share no fiscal year with the changes")
    stacked = pd.concat({c: parts[c].reindex(index=common, columns=cols).fillna(0.0)
                         for c in CATEGORIES}, names=["category", "year"])
    frame = stacked.swaplevel().sort_index(level=["year"], sort_remaining=False)
    frame = frame.reindex(pd.MultiIndex.from_product([common, list(CATEGORIES)],
                                                     names=["year", "category"]))
    total = sum(parts[c].reindex(index=common, columns=cols).fillna(0.0) for c in CATEGORIES)
    diff = later.reindex(index=common, columns=cols) - earlier.reindex(index=common, columns=cols)
    return BaselineChanges(
        frame=frame, residual=diff - total, start=start, end=end,
        params={"from": start, "to": end, "years": [int(common[0]), int(common[-1])]},
        provenance={"source": "CBO eval-projections baseline_changes.csv and baselines.csv "
                    "(https://github.com/US-CBO/eval-projections)"})
