"""``debtcycle risk COUNTRY``: credit gap, DSR deviation, crisis probability and its drivers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import altair as alt
import pandas as pd
import typer

from debtcycle.analytics.gaps.ewm.bis_panel import score_countries
from debtcycle.cli._common import console, friendly_errors, print_frame, print_json
from debtcycle.cli.ewm import BisData, load_bis_data
from debtcycle.errors import NotFoundError
from debtcycle.outputs.charts import save_chart
from debtcycle.outputs.charts.gaps import credit_gap_chart, dsr_chart, probability_chart
from debtcycle.vocab import check_country, country_name

__all__ = ["register", "risk_profile"]

#: Features of the current-probability model (both available to the latest quarter).
FEATURES = ("credit_gap", "house_growth")


def _last(frame: pd.DataFrame, country: str) -> dict[str, Any]:
    if country not in frame.columns or frame[country].dropna().empty:
        return {"period": None, "value": None}
    s = frame[country].dropna()
    return {"period": str(s.index[-1]), "value": float(s.iloc[-1])}


def _probabilities(data: BisData, code: str) -> tuple[list[dict[str, Any]], pd.Series]:
    indicators = data.indicators()
    scores = score_countries(indicators, data.quarterly, data.crisis_start,
                             data.crisis_ongoing, features=FEATURES)
    out = []
    for name, score in scores.items():
        rows = score.table[score.table["country"] == code]
        if rows.empty:
            raise NotFoundError(f"{code}: no credit gap and real house prices to score; "
                                "`debtcycle gap` still works for this country.")
        row = rows.iloc[0]
        out.append({"horizon": name, "period": row["period"],
                    "probability": float(row["probability"]), "base_rate": score.base_rate,
                    "drivers": {f: float(row[f"driver_{f}"]) for f in FEATURES},
                    "coefficients": {f: float(score.model.result.params[f]) for f in FEATURES}})
    mine = indicators[indicators["country"] == code].dropna(subset=list(FEATURES))
    history = pd.Series(scores["1-2y"].model.predict(mine).to_numpy(),
                        index=pd.PeriodIndex(mine["year"].astype(str), freq="Y"))
    return out, history


def risk_profile(country: str, data: BisData | None = None) -> dict[str, Any]:
    """Gather gap, DSR deviations, house prices and crisis probabilities for one country.

    ``data`` defaults to :func:`load_bis_data` (all BIS credit-gap economies).
    """
    code = check_country(country)
    data = data or load_bis_data()
    if code not in data.quarterly["credit_gap"].columns:
        data = load_bis_data([*data.quarterly["credit_gap"].columns, code])
    probs, history = _probabilities(data, code)
    crises = data.crisis_start.get(code, pd.Series(dtype=float))
    q = data.quarterly
    return {
        "country": code,
        "credit_gap": _last(q["credit_gap"], code),
        "dsr_deviation": _last(q["dsr_dev"], code),
        "house_price_growth": _last(q["house_growth"], code),
        "crisis_probability": probs,
        "model": {"features": list(FEATURES), "estimator": "pooled logit, all BIS economies",
                  "crisis_dates": "Laeven-Valencia 2026"},
        "notes": ["DSR: the only mirrored BIS DSR file ends in 2019Q1, so the DSR deviation is "
                  "shown but not used for the current probability; its mean is 1999-2019."],
        "_history": history,
        "_crises": [p for p, v in crises.items() if v == 1],
    }


def _chart(profile: dict[str, Any], data: BisData, path: Path) -> list[str]:
    code = profile["country"]
    title = country_name(code)
    parts: list[alt.LayerChart] = [
        credit_gap_chart(data.quarterly["credit_gap"][[code]], title=f"{title}: credit gap")]
    if code in data.quarterly["dsr_dev"].columns:
        parts.append(dsr_chart(data.quarterly["dsr_dev"][[code]], title=f"{title}: DSR deviation"))
    crises = [pd.Period(p, "Y") for p in profile["_crises"]]
    parts.append(probability_chart(profile["_history"], crises=crises,
                                   title=f"{title}: probability of a crisis in 1-2 years"))
    return [str(p) for p in save_chart(alt.vconcat(*parts), path)]


@friendly_errors
def risk_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. CN.")],
    chart: Annotated[Path | None, typer.Option(help="Chart path (writes .html and .png).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")] = False,
) -> None:
    """Credit gap, DSR deviation, house prices and the crisis probability with its drivers."""
    data = load_bis_data()
    profile = risk_profile(country, data)
    files = _chart(profile, data, chart) if chart is not None else []
    public = {k: v for k, v in profile.items() if not k.startswith("_")}
    if as_json:
        print_json({**public, "charts": files})
        return
    for key in ("credit_gap", "dsr_deviation", "house_price_growth"):
        item = public[key]
        shown = "n/a" if item["value"] is None else f"{item['value']:.2f} ({item['period']})"
        console.print(f"{key.replace('_', ' ')}: {shown}", highlight=False)
    table = pd.DataFrame([{"horizon": p["horizon"], "probability": p["probability"],
                           "base_rate": p["base_rate"],
                           **{f"driver {k}": v for k, v in p["drivers"].items()}}
                          for p in public["crisis_probability"]]).set_index("horizon")
    print_frame(table, title=f"{country_name(public['country'])}: crisis probability "
                "(drivers in log-odds vs sample mean)", digits=3)
    for note in public["notes"]:
        console.print(f"note: {note}", highlight=False)
    for path in files:
        console.print(f"chart written: {path}")


def register(app: typer.Typer) -> None:
    """Add the ``risk`` command to ``app``."""
    app.command("risk")(risk_command)
