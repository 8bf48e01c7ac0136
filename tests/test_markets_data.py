"""Markets on the real mirrored files, checked against figures read from the files by hand.

References (all from shared/data, see MANIFEST.md):
* Nikkei 225 monthly closes (japan/yahoo_N225_monthly.csv): peak 38,915.87 in 1989-12
  (quoted in MANIFEST.md), lowest later close 7,568.42 in 2009-02 (read from the file).
* Shiller ie_data.xls: S&P Composite P and CPI, read here with python-calamine
  directly; the real price return 1989-12 .. 2019-12 is recomputed from the two rows.
* CBO Historical Budget Data (Feb 2026), sheets 1a and 3a: primary balance =
  total deficit + net interest, % of GDP; years whose primary balance improved by
  1.5 pp or more are counted here from the workbook read with pandas.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

import debtcycle
from debtcycle.analytics.markets import asset_stats
from debtcycle.errors import ParseError
from debtcycle.facade.markets import market_series
from debtcycle.sources.investing import parse_investing_yield
from debtcycle.sources.shiller import parse_shiller, shiller_months


def _nikkei_closes(mirror: Path) -> dict[str, float]:
    with (mirror / "japan" / "yahoo_N225_monthly.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:-1]  # the last row is a partial month
    return {r["Date"][:7]: float(r["Close"]) for r in rows if r["Close"] not in ("", "null")}


def test_nikkei_peak_and_trough(mirror: Path) -> None:
    closes = _nikkei_closes(mirror)
    peak_month = max(closes, key=closes.__getitem__)
    assert (peak_month, round(closes[peak_month], 2)) == ("1989-12", 38915.87)
    later = {m: v for m, v in closes.items() if m > peak_month}
    trough_month = min(later, key=later.__getitem__)
    assert (trough_month, round(later[trough_month], 2)) == ("2009-02", 7568.42)
    nikkei = market_series("JP")["assets"]["equity_nominal"]
    assert nikkei.idxmax() == pd.Period("1989-12", "M")
    assert nikkei.max() == pytest.approx(38915.87, abs=0.01)
    stats = asset_stats(nikkei, pd.Period("1989-12", "M"), pd.Period("2009-02", "M"))
    # the drawdown over the window is trough / peak - 1 (exact, same file)
    assert stats["max_dd_pct"] == pytest.approx((7568.419922 / 38915.871094 - 1) * 100, abs=1e-6)


def _shiller(mirror: Path) -> dict[str, tuple[float, float]]:
    rows = CalamineWorkbook.from_path(str(mirror / "us" / "shiller" / "ie_data.xls")
                                      ).get_sheet_by_name("Data").to_python()
    out = {}
    for row in rows:
        if isinstance(row[0], float) and row[0] > 1800:
            month = f"{int(row[0])}-{round((row[0] - int(row[0])) * 100):02d}"
            out[month] = (float(row[1]), float(row[4]))  # P, CPI
    return out


def test_sp_real_return_matches_shiller_rows(mirror: Path) -> None:
    data = _shiller(mirror)
    (p0, c0), (p1, c1) = data["1989-12"], data["2019-12"]
    years = (pd.Timestamp("2019-12-31") - pd.Timestamp("1989-12-31")).days / 365.25
    expected = (((p1 / c1) / (p0 / c0)) ** (1 / years) - 1) * 100
    real = market_series("US")["assets"]["equity_real"]
    stats = asset_stats(real, pd.Period("1989Q4", "Q"), pd.Period("2019Q4", "Q"))
    assert stats["pct_pa"] == pytest.approx(expected, rel=1e-10)  # same rows, same formula
    assert stats["pct_pa"] == pytest.approx(5.12, abs=0.01)  # 5.12% a year real, ex dividends
    assert stats["lo"] < stats["pct_pa"] < stats["hi"]


def test_shiller_loader(mirror: Path, tmp_path: Path) -> None:
    assert shiller_months(pd.Series([1871.01, 1871.1, 1871.12]), "x") == [
        "1871-01", "1871-10", "1871-12"]
    tidy = parse_shiller(mirror / "us" / "shiller" / "ie_data.xls", "SHILLER_IE")
    price = tidy[(tidy["measure"] == "equity_index")].set_index("period")["value"]
    assert price["2026-07"] == pytest.approx(7503.85)  # MANIFEST.md sanity number
    gs10 = tidy[(tidy["measure"] == "yield_10y")].set_index("period")["value"]
    assert gs10["2026-07"] == pytest.approx(4.44)
    bad = tmp_path / "ie_data.xls"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(ParseError, match=r"ie_data\.xls"):
        parse_shiller(bad, "SHILLER_IE")


def test_china_10y_file(mirror: Path, tmp_path: Path) -> None:
    path = mirror / "china" / "investing_China 10-Year Bond Yield Historical Data.csv"
    tidy = parse_investing_yield(path, "INV_CN10Y")
    values = tidy.set_index("period")["value"]
    assert values.index[0] == "2019-12" and values["2019-12"] == pytest.approx(3.173)
    assert values["2025-01"] == pytest.approx(1.633)
    bad = tmp_path / "cn.csv"
    bad.write_text('"Date","Price"\n"31/13/2020","1"\n', encoding="utf-8")
    with pytest.raises(ParseError, match="header"):
        parse_investing_yield(bad, "INV_CN10Y")


def _cbo_primary_balance(mirror: Path) -> pd.Series:
    path = mirror / "us" / "cbo" / "51134-2026-02-Historical-Budget-Data.xlsx"
    sheets = pd.read_excel(path, sheet_name=["1a. Rev, Outlays, Surplus (GDP)",
                                             "3a. Outlays as Share of GDP"], header=None)
    first = sheets["1a. Rev, Outlays, Surplus (GDP)"]
    third = sheets["3a. Outlays as Share of GDP"]
    years = pd.to_numeric(first[0], errors="coerce")
    rows = years.between(1962, 2025)
    total = pd.Series(first.loc[rows, 6].astype(float).to_numpy(), index=years[rows].astype(int))
    years3 = pd.to_numeric(third[0], errors="coerce")
    rows3 = years3.between(1962, 2025)
    interest = pd.Series(third.loc[rows3, 4].astype(float).to_numpy(),
                         index=years3[rows3].astype(int))
    assert first.iloc[8, 6] == "Total" and third.iloc[8, 4] == "Net interest"
    return total + interest


def test_us_consolidation_years(mirror: Path) -> None:
    pb = _cbo_primary_balance(mirror)
    by_hand = [int(y) for y in pb.index[1:] if pb[y] - pb[y - 1] >= 1.5]
    assert by_hand == [1969, 1987, 2012, 2013, 2021, 2022]
    unadjusted = debtcycle.consolidations("US", adjust=False)
    assert unadjusted.consolidation_years == by_hand
    adjusted = debtcycle.consolidations("US")
    assert adjusted.beta < 0  # a higher unemployment rate lowers the primary balance
    assert adjusted.consolidation_years == [1969, 1974, 2013, 2022]
    assert set(adjusted.years["basis"]) == {"cyclically adjusted"}


def test_phase_returns_match_the_series() -> None:
    result = debtcycle.markets("US", "households", n_boot=200)
    equity = market_series("US")["assets"]["equity_nominal"]
    for row in result.table.to_dict(orient="records"):
        if row["equity_nominal_from"] is None:
            continue
        first, last = equity[row["equity_nominal_from"]], equity[row["equity_nominal_to"]]
        days = (row["equity_nominal_to"].end_time.normalize()
                - row["equity_nominal_from"].end_time.normalize()).days
        expected = ((last / first) ** (365.25 / days) - 1) * 100
        assert row["equity_nominal_pct_pa"] == pytest.approx(expected, rel=1e-10)
        assert row["equity_nominal_max_dd_pct"] <= 0
    assert result.table["label"].iloc[-1] == "all periods"


def test_china_deleveraging_window_yields() -> None:
    y = market_series("CN")["rates"]["yield_10y"]
    assert y.attrs["info"]["source"] == "gmd"  # the only China yield back to 2014
    assert math.isfinite(y[pd.Period("2016", "Y")]) and math.isfinite(y[pd.Period("2019", "Y")])


def test_bad_inputs_are_one_line() -> None:
    with pytest.raises(debtcycle.BadInputError, match="country"):
        debtcycle.markets("XX")
    with pytest.raises(debtcycle.BadInputError, match="n_boot"):
        debtcycle.markets("US", n_boot=5)
    with pytest.raises(debtcycle.BadInputError, match="event"):
        debtcycle.market_events("US", "sometime")


def test_phase_start_events_are_the_phase_starts() -> None:
    table = debtcycle.phases("US", "general_gov", stability=False).sectors["general_gov"].table
    starts = [str(p) for p, lab in zip(table["start"], table["label"], strict=True)
              if lab == "deleveraging"][int(table["label"].iloc[0] == "deleveraging"):]
    study = debtcycle.market_events("US", "deleveraging-start", sector="general_gov",
                                    n_boot=200)
    assert list(study.events["period"]) == starts
    # the yield path is 0 at the event and has one value per episode and step
    bands = study.bands[study.bands["variable"] == "yield_10y"].set_index("k")
    assert bands.loc[0, "mean"] == 0.0 and bands.loc[0, "n"] == len(starts)


def test_damaged_market_files_leave_the_store_unchanged(mirror: Path, tmp_path: Path) -> None:
    import hashlib
    import shutil

    from debtcycle.store import build_store

    fake = tmp_path / "mirror"
    (fake / "china").mkdir(parents=True)
    (fake / "us" / "shiller").mkdir(parents=True)
    name = "investing_China 10-Year Bond Yield Historical Data.csv"
    shutil.copy(mirror / "china" / name, fake / "china" / name)
    shutil.copy(mirror / "us" / "shiller" / "ie_data.xls", fake / "us" / "shiller" / "ie_data.xls")
    db = tmp_path / "store.duckdb"
    build_store(["investing", "shiller"], path=db, mirror=fake, rebuild=True)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    text = (fake / "china" / name).read_text(encoding="utf-8-sig")
    (fake / "china" / name).write_text(text.replace('"3.173"', '"n/a"'), encoding="utf-8")
    with pytest.raises(ParseError, match=r"Price"):
        build_store(["investing"], path=db, mirror=fake)
    (fake / "us" / "shiller" / "ie_data.xls").write_bytes(b"")
    with pytest.raises(ParseError, match="empty"):
        build_store(["shiller"], path=db, mirror=fake)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_summary_counts_every_phase_once() -> None:
    result = debtcycle.markets_summary(["US", "GB"], n_boot=100)
    table = result.table
    per_country = [debtcycle.markets(c, basis="total_return", n_boot=100).table
                   for c in ("US", "GB")]
    rows = pd.concat(per_country, ignore_index=True)
    expected = rows.groupby(["sector", "label"]).size()
    got = table.set_index(["sector", "label"])["phases"]
    assert got.sort_index().tolist() == expected.sort_index().tolist()
    gov = table[(table["sector"] == "general_gov") & (table["label"] == "all periods")]
    assert int(gov["countries"].iloc[0]) == 2
    assert result.params["basis"] == "JST total returns, real"
    wide = table.dropna(subset=["median_equity_real_pct_pa_lo"])
    assert len(wide) >= 6
    assert (wide["median_equity_real_pct_pa_lo"] <= wide["median_equity_real_pct_pa"]).all()
    assert (wide["median_equity_real_pct_pa"] <= wide["median_equity_real_pct_pa_hi"]).all()


def test_property_peaks_are_the_issue_s_balance_sheet_recessions() -> None:
    # BIS real house prices, highest level followed by a fall of 10% or more: the
    # issue names Japan 1991, US 2006, Spain 2007 and China 2021.
    study = debtcycle.market_events(None, "property-peak", n_boot=100)
    years = {row["country"]: row["period"][:4] for row in study.events.to_dict("records")}
    assert years == {"JP": "1991", "US": "2006", "ES": "2007", "CN": "2021"}
    horizons = study.horizons.set_index(["variable", "k"])
    assert horizons.loc[("equity_real", 12), "n"] == 3  # Spain has no quarterly prices


def test_as_of_phases_stop_at_the_date() -> None:
    result = debtcycle.markets("CN", "nonfin_corp", as_of="2017Q4", n_boot=100)
    ends = [pd.Period(p) for p in result.table["end"]]
    assert max(ends) <= pd.Period("2017Q4", "Q")
    assert result.params["as_of"] == "2017Q4"
