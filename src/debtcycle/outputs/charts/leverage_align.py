"""Chart: countries' paths in event time (periods since each country's event)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from debtcycle.analytics.leverage.align import AlignResult
from debtcycle.outputs.charts._render import with_footnote

__all__ = ["event_time_chart"]

_EVENT = "Event (t = 0)"


def event_time_chart(
    result: AlignResult | Any, *, title: str | None = None, y_title: str | None = None
) -> alt.VConcatChart:
    """Lines per country against periods since the event, with a rule at the event.

    Parameters
    ----------
    result : AlignResult or Alignment
        Output of :func:`debtcycle.align` (or its ``aligned`` part).
    title, y_title : str, optional
        Chart and y-axis titles (defaults from the measure and the events).
    """
    from debtcycle.outputs.charts._render import measure_label, sector_label
    from debtcycle.vocab import country_name

    aligned: AlignResult = getattr(result, "aligned", result)
    measure = str(getattr(result, "measure", ""))
    rebase = str(getattr(result, "rebase", aligned.params.get("rebase", "none")))
    long = aligned.frame.reset_index().melt(
        id_vars="event_time", var_name="country", value_name="value").dropna()
    names = {c: f"{country_name(c)} (event {p})" for c, p in aligned.events.items()}
    long["series"] = long["country"].map(names)
    colour = alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom"),
                       scale=alt.Scale(domain=[*names.values(), _EVENT]))
    how = {"diff": ", change since the event", "ratio": ", event = 100"}.get(rebase, "")
    label = measure_label(measure) if measure else "Value"
    lines = alt.Chart(long).mark_line().encode(
        x=alt.X("event_time:Q", title=f"{aligned.unit.capitalize()} since the event",
                scale=alt.Scale(nice=False)),
        y=alt.Y("value:Q", title=y_title or f"{label}{how}", scale=alt.Scale(zero=False)),
        color=colour,
        tooltip=["series:N", alt.Tooltip("event_time:Q", title="Event time"),
                 alt.Tooltip("value:Q", format=".1f")],
    )
    rule = alt.Chart(pd.DataFrame({"event_time": [0], "series": [_EVENT]})).mark_rule(
        strokeDash=[3, 3]).encode(x="event_time:Q", color=colour)
    sector = str(getattr(result, "sector", ""))
    what = label if measure.startswith("house_price") or not sector else (
        f"{sector_label(sector)}: {label}")
    heading = title or f"{' vs '.join(country_name(c) for c in aligned.events)}: {what} " \
        "in event time"
    chart = alt.layer(lines, rule).properties(title=heading, width=640, height=320)
    params = getattr(result, "params", {})
    rules = params.get("event_rule", {})
    peaks = [f"{country_name(c)} {aligned.events[c]}" for c, r in rules.items() if r != "given"]
    fall = params.get("min_fall")
    notes = ["Events: the real residential property-price peak"
             + (f" followed by a fall of at least {fall:g}%" if fall else "")
             + f" ({', '.join(peaks)})."] if peaks else []
    return with_footnote(chart, getattr(result, "provenance", None) or aligned.provenance,
                         notes=notes)
