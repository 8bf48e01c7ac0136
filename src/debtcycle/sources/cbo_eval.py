"""CBO's *Evaluating CBO's Projections* data: every baseline since 1982 and its changes.

CBO publishes the input data of its reports on the accuracy of its projections
in its GitHub repository ``US-CBO/eval-projections`` (``input_data/``), in long
format, billions of dollars, by fiscal year:

* ``baselines.csv``: ``component, category, subcategory, baseline_date, ...,
  projected_fiscal_year, projected_year_number, value`` -- every baseline;
* ``baseline_changes.csv``: ``..., changes_baseline_date, change_category,
  projected_fiscal_year, value`` -- the change from the previous baseline to the
  one dated ``changes_baseline_date``, split Legislative / Economic / Technical;
* ``actuals.csv``: ``..., fiscal_year, actual_value``; ``actual_GDP.csv``:
  ``fiscal_year, GDP``.

Deficits are negative (a change of -100 in ``deficit`` widens the deficit by
$100 bn); Fannie Mae and Freddie Mac outlays are removed from projections and
actuals (CBO's README), so deficits differ from the report's headline by those.
One dataset is registered per baseline and per change category that debtcycle
uses: the dataset code names the baseline (``CBO:EVAL-2026-02``) or the change
(``CBO:EVAL-CHG-2026-02-LEG``), and the parser picks those rows.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Final

import pandas as pd

from debtcycle.errors import ParseError
from debtcycle.sources._tidy import long_to_tidy
from debtcycle.sources.base import Source, SourceFile

__all__ = ["CATEGORIES", "COMPONENTS", "SOURCE", "read_eval_csv"]

BASE_URL = "https://raw.githubusercontent.com/US-CBO/eval-projections/main/input_data/"
MIRROR = "us/cbo/eval-projections/"

#: (component, subcategory) -> canonical measure (central government, $ bn, fiscal year).
COMPONENTS: Final[dict[tuple[str, str], str]] = {
    ("debt", "Total"): "debt_public_lcu",
    ("deficit", "Total"): "gov_balance_lcu",
    ("revenue", "Total"): "gov_revenue_lcu",
    ("revenue", "Customs Duties"): "gov_customs_lcu",
    ("outlay", "Total"): "gov_expenditure_lcu",
    ("outlay", "Net Interest"): "gov_interest_lcu",
}
#: Dataset suffix -> CBO's change category.
CATEGORIES: Final[dict[str, str]] = {"LEG": "Legislative", "ECO": "Economic", "TEC": "Technical"}
#: Baselines registered (dataset suffix ``YYYY-MM``).
BASELINES: Final[tuple[str, ...]] = ("2026-02", "2025-01")
#: Baseline changes registered (dated by the later baseline).
CHANGES: Final[tuple[str, ...]] = ("2026-02",)

_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "baselines.csv": ("component", "subcategory", "baseline_date", "projected_fiscal_year",
                      "value"),
    "baseline_changes.csv": ("component", "subcategory", "changes_baseline_date",
                             "change_category", "projected_fiscal_year", "value"),
    "actuals.csv": ("component", "subcategory", "fiscal_year", "actual_value"),
    "actual_GDP.csv": ("fiscal_year", "GDP"),
}


def read_eval_csv(path: Path, layout: str) -> pd.DataFrame:
    """Read one eval-projections CSV and check its columns and numbers.

    The file is parsed once per process for its (size, modification time): several
    datasets are cut from the same file, and the store build would otherwise read
    ``baseline_changes.csv`` three times.  The cached frame is never modified.

    Parameters
    ----------
    path : Path
        Local copy of the file.
    layout : str
        File name whose layout is expected (``baselines.csv``, ...).

    Raises
    ------
    ParseError
        If the file is not UTF-8 CSV, lacks a column, or a year or value is not a number.
    """
    stat = path.stat()
    return _read(str(path), stat.st_size, stat.st_mtime_ns, layout).copy(deep=False)


@lru_cache(maxsize=4)
def _read(name: str, size: int, mtime: int, layout: str) -> pd.DataFrame:
    path = Path(name)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ParseError(path.name, f"not CBO's CSV layout ({exc}); download it again from "
                         f"{BASE_URL}{layout}") from exc
    need = _COLUMNS[layout]
    missing = [c for c in need if c not in raw.columns]
    if missing:
        raise ParseError(path.name, f"missing columns {missing}; expected CBO's {layout}")
    for column in need:
        if column in ("component", "subcategory", "baseline_date", "changes_baseline_date",
                      "change_category"):
            continue
        values = pd.to_numeric(raw[column], errors="coerce")
        bad = values.isna() & (raw[column].str.strip() != "")
        if bad.any():
            row = int(bad.to_numpy().argmax())
            raise ParseError(path.name, f"expected a number, found {raw[column].iloc[row]!r}",
                             row=row + 2, column=column)
        raw[column] = values
    return raw


def _tidy(rows: pd.DataFrame, *, year: str, value: str, dataset: str, what: str,
          optional: tuple[str, ...] = ()) -> pd.DataFrame:
    parts = []
    for (component, sub), measure in COMPONENTS.items():
        pick = rows[(rows["component"] == component) & (rows["subcategory"] == sub)]
        if pick.empty and component in optional:
            continue
        if pick.empty:
            raise ParseError(dataset, f"no rows for {component} / {sub} ({what})")
        frame = pd.DataFrame({"country": "US",
                              "period": pick[year].astype(int).astype(str).to_numpy(),
                              "value": pick[value].to_numpy(dtype=float)})
        parts.append(long_to_tidy(frame, source="cbo_eval", dataset=dataset,
                                  sector="central_gov", measure=measure, unit="usd_bn_fy",
                                  freq="A", key=f"EVAL:{what}:{component}:{sub}",
                                  title=f"{component} ({sub}), {what}, $ bn, fiscal year"))
    return pd.concat(parts, ignore_index=True)


def parse_baseline(path: Path, dataset: str) -> pd.DataFrame:
    """Parse one baseline (``CBO:EVAL-YYYY-MM``) out of ``baselines.csv``."""
    date = dataset.rsplit("EVAL-", 1)[1] + "-01"
    raw = read_eval_csv(path, "baselines.csv")
    rows = raw[raw["baseline_date"] == date]
    if rows.empty:
        raise ParseError(path.name, f"no baseline dated {date}; the file holds baselines up to "
                         f"{raw['baseline_date'].max()}")
    return _tidy(rows, year="projected_fiscal_year", value="value", dataset=dataset,
                 what=f"baseline {date[:7]} (projection)")


def parse_changes(path: Path, dataset: str) -> pd.DataFrame:
    """Parse one change category (``CBO:EVAL-CHG-YYYY-MM-LEG``) of ``baseline_changes.csv``."""
    stem, code = dataset.rsplit("-", 1)
    date = stem.rsplit("CHG-", 1)[1] + "-01"
    raw = read_eval_csv(path, "baseline_changes.csv")
    rows = raw[(raw["changes_baseline_date"] == date)
               & (raw["change_category"] == CATEGORIES[code])]
    if rows.empty:
        raise ParseError(path.name, f"no {CATEGORIES[code]} changes dated {date}")
    return _tidy(rows, year="projected_fiscal_year", value="value", dataset=dataset,
                 what=f"{CATEGORIES[code].lower()} change to baseline {date[:7]}",
                 optional=("debt",))  # CBO splits deficits, not debt, by category


def parse_actuals(path: Path, dataset: str) -> pd.DataFrame:
    """Parse ``actuals.csv`` (FY outcomes, $ bn)."""
    raw = read_eval_csv(path, "actuals.csv")
    return _tidy(raw, year="fiscal_year", value="actual_value", dataset=dataset, what="actual")


def parse_gdp(path: Path, dataset: str) -> pd.DataFrame:
    """Parse ``actual_GDP.csv`` (nominal GDP by fiscal year, $ bn)."""
    raw = read_eval_csv(path, "actual_GDP.csv")
    frame = pd.DataFrame({"country": "US", "period": raw["fiscal_year"].astype(int).astype(str),
                          "value": raw["GDP"].astype(float)})
    return long_to_tidy(frame, source="cbo_eval", dataset=dataset, sector="economy",
                        measure="gdp_nominal", unit="usd_bn_fy", freq="A", key="EVAL:GDP",
                        title="Nominal GDP, fiscal year, $ bn (CBO)")


def _files() -> tuple[SourceFile, ...]:
    files = [SourceFile(dataset=f"CBO:EVAL-{b}", mirror_path=MIRROR + "baselines.csv",
                        url=BASE_URL + "baselines.csv", parse=parse_baseline,
                        vintage=f"baseline of {b}",
                        description=f"CBO baseline of {b}: debt, deficit, revenues, customs, "
                        "outlays, net interest ($ bn, FY)") for b in BASELINES]
    files += [SourceFile(dataset=f"CBO:EVAL-CHG-{c}-{code}",
                         mirror_path=MIRROR + "baseline_changes.csv",
                         url=BASE_URL + "baseline_changes.csv", parse=parse_changes,
                         vintage=f"changes to the baseline of {c}",
                         description=f"{name} changes to CBO's baseline of {c} ($ bn, FY)")
              for c in CHANGES for code, name in CATEGORIES.items()]
    files += [SourceFile(dataset="CBO:EVAL-ACTUALS", mirror_path=MIRROR + "actuals.csv",
                         url=BASE_URL + "actuals.csv", parse=parse_actuals,
                         vintage="actuals to FY2025", description="Budget actuals ($ bn, FY)"),
              SourceFile(dataset="CBO:EVAL-GDP", mirror_path=MIRROR + "actual_GDP.csv",
                         url=BASE_URL + "actual_GDP.csv", parse=parse_gdp,
                         vintage="FY1982-2025 (Dec 2025)",
                         description="Nominal GDP by fiscal year ($ bn)")]
    return tuple(files)


SOURCE = Source(
    name="cbo_eval",
    title="Congressional Budget Office, Evaluating CBO's Projections (input data)",
    homepage="https://github.com/US-CBO/eval-projections",
    citation="Congressional Budget Office, eval-projections input data (v0.12.0, February 2026).",
    files=_files(),
)
