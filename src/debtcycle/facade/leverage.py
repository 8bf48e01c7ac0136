"""Leverage by country code: sector table, decomposition, cross-country comparison, alignment.

Each function validates its arguments, fetches the series it needs through
the catalog, calls one analytic and returns its typed result; ``to_dict()`` of
that result is the JSON the CLI prints with ``--json`` and the web API serves.

Valuation
---------
BIS publishes government debt at *market* value (the basis of its totals) and,
for some countries, also at *nominal* (face) value, the figure national
statistics quote.  :func:`leverage` and :func:`sector_debt` take every sector
at market value by default, so households + firms + government add up to the
total non-financial sector; ``valuation="nominal"`` takes government debt at
face value instead and the result says that the parts no longer add up to the
(market-value) total.  The valuation of each sector is in the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Final, Literal, cast

from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.facade._common import (
    check_choice,
    check_int,
    check_number,
    country_code,
    country_codes,
    measure_code,
    period_label,
    period_labels,
    sector_code,
)

if TYPE_CHECKING:
    import pandas as pd

    from debtcycle.analytics.leverage.align import Alignment
    from debtcycle.analytics.leverage.compare import Comparison
    from debtcycle.analytics.leverage.decompose import Decomposition
    from debtcycle.analytics.snapshot import LeverageSnapshot

__all__ = [
    "DEFAULT_AT",
    "DEFAULT_COMPARE_AT",
    "PEAK",
    "SECTORS",
    "align",
    "compare",
    "decompose",
    "decomposition_inputs",
    "interest_rate",
    "leverage",
    "nominal_gdp",
    "sector_debt",
]

#: Sectors of the leverage table, in display order.
SECTORS: Final = ("households", "nonfin_corp", "general_gov", "private_nonfin", "total_nonfin")
#: Dates of the leverage table when none are given.
DEFAULT_AT: Final = ("2008Q4", "2015Q4", "2019Q4", "2023Q4", "last")
#: Dates of a comparison when none are given.
DEFAULT_COMPARE_AT: Final = ("2008Q4", "2015Q4", "2019Q4", "last")
#: Event name: each country's real residential property-price peak.
PEAK: Final = "property-peak"

Valuation = Literal["market", "nominal"]
_GOV = ("general_gov", "central_gov", "local_gov")
_ADDS_UP = ("households", "nonfin_corp", "general_gov")


def _series(
    country: str, sector: str | None, measure: str, *, source: str | None = None,
    unit: str | None = None, valuation: str | None = None, adjustment: str | None = None,
    freq: str | None = None,
) -> pd.Series:
    from debtcycle.catalog import series

    return series(country, sector, measure, source=source, unit=unit, valuation=valuation,
                  adjustment=adjustment, freq=freq)


def _government(country: str, valuation: Valuation = "market") -> pd.Series:
    """BIS general government debt/GDP at ``valuation`` where published, else the other basis."""
    try:
        return _series(country, "general_gov", "debt_gdp", source="bis", valuation=valuation)
    except NotFoundError:
        return _series(country, "general_gov", "debt_gdp", source="bis")


def sector_debt(
    country: str, sectors: Sequence[str] = SECTORS, *, valuation: Valuation = "market"
) -> pd.DataFrame:
    """Return BIS debt/GDP of ``sectors`` for ``country``, one column per sector.

    Parameters
    ----------
    country : str
        Country code (``"CN"``).
    sectors : sequence of str
        Sectors to fetch; those without data are left out.
    valuation : {"market", "nominal"}
        Basis of government debt (see the module docstring); every other
        sector is at market value, the only basis BIS publishes for them.

    Returns
    -------
    DataFrame
        PeriodIndex ``period``; ``attrs["info"]`` maps each sector to its
        series metadata (source, series key, valuation, vintage, ...).

    Raises
    ------
    BadInputError
        Bad country, sector or valuation.
    NotFoundError
        If none of the sectors has a series.
    """
    import pandas as pd

    from debtcycle.catalog import FrozenInfo

    code = country_code(country)
    basis = cast(Valuation, check_choice(valuation, ("market", "nominal"), "valuation"))
    wanted = [sector_code(s, "sectors") for s in _sequence(sectors, "sectors")]
    columns: dict[str, pd.Series] = {}
    for sector in wanted:
        try:
            s = (_government(code, basis) if sector == "general_gov"
                 else _series(code, sector, "debt_gdp", source="bis"))
        except NotFoundError:
            continue
        columns[sector] = s
    if not columns:
        raise NotFoundError(f"No BIS debt/GDP series for {code}; run `debtcycle list --country "
                            f"{code}` to see what the store holds.")
    frame = pd.DataFrame(columns)
    frame.index.name = "period"
    frame.attrs["info"] = FrozenInfo({k: s.attrs["info"] for k, s in columns.items()})
    return frame


def _sequence(values: object, what: str) -> list[object]:
    if isinstance(values, str):
        return [values]
    if not isinstance(values, list | tuple) or not values:
        raise BadInputError(f"{what} must be a non-empty list of codes; got {values!r}.")
    if len(values) > 20:
        raise BadInputError(f"{what} has {len(values)} items; give at most 20 sectors.")
    return list(values)


def _valuation_note(levels: pd.DataFrame, valuation: dict[str, str]) -> str:
    """Say where the parts do not add up to the total (by more than rounding, 0.5 pp)."""
    if not set(_ADDS_UP) | {"total_nonfin"} <= set(levels.index):
        return ""
    gap = levels.loc[list(_ADDS_UP)].sum(min_count=3) - levels.loc["total_nonfin"]
    off = gap[gap.abs() > 0.5]
    if off.empty:
        return ""
    where = ", ".join(f"{p}: {v:+.1f} pp" for p, v in off.items())
    bases = {valuation.get(s, "") for s in (*_ADDS_UP, "total_nonfin")}
    why = (f"government at {valuation.get('general_gov')} value, the total at "
           f"{valuation.get('total_nonfin')} value" if len(bases) > 1
           else "the BIS sector series differ in coverage")
    return (f"Households + firms + government minus the total non-financial sector ({why}): "
            f"{where}.")


def leverage(
    country: str,
    at: Sequence[str] | str | None = None,
    *,
    sectors: Sequence[str] | None = None,
    valuation: Valuation = "market",
) -> LeverageSnapshot:
    """Every sector's debt/GDP at the dates ``at`` and the changes between them.

    Parameters
    ----------
    country : str
        Country code, e.g. ``"CN"``.
    at : str or sequence of str, optional
        Periods (:mod:`debtcycle.periods`: ``"2008Q4"``, ``"2008"`` = its last
        quarter, ``"last"``); default :data:`DEFAULT_AT`.
    sectors : sequence of str, optional
        Default :data:`SECTORS`.
    valuation : {"market", "nominal"}
        Basis of government debt; ``"market"`` makes the parts add up to the total.

    Returns
    -------
    LeverageSnapshot
        ``to_frame()``: one row per sector (levels, changes in pp, valuation);
        ``valuation`` and ``note`` say on which basis each sector is.

    Raises
    ------
    BadInputError
        Bad code, period (e.g. ``2008Q5``) or a date outside the data.
    NotFoundError
        No BIS debt series for the country.

    Examples
    --------
    >>> snap = leverage("US", at=["2019Q4", "last"])  # doctest: +SKIP
    >>> snap.valuation["general_gov"]  # doctest: +SKIP
    'market'
    """
    from debtcycle.analytics.snapshot import leverage_snapshot

    code = country_code(country)
    dates = period_labels(DEFAULT_AT if at is None else at, "at")
    frame = sector_debt(code, SECTORS if sectors is None else sectors, valuation=valuation)
    snap = leverage_snapshot(frame, dates, country=code)
    basis = {s: str(info.get("valuation", "")) for s, info in frame.attrs["info"].items()}
    return replace(snap, valuation=basis, note=_valuation_note(snap.levels, basis),
                   params={**snap.params, "valuation": valuation})


def decomposition_inputs(country: str, sector: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Return (debt in LCU, debt/GDP, real GDP) for the decomposition of ``sector``.

    Debt and the ratio come from BIS total credit on the same valuation basis
    (market value for government where BIS publishes it); real GDP is
    quarterly FRED ``GDPC1`` for the US and annual GMD ``rGDP`` elsewhere.

    Raises
    ------
    NotFoundError
        If a series is missing.
    """
    code, sec = country_code(country), sector_code(sector)
    valuation = _government(code).attrs["info"]["valuation"] if sec in _GOV else None
    ratio = _series(code, sec, "debt_gdp", source="bis", valuation=valuation)
    debt = _series(code, sec, "debt_lcu", source="bis", valuation=valuation,
                   adjustment=ratio.attrs["info"]["adjustment"] or None)
    if code == "US":
        real = _series("US", None, "gdp_real", source="fred", freq="Q")
    else:
        real = _series(code, None, "gdp_real", source="gmd")
    return debt, ratio, real


def interest_rate(country: str) -> pd.Series | None:
    """Return a nominal rate for Dalio's test: the 10-year yield, else the policy rate."""
    code = country_code(country)
    for measure in ("yield_10y", "policy_rate"):
        try:
            return _series(code, None, measure)
        except NotFoundError:
            continue
    return None


def nominal_gdp(country: str) -> pd.Series:
    """Return the nominal GDP BIS divides by, backed out of BIS total credit.

    ``debt_lcu / (debt_gdp / 100)`` of the total non-financial sector, extended
    back with the private non-financial sector where the total starts later.

    Raises
    ------
    NotFoundError
        If neither sector has both series.
    """
    from debtcycle.analytics.leverage.decompose import implied_nominal_gdp
    from debtcycle.catalog import FrozenInfo

    code = country_code(country)
    parts = []
    for sector in ("total_nonfin", "private_nonfin"):
        try:
            ratio = _series(code, sector, "debt_gdp", source="bis")
            debt = _series(code, sector, "debt_lcu", source="bis",
                           adjustment=ratio.attrs["info"]["adjustment"] or None)
        except NotFoundError:
            continue
        parts.append(implied_nominal_gdp(debt, ratio))
    if not parts:
        raise NotFoundError(f"No BIS debt in local currency and % of GDP for {code}.")
    out = parts[0] if len(parts) == 1 else parts[0].combine_first(parts[1])
    out.attrs["info"] = FrozenInfo({
        "source": "bis", "measure": "gdp_nominal",
        "method": "debt_lcu / (debt_gdp / 100), total then private non-fin."})
    return out


def decompose(
    country: str,
    sector: str = "total_nonfin",
    start: str | None = None,
    end: str | None = None,
) -> Decomposition:
    """Split the change of a sector's debt/GDP into debt, real growth, inflation and cross terms.

    Parameters
    ----------
    country : str
        Country code.
    sector : str
        Borrowing sector (default ``total_nonfin``).
    start, end : str, optional
        Window bounds (:mod:`debtcycle.periods`; ``"2008"`` = end of 2008);
        default: all common periods.  Terms are summed over ``(start, end]``.

    Returns
    -------
    Decomposition
        ``params`` carry ``country``, ``sector``, ``start``, ``end``, ``freq``.

    Raises
    ------
    BadInputError
        Bad code or period, or a window that does not run forward in the data.
    NotFoundError
        A needed series is missing.
    """
    from debtcycle.analytics.leverage.decompose import decompose_leverage

    code, sec = country_code(country), sector_code(sector)
    first = None if start is None else period_label(start, "start")
    last = None if end is None else period_label(end, "end")
    debt, ratio, real = decomposition_inputs(code, sec)
    result = decompose_leverage(debt, nominal_gdp(code), real, start=first, end=last,
                                published=ratio, rate=interest_rate(code))
    return replace(result, params={"country": code, "sector": sec, **result.params})


def compare(
    countries: Sequence[str] | str,
    sector: str = "total_nonfin",
    at: Sequence[str] | str | None = None,
) -> Comparison:
    """Compare one sector's BIS debt/GDP across countries at dates, with changes and ranks.

    Parameters
    ----------
    countries : str or sequence of str
        Country codes, e.g. ``["CN", "JP", "US"]``.
    sector : str
        Borrowing sector (default ``total_nonfin``).
    at : str or sequence of str, optional
        Dates (default :data:`DEFAULT_COMPARE_AT`).

    Returns
    -------
    Comparison
        ``table``: one row per country, levels, changes (pp) and ``rank``
        (1 = highest at the last date).

    Raises
    ------
    BadInputError
        Bad codes or dates.
    NotFoundError
        A country has no series for the sector.
    """
    import pandas as pd

    from debtcycle.analytics.leverage.compare import compare_countries
    from debtcycle.catalog import FrozenInfo

    codes = country_codes(countries)
    sec = sector_code(sector)
    dates = period_labels(DEFAULT_COMPARE_AT if at is None else at, "at")
    columns = {code: _series(code, sec, "debt_gdp", source="bis") for code in codes}
    frame = pd.DataFrame(columns)
    frame.attrs["info"] = FrozenInfo({c: s.attrs["info"] for c, s in columns.items()})
    return compare_countries(frame, dates, sector=sec)


def _event(
    country: str, event: str, min_fall: float | None, what: str
) -> tuple[pd.Period, dict[str, str] | None]:
    """Return the event period and, for a property peak, the price series' metadata."""
    from debtcycle.analytics.leverage.align import property_peak
    from debtcycle.periods import parse_period

    if not isinstance(event, str) or event.strip().lower() != PEAK:
        spec = parse_period(event, what=what)
        if isinstance(spec, str):
            raise BadInputError(f"{what} 'last' is not an event; give {PEAK} or a period.")
        return spec.to_period(), None
    prices = _series(country, "households", "house_price_real", unit="index_2010")
    return property_peak(prices, min_fall=min_fall), prices.attrs["info"]


def align(
    country: str,
    to: str,
    *,
    event: str = PEAK,
    to_event: str = PEAK,
    sector: str = "private_nonfin",
    measure: str = "debt_gdp",
    before: int = 8,
    after: int = 40,
    rebase: Literal["none", "diff", "ratio"] = "diff",
    min_fall: float | None = 10.0,
) -> Alignment:
    """Align two countries on an event and score how closely ``country`` follows ``to``.

    Parameters
    ----------
    country, to : str
        Follower and reference countries (e.g. ``"CN"`` and ``"JP"``).
    event, to_event : str
        ``"property-peak"`` (the real residential property-price peak, BIS,
        later followed by a fall of at least ``min_fall`` %) or a period.
    sector, measure : str
        The series aligned (house prices are read for households).
    before, after : int
        Periods kept before and after the event.
    rebase : {"none", "diff", "ratio"}
        Levels, change since the event, or 100 x value / value at the event.
    min_fall : float, optional
        Later real price fall (%) a peak needs; ``None`` takes the highest price.

    Returns
    -------
    Alignment
        Paths in event time and the similarity score of the follower.

    Raises
    ------
    BadInputError
        Bad codes, periods, window or rebase.
    """
    from debtcycle.analytics.leverage.align import Alignment, Rebase, similarity
    from debtcycle.analytics.leverage.align import align as align_paths

    follower, reference = country_code(country), country_code(to, "to")
    if follower == reference:
        raise BadInputError(f"to {to!r} is the same country as {country!r}; compare two countries.")
    meas = measure_code(measure)
    house = meas.startswith("house_price")
    sec = "households" if house else sector_code(sector)
    how = cast(Rebase, check_choice(rebase, ("none", "diff", "ratio"), "rebase"))
    window = (-check_int(before, "before", low=0, high=400), check_int(after, "after", low=0,
                                                                        high=400))
    fall = None if min_fall is None else check_number(min_fall, "min_fall", low=0, high=100)
    unit = "index_2010" if house else None
    data = {c: _series(c, sec, meas, unit=unit) for c in (follower, reference)}
    found = {follower: _event(follower, event, fall or None, "event"),
             reference: _event(reference, to_event, fall or None, "to_event")}
    events = {c: period for c, (period, _) in found.items()}
    aligned = align_paths(data, events, window, rebase=how)
    later = [int(t) for t in aligned.frame[follower].dropna().index if int(t) > 0]
    score = similarity(aligned, follower, reference, window=(0, max(later)) if later else None)
    return Alignment(
        aligned=aligned, similarity=score, measure=meas, sector=sec, rebase=how,
        params={**aligned.params, "follower": follower, "reference": reference,
                "measure": meas, "sector": sec, "min_fall": fall,
                "event_rule": {c: PEAK if info else "given" for c, (_, info) in found.items()}},
        provenance={**aligned.provenance,
                    "event_prices": {c: info for c, (_, info) in found.items() if info}},
    )
