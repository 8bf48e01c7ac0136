"""BIS SDMX API extracts: debt service ratios to 2025-Q2 and policy rates to 2026-01.

The BIS bulk files in the mirror end earlier (DSR 2019-Q1, policy rates
2022-03).  These two files are long-format CSVs written from the BIS SDMX API v2
(``https://stats.bis.org/api/v2/data/dataflow/BIS/WS_DSR/1.0/...`` and
``.../WS_CBPOL/1.0/...``, ``format=csv``, ``detail=dataonly``): one row per
observation, codes only (``FREQ,BORROWERS_CTY,DSR_BORROWERS,TIME_PERIOD,OBS_VALUE``
and ``FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE``).  They are subsets (China, the US
and Japan, from 2007) of a later BIS vintage whose levels differ slightly from
the 2019 DSR file, so they load under their own source name ``bis_api``
(datasets ``WS_DSR_API`` and ``WS_CBPOL_API``): the catalog's default series
stays the bulk file, and a splice must name its rule (see
:func:`debtcycle.analytics.gaps.dsr.splice_dsr`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.sources._tidy import long_to_tidy, numeric_column
from debtcycle.sources.base import Expect, Source, SourceFile

__all__ = ["SOURCE", "parse_cbpol", "parse_dsr"]

#: Official SDMX REST endpoints (API v2) of the two dataflows.
URL_DSR = ("https://stats.bis.org/api/v2/data/dataflow/BIS/WS_DSR/1.0/"
           "Q.CN+US+JP.*?startPeriod=2007-Q1&format=csv&detail=dataonly")
URL_CBPOL = ("https://stats.bis.org/api/v2/data/dataflow/BIS/WS_CBPOL/1.0/"
             "M.US+CN+JP?startPeriod=2007-01&format=csv&detail=dataonly")

_BORROWERS: Final[dict[str, str]] = {"P": "private_nonfin", "H": "households",
                                     "N": "nonfin_corp"}


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    try:
        raw = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False,
                          na_values=[""])
    except (ValueError, pd.errors.ParserError) as exc:
        raise ParseError(path.name, f"cannot read the CSV ({exc}); expected the BIS API "
                         "csv layout") from exc
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise ParseError(path.name, f"columns {missing} missing; expected {columns}", row=1)
    return raw


def _periods(raw: pd.DataFrame, freq: str, file: str) -> pd.Series:
    text = raw["TIME_PERIOD"].str.strip()
    if freq == "Q":
        text = text.str.replace("-Q", "Q", regex=False)
    bad = (raw["FREQ"] != freq) | ~text.str.fullmatch(r"\d{4}Q[1-4]" if freq == "Q"
                                                       else r"\d{4}-(0[1-9]|1[0-2])")
    if bad.any():
        row = int(bad.to_numpy().argmax())
        raise ParseError(file, f"period {raw['TIME_PERIOD'].iloc[row]!r} (FREQ "
                         f"{raw['FREQ'].iloc[row]!r}) is not {freq} data", row=row + 2,
                         column="TIME_PERIOD")
    return text


def parse_dsr(path: Path, dataset: str) -> pd.DataFrame:
    """Parse the DSR extract: quarterly DSR (% of income) by borrowing sector."""
    raw = _read(path, ["FREQ", "BORROWERS_CTY", "DSR_BORROWERS", "TIME_PERIOD", "OBS_VALUE"])
    long = pd.DataFrame({"country": raw["BORROWERS_CTY"].str.strip(),
                         "period": _periods(raw, "Q", path.name),
                         "value": numeric_column(raw, "OBS_VALUE", path.name, first_row=2)})
    parts = []
    for code, rows in long.groupby(raw["DSR_BORROWERS"].str.strip(), sort=False):
        sector = _BORROWERS.get(str(code))
        if sector is None:
            raise ParseError(path.name, f"unknown DSR_BORROWERS {code!r}; expected "
                             f"{', '.join(_BORROWERS)}", column="DSR_BORROWERS")
        parts.append(long_to_tidy(rows, source="bis_api", dataset=dataset, sector=sector,
                                  measure="dsr", unit="pct_income", freq="Q",
                                  key=f"Q:{{country}}:{code}",
                                  title=f"Debt service ratio, {sector} (BIS API)"))
    return pd.concat(parts, ignore_index=True)


def parse_cbpol(path: Path, dataset: str) -> pd.DataFrame:
    """Parse the policy-rate extract: monthly central bank policy rates, % per annum."""
    raw = _read(path, ["FREQ", "REF_AREA", "TIME_PERIOD", "OBS_VALUE"])
    long = pd.DataFrame({"country": raw["REF_AREA"].str.strip(),
                         "period": _periods(raw, "M", path.name),
                         "value": numeric_column(raw, "OBS_VALUE", path.name, first_row=2)})
    return long_to_tidy(long, source="bis_api", dataset=dataset, sector="economy",
                        measure="policy_rate", unit="pct", freq="M", key="M:{country}",
                        title="Central bank policy rate, end of month (BIS API)")


SOURCE = Source(
    name="bis_api",
    title="BIS statistics via the SDMX API (later vintages than the bulk files)",
    homepage="https://stats.bis.org/api-doc/v2/",
    citation="Bank for International Settlements, BIS Data Portal (SDMX API v2).",
    files=(
        SourceFile(dataset="WS_DSR_API",
                   mirror_path="bis/derived/bis_dsr_api_CN_US_JP_2007Q1-2025Q2_subset.csv",
                   url=URL_DSR, parse=parse_dsr, vintage="API extract, data to 2025-Q2",
                   description="Debt service ratios, CN private; US and JP households, firms, "
                   "private sector",
                   expect=Expect(min_series=7, last_period_from="2025Q2",
                                 columns=("DSR_BORROWERS", "OBS_VALUE"))),
        SourceFile(dataset="WS_CBPOL_API",
                   mirror_path="bis/derived/bis_cbpol_M_api_US_CN_JP_2007-01_2026-01_subset.csv",
                   url=URL_CBPOL, parse=parse_cbpol, vintage="API extract, data to 2026-01",
                   description="Central bank policy rates, US, CN, JP, monthly",
                   expect=Expect(min_series=3, last_period_from="2026-01",
                                 columns=("REF_AREA", "OBS_VALUE"))),
    ),
)
