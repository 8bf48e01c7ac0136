"""How the balance-sheet-recession verdicts move with each threshold, one at a time.

Every threshold of :class:`~debtcycle.analytics.bsr.diagnosis.Thresholds` is
fixed from a definition (see ``REASONS``); this table shows what the calls
would be with other values, so a reader sees which verdicts hang on which
choice (issue 15: China's 2024 house-price drawdown is -14.5%, so a -15%
threshold removes the bust signal that year).  Each row changes one threshold
and keeps the others at their defaults.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.analytics.bsr.diagnosis import Thresholds, diagnose
from debtcycle.errors import BadInputError

__all__ = ["DEFAULT_GRID", "Sensitivity", "sensitivity"]

#: Values tried for each threshold (the default is always included).
DEFAULT_GRID: Final[Mapping[str, Sequence[float]]] = {
    "house_drawdown": (-10.0, -14.0, -15.0, -20.0),
    "equity_drawdown": (-30.0, -37.0, -45.0),
    "peak_window": (5, 10, 15),
    "window": (2, 3, 5),
    "credit_flow_max": (-1.0, 0.0, 1.0),
    "private_surplus_min": (-1.0, 0.0, 2.0),
    "rate_near_zero": (0.5, 1.0, 2.0),
    "rate_cut_min": (1.0, 2.0, 3.0),
    "credit_response_max": (0.0, 3.0),
    "gov_deficit_min": (2.0, 3.0, 4.0),
    "gov_debt_rise_min": (0.0, 5.0),
    "inflation_max": (0.0, 1.0, 2.0),
    "bsr_score": (3.0, 4.0, 5.0),
    "watch_score": (2.0, 3.0, 4.0),
    "confirm_years": (1, 2, 3),
}
_INTS: Final[frozenset[str]] = frozenset({"peak_window", "window", "confirm_years"})


@dataclass(frozen=True)
class Sensitivity(Result):
    """Verdict counts and latest verdicts under one-at-a-time threshold changes.

    Attributes
    ----------
    table : DataFrame
        One row per (threshold, value): ``default`` (bool) and, per country,
        ``<CC> bsr years`` (confirmed ``bsr`` years in the range), ``<CC> latest``
        (the latest confirmed verdict) and ``<CC> changed`` (years whose verdict
        differs from the default thresholds').
    first, last : int
        Years counted.
    """

    table: pd.DataFrame
    first: int
    last: int

    def to_frame(self) -> pd.DataFrame:
        """Return the sensitivity table."""
        return self.table

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of ``debtcycle bsr sensitivity --json``."""
        return {"first": self.first, "last": self.last,
                "table": jsonable(self.table.reset_index()),
                "params": jsonable(self.params), "provenance": jsonable(self.provenance)}


def _variants(grid: Mapping[str, Sequence[float]],
              base: Thresholds) -> list[tuple[str, float, Thresholds]]:
    out: list[tuple[str, float, Thresholds]] = [("(defaults)", float("nan"), base)]
    fields = set(base.to_dict())
    for name, values in grid.items():
        if name not in fields or name == "weights":
            raise BadInputError(f"Unknown threshold {name!r}; use one of "
                                f"{', '.join(sorted(fields - {'weights'}))}.")
        default = getattr(base, name)
        for value in sorted({*values, default}):
            cast: Any = int(value) if name in _INTS else float(value)
            out.append((name, float(value), replace(base, **{name: cast})))
    return out


def sensitivity(inputs: Mapping[str, pd.DataFrame], *, grid: Mapping[str, Sequence[float]]
                | None = None, base: Thresholds | None = None, first: int = 1980,
                last: int = 2024) -> Sensitivity:
    """Diagnose each country under one-at-a-time changes of the thresholds.

    Parameters
    ----------
    inputs : mapping of str to DataFrame
        Country code -> diagnosis inputs (as for :func:`~debtcycle.analytics.bsr.
        diagnosis.diagnose`).
    grid : mapping of str to sequence of float, optional
        Threshold -> values to try (default :data:`DEFAULT_GRID`).
    base : Thresholds, optional
        The defaults every row starts from.
    first, last : int
        Years whose verdicts are counted.

    Returns
    -------
    Sensitivity
    """
    if not inputs:
        raise BadInputError("sensitivity needs the inputs of at least one country.")
    th0 = base or Thresholds()
    rows = []
    baseline: dict[str, pd.Series] = {}
    for name, value, th in _variants(grid or DEFAULT_GRID, th0):
        row: dict[str, Any] = {"threshold": name, "value": value,
                               "default": name == "(defaults)" or value == getattr(th0, name)}
        for code, frame in inputs.items():
            table = diagnose(frame, thresholds=th, country=code).table
            years = pd.PeriodIndex(table.index).year
            verdict = table["verdict"][(years >= first) & (years <= last)]
            baseline.setdefault(code, verdict)
            row[f"{code} bsr years"] = int((verdict == "bsr").sum())
            row[f"{code} latest"] = str(verdict.iloc[-1]) if len(verdict) else ""
            row[f"{code} changed"] = int((verdict != baseline[code]).sum())
        rows.append(row)
    table = pd.DataFrame(rows).set_index(["threshold", "value"])
    return Sensitivity(table=table, first=first, last=last,
                       params={"countries": list(inputs), "base": th0.to_dict(),
                               "grid": {k: list(v) for k, v in (grid or DEFAULT_GRID).items()}})
