"""Chart: the change of a debt/GDP ratio split into debt, real growth, inflation and cross terms."""

from __future__ import annotations

import altair as alt

from debtcycle.analytics.leverage.decompose import TERMS, Decomposition
from debtcycle.outputs.charts._render import sector_label, time_domain, time_x, with_footnote

__all__ = ["decomposition_chart"]

_LABELS = {"debt": "Debt growth", "real_growth": "Real GDP growth",
           "inflation": "Inflation (deflator)", "cross": "Cross term"}
_CHANGE = "Change of debt/GDP"


def decomposition_chart(result: Decomposition, *, title: str | None = None) -> alt.VConcatChart:
    """Stacked bars of the four terms per period with the ratio's change as points.

    Parameters
    ----------
    result : Decomposition
        Output of :func:`debtcycle.decompose`.
    title : str, optional
        Chart title (default: country, sector and window from the result).
    """
    from debtcycle.vocab import country_name

    terms = result.terms.reset_index()
    terms["date"] = terms["period"].dt.to_timestamp()
    long = terms.melt(id_vars="date", value_vars=TERMS, var_name="term", value_name="pp")
    long["series"] = long["term"].map(_LABELS)
    change = terms[["date", "change"]].assign(series=_CHANGE)
    quarterly = str(result.params.get("freq", "")).startswith("Q")
    fmt = "%Y Q%q" if quarterly else "%Y"
    x = time_x(domain=time_domain(result.terms), quarterly=quarterly)
    colour = alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom"),
                       scale=alt.Scale(domain=[*_LABELS.values(), _CHANGE],
                                       range=["#4c78a8", "#54a24b", "#f58518", "#b279a2",
                                              "black"]))
    bars = alt.Chart(long).mark_bar().encode(
        x=x,
        y=alt.Y("pp:Q", stack="zero", title="Contribution to the change, pp of GDP"),
        color=colour,
        tooltip=[alt.Tooltip("date:T", title="Period", format=fmt), "series:N",
                 alt.Tooltip("pp:Q", format="+.2f")],
    )
    points = alt.Chart(change).mark_point(filled=True).encode(
        x=x, y="change:Q", color=colour,
        tooltip=[alt.Tooltip("date:T", title="Period", format=fmt),
                 alt.Tooltip("change:Q", title=_CHANGE, format="+.2f")],
    )
    code, sector = result.params.get("country", ""), result.params.get("sector", "")
    where = f"{country_name(code)}, " if code else ""
    heading = title or (f"{where}{sector_label(sector).lower() if sector else 'debt'}: change "
                        f"of debt/GDP by source, {result.params['start']} to "
                        f"{result.params['end']}")
    chart = alt.layer(bars, points).properties(title=heading, width=640, height=300)
    return with_footnote(chart, result.provenance)
