"""Note sections on vulnerability (credit gap, debt service, crisis odds) and the fiscal outlook."""

from __future__ import annotations

from typing import Any

import pandas as pd

from debtcycle.outputs.charts._render import sector_label, source_lines
from debtcycle.outputs.report._facts import Calls, figure, pct, shipped_scenarios, signed
from debtcycle.outputs.report._model import Figure, Section, Table

__all__ = ["fiscal_section", "gap_position", "markets_section", "vulnerability_section"]

#: Basel III countercyclical buffer guide: none below a 2 pp gap, the maximum (2.5%) from
#: 10 pp (BCBS 2010, "Guidance for national authorities operating the countercyclical
#: capital buffer").
BASEL_LOW, BASEL_HIGH = 2.0, 10.0


def gap_position(gap: float) -> str:
    """Where a credit gap sits against the Basel thresholds (2 and 10 pp)."""
    if gap < BASEL_LOW:
        return f"below the {BASEL_LOW:g} pp threshold at which the Basel buffer guide starts"
    if gap < BASEL_HIGH:
        return (f"between the {BASEL_LOW:g} and {BASEL_HIGH:g} pp thresholds, where the "
                "Basel buffer guide rises")
    return f"above the {BASEL_HIGH:g} pp threshold, where the Basel buffer guide is at its maximum"


def _gap_part(calls: Calls, country: str, name: str
              ) -> tuple[list[str], list[Figure], dict[str, Any]]:
    from debtcycle.outputs.charts.gaps import credit_gap_chart

    result, why = calls.get("gap", country)
    if result is None:
        return [f"No credit-to-GDP gap: {why}."], [], {}
    data = result.to_dict()
    last = result.to_frame().dropna(subset=["gap"]).iloc[-1]
    period = result.to_frame().dropna(subset=["gap"]).index[-1]
    text = (f"The BIS-method credit-to-GDP gap of {name} (one-sided HP filter, lambda "
            f"{data['lambda']:,}) was {signed(float(last['gap']))} pp in {period}: credit at "
            f"{pct(float(last['ratio']))} of GDP against a trend of {pct(float(last['trend']))}, "
            f"{gap_position(float(last['gap']))}; the buffer guide is "
            f"{pct(float(last['buffer_guide']), 2)}.")
    wide = pd.DataFrame({result.country: result.to_frame()["gap"]})
    chart = credit_gap_chart(wide, title=f"{name}: credit-to-GDP gap, pp, with the Basel "
                             "buffer thresholds (2 and 10 pp)")
    return [text], [figure("gap", f"{name}: credit-to-GDP gap", chart, data["source"])], data


def _brier(record: dict[str, Any]) -> str:
    if record.get("brier") is None:
        return ""
    return f"{record['brier']:.3f} ({record['brier_base_rate']:.3f})"


def _probability_table(data: dict[str, Any]) -> pd.DataFrame:
    rows = []
    for item in data.get("crisis_probability", []):
        record = item.get("real_time") or {}
        low, high = item["horizon_quarters"]
        rows.append({"Horizon (quarters ahead)": f"{low}-{high}",
                     "Probability (%)": 100 * float(item["probability"]),
                     "Model": item.get("model", ""),
                     "Real-time AUROC": record.get("auroc"),
                     "AUROC 95% CI": (f"{record['ci_low']:.2f}-{record['ci_high']:.2f}"
                                      if record.get("ci_low") is not None else ""),
                     "Brier (base rate)": _brier(record)})
    return pd.DataFrame(rows).set_index("Horizon (quarters ahead)") if rows else pd.DataFrame()


def _risk_sentences(data: dict[str, Any], name: str) -> list[str]:
    out = []
    dsr = data.get("dsr_deviation") or {}
    if dsr.get("value") is not None:
        out.append(f"The debt service ratio of {name}'s private sector was "
                   f"{signed(float(dsr['value']))} pp from its long-run mean in {dsr['period']}.")
    house = data.get("house_price_growth") or {}
    if house.get("value") is not None:
        out.append(f"Real house prices changed {signed(float(house['value']))}% over the year "
                   f"to {house['period']}.")
    probabilities = data.get("crisis_probability") or []
    if probabilities:
        parts = [f"{100 * float(p['probability']):.1f}% over quarters "
                 f"{p['horizon_quarters'][0]}-{p['horizon_quarters'][1]}" for p in probabilities]
        out.append(f"Probability of a systemic banking crisis ({probabilities[0]['model']}): "
                   + ", ".join(parts) + ".")
    out += [str(n)[:1].upper() + str(n)[1:] for n in data.get("notes", []) if n]
    return out


def vulnerability_section(calls: Calls, country: str, name: str) -> Section:
    """Credit gap with the Basel thresholds (``gap``) and the risk profile (``risk``)."""
    title = "Vulnerability"
    sentences, figures, gap_data = _gap_part(calls, country, name)
    results: dict[str, Any] = {"gap": gap_data} if gap_data else {}
    tables = []
    risk, why = calls.get("risk", country)
    if risk is None:
        sentences.append(f"No risk profile: {why}.")
    else:
        data = risk.to_dict()
        results["risk"] = data
        sentences += _risk_sentences(data, name)
        table = _probability_table(data)
        if not table.empty:
            tables.append(Table(f"{name}: crisis probability and its real-time record",
                                table, source_lines(data["provenance"])
                                or ["Source: see the appendix."]))
    if not results:
        return Section("vulnerability", title, omitted="; ".join(sentences))
    return Section("vulnerability", title, sentences=sentences, tables=tables,
                   figures=figures, results=results)


def _fan_part(calls: Calls, country: str, name: str, paths: int
              ) -> tuple[list[str], list[Figure], dict[str, Any]]:
    from debtcycle.outputs.charts.fiscal import baseline_fan_chart

    fan, why = calls.get("fiscal_fan", country, paths=paths)
    if fan is None:
        return [f"No debt fan chart: {why}."], [], {}
    data = fan.to_dict()
    bands = fan.to_frame()
    last_year = bands.index[-1]
    end = bands.iloc[-1]
    text = (f"Projected debt of {name} (a forecast, {paths:,} simulated paths): median "
            f"{pct(float(end['p50']))} of GDP in {last_year}, 90% band "
            f"{pct(float(end['p5']))}-{pct(float(end['p95']))}; probability that debt is "
            f"higher in five years {100 * float(data['prob_debt_higher_in_5y']):.0f}%.")
    odds = ", ".join(f"{float(k):g}% of GDP: {100 * float(v):.0f}%"
                     for k, v in (data.get("thresholds") or {}).items())
    out = [text] + ([f"Probability of crossing (any year): {odds}."] if odds else [])
    chart = baseline_fan_chart(fan, title=f"{name}: government debt, % of GDP (projection)",
                               baseline_source=str(fan.provenance.get("baseline", "")))
    return out, [figure("fan", f"{name}: debt fan chart", chart, fan.provenance)], data


def _stress_table(data: dict[str, Any]) -> pd.DataFrame:
    frame = pd.DataFrame(data["summary"]).set_index("test")
    frame.index = [str(t).replace("_", " ").capitalize() for t in frame.index]
    frame.index.name = "Stress test"
    return frame.rename(columns={"end": "Debt at the end (% of GDP)", "peak": "Peak (% of GDP)",
                                 "vs_baseline_end": "vs baseline (pp)"})


def _scenario_part(calls: Calls, country: str, paths: int
                   ) -> tuple[list[str], list[Figure], dict[str, Any]]:
    """Run the first shipped scenario of the country (fewer paths) and describe its answer."""
    from debtcycle.outputs.charts.fiscal import scenario_chart

    found = shipped_scenarios(country)
    if not found:
        return [], [], {}
    file_name, spec = found[0]
    spec = {**spec, "uncertainty": {**spec.get("uncertainty", {}), "paths": paths}}
    result, why = calls.get("scenario", spec)
    if result is None:
        return [f"Scenario {file_name} not run: {why}."], [], {}
    data = result.to_dict()
    base, alt_path = data["baseline"]["debt_gdp"], data["scenario"]["debt_gdp"]
    growth = data["difference"]["real_gdp_growth"]
    yields = data["difference"]["yield_10y"]
    gap = data["difference"]["debt_gdp"]
    last = data["years"][-1] if data.get("years") else "the last year"
    text = (f"Scenario '{data['name']}' (scenarios/{file_name}, a projection, {paths:,} paths): "
            f"debt {pct(float(alt_path[-1]))} of GDP in {last} against "
            f"{pct(float(base[-1]))} in its baseline ({signed(float(gap[-1]))} pp); real growth "
            f"{signed(float(growth[0]))} pp in the first year; 10-year yield "
            f"{signed(float(yields[-1]), 2)} pp at the end.")
    chart = scenario_chart(result, title=str(data["name"]))
    return [text], [figure("scenario", str(data["name"]), chart, result.provenance)], data


def fiscal_section(calls: Calls, country: str, name: str, *, paths: int = 2000) -> Section:
    """Official baseline (CBO, US), a shipped scenario, debt fan chart and stress tests."""
    title = "Fiscal outlook"
    sentences: list[str] = []
    tables: list[Table] = []
    results: dict[str, Any] = {}
    baseline, why = calls.get("fiscal_baseline", country)
    if baseline is not None:
        data = baseline.to_dict()
        results["fiscal_baseline"] = data
        frame = baseline.to_frame()
        sentences.append(f"Against {data['source']}: the engine's debt path ends at "
                         f"{pct(float(frame['debt_gdp'].iloc[-1]))} of GDP in {frame.index[-1]} "
                         f"(CBO {pct(float(frame['cbo_debt_gdp'].iloc[-1]))}); largest gap "
                         f"{float(data['max_abs_diff']):.2f} pp.")
    else:
        sentences.append(f"No official baseline: {why}.")
    fan_text, figures, fan_data = _fan_part(calls, country, name, paths)
    sentences += fan_text
    if fan_data:
        results["fiscal_fan"] = fan_data
    scenario_text, scenario_figures, scenario_data = _scenario_part(calls, country, paths)
    sentences += scenario_text
    figures += scenario_figures
    if scenario_data:
        results["scenario"] = scenario_data
    stress, why_stress = calls.get("fiscal_stress", country)
    if stress is not None:
        sdata = stress.to_dict()
        results["fiscal_stress"] = sdata
        worst = max(sdata["summary"], key=lambda r: float(r["vs_baseline_end"]))
        sentences.append(f"Worst standard stress test: {worst['test'].replace('_', ' ')}, "
                         f"{signed(float(worst['vs_baseline_end']))} pp above the baseline at "
                         "the end of the projection.")
        tables.append(Table(f"{name}: standard stress tests", _stress_table(sdata),
                            source_lines(stress.provenance) or ["Source: see the appendix."]))
    if not results:
        return Section("fiscal", title, omitted=f"{why}; {why_stress}")
    return Section("fiscal", title, sentences=sentences, tables=tables, figures=figures,
                   results=results)


def _market_line(row: pd.Series) -> str:
    parts = []
    if pd.notna(row.get("equity_nominal_pct_pa")):
        parts.append(f"equities returned {signed(float(row['equity_nominal_pct_pa']))}% a year"
                     + (f" ({signed(float(row['equity_real_pct_pa']))}% real)"
                        if pd.notna(row.get("equity_real_pct_pa")) else ""))
    if pd.notna(row.get("yield_10y_change_bp")):
        parts.append(f"the 10-year yield moved {signed(float(row['yield_10y_change_bp']), 0)} bp")
    return f"{row['label']} {row['start']}-{row['end']}: " + " and ".join(parts)


def markets_section(calls: Calls, country: str, name: str,
                    sector: str = "households") -> Section:
    """Equity returns and bond yields in each leverage phase (``debtcycle.markets``)."""
    from debtcycle.outputs.charts.markets import markets_chart

    title = "Markets by leverage phase"
    result, why = calls.get("markets", country)
    if result is None:
        return Section("markets", title, omitted=why)
    data = result.to_dict()
    frame = result.to_frame()
    rows = frame[(frame["sector"] == sector) & (frame["label"] != "all periods")]
    lines = [_market_line(r) for _, r in rows.iterrows()]
    lines = [line for line in lines if not line.endswith(": ")]
    whose = sector_label(sector).lower()
    sentences = ([f"{name}, phases of {whose}' debt/GDP: " + "; ".join(lines) + "."]
                 if lines else [f"No market series of {name} overlap its leverage phases."])
    keep = [c for c in ("sector", "start", "end", "label", "equity_nominal_pct_pa",
                        "equity_real_pct_pa", "yield_10y_change_bp") if c in frame.columns]
    table = frame.loc[frame["sector"] == sector, keep].set_index("start")
    table.columns = [c.replace("_", " ").replace("pct pa", "% a year").replace(" bp", " (bp)")
                     .capitalize() for c in table.columns]
    chart = markets_chart(result, sector=sector,
                          title=f"{name}: markets by phase of {whose}' debt")
    return Section("markets", title, sentences=sentences,
                   tables=[Table(f"{name}: markets by leverage phase", table,
                                 source_lines(data["provenance"]) or ["Source: see appendix."])],
                   figures=[figure("markets", f"{name}: markets by leverage phase", chart,
                                   data["provenance"])],
                   results={"markets": data})
