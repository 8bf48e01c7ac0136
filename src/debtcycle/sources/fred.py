"""FRED (Federal Reserve Bank of St. Louis) series, in FRED's CSV download format.

Official download: ``https://fred.stlouisfed.org/graph/fredgraph.csv?id=<SERIES_ID>``,
which returns ``observation_date,<SERIES_ID>`` (the 2017-era endpoint returned
``DATE,VALUE``; both are read).  Missing values are ``.`` or empty.  Any series id
can be read with :func:`read_fred_csv`; the mirrored ones are registered in
:data:`SOURCE` with their canonical codes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final, NamedTuple

import numpy as np
import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.sources._csv_col import check_complete_text
from debtcycle.sources._tidy import long_to_tidy
from debtcycle.sources.base import Source, SourceFile

__all__ = ["FRED_SERIES", "SOURCE", "FredSeries", "fred_file", "infer_freq", "read_fred_csv"]

URL = "https://fred.stlouisfed.org/graph/fredgraph.csv?id={sid}"


class FredSeries(NamedTuple):
    """Canonical codes of a FRED series id."""

    country: str
    sector: str
    measure: str
    unit: str
    title: str


def _oecd_yield(country: str, name: str) -> FredSeries:
    return FredSeries(country, "economy", "yield_10y", "pct",
                      f"Long-term government bond yields: 10-year, {name} (OECD MEI)")


#: Canonical codes of the FRED series debtcycle knows (the mirrored ones).
FRED_SERIES: Final[dict[str, FredSeries]] = {
    "A091RC1Q027SBEA": FredSeries("US", "central_gov", "gov_interest_lcu", "usd_bn_saar",
                                  "Federal government current expenditures: interest payments"),
    "DGS10": FredSeries("US", "economy", "yield_10y", "pct",
                        "Market yield on 10-year Treasury, constant maturity"),
    "FEDFUNDS": FredSeries("US", "economy", "policy_rate", "pct", "Effective federal funds rate"),
    "USREC": FredSeries("US", "economy", "recession", "flag", "NBER recession indicator"),
    "UNRATE": FredSeries("US", "economy", "unemployment", "pct", "Civilian unemployment rate"),
    "CPIAUCSL": FredSeries("US", "economy", "cpi", "index_1982_84", "CPI, all urban consumers"),
    "NASDAQCOM": FredSeries("US", "economy", "equity_index", "index", "NASDAQ Composite index"),
    "SP500": FredSeries("US", "economy", "equity_index", "index", "S&P 500 index, daily close"),
    "FGEXPND": FredSeries("US", "central_gov", "gov_expenditure_lcu", "usd_bn_saar",
                          "Federal government: current expenditures"),
    "GCE": FredSeries("US", "general_gov", "gov_consumption_lcu", "usd_bn_saar",
                      "Government consumption expenditures and gross investment"),
    "GDP": FredSeries("US", "economy", "gdp_nominal", "usd_bn_saar", "Gross domestic product"),
    "GDPC1": FredSeries("US", "economy", "gdp_real", "usd_bn_chained_2017_saar",
                        "Real gross domestic product"),
    "GDPDEF": FredSeries("US", "economy", "deflator", "index_2017",
                         "GDP implicit price deflator"),
    "GDPPOT": FredSeries("US", "economy", "gdp_potential", "usd_bn_chained_2017",
                         "Real potential GDP (CBO)"),
    "GFDEBTN": FredSeries("US", "central_gov", "debt_lcu_gov", "usd_mn",
                          "Federal debt: total public debt"),
    "GFDEGDQ188S": FredSeries("US", "central_gov", "debt_gdp", "pct_gdp",
                              "Federal debt: total public debt as percent of GDP"),
    "W068RCQ027SBEA": FredSeries("US", "general_gov", "gov_expenditure_lcu", "usd_bn_saar",
                                 "Government total expenditures"),
    "IRLTLT01AUM156N": _oecd_yield("AU", "Australia"),
    "IRLTLT01CAM156N": _oecd_yield("CA", "Canada"),
    "IRLTLT01CHM156N": _oecd_yield("CH", "Switzerland"),
    "IRLTLT01DEM156N": _oecd_yield("DE", "Germany"),
    "IRLTLT01EZM156N": _oecd_yield("XM", "Euro area"),
    "IRLTLT01FRM156N": _oecd_yield("FR", "France"),
    "IRLTLT01GBM156N": _oecd_yield("GB", "United Kingdom"),
    "IRLTLT01JPM156N": _oecd_yield("JP", "Japan"),
    "IRLTLT01USM156N": _oecd_yield("US", "United States"),
    "FYOIGDA188S": FredSeries("US", "central_gov", "gov_interest_gdp", "pct_gdp",
                              "Federal outlays: interest as percent of GDP"),
    "FYFSD": FredSeries("US", "central_gov", "gov_balance_lcu", "usd_mn",
                        "Federal surplus or deficit (-)"),
    "FYFSDFYGDP": FredSeries("US", "central_gov", "gov_balance_gdp", "pct_gdp",
                             "Federal surplus or deficit (-) as percent of GDP"),
    "GFDGDPA188S": FredSeries("US", "central_gov", "debt_gdp", "pct_gdp",
                              "Gross federal debt as percent of GDP"),
    "FYGFGDQ188S": FredSeries("US", "central_gov", "debt_public_gdp", "pct_gdp",
                              "Federal debt held by the public as percent of GDP"),
    "FYFRGDA188S": FredSeries("US", "central_gov", "gov_revenue_gdp", "pct_gdp",
                              "Federal receipts as percent of GDP"),
    "FYONGDA188S": FredSeries("US", "central_gov", "gov_expenditure_gdp", "pct_gdp",
                              "Federal net outlays as percent of GDP"),
    "FYPUGDA188S": FredSeries("US", "central_gov", "debt_public_gdp", "pct_gdp",
                              "Federal debt held by the public as percent of GDP"),
}

_VINTAGE_2017: Final[tuple[str, ...]] = (
    "FYOIGDA188S", "FYFSD", "FYFSDFYGDP", "GFDGDPA188S", "FYGFGDQ188S", "FYFRGDA188S",
    "FYONGDA188S", "FYPUGDA188S",
)


def read_fred_csv(path: Path, file: str | None = None) -> pd.Series:
    """Read a FRED CSV download (either header layout) into a Series indexed by date.

    Raises
    ------
    ParseError
        On a header other than ``observation_date,<ID>`` / ``DATE,VALUE``, an
        unparsable date, or text other than ``.`` in a value cell.
    """
    plain = _read_plain(path)
    if plain is not None:
        return plain
    name = file or path.name
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ParseError(name, f"not UTF-8 text ({exc.reason}); download the file again") from exc
    except pd.errors.EmptyDataError as exc:
        raise ParseError(name, "file is empty; expected 'observation_date,<SERIES_ID>'") from exc
    check_complete_text(path, name)
    if raw.shape[1] != 2 or raw.columns[0] not in ("observation_date", "DATE"):
        raise ParseError(
            name, f"header {list(raw.columns)}; expected ['observation_date', <ID>] or "
            "['DATE', 'VALUE'] (FRED CSV download)"
        )
    dates = pd.to_datetime(raw.iloc[:, 0], format="%Y-%m-%d", errors="coerce")
    if dates.isna().any():
        row = int(dates.isna().to_numpy().argmax())
        raise ParseError(name, f"bad date {raw.iloc[row, 0]!r}; expected YYYY-MM-DD",
                         row=row + 1, column=raw.columns[0])
    cells = raw.iloc[:, 1].str.strip()
    missing = cells.isin(["", "."])
    values = pd.to_numeric(cells.where(~missing), errors="coerce")
    bad = values.isna() & ~missing
    if bad.any():
        row = int(bad.to_numpy().argmax())
        raise ParseError(name, f"expected a number or '.', found {cells.iloc[row]!r}",
                         row=row + 1, column=raw.columns[1])
    if dates.duplicated().any():
        row = int(dates.duplicated().to_numpy().argmax())
        raise ParseError(name, f"date {raw.iloc[row, 0]} appears twice", row=row + 1)
    out = pd.Series(values.to_numpy(), index=pd.DatetimeIndex(dates), name=raw.columns[1])
    return out.dropna()


_PLAIN_BODY = re.compile(r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2},[^,\s\"]*\n)+")
_FIRST_NS_DAY, _LAST_NS_DAY = np.datetime64("1678-01-01", "D"), np.datetime64("2261-12-31", "D")


def _read_plain(path: Path) -> pd.Series | None:
    """Read a well-formed FRED file without the CSV machinery, or return ``None``.

    Only files in the exact download layout are taken (UTF-8, LF or CR LF line
    ends, a two-name header, every row ``YYYY-MM-DD,<cell>`` with no quotes or
    spaces, valid unique dates, numbers or ``.``); they give the same Series as
    the general path, which reads everything else and names the problem.  For
    FRED's small files the pandas CSV reader's fixed cost dominated.
    """
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None
    text = text.replace("\r\n", "\n")  # the 2017 downloads end lines with CR LF
    head, _, body = text.partition("\n")
    names = head.split(",")
    if (len(names) != 2 or names[0] not in ("observation_date", "DATE") or not names[1]
            or names[1] == names[0] or '"' in head or "\r" in head
            or not _PLAIN_BODY.fullmatch(body)):
        return None
    lines = body[:-1].split("\n")
    try:
        days = np.array([line[:10] for line in lines], dtype="datetime64[D]")
    except ValueError:
        return None
    if days.min() < _FIRST_NS_DAY or days.max() > _LAST_NS_DAY or len(np.unique(days)) < len(days):
        return None
    cells = pd.Series([line[11:] for line in lines], dtype=object, name=names[1])
    missing = cells.isin(["", "."])
    values = pd.to_numeric(cells.where(~missing), errors="coerce")
    if (values.isna() & ~missing).any():
        return None
    index = pd.DatetimeIndex(days.astype("datetime64[ns]"), name=names[0])
    return pd.Series(values.to_numpy(), index=index, name=names[1]).dropna()


def infer_freq(index: pd.DatetimeIndex) -> str:
    """Infer A/Q/M/D from the median spacing of observation dates."""
    if len(index) < 2:
        return "A"
    gap = float(np.median(np.diff(index.values).astype("timedelta64[D]").astype(int)))
    if gap > 300:
        return "A"
    if gap > 80:
        return "Q"
    if gap > 26:
        return "M"
    return "D"


def _labels(index: pd.DatetimeIndex, freq: str) -> list[str]:
    """Period labels of the dates (``1990``, ``1990Q1``, ``1990-01``, ``1990-01-01``).

    Formatted with numpy on the whole index at once (a Python loop over
    Timestamps was a hot spot of the store build).
    """
    days = index.values.astype("datetime64[D]")
    if freq == "Q":
        years = np.datetime_as_string(days, unit="Y").astype(object)
        months = days.astype("datetime64[M]").astype(np.int64) % 12
        quarters = np.array(["Q1", "Q2", "Q3", "Q4"], dtype=object)[months // 3]
        return list(years + quarters)
    if freq == "A":
        return list(np.datetime_as_string(days, unit="Y").astype(object))
    if freq == "M":
        return list(np.datetime_as_string(days, unit="M").astype(object))
    return list(np.datetime_as_string(days, unit="D").astype(object))


def parse_fred(path: Path, dataset: str) -> pd.DataFrame:
    """Parse a mirrored FRED file registered in :data:`FRED_SERIES` (dataset ``FRED:<ID>``)."""
    sid = dataset.split(":", 1)[1].split("@")[0]
    meta = FRED_SERIES[sid]
    data = read_fred_csv(path)
    dates = pd.DatetimeIndex(data.index)
    freq = infer_freq(dates)
    frame = pd.DataFrame({"country": meta.country, "period": _labels(dates, freq),
                          "value": data.to_numpy()})
    tidy = long_to_tidy(frame, source="fred", dataset=dataset, sector=meta.sector,
                        measure=meta.measure, unit=meta.unit, freq=freq, key=sid,
                        title=meta.title)
    tidy["series_key"] = sid  # FRED's own series id, without a country prefix
    return tidy


def fred_file(series_id: str, mirror_path: str | None = None, vintage: str = "") -> SourceFile:
    """Describe one FRED series file (``series_id`` must be in :data:`FRED_SERIES`)."""
    path = mirror_path or f"fred/{series_id}.csv"
    suffix = "@2017" if "vintage2017" in path else ""
    return SourceFile(dataset=f"FRED:{series_id}{suffix}", mirror_path=path,
                      url=URL.format(sid=series_id), parse=parse_fred, vintage=vintage,
                      description=FRED_SERIES[series_id].title)


SOURCE = Source(
    name="fred",
    title="FRED, Federal Reserve Bank of St. Louis",
    homepage="https://fred.stlouisfed.org/",
    citation="FRED, Federal Reserve Bank of St. Louis; original publishers as named per series.",
    files=tuple(
        fred_file(sid, f"fred/vintage2017/{sid}.csv", "2017 download")
        if sid in _VINTAGE_2017
        else fred_file(sid, vintage="2025-2026 download")
        for sid in FRED_SERIES
    ),
)
