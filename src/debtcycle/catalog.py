"""Look up series by canonical codes and get pandas objects back.

``series("CN", "households", "debt_gdp")`` finds every stored series with those
codes, picks one by the documented default order and returns it as a
:class:`pandas.Series` on a :class:`pandas.PeriodIndex`, its metadata in
``Series.attrs``.  The caller can override each choice (``source=``,
``valuation=``, ``unit=``, ``freq=``, ``adjustment=``, ``dataset=``).

Default order when several series match
---------------------------------------
1. source: :data:`SOURCE_ORDER` for the measure (else :data:`DEFAULT_SOURCE_ORDER`);
2. unit: the measure's canonical unit (e.g. ``pct_gdp`` before ``lcu_bn``);
3. frequency: quarterly, then monthly, then annual, then daily;
4. valuation: for government debt ``nominal`` (the face value national
   statistics and research notes quote), otherwise ``market``;
5. adjustment: ``break_adjusted`` before ``unadjusted``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from debtcycle.errors import NotFoundError
from debtcycle.store import Store
from debtcycle.vocab import MEASURES, check_country, check_measure, check_sector

__all__ = [
    "DEFAULT_SOURCE_ORDER",
    "SOURCE_ORDER",
    "SeriesInfo",
    "available",
    "panel",
    "series",
    "to_period_index",
]

#: Source preference used when a measure has no entry in :data:`SOURCE_ORDER`.
DEFAULT_SOURCE_ORDER: Final[tuple[str, ...]] = ("bis", "imf", "gmd", "jst", "fred", "boj", "cbo")

#: Per-measure source preference (first = default).
SOURCE_ORDER: Final[dict[str, tuple[str, ...]]] = {
    "debt_gdp": ("bis", "imf", "gmd", "jst", "fred"),
    "policy_rate": ("bis", "fred", "gmd"),
    "cpi": ("bis", "jst"),
    "gov_balance_gdp": ("gmd", "imf", "fred"),
    "ca_gdp": ("gmd", "jst"),
    "gdp_real": ("fred", "gmd", "jst"),
    "gdp_nominal": ("fred", "gmd", "jst"),
    "yield_10y": ("fred", "gmd", "jst"),
}

_FREQ_ORDER: Final[tuple[str, ...]] = ("Q", "M", "A", "D")
_PANDAS_FREQ: Final[dict[str, str]] = {"A": "Y", "Q": "Q", "M": "M", "D": "D"}


@dataclass(frozen=True)
class SeriesInfo:
    """Metadata of a series returned by the catalog (also in ``Series.attrs``)."""

    country: str
    sector: str
    measure: str
    source: str
    dataset: str
    series_key: str
    unit: str
    valuation: str
    adjustment: str
    freq: str
    title: str
    vintage: str
    url: str

    def to_dict(self) -> dict[str, str]:
        """Return the metadata as a plain dict."""
        return asdict(self)


def to_period_index(dates: pd.Series | np.ndarray, freq: str) -> pd.PeriodIndex:
    """Turn first-of-period dates (any year, e.g. 1661) into a PeriodIndex of ``freq``.

    Built from period ordinals (periods since 1970), which avoids the
    nanosecond-timestamp range limit of 1677-2262.
    """
    days = np.asarray(dates, dtype="datetime64[D]")
    years = days.astype("datetime64[Y]").astype(np.int64)
    months = days.astype("datetime64[M]").astype(np.int64)
    if freq == "A":
        ordinals, pfreq = years, "Y"
    elif freq == "Q":
        ordinals, pfreq = years * 4 + (months % 12) // 3, "Q"
    elif freq == "M":
        ordinals, pfreq = months, "M"
    else:
        ordinals, pfreq = days.astype(np.int64), "D"
    array = pd.arrays.PeriodArray(ordinals, dtype=pd.PeriodDtype(pfreq))
    return pd.PeriodIndex(array)


def _rank(row: pd.Series, measure: str, sector: str) -> tuple[int, ...]:
    order = SOURCE_ORDER.get(measure, DEFAULT_SOURCE_ORDER)
    src = order.index(row["source"]) if row["source"] in order else len(order)
    unit = 0 if row["unit"] == MEASURES[measure].unit else 1
    freq = _FREQ_ORDER.index(row["freq"]) if row["freq"] in _FREQ_ORDER else 9
    gov = sector in ("general_gov", "central_gov", "local_gov")
    valuation = {"nominal": 0 if gov else 1, "market": 1 if gov else 0}.get(row["valuation"], 2)
    adjust = {"break_adjusted": 0, "unadjusted": 1}.get(row["adjustment"], 2)
    return (src, unit, freq, valuation, adjust, int(row["series_id"]))


def _not_found(
    store: Store, country: str, sector: str, measure: str, filters: dict[str, Any]
) -> NotFoundError:
    have = store.find_series(country=country)
    extra = ", ".join(f"{k}={v!r}" for k, v in filters.items() if v is not None)
    if have.empty:
        return NotFoundError(
            f"No series for country {country} in the store. Run `debtcycle data update`, "
            "or check `debtcycle data status` for the covered countries."
        )
    for_measure = have[have["measure"] == measure]
    if for_measure.empty:
        measures = sorted(have["measure"].unique())
        return NotFoundError(
            f"No {measure!r} series for {country}. Measures available for {country}: "
            f"{', '.join(measures)}."
        )
    options = for_measure[["sector", "source", "unit", "valuation", "freq"]].drop_duplicates()
    return NotFoundError(
        f"No {measure!r} series for {country} / {sector}"
        + (f" with {extra}" if extra else "")
        + f". Available:\n{options.to_string(index=False)}"
    )


def _choose(found: pd.DataFrame, measure: str, sector: str) -> pd.Series:
    """Return the candidate row the documented default order prefers."""
    ranks = [_rank(row, measure, sector) for _, row in found.iterrows()]
    return found.iloc[ranks.index(min(ranks))]


def _as_series(row: pd.Series, obs: pd.DataFrame, measure: str) -> pd.Series:
    """Build the catalog's Series (PeriodIndex, ``attrs["info"]``) from a series row."""
    country, sector = str(row["country"]), str(row["sector"])
    index = to_period_index(obs["period"].to_numpy(), str(row["freq"]))
    out = pd.Series(
        obs["value"].to_numpy(dtype=float), index=index, name=f"{country}.{sector}.{measure}"
    )
    out.index.name = "period"
    info = SeriesInfo(
        country=country,
        sector=sector,
        measure=measure,
        source=str(row["source"]),
        dataset=str(row["dataset"]),
        series_key=str(row["series_key"]),
        unit=str(row["unit"]),
        valuation=str(row["valuation"] or ""),
        adjustment=str(row["adjustment"] or ""),
        freq=str(row["freq"]),
        title=str(row["title"] or ""),
        vintage=str(row["vintage"] or ""),
        url=str(row["url"] or ""),
    )
    out.attrs["info"] = info.to_dict()
    return out


def series(
    country: str,
    sector: str | None = None,
    measure: str = "debt_gdp",
    *,
    source: str | None = None,
    dataset: str | None = None,
    unit: str | None = None,
    valuation: str | None = None,
    adjustment: str | None = None,
    freq: str | None = None,
    store: Store | None = None,
) -> pd.Series:
    """Return one series as a pandas Series on a PeriodIndex.

    Parameters
    ----------
    country : str
        ISO 3166 alpha-2 code or BIS aggregate (``"CN"``, ``"XM"``); alpha-3 and
        English names are accepted too.
    sector : str, optional
        Canonical sector (``households``, ``nonfin_corp``, ``general_gov``, ...);
        ``None`` means ``economy`` (whole-economy measures such as GDP, rates).
    measure : str
        Canonical measure (``debt_gdp``, ``credit_gap``, ``policy_rate``, ...).
    source, dataset, unit, valuation, adjustment, freq : str, optional
        Narrow the choice; otherwise the documented default order decides.
    store : Store, optional
        Store to read; default the user's store.

    Returns
    -------
    Series
        Values on a PeriodIndex named ``period``; ``attrs["info"]`` holds the
        :class:`SeriesInfo` as a dict.

    Raises
    ------
    NotFoundError
        Unknown codes (with close matches) or no matching series (with what
        is available).

    Examples
    --------
    >>> hh = series("CN", "households", "debt_gdp")  # doctest: +SKIP
    >>> round(hh["2008Q4"], 1)  # doctest: +SKIP
    17.6
    """
    country = check_country(country)
    sector = check_sector(sector or "economy")
    measure = check_measure(measure)
    st = store or Store()
    filters = {
        "source": source,
        "dataset": dataset,
        "unit": unit,
        "valuation": valuation,
        "adjustment": adjustment,
        "freq": freq,
    }
    found = st.find_series(country=country, sector=sector, measure=measure, **filters)
    if found.empty:
        raise _not_found(st, country, sector, measure, filters)
    row = _choose(found, measure, sector)
    return _as_series(row, st.observations([int(row["series_id"])]), measure)


def panel(
    countries: str | Sequence[str],
    sectors: str | Sequence[str] | None = None,
    measure: str = "debt_gdp",
    *,
    skip_missing: bool = False,
    store: Store | None = None,
    **choices: str | None,
) -> pd.DataFrame:
    """Return several series side by side: columns ``(country, sector)``.

    The candidates of every column are read in one query and their
    observations in another; each column is chosen exactly as
    :func:`series` would choose it.

    Parameters
    ----------
    countries : str or sequence of str
        One or several countries.
    sectors : str or sequence of str, optional
        One or several sectors (default: ``economy``).
    measure : str
        One canonical measure for every column.
    skip_missing : bool
        Leave out combinations with no series instead of raising.
    store : Store, optional
        Store to read; default the user's store.
    **choices
        Narrow the choice as in :func:`series` (``source=``, ``valuation=``,
        ``freq=``, ...).

    Returns
    -------
    DataFrame
        PeriodIndex rows, MultiIndex columns ``(country, sector)``;
        ``attrs["info"]`` maps ``"CC.sector"`` to each column's metadata.

    Raises
    ------
    NotFoundError
        If a combination is missing (unless ``skip_missing``) or the series
        have different frequencies (pass ``freq=``).
    """
    cs = [check_country(c) for c in ([countries] if isinstance(countries, str) else countries)]
    ss = [
        check_sector(s or "economy")
        for s in ([sectors] if isinstance(sectors, str) or sectors is None else sectors)
    ]
    measure = check_measure(measure)
    st = store or Store()
    found = st.find_series(measure=measure, **choices)  # one query for every column
    chosen: dict[tuple[str, str], pd.Series] = {}
    for c in cs:
        for s in ss:
            candidates = found[(found["country"] == c) & (found["sector"] == s)]
            if not candidates.empty:
                chosen[(c, s)] = _choose(candidates, measure, s)
            elif not skip_missing:
                raise _not_found(st, c, s, measure, dict(choices))
    ids = [int(row["series_id"]) for row in chosen.values()]
    obs = st.observations(ids).groupby("series_id")
    columns = {key: _as_series(row, obs.get_group(int(row["series_id"])), measure)
               for key, row in chosen.items()}
    info = {f"{c}.{s}": one.attrs["info"] for (c, s), one in columns.items()}
    freqs = {s.attrs["info"]["freq"] for s in columns.values()}
    if len(freqs) > 1:
        raise NotFoundError(f"The series mix frequencies {sorted(freqs)}; pass freq='Q' or 'A'.")
    frame = pd.concat(columns, axis=1) if columns else pd.DataFrame()
    if columns:
        frame.columns = pd.MultiIndex.from_tuples(list(columns), names=["country", "sector"])
        frame = frame.sort_index()
    frame.attrs["info"] = info
    return frame


def available(store: Store | None = None, **filters: str | None) -> pd.DataFrame:
    """List stored series (metadata and coverage), optionally filtered by column values."""
    checked = dict(filters)
    if checked.get("country"):
        checked["country"] = check_country(str(checked["country"]))
    return (store or Store()).find_series(**checked)
