"""Charts of fiscal scenarios and of CBO's baseline changes.

Debt fans with history before them (baseline and scenario side by side), lever
contributions, growth and yields; every chart carries a footnote with its
source and vintage (:func:`debtcycle.outputs.charts._render.with_footnote`).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from debtcycle.analytics.scenarios import FanChart, ScenarioResult, StressTests
from debtcycle.analytics.scenarios.changes import BaselineChanges
from debtcycle.outputs.charts._render import with_footnote

#: Fixed colours so that every panel agrees.
PATH_COLORS = alt.Scale(domain=["history", "baseline", "scenario", "median"],
                        range=["#7f7f7f", "#4c78a8", "#f58518", "#54a24b"])

__all__ = ["baseline_fan_chart", "changes_chart", "debt_fan_chart", "growth_yield_chart",
           "lever_chart", "scenario_chart", "stress_chart"]


def debt_fan_chart(fan: FanChart, lines: dict[str, pd.Series], *, title: str,
                   history: pd.Series | None = None) -> alt.LayerChart:
    """Debt, % of GDP: 5-95 and 25-75 percentile bands with median and named lines.

    Parameters
    ----------
    fan : FanChart
        Percentiles by year.
    lines : dict
        Label -> Series of debt by year (e.g. baseline and scenario).
    title : str
    history : Series, optional
        Observed debt by year, drawn before the fan.
    """
    if history is not None and len(history):
        lines = {"history": history, **lines}
    pct = fan.percentiles.reset_index()
    base = alt.Chart(pct).encode(x=alt.X("year:O", title=None))
    outer = base.mark_area(opacity=0.2, color="#4c78a8").encode(
        y=alt.Y("p5:Q", title="Debt, % of GDP", scale=alt.Scale(zero=False)), y2="p95:Q")
    inner = base.mark_area(opacity=0.35, color="#4c78a8").encode(y="p25:Q", y2="p75:Q")
    long = pd.concat([s.rename("debt_gdp").reset_index().assign(path=label)
                      for label, s in lines.items()], ignore_index=True)
    line = alt.Chart(long).mark_line(point=True).encode(
        x="year:O", y="debt_gdp:Q", color=alt.Color("path:N", title=None, scale=PATH_COLORS),
        tooltip=["year:O", "path:N", alt.Tooltip("debt_gdp:Q", format=".1f")])
    return alt.layer(outer, inner, line).properties(
        title=f"{title} (bands: 5-95 and 25-75 percentiles)", width=560, height=300)


def baseline_fan_chart(fan: FanChart, *, title: str, baseline_source: str,
                       history: pd.Series | None = None) -> alt.VConcatChart:
    """Draw the baseline's debt fan with observed debt before it and a source footnote."""
    chart = debt_fan_chart(fan, {"median": fan.percentiles["p50"]}, title=title, history=history)
    years = fan.provenance.get("shock_years", ["?", "?"])
    return with_footnote(chart, notes=[
        f"Baseline: {baseline_source}. Projection, not an outturn.",
        f"Shocks: historical innovations {years[0]}-{years[-1]} (primary balance AR(1), "
        f"effective rate cumulated); {fan.params.get('paths')} paths, seed "
        f"{fan.params.get('seed')}. History: observed debt held by the public."])


def lever_chart(contributions: pd.DataFrame, *, title: str) -> alt.Chart:
    """Stacked bars: each lever's GDP-level effect (%) by year."""
    chart: alt.Chart = alt.Chart(contributions).mark_bar().encode(
        x=alt.X("year:O", title=None), y=alt.Y("output:Q", title="GDP level effect, %"),
        color=alt.Color("lever:N", title="Lever"),
        tooltip=["year:O", "lever:N", alt.Tooltip("output:Q", format=".2f"),
                 alt.Tooltip("impulse:Q", format=".2f", title="impulse, % of GDP")],
    ).properties(title=title, width=560, height=220)
    return chart


def growth_yield_chart(baseline: pd.DataFrame, scenario: pd.DataFrame, *, title: str,
                       history: pd.DataFrame | None = None) -> alt.FacetChart:
    """Real GDP growth and 10-year yield, baseline vs scenario (two panels).

    ``history`` (optional, same two columns by year) is drawn before the projection.
    """
    parts = []
    frames = [("baseline", baseline), ("scenario", scenario)]
    if history is not None and len(history):
        frames.insert(0, ("history", history))
    for label, frame in frames:
        part = frame[["real_gdp_growth", "yield_10y"]].reset_index().melt(
            id_vars="year", var_name="measure", value_name="value")
        parts.append(part.assign(path=label))
    long = pd.concat(parts, ignore_index=True)
    long["measure"] = long["measure"].map({"real_gdp_growth": "Real GDP growth, %",
                                           "yield_10y": "10-year yield, %"})
    chart: alt.FacetChart = alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("year:O", title=None), y=alt.Y("value:Q", title=None,
                                              scale=alt.Scale(zero=False)),
        color=alt.Color("path:N", title=None, scale=PATH_COLORS),
        strokeDash=alt.StrokeDash("path:N", legend=None),
        tooltip=["year:O", "path:N", alt.Tooltip("value:Q", format=".2f")],
    ).properties(width=270, height=200).facet(
        column=alt.Column("measure:N", title=None)).resolve_scale(y="independent").properties(
        title=title)
    return chart


def scenario_chart(result: ScenarioResult, *, title: str,
                   history: pd.DataFrame | None = None) -> alt.VConcatChart:
    """Debt fan with baseline and scenario, lever contributions, growth and yields.

    ``history``: observed ``real_gdp_growth`` and ``yield_10y`` by year (optional).
    """
    debt_history = None
    if history is not None and "debt_gdp" in history.columns:
        debt_history = history["debt_gdp"].dropna()
    fan_base = debt_fan_chart(result.fan_baseline, {"baseline": result.baseline["debt_gdp"]},
                              title="Baseline", history=debt_history).properties(width=270)
    fan = debt_fan_chart(result.fan, {"baseline": result.baseline["debt_gdp"],
                                      "scenario": result.scenario["debt_gdp"]},
                         title="Scenario", history=debt_history).properties(width=270)
    fans = alt.hconcat(fan_base, fan).resolve_scale(y="shared").properties(
        title=f"{title}: government debt, % of GDP")
    levers = lever_chart(result.contributions, title="Lever contributions to the GDP level")
    paths = growth_yield_chart(result.baseline, result.scenario, title="Growth and yields",
                               history=history)
    body = alt.vconcat(fans, levers, paths).resolve_scale(color="independent")
    notes = [f"Baseline: {result.provenance.get('baseline')}.",
             "Fans: 5-95 and 25-75 percentiles of simulated debt (historical shocks, seeded); "
             "history: observed debt held by the public (CBO historical budget data) and FRED "
             "GDPC1/DGS10."]
    return with_footnote(body, notes=notes)


def changes_chart(changes: BaselineChanges) -> alt.VConcatChart:
    """Stacked bars by fiscal year: CBO's legislative, economic and technical changes ($ bn).

    One panel per component (customs duties, revenues, outlays, net interest, deficit).
    """
    long = changes.frame.reset_index().melt(id_vars=["year", "category"], var_name="component",
                                            value_name="usd_bn")
    names = {"revenues": "Revenues", "customs_duties": "Customs duties", "outlays": "Outlays",
             "net_interest": "Net interest", "deficit": "Deficit (balance; - = larger)"}
    long["component"] = long["component"].map(names)
    bars = alt.Chart(long).mark_bar().encode(
        x=alt.X("year:O", title=None), y=alt.Y("usd_bn:Q", title="$ bn"),
        color=alt.Color("category:N", title="CBO category"),
        tooltip=["year:O", "component:N", "category:N", alt.Tooltip("usd_bn:Q", format=",.1f")],
    ).properties(width=180, height=160).facet(
        facet=alt.Facet("component:N", title=None, sort=list(names.values())), columns=3
    ).properties(title=f"CBO baseline changes, {changes.start} to {changes.end}")
    return with_footnote(bars, notes=[
        f"Source: {changes.provenance.get('source')}; CBO, baselines of {changes.start} and "
        f"{changes.end} (vintage {changes.end}).",
        "Technical changes in customs duties are the 2025 tariffs as CBO recorded them; "
        "legislative changes are mainly P.L. 119-21."], width=600)


def stress_chart(stress: StressTests, *, title: str) -> alt.Chart:
    """Debt paths under the standard stress tests."""
    long = stress.paths.reset_index().melt(id_vars="year", var_name="test",
                                           value_name="debt_gdp")
    chart: alt.Chart = alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("year:O", title=None), y=alt.Y("debt_gdp:Q", title="Debt, % of GDP",
                                              scale=alt.Scale(zero=False)),
        color=alt.Color("test:N", title="Stress test"),
        tooltip=["year:O", "test:N", alt.Tooltip("debt_gdp:Q", format=".1f")],
    ).properties(title=title, width=560, height=300)
    return chart
