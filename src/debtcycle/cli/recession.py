"""``debtcycle recession US``: probability of a US recession from the term spread.

A thin wrapper over :func:`debtcycle.facade.fiscal.recession`; the JSON is the
result's ``to_dict()``.
"""

from __future__ import annotations

from typing import Annotated

import typer

from debtcycle.cli._common import console, friendly_errors, print_frame, print_json

__all__ = ["register"]


@friendly_errors
def recession_command(
    country: Annotated[str, typer.Argument(help="Country code (US).")] = "US",
    oos_start: Annotated[str, typer.Option("--oos-start", help="First quarter predicted "
                                           "out of sample, e.g. 1985Q1.")] = "1985Q1",
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable output.")
                       ] = False,
) -> None:
    """Recession 4 quarters ahead and within 4 quarters: real-time AUROC, Brier, calibration."""
    import pandas as pd

    from debtcycle.analytics.scenarios.recession import TARGETS
    from debtcycle.facade.fiscal import recession

    result = recession(country, oos_start)
    data = result.to_dict()
    if as_json:
        print_json(data)
        return
    rows = {}
    for name in TARGETS:
        t = data[name]
        rows[name] = {"AUROC (out of sample)": t["auroc_oos"],
                      "AUROC 95% CI": f"{t['auroc_oos_ci'][0]:.2f}-{t['auroc_oos_ci'][1]:.2f}",
                      "AUROC (in sample)": t["auroc_in_sample"], "Brier": t["brier"],
                      "Brier of base rate": t["brier_base_rate"],
                      "Base rate": f"{t['base_rate']:.1%}",
                      "Probability now": f"{t['probability_now']:.1%}", "As of": t["as_of"]}
    table = pd.DataFrame(rows).T
    table.index.name = "Target"
    print_frame(table, digits=3,
                title=f"US recession (NBER) from the term spread, 10-year minus fed funds; "
                f"out of sample from {oos_start}")
    for name in TARGETS:
        calib = pd.DataFrame(data[name]["calibration"]).rename(columns={
            "bin": "Predicted", "n": "Quarters", "events": "Recessions",
            "mean_predicted": "Mean predicted", "realised": "Realised"})
        print_frame(calib.set_index("Predicted"), digits=3, title=f"Calibration, {name}")
    console.print("Sources: FRED USREC, DGS10, FEDFUNDS. A forecast, evaluated as known at "
                  "the time (expanding window; NBER dates known a year later).", markup=False)


def register(app: typer.Typer) -> None:
    """Add the ``recession`` command to ``app``."""
    app.command("recession")(recession_command)
