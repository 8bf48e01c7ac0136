"""Note sections on leverage: the sector table and chart, peers, phases and their drivers."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pandas as pd

from debtcycle.outputs.charts._render import sector_label, source_lines
from debtcycle.outputs.report._facts import Calls, figure, pct, pp, trend_word
from debtcycle.outputs.report._model import Section, Table

__all__ = ["leverage_section", "peers_section", "phases_section"]

_PARTS = ("households", "nonfin_corp", "general_gov")


def _human_leverage(table: pd.DataFrame, at: list[str]) -> pd.DataFrame:
    """Rename a leverage table for print: sector names, levels in % of GDP, changes in pp."""
    out = table.copy()
    out.index = [sector_label(str(s)) for s in out.index]
    out.index.name = "Sector"
    names = {c: (f"{c} (% of GDP)" if c in at else f"{c.replace('->', ' to ')} (pp)")
             for c in out.columns if c != "valuation"}
    names["valuation"] = "Valuation"
    return out.rename(columns=names)


def _num(table: pd.DataFrame, row: str, column: str) -> float:
    """Return a number of the table (NaN when missing)."""
    if row not in table.index or column not in table.columns:
        return float("nan")
    return float(pd.to_numeric(table.at[row, column], errors="coerce"))


def leverage_sentences(name: str, table: pd.DataFrame, at: list[str]) -> list[str]:
    """Sentences on the level and moves of every sector, read off a leverage table."""
    first, last = at[0], at[-1]
    out = []
    if "total_nonfin" in table.index:
        out.append(f"{name}'s total non-financial debt was "
                   f"{pct(_num(table, 'total_nonfin', last))} of GDP in {last}, against "
                   f"{pct(_num(table, 'total_nonfin', first))} in {first}.")
    for before, after in pairwise(at[:-1]):
        moves = {s: _num(table, s, f"{before}->{after}") for s in _PARTS}
        moves = {s: v for s, v in moves.items() if pd.notna(v)}
        if moves:
            top = max(moves, key=lambda s: abs(moves[s]))
            out.append(f"From {before} to {after} the largest move was in "
                       f"{sector_label(top).lower()} ({pp(moves[top])}).")
    if len(at) > 1:
        before = at[-2]
        changes = {s: _num(table, s, f"{before}->{last}") for s in _PARTS if s in table.index}
        parts = [f"{sector_label(s).lower()} {trend_word(v)} ({pp(v)})"
                 for s, v in changes.items()]
        if parts:
            out.append(f"Since {before}: " + "; ".join(parts) + ".")
    return out


def leverage_section(calls: Calls, country: str, name: str) -> Section:
    """Sector leverage table and stacked chart (``debtcycle.leverage``)."""
    from debtcycle.outputs.charts.leverage import leverage_chart

    title = "Sector leverage"
    result, why = calls.get("leverage", country)
    if result is None:
        return Section("leverage", title, omitted=why)
    data = result.to_dict()
    table = result.to_frame()
    at = list(data["at"])
    sentences = leverage_sentences(name, table, at)
    if data.get("note"):
        sentences.append(str(data["note"]))
    return Section(
        "leverage", title, sentences=sentences,
        tables=[Table(f"{name}: debt by sector, % of GDP", _human_leverage(table, at),
                      source_lines(data["sources"]))],
        figures=[figure("leverage", f"{name}: debt by sector, % of GDP",
                        leverage_chart(result), data["sources"])],
        results={"leverage": data})


def peers_section(calls: Calls, country: str, peers: list[str], name: str) -> Section:
    """One sector's debt/GDP across the country and its peers (``debtcycle.compare``)."""
    from debtcycle.outputs.charts.leverage_compare import comparison_chart
    from debtcycle.vocab import country_name

    title = "Comparison with other economies"
    result, why = calls.get("compare", [country, *peers], "total_nonfin")
    if result is None:
        return Section("compare", title, omitted=why)
    data = result.to_dict()
    table = result.to_frame()
    last = data["at"][-1]
    ranked = table.sort_values("rank")
    order = ", ".join(f"{country_name(str(c))} {pct(v)}" for c, v in ranked[last].items())
    sentences = [f"Total non-financial debt in {last}, highest first: {order}.",
                 f"{name} ranks {int(table.loc[country, 'rank'])} of {len(table)}."]
    frame = table.copy()
    frame.index = [country_name(str(c)) for c in frame.index]
    frame.index.name = "Country"
    frame.columns = [c.replace("->", " to ") + ("" if c == "rank" else
                     (" (pp)" if "->" in c else " (% of GDP)")) for c in frame.columns]
    return Section(
        "compare", title, sentences=sentences,
        tables=[Table("Total non-financial debt, % of GDP", frame,
                      source_lines(data["sources"]))],
        figures=[figure("compare", "Total non-financial debt, % of GDP",
                        comparison_chart(result, title="Total non-financial debt, % of GDP"),
                        data["sources"])],
        results={"compare": data})


def _decomposition_sentences(data: dict[str, Any], name: str) -> list[str]:
    totals = data["totals"]
    sector = sector_label(str(data["sector"])).lower()
    text = (f"From {data['start']} to {data['end']} the debt/GDP of the {sector} of {name} "
            f"changed {pp(totals['change'])}: debt growth {pp(totals['debt'])}, real growth "
            f"{pp(totals['real_growth'])}, inflation {pp(totals['inflation'])} "
            f"(cross terms {pp(totals['cross'])}); a {data['kind']} episode.")
    out = [text]
    if data.get("nominal_gdp_growth_pct") is not None and data.get("rate_pct") is not None:
        growth, rate = float(data["nominal_gdp_growth_pct"]), float(data["rate_pct"])
        relation = "above" if growth > rate else "below"
        out.append(f"Nominal GDP grew {pct(growth)} a year, {relation} the interest rate of "
                   f"{pct(rate)}" + (f" (Dalio: {data['dalio']} deleveraging)."
                                     if data.get("dalio") else "."))
    return out


def phases_section(calls: Calls, country: str, name: str, start: str) -> Section:
    """Phases of the leverage cycle (``debtcycle.phases``) and their drivers (``decompose``)."""
    from debtcycle.outputs.charts.leverage_decompose import decomposition_chart

    title = "Phases and their drivers"
    sentences: list[str] = []
    figures = []
    results: dict[str, Any] = {}
    phases, why_phases = calls.get("phases", country)
    if phases is not None:
        from debtcycle.outputs.report.sections_phases import phase_content

        more, figs, data = phase_content(phases, name)
        sentences += more
        figures += figs
        results["phases"] = data
    decomposition, why = calls.get("decompose", country, "total_nonfin", start)
    if decomposition is not None:
        data = decomposition.to_dict()
        sentences += _decomposition_sentences(data, name)
        figures.append(figure("decompose", f"{name}: drivers of total non-financial debt/GDP",
                              decomposition_chart(decomposition), data["sources"]))
        results["decompose"] = data
    if not results:
        return Section("phases", title, omitted=f"{why_phases}; {why}")
    if phases is None:
        sentences.append(f"Phase segmentation not shown: {why_phases}.")
    return Section("phases", title, sentences=sentences, figures=figures, results=results)
