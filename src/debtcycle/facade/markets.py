"""Markets across the debt cycle, by country code: phases, events, consolidations, scenarios.

* :func:`markets`: equity and bond returns and 10-year-yield changes in each
  leverage phase of each sector (phases from :func:`debtcycle.phases`), against
  the country's figures over all phases, with block-bootstrap intervals.
* :func:`markets_summary`: the cross-country table "what equities and bonds did
  when households / firms / government deleveraged".
* :func:`market_events`: event study of equity prices and 10-year yields, 8
  quarters before to 12 after property-price peaks, fiscal consolidations or
  a given period, pooled over one or more countries.
* :func:`consolidations`: fiscal consolidation years (Alesina-Ardagna rule).
* :func:`scenario_markets`: the implied yield and equity-price changes of a
  fiscal scenario (:func:`debtcycle.scenario`).

Series used (the first available, per country; each result names them):

* equity: Shiller's S&P Composite (US, monthly), the Nikkei 225 (JP, monthly)
  and Shanghai Composite (CN, daily -> month end) price indices; otherwise the
  JST equity total return (annual, cumulated into an index);
* CPI for real returns: Shiller's CPI (US), BIS monthly CPI, else JST CPI;
* bonds: Shiller's real total bond return index (US), else JST ``bond_tr``;
* 10-year yield: Shiller GS10 (US); otherwise the longest of FRED/OECD
  monthly, Investing.com monthly (CN), GMD and JST annual series.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.facade._common import (
    check_choice,
    check_int,
    check_number,
    country_code,
    country_codes,
    period_label,
    sector_code,
)
from debtcycle.facade._markets_load import (
    episode_series,
    market_series,
    primary_balance,
    property_peak_of,
    series_info,
    try_series,
)

if TYPE_CHECKING:
    import pandas as pd

    from debtcycle.analytics.markets import (
        Consolidations,
        EventStudy,
        MarketPhases,
        ScenarioMarkets,
    )
    from debtcycle.analytics.markets.summary import MarketSummary
    from debtcycle.analytics.scenarios.run import ScenarioResult

__all__ = [
    "BASES",
    "BSR_PEAKS",
    "CONSOLIDATION",
    "PHASE_STARTS",
    "PROPERTY_PEAK",
    "SECTORS",
    "consolidations",
    "market_events",
    "market_series",
    "markets",
    "markets_summary",
    "scenario_markets",
]

#: Return bases of :func:`markets`.
BASES: Final = ("price", "total_return")
#: Sectors whose phases are measured by default.
SECTORS: Final = ("households", "nonfin_corp", "general_gov")
#: Event names.
PROPERTY_PEAK: Final = "property-peak"
CONSOLIDATION: Final = "consolidation"
PHASE_STARTS: Final = ("leveraging-start", "deleveraging-start", "stable-start")
#: The balance-sheet recessions of the issue: property-price peaks to study by default.
BSR_PEAKS: Final = ("JP", "US", "ES", "CN")
#: Default countries of the cross-country summary (JST economies with BIS credit).
SUMMARY_COUNTRIES: Final = ("US", "JP", "GB", "DE", "FR", "IT", "ES", "CA", "AU", "NL", "SE",
                            "CH", "BE", "DK", "FI", "NO", "PT", "IE")


def _phase_tables(code: str, sectors: Sequence[str], as_of: str | None = None,
                  provenance: dict[str, Any] | None = None) -> pd.DataFrame:
    """Phases (sector, start, end, label) of the sectors; their debt series into ``provenance``."""
    import pandas as pd

    from debtcycle.facade.phases import phases

    frames = []
    for sec in sectors:
        try:
            report = phases(code, sec, as_of=as_of, stability=False)
        except NotFoundError:
            continue
        for name, found in report.sectors.items():
            frames.append(found.table[["start", "end", "label"]].assign(sector=name))
            if provenance is not None and name in report.provenance:
                provenance[name] = report.provenance[name]
    if not frames:
        raise NotFoundError(f"No BIS debt/GDP phases for {code} ({', '.join(sectors)}).")
    table = pd.concat(frames, ignore_index=True)
    return table[["sector", "start", "end", "label"]]


def _boot(level: object, n_boot: object, seed: object) -> dict[str, Any]:
    return {"level_ci": check_number(level, "level", low=0.5, high=0.99),
            "n_boot": check_int(n_boot, "n_boot", low=100, high=100_000),
            "seed": check_int(seed, "seed", low=0)}


def markets(country: str, sector: str | None = None, *, basis: str = "price",
            as_of: str | None = None, level: float = 0.9, n_boot: int = 2000,
            seed: int = 0) -> MarketPhases:
    """Equity and bond returns and 10-year-yield changes in each leverage phase.

    Parameters
    ----------
    country : str
        Country code (``"US"``, ``"JP"``, ``"CN"``).
    sector : str, optional
        One sector's phases (default: households, non-financial corporations
        and general government).
    basis : {"price", "total_return"}
        ``price`` (default): the best price index (S&P Composite monthly for the
        US, Nikkei and Shanghai Composite month ends), real bond total returns
        from Shiller for the US; ``total_return``: JST annual equity and bond
        total returns for every country (to 2020; comparable across countries).
    as_of : str, optional
        Phases as dated with the debt data up to this period (``"2015Q4"``;
        see :func:`debtcycle.phases`); returns are then measured up to it.
        Default: all data (phases dated ex post).
    level : float
        Level of the bootstrap intervals (default 0.9).
    n_boot, seed : int
        Bootstrap resamples and seed (moving blocks of ``n ** (1/3)`` returns).

    Returns
    -------
    MarketPhases
        One row per (sector, phase) and an ``all periods`` row per sector.

    Raises
    ------
    BadInputError
        For an unknown code or a parameter out of range.
    NotFoundError
        If the country has no phases or no market series.
    """
    import pandas as pd

    from debtcycle.analytics.markets import MarketPhases, phase_returns

    code = country_code(country)
    sectors = [sector_code(sector)] if sector is not None else list(SECTORS)
    boot = _boot(level, n_boot, seed)
    chosen = check_choice(basis, BASES, "basis")
    data = market_series(code, chosen)
    debt: dict[str, Any] = {}
    table = _phase_tables(code, sectors, as_of, debt)
    parts = [phase_returns(group.drop(columns="sector").reset_index(drop=True),
                           data["assets"], data["rates"], **boot).assign(sector=sec)
             for sec, group in table.groupby("sector", sort=False)]
    out = pd.concat(parts, ignore_index=True)
    out = out[["sector", *[c for c in out.columns if c != "sector"]]]
    first_year = min(pd.Period(p).year for p in table["start"]) - 5  # charts only
    kept = {name: s[s.index.year >= first_year]
            for name, s in {**data["assets"], **data["rates"]}.items()}
    levels = pd.concat([pd.DataFrame({"variable": name, "date": s.index.to_timestamp(),
                                      "value": s.to_numpy(dtype=float)})
                        for name, s in kept.items()], ignore_index=True)
    return MarketPhases(country=code, table=out, series=data["info"], levels=levels,
                        params={"sectors": sectors, "basis": chosen, "as_of": as_of, **boot,
                                "bootstrap": "moving block, block = n ** (1/3) returns",
                                "phases": "debtcycle.phases (BIS debt/GDP)"},
                        provenance={"phases": debt, "series": data["info"]})


def markets_summary(countries: Sequence[str] | None = None, *, n_boot: int = 500,
                    seed: int = 0) -> MarketSummary:
    """Cross-country medians of equity and bond returns by sector and phase label.

    Every country on the same basis: JST annual total returns (equities and
    bonds, real, to 2020) over its BIS leverage phases.

    Countries without phases or market data are skipped (listed in the result's
    ``params["skipped"]``).
    """
    from debtcycle.analytics.markets import label_summary
    from debtcycle.analytics.markets.summary import MarketSummary

    codes = country_codes(list(countries) if countries is not None else list(SUMMARY_COUNTRIES))
    tables: dict[str, pd.DataFrame] = {}
    skipped: list[str] = []
    for code in codes:
        try:
            tables[code] = markets(code, basis="total_return", n_boot=n_boot, seed=seed).table
        except NotFoundError:
            skipped.append(code)
    if not tables:
        raise NotFoundError(f"No phases with market data for {', '.join(codes)}.")
    table = label_summary(tables)
    return MarketSummary(table=table, params={"countries": list(tables), "skipped": skipped,
                                              "statistic": "median across phases",
                                              "basis": "JST total returns, real"})


def consolidations(country: str, *, threshold: float = 1.5,
                   adjust: bool = True) -> Consolidations:
    """Fiscal consolidation years: the primary balance improves by >= ``threshold`` % of GDP.

    Parameters
    ----------
    country : str
        Country code.  US: CBO historical budget data (federal, fiscal years);
        others: IMF PFMH (general government).
    threshold : float
        Improvement in % of GDP (Alesina-Ardagna: 1.5).
    adjust : bool
        Cyclically adjust with the unemployment rate where available (CBO for
        the US, JST elsewhere); years without it are labelled ``unadjusted``.
    """
    from debtcycle.analytics.markets import consolidations as identify

    code = country_code(country)
    limit = check_number(threshold, "threshold", low=0.1, high=20.0)
    pb, unemp, what = primary_balance(code)
    provenance: dict[str, Any] = {"primary_balance": {**series_info(pb), "description": what}}
    if adjust and unemp is not None:
        provenance["unemployment"] = series_info(unemp)
    return identify(pb, unemp if adjust else None, threshold=limit, country=code,
                    provenance=provenance)


def _phase_starts(code: str, label: str, sector: str) -> list[tuple[str, pd.Period]]:
    """Start quarters of the ``label`` phases of one sector (the first phase is no event)."""
    import pandas as pd

    table = _phase_tables(code, [sector])
    first = pd.Period(table["start"].iloc[0])
    return [(f"{code} {sector} {p}", pd.Period(p)) for p, lab in
            zip(table["start"], table["label"], strict=True)
            if lab == label and pd.Period(p) != first]


def _events(codes: list[str], event: str, threshold: float, sector: str = "general_gov"
            ) -> tuple[dict[str, pd.Period], list[dict[str, Any]]]:
    import pandas as pd

    from debtcycle.periods import parse_period

    events: dict[str, pd.Period] = {}
    rows: list[dict[str, Any]] = []
    kind = event.strip().lower()
    for code in codes:
        if kind == PROPERTY_PEAK:
            peak = property_peak_of(code)
            events[f"{code} {peak}"] = peak
            rows.append({"episode": f"{code} {peak}", "country": code, "period": str(peak),
                         "event": "real house price peak (BIS, later fall >= 10%)"})
        elif kind == CONSOLIDATION:
            found = consolidations(code, threshold=threshold)
            for ep in found.episodes.to_dict(orient="records"):
                start = int(ep["start"])
                # the eve of the consolidation year: end of the previous (fiscal) year
                eve = pd.Period(f"{start - 1}Q3" if code == "US" else f"{start - 1}Q4", "Q")
                name = f"{code} {start}" + (f"-{int(ep['end'])}" if ep["end"] != start else "")
                events[name] = eve
                rows.append({"episode": name, "country": code, "period": str(eve),
                             "event": f"consolidation {name.split(' ')[1]} "
                                      f"(dCAPB {ep['change_capb']:.1f}% of GDP, {ep['basis']})"})
        elif kind in PHASE_STARTS:
            label = kind.removesuffix("-start")
            for name, at in _phase_starts(code, label, sector):
                events[name] = at
                rows.append({"episode": name, "country": code, "period": str(at),
                             "event": f"start of a {label} phase of {sector} debt/GDP (BIS)"})
        else:
            spec = parse_period(event, what="event")
            if isinstance(spec, str):
                raise BadInputError("event 'last' is not an event; give property-peak, "
                                    "consolidation or a period such as 2016Q1.")
            at = spec.to_period().asfreq("Q")
            events[f"{code} {at}"] = at
            rows.append({"episode": f"{code} {at}", "country": code, "period": str(at),
                         "event": "given period"})
    return events, rows


def market_events(countries: str | Sequence[str] | None = None, event: str = PROPERTY_PEAK,
                  *, sector: str = "general_gov", frequency: str = "Q",
                  before: int | None = None, after: int | None = None,
                  threshold: float = 1.5, level: float = 0.9, n_boot: int = 2000,
                  seed: int = 0) -> EventStudy:
    """Average paths of equity prices and 10-year yields around events, with bands.

    Parameters
    ----------
    countries : str or sequence of str, optional
        One or more country codes; default the balance-sheet-recession cases
        JP, US, ES, CN (property peaks).
    event : str
        ``"property-peak"`` (real house price peak followed by a fall of 10% or
        more, BIS), ``"consolidation"`` (Alesina-Ardagna years, see
        :func:`consolidations`; the event is the eve of the first year),
        ``"deleveraging-start"`` / ``"leveraging-start"`` / ``"stable-start"``
        (the first quarter of each such phase of ``sector``, from
        :func:`debtcycle.phases`; a series' first phase is not an event) or a
        period (``"2016Q1"``).
    sector : str
        Whose phases date the ``*-start`` events (default ``general_gov``).
    frequency : {"Q", "A"}
        ``Q`` (default): quarterly price indices (S&P, Nikkei, Shanghai) and
        monthly yields; ``A``: JST annual total returns and annual yields, which
        cover the 18 JST economies (events move to their year).
    before, after : int, optional
        Periods before and after the event (default 8 and 12 quarters, or 2 and
        3 years).
    threshold : float
        Consolidation threshold, % of GDP.
    level, n_boot, seed
        Interval level, resamples and seed (episodes resampled at horizons 4, 8, 12).

    Returns
    -------
    EventStudy
        Bands of ``equity`` and ``equity_real`` (event quarter = 100) and
        ``yield_10y`` (bp change) by quarter, horizon means, the episodes.
        Countries with only annual market data contribute no path.
    """
    import pandas as pd

    from debtcycle.analytics.markets import event_study

    codes = country_codes(list(BSR_PEAKS) if countries is None else countries)
    if not isinstance(event, str) or not event.strip():
        raise BadInputError("event must be property-peak, consolidation or a period, "
                            f"e.g. 2016Q1; got {event!r}.")
    if event.strip().lower() not in (PROPERTY_PEAK, CONSOLIDATION, *PHASE_STARTS):
        period_label(event, "event")
    sec = sector_code(sector)
    freq = check_choice(frequency, ("Q", "A"), "frequency")
    annual = freq == "A"
    win_before = check_int((2 if annual else 8) if before is None else before, "before",
                           low=0, high=40)
    win_after = check_int((3 if annual else 12) if after is None else after, "after",
                          low=1, high=40)
    limit = check_number(threshold, "threshold", low=0.1, high=20.0)
    boot = _boot(level, n_boot, seed)
    events, rows = _events(codes, event, limit, sec)
    if not events:
        raise NotFoundError(f"No {event} events for {', '.join(codes)}.")
    if annual:
        events = {name: at.asfreq("Y") for name, at in events.items()}
        rows = [{**r, "period": str(events[r["episode"]])} for r in rows]
    variables, info = episode_series(rows, freq)
    horizons = tuple(k for k in ((1, 2, 3) if annual else (4, 8, 12)) if k <= win_after)
    result = event_study(variables, events, before=win_before, after=win_after,
                       horizons=horizons, level=boot["level_ci"], n_boot=boot["n_boot"],
                       seed=boot["seed"], event_table=pd.DataFrame(rows),
                       params={"countries": codes, "event": event, "sector": sec,
                               "before": win_before,
                               "after": win_after, "threshold_pct_gdp": limit,
                               "frequency": freq, "bands": "p25-p75 and range across episodes",
                               "interval": "mean over episodes, episodes resampled (iid)"},
                       provenance=info)
    at_event = result.bands[result.bands["k"] == 0]
    if at_event.empty or int(at_event["n"].max()) == 0:
        raise NotFoundError(f"No market data at the {event} event(s) for {', '.join(codes)}; "
                            "the series cover other years (see debtcycle markets COUNTRY).")
    return result


def scenario_markets(path_or_spec: str | Path | dict[str, Any] | ScenarioResult, *,
                     level: float = 0.9, seed: int = 0) -> ScenarioMarkets:
    """Implied changes of the 10-year yield and of equity prices under a fiscal scenario.

    Runs :func:`debtcycle.scenario` (or takes its result, so ``scenario run``
    need not run it twice) and values equities as earnings times a
    multiple (see :mod:`debtcycle.analytics.markets.channel`): earnings move
    with nominal GDP (elasticity estimated from Shiller's real S&P earnings on
    US real GDP, FRED GDPC1, annual log changes, with a block-bootstrap
    interval), the discount rate with the 10-year yield (pass-through 0.5,
    range 0-1), duration from the latest S&P earnings yield.
    """
    from debtcycle.analytics.markets import earnings_beta, equity_channel
    from debtcycle.analytics.markets._series import annual_mean, last_ratio
    from debtcycle.analytics.scenarios.run import ScenarioResult as _Run
    from debtcycle.facade.fiscal import scenario

    boot = _boot(level, 2000, seed)
    result = path_or_spec if isinstance(path_or_spec, _Run) else scenario(path_or_spec)
    earnings = try_series("US", "equity_earnings", source="shiller")
    price = try_series("US", "equity_index", source="shiller")
    cpi = try_series("US", "cpi", source="shiller")
    gdp = try_series("US", "gdp_real", source="fred")
    if earnings is None or price is None or cpi is None or gdp is None:
        raise NotFoundError("scenario_markets needs Shiller's data and FRED GDPC1; run "
                            "'debtcycle data update --source shiller --source fred'.")
    real_e = annual_mean((earnings / cpi).dropna(), first_year=1947)
    beta = earnings_beta(real_e, annual_mean(gdp), level=boot["level_ci"], seed=boot["seed"])
    ey, ey_at = last_ratio(earnings, price)
    out = equity_channel(result.baseline, result.scenario, beta=beta, earnings_yield=ey,
                         country=result.country,
                         provenance={"earnings": series_info(earnings), "price": series_info(price),
                                     "gdp_real": series_info(gdp),
                                     "earnings_yield_at": str(ey_at)})
    params = {**out.params, "scenario": result.params.get("name"),
              "beta_interval_level": boot["level_ci"],
              "kind": "scenario projection against the baseline, not a forecast"}
    return type(out)(country=out.country, table=out.table, params=params,
                     provenance=out.provenance)
