"""Note sections on the balance-sheet recession and on the exits (sectoral balances)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from debtcycle.outputs.charts._render import source_lines
from debtcycle.outputs.report._facts import Calls, figure
from debtcycle.outputs.report._model import Section, Table

__all__ = ["bsr_section", "exits_section"]

_SIGNALS = {
    "asset_bust": "Asset bust",
    "private_deleveraging": "Private deleveraging",
    "private_surplus": "Private financial surplus",
    "monetary_traction_lost": "Monetary traction lost",
    "government_absorbing": "Government absorbing",
    "disinflation": "Disinflation",
}


def _signal_table(diagnosis: Any, years: int = 6) -> pd.DataFrame:
    """Return the last ``years`` years of signals, score and verdict, with human names."""
    table: pd.DataFrame = diagnosis.to_frame()
    cols = [c for c in (*_SIGNALS, "score", "verdict") if c in table.columns]
    out = table[cols].tail(years).T
    out.index = [_SIGNALS.get(str(c), str(c).capitalize()) for c in out.index]
    out.index.name = "Signal"
    out.columns = [str(c) for c in out.columns]
    shown: pd.DataFrame = out.map(lambda v: "yes" if v is True else ("no" if v is False else
                                                      ("n/a" if pd.isna(v) else v)))
    return shown


def _diagnosis_sentences(data: dict[str, Any], name: str) -> list[str]:
    periods = [p for p in data["periods"] if p.get("measured")]
    if not periods:
        return [f"No year of {name} has enough data for a diagnosis."]
    last = periods[-1]
    on = sum(1 for v in last["signals"].values() if v)
    out = [f"In {last['period']} the diagnosis of {name} is '{last['verdict']}' with a score "
           f"of {last['score']:g} ({on} of {last['measured']} measured signals on)."]
    out += [f"{str(r)[0].upper()}{str(r)[1:]}." for r in last.get("reasons", [])]
    return out


def bsr_section(calls: Calls, country: str, name: str, reference: str = "JP") -> Section:
    """Diagnosis (``debtcycle.bsr``), balances chart, and comparison with Japan."""
    from debtcycle.outputs.charts.bsr import balances_chart, comparison_chart

    title = "Balance-sheet recession"
    diagnosis, why = calls.get("bsr", country)
    if diagnosis is None:
        return Section("bsr", title, omitted=why)
    data = diagnosis.to_dict()
    sentences = _diagnosis_sentences(data, name)
    tables = [Table(f"{name}: balance-sheet-recession signals", _signal_table(diagnosis),
                    source_lines(data["sources"]))]
    figures = []
    results: dict[str, Any] = {"bsr": data}
    balances, _ = calls.get("balances", country)
    if balances is not None:
        results["balances"] = balances.to_dict()
        figures.append(figure("balances", f"{name}: sectoral financial balances, % of GDP",
                              balances_chart(balances, diagnosis,
                                             title=f"{name}: sectoral balances, % of GDP"),
                              balances.provenance))
    if country != reference:
        compared, why_cmp = calls.get("bsr_compare", country, reference)
        if compared is None:
            sentences.append(f"No comparison with {reference}: {why_cmp}.")
        else:
            cdata = compared.to_dict()
            results["bsr_compare"] = cdata
            sentences += list(cdata["statement"])
            figures.append(figure("bsr_compare", f"{name} after its peak vs {reference}",
                                  comparison_chart(compared, title=f"{name} vs {reference} "
                                                   "in years since the property-price peak"),
                                  compared.provenance))
    return Section("bsr", title, sentences=sentences, tables=tables, figures=figures,
                   results=results)


def exits_section(calls: Calls, country: str, name: str) -> Section:
    """Who absorbs the private surplus: the sectoral-balances identity (``debtcycle.exits``)."""
    title = "Exits: who absorbs the private surplus"
    result, why = calls.get("exits", country)
    if result is None:
        return Section("exits", title, omitted=why)
    data = result.to_dict()
    frame = result.to_frame()
    cols = {"private_surplus": "Private surplus (% of GDP)",
            "gov_deficit": "Government deficit (% of GDP)",
            "ca_surplus": "Current-account surplus (% of GDP)",
            "gov_share": "Government share (%)", "ca_share": "Current-account share (%)"}
    table = frame[[c for c in cols if c in frame.columns]].tail(6).rename(columns=cols)
    table.index = [str(p) for p in table.index]
    table.index.name = "Year"
    return Section("exits", title, sentences=list(data["statement"]),
                   tables=[Table(f"{name}: sectoral balances", table.round(1),
                                 source_lines(result.provenance) or ["Source: see appendix."])],
                   results={"exits": data})
