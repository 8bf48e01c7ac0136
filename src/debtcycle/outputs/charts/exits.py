"""Chart of the exit routes: how much of the private surplus each route can take."""

from __future__ import annotations

import altair as alt
import pandas as pd

from debtcycle.analytics.exits.result import ExitRoutes

__all__ = ["routes_chart"]

_NAMES = {"export": "Export (record surplus)", "currency": "Currency (net of retaliation)",
          "fiscal": "Fiscal (Japan's debt path)", "mix": "Mix"}


def routes_chart(result: ExitRoutes, *, title: str) -> alt.LayerChart:
    """Bars: each route's capacity (% of GDP) against the private surplus to absorb (rule).

    Parameters
    ----------
    result : ExitRoutes
        From :func:`debtcycle.facade.exits.exits`; nothing is recomputed here.
    title : str
        Chart title.
    """
    routes = result.routes.reset_index()
    routes["name"] = routes["route"].map(_NAMES)
    surplus = float(result.absorption["private_surplus"].iloc[0])
    bars = alt.Chart(routes).mark_bar().encode(
        x=alt.X("name:N", title=None, sort=list(_NAMES.values())),
        y=alt.Y("capacity:Q", title="Can absorb, % of GDP"),
        tooltip=["name:N", alt.Tooltip("capacity:Q", format=".1f"),
                 alt.Tooltip("share_of_surplus:Q", format=".0f", title="share of surplus, %")],
    )
    rule = alt.Chart(pd.DataFrame({"y": [surplus],
                                   "label": [f"private surplus {surplus:.1f}% of GDP"]})).mark_rule(
        color="#e45756", strokeDash=[6, 3]).encode(y="y:Q", tooltip=["label:N"])
    chart: alt.LayerChart = alt.layer(bars, rule).properties(title=title, width=520, height=300)
    return chart
