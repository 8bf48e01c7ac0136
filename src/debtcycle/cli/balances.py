"""``debtcycle balances COUNTRY``: private, government and foreign balances in % of GDP.

Also holds the thin loaders (:func:`load_balances`, :func:`annual`) that fetch
the series through the catalog and hand them to
:mod:`debtcycle.analytics.bsr.balances`; analytics never read the store.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Final, Literal

import numpy as np
import pandas as pd
import typer

from debtcycle.analytics.bsr.balances import (
    SectoralBalances,
    balances_from_accounts,
    balances_from_flow_of_funds,
    compare_balances,
    fiscal_year_gdp,
)
from debtcycle.catalog import series
from debtcycle.cli._common import console, friendly_errors, print_frame, print_json
from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.vocab import check_country, country_name

__all__ = ["LAST_ACTUAL_YEAR", "annual", "load_balances", "register"]

#: Last year treated as data: GMD values after it are IMF WEO forecasts.
LAST_ACTUAL_YEAR: Final[int] = 2024
Basis = Literal["auto", "flow_of_funds", "national_accounts"]

#: Size of one unit of each level unit, in currency units (to put flows and GDP on one scale).
_UNIT_SCALE: Final[dict[str, float]] = {"lcu": 1.0, "lcu_mn": 1e6, "lcu_100mn": 1e8,
                                        "lcu_bn": 1e9}
_FOF: Final[dict[str, tuple[str, str]]] = {
    "government": ("general_gov", "financial_balance"),
    "households": ("households", "financial_balance"),
    "nonfin_corp": ("nonfin_corp", "financial_balance"),
    "financial": ("economy", "financial_balance_fin"),
    "npish": ("economy", "financial_balance_npish"),
    "foreign": ("economy", "financial_balance_row"),
}


def annual(values: pd.Series) -> pd.Series:
    """Return an annual series: yearly means of monthly/quarterly data, annual data as is."""
    if not isinstance(values.index, pd.PeriodIndex):
        raise BadInputError("annual() needs a series on a PeriodIndex.")
    if values.index.freqstr[0] in ("Y", "A"):
        return values
    clean = values.dropna()
    means = clean.groupby(pd.PeriodIndex(clean.index).year).mean()
    out = pd.Series(means.to_numpy(), index=pd.PeriodIndex([str(y) for y in means.index],
                                                           freq="Y"), name=values.name)
    out.attrs = dict(values.attrs)
    return out


def _scale(values: pd.Series) -> float:
    unit = str(values.attrs.get("info", {}).get("unit", "lcu"))
    if unit not in _UNIT_SCALE:
        raise BadInputError(f"Cannot convert unit {unit!r} to currency units.")
    return _UNIT_SCALE[unit]


def _flow_of_funds(code: str, last: int) -> SectoralBalances:
    flows = {name: series(code, sector, measure, source="boj")
             for name, (sector, measure) in _FOF.items()}
    scale = _scale(flows["government"])
    frame = pd.DataFrame({k: v * scale for k, v in flows.items()})
    gdp_cal = series(code, None, "gdp_nominal", source="gmd")
    gdp = fiscal_year_gdp(gdp_cal * _scale(gdp_cal), start_month=4)
    gdp.attrs = dict(gdp_cal.attrs)
    note = ("BOJ flow of funds, fiscal years (April-March) labelled by their first year; "
            "GDP: GMD nominal GDP (calendar year) weighted 0.75 x year t + 0.25 x year t+1")
    out = balances_from_flow_of_funds(frame, gdp, country=code, source_note=note)
    return _clip(out, last)


def _gov_balance(code: str, gov_source: str) -> pd.Series:
    if gov_source == "gmd":
        return annual(series(code, "general_gov", "gov_balance_gdp", source="gmd"))
    if gov_source != "imf":
        raise BadInputError(f"gov_source {gov_source!r}: use gmd or imf.")
    revenue = series(code, "general_gov", "gov_revenue_gdp", dataset="IMF_PFMH")
    spending = series(code, "general_gov", "gov_expenditure_gdp", dataset="IMF_PFMH")
    balance = (revenue - spending).dropna()
    keys = (revenue.attrs["info"]["series_key"], spending.attrs["info"]["series_key"])
    balance.attrs["info"] = {"source": "imf", "series_key": f"{keys[0]} - {keys[1]}"}
    return balance


def _accounts(code: str, last: int, gov_source: str = "gmd") -> SectoralBalances:
    ca = annual(series(code, None, "ca_gdp", source="gmd"))
    gov = _gov_balance(code, gov_source)
    return _clip(balances_from_accounts(ca, gov, country=code), last)


def _clip(result: SectoralBalances, last: int) -> SectoralBalances:
    years = pd.PeriodIndex(result.balances.index).year
    kept = result.balances.iloc[np.flatnonzero(years <= last)]
    return SectoralBalances(country=result.country, balances=kept, basis=result.basis,
                            sources=result.sources, params={**result.params, "last": last},
                            provenance=result.provenance)


def load_balances(country: str, basis: Basis = "auto", *, gov_source: str = "gmd",
                  last: int = LAST_ACTUAL_YEAR) -> SectoralBalances:
    """Fetch the inputs through the catalog and build a country's sectoral balances.

    Parameters
    ----------
    country : str
        Country code.
    basis : {"auto", "flow_of_funds", "national_accounts"}
        ``auto``: the BOJ flow of funds for Japan, national accounts (GMD current
        account and government balance) elsewhere.
    gov_source : {"gmd", "imf"}
        National accounts only: government balance from GMD (``govdef_GDP``) or
        from IMF PFMH (revenue - expenditure, general government).
    last : int
        Last year kept (default :data:`LAST_ACTUAL_YEAR`; later GMD values are forecasts).

    Returns
    -------
    SectoralBalances

    Raises
    ------
    NotFoundError
        If the country has no flow of funds (when asked for) or lacks the series.
    """
    code = check_country(country)
    if basis == "flow_of_funds" or (basis == "auto" and code == "JP"):
        if code != "JP":
            raise NotFoundError(f"No flow-of-funds balances are loaded for {code} (only JP, "
                                "from the BOJ); use --basis national_accounts.")
        return _flow_of_funds(code, last)
    if basis not in ("auto", "national_accounts"):
        raise BadInputError(f"basis {basis!r}: use auto, flow_of_funds or national_accounts.")
    return _accounts(code, last, gov_source)


@friendly_errors
def balances_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. JP, CN, US.")],
    basis: Annotated[str, typer.Option(
        help="auto | flow_of_funds | national_accounts.")] = "auto",
    gov_source: Annotated[str, typer.Option(
        help="National accounts: government balance from gmd or imf (PFMH).")] = "gmd",
    last: Annotated[int, typer.Option(help="Last year (later GMD values are forecasts).")] =
    LAST_ACTUAL_YEAR,
    chart: Annotated[Path | None, typer.Option(help="Chart path (writes .html and .png).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Private, government and foreign financial balances, % of GDP (identity checked)."""
    code = check_country(country)
    result = load_balances(code, basis, gov_source=gov_source,  # type: ignore[arg-type]
                           last=last)
    other, label = _cross_check(code, result, last)
    files = _chart(code, result, chart)
    if as_json:
        print_json({"country": code, "basis": result.basis, "unit": "pct_gdp",
                    "max_identity_residual": result.max_residual, "sources": result.sources,
                    "table": result.to_frame(), "charts": files,
                    "comparison": other.reset_index() if other is not None else None,
                    "comparison_of": label})
        return
    print_frame(result.to_frame().tail(30),
                title=f"{country_name(code)}: sectoral balances, % of GDP ({result.basis})")
    for piece, where in result.sources.items():
        if where:
            console.print(f"{piece}: {where}", highlight=False)
    console.print(f"largest identity residual: {result.max_residual:.3f} pp of GDP")
    if other is not None:
        flagged = other[other["disagree"]]
        years = sorted({str(p) for p, _ in flagged.index})
        console.print(f"{label}: {len(flagged)} sector-years differ by 2 pp of GDP or more"
                      + (f" ({', '.join(years)})" if years else ""), highlight=False)
    for path in files:
        console.print(f"chart written: {path}")


def _cross_check(code: str, result: SectoralBalances,
                 last: int) -> tuple[pd.DataFrame | None, str]:
    """Compare with a second build: Japan BOJ vs GMD accounts; elsewhere GMD vs IMF PFMH."""
    if result.basis == "flow_of_funds":
        label = "BOJ flow of funds vs national accounts (GMD)"
        return compare_balances(result, _accounts(code, last)), label
    try:
        imf = _accounts(code, last, "imf")
    except NotFoundError:
        return None, ""
    label = "government balance from GMD vs IMF PFMH"
    return compare_balances(_accounts(code, last), imf, names=("gmd", "imf_pfmh")), label


def _chart(code: str, result: SectoralBalances, chart: Path | None) -> list[str]:
    if chart is None:
        return []
    from debtcycle.cli.bsr import load_diagnosis
    from debtcycle.outputs.charts import save_chart
    from debtcycle.outputs.charts.bsr import balances_chart

    diagnosis = load_diagnosis(code)
    spec = balances_chart(result, diagnosis,
                          title=f"{country_name(code)}: sectoral financial balances, % of GDP")
    return [str(p) for p in save_chart(spec, chart)]


def register(app: typer.Typer) -> None:
    """Add the ``balances`` command to ``app``."""
    app.command("balances")(balances_command)
