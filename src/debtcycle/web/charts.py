"""Dashboard charts: the Altair specs of ``outputs/charts`` drawn from one facade result each.

``CHARTS`` maps a chart name to the API route whose result it draws and a
function from that result to the chart; the dashboard asks
``/api/chart/<name>?<the route's parameters>`` and gets the Vega-Lite spec
(or a PNG with ``format=png``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import altair as alt

__all__ = ["CHARTS"]


def _name(code: str) -> str:
    from debtcycle.vocab import country_name

    return country_name(code)


def _leverage(result: Any, args: dict[str, Any]) -> alt.TopLevelMixin:
    from debtcycle.outputs.charts.leverage import leverage_chart

    return leverage_chart(result)


def _phases(result: Any, args: dict[str, Any]) -> alt.TopLevelMixin:
    from debtcycle.outputs.charts.phases import phases_chart

    return phases_chart(result.sectors, title=f"{_name(result.country)}: leverage phases")


def _compare(result: Any, args: dict[str, Any]) -> alt.TopLevelMixin:
    from debtcycle.outputs.charts.leverage_compare import comparison_chart

    return comparison_chart(result)


def _align(result: Any, args: dict[str, Any]) -> alt.TopLevelMixin:
    from debtcycle.outputs.charts.leverage_align import event_time_chart

    return event_time_chart(result)


def _decompose(result: Any, args: dict[str, Any]) -> alt.TopLevelMixin:
    from debtcycle.outputs.charts.leverage_decompose import decomposition_chart

    return decomposition_chart(result)


def _gap(result: Any, args: dict[str, Any]) -> alt.TopLevelMixin:
    import pandas as pd

    from debtcycle.outputs.charts.gaps import credit_gap_chart

    wide = pd.DataFrame({result.country: result.table["gap"]})
    return credit_gap_chart(wide, title=f"{_name(result.country)}: credit-to-GDP gap, pp, "
                            "with the Basel buffer thresholds")


def _balances(result: Any, args: dict[str, Any]) -> alt.TopLevelMixin:
    from debtcycle.outputs.charts.bsr import balances_chart

    return balances_chart(result, title=f"{_name(result.country)}: sectoral balances, % of GDP")


def _bsr_compare(result: Any, args: dict[str, Any]) -> alt.TopLevelMixin:
    from debtcycle.outputs.charts.bsr import comparison_chart

    return comparison_chart(result, title=f"{_name(result.follower)} vs "
                            f"{_name(result.reference)} since the property-price peak")


def _scenario(result: Any, args: dict[str, Any]) -> alt.TopLevelMixin:
    from debtcycle.outputs.charts.fiscal import scenario_chart

    return scenario_chart(result, title=str(result.params.get("name", "Scenario")))


def _markets(result: Any, args: dict[str, Any]) -> alt.TopLevelMixin:
    from debtcycle.outputs.charts.markets import markets_chart

    return markets_chart(result, title=f"{_name(result.country)}: markets by leverage phase")


#: chart name -> (route name, result -> chart)
CHARTS: dict[str, tuple[str, Callable[[Any, dict[str, Any]], alt.TopLevelMixin]]] = {
    "leverage": ("leverage", _leverage),
    "phases": ("phases", _phases),
    "compare": ("compare", _compare),
    "align": ("align", _align),
    "decompose": ("decompose", _decompose),
    "gap": ("gap", _gap),
    "balances": ("balances", _balances),
    "bsr_compare": ("bsr_compare", _bsr_compare),
    "markets": ("markets", _markets),
    "scenario": ("scenario", _scenario),
}
