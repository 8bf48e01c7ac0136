"""Chart: the change of a debt/GDP ratio split into debt, real growth, inflation and cross terms."""

from __future__ import annotations

import altair as alt

from debtcycle.analytics.leverage.decompose import TERMS, Decomposition

__all__ = ["decomposition_chart"]

_LABELS = {"debt": "Debt growth", "real_growth": "Real GDP growth",
           "inflation": "Inflation (deflator)", "cross": "Cross term"}


def decomposition_chart(result: Decomposition, *, title: str) -> alt.LayerChart:
    """Stacked bars of the four terms per period with the ratio's change as points.

    Parameters
    ----------
    result : Decomposition
        Output of :func:`debtcycle.analytics.leverage.decompose_leverage`.
    title : str
        Chart title.
    """
    terms = result.terms.reset_index()
    terms["date"] = terms["period"].dt.to_timestamp()
    long = terms.melt(id_vars="date", value_vars=TERMS, var_name="term", value_name="pp")
    long["term"] = long["term"].map(_LABELS)
    bars = alt.Chart(long).mark_bar().encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("pp:Q", stack="zero", title="Contribution to the change, pp of GDP"),
        color=alt.Color("term:N", sort=list(_LABELS.values()), title=None),
        tooltip=["date:T", "term:N", alt.Tooltip("pp:Q", format="+.2f")],
    )
    change = alt.Chart(terms[["date", "change"]]).mark_point(color="black", filled=True).encode(
        x="date:T", y="change:Q", tooltip=["date:T", alt.Tooltip("change:Q", format="+.2f")],
    )
    return alt.layer(bars, change).properties(title=title, width=640, height=300)
