"""Chart: one sector's debt/GDP across countries over time, with the compared dates marked."""

from __future__ import annotations

import altair as alt
import pandas as pd

from debtcycle.analytics.leverage.compare import Comparison

__all__ = ["comparison_chart"]


def comparison_chart(result: Comparison, *, title: str) -> alt.LayerChart:
    """Lines per country over time and vertical rules at the comparison dates.

    Parameters
    ----------
    result : Comparison
        Output of :func:`debtcycle.analytics.leverage.compare_countries`.
    title : str
        Chart title.
    """
    history = result.history.dropna(how="all")
    long = history.reset_index(names="period").melt(
        id_vars="period", var_name="country", value_name="debt_gdp").dropna()
    long["date"] = long["period"].dt.to_timestamp()
    long = long.drop(columns="period")
    lines = alt.Chart(long).mark_line().encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("debt_gdp:Q", title="Debt, % of GDP"),
        color=alt.Color("country:N", title="Country"),
        tooltip=["date:T", "country:N", alt.Tooltip("debt_gdp:Q", format=".1f")],
    )
    dates = pd.DataFrame({"date": [pd.Period(p).start_time for p in result.params["at"]]})
    rules = alt.Chart(dates).mark_rule(color="grey", strokeDash=[3, 3]).encode(x="date:T")
    return alt.layer(lines, rules).properties(title=title, width=640, height=320)
