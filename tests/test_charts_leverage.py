"""Leverage charts for a research note: footnotes, human labels, legends, axes, stack = total.

References: the series keys and vintages of the mirrored BIS WS_TC file (the
footnote must quote them); the BIS totals, which equal the sum of households,
firms and government at market value within rounding (0.5 pp: three ratios
rounded to 0.1 each plus the total's own rounding).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import debtcycle
from debtcycle.outputs.charts import save_chart
from debtcycle.outputs.charts._render import measure_label, sector_label, source_lines
from debtcycle.outputs.charts.leverage import leverage_chart
from debtcycle.outputs.charts.leverage_align import event_time_chart
from debtcycle.outputs.charts.leverage_compare import comparison_chart
from debtcycle.outputs.charts.leverage_decompose import decomposition_chart

CODES = ("nonfin_corp", "general_gov", "total_nonfin", "private_nonfin", "house_price_real")


def _walk(spec: Any) -> list[Any]:
    out = [spec]
    if isinstance(spec, dict):
        out += [x for v in spec.values() for x in _walk(v)]
    elif isinstance(spec, list):
        out += [x for v in spec for x in _walk(v)]
    return out


def _footnote(spec: dict[str, Any]) -> str:
    foot = spec["vconcat"][-1]
    return " ".join(row["line"] for row in _datasets(spec)[foot["data"]["name"]])


def _datasets(spec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return spec["datasets"]  # type: ignore[no-any-return]


def _legend_domains(spec: dict[str, Any]) -> list[list[str]]:
    return [node["scale"]["domain"] for node in _walk(spec) if isinstance(node, dict)
            and node.get("field") == "series" and "domain" in node.get("scale", {})]


def test_labels_come_from_the_vocabulary() -> None:
    assert sector_label("private_nonfin") == "Private non-financial sector"
    assert sector_label("households") == "Households"
    assert measure_label("house_price_real") == "Real house prices (index)"
    assert measure_label("debt_gdp") == "Debt (% of GDP)"


def test_source_lines_quote_publisher_dataset_keys_and_vintage() -> None:
    s = debtcycle.series("CN", "households")
    assert source_lines(s.attrs["info"]) == [
        "Source: BIS, WS_TC (Q:CN:H:A:M:770:A); data to 2025-Q4."]
    many = source_lines({"a": s.attrs["info"],
                         "b": debtcycle.series("US", None, "gdp_real").attrs["info"]})
    assert many[0].startswith("Sources: BIS") and many[1].startswith("FRED")


def test_leverage_chart_footnote_legend_axis_and_consistent_stack() -> None:
    spec = leverage_chart(debtcycle.leverage("US")).to_dict()
    note = _footnote(spec)
    assert "Q:US:H:A:M:770:A" in note and "data to 2025-Q4" in note
    assert "market value" in note
    domain = _legend_domains(spec)[0]
    assert domain == ["Households", "Non-financial corporations", "General government",
                      "Total non-financial sector (BIS)"]  # every mark named, no codes
    formats = {n.get("axis", {}).get("format") for n in _walk(spec) if isinstance(n, dict)
               and n.get("type") == "temporal" and "axis" in n}
    assert formats == {"%Y Q%q"}
    # At market value the parts add up to the total, so no difference line is needed.
    frame = debtcycle.leverage("US").history
    assert frame is not None
    parts = frame[["households", "nonfin_corp", "general_gov"]].dropna().sum(axis=1)
    gap = (parts - frame["total_nonfin"].reindex(parts.index)).abs()
    assert gap.max() <= 0.5


def test_nominal_government_draws_and_names_the_difference() -> None:
    spec = leverage_chart(debtcycle.leverage("US", valuation="nominal")).to_dict()
    assert "Sum of the three sectors" in _legend_domains(spec)[0]
    note = _footnote(spec)
    assert "nominal value for general government" in note and "differ from the total" in note


def test_compare_decompose_align_charts_have_footnotes_and_named_marks() -> None:
    charts = {
        "compare": comparison_chart(debtcycle.compare(["CN", "JP"], "households")),
        "decompose": decomposition_chart(debtcycle.decompose("US", "households", "2008Q4",
                                                             "2014Q4")),
        "align": event_time_chart(debtcycle.align("CN", "JP", measure="house_price_real")),
    }
    marks = {"compare": "Compared dates", "decompose": "Change of debt/GDP",
             "align": "Event (t = 0)"}
    for name, chart in charts.items():
        spec = chart.to_dict()
        assert _footnote(spec).startswith("Source"), name
        assert marks[name] in _legend_domains(spec)[0], name
        text = json.dumps(spec["vconcat"][0].get("title", "")) + json.dumps(
            _legend_domains(spec))
        assert not any(code in text for code in CODES), (name, text)
    decompose = charts["decompose"].to_dict()
    formats = {n.get("axis", {}).get("format") for n in _walk(decompose)
               if isinstance(n, dict) and n.get("type") == "temporal" and "axis" in n}
    assert formats == {"%Y Q%q"}  # quarters, not "2009, July, 2010"


def test_chart_renders_to_png_and_html(tmp_path: Path) -> None:
    files = save_chart(leverage_chart(debtcycle.leverage("CN")), tmp_path / "cn.html")
    assert [f.suffix for f in files] == [".html", ".png"]
    assert all(f.stat().st_size > 1000 for f in files)


def test_small_gaps_are_named_not_drawn() -> None:
    # China: BIS publishes government only at nominal value; the parts miss the total by
    # at most 0.8 pp (2006Q1) - named in the footnote, below the 1 pp drawing threshold.
    spec = leverage_chart(debtcycle.leverage("CN")).to_dict()
    assert "Sum of the three sectors" not in _legend_domains(spec)[0]
    assert "differ from the total by up to -0.8 pp (2006Q1)" in _footnote(spec)


def test_align_footnote_names_the_price_series_behind_the_events() -> None:
    result = debtcycle.align("CN", "JP", to_event="1991Q1")
    assert result.params["event_rule"] == {"CN": "property-peak", "JP": "given"}
    note = _footnote(event_time_chart(result).to_dict())
    assert "WS_SPP (Q:CN:R:628)" in note  # BIS real residential property prices, China
    assert "property-price peak followed by a fall of at least 10% (China 2021Q3)" in note
