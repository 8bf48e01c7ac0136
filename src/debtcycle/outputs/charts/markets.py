"""Charts: market lines over leverage-phase shading, and event-study fans with bands."""

from __future__ import annotations

import altair as alt
import pandas as pd

from debtcycle.analytics.markets import ALL_PERIODS, EventStudy, MarketPhases, ScenarioMarkets
from debtcycle.outputs.charts._render import with_footnote
from debtcycle.outputs.charts.phases import PHASE_COLORS

__all__ = ["event_chart", "markets_chart", "scenario_markets_chart"]

_TITLES = {"equity_real": "Equity price, real (log scale)",
           "equity_nominal": "Equity price, nominal (log scale)",
           "yield_10y": "10-year government bond yield, %",
           "equity": "Equity, event = 100",
           "bond_real": "Bond total return, real (log scale)"}


def _bands(table: pd.DataFrame, sector: str) -> pd.DataFrame:
    rows = table[(table["sector"] == sector) & (table["label"] != ALL_PERIODS)]
    return pd.DataFrame({
        "x": [pd.Period(p).start_time for p in rows["start"]],
        "x2": [pd.Period(p).end_time.normalize() for p in rows["end"]],
        "label": rows["label"].to_numpy(), "start": rows["start"].astype(str).to_numpy(),
        "end": rows["end"].astype(str).to_numpy()})


def _panel(levels: pd.DataFrame, bands: pd.DataFrame, variable: str, width: int
           ) -> alt.LayerChart:
    data = levels[levels["variable"] == variable]
    if not bands.empty:  # only the years the phases cover
        data = data[(data["date"] >= bands["x"].min()) & (data["date"] <= bands["x2"].max())]
    lo, hi = data["date"].min(), data["date"].max()
    shown = bands[(bands["x2"] >= lo) & (bands["x"] <= hi)]
    scale = alt.Scale(domain=list(PHASE_COLORS), range=list(PHASE_COLORS.values()))
    band = alt.Chart(shown).mark_rect(opacity=0.22).encode(
        x=alt.X("x:T", title=None), x2="x2:T",
        color=alt.Color("label:N", scale=scale, title="Leverage phase"),
        tooltip=["start:N", "end:N", "label:N"])
    log = variable != "yield_10y"
    line = alt.Chart(data).mark_line(color="black", strokeWidth=1).encode(
        x="date:T", y=alt.Y("value:Q", title=_TITLES.get(variable, variable),
                            scale=alt.Scale(type="log" if log else "linear", zero=False)),
        tooltip=["date:T", alt.Tooltip("value:Q", format=",.2f")])
    return alt.layer(band, line).properties(width=width, height=170)


def markets_chart(result: MarketPhases, *, sector: str | None = None, title: str = "",
                  width: int = 640) -> alt.VConcatChart:
    """Real equity prices and the 10-year yield over one sector's leverage phases.

    Parameters
    ----------
    result : MarketPhases
        From :func:`debtcycle.markets`.
    sector : str, optional
        Whose phases shade the panels (default: the first sector of the table).
    title : str
        Chart title.
    """
    sec = sector or str(result.table["sector"].iloc[0])
    bands = _bands(result.table, sec)
    variables = [v for v in ("equity_real", "yield_10y") if v in set(result.levels["variable"])]
    panels = [_panel(result.levels, bands, v, width) for v in variables]
    chart = alt.vconcat(*panels, spacing=6).properties(
        title=title or f"{result.country}: markets over {sec.replace('_', ' ')} leverage phases")
    return with_footnote(chart, result.provenance, notes=[
        "Shading: leverage phases of BIS debt/GDP (debtcycle phases). Equity deflated by CPI."],
        width=width)


def event_chart(result: EventStudy, *, title: str = "", width: int = 300) -> alt.VConcatChart:
    """Event-study fans: mean path, 25th-75th percentile band and range, per variable."""
    bands = result.bands.dropna(subset=["mean"])
    panels = []
    for variable in [v for v in ("equity", "equity_real", "yield_10y")
                     if v in set(bands["variable"])]:
        data = bands[bands["variable"] == variable]
        unit = "Years" if result.params.get("frequency") == "A" else "Quarters"
        base = alt.Chart(data).encode(x=alt.X("k:Q", title=f"{unit} from event"))
        ytitle = ("10-year yield, bp change from event" if variable == "yield_10y"
                  else _TITLES.get(variable, variable).replace(" (log scale)", "")
                  + (", event = 100" if variable == "equity_real" else ""))
        outer = base.mark_area(opacity=0.12, color="#1f77b4").encode(
            y=alt.Y("min:Q", title=ytitle), y2="max:Q")
        inner = base.mark_area(opacity=0.3, color="#1f77b4").encode(y="p25:Q", y2="p75:Q")
        mean = base.mark_line(color="#1f77b4").encode(
            y="mean:Q", tooltip=["k:Q", alt.Tooltip("mean:Q", format=".1f"), "n:Q"])
        rule = alt.Chart(pd.DataFrame({"k": [0]})).mark_rule(color="#888888").encode(x="k:Q")
        panels.append(alt.layer(outer, inner, mean, rule).properties(width=width, height=200))
    n = len(result.events)
    event = str(result.params.get("event", "")).replace("-", " ")
    chart = alt.hconcat(*panels).properties(
        title=title or f"Markets around {event or 'events'}: {n} episode{'s' if n != 1 else ''}")
    episodes = ", ".join(str(e) for e in result.events["episode"])
    return with_footnote(chart, result.provenance, notes=[
        f"Episodes: {episodes}. Line: mean; dark band: 25th-75th percentile; light: range."],
        width=width * max(1, len(panels)))


def scenario_markets_chart(result: ScenarioMarkets, *, title: str = "", width: int = 420
                           ) -> alt.VConcatChart:
    """Chart the scenario's implied equity-price change (central, range) and yield change."""
    data = result.table.reset_index()
    year = str(data.columns[0])
    data = data.rename(columns={year: "year"})
    base = alt.Chart(data).encode(x=alt.X("year:O", title=None))
    band = base.mark_area(opacity=0.25, color="#1f77b4").encode(
        y=alt.Y("equity_low_pct:Q", title="Equity prices vs baseline, %"), y2="equity_high_pct:Q")
    line = base.mark_line(color="#1f77b4", point=True).encode(
        y="equity_pct:Q", tooltip=["year:O", alt.Tooltip("equity_pct:Q", format="+.1f"),
                                   alt.Tooltip("equity_low_pct:Q", format="+.1f"),
                                   alt.Tooltip("equity_high_pct:Q", format="+.1f")])
    yields = base.mark_bar(color="#888888").encode(
        y=alt.Y("yield_change_bp:Q", title="10-year yield vs baseline, bp"),
        tooltip=["year:O", alt.Tooltip("yield_change_bp:Q", format="+.1f")])
    p = result.params
    chart = alt.vconcat(alt.layer(band, line).properties(width=width, height=180),
                        yields.properties(width=width, height=110)).properties(
        title=title or f"{result.country}: {p.get('scenario') or 'scenario'}, market channel")
    note = (f"Equity = earnings (beta {p['beta']:.2f}, 90% interval {p['beta_low']:.2f}-"
            f"{p['beta_high']:.2f}, x nominal GDP level) + discount rate (pass-through 0.5 of "
            f"the yield change, range 0-1; earnings yield {100 * p['earnings_yield']:.1f}%). "
            "Band: every combination of the beta interval and pass-through. A projection.")
    return with_footnote(chart, result.provenance, notes=[note], width=width)
