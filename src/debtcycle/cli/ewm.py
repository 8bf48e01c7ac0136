"""``debtcycle ewm evaluate``: early-warning models and their AUROCs; shared data loaders.

The ``load_*`` functions fetch series through the catalog and hand pandas
objects to the analytics (which never read the store).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import altair as alt
import numpy as np
import pandas as pd
import typer

from debtcycle.analytics.gaps.credit_gap import credit_gap
from debtcycle.analytics.gaps.dsr import dsr_deviation
from debtcycle.analytics.gaps.ewm.bis_panel import (
    HORIZONS,
    annual_indicators,
    evaluate_panel,
    score_countries,
)
from debtcycle.analytics.gaps.ewm.schularick_taylor import (
    ST2012_COUNTRIES,
    credit_growth_panel,
    schularick_taylor,
)
from debtcycle.catalog import available, panel
from debtcycle.cli._common import console, friendly_errors, print_frame, print_json
from debtcycle.errors import BadInputError
from debtcycle.outputs.charts import save_chart
from debtcycle.outputs.charts.gaps import auroc_chart
from debtcycle.vocab import check_country

__all__ = ["BisData", "load_bis_data", "load_jst_panel", "register"]

LV_SOURCE, LV = "laeven_valencia", "LV2026"


def _columns(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.droplevel("sector", axis=1) if isinstance(frame.columns, pd.MultiIndex) else frame


def load_jst_panel(countries: Sequence[str] = ST2012_COUNTRIES) -> pd.DataFrame:
    """JST loans, CPI and crisis dates -> the Schularick-Taylor country-year panel."""
    cs = list(countries)
    loans = _columns(panel(cs, "private_nonfin", "loans_lcu", source="jst"))
    cpi = _columns(panel(cs, None, "cpi", source="jst"))
    crisis = _columns(panel(cs, None, "crisis_banking", source="jst"))
    return credit_growth_panel(loans, cpi, crisis)


@dataclass(frozen=True)
class BisData:
    """Inputs of the BIS panel model: quarterly indicators and annual crisis flags."""

    quarterly: dict[str, pd.DataFrame]
    crisis_start: pd.DataFrame
    crisis_ongoing: pd.DataFrame

    def indicators(self) -> pd.DataFrame:
        """End-of-year indicators, long country-year frame."""
        return annual_indicators(self.quarterly)


def _bulk(
    measure: str, sector: str, countries: Sequence[str], *, source: str | None = None,
    dataset: str | None = None, unit: str | None = None,
) -> pd.DataFrame:
    """One column per country (countries without a series are left out)."""
    return _columns(panel(countries, sector, measure, skip_missing=True, source=source,
                          dataset=dataset, unit=unit))


def load_bis_data(countries: Sequence[str] | None = None) -> BisData:
    """Credit gaps (ours, BIS method), DSR deviations, real house price growth, LV crisis flags.

    Default countries: every economy with a BIS credit gap except the euro-area aggregate.
    Countries absent from the Laeven-Valencia 2026 file had no systemic banking crisis.
    """
    cs = [check_country(c) for c in countries] if countries else sorted(
        set(available(measure="credit_ratio")["country"]) - {"XM"})
    ratios = _bulk("credit_ratio", "private_nonfin", cs, dataset="WS_CREDIT_GAP")
    gaps = {c: credit_gap(ratios[c].dropna(), country=c).table["gap"] for c in ratios.columns}
    dsr = _bulk("dsr", "private_nonfin", cs, source="bis")
    house = _bulk("house_price_real", "households", cs, source="bis", unit="index_2010")
    dev = dsr_deviation(dsr).deviations() if not dsr.empty else pd.DataFrame()
    quarterly = {"credit_gap": pd.DataFrame(gaps), "dsr_dev": dev,
                 "house_growth": 100.0 * house.apply(np.log).diff(4)}
    return BisData(quarterly=quarterly,
                   crisis_start=_bulk("crisis_banking", "economy", cs, source=LV_SOURCE,
                                        dataset=LV),
                   crisis_ongoing=_bulk("crisis_banking_ongoing", "economy", cs,
                                          source=LV_SOURCE, dataset=LV))


def evaluate_all(level: float = 0.95) -> dict[str, Any]:
    """Run both models: Schularick-Taylor on JST, and the BIS panel by horizon."""
    st = schularick_taylor(load_jst_panel(), level=level)
    bis = load_bis_data()
    indicators = bis.indicators()
    full = evaluate_panel(indicators, bis.crisis_start, bis.crisis_ongoing)
    long = evaluate_panel(indicators, bis.crisis_start, bis.crisis_ongoing,
                          features=("credit_gap", "house_growth"))
    return {
        "schularick_taylor": {"auroc": st.roc.as_dict(), "published_auroc": 0.717,
                              "sample": st.describe(), "coefficients": st.to_frame()},
        "bis_panel": {"with_dsr": full.to_frame(), "gap_and_house_prices": long.to_frame(),
                      "crisis_dates": "Laeven-Valencia 2026 (systemic banking crisis starts)"},
    }


@friendly_errors
def evaluate_command(
    chart: Annotated[Path | None, typer.Option(help="Chart path (writes .html and .png).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """AUROCs with 95% DeLong intervals: Schularick-Taylor (JST) and the BIS panel by horizon."""
    out = evaluate_all()
    files: list[str] = []
    if chart is not None:
        spec = alt.hconcat(
            auroc_chart(out["bis_panel"]["with_dsr"], title="Gap, DSR, house prices (1999-2018)"),
            auroc_chart(out["bis_panel"]["gap_and_house_prices"],
                        title="Gap and house prices (1970-2023)"))
        files = [str(p) for p in save_chart(spec, chart)]
    if as_json:
        print_json({**out, "charts": files})
        return
    st = out["schularick_taylor"]
    roc, sample = st["auroc"], st["sample"]
    console.print(
        f"[bold]Schularick-Taylor logit (JST R6)[/bold]: AUROC {roc['auroc']:.3f} "
        f"[{roc['ci_low']:.3f}, {roc['ci_high']:.3f}] (published 0.717); "
        f"{sample['observations']} obs, {sample['crises']} crises, "
        f"{len(sample['countries'])} countries {sample['first_year']}-{sample['last_year']}, "
        f"excluding {', '.join(sample['excluded_years'])}", highlight=False)
    print_frame(st["coefficients"], title="Lags of real credit growth", digits=3)
    for key, title in (("with_dsr", "BIS panel: gap, DSR deviation, house prices"),
                       ("gap_and_house_prices", "BIS panel: gap and house prices (longer sample)")):
        table = out["bis_panel"][key].set_index(["horizon", "signal"])
        print_frame(table[["auroc", "ci_low", "ci_high", "n", "n_events", "countries", "years"]],
                    title=title, digits=3)
    for path in files:
        console.print(f"chart written: {path}")


@friendly_errors
def current_command(
    horizon: Annotated[str, typer.Option(help="Horizon: 1-2y, 2-3y or 3-5y.")] = "1-2y",
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Rank every BIS economy by its current crisis probability, with drivers (log-odds)."""
    if horizon not in HORIZONS:
        raise BadInputError(f"--horizon {horizon!r}: choose one of {', '.join(HORIZONS)}.")
    data = load_bis_data()
    scores = score_countries(data.indicators(), data.quarterly, data.crisis_start,
                             data.crisis_ongoing, horizons={horizon: HORIZONS[horizon]})
    score = scores[horizon]
    if as_json:
        print_json({"horizon": horizon, "base_rate": score.base_rate,
                    "features": score.params["features"],
                    "crisis_dates": "Laeven-Valencia 2026", "countries": score.to_frame()})
        return
    print_frame(score.to_frame(), digits=3,
                title=f"Probability of a systemic banking crisis starting in {horizon} "
                f"(base rate {score.base_rate:.3f}; drivers in log-odds vs sample mean)")


def register(app: typer.Typer) -> None:
    """Add the ``ewm`` command group to ``app``."""
    group = typer.Typer(help="Crisis early-warning models.", no_args_is_help=True)
    group.command("evaluate")(evaluate_command)
    group.command("current")(current_command)
    app.add_typer(group, name="ewm")
