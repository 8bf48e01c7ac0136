"""Phase summary for a country: every sector's phases and which sector drove each total phase."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.analytics.leverage.changes import contributions
from debtcycle.analytics.leverage.phases import Phases, detect_phases
from debtcycle.errors import BadInputError

__all__ = ["CountryPhases", "PhasePanel", "country_phases", "phases_panel"]


@dataclass(frozen=True)
class CountryPhases(Result):
    """Phases of every sector of one country, and the drivers of the total's phases.

    Attributes
    ----------
    country : str
        Country code.
    sectors : dict of str to Phases
        Phases per sector column.
    drivers : DataFrame
        One row per phase of ``total``: ``start``, ``end``, ``label``,
        ``change_pp`` (of the phase, on the smoothed series), ``driver`` (the
        sector whose change had the sign of the total's and was largest) and each
        component's, the residual's and the total's change in pp over the phase,
        measured on the published ratios (``total_pp`` may differ from
        ``change_pp`` where smoothing or the mask moved the end points).  Empty
        when the total is missing.
    """

    country: str
    sectors: dict[str, Phases]
    drivers: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return all sectors' phases in one table (column ``sector`` first)."""
        frames = [p.table.assign(sector=name) for name, p in self.sectors.items()]
        table = pd.concat(frames, ignore_index=True)
        return table[["sector", *[c for c in table.columns if c != "sector"]]]

    def records(self) -> list[dict[str, Any]]:
        """Return one JSON-ready object per sector: country, sector, measure and phases."""
        return [{"country": self.country, "sector": name, "measure": "debt_gdp",
                 "phases": p.records()} for name, p in self.sectors.items()]


def _driver_rows(frame: pd.DataFrame, total: Phases, total_name: str) -> pd.DataFrame:
    order = ["households", "nonfin_corp", "private_nonfin", "general_gov", "residual", "total"]
    rows = []
    for phase in total.table.to_dict(orient="records"):
        row = {k: phase[k] for k in ("start", "end", "label", "change_pp")}
        try:
            contrib = contributions(frame, phase["start"], phase["end"], total=total_name)
        except BadInputError:
            row["driver"] = None  # no complete sector split in this window (early data)
            rows.append(row)
            continue
        row["driver"] = contrib.driver
        changes = contrib.table["change_pp"]
        row.update({f"{k}_pp": float(v) for k, v in changes.items()})
        rows.append(row)
    table = pd.DataFrame(rows)
    shown = [f"{k}_pp" for k in order if f"{k}_pp" in table.columns]
    return table[[c for c in table.columns if c not in shown] + shown]


def country_phases(
    frame: pd.DataFrame,
    *,
    country: str = "",
    total: str = "total_nonfin",
    drivers_frame: pd.DataFrame | None = None,
    **params: Any,
) -> CountryPhases:
    """Detect phases for every sector column and name the driver of each total phase.

    Parameters
    ----------
    frame : DataFrame
        Sector debt/GDP ratios, one column per sector, on a PeriodIndex.  For
        the drivers to add up, government debt should be on the total's
        valuation basis (BIS: market value).
    country : str
        Label carried into the result.
    total : str
        The column whose phases get drivers.
    drivers_frame : DataFrame, optional
        The sector ratios used for the drivers when they should be on another
        basis than ``frame`` (e.g. government at market value, the BIS totals'
        basis, while ``frame`` has the nominal value); default ``frame``.
    **params
        Passed to :func:`detect_phases` (``penalty``, ``min_years``, ``threshold``,
        ``smooth``, ``mask``).

    Returns
    -------
    CountryPhases

    Raises
    ------
    BadInputError
        If the frame has no columns with data.
    """
    sectors = {
        str(name): detect_phases(col.rename(f"{country}.{name}.debt_gdp"), **params)
        for name, col in frame.items() if col.notna().sum() >= 3
    }
    if not sectors:
        raise BadInputError(f"No sector of {country or 'the frame'} has data to segment.")
    basis = frame if drivers_frame is None else drivers_frame
    drivers = _driver_rows(basis, sectors[total], total) if total in sectors else pd.DataFrame()
    first = next(iter(sectors.values()))
    return CountryPhases(
        country=country, sectors=sectors, drivers=drivers, params=dict(first.params),
        provenance=dict(frame.attrs.get("info", {})),
    )


@dataclass(frozen=True)
class PhasePanel(Result):
    """Phases of many series at once (e.g. every BIS country and sector).

    Attributes
    ----------
    phases : dict of tuple to Phases
        Column key (e.g. ``(country, sector)``) to its phases.
    """

    phases: dict[tuple[str, ...], Phases]

    def to_frame(self) -> pd.DataFrame:
        """Return one long table: the key levels as columns, then the phase columns."""
        frames = []
        for key, p in self.phases.items():
            frames.append(p.table.assign(**{f"key{i}": k for i, k in enumerate(key)}))
        table = pd.concat(frames, ignore_index=True)
        keys = [c for c in table.columns if c.startswith("key")]
        names = self.params.get("key_names") or keys
        table = table.rename(columns=dict(zip(keys, names, strict=False)))
        return table[[*names, *[c for c in table.columns if c not in names]]]

    def current(self) -> pd.Series:
        """Return the label of the latest phase of every series."""
        return pd.Series({k: str(p.table["label"].iloc[-1]) for k, p in self.phases.items()})


def phases_panel(frame: pd.DataFrame, **params: Any) -> PhasePanel:
    """Detect phases for every column of ``frame`` (e.g. :func:`debtcycle.panel` output).

    Parameters
    ----------
    frame : DataFrame
        Debt/GDP ratios on a PeriodIndex; columns a MultiIndex such as
        ``(country, sector)`` or plain names.  Columns with fewer than 3
        observations are skipped.
    **params
        Passed to :func:`detect_phases`.

    Returns
    -------
    PhasePanel
    """
    out: dict[tuple[str, ...], Phases] = {}
    for key, col in frame.items():
        parts = tuple(str(k) for k in key) if isinstance(key, tuple) else (str(key),)
        if col.notna().sum() >= 3:
            out[parts] = detect_phases(col.rename(".".join(parts)), **params)
    names = [str(n) for n in frame.columns.names] if frame.columns.nlevels > 1 else ["series"]
    return PhasePanel(phases=out, params={**params, "key_names": names},
                      provenance=dict(frame.attrs.get("info", {})))
