"""Any FRED series by id: the file description used by ``debtcycle data add fred``.

The series registered in :data:`debtcycle.sources.fred.FRED_SERIES` keep their
canonical codes; any other id is stored with the codes the user gives
(default: country ``US``, sector ``economy``, measure ``fred_series``, FRED's
own units).  The file is FRED's CSV download
(``https://fred.stlouisfed.org/graph/fredgraph.csv?id=<SERIES_ID>``), read by
:func:`debtcycle.sources.fred.read_fred_csv`, and checked like every other
file (:mod:`debtcycle.sources.validate`): its value column must be the series
asked for.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

import pandas as pd

from debtcycle.errors import BadInputError, ParseError
from debtcycle.sources._tidy import long_to_tidy
from debtcycle.sources.base import SourceFile
from debtcycle.sources.fred import (
    FRED_SERIES,
    URL,
    _labels,
    fred_file,
    infer_freq,
    read_fred_csv,
)
from debtcycle.vocab import check_country, check_measure, check_sector

__all__ = ["any_fred_file", "check_series_id"]

_ID = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{0,59}$")


def check_series_id(series_id: object) -> str:
    """Return a FRED series id in upper case.

    Raises
    ------
    BadInputError
        If it is not text of letters, digits, ``_``, ``.`` or ``-`` (up to 60).
    """
    if not isinstance(series_id, str) or not _ID.match(series_id.strip().upper()):
        raise BadInputError(
            f"FRED series id {series_id!r}: expected letters and digits as on "
            "fred.stlouisfed.org (e.g. GDP, UNRATE, BAMLH0A0HYM2)"
        )
    return series_id.strip().upper()


def _parse(
    path: Path, dataset: str, *, country: str, sector: str, measure: str
) -> pd.DataFrame:
    sid = dataset.split(":", 1)[1]
    data = read_fred_csv(path)
    if str(data.name).upper() not in (sid, "VALUE"):
        raise ParseError(path.name, f"holds series {data.name!r}, not {sid!r}; download "
                         f"{URL.format(sid=sid)} or pass the file of that series", row=1)
    dates = pd.DatetimeIndex(data.index)
    freq = infer_freq(dates)
    frame = pd.DataFrame({"country": country, "period": _labels(dates, freq),
                          "value": data.to_numpy()})
    tidy = long_to_tidy(frame, source="fred", dataset=dataset, sector=sector, measure=measure,
                        unit="as_published", freq=freq, key=sid, title=f"FRED series {sid}")
    tidy["series_key"] = sid
    return tidy


def any_fred_file(
    series_id: str, *, country: str = "US", sector: str = "economy",
    measure: str = "fred_series",
) -> SourceFile:
    """Describe the FRED download of one series, registered or not.

    Parameters
    ----------
    series_id : str
        FRED series id (case-insensitive).
    country, sector, measure : str
        Canonical codes for a series debtcycle does not know; ignored for
        the registered ones, which keep theirs.

    Raises
    ------
    BadInputError, NotFoundError
        On a malformed id or an unknown code.
    """
    sid = check_series_id(series_id)
    if sid in FRED_SERIES:
        return fred_file(sid)
    parse = partial(_parse, country=check_country(country), sector=check_sector(sector),
                    measure=check_measure(measure))
    return SourceFile(dataset=f"FRED:{sid}", mirror_path=f"fred/{sid}.csv",
                      url=URL.format(sid=sid), parse=parse,
                      vintage="added with debtcycle data add fred",
                      description=f"FRED series {sid}")
