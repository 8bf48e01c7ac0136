"""``debtcycle gap COUNTRY... [--sector S] [--lambda L]``: BIS-style credit-to-GDP gaps."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer

from debtcycle.analytics.gaps.credit_gap import BIS_MIN_HISTORY, CreditGap, credit_gap
from debtcycle.analytics.gaps.hp_filter import BIS_LAMBDA
from debtcycle.catalog import series as get_series
from debtcycle.cli._common import console, friendly_errors, print_frame, print_json, write_table
from debtcycle.errors import NotFoundError
from debtcycle.outputs.charts import save_chart
from debtcycle.outputs.charts.gaps import credit_gap_chart
from debtcycle.vocab import check_country, check_sector, country_name

__all__ = ["load_gap", "register"]


def _credit_ratio(code: str) -> pd.Series | None:
    try:
        return get_series(code, "private_nonfin", "credit_ratio").dropna()
    except NotFoundError:
        return None


def load_gap(
    country: str,
    sector: str = "private_nonfin",
    lamb: float = BIS_LAMBDA,
    min_history: int = BIS_MIN_HISTORY,
) -> CreditGap:
    """Fetch the ratio from the catalog and compute its gap.

    For the private non-financial sector the ratio is the BIS credit-gap ratio
    (``credit_ratio``, as the BIS filters it); for other sectors, and economies
    without a BIS credit gap (aggregates), it is the total-credit debt/GDP
    series (``debt_gdp``).
    """
    code, sec = check_country(country), check_sector(sector)
    ratio = _credit_ratio(code) if sec == "private_nonfin" else None
    if ratio is None:  # other sectors and aggregates: BIS total credit, % of GDP
        ratio = get_series(code, sec, "debt_gdp").dropna()
    return credit_gap(ratio, lamb=lamb, min_history=min_history, country=code, sector=sec)


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _records(result: CreditGap) -> list[dict[str, Any]]:
    frame = result.published()
    return [
        {"period": str(p), "ratio": float(r.ratio), "trend": float(r.trend),
         "gap": float(r.gap), "buffer_guide": float(r.buffer_guide)}
        for p, r in frame.iterrows()
    ]


@friendly_errors
def gap_command(
    countries: Annotated[list[str], typer.Argument(help="Country codes, e.g. US CN JP.")],
    sector: Annotated[str, typer.Option(help="Borrowing sector.")] = "private_nonfin",
    lamb: Annotated[float, typer.Option("--lambda", help="HP smoothing parameter.")] = BIS_LAMBDA,
    min_history: Annotated[int, typer.Option(help="Burn-in observations (BIS: 40).")] = (
        BIS_MIN_HISTORY
    ),
    last: Annotated[int, typer.Option(help="Rows shown per country in the table (0 = all).")] = 12,
    out: Annotated[Path | None, typer.Option(help="Write all rows to .csv/.xlsx/.parquet.")] = None,
    chart: Annotated[Path | None, typer.Option(help="Chart path (writes .html and .png).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Credit-to-GDP ratio, one-sided HP trend, gap and Basel buffer guide per country."""
    results = [load_gap(c, sector, lamb, min_history) for c in countries]
    if out is not None:
        long = pd.concat(
            [r.published().assign(country=r.country, sector=r.sector) for r in results]
        )
        write_table(long, out)
    files: list[str] = []
    if chart is not None:
        wide = pd.DataFrame({r.country: r.table["gap"] for r in results})
        spec = credit_gap_chart(wide, title=f"Credit-to-GDP gap ({sector}), lambda {lamb:g}")
        files = [str(p) for p in save_chart(spec, chart)]
    if as_json:
        print_json([{"country": r.country, "sector": r.sector, "lambda": _number(r.lamb),
                     "data": _records(r), "source": r.provenance} for r in results])
        return
    for r in results:
        shown = r.published() if last <= 0 else r.published().tail(last)
        print_frame(shown, title=f"{country_name(r.country)}: {r.sector}, lambda {r.lamb:g}",
                    digits=2)
    for path in [*files, *([str(out)] if out else [])]:
        console.print(f"written: {path}")


def register(app: typer.Typer) -> None:
    """Add the ``gap`` command to ``app``."""
    app.command("gap")(gap_command)
