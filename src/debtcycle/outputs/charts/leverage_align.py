"""Chart: countries' paths in event time (periods since each country's event)."""

from __future__ import annotations

import altair as alt

from debtcycle.analytics.leverage.align import AlignResult

__all__ = ["event_time_chart"]


def event_time_chart(result: AlignResult, *, title: str, y_title: str) -> alt.LayerChart:
    """Lines per country against periods since the event, with a rule at the event.

    Parameters
    ----------
    result : AlignResult
        Output of :func:`debtcycle.analytics.leverage.align`.
    title, y_title : str
        Chart and y-axis titles.
    """
    long = result.frame.reset_index().melt(
        id_vars="event_time", var_name="country", value_name="value").dropna()
    long["event"] = long["country"].map({c: str(p) for c, p in result.events.items()})
    long["label"] = long["country"] + " (event " + long["event"] + ")"
    lines = alt.Chart(long).mark_line().encode(
        x=alt.X("event_time:Q", title=f"{result.unit.capitalize()} since the event",
                scale=alt.Scale(nice=False)),
        y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False)),
        color=alt.Color("label:N", title=None),
        tooltip=["country:N", "event_time:Q", alt.Tooltip("value:Q", format=".1f")],
    )
    rule = alt.Chart(long.head(1)).mark_rule(color="grey").encode(x=alt.datum(0))
    return alt.layer(lines, rule).properties(title=title, width=640, height=320)
