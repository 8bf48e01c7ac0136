"""Charts: credit-to-GDP gap with buffer thresholds, DSR deviations, crisis probability."""

from __future__ import annotations

import altair as alt
import pandas as pd

from debtcycle.analytics.gaps.credit_gap import BUFFER_HIGH, BUFFER_LOW

__all__ = ["auroc_chart", "credit_gap_chart", "dsr_chart", "evaluation_chart", "probability_chart"]


def _long(frame: pd.DataFrame, value: str, var: str) -> pd.DataFrame:
    data = frame.copy()
    data.index = data.index.to_timestamp() if isinstance(data.index, pd.PeriodIndex) else data.index
    long = data.rename_axis("date").reset_index().melt(
        id_vars="date", var_name=var, value_name=value
    )
    return long.dropna()


def credit_gap_chart(gaps: pd.DataFrame, *, title: str) -> alt.LayerChart:
    """Credit-to-GDP gap of one or more countries with the Basel buffer thresholds (2 and 10 pp).

    Parameters
    ----------
    gaps : DataFrame
        One column per country (gap in pp) on a PeriodIndex.
    title : str
        Chart title.
    """
    long = _long(gaps, "gap", "country")
    lines = alt.Chart(long).mark_line().encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("gap:Q", title="Credit-to-GDP gap, pp"),
        color=alt.Color("country:N", title="Country"),
        tooltip=["date:T", "country:N", alt.Tooltip("gap:Q", format=".1f")],
    )
    rules = pd.DataFrame({"threshold": [BUFFER_LOW, BUFFER_HIGH],
                          "label": ["buffer starts (2 pp)", "full buffer (10 pp)"]})
    rule = alt.Chart(rules).mark_rule(strokeDash=[4, 3], color="firebrick").encode(
        y="threshold:Q", tooltip=["label:N"]
    )
    return alt.layer(lines, rule).properties(title=title, width=640, height=300)


def dsr_chart(deviations: pd.DataFrame, *, title: str) -> alt.LayerChart:
    """Debt service ratio deviations from each series' own long-run mean (pp).

    Parameters
    ----------
    deviations : DataFrame
        One column per series label (e.g. ``"US households"``) on a PeriodIndex.
    title : str
        Chart title.
    """
    long = _long(deviations, "deviation", "series")
    lines = alt.Chart(long).mark_line().encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("deviation:Q", title="DSR minus own long-run mean, pp"),
        color=alt.Color("series:N", title="Series"),
        tooltip=["date:T", "series:N", alt.Tooltip("deviation:Q", format=".2f")],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="gray").encode(y="y:Q")
    return alt.layer(lines, zero).properties(title=title, width=640, height=300)


def probability_chart(
    probability: pd.Series, *, title: str, crises: list[pd.Period] | None = None
) -> alt.LayerChart:
    """Predicted crisis probability over time, with crisis start dates as vertical rules.

    Parameters
    ----------
    probability : Series
        Probability (0-1) on a PeriodIndex.
    title : str
        Chart title.
    crises : list of Period, optional
        Crisis start periods to mark.
    """
    frame = probability.rename("crisis probability").to_frame()
    long = _long(frame, "probability", "model")
    line = alt.Chart(long).mark_line().encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("probability:Q", title="Crisis probability", axis=alt.Axis(format="%")),
        tooltip=["date:T", alt.Tooltip("probability:Q", format=".1%")],
    )
    layers: list[alt.Chart] = [line]
    if crises:
        marks = pd.DataFrame({"date": [p.to_timestamp() for p in crises]})
        layers.append(alt.Chart(marks).mark_rule(color="firebrick").encode(x="date:T"))
    return alt.layer(*layers).properties(title=title, width=640, height=260)


def auroc_chart(table: pd.DataFrame, *, title: str) -> alt.LayerChart:
    """AUROC by horizon and signal with confidence intervals; 0.5 (no skill) as a rule.

    Parameters
    ----------
    table : DataFrame
        Columns ``horizon``, ``signal``, ``auroc``, ``ci_low``, ``ci_high``
        (from :class:`~debtcycle.analytics.gaps.ewm.bis_panel.EwmEvaluation`).
    title : str
        Chart title.
    """
    data = table[["horizon", "signal", "auroc", "ci_low", "ci_high"]]
    base = alt.Chart(data).encode(
        x=alt.X("horizon:N", title="Years before the crisis starts"),
        xOffset=alt.XOffset("signal:N"),
        color=alt.Color("signal:N", title="Signal"),
    )
    points = base.mark_point(filled=True, size=60).encode(
        y=alt.Y("auroc:Q", title="AUROC", scale=alt.Scale(domain=[0.2, 1.0])),
        tooltip=["horizon:N", "signal:N", alt.Tooltip("auroc:Q", format=".3f"),
                 alt.Tooltip("ci_low:Q", format=".3f"), alt.Tooltip("ci_high:Q", format=".3f")],
    )
    bars = base.mark_rule().encode(y="ci_low:Q", y2="ci_high:Q")
    half = alt.Chart(pd.DataFrame({"y": [0.5]})).mark_rule(color="gray", strokeDash=[4, 3])
    return alt.layer(bars, points, half.encode(y="y:Q")).properties(
        title=title, width=480, height=280
    )


def evaluation_chart(table: pd.DataFrame, *, title: str) -> alt.LayerChart:
    """In-sample, leave-one-country-out, real-time and raw-gap AUROC per model and horizon.

    Parameters
    ----------
    table : DataFrame
        :meth:`~debtcycle.analytics.gaps.ewm.evaluate.EwmEvaluations.to_frame`
        (columns ``label``, ``horizon_quarters``, ``in_sample``, ``loco``,
        ``real_time``, ``raw_benchmark``).
    title : str
        Chart title.
    """
    names = {"in_sample": "in-sample", "loco": "leave-one-country-out",
             "real_time": "real-time", "raw_benchmark": "raw credit gap (real-time rows)"}
    data = table.assign(model="quarters " + table["horizon_quarters"] + " | " + table["label"])
    long = data.melt(id_vars=["model"], value_vars=list(names), var_name="kind",
                     value_name="auroc").dropna()
    long["kind"] = long["kind"].map(names)
    points = alt.Chart(long).mark_point(filled=True, size=70).encode(
        y=alt.Y("model:N", title=None, axis=alt.Axis(labelLimit=480)),
        x=alt.X("auroc:Q", title="AUROC", scale=alt.Scale(domain=[0.3, 0.9])),
        color=alt.Color("kind:N", title="Evaluation"),
        tooltip=["model:N", "kind:N", alt.Tooltip("auroc:Q", format=".3f")],
    )
    half = alt.Chart(pd.DataFrame({"x": [0.5]})).mark_rule(color="gray", strokeDash=[4, 3])
    return alt.layer(points, half.encode(x="x:Q")).properties(title=title, width=520,
                                                              height=260)
