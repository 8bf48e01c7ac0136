"""Global Antidumping Database (Bown), US file: anti-dumping cases by target country and year.

Official data: Chad P. Bown, Global Antidumping Database, part of the World
Bank's Temporary Trade Barriers Database (``https://www.worldbank.org/en/data/
interactive/2021/03/02/temporary-trade-barriers-database``), user file
``GAD-USA.xls`` (version Q4_2015, cases initiated 1979-2015).  Sheet
``AD-USA-Master``: one row per case; ``INV_CTY_CODE`` (ISO3 of the country
investigated), ``INIT_DATE`` (initiation), ``F_AD_DATE`` (final measure imposed,
``.`` or ``MI`` when none).

Stored per target country (``country`` = the country the US investigated), one
value a year, zero in years without a case, 1979-2015:
``ad_initiations_us`` (cases initiated) and ``ad_measures_us`` (final duties
imposed, by year of imposition).  The file ends in 2015 (its Q4_2015 version);
later US cases are not mirrored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.sources._tidy import long_to_tidy
from debtcycle.sources.base import Expect, Source, SourceFile
from debtcycle.vocab import iso2

__all__ = ["SOURCE", "parse_gad"]

URL: Final[str] = ("https://www.worldbank.org/en/data/interactive/2021/03/02/"
                   "temporary-trade-barriers-database")
SHEET: Final[str] = "AD-USA-Master"
#: GAD's codes for former states: West Germany is counted as Germany; the GDR, Yugoslavia,
#: the USSR and Czechoslovakia (GDR, YUG, USR, CSV) have no successor code and are dropped.
_HISTORICAL: Final[dict[str, str]] = {"FRG": "DE"}


def _counts(codes: pd.Series, dates: pd.Series, years: range) -> pd.DataFrame:
    year = pd.to_datetime(dates, errors="coerce").dt.year
    frame = pd.DataFrame({"code": codes, "year": year}).dropna()
    table = frame.groupby(["code", "year"]).size().unstack(fill_value=0)
    table = table.reindex(columns=list(years), fill_value=0)
    long: pd.DataFrame = pd.Series(table.stack(), name="value").reset_index()
    return long


def parse_gad(path: Path, dataset: str) -> pd.DataFrame:
    """Count US anti-dumping initiations and final measures by target country and year."""
    try:
        raw = pd.read_excel(path, sheet_name=SHEET)
    except (ValueError, KeyError) as exc:
        raise ParseError(path.name, f"sheet {SHEET!r} not found or unreadable ({exc})") from exc
    missing = [c for c in ("INV_CTY_CODE", "INIT_DATE", "F_AD_DATE") if c not in raw.columns]
    if missing:
        raise ParseError(path.name, f"missing columns {missing}; expected the GAD master sheet")
    init = pd.to_datetime(raw["INIT_DATE"], errors="coerce")
    if init.isna().all():
        raise ParseError(path.name, "no readable initiation date in INIT_DATE", column="INIT_DATE")
    years = range(int(init.dt.year.min()), int(init.dt.year.max()) + 1)
    codes = raw["INV_CTY_CODE"].astype(str).str.strip()
    mapping = {c: _HISTORICAL.get(c, "") or iso2(c, strict=False) for c in codes.unique()}
    parts = []
    for measure, column, title in (
        ("ad_initiations_us", "INIT_DATE", "US anti-dumping cases initiated against this country"),
        ("ad_measures_us", "F_AD_DATE", "US final anti-dumping measures imposed on this country"),
    ):
        long = _counts(codes, raw[column], years)
        long["country"] = long["code"].map(mapping)
        long = long[long["country"].fillna("") != ""]
        frame = pd.DataFrame({"country": long["country"].to_numpy(),
                              "period": long["year"].astype(int).astype(str).to_numpy(),
                              "value": long["value"].astype(float).to_numpy()})
        summed = frame.groupby(["country", "period"])["value"].sum().reset_index()
        parts.append(long_to_tidy(summed, source="gad", dataset=dataset, sector="economy",
                                  measure=measure, unit="count", freq="A",
                                  key=f"{{country}}:USA-AD:{column}", title=title))
    return pd.concat(parts, ignore_index=True)


SOURCE = Source(
    name="gad",
    title="Global Antidumping Database (Bown; World Bank Temporary Trade Barriers Database)",
    homepage=URL,
    citation="Bown, C. P. (2016), Global Antidumping Database, The World Bank, "
             "version Q4_2015.",
    files=(
        SourceFile(dataset="GAD_USA", mirror_path="trade/GAD-USA.xls", url=URL, parse=parse_gad,
                   vintage="version Q4_2015 (cases to 2015)",
                   description="US anti-dumping cases by target country: initiations and final "
                               "measures per year",
                   expect=Expect(min_series=50, last_period_from="2015")),
    ),
)
