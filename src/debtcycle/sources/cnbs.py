"""CNBS (NIFD Center for National Balance Sheets): China's central and local government leverage.

Official data: the Center for National Balance Sheets publishes China's macro
leverage ratios by sector (``http://www.cnbs.org.cn/``, "中国宏观杠杆率数据"),
quarterly, in % of GDP.  The mirrored file is **not** the publisher's layout:
it is the table returned by ``akshare.macro_cnbs()`` saved as CSV (a leading
pandas index column; columns 年份 (period, ``YYYY-MM``), 居民部门, 非金融企业部门,
政府部门, 中央政府, 地方政府, 实体经济部门, 金融部门资产方, 金融部门负债方).

Caveat (MANIFEST.md): akshare's labels for the three government columns are
shifted.  The values are: column 政府部门 = **central** government, column
中央政府 = **local** government, column 地方政府 = **general** government (e.g.
2022-12: 21.4 / 29.0 / 50.4, as CNBS publishes central 21.4, local 29.0,
government 50.4).  The loader checks that shift on every row (central + local =
general within 0.15 pp of rounding) and refuses the file if it fails, so a
corrected akshare layout cannot be read with the wrong labels.

Only the central and local government series are stored: households,
corporations and general government come from the BIS (WS_TC) and loading a
second copy would change which source answers for them.  CNBS general
government is narrower than BIS's (explicit government debt only; BIS China
general government is larger, e.g. 2022-Q4 CNBS 50.4 against BIS about 77 in %
of GDP); tests/test_sources_cnbs.py checks the two move together.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.sources._tidy import long_to_tidy
from debtcycle.sources.base import Expect, Source, SourceFile

__all__ = ["SOURCE", "parse_cnbs", "read_cnbs_government"]

URL: Final[str] = "http://www.cnbs.org.cn/WEBTOOLS/zyxt/macro_leverage.html"
#: akshare label -> what the column really holds (the labels are shifted by one).
COLUMNS: Final[dict[str, str]] = {"政府部门": "central_gov", "中央政府": "local_gov",
                                  "地方政府": "general_gov"}
_TOLERANCE = 0.15


def read_cnbs_government(path: Path) -> pd.DataFrame:
    """Read the three government columns with their true meaning, checking the shift.

    Returns
    -------
    DataFrame
        Columns ``period`` (``YYYYQn``), ``central_gov``, ``local_gov``,
        ``general_gov`` (% of GDP).

    Raises
    ------
    ParseError
        If a column is missing, a period is not ``YYYY-MM`` at a quarter end, or
        central + local differs from general by more than rounding.
    """
    try:
        raw = pd.read_csv(path, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ParseError(path.name, f"not a readable UTF-8 CSV ({exc})") from exc
    missing = [c for c in ("年份", *COLUMNS) if c not in raw.columns]
    if missing:
        raise ParseError(path.name, f"missing columns {missing}; expected the akshare "
                         "macro_cnbs() table")
    dates = pd.to_datetime(raw["年份"].astype(str), format="%Y-%m", errors="coerce")
    bad = dates.isna() | ~dates.dt.month.isin([3, 6, 9, 12])
    if bad.any():
        row = int(bad.to_numpy().argmax())
        raise ParseError(path.name, f"bad period {raw['年份'].iloc[row]!r}; expected YYYY-MM "
                         "at a quarter end", row=row + 2, column="年份")
    out = pd.DataFrame({"period": dates.dt.to_period("Q").astype(str)})
    for label, name in COLUMNS.items():
        values = pd.to_numeric(raw[label], errors="coerce")
        if values.isna().any():
            row = int(values.isna().to_numpy().argmax())
            raise ParseError(path.name, f"text or empty cell in {label}", row=row + 2,
                             column=label)
        out[name] = values.to_numpy(dtype=float)
    gap = (out["central_gov"] + out["local_gov"] - out["general_gov"]).abs().to_numpy()
    if (gap > _TOLERANCE).any():
        row = int((gap > _TOLERANCE).argmax())
        raise ParseError(path.name, "central + local government does not add up to general "
                         "government: the known label shift of akshare's table is not "
                         "there; check the file's layout", row=row + 2)
    return out


def parse_cnbs(path: Path, dataset: str) -> pd.DataFrame:
    """Parse the CNBS leverage table into central and local government debt/GDP."""
    table = read_cnbs_government(path)
    parts = []
    for sector, title in (("central_gov", "Central government debt, % of GDP (CNBS)"),
                          ("local_gov", "Local government debt, % of GDP (CNBS)")):
        frame = pd.DataFrame({"country": "CN", "period": table["period"],
                              "value": table[sector]})
        parts.append(long_to_tidy(frame, source="cnbs", dataset=dataset, sector=sector,
                                  measure="debt_gdp", unit="pct_gdp", freq="Q",
                                  key=f"CN:CNBS:{sector}",
                                  title=title + "; akshare labels shifted, see caveat"))
    return pd.concat(parts, ignore_index=True)


SOURCE = Source(
    name="cnbs",
    title="Center for National Balance Sheets (NIFD, CASS)",
    homepage="http://www.cnbs.org.cn/",
    citation="National Institution for Finance and Development (NIFD), Center for National "
             "Balance Sheets, China macro leverage ratios; via akshare.macro_cnbs().",
    files=(
        SourceFile(dataset="CNBS_LEVERAGE", mirror_path="china/akshare_macro_cnbs_derived.csv",
                   url=URL, parse=parse_cnbs,
                   vintage="akshare output of 2023-06, data to 2023-Q1 (derived format)",
                   description="China central and local government debt, % of GDP, quarterly",
                   expect=Expect(min_series=2, last_period_from="2023Q1")),
    ),
)
