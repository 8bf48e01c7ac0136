"""Chart: sector leverage over time (stacked households, firms, government; the total as a line).

The stack and the total are drawn on the valuation basis the data carry; when
the sectors do not add up to the total (e.g. government at nominal value, the
total at market value), the sum of the sectors is drawn as its own named line
so the difference is visible, and the footnote says why.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from debtcycle.outputs.charts._render import (
    sector_label,
    time_domain,
    time_x,
    with_footnote,
)

__all__ = ["leverage_chart", "sector_leverage_chart"]

_ORDER = ["households", "nonfin_corp", "general_gov"]
_COLOURS = {"households": "#4c78a8", "nonfin_corp": "#f58518", "general_gov": "#54a24b"}
_TOTAL = "Total non-financial sector (BIS)"
_SUM = "Sum of the three sectors"
_NOTE_PP = 0.5  # BIS rounds each ratio to 0.1: four rounded series differ by up to 0.2
_DRAW_PP = 1.0  # a gap this large is drawn as its own line, not only named


def _valuation_notes(info: dict[str, Any]) -> list[str]:
    by_basis: dict[str, list[str]] = {}
    for sector, meta in info.items():
        value = str(meta.get("valuation", "")) if isinstance(meta, dict) else ""
        if value and sector in (*_ORDER, "total_nonfin"):
            by_basis.setdefault(value, []).append(sector_label(sector).lower())
    parts = [f"{basis} value for {', '.join(names)}" for basis, names in by_basis.items()]
    return [f"Valuation of debt securities: {'; '.join(parts)}."] if parts else []


def sector_leverage_chart(
    data: pd.DataFrame | Any, *, title: str, notes: tuple[str, ...] = ()
) -> alt.VConcatChart:
    """Stacked debt/GDP of households, firms and government, with the total as a line.

    Only periods where every sector is reported are stacked, so the stack never
    jumps when a sector series begins.  If the sectors differ from the total
    by more than rounding (0.5 pp) anywhere, the footnote says by how much; by
    more than 1 pp, their sum is also drawn as a dashed line named in the
    legend.  The footnote gives sources, series keys, vintages and each
    sector's valuation.

    Parameters
    ----------
    data : DataFrame or LeverageSnapshot
        One column per sector on a PeriodIndex (``attrs["info"]`` per sector,
        as :func:`debtcycle.facade.leverage.sector_debt` returns it), or the
        result of :func:`debtcycle.leverage` (its ``history``).
    title : str
        Chart title.
    notes : tuple of str
        Extra footnote lines.
    """
    frame = data if isinstance(data, pd.DataFrame) else data.history
    if frame is None or frame.empty:
        raise ValueError("sector_leverage_chart needs the sector series (history)")
    info = dict(frame.attrs.get("info", {}))
    cols = [c for c in _ORDER if c in frame.columns]
    stacked = frame[cols].dropna(how="any")  # stack only where every sector is reported
    domain = time_domain(stacked)
    names = [sector_label(c) for c in cols]
    colours = [_COLOURS[c] for c in cols]
    long = stacked.reset_index().melt(id_vars="period", var_name="code", value_name="debt_gdp")
    long["date"] = long["period"].dt.to_timestamp()
    long["series"] = long["code"].map(sector_label)
    long["order"] = long["code"].map({c: i for i, c in enumerate(cols)})
    long = long.drop(columns="period")
    lines: list[pd.DataFrame] = []
    if "total_nonfin" in frame.columns:
        lines.append(_line(frame["total_nonfin"].reindex(stacked.index), _TOTAL))
        names, colours = [*names, _TOTAL], [*colours, "black"]
        gap = stacked.sum(axis=1) - frame["total_nonfin"].reindex(stacked.index)
        if len(cols) == len(_ORDER) and (gap.abs() > _DRAW_PP).any():
            lines.append(_line(stacked.sum(axis=1), _SUM))
            names, colours = [*names, _SUM], [*colours, "#9d755d"]
        if len(cols) == len(_ORDER) and (gap.abs() > _NOTE_PP).any():
            worst = gap.abs().idxmax()
            notes = (*notes, f"The sectors differ from the total by up to {gap[worst]:+.1f} pp "
                     f"({worst}); see each series' valuation.")
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=names, range=colours),
                       legend=alt.Legend(orient="bottom", columns=2))
    x = time_x(domain=domain, quarterly=str(getattr(frame.index, "freqstr", "")).startswith("Q"))
    area = alt.Chart(long).mark_area(opacity=0.8).encode(
        x=x,
        y=alt.Y("debt_gdp:Q", stack="zero", title="Debt, % of GDP"),
        color=colour,
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("date:T", title="Quarter", format="%Y Q%q"), "series:N",
                 alt.Tooltip("debt_gdp:Q", title="% of GDP", format=".1f")],
    )
    layers: list[alt.Chart] = [area]
    for line, dash in zip(lines, ([1, 0], [4, 2]), strict=False):
        layers.append(
            alt.Chart(line).mark_line(strokeDash=dash, strokeWidth=2).encode(
                x=x, y="debt_gdp:Q", color=colour,
                tooltip=[alt.Tooltip("date:T", title="Quarter", format="%Y Q%q"), "series:N",
                         alt.Tooltip("debt_gdp:Q", title="% of GDP", format=".1f")],
            )
        )
    chart = alt.layer(*layers).properties(title=title, width=640, height=320)
    return with_footnote(chart, info, notes=[*_valuation_notes(info), *notes])


def _line(values: pd.Series, name: str) -> pd.DataFrame:
    out = values.dropna().rename("debt_gdp").reset_index()
    out["date"] = out["period"].dt.to_timestamp()
    out["series"] = name
    return out.drop(columns="period")


def leverage_chart(result: Any, *, title: str | None = None) -> alt.VConcatChart:
    """Chart a :func:`debtcycle.leverage` result (its ``history``), with its valuation note."""
    from debtcycle.vocab import country_name

    name = country_name(result.country) if result.country else ""
    heading = title or f"{name}: debt by sector, % of GDP".strip(": ")
    return sector_leverage_chart(result.history, title=heading)
