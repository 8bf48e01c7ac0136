"""Chart: leverage phases, the ratio with its piecewise-linear trend over coloured phase bands."""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from debtcycle.analytics.leverage.phases import Phases

__all__ = ["PHASE_COLORS", "phases_chart", "revisions_chart"]

#: Colours of the phase labels (leveraging red, deleveraging green, stable grey).
PHASE_COLORS = {"leveraging": "#d62728", "deleveraging": "#2ca02c", "stable": "#bbbbbb"}


def _one(name: str, phases: Phases, width: int) -> alt.LayerChart:
    bands = phases.table.assign(
        x=phases.table["start"].map(lambda p: p.start_time),
        x2=phases.table["end"].map(lambda p: p.start_time),
    )[["x", "x2", "label", "change_pp", "pp_per_year"]]
    bands["start"] = phases.table["start"].astype(str)
    bands["end"] = phases.table["end"].astype(str)
    lines = pd.DataFrame({
        "date": pd.PeriodIndex(phases.observed.index).to_timestamp(),
        "observed": phases.observed.to_numpy(),
        "trend": phases.trend.reindex(phases.observed.index).to_numpy(),
    })
    scale = alt.Scale(domain=list(PHASE_COLORS), range=list(PHASE_COLORS.values()))
    band = alt.Chart(bands).mark_rect(opacity=0.25).encode(
        x=alt.X("x:T", title=None), x2="x2:T",
        color=alt.Color("label:N", scale=scale, title="Phase"),
        tooltip=["start:N", "end:N", "label:N", alt.Tooltip("change_pp:Q", format="+.1f"),
                 alt.Tooltip("pp_per_year:Q", format="+.1f")],
    )
    base = alt.Chart(lines).encode(x="date:T")
    observed = base.mark_line(color="black").encode(
        y=alt.Y("observed:Q", title=f"{name}, % of GDP", scale=alt.Scale(zero=False)),
        tooltip=["date:T", alt.Tooltip("observed:Q", format=".1f")],
    )
    trend = base.mark_line(color="#1f77b4", strokeDash=[5, 3]).encode(y="trend:Q")
    return alt.layer(band, observed, trend).properties(width=width, height=160)


def phases_chart(
    phases: Mapping[str, Phases], *, title: str, width: int = 640
) -> alt.VConcatChart:
    """Stack one panel per series: the ratio, its fitted trend and the phase bands.

    Parameters
    ----------
    phases : mapping of str to Phases
        Panel name (e.g. sector) to its phases.
    title : str
        Chart title.
    width : int
        Panel width in pixels.
    """
    panels = [_one(name, p, width) for name, p in phases.items()]
    return alt.vconcat(*panels).properties(title=title)


def revisions_chart(table: pd.DataFrame, *, title: str, width: int = 640) -> alt.Chart:
    """Two timelines: the phase called each quarter with data to then, and the phase today.

    Parameters
    ----------
    table : DataFrame
        :meth:`~debtcycle.analytics.realtime.phases.PhaseRevisions.to_frame` (PeriodIndex,
        columns ``real_time``, ``final``, ``real_time_since``, ``final_since``).
    title : str
        Chart title.
    width : int
        Width in pixels.
    """
    index = pd.PeriodIndex(table.index)
    rows = []
    for column, name in (("real_time", "called then"), ("final", "called now")):
        rows.append(pd.DataFrame({
            "x": index.to_timestamp(how="start"), "x2": index.shift(1).to_timestamp(how="start"),
            "call": name, "label": table[column].to_numpy(), "quarter": index.astype(str),
            "since": table[f"{column}_since"].astype(str).to_numpy()}))
    data = pd.concat(rows, ignore_index=True)
    scale = alt.Scale(domain=list(PHASE_COLORS), range=list(PHASE_COLORS.values()))
    chart: alt.Chart = alt.Chart(data).mark_rect().encode(
        x=alt.X("x:T", title=None), x2="x2:T",
        y=alt.Y("call:N", title=None, sort=["called then", "called now"]),
        color=alt.Color("label:N", scale=scale, title="Phase"),
        tooltip=["quarter:N", "call:N", "label:N", "since:N"],
    ).properties(title=title, width=width, height=80)
    return chart
