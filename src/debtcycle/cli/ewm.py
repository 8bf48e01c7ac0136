"""``debtcycle ewm evaluate|current``: early-warning models judged as known at the time.

Thin wrappers over :func:`debtcycle.facade.gaps.ewm_evaluate` and
:func:`~debtcycle.facade.gaps.ewm_current`.
"""

from __future__ import annotations

from typing import Annotated, Any

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


def _records_table(records: dict[str, dict[str, Any]]) -> Any:
    import pandas as pd

    rows = [{"horizon_quarters": k, "rule": r["model"], "real_time_auroc": r["auroc"],
             "ci_low": r["ci_low"], "ci_high": r["ci_high"], "raw_gap_auroc": r["raw_gap_auroc"],
             "brier": r["brier"], "brier_base_rate": r["brier_base_rate"], "n": r["n"],
             "events": r["events"], "since": r["first_year"]} for k, r in records.items()]
    return pd.DataFrame(rows).set_index("horizon_quarters")


@friendly_errors
def evaluate_command(
    jst_start: Annotated[int, typer.Option(help="First year predicted in real time on JST.")]
    = 1950,
    bis_start: Annotated[int, typer.Option(help="First year predicted in real time, BIS panel.")]
    = 2002,
    chart: ChartOption = None,
    as_json: JsonOption = False,
) -> None:
    """In-sample, leave-one-country-out and real-time AUROC beside the raw credit gap."""
    from debtcycle.facade.gaps import ewm_evaluate

    result = ewm_evaluate(jst_start=jst_start, bis_start=bis_start)
    files: list[str] = []
    if chart is not None:
        from debtcycle.outputs.charts import save_chart
        from debtcycle.outputs.charts.gaps import evaluation_chart

        spec = evaluation_chart(result.to_frame(), title="Early-warning AUROC: in-sample vs "
                                "real time vs the raw credit gap")
        files = [str(p) for p in save_chart(spec, chart)]
    if as_json:
        print_json(result.to_dict())
        announce(files, as_json=True)
        return
    table = result.to_frame().rename(columns={"label": "model"}).set_index("model")
    print_frame(table, digits=3, title="AUROC by model and horizon (quarters ahead): "
                "in-sample, leave-one-country-out (LOCO), real-time (expanding window), "
                "and the raw credit gap on the real-time rows")
    ind = result.indicators.set_index(["horizon_quarters", "indicator"])
    print_frame(ind, digits=3, title="Raw indicators, no fitting (DSR deviation from an "
                "expanding mean vs the full-sample mean)")
    gfc = [{"model": e.spec.label or e.spec.name,
            "horizon_quarters": f"{e.spec.horizon[0]}-{e.spec.horizon[1]}",
            **{k: v for k, v in (e.extra.get("without_gfc") or {}).items()}}
           for e in result.evaluations]
    import pandas as pd

    calm = pd.DataFrame(gfc).set_index("model")
    if "events" in calm:
        calm["events"] = calm["events"].astype("Int64")
    print_frame(calm, digits=3,
                title="Real-time rows without the GFC windows (crises starting 2007-08)")
    console.print(f"Verdict: {result.verdict['message']}.", style="bold")
    announce(files)


@friendly_errors
def current_command(
    horizon: Annotated[str | None, typer.Option(
        help="Horizon in quarters: 1-8, 5-12 or 9-20 (default: all).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Rank every BIS economy by its current crisis probability, with the rule's record."""
    from debtcycle.errors import BadInputError
    from debtcycle.facade.gaps import ewm_current

    result = ewm_current()
    if horizon is not None and horizon not in result.records:
        raise BadInputError(f"--horizon {horizon!r}: choose one of "
                            f"{', '.join(result.records)} (quarters ahead).")
    if as_json:
        out = result.to_dict()
        if horizon is not None:
            out["horizons"] = [h for h in out["horizons"]
                               if f"{h['horizon_quarters'][0]}-{h['horizon_quarters'][1]}"
                               == horizon]
        print_json(out)
        return
    keys = [horizon] if horizon else list(result.records)
    for key in keys:
        rows = result.to_frame()
        rows = rows[rows["horizon_quarters"] == key].drop(columns=["horizon_quarters"])
        print_frame(rows.set_index("country"), digits=3,
                    title=f"Probability of a systemic banking crisis starting {key} quarters "
                    f"ahead ({result.records[key]['model']})")
    print_frame(_records_table(result.records), digits=3,
                title="Real-time record of each rule (applied year by year with the data "
                "known then)")
    console.print(f"Verdict: {result.verdict['message']}.", style="bold")


def register(app: typer.Typer) -> None:
    """Add the ``ewm`` command group to ``app``."""
    group = typer.Typer(help="Crisis early-warning models.", no_args_is_help=True)
    group.command("evaluate")(evaluate_command)
    group.command("current")(current_command)
    app.add_typer(group, name="ewm")
