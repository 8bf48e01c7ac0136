"""The facade contract for the fiscal calls: ``to_dict()`` is exactly the CLI's ``--json``.

Reference: the facade result itself, serialised through ``json`` (the CLI adds only
``charts`` where it writes charts).  Also: ``import debtcycle`` resolves the public
fiscal names lazily, and bad arguments are one-line BadInputErrors.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import CliRunner

import debtcycle
from debtcycle.cli.app import get_app
from debtcycle.errors import BadInputError

CASES: list[tuple[list[str], Callable[[], Any]]] = [
    (["fiscal", "baseline", "US"], lambda: debtcycle.fiscal_baseline("US")),
    (["fiscal", "baseline", "US", "--vintage", "2024-03"],
     lambda: debtcycle.fiscal_baseline("US", "2024-03")),
    (["fiscal", "changes", "US"], lambda: debtcycle.fiscal_changes("US")),
    (["recession", "US"], lambda: debtcycle.recession("US")),
    (["fiscal", "fan", "US", "--paths", "2000", "--years", "5"],
     lambda: debtcycle.fiscal_fan("US", paths=2000, years=5)),
    (["fiscal", "stress", "JP"], lambda: debtcycle.fiscal_stress("JP")),
    (["fiscal", "decompose", "US", "--from", "2000", "--to", "2025"],
     lambda: debtcycle.fiscal_decompose("US", 2000, 2025)),
]


@pytest.mark.parametrize(("args", "call"), CASES, ids=[" ".join(a[:2]) for a, _ in CASES])
def test_cli_json_is_the_facade_to_dict(args: list[str], call: Callable[[], Any]) -> None:
    out = CliRunner().invoke(get_app(), [*args, "--json"])
    assert out.exit_code == 0, out.output
    printed = json.loads(out.stdout)
    printed.pop("charts", None)
    assert printed == json.loads(json.dumps(call().to_dict()))


def test_public_names_and_argument_errors() -> None:
    for name in ("fiscal_baseline", "fiscal_changes", "scenario", "recession", "fiscal_fan"):
        assert name in debtcycle.__all__ and callable(getattr(debtcycle, name))
    with pytest.raises(BadInputError, match="only for the US"):
        debtcycle.fiscal_changes("CN")
    with pytest.raises(BadInputError, match="years"):
        debtcycle.fiscal_fan("US", years=0)
    with pytest.raises(BadInputError, match="scenario: give a file path"):
        debtcycle.scenario(42)  # type: ignore[arg-type]
    with pytest.raises(BadInputError, match="quarter"):
        debtcycle.recession("US", oos_start="soon")


def test_scenario_uses_the_vintage_its_file_names() -> None:
    spec = {"scenario": {"country": "US", "start": 2026, "years": 5, "baseline": "cbo-2024-03"},
            "uncertainty": {"paths": 500}}
    old = debtcycle.scenario(spec)
    # LTBO 2024 with CBO's own interest and SFA: 103.32% of GDP in FY2026 (test_cbo.py).
    assert old.params["official_debt_gdp"][0] == pytest.approx(103.32, abs=0.01)
    new = debtcycle.scenario({**spec, "scenario": {**spec["scenario"],
                                                   "baseline": "cbo-2026-02"}})
    assert new.params["official_debt_gdp"][0] == pytest.approx(100.36, abs=0.01)
