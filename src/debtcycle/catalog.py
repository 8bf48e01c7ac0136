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

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Final, NoReturn

import numpy as np
import pandas as pd

from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.store import Store
from debtcycle.vocab import MEASURES, check_country, check_measure, check_sector

__all__ = [
    "DEFAULT_SOURCE_ORDER",
    "SOURCE_ORDER",
    "FrozenInfo",
    "SeriesInfo",
    "available",
    "list_series",
    "panel",
    "search",
    "series",
    "to_period_index",
]

#: Source preference used when a measure has no entry in :data:`SOURCE_ORDER`.
DEFAULT_SOURCE_ORDER: Final[tuple[str, ...]] = ("bis", "imf", "gmd", "jst", "fred", "boj", "cbo")

#: Per-measure source preference (first = default).
SOURCE_ORDER: Final[dict[str, tuple[str, ...]]] = {
    "debt_gdp": ("bis", "cnbs", "imf", "gmd", "jst", "fred"),
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
_GOV_SECTORS: Final[tuple[str, ...]] = ("general_gov", "central_gov", "local_gov")
_CHOICES: Final[tuple[str, ...]] = ("source", "dataset", "unit", "valuation", "adjustment", "freq")
_META_SQL: Final[str] = (
    "SELECT s.series_id, s.source, s.dataset, s.series_key, s.country, s.sector, s.measure, "
    "s.unit, s.valuation, s.adjustment, s.freq, s.title, f.vintage, f.url "
    "FROM series s LEFT JOIN files f USING (dataset) WHERE {where}"
)


class FrozenInfo(dict[str, Any]):
    """Read-only provenance kept in ``attrs["info"]``: a dict that pandas never copies.

    pandas deep-copies ``attrs`` on nearly every operation; this mapping
    returns itself from ``copy``/``deepcopy`` (it cannot change, so sharing
    is safe) and refuses item assignment.  ``dict(info)`` gives a mutable copy.
    """

    def _frozen(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("provenance is read-only; copy it with dict(info) to change it")

    __setitem__ = __delitem__ = _frozen
    clear = pop = popitem = setdefault = update = _frozen
    __ior__ = _frozen

    def __copy__(self) -> FrozenInfo:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenInfo:
        return self

    def __reduce__(self) -> tuple[type[FrozenInfo], tuple[dict[str, Any]]]:
        return (FrozenInfo, (dict(self),))


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


def _text(value: object, name: str, example: str) -> str:
    if not isinstance(value, str):
        raise BadInputError(f"{name} must be text, e.g. {example!r}; got {value!r}.")
    return value


def _check_choices(choices: Mapping[str, object]) -> dict[str, str]:
    """Validate the ``source=``/``valuation=``/... filters: known names, text values."""
    out = {}
    for name, value in choices.items():
        if name not in _CHOICES:
            raise BadInputError(f"Unknown filter {name}=; use {', '.join(_CHOICES)}.")
        if value is None:
            continue
        text = _text(value, name, "bis" if name == "source" else "Q").strip()
        # codes are stored lower-case (bis, market) and frequencies upper-case (Q)
        out[name] = (text.upper() if name == "freq" else
                     text.lower() if name in ("source", "valuation", "adjustment") else text)
    return out


def _candidates(
    st: Store, measure: str, countries: Sequence[str], sectors: Sequence[str],
    choices: Mapping[str, str],
) -> pd.DataFrame:
    """Read the metadata rows of every candidate series in one query (no coverage scan)."""
    clauses, params = ["s.measure = ?"], [measure]
    for column, values in (("country", countries), ("sector", sectors)):
        clauses.append(f"s.{column} IN ({','.join('?' * len(values))})")
        params.extend(values)
    for column, value in choices.items():
        clauses.append(f"s.{column} = ?")
        params.append(value)
    return st.query(_META_SQL.format(where=" AND ".join(clauses)), params)


def _ranked(found: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Sort candidates best first by the documented default order (vectorised)."""
    order = SOURCE_ORDER.get(measure, DEFAULT_SOURCE_ORDER)
    src = found["source"].map({s: i for i, s in enumerate(order)}).fillna(len(order))
    unit = (found["unit"] != MEASURES[measure].unit).to_numpy(dtype=int)
    freq = found["freq"].map({f: i for i, f in enumerate(_FREQ_ORDER)}).fillna(9)
    gov = found["sector"].isin(_GOV_SECTORS).to_numpy()
    valuation = found["valuation"].to_numpy(dtype=object)
    val = np.where(valuation == "nominal", np.where(gov, 0, 1),
                   np.where(valuation == "market", np.where(gov, 1, 0), 2))
    adjust = found["adjustment"].map({"break_adjusted": 0, "unadjusted": 1}).fillna(2)
    keys = (found["series_id"].to_numpy(), adjust.to_numpy(), val, freq.to_numpy(), unit,
            src.to_numpy())
    ranked: pd.DataFrame = found.iloc[np.lexsort(keys)]  # the last key sorts first
    return ranked


_INFO_FIELDS: Final[tuple[str, ...]] = (
    "country", "sector", "measure", "source", "dataset", "series_key", "unit", "valuation",
    "adjustment", "freq", "title", "vintage", "url",
)


def _info(row: Mapping[Any, Any], measure: str) -> FrozenInfo:
    """Return the :class:`SeriesInfo` fields of a metadata row as read-only text."""
    out = {}
    for key in _INFO_FIELDS:
        value = measure if key == "measure" else row.get(key)
        out[key] = "" if value is None or value is pd.NA or value != value else str(value)
    return FrozenInfo(out)


def _observations(st: Store, ids: Sequence[int]) -> pd.DataFrame:
    marks = ",".join("?" * len(ids))
    return st.query(f"SELECT series_id, period, value FROM observations "
                    f"WHERE series_id IN ({marks})", [int(i) for i in ids])


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
    options = options.iloc[np.argsort(options["sector"].to_numpy() != sector, kind="stable")]
    listed = [" ".join(f"{k}={v}" for k, v in row.items() if v and v == v)
              for row in options.head(8).to_dict("records")]
    more = f"; and {len(options) - 8} more" if len(options) > 8 else ""
    return NotFoundError(
        f"No {measure!r} series for {country} / {sector}"
        + (f" with {extra}" if extra else "")
        + f". Available: {'; '.join(listed)}{more} (see `debtcycle list --country {country}`)."
    )


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
    country = check_country(_text(country, "country", "CN"))
    sector = check_sector(_text(sector or "economy", "sector", "households"))
    measure = check_measure(_text(measure, "measure", "debt_gdp"))
    filters = {"source": source, "dataset": dataset, "unit": unit, "valuation": valuation,
               "adjustment": adjustment, "freq": freq}
    choices = _check_choices(filters)
    st = _store(store)
    found = _candidates(st, measure, [country], [sector], choices)
    if found.empty:
        raise _not_found(st, country, sector, measure, filters)
    row = _ranked(found, measure).iloc[0].to_dict()
    obs = _observations(st, [int(row["series_id"])]).sort_values("period")
    index = to_period_index(obs["period"].to_numpy(), str(row["freq"]))
    index.name = "period"
    out = pd.Series(obs["value"].to_numpy(dtype=float), index=index,
                    name=f"{country}.{sector}.{measure}")
    out.attrs["info"] = _info(row, measure)
    return out


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
    cs = list(dict.fromkeys(check_country(_text(c, "countries", "CN"))
                            for c in _codes(countries, "countries", allow_none=False)))
    ss = list(dict.fromkeys(check_sector(_text(s or "economy", "sectors", "households"))
                            for s in _codes(sectors, "sectors", allow_none=True)))
    measure = check_measure(_text(measure, "measure", "debt_gdp"))
    if not isinstance(skip_missing, bool):
        raise BadInputError(f"skip_missing must be True or False; got {skip_missing!r}.")
    checked = _check_choices(choices)
    st = _store(store)
    ranked = _ranked(_candidates(st, measure, cs, ss, checked), measure)
    best = ranked.drop_duplicates(["country", "sector"], keep="first")
    rows = _records(best)
    wanted = [(c, s) for c in cs for s in ss]
    chosen = [key for key in wanted if key in rows]
    if not skip_missing and len(chosen) < len(wanted):
        c, s = next(key for key in wanted if key not in rows)
        raise _not_found(st, c, s, measure, dict(choices))
    freqs = sorted({str(rows[key]["freq"]) for key in chosen})
    if len(freqs) > 1:
        raise NotFoundError(f"The series mix frequencies {freqs}; pass freq='Q' or 'A'.")
    info = FrozenInfo({f"{c}.{s}": _info(rows[(c, s)], measure) for c, s in chosen})
    if not chosen:
        frame = pd.DataFrame()
        frame.attrs["info"] = info
        return frame
    ids = np.array([int(rows[key]["series_id"]) for key in chosen])
    obs = _observations(st, ids.tolist())
    ordinals = to_period_index(obs["period"].to_numpy(), freqs[0]).asi8  # type: ignore[attr-defined]
    periods, row_at = np.unique(ordinals, return_inverse=True)
    sorter = np.argsort(ids)
    col_at = sorter[np.searchsorted(ids, obs["series_id"].to_numpy(), sorter=sorter)]
    values = np.full((len(periods), len(chosen)), np.nan)
    values[row_at, col_at] = obs["value"].to_numpy(dtype=float)
    index = pd.PeriodIndex(pd.arrays.PeriodArray(periods, dtype=pd.PeriodDtype(
        _PANDAS_FREQ[freqs[0]])), name="period")
    columns = pd.MultiIndex.from_tuples(chosen, names=["country", "sector"])
    frame = pd.DataFrame(values, index=index, columns=columns)
    frame.attrs["info"] = info
    return frame


def _records(best: pd.DataFrame) -> dict[tuple[str, str], dict[str, Any]]:
    """Rows keyed by (country, sector), built from column lists (``to_dict`` boxes slowly)."""
    names = list(best.columns)
    columns = [best[c].to_numpy(dtype=object).tolist() for c in names]
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for values in zip(*columns, strict=True):
        row = dict(zip(names, values, strict=True))
        out[(str(row["country"]), str(row["sector"]))] = row
    return out


def _codes(values: object, name: str, *, allow_none: bool) -> list[Any]:
    if values is None and allow_none:
        return [None]
    if isinstance(values, str):
        return [values]
    if not isinstance(values, list | tuple | pd.Index | np.ndarray) or len(values) == 0:
        raise BadInputError(f"{name} must be a code or a non-empty list of codes; "
                            f"got {values!r}.")
    return list(values)


def _store(store: object) -> Store:
    if store is None:
        return Store()
    if not isinstance(store, Store):
        raise BadInputError(f"store must be a debtcycle Store; got {type(store).__name__}.")
    return store


def available(store: Store | None = None, **filters: str | None) -> pd.DataFrame:
    """List stored series (metadata and coverage), optionally filtered by column values.

    Raises
    ------
    BadInputError
        A filter value is not text.
    NotFoundError
        An unknown country code or filter column.
    """
    checked = {k: None if v is None else _text(v, k, "CN" if k == "country" else "bis")
               for k, v in filters.items()}
    if checked.get("country"):
        checked["country"] = check_country(str(checked["country"]))
    return _store(store).find_series(**checked)


#: Columns of :func:`list_series` and :func:`search`, in order.
LIST_COLUMNS: Final[list[str]] = [
    "country", "sector", "measure", "source", "dataset", "series_key", "unit", "valuation",
    "adjustment", "freq", "first_period", "last_period", "n_obs", "vintage", "title",
]


_LIST_SQL: Final[str] = (
    "SELECT s.*, f.vintage, c.first_period, c.last_period, c.n_obs FROM series s "
    "JOIN (SELECT series_id, min(period) AS first_period, max(period) AS last_period, "
    "count(*) AS n_obs FROM observations GROUP BY series_id) c USING (series_id) "
    "LEFT JOIN files f USING (dataset) WHERE {where}"
)


def _period_labels(dates: np.ndarray, freqs: np.ndarray) -> list[str]:
    """Label first-of-period dates by their series' frequency (2006Q1, 1990, 2008-12)."""
    labels = np.empty(len(dates), dtype=object)
    for freq in np.unique(freqs.astype(str)):
        rows = np.flatnonzero(freqs.astype(str) == freq)
        index = to_period_index(dates[rows], freq if freq in _PANDAS_FREQ else "D")
        labels[rows] = index.astype(str).to_numpy()
    return [str(x) for x in labels]


def _listing(st: Store, **filters: str) -> pd.DataFrame:
    where = " AND ".join(f"s.{column} = ?" for column in filters) or "TRUE"
    found = st.query(_LIST_SQL.format(where=where), list(filters.values()))
    out = found.reindex(columns=LIST_COLUMNS)
    for column in ("first_period", "last_period"):
        out[column] = _period_labels(out[column].to_numpy(), out["freq"].to_numpy())
    for column in LIST_COLUMNS:
        if column not in ("n_obs", "first_period", "last_period"):
            out[column] = out[column].fillna("").astype(str)
    out["n_obs"] = out["n_obs"].astype(int)
    return out.sort_values(["country", "sector", "measure", "source", "series_key"],
                           ignore_index=True)


def list_series(
    country: str | None = None,
    sector: str | None = None,
    measure: str | None = None,
    source: str | None = None,
    *,
    store: Store | None = None,
) -> pd.DataFrame:
    """List the series the store holds, optionally filtered by codes.

    Parameters
    ----------
    country, sector, measure : str, optional
        Canonical codes (checked against the vocabulary; alpha-3 codes and
        English country names are accepted).
    source : str, optional
        Publisher code (``bis``, ``fred``, ``imf``, ``gmd``, ``jst``, ...).
    store : Store, optional
        Store to read; default the user's store.

    Returns
    -------
    DataFrame
        One row per series, columns :data:`LIST_COLUMNS` (coverage as first and
        last period labels such as ``2006Q1``, number of observations, vintage), sorted by
        country, sector, measure and source.

    Raises
    ------
    BadInputError
        A filter is not text.
    NotFoundError
        An unknown code, or a source the store does not hold (the message lists
        the sources it holds).

    Examples
    --------
    >>> list_series("CN", measure="debt_gdp", source="bis")  # doctest: +SKIP
    """
    filters: dict[str, str] = {}
    if country is not None:
        filters["country"] = check_country(_text(country, "country", "CN"))
    if sector is not None:
        filters["sector"] = check_sector(_text(sector, "sector", "households"))
    if measure is not None:
        filters["measure"] = check_measure(_text(measure, "measure", "debt_gdp"))
    st = _store(store)
    if source is not None:
        code = _text(source, "source", "bis").strip().lower()
        held = sorted(st.query("SELECT DISTINCT source FROM series")["source"])
        if code not in held:
            raise NotFoundError(f"Source {source!r} is not in the store; it holds "
                                f"{', '.join(held)}.")
        filters["source"] = code
    return _listing(st, **filters)


def _haystack(listing: pd.DataFrame) -> pd.Series:
    """One lower-case text per series: codes, names, descriptions, keys and titles."""
    from debtcycle.vocab import SECTORS, country_name

    def name(code: str) -> str:
        try:
            return country_name(code)
        except NotFoundError:  # a code the store holds but the vocabulary lacks (e.g. XK)
            return ""

    names = {c: name(c) for c in listing["country"].unique() if c}
    sectors = listing["sector"].map(lambda x: SECTORS.get(x, ""))
    measures = listing["measure"].map(lambda x: MEASURES[x].description if x in MEASURES else "")
    parts = [listing[c] for c in ("country", "sector", "measure", "source", "dataset",
                                  "series_key", "unit", "valuation", "title")]
    text = listing["country"].map(names).fillna("")
    for part in (*parts, sectors, measures):
        text = text + " " + part
    lower = text.str.lower()  # codes as written (nonfin_corp) and as words (nonfin corp)
    both: pd.Series = lower + " " + lower.str.replace("_", " ", regex=False)
    return both


def search(text: str, *, limit: int | None = 100, store: Store | None = None) -> pd.DataFrame:
    """Find stored series whose codes, names, descriptions, keys or titles contain every word.

    Parameters
    ----------
    text : str
        Words to look for, case-insensitive, all required (``"china household debt"``,
        ``"Q:CN:H"``, ``"house prices japan"``).
    limit : int, optional
        Most rows returned (``None``: all).
    store : Store, optional
        Store to read; default the user's store.

    Returns
    -------
    DataFrame
        Rows as :func:`list_series`, series matching more words in their
        title and key first, then by country, sector, measure.

    Raises
    ------
    BadInputError
        ``text`` is not text, is empty, or ``limit`` is not a positive int.
    """
    query = _text(text, "text", "china households").strip().lower()
    words = query.split()
    if not words:
        raise BadInputError("search text is empty; give words such as 'china households'.")
    if len(words) > 20 or len(query) > 200:
        raise BadInputError("search text is too long; give at most 20 words.")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)
                              or limit < 1):
        raise BadInputError(f"limit must be a positive whole number or None; got {limit!r}.")
    listing = _listing(_store(store))
    hay = _haystack(listing)
    hit = np.ones(len(listing), dtype=bool)
    for word in words:
        hit &= hay.str.contains(word, regex=False).to_numpy()
    found = listing[hit]
    titles = (found["title"] + " " + found["series_key"]).str.lower()
    score = sum(titles.str.contains(w, regex=False).astype(int) for w in words)
    order = np.lexsort((np.arange(len(found)), -np.asarray(score, dtype=int)))
    out: pd.DataFrame = found.iloc[order].reset_index(drop=True)
    return out if limit is None else out.head(limit)
