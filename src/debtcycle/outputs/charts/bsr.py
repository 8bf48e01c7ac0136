"""Charts of the balance-sheet recession analysis: Koo's balances chart and event-time panels."""

from __future__ import annotations

import altair as alt
import pandas as pd

from debtcycle.analytics.bsr.balances import SectoralBalances
from debtcycle.analytics.bsr.compare import INDICATORS, EventComparison
from debtcycle.analytics.bsr.diagnosis import Diagnosis, episodes

__all__ = ["balances_chart", "comparison_chart"]

_LABELS = {"private": "Private sector", "government": "Government",
           "foreign": "Rest of the world", "households": "Households",
           "nonfin_corp": "Non-financial corporations"}
_SHADE = {"bsr": "#e45756", "watch": "#f2cf5b"}


def _shading(diagnosis: Diagnosis) -> alt.Chart | None:
    runs = episodes(diagnosis)
    if runs.empty:
        return None
    rects = pd.DataFrame({
        "start": [p.start_time for p in runs["start"]],
        "end": [(p + 1).start_time for p in runs["end"]],
        "verdict": runs["verdict"].map({"bsr": "balance-sheet recession", "watch": "watch"}),
    })
    shade: alt.Chart = alt.Chart(rects).mark_rect(opacity=0.18).encode(
        x="start:T", x2="end:T",
        color=alt.Color("verdict:N", title="Diagnosis",
                        scale=alt.Scale(domain=["balance-sheet recession", "watch"],
                                        range=[_SHADE["bsr"], _SHADE["watch"]])),
    )
    return shade


def balances_chart(balances: SectoralBalances, diagnosis: Diagnosis | None = None, *,
                   title: str) -> alt.LayerChart:
    """Sectoral financial balances over time, shaded by the diagnosed periods.

    Parameters
    ----------
    balances : SectoralBalances
        From :func:`debtcycle.analytics.bsr.balances_from_accounts` or ``..._flow_of_funds``.
    diagnosis : Diagnosis, optional
        Periods diagnosed ``bsr`` / ``watch`` are shaded.
    title : str
        Chart title.
    """
    cols = [c for c in ("private", "government", "foreign", "households", "nonfin_corp")
            if c in balances.balances.columns]
    data = balances.balances[cols].reset_index()
    data["date"] = data["period"].map(lambda p: p.start_time)
    long = data.drop(columns="period").melt(id_vars="date", var_name="sector",
                                            value_name="pct_gdp").dropna()
    long["sector"] = long["sector"].map(_LABELS)
    long["kind"] = long["sector"].isin(["Households", "Non-financial corporations"]).map(
        {True: "sub-sector", False: "sector"})
    lines = alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("pct_gdp:Q", title="Financial surplus (+) / deficit (-), % of GDP"),
        strokeDash=alt.StrokeDash("kind:N", title=None),
        detail="sector:N",
        tooltip=["date:T", "sector:N", alt.Tooltip("pct_gdp:Q", format=".1f")],
    ).encode(alt.Color("sector:N", title="Sector", legend=alt.Legend(orient="right")))
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="gray").encode(y="y:Q")
    layers: list[alt.Chart] = []
    shade = _shading(diagnosis) if diagnosis is not None else None
    if shade is not None:
        layers.append(shade)
    layers += [zero, lines]
    chart: alt.LayerChart = alt.layer(*layers).resolve_scale(color="independent").properties(
        title=title, width=680, height=340)
    return chart


def comparison_chart(comparison: EventComparison, *, title: str) -> alt.FacetChart:
    """Small multiples: each indicator of both countries against years since the property peak.

    Parameters
    ----------
    comparison : EventComparison
        From :func:`debtcycle.analytics.bsr.compare.compare_event_time`.
    title : str
        Chart title.
    """
    frame = comparison.to_frame()
    stacked = frame.stack(level=["indicator", "country"], future_stack=True)
    long = pd.Series(stacked, name="value").reset_index().dropna()
    long["panel"] = long["indicator"].map(
        lambda n: f"{INDICATORS[n][1]} ({INDICATORS[n][2]})")
    base = alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("event_time:Q", title="Years since the property-price peak"),
        y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False)),
        color=alt.Color("country:N", title="Country"),
        tooltip=["country:N", "event_time:Q", alt.Tooltip("value:Q", format=".1f")],
    ).properties(width=230, height=150)
    faceted: alt.FacetChart = base.facet(
        facet=alt.Facet("panel:N", title=None), columns=3).resolve_scale(
        y="independent").properties(title=title)
    return faceted
