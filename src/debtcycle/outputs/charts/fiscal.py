"""Charts of fiscal scenarios: debt fan with baseline, lever contributions, growth and yields."""

from __future__ import annotations

import altair as alt
import pandas as pd

from debtcycle.analytics.scenarios import FanChart, ScenarioResult, StressTests

#: Fixed colours so that every panel agrees.
PATH_COLORS = alt.Scale(domain=["history", "baseline", "scenario", "median"],
                        range=["#7f7f7f", "#4c78a8", "#f58518", "#54a24b"])

__all__ = ["debt_fan_chart", "growth_yield_chart", "lever_chart", "scenario_chart",
           "stress_chart"]


def debt_fan_chart(fan: FanChart, lines: dict[str, pd.Series], *, title: str) -> alt.LayerChart:
    """Debt, % of GDP: 5-95 and 25-75 percentile bands with median and named lines.

    Parameters
    ----------
    fan : FanChart
        Percentiles by year.
    lines : dict
        Label -> Series of debt by year (e.g. baseline and scenario).
    title : str
    """
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
    fan = debt_fan_chart(result.fan, {"baseline": result.baseline["debt_gdp"],
                                      "scenario": result.scenario["debt_gdp"]},
                         title=f"{title}: government debt, % of GDP")
    levers = lever_chart(result.contributions, title="Lever contributions to the GDP level")
    paths = growth_yield_chart(result.baseline, result.scenario, title="Growth and yields",
                               history=history)
    chart: alt.VConcatChart = alt.vconcat(fan, levers, paths).resolve_scale(color="independent")
    return chart


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
