"""Render an Altair chart to interactive HTML and static PNG/SVG/PDF, offline.

Altair's HTML embeds Vega from a CDN by default; we inline the JavaScript
(``inline=True``, served by vl-convert) so the file works without a network.
Static images come from vl-convert, which needs no browser.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import altair as alt

__all__ = [
    "PUBLISHERS",
    "SECTOR_LABELS",
    "measure_label",
    "save_chart",
    "sector_label",
    "source_lines",
    "time_domain",
    "time_x",
    "unit_label",
    "with_footnote",
]


def save_chart(
    chart: alt.TopLevelMixin, path: str | Path, *, formats: tuple[str, ...] = ("html", "png")
) -> list[Path]:
    """Write ``chart`` next to ``path`` in each format and return the files written.

    Parameters
    ----------
    chart : altair chart
        The chart spec.
    path : str or Path
        Target path; its suffix is replaced by each format's (``out/cn.html``
        gives ``out/cn.html`` and ``out/cn.png``).
    formats : tuple of str
        Any of ``html``, ``png``, ``svg``, ``pdf``.
    """
    base = Path(path)
    base.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        target = base.with_suffix(f".{fmt}")
        if fmt == "html":
            chart.save(str(target), format="html", inline=True)
        elif fmt == "png":
            chart.save(str(target), format="png", scale_factor=2)
        else:
            chart.save(str(target), format=fmt)  # type: ignore[arg-type]
        written.append(target)
    return written


# --- Shared chart conventions: human labels, source footnotes, one time axis -------------

#: Publisher names for footnotes, by the store's ``source`` code.
PUBLISHERS: dict[str, str] = {
    "bis": "BIS",
    "fred": "FRED, Federal Reserve Bank of St. Louis",
    "imf": "IMF",
    "gmd": "Global Macro Database",
    "jst": "Jordà-Schularick-Taylor Macrohistory Database",
    "boj": "Bank of Japan",
    "cbo": "Congressional Budget Office",
    "budgetlab": "Yale Budget Lab",
    "laeven_valencia": "Laeven and Valencia, IMF",
    "equity": "Exchange index data",
    "shiller": "Robert J. Shiller, Irrational Exuberance data",
    "investing": "Investing.com",
}

#: Short sector names for axes and legends (vocab.SECTORS holds the long definitions).
SECTOR_LABELS: dict[str, str] = {
    "total_nonfin": "Total non-financial sector",
    "private_nonfin": "Private non-financial sector",
    "households": "Households",
    "nonfin_corp": "Non-financial corporations",
    "general_gov": "General government",
    "central_gov": "Central government",
    "local_gov": "Local government",
    "economy": "Whole economy",
}

_UNIT_LABELS: dict[str, str] = {
    "pct_gdp": "% of GDP", "pp": "pp", "pct": "%", "pct_income": "% of income",
    "index_2010": "index", "index": "index", "lcu_bn": "bn, local currency",
    "lcu": "local currency", "usd_bn": "USD bn", "ratio": "ratio", "flag": "0/1",
    "millions": "millions", "lcu_per_usd": "per USD",
}

_MEASURE_LABELS: dict[str, str] = {
    "debt_gdp": "Debt",
    "house_price_real": "Real house prices",
    "house_price_nominal": "Nominal house prices",
    "credit_gap": "Credit-to-GDP gap",
    "credit_ratio": "Credit-to-GDP ratio",
    "credit_trend": "Credit-to-GDP trend",
    "dsr": "Debt service ratio",
    "policy_rate": "Policy rate",
    "yield_10y": "10-year government bond yield",
    "gdp_real": "Real GDP",
    "gdp_nominal": "Nominal GDP",
    "cpi": "Consumer prices",
    "ca_gdp": "Current account balance",
    "gov_balance_gdp": "Government balance",
    "debt_public_gdp": "Government debt held by the public",
}


def sector_label(code: str) -> str:
    """Return a sector's human name (``private_nonfin`` -> ``Private non-financial sector``)."""
    return SECTOR_LABELS.get(code, code.replace("_", " ").capitalize())


def unit_label(unit: str) -> str:
    """Return the human name of a unit code (``pct_gdp`` -> ``% of GDP``)."""
    return _UNIT_LABELS.get(unit, unit.replace("_", " "))


def measure_label(code: str, unit: str | None = None) -> str:
    """Return a measure's name and unit (``house_price_real`` -> ``Real house prices (index)``).

    Names come from the vocabulary (:data:`debtcycle.vocab.MEASURES`), shortened
    for the common measures; the unit defaults to the measure's canonical unit.
    """
    from debtcycle.vocab import MEASURES

    measure = MEASURES.get(code)
    name = _MEASURE_LABELS.get(code) or (measure.description if measure else code)
    shown = unit if unit is not None else (measure.unit if measure else "")
    return f"{name} ({unit_label(shown)})" if shown else name


def _infos(provenance: Any) -> list[dict[str, Any]]:
    """Every series-metadata dict inside ``provenance`` (nested dicts and lists walked)."""
    if isinstance(provenance, dict):
        if "source" in provenance and ("series_key" in provenance or "dataset" in provenance):
            return [provenance]
        return [i for v in provenance.values() for i in _infos(v)]
    if isinstance(provenance, list | tuple):
        return [i for v in provenance for i in _infos(v)]
    return []


def source_lines(provenance: Any, *, max_keys: int = 4) -> list[str]:
    """Return footnote lines: one per publisher and dataset, with series keys and vintage.

    Parameters
    ----------
    provenance : dict or list
        A result's ``provenance`` or a series' ``attrs["info"]`` (any nesting).
    max_keys : int
        Series keys listed per dataset before "and N more".

    Examples
    --------
    >>> source_lines({"source": "bis", "dataset": "WS_TC", "series_key": "Q:CN:H:A:M:770:A",
    ...               "vintage": "data to 2025-Q4"})
    ['Source: BIS, WS_TC (Q:CN:H:A:M:770:A); data to 2025-Q4.']
    """
    groups: dict[tuple[str, str], dict[str, list[str]]] = {}
    for info in _infos(provenance):
        key = (str(info.get("source", "")), str(info.get("dataset", "")))
        group = groups.setdefault(key, {"keys": [], "vintages": []})
        for field_name, bucket in (("series_key", "keys"), ("vintage", "vintages")):
            value = str(info.get(field_name) or "")
            if value and value not in group[bucket]:
                group[bucket].append(value)
    lines = []
    for (source, dataset), group in groups.items():
        keys = group["keys"][:max_keys]
        more = len(group["keys"]) - len(keys)
        listed = ", ".join(keys) + (f" and {more} more" if more > 0 else "")
        what = f"{PUBLISHERS.get(source, source)}, {dataset}" + (f" ({listed})" if listed else "")
        vintage = "; ".join(group["vintages"])
        lines.append(f"{what}" + (f"; {vintage}" if vintage else "") + ".")
    if not lines:
        return []
    lines[0] = ("Source: " if len(lines) == 1 else "Sources: ") + lines[0]
    return lines


Chartable = alt.Chart | alt.LayerChart | alt.ConcatChart | alt.HConcatChart | alt.VConcatChart


def with_footnote(
    chart: Chartable, provenance: Any = None, *, notes: Sequence[str] = (),
    width: int = 640,
) -> alt.VConcatChart:
    """Return ``chart`` with a footnote below it: sources and vintages, then ``notes``.

    Parameters
    ----------
    chart : altair chart
        The chart (layer, concat or single view).
    provenance : dict or list, optional
        Where the data came from (see :func:`source_lines`).
    notes : sequence of str
        Extra lines (e.g. "Government at nominal value; the total at market value.").
    width : int
        Width of the footnote block (the chart's width).
    """
    import pandas as pd

    paragraphs = [*source_lines(provenance), *(n for n in notes if n)]
    if not paragraphs:
        paragraphs = ["Source: not recorded."]
    chars = max(40, width // 6)  # about 6 px per character at 10 px
    lines = [ln for p in paragraphs for ln in textwrap.wrap(p, chars, subsequent_indent="  ")]
    text = pd.DataFrame({"line": lines, "row": range(len(lines))})
    foot = (
        alt.Chart(text)
        .mark_text(align="left", baseline="top", fontSize=10, color="#555555")
        .encode(x=alt.value(0), y=alt.Y("row:O", axis=None), text="line:N")
        .properties(width=width, height=13 * len(lines), view=alt.ViewBackground(stroke=None))
    )
    config = chart.config if isinstance(chart, alt.TopLevelMixin) else alt.Undefined
    if config is not alt.Undefined:  # top-level settings move to the combined chart
        chart = chart.copy(deep=False)
        chart.config = alt.Undefined
    combined = alt.vconcat(chart, foot, spacing=4)
    if config is not alt.Undefined:
        combined.config = config
    return combined


def time_domain(*frames: Any) -> tuple[str, str]:
    """Return the first and last dates (ISO) over frames/series indexed by period or date.

    Pass every panel's data so the panels of one chart share one time axis.
    """
    import pandas as pd

    starts, ends = [], []
    for frame in frames:
        index = frame.index if hasattr(frame, "index") else pd.Index(frame)
        if len(index) == 0:
            continue
        if isinstance(index, pd.PeriodIndex):
            starts.append(index.min().start_time)
            ends.append(index.max().start_time)
        else:
            stamps = pd.to_datetime(index)
            starts.append(stamps.min())
            ends.append(stamps.max())
    if not starts:
        raise ValueError("time_domain needs at least one non-empty frame")
    return min(starts).date().isoformat(), max(ends).date().isoformat()


def time_x(
    field: str = "date", *, domain: tuple[str, str] | None = None, quarterly: bool = False,
    title: str | None = None,
) -> alt.X:
    """Return the shared x encoding of a time axis.

    Parameters
    ----------
    field : str
        Temporal column (period start dates).
    domain : tuple of str, optional
        ``(first, last)`` ISO dates from :func:`time_domain`, the same for
        every panel of a chart.
    quarterly : bool
        Label ticks as quarters (``2009 Q3``) instead of months.
    title : str, optional
        Axis title (default none: dates need no title).
    """
    axis = alt.Axis(format="%Y Q%q", labelAngle=0) if quarterly else alt.Axis(format="%Y")
    scale = alt.Scale(domain=list(domain)) if domain else alt.Undefined
    return alt.X(f"{field}:T", title=title, axis=axis, scale=scale)
