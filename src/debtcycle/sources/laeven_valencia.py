"""Laeven and Valencia systemic banking crises database (IMF), two releases.

* 2018 release (IMF WP/18/206, "Systemic Banking Crises Revisited"), official
  page ``https://www.imf.org/en/Publications/WP/Issues/2018/09/14/Systemic-Banking-Crises-Revisited-46232``:
  sheet "Crisis Years" lists per country (165) the start years of systemic
  banking, currency and sovereign debt crises (1970-2017); sheet "Crisis
  Resolution and Outcomes" gives each banking crisis' start and end year.
* 2026 release (IMF WP/26/094, "Systemic Banking Crises Database: 1970-2025",
  15 May 2026, official page
  ``https://www.imf.org/external/pubs/cat/longres.aspx?sk=576036``): only the
  "Crisis Resolution and Outcomes" sheet (episodes with start and end years, to 2025).

Annual flag series (1 in the year, 0 otherwise) over each release's coverage:
``crisis_banking`` (start year), ``crisis_banking_ongoing`` (start to end year;
the authors truncate crises at five years; an open end "…" runs to the last
year covered), and, from 2018 only, ``crisis_currency`` and ``crisis_sovereign``.
The 2026 file lists only countries that had a crisis, so its series cover
those countries; a country absent from it had no systemic banking crisis in
1970-2025.  Country names (with footnote marks such as ``"Argentina 5/"``)
become ISO alpha-2 codes via pycountry plus a short table of IMF spellings.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

import pandas as pd
import pycountry
from python_calamine import CalamineError

from debtcycle.errors import ParseError
from debtcycle.sources._tidy import long_to_tidy
from debtcycle.sources.base import Expect, Source, SourceFile

__all__ = ["SOURCE", "country_code", "parse_lv2018", "parse_lv2026"]

URL_2018 = ("https://www.imf.org/en/Publications/WP/Issues/2018/09/14/"
            "Systemic-Banking-Crises-Revisited-46232")
#: IMF Working Paper 2026/094 (Laeven and Valencia), catalogue page of the paper and its data.
URL_2026 = "https://www.imf.org/external/pubs/cat/longres.aspx?sk=576036"

FIRST_YEAR: Final = 1970
LAST_YEAR: Final[dict[str, int]] = {"LV2018": 2017, "LV2026": 2025}

#: IMF spellings pycountry does not resolve (or resolves ambiguously).
_NAMES: Final[dict[str, str]] = {
    "brunei": "BN", "cape verde": "CV", "central african rep": "CF", "china, pr": "CN",
    "china, mainland": "CN", "china, pr: hong kong": "HK", "congo, dem rep of": "CD",
    "congo, dem rep": "CD", "democratic republic of congo": "CD", "congo, rep of": "CG",
    "congo, rep": "CG", "republic of congo": "CG", "côte d’ivoire": "CI", "cote d'ivoire": "CI",
    "dominican rep": "DO", "gambia, the": "GM", "iran, ir of": "IR", "korea": "KR",
    "kyrgyz rep": "KG", "lao people’s dem rep": "LA", "macedonia": "MK", "macedonia, fyr": "MK",
    "russia": "RU", "serbia, republic of": "RS", "slovak rep": "SK", "st kitts and nevis": "KN",
    "swaziland": "SZ", "turkey": "TR", "türkiye": "TR", "yugoslavia, sfr": "YU",
    "são tomé and principe": "ST", "são tomé and príncipe": "ST", "kosovo": "XK",
}
_FOOTNOTE = re.compile(r"\s*\d+/\s*$")


def country_code(name: str) -> str:
    """ISO alpha-2 code of a country name as the IMF writes it (footnote marks removed).

    Raises
    ------
    LookupError
        If the name is unknown (the parser turns it into a :class:`ParseError`).
    """
    clean = _FOOTNOTE.sub("", str(name)).strip()
    key = " ".join(clean.lower().replace(".", "").replace("&", "and").split())
    if key in _NAMES:
        return _NAMES[key]
    return str(pycountry.countries.lookup(clean).alpha_2)


def _year(value: object) -> int | None:
    """Read a year cell: ``1994``, ``"1994 5/"``; ``"…"``/empty mean none."""
    text = _FOOTNOTE.sub("", str(value)).strip()
    return int(float(text)) if re.fullmatch(r"\d{4}(\.0)?", text) else None


def _years(value: object) -> list[int]:
    """Read a list-of-years cell: ``"1980, 1989, 1995"``, ``1994``, ``"n.a."``/empty."""
    if pd.isna(value):  # type: ignore[call-overload]
        return []
    return [int(y) for y in re.findall(r"\d{4}", str(value))]


def _read(path: Path, sheet: str) -> pd.DataFrame:
    try:
        return pd.read_excel(path, sheet_name=sheet, header=None, engine="calamine")
    except (ValueError, CalamineError) as exc:
        raise ParseError(path.name, f"cannot read sheet {sheet!r} ({exc}); expected the "
                         "Laeven-Valencia workbook layout") from exc


def _codes(names: pd.Series, file: str, first_row: int) -> list[str]:
    out = []
    for i, name in enumerate(names):
        try:
            out.append(country_code(str(name)))
        except LookupError as exc:
            raise ParseError(file, f"unknown country name {name!r}", row=first_row + i,
                             column="Country") from exc
    return out


def _flags(events: dict[str, set[int]], last: int) -> pd.DataFrame:
    """Long frame country/period/value with 1 in event years, 0 elsewhere."""
    rows = []
    for country, years in events.items():
        first = min([FIRST_YEAR, *years])
        rows += [(country, str(y), 1.0 if y in years else 0.0) for y in range(first, last + 1)]
    return pd.DataFrame(rows, columns=["country", "period", "value"])


def _tidy(long: pd.DataFrame, dataset: str, measure: str, title: str) -> pd.DataFrame:
    return long_to_tidy(long, source="laeven_valencia", dataset=dataset, sector="economy",
                        measure=measure, unit="flag", freq="A", key=f"LV:{measure}", title=title)


def _episodes(path: Path, dataset: str) -> pd.DataFrame:
    """Start and ongoing flags from the 'Crisis Resolution and Outcomes' sheet."""
    raw = _read(path, "Crisis Resolution and Outcomes")
    header = raw.iloc[0].astype(str).str.strip().tolist()
    if "Country" not in header or "Start" not in header or "End" not in header:
        raise ParseError(path.name, f"header {header[:4]} lacks Country/Start/End", row=1)
    c, s, e = (header.index(h) for h in ("Country", "Start", "End"))
    body = raw.iloc[1:]
    filled = body.iloc[:, s].notna()
    bad = filled & body.iloc[:, s].map(_year).isna()
    if bad.any():
        row = int(bad.to_numpy().argmax())
        raise ParseError(path.name, f"start year {body.iloc[row, s]!r} is not a year",
                         row=row + 2, column="Start")
    body = body[filled & body.iloc[:, c].notna()]
    last = LAST_YEAR[dataset]
    codes = _codes(body.iloc[:, c], path.name, 2)
    starts: dict[str, set[int]] = {}
    ongoing: dict[str, set[int]] = {}
    for code, start, end in zip(codes, body.iloc[:, s], body.iloc[:, e], strict=True):
        first = int(_year(start) or 0)
        stop = _year(end) or last
        starts.setdefault(code, set()).add(first)
        ongoing.setdefault(code, set()).update(range(first, stop + 1))
    return pd.concat([
        _tidy(_flags(starts, last), dataset, "crisis_banking", "Systemic banking crisis, start"),
        _tidy(_flags(ongoing, last), dataset, "crisis_banking_ongoing",
              "Systemic banking crisis, ongoing"),
    ], ignore_index=True)


def parse_lv2026(path: Path, dataset: str) -> pd.DataFrame:
    """Parse the 2026 workbook: banking crisis start and ongoing flags, 1970-2025."""
    return _episodes(path, dataset)


def parse_lv2018(path: Path, dataset: str) -> pd.DataFrame:
    """Parse the 2018 workbook: banking (start, ongoing), currency and sovereign crisis flags."""
    raw = _read(path, "Crisis Years")
    if not str(raw.iloc[0, 0]).strip().startswith("Country"):
        raise ParseError(path.name, "sheet 'Crisis Years' should start with 'Country'", row=1)
    body = raw.iloc[2:].dropna(subset=[0])
    codes = _codes(body.iloc[:, 0], path.name, 3)
    episodes = _episodes(path, dataset)
    parts = [episodes[episodes["measure"] == "crisis_banking_ongoing"]]
    for col, measure, title in ((1, "crisis_banking", "Systemic banking crisis, start"),
                                (2, "crisis_currency", "Currency crisis"),
                                (3, "crisis_sovereign", "Sovereign debt crisis")):
        events = {code: set(_years(v)) for code, v in zip(codes, body.iloc[:, col], strict=True)}
        parts.append(_tidy(_flags(events, LAST_YEAR[dataset]), dataset, measure, title))
    return pd.concat(parts, ignore_index=True)


_FILE_2018 = "crises/SYSTEMIC BANKING CRISES DATABASE_2018.xlsx"
_FILE_2026 = "crises/SYSTEMIC_BANKING_CRISES_DATABASE_2026.xlsx"

SOURCE = Source(
    name="laeven_valencia",
    title="Laeven-Valencia systemic banking crises database (IMF)",
    homepage=URL_2018,
    citation=("Laeven, L. and Valencia, F. (2018), Systemic Banking Crises Revisited, IMF Working "
              "Paper 18/206; Laeven, L. and Valencia, F. (2026), Systemic Banking Crises: "
              "1970-2025, IMF."),
    files=(
        SourceFile(dataset="LV2018", mirror_path=_FILE_2018,
                   url=URL_2018, parse=parse_lv2018, vintage="2018 release (1970-2017)",
                   description="Banking, currency and sovereign crisis years, 165 countries",
                   expect=Expect(min_series=550, last_period_from="2017")),
        SourceFile(dataset="LV2026", mirror_path=_FILE_2026,
                   url=URL_2026, parse=parse_lv2026, vintage="2026 release (1970-2025)",
                   description="Systemic banking crisis episodes (start, end) to 2025",
                   expect=Expect(min_series=200, last_period_from="2025")),
    ),
)
