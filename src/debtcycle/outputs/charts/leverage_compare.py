"""Chart: one sector's debt/GDP across countries over time, with the compared dates marked."""

from __future__ import annotations

import altair as alt
import pandas as pd

from debtcycle.analytics.leverage.compare import Comparison
from debtcycle.outputs.charts._render import sector_label, time_domain, time_x, with_footnote

__all__ = ["comparison_chart"]

_DATES = "Compared dates"


def comparison_chart(result: Comparison, *, title: str | None = None) -> alt.VConcatChart:
    """Lines per country over time and dashed rules at the comparison dates, with sources.

    Parameters
    ----------
    result : Comparison
        Output of :func:`debtcycle.compare`.
    title : str, optional
        Chart title (default: the sector's name).
    """
    from debtcycle.vocab import country_name

    history = result.history.dropna(how="all")
    names = {str(c): f"{country_name(str(c))} ({c})" for c in history.columns}
    long = history.reset_index(names="period").melt(
        id_vars="period", var_name="country", value_name="debt_gdp").dropna()
    long["date"] = long["period"].dt.to_timestamp()
    long["series"] = long["country"].astype(str).map(names)
    long = long.drop(columns="period")
    domain = [*names.values(), _DATES]
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=domain),
                       legend=alt.Legend(orient="bottom"))
    quarterly = str(getattr(history.index, "freqstr", "")).startswith("Q")
    x = time_x(domain=time_domain(history), quarterly=quarterly)
    lines = alt.Chart(long).mark_line().encode(
        x=x,
        y=alt.Y("debt_gdp:Q", title="Debt, % of GDP"),
        color=colour,
        tooltip=[alt.Tooltip("date:T", title="Period", format="%Y Q%q" if quarterly else "%Y"),
                 "series:N", alt.Tooltip("debt_gdp:Q", title="% of GDP", format=".1f")],
    )
    dates = pd.DataFrame({"date": [pd.Period(p).start_time for p in result.params["at"]],
                          "series": _DATES, "label": list(result.params["at"])})
    rules = alt.Chart(dates).mark_rule(strokeDash=[3, 3]).encode(
        x=x, color=colour, tooltip=[alt.Tooltip("label:N", title="Compared date")])
    heading = title or f"{sector_label(result.sector)}: debt, % of GDP"
    chart = alt.layer(lines, rules).properties(title=heading, width=640, height=320)
    return with_footnote(chart, result.provenance)
