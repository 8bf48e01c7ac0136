"""``debtcycle bsr COUNTRY`` (diagnosis) and ``debtcycle bsr compare CN JP`` (event time).

Holds the thin loaders (:func:`load_inputs`, :func:`load_diagnosis`) that fetch
the series through the catalog for :mod:`debtcycle.analytics.bsr`.

Inputs, all annual (yearly means of quarterly/monthly data):

* real house prices: BIS ``WS_SPP`` (``house_price_real``, 2010 = 100);
* equity prices where mirrored (Nikkei 225, Shanghai Composite; nominal);
* private non-financial debt/GDP: BIS ``WS_TC``;
* nominal GDP (for the credit flow): GMD;
* private balance: :func:`debtcycle.cli.balances.load_balances` (BOJ flow of
  funds for Japan, GMD current account - government balance elsewhere);
* policy rate: BIS ``WS_CBPOL`` (to 2022-03), GMD after and where BIS has none;
* government balance: GMD; government debt/GDP: IMF PFMH (GMD where PFMH has none);
* CPI: BIS ``WS_LONG_CPI``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import numpy as np
import pandas as pd
import typer

from debtcycle.analytics.bsr.compare import EventComparison, compare_event_time
from debtcycle.analytics.bsr.diagnosis import Diagnosis, Thresholds, diagnose, indicators
from debtcycle.analytics.bsr.exits import ExitAccounting, exit_accounting, external_requirement
from debtcycle.analytics.leverage.align import property_peak
from debtcycle.catalog import series
from debtcycle.cli._common import console, friendly_errors, print_frame, print_json
from debtcycle.cli.balances import LAST_ACTUAL_YEAR, annual, load_balances
from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.outputs.charts import save_chart
from debtcycle.outputs.charts.bsr import comparison_chart
from debtcycle.vocab import check_country, country_name

__all__ = ["gdp_usd", "gov_debt", "load_comparison", "load_diagnosis", "load_exits",
           "load_inputs", "register"]


def _try(fetch: Callable[[], pd.Series]) -> pd.Series | None:
    try:
        return annual(fetch())
    except NotFoundError:
        return None


def _policy_rate(code: str) -> pd.Series | None:
    bis = _try(lambda: series(code, None, "policy_rate", source="bis"))
    gmd = _try(lambda: series(code, None, "policy_rate", source="gmd"))
    if bis is None:
        return gmd
    return bis if gmd is None else bis.combine_first(gmd)


def gov_debt(code: str) -> pd.Series | None:
    """General government gross debt, % of GDP: IMF PFMH, else GMD.

    PFMH is preferred because the GMD series for Japan is spliced from sources with
    different coverage (47% of GDP in 1990 against 63% in PFMH and JST, then a jump
    of 60 pp in 2020), which would fake a debt surge.
    """
    pfmh = _try(lambda: series(code, "general_gov", "debt_gdp", dataset="IMF_PFMH"))
    if pfmh is not None:
        return pfmh
    return _try(lambda: series(code, "general_gov", "debt_gdp", source="gmd"))


def _private_balance(code: str, last: int) -> pd.Series | None:
    try:
        return load_balances(code, last=last).balances["private"]
    except NotFoundError:
        return None


def load_inputs(country: str, *, last: int = LAST_ACTUAL_YEAR) -> pd.DataFrame:
    """Fetch a country's diagnosis inputs (annual) through the catalog.

    Parameters
    ----------
    country : str
        Country code.
    last : int
        Last year kept.

    Returns
    -------
    DataFrame
        Columns of :data:`debtcycle.analytics.bsr.diagnosis.INPUT_COLUMNS` that
        exist for the country; ``attrs["info"]`` names each column's source.

    Raises
    ------
    NotFoundError
        If none of the inputs exists for the country.
    """
    code = check_country(country)
    fetched: dict[str, pd.Series | None] = {
        "house_price_real": _try(lambda: series(code, "households", "house_price_real",
                                                unit="index_2010")),
        "equity_price": _try(lambda: series(code, None, "equity_index")),
        "private_debt_gdp": _try(lambda: series(code, "private_nonfin", "debt_gdp")),
        "gdp_nominal": _try(lambda: series(code, None, "gdp_nominal", source="gmd")),
        "private_balance_gdp": _private_balance(code, last),
        "policy_rate": _policy_rate(code),
        "gov_balance_gdp": _try(lambda: series(code, "general_gov", "gov_balance_gdp",
                                               source="gmd")),
        "gov_debt_gdp": gov_debt(code),
        "cpi": _try(lambda: series(code, None, "cpi")),
    }
    have = {k: v for k, v in fetched.items() if v is not None}
    if not have:
        raise NotFoundError(f"No balance-sheet-recession inputs for {code}; run "
                            "`debtcycle data update` or pick a covered country.")
    frame = pd.DataFrame(have)
    frame = frame.iloc[np.flatnonzero(pd.PeriodIndex(frame.index).year <= last)]
    frame.attrs["info"] = {k: {f: str(v.attrs.get("info", {}).get(f, ""))
                               for f in ("source", "series_key")} for k, v in have.items()}
    return frame


def load_diagnosis(country: str, *, thresholds: Thresholds | None = None,
                   last: int = LAST_ACTUAL_YEAR, first: int = 1980) -> Diagnosis:
    """Load a country's inputs and diagnose it from ``first`` to ``last``.

    Parameters
    ----------
    country : str
        Country code.
    thresholds : Thresholds, optional
        Signal thresholds (defaults documented in :class:`Thresholds`).
    last, first : int
        Years kept in the result (changes are computed from earlier data).

    Returns
    -------
    Diagnosis
    """
    code = check_country(country)
    result = diagnose(load_inputs(code, last=last), thresholds=thresholds, country=code)
    table = result.table.iloc[np.flatnonzero(pd.PeriodIndex(result.table.index).year >= first)]
    reasons = {k: v for k, v in result.reasons.items() if int(k) >= first}
    return Diagnosis(country=code, table=table, reasons=reasons, thresholds=result.thresholds,
                     params={**result.params, "first": first, "last": last},
                     provenance=result.provenance)


def _indicators(code: str, last: int) -> dict[str, pd.Series]:
    frame = load_inputs(code, last=last)
    out = {c: frame[c].dropna() for c in frame.columns if c != "gdp_nominal" and c != "cpi"}
    if "cpi" in frame:
        out["inflation"] = indicators(frame)["inflation"].dropna()  # as the diagnosis measures it
    real = _try(lambda: series(code, None, "gdp_real", source="gmd"))
    if real is not None:
        growth = 100.0 * real.pct_change(fill_method=None)
        out["gdp_growth"] = growth[pd.PeriodIndex(growth.index).year <= last].dropna()
    for name, values in out.items():
        values.attrs = dict(frame[name].attrs) if name in frame else {}
    return out


def _events(event: str, codes: tuple[str, str],
            indicators: dict[str, dict[str, pd.Series]]) -> dict[str, pd.Period]:
    if event == "property-peak":
        prices = indicators.get("house_price_real", {})
        missing = [c for c in codes if c not in prices]
        if missing:
            raise NotFoundError(f"No real house prices for {', '.join(missing)}, so no property "
                                "peak; pass explicit events, e.g. --event CN:2021,JP:1991.")
        return {c: property_peak(prices[c]) for c in codes}
    try:
        pairs = dict(item.split(":") for item in event.split(","))
        return {c: pd.Period(pairs[c], freq="Y") for c in codes}
    except (KeyError, ValueError) as exc:
        raise BadInputError(f"--event {event!r}: use property-peak or e.g. CN:2021,JP:1991.") \
            from exc


def load_comparison(follower: str, reference: str, *, event: str = "property-peak",
                    last: int = LAST_ACTUAL_YEAR) -> EventComparison:
    """Load both countries' indicators and compare them from their events.

    Parameters
    ----------
    follower, reference : str
        Country codes, e.g. ``"CN"`` and ``"JP"``.
    event : str
        ``"property-peak"`` (each country's peak of annual real house prices) or
        explicit years ``"CN:2021,JP:1991"``.
    last : int
        Last year used.

    Returns
    -------
    EventComparison
    """
    codes = (check_country(follower), check_country(reference))
    by_country = {c: _indicators(c, last) for c in codes}
    indicators: dict[str, dict[str, pd.Series]] = {}
    for code, values in by_country.items():
        for name, data in values.items():
            indicators.setdefault(name, {})[code] = data
    events = _events(event, codes, indicators)
    return compare_event_time(indicators, events, follower=codes[0], reference=codes[1])


def compare_command(follower: str, reference: str, *, event: str, last: int,
                    as_json: bool, chart: Path | None = None) -> None:
    """Print the event-time comparison of ``follower`` with ``reference``."""
    result = load_comparison(follower, reference, event=event, last=last)
    files = []
    if chart is not None:
        spec = comparison_chart(result, title=f"{country_name(result.follower)} vs "
                                f"{country_name(result.reference)}: years since the "
                                "property-price peak")
        files = [str(p) for p in save_chart(spec, chart)]
    if as_json:
        print_json({"follower": result.follower, "reference": result.reference,
                    "events": {c: str(p) for c, p in result.events.items()},
                    "position": result.position, "overall_similarity": result.overall,
                    "scores": result.scores.reset_index(), "statement": result.statement,
                    "paths": result.to_frame().T.reset_index(), "charts": files})
        return
    print_frame(result.scores[[c for c in ("score", "rmse", "correlation", "n", "follower_now",
                                            "reference_same_t", "matches_reference_t")
                               if c in result.scores]],
                title=f"{result.follower} vs {result.reference} from the property peak "
                      f"(overall similarity {result.overall:.2f})", digits=2)
    for line in result.statement:
        console.print(line, highlight=False)
    for path in files:
        console.print(f"chart written: {path}")


def gdp_usd(code: str) -> pd.Series:
    """Annual GDP in USD bn implied by BIS: private debt in USD over private debt in % of GDP.

    BIS ``WS_TC`` publishes each borrower's debt both in US dollars (market exchange
    rates) and in % of GDP, so their ratio is the GDP BIS divides by; this works for
    aggregates (``5A`` all reporting economies) too.
    """
    usd = series(code, "private_nonfin", "debt_usd")
    pct = series(code, "private_nonfin", "debt_gdp", unit="pct_gdp")
    implied = annual((usd / pct * 100.0).dropna())
    implied.attrs["info"] = {"source": "bis", "series_key": f"{usd.attrs['info']['series_key']}"
                             f" / {pct.attrs['info']['series_key']}"}
    return implied


def _year(text: str) -> pd.Period:
    try:
        return pd.Period(str(int(text)), freq="Y")
    except ValueError as exc:
        raise BadInputError(f"{text!r} is not a year; use property-peak or e.g. 2006.") from exc


def load_exits(country: str, *, since: str = "property-peak",
               last: int = LAST_ACTUAL_YEAR) -> ExitAccounting:
    """Load balances, property peak, government debt and partners' GDP; account for exits.

    Parameters
    ----------
    country : str
        Country code.
    since : str
        Start of the episode for the fiscal cost: ``"property-peak"`` (the peak of
        annual real house prices over the whole history) or a year, e.g. ``"2006"``
        for the US, whose prices have since risen above the 2006 peak.
    last : int
        Last year used.

    Returns
    -------
    ExitAccounting
        Partners = all BIS reporting economies (``5A``) minus the country.
    """
    code = check_country(country)
    balances = load_balances(code, last=last).balances
    prices = _try(lambda: series(code, "households", "house_price_real", unit="index_2010"))
    if since != "property-peak":
        start: pd.Period | None = _year(since)
    else:
        start = property_peak(annual(prices)) if prices is not None else None
    debt = gov_debt(code)
    if debt is not None:
        debt = debt.iloc[np.flatnonzero(pd.PeriodIndex(debt.index).year <= last)]
    external = None
    try:
        own = gdp_usd(code)
        partners = gdp_usd("5A") - own
        ca = balances["private"] + balances["government"]
        external = external_requirement(balances["private"], ca, own, partners)
    except NotFoundError:
        external = None
    return exit_accounting(balances, country=code, start=start, gov_debt_gdp=debt,
                           external=external)


def exits_command(country: str, *, since: str, last: int, as_json: bool) -> None:
    """Print the exit accounting of ``country``."""
    result = load_exits(country, since=since, last=last)
    if as_json:
        print_json({"country": result.country, "start": str(result.start),
                    "fiscal": result.fiscal, "table": result.to_frame(),
                    "statement": result.statement()})
        return
    cols = [c for c in ("private_surplus", "gov_deficit", "ca_surplus", "gov_share", "ca_share",
                        "required_pct_partner_gdp") if c in result.table]
    print_frame(result.table[cols].tail(25), title=f"{country_name(result.country)}: who "
                "absorbs the private surplus (% of GDP)")
    for line in result.statement():
        console.print(line, highlight=False)


def _diagnose_command(code: str, first: int, last: int, as_json: bool) -> None:
    result = load_diagnosis(code, first=first, last=last)
    if as_json:
        print_json({"country": code, "periods": result.periods(),
                    "thresholds": result.thresholds.to_dict(), "sources": result.provenance})
        return
    cols = ["score", "verdict", "house_drawdown", "credit_flow_gdp", "private_balance_gdp",
            "policy_rate", "gov_balance_gdp", "inflation"]
    print_frame(result.table[cols], title=f"{country_name(code)}: balance-sheet recession "
                "diagnosis (score 0-6)")
    last_period = str(result.table.index[-1])
    for line in result.reasons[last_period]:
        console.print(f"{last_period}: {line}", highlight=False)


@friendly_errors
def bsr_command(
    args: Annotated[list[str], typer.Argument(
        help="COUNTRY; or compare FOLLOWER REFERENCE (e.g. compare CN JP); or exits COUNTRY.")],
    event: Annotated[str, typer.Option(
        help="compare: property-peak or CN:2021,JP:1991; exits: property-peak or a year.")] =
    "property-peak",
    first: Annotated[int, typer.Option(help="First year shown.")] = 1980,
    last: Annotated[int, typer.Option(help="Last year (later GMD values are forecasts).")] =
    LAST_ACTUAL_YEAR,
    chart: Annotated[Path | None, typer.Option(
        help="compare: chart path (writes .html and .png).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Balance-sheet recession diagnosis of COUNTRY; `compare CN JP`; `exits COUNTRY`."""
    if args and args[0].lower() == "compare":
        if len(args) != 3:
            raise BadInputError("Usage: debtcycle bsr compare FOLLOWER REFERENCE, e.g. CN JP.")
        compare_command(args[1], args[2], event=event, last=last, as_json=as_json,
                        chart=chart)
        return
    if args and args[0].lower() == "exits":
        if len(args) != 2:
            raise BadInputError("Usage: debtcycle bsr exits COUNTRY, e.g. bsr exits JP.")
        exits_command(args[1], since=event, last=last, as_json=as_json)
        return
    if len(args) != 1:
        raise BadInputError("Usage: debtcycle bsr COUNTRY [--json], or bsr compare CN JP.")
    _diagnose_command(check_country(args[0]), first, last, as_json)


def register(app: typer.Typer) -> None:
    """Add the ``bsr`` command to ``app``."""
    app.command("bsr")(bsr_command)
