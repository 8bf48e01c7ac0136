"""Bank for International Settlements (BIS) statistics, bulk "csv_col" files.

Official bulk downloads live at ``https://data.bis.org/static/bulk/<FLOW>_csv_col.zip``
(each zip holds one ``<FLOW>_csv_col.csv``).  The mirror keeps the unzipped
files, some under the older dataflow names they were published with
(WEBSTATS_DSR_DATAFLOW is today's WS_DSR, BISWEB_EERDATAFLOW today's WS_EER).

Each dataset maps its key dimensions to the canonical vocabulary; the BIS
series key (e.g. ``Q:CN:H:A:M:770:A``) is kept as ``series_key``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.sources._csv_col import read_csv_col
from debtcycle.sources.base import Expect, Source, SourceFile

__all__ = ["SOURCE"]

BULK = "https://data.bis.org/static/bulk/{flow}_csv_col.zip"

_BORROWERS = {
    "C": "total_nonfin",
    "P": "private_nonfin",
    "H": "households",
    "N": "nonfin_corp",
    "G": "general_gov",
}
_TC_UNIT = {"770": "pct_gdp", "799": "pct_gdp", "XDC": "lcu_bn", "USD": "usd_bn"}
_TC_MEASURE = {
    ("A", "770"): "debt_gdp",
    ("A", "799"): "debt_gdp_ppp",
    ("A", "XDC"): "debt_lcu",
    ("A", "USD"): "debt_usd",
    ("B", "770"): "bank_credit_gdp",
    ("B", "799"): "bank_credit_gdp",
    ("B", "XDC"): "bank_credit_lcu",
    ("B", "USD"): "bank_credit_usd",
}
_VALUATION = {"M": "market", "N": "nominal"}
_ADJUST = {"A": "break_adjusted", "U": "unadjusted"}
_INDEX_UNIT = {"628": "index_2010", "771": "pct_yoy"}


def _lookup(codes: pd.Series, table: dict[str, str], file: str, dim: str) -> pd.Series:
    out = codes.map(table)
    if out.isna().any():
        bad = sorted(codes[out.isna()].unique())
        raise ParseError(file, f"unexpected {dim} codes {bad[:5]}; expected {sorted(table)}")
    return out


def _tc(k: pd.DataFrame, file: str) -> pd.DataFrame:
    pairs = list(zip(k["TC_LENDERS"], k["UNIT_TYPE"], strict=True))
    measure = pd.Series([_TC_MEASURE.get(p) for p in pairs], index=k.index)
    if measure.isna().any():
        raise ParseError(file, f"unexpected lender/unit pair {pairs[int(measure.isna().argmax())]}")
    return pd.DataFrame(
        {
            "country": k["BORROWERS_CTY"],
            "sector": _lookup(k["TC_BORROWERS"], _BORROWERS, file, "TC_BORROWERS"),
            "measure": measure,
            "unit": _lookup(k["UNIT_TYPE"], _TC_UNIT, file, "UNIT_TYPE"),
            "valuation": _lookup(k["VALUATION"], _VALUATION, file, "VALUATION"),
            "adjustment": _lookup(k["TC_ADJUST"], _ADJUST, file, "TC_ADJUST"),
        }
    )


def _credit_gap(k: pd.DataFrame, file: str) -> pd.DataFrame:
    kinds = {"A": "credit_ratio", "B": "credit_trend", "C": "credit_gap"}
    return pd.DataFrame(
        {
            "country": k["BORROWERS_CTY"],
            "sector": _lookup(k["TC_BORROWERS"], _BORROWERS, file, "TC_BORROWERS"),
            "measure": _lookup(k["CG_DTYPE"], kinds, file, "CG_DTYPE"),
            "unit": np.where(k["CG_DTYPE"] == "C", "pp", "pct_gdp"),
            "valuation": "market",
            "adjustment": "break_adjusted",
        }
    )


def _dsr(k: pd.DataFrame, file: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "country": k["BORROWERS_CTY"],
            "sector": _lookup(k["DSR_BORROWERS"], _BORROWERS, file, "DSR_BORROWERS"),
            "measure": "dsr",
            "unit": "pct_income",
            "valuation": "",
            "adjustment": "",
        }
    )


def _spp(k: pd.DataFrame, file: str) -> pd.DataFrame:
    kinds = {"R": "house_price_real", "N": "house_price_nominal"}
    return pd.DataFrame(
        {
            "country": k["REF_AREA"],
            "sector": "households",
            "measure": _lookup(k["VALUE"], kinds, file, "VALUE"),
            "unit": _lookup(k["UNIT_MEASURE"], _INDEX_UNIT, file, "UNIT_MEASURE"),
            "valuation": "",
            "adjustment": "",
        }
    )


def _economy(measure: str, unit: str | None = None) -> Callable[[pd.DataFrame, str], pd.DataFrame]:
    def mapper(k: pd.DataFrame, file: str) -> pd.DataFrame:
        units = (
            _lookup(k["UNIT_MEASURE"], _INDEX_UNIT, file, "UNIT_MEASURE") if unit is None else unit
        )
        return pd.DataFrame(
            {
                "country": k["REF_AREA"],
                "sector": "economy",
                "measure": measure,
                "unit": units,
                "valuation": "",
                "adjustment": "",
            }
        )

    return mapper


def _eer(k: pd.DataFrame, file: str) -> pd.DataFrame:
    kinds = {("N", "B"): "neer", ("R", "B"): "reer", ("N", "N"): "neer_narrow"}
    kinds[("R", "N")] = "reer_narrow"
    pairs = list(zip(k["EER_TYPE"], k["EER_BASKET"], strict=True))
    measure = pd.Series([kinds.get(p) for p in pairs], index=k.index)
    if measure.isna().any():
        raise ParseError(file, f"unexpected EER type/basket {pairs[int(measure.isna().argmax())]}")
    return pd.DataFrame(
        {
            "country": k["REF_AREA"],
            "sector": "economy",
            "measure": measure,
            "unit": "index_2010",
            "valuation": "",
            "adjustment": "",
        }
    )


_DIMS: dict[str, tuple[list[str], Callable[[pd.DataFrame, str], pd.DataFrame]]] = {
    "WS_TC": (
        ["FREQ", "BORROWERS_CTY", "TC_BORROWERS", "TC_LENDERS", "VALUATION", "UNIT_TYPE",
         "TC_ADJUST"],
        _tc,
    ),
    "WS_CREDIT_GAP": (["FREQ", "BORROWERS_CTY", "TC_BORROWERS", "TC_LENDERS", "CG_DTYPE"],
                      _credit_gap),
    "WS_DSR": (["FREQ", "BORROWERS_CTY", "DSR_BORROWERS"], _dsr),
    "WS_SPP": (["FREQ", "REF_AREA", "VALUE", "UNIT_MEASURE"], _spp),
    "WS_CBPOL_M": (["FREQ", "REF_AREA"], _economy("policy_rate", "pct")),
    "WS_LONG_CPI": (["FREQ", "REF_AREA", "UNIT_MEASURE"], _economy("cpi")),
    "WS_EER": (["FREQ", "EER_TYPE", "EER_BASKET", "REF_AREA"], _eer),
}


def parse_bis(path: Path, dataset: str) -> pd.DataFrame:
    """Parse one mirrored BIS csv_col file into tidy observations.

    Parameters
    ----------
    path : Path
        The csv_col file.
    dataset : str
        One of the dataset codes of :data:`SOURCE` (``WS_TC``, ``WS_DSR``, ...).
    """
    dims, mapper = _DIMS[dataset]
    file = path.name
    wide = read_csv_col(path, file, dims)
    canon = mapper(wide.keys, file)
    keys = pd.concat([wide.keys, canon.set_index(wide.keys.index)], axis=1)
    table = type(wide)(keys, wide.periods, wide.period_freq, wide.values)
    tidy = table.tidy(file)
    tidy["source"] = "bis"
    tidy["dataset"] = dataset
    return tidy


def _file(flow: str, mirror: str, vintage: str, description: str, dataset: str = "",
          expect: Expect | None = None) -> SourceFile:
    return SourceFile(
        dataset=dataset or flow,
        mirror_path=f"bis/{mirror}",
        url=BULK.format(flow=flow),
        parse=parse_bis,
        vintage=vintage,
        archive_member=f"{flow}_csv_col.csv",
        description=description,
        expect=expect or Expect(),
    )


SOURCE = Source(
    name="bis",
    title="Bank for International Settlements statistics",
    homepage="https://data.bis.org/",
    citation="BIS statistics, https://data.bis.org (reused with attribution per BIS terms).",
    files=(
        _file("WS_TC", "WS_TC_csv_col.csv", "data to 2025-Q4",
              "Total credit to the non-financial sector",
              expect=Expect(min_series=1000, last_period_from="2025Q4")),
        _file("WS_CREDIT_GAP", "WS_CREDIT_GAP_csv_col.csv", "data to 2025-Q4",
              "Credit-to-GDP ratios, trends (one-sided HP, lambda 400,000) and gaps",
              expect=Expect(min_series=120, last_period_from="2025Q4")),
        _file("WS_DSR", "WEBSTATS_DSR_DATAFLOW_csv_col.csv", "2019 release, data to 2019-Q1",
              "Debt service ratios of the private non-financial sector",
              expect=Expect(min_series=60, last_period_from="2019Q1")),
        _file("WS_SPP", "WS_SPP_csv_col.csv", "data to 2025-Q4",
              "Selected residential property prices, nominal and real",
              expect=Expect(min_series=220, last_period_from="2025Q4")),
        _file("WS_CBPOL", "WS_CBPOL_M_csv_col.csv", "2022 release, data to 2022-03",
              "Central bank policy rates, monthly, end of period", dataset="WS_CBPOL_M",
              expect=Expect(min_series=35, last_period_from="2022-03")),
        _file("WS_LONG_CPI", "WS_LONG_CPI_csv_col.csv", "data to 2026-04",
              "Long series on consumer prices, annual and monthly",
              expect=Expect(min_series=230, last_period_from="2026-04")),
        _file("WS_EER", "BISWEB_EERDATAFLOW_csv_col.csv", "2021 release, data to 2021-03",
              "Effective exchange rates, nominal and real, broad and narrow baskets",
              expect=Expect(min_series=160, last_period_from="2021-03")),
    ),
)
