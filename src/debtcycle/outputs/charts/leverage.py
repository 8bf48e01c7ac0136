"""Chart: sector leverage over time (stacked areas for households, firms, government)."""

from __future__ import annotations

import altair as alt
import pandas as pd

__all__ = ["sector_leverage_chart"]

_ORDER = ["households", "nonfin_corp", "general_gov"]
_LABELS = {
    "households": "Households",
    "nonfin_corp": "Non-financial corporations",
    "general_gov": "General government",
}


def sector_leverage_chart(frame: pd.DataFrame, *, title: str) -> alt.LayerChart:
    """Stacked debt/GDP of households, firms and government, with the total as a line.

    Only periods where every sector is reported are drawn, so the stack never
    jumps when a sector series begins.

    Parameters
    ----------
    frame : DataFrame
        One column per sector on a PeriodIndex (from :func:`debtcycle.panel`).
    title : str
        Chart title.
    """
    cols = [c for c in _ORDER if c in frame.columns]
    data = frame[cols].dropna(how="any")  # stack only where every sector is reported
    long = data.reset_index().melt(id_vars="period", var_name="sector", value_name="debt_gdp")
    long["date"] = long["period"].dt.to_timestamp()
    long["sector"] = long["sector"].map(_LABELS)
    long = long.drop(columns="period").dropna()
    base = alt.Chart(long).encode(x=alt.X("date:T", title=None))
    area = base.mark_area(opacity=0.8).encode(
        y=alt.Y("debt_gdp:Q", stack="zero", title="Debt, % of GDP"),
        color=alt.Color("sector:N", sort=[_LABELS[c] for c in cols], title="Sector"),
        order=alt.Order("sector:N"),
        tooltip=["date:T", "sector:N", alt.Tooltip("debt_gdp:Q", format=".1f")],
    )
    layers: list[alt.Chart] = [area]
    if "total_nonfin" in frame.columns:
        total = frame["total_nonfin"].loc[data.index].dropna().reset_index()
        total["date"] = total["period"].dt.to_timestamp()
        total = total.drop(columns="period")
        layers.append(
            alt.Chart(total)
            .mark_line(color="black", strokeDash=[4, 2])
            .encode(
                x="date:T",
                y="total_nonfin:Q",
                tooltip=["date:T", alt.Tooltip("total_nonfin:Q", format=".1f")],
            )
        )
    return alt.layer(*layers).properties(title=title, width=640, height=320)
