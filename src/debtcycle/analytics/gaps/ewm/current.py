"""Current crisis probabilities from the specification with the best real-time record.

For each horizon, :func:`~debtcycle.analytics.gaps.ewm.evaluate.choose_specification`
names the model that beat the raw credit gap in real time, or the raw gap.  The
probability printed is then:

* for the raw gap, the event frequency of the country's BIS gap band (<= 2, 2-10,
  > 10 pp) over every country-year whose outcome is known, with one
  pseudo-observation at the pooled frequency
  (:func:`~debtcycle.analytics.realtime.band_table`);
* for a fitted model, the logit fitted on every known row, applied to the
  country's latest indicators.

Each comes with the real-time record of that same rule: its AUROC (DeLong
interval), Brier score and calibration table when it was applied year by year
from the real-time start with only the data known at the time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from debtcycle.analytics._result import Result, jsonable
from debtcycle.analytics.gaps.ewm.evaluate import ModelEvaluation
from debtcycle.analytics.realtime import (
    band_predictions,
    band_table,
    gap_band,
    logit_fit,
    score_record,
)
from debtcycle.errors import BadInputError

__all__ = ["CurrentRisk", "RiskProfile", "current_risk"]

RAW = "raw credit gap"


@dataclass(frozen=True)
class CurrentRisk(Result):
    """Current crisis probability per country and horizon, with the rule's real-time record.

    Attributes
    ----------
    table : DataFrame
        Per country and horizon: ``country``, ``horizon_quarters``, ``period``,
        ``credit_gap``, ``band``, ``probability``, ``model``.
    records : dict
        Per horizon label (``"9-20"``): the rule used and its real-time record
        (``auroc``, ``ci_low``, ``ci_high``, ``raw_gap_auroc``, ``brier``,
        ``brier_base_rate``, ``n``, ``events``, ``calibration``, ``first_year``).
    verdict : dict
        From :func:`~debtcycle.analytics.gaps.ewm.evaluate.choose_specification`.
    """

    table: pd.DataFrame
    records: dict[str, dict[str, Any]]
    verdict: dict[str, Any]

    def to_frame(self) -> pd.DataFrame:
        """Return the probability table, highest first within each horizon."""
        return self.table.sort_values(["horizon_quarters", "probability"],
                                      ascending=[True, False]).reset_index(drop=True)

    def for_country(self, country: str) -> pd.DataFrame:
        """Return the rows of one country."""
        return self.table[self.table["country"] == country].reset_index(drop=True)

    def to_dict(self) -> dict[str, Any]:
        """Return per-horizon objects (rule, real-time record, countries) and the verdict."""
        horizons = []
        for key, record in self.records.items():
            rows = self.table[self.table["horizon_quarters"] == key]
            horizons.append({"horizon_quarters": [int(x) for x in key.split("-")], **record,
                             "countries": rows.drop(columns=["horizon_quarters"])
                             .sort_values("probability", ascending=False)
                             .to_dict(orient="records")})
        out: dict[str, Any] = jsonable({"horizons": horizons, "verdict": self.verdict,
                                        "params": self.params,
                                        "provenance": self.provenance})
        return out


def _gap_rule(sample: pd.DataFrame, latest: pd.DataFrame, start: int,
              window: tuple[int, int]) -> tuple[pd.Series, dict[str, Any]]:
    rt = band_predictions(sample, start=start, label_lag=window[1], strict=False)
    rec = score_record(sample["y"], rt, sample["credit_gap"])
    bands = band_table(sample).set_index("band")["probability"]
    prob = gap_band(latest["credit_gap"]).map(bands)
    return prob, {"rule": "past crisis frequency of the country's BIS gap band "
                  "(<= 2, 2-10, > 10 pp), all country-years with a known outcome",
                  "auroc": rec.auroc, "ci_low": rec.ci_low, "ci_high": rec.ci_high,
                  "raw_gap_auroc": rec.benchmark_auroc, "brier": rec.brier,
                  "brier_base_rate": rec.brier_base_rate, "n": rec.n, "events": rec.events,
                  "calibration": rec.calibration.to_dict(orient="records"),
                  "bands": band_table(sample).to_dict(orient="records")}


def _model_rule(sample: pd.DataFrame, latest: pd.DataFrame, ev: ModelEvaluation
                ) -> tuple[pd.Series, dict[str, Any]]:
    feats = list(ev.spec.features)
    rows = sample.dropna(subset=[*feats, "y"])
    predictor = logit_fit(feats)(rows)
    prob = pd.Series(predictor(latest), index=latest.index)
    scored = ev.predictions
    rec = score_record(scored["y"], scored["probability"], scored["benchmark"])
    return prob, {"rule": f"logit on {', '.join(feats)} fitted on all known rows",
                  "auroc": rec.auroc, "ci_low": rec.ci_low, "ci_high": rec.ci_high,
                  "raw_gap_auroc": rec.benchmark_auroc, "brier": rec.brier,
                  "brier_base_rate": rec.brier_base_rate, "n": rec.n, "events": rec.events,
                  "calibration": rec.calibration.to_dict(orient="records")}


def current_risk(
    samples: Mapping[str, pd.DataFrame],
    windows: Mapping[str, tuple[int, int]],
    latest: pd.DataFrame,
    evaluations: Sequence[ModelEvaluation],
    verdict: Mapping[str, Any],
    *,
    start: int,
) -> CurrentRisk:
    """Probability per country and horizon from the chosen rule, with its real-time record.

    Parameters
    ----------
    samples : mapping of horizon label -> DataFrame
        Country-year rows with ``y`` and the indicators, by horizon label (``"9-20"``).
    windows : mapping of horizon label -> (int, int)
        Outcome window in years of each horizon.
    latest : DataFrame
        Latest indicators per country (``country``, ``period``, ``credit_gap``, ...).
    evaluations : sequence of ModelEvaluation
        The BIS-panel evaluations (for a chosen model's record).
    verdict : mapping
        Output of :func:`~debtcycle.analytics.gaps.ewm.evaluate.choose_specification`.
    start : int
        First year of the real-time record of the gap rule.

    Returns
    -------
    CurrentRisk
    """
    by_name = {(e.spec.name, f"{e.spec.horizon[0]}-{e.spec.horizon[1]}"): e for e in evaluations}
    parts, records = [], {}
    for key, sample in samples.items():
        choice = verdict["by_horizon"].get(key, {"model": RAW})
        gap_rows = sample.dropna(subset=["credit_gap", "y"]).reset_index(drop=True)
        if choice["model"] == RAW or (choice["model"], key) not in by_name:
            rows = latest.dropna(subset=["credit_gap"])
            prob, record = _gap_rule(gap_rows, rows, start, windows[key])
            model = RAW
        else:
            ev = by_name[(choice["model"], key)]
            rows = latest.dropna(subset=list(ev.spec.features))
            prob, record = _model_rule(sample, rows, ev)
            model = ev.spec.name
        records[key] = {"model": model, **record, "first_year": start}
        parts.append(pd.DataFrame({
            "country": rows["country"].to_numpy(), "horizon_quarters": key,
            "period": rows["period"].to_numpy(), "credit_gap": rows["credit_gap"].to_numpy(),
            "band": gap_band(rows["credit_gap"]).to_numpy(), "probability": prob.to_numpy(),
            "model": model}))
    if not parts:
        raise BadInputError("current_risk: no horizon to score.")
    table = pd.concat(parts, ignore_index=True)
    table["band"] = table["band"].astype(float).map({0.0: "<= 2", 1.0: "2-10", 2.0: "> 10"})
    table["probability"] = table["probability"].astype(float).clip(0.0, 1.0)
    return CurrentRisk(table=table, records=records, verdict=dict(verdict),
                       params={"real_time_start": start,
                               "windows": {k: list(v) for k, v in windows.items()}})


@dataclass(frozen=True)
class RiskProfile(Result):
    """One country's vulnerability: latest indicators and crisis probabilities with records.

    Attributes
    ----------
    country : str
        Country code.
    indicators : dict
        ``credit_gap``, ``dsr_deviation``, ``house_price_growth``: each
        ``{"period", "value"}`` (latest available).
    probabilities : DataFrame
        The country's rows of :class:`CurrentRisk`.
    records : dict
        Real-time record of the rule used at each horizon.
    verdict : dict
        Whether a fitted model beat the raw gap (see ``choose_specification``).
    gap_history, dsr_history : Series
        Quarterly credit gap and DSR deviation (for charts).
    crises : list of str
        Laeven-Valencia crisis start years of the country.
    notes : list of str
        Caveats shown with the numbers.
    """

    country: str
    indicators: dict[str, dict[str, Any]]
    probabilities: pd.DataFrame
    records: dict[str, dict[str, Any]]
    verdict: dict[str, Any]
    gap_history: pd.Series
    dsr_history: pd.Series
    crises: list[str]
    notes: list[str]

    def to_frame(self) -> pd.DataFrame:
        """Return one row per horizon: probability, rule and its real-time AUROC and Brier."""
        rows = []
        for _, r in self.probabilities.iterrows():
            rec = self.records[str(r["horizon_quarters"])]
            rows.append({"horizon_quarters": r["horizon_quarters"], "period": r["period"],
                         "probability": r["probability"], "band": r["band"],
                         "model": r["model"], "real_time_auroc": rec["auroc"],
                         "ci_low": rec["ci_low"], "ci_high": rec["ci_high"],
                         "raw_gap_auroc": rec["raw_gap_auroc"], "brier": rec["brier"],
                         "brier_base_rate": rec["brier_base_rate"]})
        return pd.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        """Return the latest indicators, probabilities with their records, verdict and notes."""
        probs = []
        for _, r in self.probabilities.iterrows():
            key = str(r["horizon_quarters"])
            rec = self.records[key]
            probs.append({"horizon_quarters": [int(x) for x in key.split("-")],
                          "period": r["period"], "probability": r["probability"],
                          "gap_band": r["band"], "model": r["model"],
                          "real_time": {k: rec[k] for k in (
                              "auroc", "ci_low", "ci_high", "raw_gap_auroc", "brier",
                              "brier_base_rate", "n", "events", "first_year", "calibration")},
                          "rule": rec["rule"]})
        out: dict[str, Any] = jsonable({
            "country": self.country, **self.indicators, "crisis_probability": probs,
            "verdict": self.verdict.get("message"), "crises": self.crises,
            "notes": self.notes, "params": self.params, "provenance": self.provenance})
        return out
