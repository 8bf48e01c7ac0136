"""IMF Direction of Trade Statistics (DOTS): merchandise trade by partner, US dollars.

Official data: ``https://data.imf.org/`` (dataset DOTS; today IMTS), downloaded
as Excel workbooks "Exports, FOB to Partner Countries" for one reporter, or
"Exports and Imports by Areas and Countries".  Layout: a title block in rows
0-5 (column B: title, reporter, unit), the years in row 6 from column C, one
partner per row from row 7 with its name in column B; empty cells are no data.

Two workbooks are read:

* China's exports by partner (reporter China, P.R.: Mainland, 1961 and
  1978-2020): stored per partner as ``imports_from_cn_usd`` (what the partner
  buys from China, as China records it);
* the World workbook (1961-2022): sheet "Imports, CIF" row X = the world's
  imports from X, stored as ``exports_dots_usd`` of X (X's exports as its
  partners record them); sheet "Exports, FOB" row X = the world's exports to X,
  stored as ``imports_dots_usd`` of X.  The IMF aggregates "Advanced Economies"
  and "Emerging and Developing Economies" (the world total is their sum; the
  "World" row is empty) are stored under ``5R`` and ``4T`` with the IMF's
  grouping named in the title.

Units: US dollars, millions.  Partner names are the IMF's and are mapped to ISO
codes; historical entities (USSR, Yugoslavia, ...) and residual rows ("not
specified") are dropped.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd
import pycountry

from debtcycle.errors import ParseError
from debtcycle.sources._tidy import long_to_tidy
from debtcycle.sources.base import Expect, Source, SourceFile

__all__ = ["SOURCE", "parse_dots_cn_exports", "parse_dots_world", "partner_code"]

URL: Final[str] = "https://data.imf.org/?sk=9D6028D4-F14A-464C-A2F2-59B2CD424B85"

_SPECIAL: Final[dict[str, str]] = {
    "China, P.R.: Mainland": "CN", "China, P.R.: Hong Kong": "HK", "China, P.R.: Macao": "MO",
    "Taiwan Province of China": "TW", "Korea, Rep. of": "KR",
    "Korea, Dem. People's Rep. of": "KP", "Euro Area": "XM", "Türkiye, Rep of": "TR",
    "Congo, Dem. Rep. of the": "CD", "Congo, Rep. of": "CG", "Kosovo, Rep. of": "XK",
    "Lao People's Dem. Rep.": "LA", "West Bank and Gaza": "PS", "Holy See": "VA",
    "Advanced Economies": "5R", "Emerging and Developing Economies": "4T",
    "Venezuela, Rep. Bolivariana de": "VE", "Iran, Islamic Rep. of": "IR",
    "Yemen, Rep. of": "YE", "Czech Rep.": "CZ", "Slovak Rep.": "SK", "Kyrgyz Rep.": "KG",
    "Central African Rep.": "CF", "Dominican Rep.": "DO", "Syrian Arab Rep.": "SY",
    "St. Kitts and Nevis": "KN", "St. Lucia": "LC", "St. Vincent and the Grenadines": "VC",
    "Micronesia, Fed. States of": "FM",
}
_SUFFIX = re.compile(r",\s*(the\s+)?((federal\s+)?(islamic|arab|united|dem\.|people's|"
                     r"kingdom of the netherlands|kingdom of|union of the|state of|rep\.?|"
                     r"republic)\s*(rep\.?|of|of the)?\s*(of( the)?)?|the)\s*$", re.I)


def partner_code(name: str) -> str:
    """Return the ISO 3166 alpha-2 code of an IMF DOTS partner name, or ``""``.

    Aggregates other than the two used for world totals, residual rows and
    historical entities return ``""``.
    """
    text = str(name).strip()
    if text in _SPECIAL:
        return _SPECIAL[text]
    base = _SUFFIX.sub("", text).strip()
    for candidate in (text, base):
        try:
            return str(pycountry.countries.lookup(candidate).alpha_2)
        except LookupError:
            continue
    return ""


def _read(path: Path, sheet: str | int) -> pd.DataFrame:
    try:
        raw = pd.read_excel(path, sheet_name=sheet, header=None)
    except (ValueError, KeyError) as exc:
        raise ParseError(path.name, f"sheet {sheet!r} not found or unreadable ({exc})") from exc
    if raw.shape[0] < 8 or raw.shape[1] < 3:
        raise ParseError(path.name, "too few rows or columns for an IMF DOTS workbook "
                         "(title rows 0-5, years in row 6, partners from row 7)")
    years = pd.to_numeric(raw.iloc[6, 2:], errors="coerce")
    if years.isna().all():
        raise ParseError(path.name, "row 7 holds no years; expected the IMF DOTS layout",
                         row=7)
    block = raw.iloc[7:, 2:].apply(pd.to_numeric, errors="coerce")
    block.columns = [str(int(y)) if pd.notna(y) else "" for y in years]
    block = block.loc[:, [c for c in block.columns if c]]
    block.insert(0, "partner", raw.iloc[7:, 1].astype(str).str.strip())
    out: pd.DataFrame = block
    return out


def _tidy(block: pd.DataFrame, *, dataset: str, measure: str, key: str,
          title: str) -> pd.DataFrame:
    codes = block["partner"].map(partner_code)
    block = block[codes.to_numpy() != ""].assign(country=codes[codes != ""])
    block = block.drop_duplicates("country", keep="first")
    long = block.drop(columns="partner").melt(id_vars="country", var_name="period",
                                              value_name="value")
    long = long[np.isfinite(long["value"].to_numpy(dtype=float))]
    tidy = long_to_tidy(long.reset_index(drop=True), source="imf_dots", dataset=dataset,
                        sector="economy", measure=measure, unit="usd_mn", freq="A",
                        key=key, title=title)
    aggregate = tidy["country"].isin(["5R", "4T"]).to_numpy()
    tidy.loc[aggregate, "title"] = tidy.loc[aggregate, "title"] + (
        " (IMF grouping: Advanced Economies / Emerging and Developing Economies)")
    return tidy


def parse_dots_cn_exports(path: Path, dataset: str) -> pd.DataFrame:
    """Parse China's "Exports, FOB to Partner Countries" workbook (one row per partner)."""
    block = _read(path, 0)
    return _tidy(block, dataset=dataset, measure="imports_from_cn_usd",
                 key="{country}:CN_EXPORTS_FOB",
                 title="China's exports (FOB) to this partner, as China records them, "
                       "USD mn")


def parse_dots_world(path: Path, dataset: str) -> pd.DataFrame:
    """Parse the World workbook: partners' recorded trade with each economy."""
    imports = _read(path, "Imports, CIF")
    exports = _read(path, "Exports, FOB")
    return pd.concat([
        _tidy(imports, dataset=dataset, measure="exports_dots_usd",
              key="{country}:WORLD_IMPORTS_CIF_FROM",
              title="Exports to the world as partners record them (world imports CIF from "
                    "this economy), USD mn"),
        _tidy(exports, dataset=dataset, measure="imports_dots_usd",
              key="{country}:WORLD_EXPORTS_FOB_TO",
              title="Imports from the world as partners record them (world exports FOB to "
                    "this economy), USD mn"),
    ], ignore_index=True)


SOURCE = Source(
    name="imf_dots",
    title="IMF Direction of Trade Statistics",
    homepage="https://data.imf.org/",
    citation="International Monetary Fund, Direction of Trade Statistics (DOTS).",
    files=(
        SourceFile(dataset="IMF_DOTS_CN_EXPORTS",
                   mirror_path="trade/imf_dots/"
                               "IMF_DOTS_China_Mainland_Exports_to_Count_annual_1961-2020.xlsx",
                   url=URL, parse=parse_dots_cn_exports, vintage="data to 2020",
                   description="China's exports (FOB) by partner country, USD mn, annual",
                   expect=Expect(min_series=150, last_period_from="2020")),
        SourceFile(dataset="IMF_DOTS_WORLD",
                   mirror_path="trade/imf_dots/"
                               "IMF_DOTS_World_Exports_and_Imports_by_Areas_and_Co_annual_"
                               "1961-2022.xlsx",
                   url=URL, parse=parse_dots_world, vintage="data to 2022",
                   description="World exports to and imports from each economy, USD mn, "
                               "annual",
                   expect=Expect(min_series=300, last_period_from="2022")),
    ),
)
