"""Event studies: average paths of prices and yields around dated events, with bands.

Each event is a period (quarter or year).  For every variable and event,
the path runs from ``before`` periods before to ``after`` periods after the
event (default 8 quarters before, 12 after).  A *level* variable (a price
index) is shown as ``100 * x[t+k] / x[t]`` (so the event period is 100); a
*rate* (a yield, %) as the change from the event period in basis points.
Across episodes the bands are the mean, median, 25th-75th percentiles and the
range, with the number of episodes at each step.  At the horizons 4, 8 and 12
(1, 2 and 3 for annual data) the mean change has a percentile interval from
resampling the episodes (episodes are treated as independent; seeded).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result
from debtcycle.errors import BadInputError

__all__ = ["EventStudy", "Kind", "event_paths", "event_study"]

Kind = Literal["level", "rate"]


def event_paths(series: pd.Series, events: Mapping[str, pd.Period], *, kind: Kind,
                before: int = 8, after: int = 12) -> pd.DataFrame:
    """Return the path of ``series`` around each event (rows ``k``, one column per episode).

    Parameters
    ----------
    series : Series
        On a PeriodIndex at the events' frequency.
    events : mapping of str to Period
        Episode name -> event period.
    kind : {"level", "rate"}
        ``level``: ``100 * x[t+k] / x[t]``; ``rate``: ``(x[t+k] - x[t]) * 100`` (bp).

    Returns
    -------
    DataFrame
        Index ``k`` (``-before .. after``); a column per episode whose event
        period has an observation (NaN where the series has no value).
    """
    if not isinstance(series.index, pd.PeriodIndex):
        raise BadInputError("event_paths needs a series on a PeriodIndex.")
    clean = series.dropna()
    freq = series.index.freqstr
    steps = np.arange(-before, after + 1)
    columns: dict[str, np.ndarray] = {}
    for name, event in events.items():
        at = pd.Period(event, freq=freq)
        if at not in clean.index:
            continue
        base = float(clean.to_numpy(dtype=float)[clean.index.get_loc(at)])
        values = clean.reindex([at + int(k) for k in steps]).to_numpy(dtype=float)
        if kind == "level":
            columns[name] = 100.0 * values / base if base > 0 else np.full(len(steps), np.nan)
        else:
            columns[name] = (values - base) * 100.0
    return pd.DataFrame(columns, index=pd.Index(steps, name="k"))


def _bands(paths: pd.DataFrame) -> pd.DataFrame:
    values = paths.to_numpy(dtype=float)
    with np.errstate(all="ignore"):
        n = np.isfinite(values).sum(axis=1)
        frame = pd.DataFrame({"k": paths.index, "n": n})
        if values.shape[1] == 0:
            for col in ("mean", "median", "p25", "p75", "min", "max"):
                frame[col] = np.nan
            return frame
        frame["mean"] = np.nanmean(values, axis=1)
        frame["median"] = np.nanmedian(values, axis=1)
        frame["p25"] = np.nanpercentile(values, 25, axis=1)
        frame["p75"] = np.nanpercentile(values, 75, axis=1)
        frame["min"] = np.nanmin(values, axis=1)
        frame["max"] = np.nanmax(values, axis=1)
    return frame


def _unconditional(source: pd.Series | Mapping[str, pd.Series], events: Mapping[str, pd.Period],
                   kind: Kind, k: int, span: tuple[int, int]) -> float:
    """Mean ``k``-period change over every period of the series since 1950 (the benchmark).

    The window starts in 1950, or earlier at the first event - ``before``, and
    runs to the series' end: the post-war era every episode shares, without the
    war and hyperinflation years that would swamp a mean of price changes.
    """
    groups: dict[int, tuple[pd.Series, list[pd.Period]]] = {}
    for name, at in events.items():
        series = source if isinstance(source, pd.Series) else source.get(name)
        if series is None:
            continue
        groups.setdefault(id(series), (series, []))[1].append(pd.Period(at))
    changes = []
    for series, ats in groups.values():
        clean = series.dropna()
        if clean.empty:
            continue
        freq = str(pd.PeriodIndex(clean.index).freqstr)
        lo = min(min(ats).asfreq(freq) - span[0], pd.Period("1950-01", "M").asfreq(freq))
        lo, hi = max(lo, clean.index[0]), clean.index[-1]
        values = clean.reindex(pd.period_range(lo, hi, freq=freq)).to_numpy(dtype=float)
        if len(values) <= k:
            continue
        if kind == "level":
            change = (values[k:] / values[:-k] - 1.0) * 100.0
        else:
            change = (values[k:] - values[:-k]) * 100.0
        changes.append(change[np.isfinite(change)])
    joined = np.concatenate(changes) if changes else np.array([])
    return float(joined.mean()) if len(joined) else math.nan


def _horizon_row(name: str, kind: Kind, k: int, values: np.ndarray, level: float,
                 rng: np.random.Generator, n_boot: int) -> dict[str, Any]:
    change = values - 100.0 if kind == "level" else values
    change = change[np.isfinite(change)]
    row: dict[str, Any] = {"variable": name, "k": k, "n": len(change),
                           "unit": "pct" if kind == "level" else "bp"}
    if len(change) == 0:
        return {**row, "mean": math.nan, "lo": math.nan, "hi": math.nan,
                "share_negative": math.nan}
    row.update({"mean": float(change.mean()), "share_negative": float((change < 0).mean())})
    if len(change) >= 3:
        draws = rng.choice(change, size=(n_boot, len(change)), replace=True).mean(axis=1)
        tail = (1 - level) / 2
        row["lo"], row["hi"] = (float(q) for q in np.quantile(draws, [tail, 1 - tail]))
    else:
        row["lo"] = row["hi"] = math.nan
    return row


@dataclass(frozen=True)
class EventStudy(Result):
    """Paths of market variables around events, bands across episodes, horizon means.

    Attributes
    ----------
    events : DataFrame
        One row per episode: ``episode``, ``country``, ``period`` (event), ``kind``.
    paths : DataFrame
        Long: ``variable``, ``episode``, ``k``, ``value``.
    bands : DataFrame
        ``variable``, ``k``, ``n``, ``mean``, ``median``, ``p25``, ``p75``, ``min``, ``max``.
    horizons : DataFrame
        ``variable``, ``k``, ``n``, ``unit`` (pct / bp), ``mean`` change from the
        event, ``lo``/``hi`` (interval across episodes), ``share_negative``, and
        ``all_periods_mean``: the mean ``k``-period change over every period of
        the same series since 1950 (or the first event, if earlier): the
        unconditional benchmark.
    """

    events: pd.DataFrame
    paths: pd.DataFrame
    bands: pd.DataFrame
    horizons: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """Return the bands (mean, median, percentiles by variable and step)."""
        return self.bands

    def to_dict(self) -> dict[str, Any]:
        """Return events, bands, horizon means, parameters and provenance (JSON-ready)."""
        from debtcycle.analytics._result import jsonable

        return {"events": jsonable(self.events.to_dict(orient="records")),
                "data": jsonable(self.bands.to_dict(orient="records")),
                "horizons": jsonable(self.horizons.to_dict(orient="records")),
                "params": jsonable(self.params), "provenance": jsonable(self.provenance)}

    def summary(self) -> str:
        """Return the horizon table and the episode list as text."""
        return (self.horizons.to_string(index=False) + "\n\nEpisodes:\n"
                + self.events.to_string(index=False))


def _paths_for(source: pd.Series | Mapping[str, pd.Series], events: Mapping[str, pd.Period],
               kind: Kind, before: int, after: int) -> pd.DataFrame:
    if isinstance(source, pd.Series):
        return event_paths(source, events, kind=kind, before=before, after=after)
    parts = [event_paths(source[name], {name: at}, kind=kind, before=before, after=after)
             for name, at in events.items() if name in source]
    if not parts:
        return pd.DataFrame(index=pd.Index(np.arange(-before, after + 1), name="k"))
    return pd.concat(parts, axis=1)


def event_study(variables: Mapping[str, tuple[pd.Series | Mapping[str, pd.Series], Kind]],
                events: Mapping[str, pd.Period], *, before: int = 8, after: int = 12,
                horizons: tuple[int, ...] = (4, 8, 12), level: float = 0.9,
                n_boot: int = 2000, seed: int = 0, event_table: pd.DataFrame | None = None,
                params: dict[str, Any] | None = None,
                provenance: dict[str, Any] | None = None) -> EventStudy:
    """Run an event study of several variables over the same events.

    Parameters
    ----------
    variables : mapping of str to (Series or mapping, kind)
        Variable name -> (series at the events' frequency, or episode name ->
        series for episodes from different countries; ``"level"`` or ``"rate"``).
    events : mapping of str to Period
        Episode name -> event period.
    before, after : int
        Window in periods.
    horizons : tuple of int
        Steps at which the mean change gets an interval.
    level, n_boot, seed
        Interval level, resamples and seed of the episode bootstrap.
    event_table : DataFrame, optional
        Episode descriptions (column ``episode`` plus any others) to carry.
    """
    if not events:
        raise BadInputError("no events to study; check the event choice and the data window.")
    rng = np.random.default_rng(seed)
    long_parts, band_parts, rows = [], [], []
    for name, (source, kind) in variables.items():
        paths = _paths_for(source, events, kind, before, after)
        stacked = paths.reset_index().melt(id_vars="k", var_name="episode", value_name="value")
        long_parts.append(stacked.assign(variable=name))
        band_parts.append(_bands(paths).assign(variable=name))
        for k in horizons:
            values = (paths.loc[k].to_numpy(dtype=float) if k in paths.index and paths.shape[1]
                      else np.array([]))
            row = _horizon_row(name, kind, k, values, level, rng, n_boot)
            row["all_periods_mean"] = _unconditional(source, events, kind, k, (before, after))
            rows.append(row)
    table = event_table if event_table is not None else pd.DataFrame(
        {"episode": list(events), "period": [str(p) for p in events.values()]})
    bands = pd.concat(band_parts, ignore_index=True)
    return EventStudy(
        events=table, paths=pd.concat(long_parts, ignore_index=True)[
            ["variable", "episode", "k", "value"]],
        bands=bands[["variable", "k", "n", "mean", "median", "p25", "p75", "min", "max"]],
        horizons=pd.DataFrame(rows), params=dict(params or {}),
        provenance=dict(provenance or {}))
