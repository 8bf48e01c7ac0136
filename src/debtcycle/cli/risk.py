"""``debtcycle risk COUNTRY``: credit gap, DSR deviation, crisis probability and its record.

A thin wrapper over :func:`debtcycle.facade.gaps.risk`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from debtcycle.cli._common import (
    ChartOption,
    JsonOption,
    announce,
    console,
    friendly_errors,
    print_frame,
    print_json,
)

__all__ = ["register"]


@friendly_errors
def risk_command(
    country: Annotated[str, typer.Argument(help="Country code, e.g. CN.")],
    dsr_mean: Annotated[str, typer.Option(
        help="DSR deviation from the 'expanding' mean (no look-ahead) or the 'full' "
        "sample mean.")] = "expanding",
    chart: ChartOption = None,
    as_json: JsonOption = False,
) -> None:
    """Credit gap, DSR deviation, house prices and crisis probabilities with their records."""
    from debtcycle.facade.gaps import risk
    from debtcycle.vocab import country_name

    profile = risk(country, dsr_mean=dsr_mean)
    files: list[str] = []
    if chart is not None:
        import altair as alt
        import pandas as pd

        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.gaps import credit_gap_chart, dsr_chart

        name = country_name(profile.country)
        parts = [credit_gap_chart(profile.gap_history.to_frame(profile.country),
                                  title=f"{name}: credit-to-GDP gap")]
        if not profile.dsr_history.empty:
            parts.append(dsr_chart(pd.DataFrame({profile.country: profile.dsr_history}),
                                   title=f"{name}: DSR minus its expanding mean"))
        files = [str(p) for p in save_chart(alt.vconcat(*parts), chart)]
    if as_json:
        print_json(profile.to_dict())
        announce(files, as_json=True)
        return
    for key, item in profile.indicators.items():
        shown = "n/a" if item["value"] is None else f"{item['value']:.2f} ({item['period']})"
        console.print(f"{key.replace('_', ' ')}: {shown}")
    table = profile.to_frame().set_index("horizon_quarters")
    print_frame(table, digits=3, title=f"{country_name(profile.country)}: probability of a "
                "systemic banking crisis starting in the quarters ahead, with the real-time "
                "AUROC (95% CI) and Brier score of the rule that gives it")
    first = next(iter(profile.records.values()))
    import pandas as pd

    print_frame(pd.DataFrame(first["calibration"]).set_index("bin"), digits=3,
                title="Calibration of that rule in real time, first horizon "
                "(mean predicted vs realised crisis frequency)")
    for note in profile.notes:
        console.print(f"note: {note}")
    announce(files)


def register(app: typer.Typer) -> None:
    """Add the ``risk`` command to ``app``."""
    app.command("risk")(risk_command)
