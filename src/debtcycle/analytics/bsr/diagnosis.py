"""Balance-sheet recession diagnosis: six measured signals, a score and a verdict in words.

Method
------
Koo's balance-sheet recession: after an asset bubble bursts, households and
firms repair their balance sheets (pay down debt, stop borrowing) even at
near-zero interest rates, so the private sector runs a financial surplus,
monetary easing loses traction, and only government borrowing (or a foreign
surplus) keeps demand up; prices stagnate.  Each year is tested on six
signals, every one computed from annual data and compared with a threshold of
:class:`Thresholds` (all exposed, defaults documented there):

``asset_bust``
    Real house prices at least ``house_drawdown`` % below their peak of the last
    ``peak_window`` years, or (nominal) equity prices at least ``equity_drawdown`` %
    below theirs (annual averages).
``private_deleveraging``
    Private non-financial debt/GDP lower than ``window`` years earlier, or the
    private credit flow (new net borrowing, % of GDP) at most ``credit_flow_max``.
    The flow is measured from the ratio alone:
    ``flow_t = d_t - d_{t-1} / (1 + g_t)`` (``d`` debt/GDP in %, ``g`` nominal GDP
    growth), which is exactly ``(D_t - D_{t-1}) / Y_t``.
``private_surplus``
    Private financial balance above ``private_surplus_min`` % of GDP (a net saver).
``monetary_traction_lost``
    Policy rate at most ``rate_near_zero`` % or cut by at least ``rate_cut_min`` pp
    over ``window`` years, while the private credit flow stays at most
    ``credit_response_max`` % of GDP (easing without credit responding).
``government_absorbing``
    Government deficit at least ``gov_deficit_min`` % of GDP and government
    debt/GDP up more than ``gov_debt_rise_min`` pp over ``window`` years.
``disinflation``
    CPI inflation at most ``inflation_max`` %, or at most ``inflation_soft_max`` %
    after falling at least ``inflation_fall_min`` pp over ``window`` years.

Score = sum of the weights of the signals that are on (default weight 1 each,
so 0-6); a signal that cannot be measured (missing data) is ``None`` and counts
0, and ``measured`` says how many were available.  Verdict:

* ``bsr`` if the asset bust is on, the private sector is repairing its balance
  sheet (deleveraging or in surplus), and the score is at least ``bsr_score``;
* ``watch`` if the score is at least ``watch_score``, or the asset bust and a
  private balance-sheet signal are on together;
* ``none`` otherwise.

That is the year's ``raw_verdict``; the reported ``verdict`` moves only as far
as ``confirm_years`` (2) consecutive years' calls agree (:func:`confirm`), so
one noisy annual figure does not flip it.  Scores are reported as ``k/6``.
Every default threshold comes from a definition or a publication, listed in
:data:`REASONS`, and is not tuned on the episodes the tests check.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.errors import BadInputError

__all__ = ["INPUT_COLUMNS", "LEVELS", "REASONS", "SIGNALS", "Diagnosis", "Thresholds", "confirm",
           "diagnose", "episodes", "indicators"]

#: Input columns of :func:`diagnose` (annual, PeriodIndex); ``equity_price`` is optional.
INPUT_COLUMNS: tuple[str, ...] = (
    "house_price_real", "equity_price", "private_debt_gdp", "gdp_nominal", "private_balance_gdp",
    "policy_rate", "gov_balance_gdp", "gov_debt_gdp", "cpi",
)
#: The six signals, in reporting order.
SIGNALS: tuple[str, ...] = (
    "asset_bust", "private_deleveraging", "private_surplus", "monetary_traction_lost",
    "government_absorbing", "disinflation",
)


#: Why each default threshold has its value: the definition or the publication it comes from.
#: Thresholds are fixed from these definitions, not tuned on the episodes the tests check;
#: docs/balance_sheet_recession.md shows how the verdicts move with each of them.
REASONS: dict[str, str] = {
    "window": "3 years: the horizon of a balance-sheet repair phase in the IMF's "
              "deleveraging studies (IMF WEO April 2012, ch. 3, household debt episodes); "
              "convention, see the sensitivity table.",
    "peak_window": "10 years: a housing bust lasts about 4-6 years peak to trough "
                   "(Helbling and Terrones, IMF WEO April 2003, ch. II: about 4 years; "
                   "Reinhart and Rogoff 2009, This Time Is Different: about 6 years) and Koo's "
                   "balance-sheet repair runs on after the trough for a similar time.",
    "house_drawdown": "-14%: a housing price bust is a real peak-to-trough fall in the "
                      "worst quartile of all contractions, about 14% (Helbling and Terrones, "
                      "'When bubbles burst', IMF WEO April 2003, ch. II).",
    "equity_drawdown": "-37%: an equity price bust in the same study is a fall of about 37% "
                       "or more (Helbling and Terrones, IMF WEO April 2003, ch. II).",
    "credit_flow_max": "0% of GDP: Koo's definition, the private sector is paying down debt "
                       "(no net new borrowing) rather than maximising profits (Koo 2008, "
                       "The Holy Grail of Macroeconomics, ch. 1).",
    "private_surplus_min": "0% of GDP: Koo's definition, the private sector is a net saver "
                           "(financial surplus) (Koo 2008, ch. 1; Koo 2015, The Escape from "
                           "Balance Sheet Recession, ch. 1).",
    "rate_near_zero": "1%: Koo's 'zero or near-zero interest rates'; 1% is taken as near zero, "
                      "half of the 2% inflation targets, so the real policy rate is negative "
                      "at target inflation (convention, see the sensitivity table).",
    "rate_cut_min": "2 pp over the window: 'low rates' for economies whose rates never "
                    "reached zero (China's 2015 and 2020-24 cuts); convention, see the "
                    "sensitivity table.",
    "credit_response_max": "0% of GDP: Koo's symptom that borrowing does not respond to "
                           "easing, i.e. no net new private borrowing (Koo 2008, ch. 1).",
    "gov_deficit_min": "3% of GDP: the reference value for a deficit in the EU treaties "
                       "(TFEU Protocol 12), the usual line between an ordinary and a large "
                       "deficit.",
    "gov_debt_rise_min": "0 pp: Koo's remedy, the government borrows the private surplus, so "
                         "its debt ratio rises (Koo 2008, ch. 4).",
    "inflation_max": "1%: half of the 2% targets, the 'danger zone' of too-low inflation "
                     "named by the ECB and the IMF in 2014 (Draghi, 2014; Lagarde, 2014, "
                     "'lowflation'); Koo's balance-sheet recessions come with deflation.",
    "inflation_soft_max": "= inflation_max by default, so the second route (inflation low "
                          "after a fall) is off unless set; it has no source in the literature.",
    "inflation_fall_min": "Used only with inflation_soft_max above inflation_max.",
    "bsr_score": "4 of 6: Koo's core conditions (asset bust and private repair) plus at "
                 "least two of the four symptoms; convention, see the sensitivity table.",
    "watch_score": "3 of 6: half of the signals; convention, see the sensitivity table.",
    "confirm_years": "2 years: a verdict changes only when two consecutive years call the "
                     "new one, so one noisy annual figure cannot flip it (issue 15: the US "
                     "went watch 2014, bsr 2015, watch 2016 without it).",
}


@dataclass(frozen=True)
class Thresholds:
    """Thresholds of the six signals and the verdict (defaults and reasons in :data:`REASONS`).

    Attributes
    ----------
    window : int
        Look-back in years for changes (debt, rates, inflation). Default 3.
    peak_window : int
        Prices are compared with their peak of the last ``peak_window`` years
        (the current year included). Default 10.
    house_drawdown : float
        Real house prices this many % below peak or more: bust. Default -14
        (Helbling and Terrones 2003).
    equity_drawdown : float
        Equity prices this many % below peak or more: bust. Default -37 (same).
    credit_flow_max : float
        Private credit flow (% of GDP) at or below this: deleveraging. Default 0
        (Koo: paying down debt).
    private_surplus_min : float
        Private balance (% of GDP) above this: surplus. Default 0 (Koo: net saver).
    rate_near_zero : float
        Policy rate (%) at or below this: near zero. Default 1.
    rate_cut_min : float
        Cut (pp over ``window``) at or above this: cut hard. Default 2.
    credit_response_max : float
        Credit flow (% of GDP) at or below this: credit not responding. Default 0.
    gov_deficit_min : float
        Government deficit (% of GDP) at or above this. Default 3 (EU reference value).
    gov_debt_rise_min : float
        Rise of government debt/GDP (pp over ``window``) above this. Default 0.
    inflation_max : float
        Inflation (%) at or below this: deflation / near-zero inflation. Default 1.
    inflation_soft_max, inflation_fall_min : float
        Or inflation at or below ``inflation_soft_max`` after a fall of at least
        ``inflation_fall_min`` pp over ``window`` (off by default: equal to
        ``inflation_max``).
    bsr_score, watch_score : float
        Score needed for ``bsr`` (4, with the core conditions) and ``watch`` (3).
    confirm_years : int
        Consecutive years a new verdict must be called before it replaces the
        previous one (hysteresis). Default 2; 1 = no hysteresis.
    weights : dict of str to float
        Weight of each signal in the score (default 1 each).
    """

    window: int = 3
    peak_window: int = 10
    house_drawdown: float = -14.0
    equity_drawdown: float = -37.0
    credit_flow_max: float = 0.0
    private_surplus_min: float = 0.0
    rate_near_zero: float = 1.0
    rate_cut_min: float = 2.0
    credit_response_max: float = 0.0
    gov_deficit_min: float = 3.0
    gov_debt_rise_min: float = 0.0
    inflation_max: float = 1.0
    inflation_soft_max: float = 1.0
    inflation_fall_min: float = 2.0
    bsr_score: float = 4.0
    watch_score: float = 3.0
    confirm_years: int = 2
    weights: dict[str, float] = field(default_factory=lambda: dict.fromkeys(SIGNALS, 1.0))

    def to_dict(self) -> dict[str, Any]:
        """Return the thresholds as a plain dict."""
        return asdict(self)


def _drawdown(values: pd.Series, window: int) -> pd.Series:
    clean = values.dropna()
    peak = clean.rolling(window, min_periods=1).max()
    return (100.0 * (clean / peak - 1.0)).reindex(values.index)


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name].astype(float)
    return pd.Series(np.nan, index=frame.index, dtype=float)


def indicators(frame: pd.DataFrame, thresholds: Thresholds | None = None) -> pd.DataFrame:
    """Compute the measured quantities behind the signals from the input levels.

    Parameters
    ----------
    frame : DataFrame
        Annual inputs on a PeriodIndex, columns among :data:`INPUT_COLUMNS`.
    thresholds : Thresholds, optional
        Only ``window`` is used here.

    Returns
    -------
    DataFrame
        Columns ``house_drawdown``, ``equity_drawdown`` (% below the peak of the
        last ``peak_window`` years),
        ``private_debt_gdp``, ``private_debt_change`` (pp over window),
        ``credit_flow_gdp`` (% of GDP), ``private_balance_gdp``, ``policy_rate``,
        ``rate_change`` (pp over window), ``gov_balance_gdp``, ``gov_debt_change``
        (pp over window), ``inflation`` (%), ``inflation_change`` (pp over window).
    """
    th = thresholds or Thresholds()
    if not isinstance(frame.index, pd.PeriodIndex):
        raise BadInputError("diagnose needs annual inputs on a PeriodIndex.")
    w = th.window
    debt = _col(frame, "private_debt_gdp")
    growth = _col(frame, "gdp_nominal").pct_change(fill_method=None)
    gov_debt = _col(frame, "gov_debt_gdp")
    rate = _col(frame, "policy_rate")
    inflation = 100.0 * _col(frame, "cpi").pct_change(fill_method=None)
    return pd.DataFrame({
        "house_drawdown": _drawdown(_col(frame, "house_price_real"), th.peak_window),
        "equity_drawdown": _drawdown(_col(frame, "equity_price"), th.peak_window),
        "private_debt_gdp": debt,
        "private_debt_change": debt - debt.shift(w),
        "credit_flow_gdp": debt - debt.shift(1) / (1.0 + growth),
        "private_balance_gdp": _col(frame, "private_balance_gdp"),
        "policy_rate": rate,
        "rate_change": rate - rate.shift(w),
        "gov_balance_gdp": _col(frame, "gov_balance_gdp"),
        "gov_debt_change": gov_debt - gov_debt.shift(w),
        "inflation": inflation,
        "inflation_change": inflation - inflation.shift(w),
    }, index=frame.index)


def _either(a: pd.Series, b: pd.Series) -> pd.Series:
    """Three-valued OR: True if either is True, False if both measured and False, else NA."""
    out = pd.Series(pd.NA, index=a.index, dtype="boolean")
    out[(a == True) | (b == True)] = True  # noqa: E712  (nullable booleans)
    out[(a == False) & (b == False)] = False  # noqa: E712
    return out


def _cmp(values: pd.Series, test: pd.Series) -> pd.Series:
    return test.astype("boolean").mask(values.isna(), pd.NA)


def signals(ind: pd.DataFrame, th: Thresholds) -> pd.DataFrame:
    """Turn the measured indicators into the six nullable boolean signals."""
    bust = _either(_cmp(ind["house_drawdown"], ind["house_drawdown"] <= th.house_drawdown),
                   _cmp(ind["equity_drawdown"], ind["equity_drawdown"] <= th.equity_drawdown))
    delev = _either(
        _cmp(ind["private_debt_change"], ind["private_debt_change"] <= 0.0),
        _cmp(ind["credit_flow_gdp"], ind["credit_flow_gdp"] <= th.credit_flow_max))
    surplus = _cmp(ind["private_balance_gdp"], ind["private_balance_gdp"] > th.private_surplus_min)
    eased = _either(_cmp(ind["policy_rate"], ind["policy_rate"] <= th.rate_near_zero),
                    _cmp(ind["rate_change"], ind["rate_change"] <= -th.rate_cut_min))
    no_credit = _cmp(ind["credit_flow_gdp"], ind["credit_flow_gdp"] <= th.credit_response_max)
    traction = (eased & no_credit).astype("boolean")
    absorbing = (
        _cmp(ind["gov_balance_gdp"], ind["gov_balance_gdp"] <= -th.gov_deficit_min)
        & _cmp(ind["gov_debt_change"], ind["gov_debt_change"] > th.gov_debt_rise_min)
    ).astype("boolean")
    soft = (ind["inflation"] <= th.inflation_soft_max) & (
        ind["inflation_change"] <= -th.inflation_fall_min)
    disinfl = _either(_cmp(ind["inflation"], ind["inflation"] <= th.inflation_max),
                      _cmp(ind["inflation_change"], soft))
    return pd.DataFrame({
        "asset_bust": bust, "private_deleveraging": delev, "private_surplus": surplus,
        "monetary_traction_lost": traction, "government_absorbing": absorbing,
        "disinflation": disinfl,
    }, index=ind.index)


def _verdict(sig: pd.DataFrame, score: pd.Series, th: Thresholds) -> pd.Series:
    on = sig.fillna(False).astype(bool)
    core = on["asset_bust"] & (on["private_deleveraging"] | on["private_surplus"])
    verdict = pd.Series("none", index=sig.index, dtype=object)
    verdict[(score >= th.watch_score) | core] = "watch"
    verdict[core & (score >= th.bsr_score)] = "bsr"
    return verdict


#: Verdicts in order of severity (hysteresis moves along this scale).
LEVELS: tuple[str, ...] = ("none", "watch", "bsr")


def confirm(raw: pd.Series, years: int = 2) -> pd.Series:
    """Apply hysteresis: the verdict moves only as far as ``years`` consecutive calls agree.

    Verdicts are ordered ``none < watch < bsr``.  The confirmed verdict rises to
    the lowest call of the last ``years`` years when it is below all of them, and
    falls to the highest of them when it is above all of them; otherwise it stays.
    So a change needs ``years`` consecutive years on its side: ``none, bsr,
    none`` stays ``none``, ``watch, bsr`` confirms ``watch``, and ``bsr, watch,
    bsr`` stays ``bsr``.

    Parameters
    ----------
    raw : Series
        The year-by-year verdicts (values in :data:`LEVELS`).
    years : int
        Consecutive periods a change needs (1 = ``raw`` unchanged).

    Returns
    -------
    Series
        The confirmed verdicts; the first period keeps its raw call.

    Raises
    ------
    BadInputError
        If ``years`` is below 1 or a verdict is not in :data:`LEVELS`.
    """
    if years < 1:
        raise BadInputError(f"confirm_years must be at least 1; got {years}.")
    unknown = sorted({str(v) for v in raw.to_numpy()} - set(LEVELS))
    if unknown:
        raise BadInputError(f"Unknown verdicts {unknown}; use {LEVELS}.")
    levels = [LEVELS.index(str(v)) for v in raw.to_numpy()]
    out: list[str] = []
    state = levels[0] if levels else 0
    for i in range(len(levels)):
        recent = levels[max(0, i - years + 1):i + 1]
        if i > 0 and len(recent) == years:
            if state < min(recent):
                state = min(recent)
            elif state > max(recent):
                state = max(recent)
        out.append(LEVELS[state])
    return pd.Series(out, index=raw.index, dtype=object)


def _fmt(value: float, unit: str = "%") -> str:
    return f"{value:.1f}{unit}"


def _reason_lines(row: pd.Series, on: dict[str, bool]) -> list[str]:
    lines = []
    if on["asset_bust"]:
        parts = []
        if pd.notna(row["house_drawdown"]) and row["house_drawdown"] < 0:
            parts.append(f"real house prices {_fmt(-row['house_drawdown'])} below their peak")
        if pd.notna(row["equity_drawdown"]) and row["equity_drawdown"] < 0:
            parts.append(f"equity prices {_fmt(-row['equity_drawdown'])} below their peak")
        lines.append("asset bust: " + " and ".join(parts))
    if on["private_deleveraging"]:
        lines.append(f"private sector not borrowing: new private credit "
                     f"{_fmt(row['credit_flow_gdp'])} of GDP, private debt "
                     f"{row['private_debt_change']:+.1f} pp of GDP over the window")
    if on["private_surplus"]:
        lines.append(f"private sector financial surplus of {_fmt(row['private_balance_gdp'])} "
                     "of GDP")
    if on["monetary_traction_lost"]:
        lines.append(f"policy rate {_fmt(row['policy_rate'])} ({row['rate_change']:+.1f} pp "
                     f"over the window) while new private credit is only "
                     f"{_fmt(row['credit_flow_gdp'])} of GDP")
    if on["government_absorbing"]:
        lines.append(f"government absorbing the surplus: deficit {_fmt(-row['gov_balance_gdp'])}"
                     f" of GDP, government debt {row['gov_debt_change']:+.1f} pp of GDP "
                     "over the window")
    if on["disinflation"]:
        lines.append(f"inflation {_fmt(row['inflation'])} ({row['inflation_change']:+.1f} pp "
                     "over the window)")
    return lines


def _headline(row: pd.Series, verdict: str) -> str:
    words = {"bsr": "balance-sheet recession", "watch": "watch", "none": "no balance-sheet "
             "recession"}[verdict]
    bits = []
    if pd.notna(row["private_balance_gdp"]):
        kind = "surplus" if row["private_balance_gdp"] >= 0 else "deficit"
        bits.append(f"private sector {kind} of {_fmt(abs(row['private_balance_gdp']))} of GDP")
    if pd.notna(row["policy_rate"]):
        bits.append(f"the policy rate is {_fmt(row['policy_rate'])}")
    return f"{words}: " + (" while ".join(bits) if bits else "few signals measured")


@dataclass(frozen=True)
class Diagnosis(Result):
    """Per-period signals, score, verdict and reasons.

    Attributes
    ----------
    country : str
        Country code.
    table : DataFrame
        One row per period: the indicators, the six signals (nullable booleans),
        ``score``, ``measured`` (signals available), ``verdict``.
    reasons : dict of str to list of str
        Period -> sentences explaining the verdict with the measured numbers.
    thresholds : Thresholds
        The thresholds used.
    """

    country: str
    table: pd.DataFrame
    reasons: dict[str, list[str]]
    thresholds: Thresholds

    def to_frame(self) -> pd.DataFrame:
        """Return the per-period table."""
        return self.table

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape of ``debtcycle bsr COUNTRY --json``."""
        return {"country": self.country, "periods": self.periods(),
                "thresholds": jsonable(self.thresholds.to_dict()),
                "sources": jsonable(self.provenance), "params": jsonable(self.params)}

    def periods(self) -> list[dict[str, Any]]:
        """Return one JSON-ready record per period: score, verdict, signals, reasons."""
        out = []
        for period, row in self.table.iterrows():
            signals_ = {
                name: (None if pd.isna(row[name]) else bool(row[name])) for name in SIGNALS
            }
            out.append({"period": str(period), "score": float(row["score"]),
                        "score_text": f"{float(row['score']):g}/{len(SIGNALS)}",
                        "measured": int(row["measured"]), "verdict": str(row["verdict"]),
                        "raw_verdict": str(row["raw_verdict"]),
                        "signals": signals_,
                        "values": {c: row[c] for c in self.table.columns
                                   if c not in SIGNALS and c not in
                                   ("score", "measured", "verdict", "raw_verdict")},
                        "reasons": self.reasons.get(str(period), [])})
        return out


def diagnose(
    frame: pd.DataFrame, *, thresholds: Thresholds | None = None, country: str = ""
) -> Diagnosis:
    """Diagnose a balance-sheet recession period by period.

    Parameters
    ----------
    frame : DataFrame
        Annual inputs on a PeriodIndex with columns among :data:`INPUT_COLUMNS`
        (missing columns make their signals unmeasured, not false).
    thresholds : Thresholds, optional
        Signal and verdict thresholds; defaults as documented in :class:`Thresholds`.
    country : str
        Label carried into the result.

    Returns
    -------
    Diagnosis

    Raises
    ------
    BadInputError
        If the frame is empty, not on a PeriodIndex, has none of the input
        columns, or a weight names an unknown signal.
    """
    th = thresholds or Thresholds()
    if frame.empty or not any(c in frame.columns for c in INPUT_COLUMNS):
        raise BadInputError(f"diagnose needs a frame with some of the columns {INPUT_COLUMNS}.")
    unknown = sorted(set(th.weights) - set(SIGNALS))
    if unknown:
        raise BadInputError(f"Unknown signal weights {unknown}; signals are {SIGNALS}.")
    ind = indicators(frame, th)
    sig = signals(ind, th)
    weights = pd.Series({s: th.weights.get(s, 0.0) for s in SIGNALS})
    score = sig.fillna(False).astype(float).mul(weights, axis=1).sum(axis=1)
    table = pd.concat([ind, sig], axis=1)
    table["score"] = score
    table["measured"] = sig.notna().sum(axis=1)
    table["raw_verdict"] = _verdict(sig, score, th)
    table["verdict"] = confirm(table["raw_verdict"], th.confirm_years)
    table.index.name = "period"
    reasons = {}
    for period, row in table.iterrows():
        on = {s: bool(row[s]) if pd.notna(row[s]) else False for s in SIGNALS}
        lines = [_headline(row, str(row["verdict"])), *_reason_lines(row, on)]
        if row["raw_verdict"] != row["verdict"]:
            lines.append(f"this year's signals alone say {row['raw_verdict']}; the verdict "
                         f"changes only after {th.confirm_years} consecutive years")
        reasons[str(period)] = lines
    return Diagnosis(country=country, table=table, reasons=reasons, thresholds=th,
                     params={"thresholds": th.to_dict()},
                     provenance=dict(frame.attrs.get("info", {})))


def episodes(diagnosis: Diagnosis, *, verdicts: tuple[str, ...] = ("bsr", "watch")) -> pd.DataFrame:
    """Return the runs of consecutive periods with the same verdict (for shading and notes).

    Parameters
    ----------
    diagnosis : Diagnosis
        Output of :func:`diagnose`.
    verdicts : tuple of str
        Verdicts to keep.

    Returns
    -------
    DataFrame
        Columns ``start``, ``end`` (Periods), ``verdict``, ``years``, ``max_score``.
    """
    table = diagnosis.table
    runs = (table["verdict"] != table["verdict"].shift()).cumsum()
    rows = []
    for _, group in table.groupby(runs, sort=True):
        verdict = str(group["verdict"].iloc[0])
        if verdict in verdicts:
            rows.append({"start": group.index[0], "end": group.index[-1], "verdict": verdict,
                         "years": len(group), "max_score": float(group["score"].max())})
    return pd.DataFrame(rows, columns=["start", "end", "verdict", "years", "max_score"])
