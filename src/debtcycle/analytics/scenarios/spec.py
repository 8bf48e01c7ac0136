"""Scenario files: a small TOML document, safe-loaded with :mod:`tomllib` and validated.

A scenario states the country, the baseline, the levers and the uncertainty
settings; nothing in it is evaluated as code.  Every error names the file
and the field (``[levers.tariff] rate_pct``) and says what is allowed.
Example (``scenarios/us-debt-conversion.toml``)::

    [scenario]
    name = "US debt conversion"
    country = "US"
    baseline = "cbo-2026-02"
    start = 2026
    years = 10

    [levers.tariff]
    rate_pct = "observed"
    in_baseline = true

    [levers.spending_cut]
    amount = 105
    unit = "usd_bn"
    indexation = "none"

    [levers.tax_change]
    cost = "cbo_legislative"
    in_baseline = true

Before parsing, the text is bounded: at most :data:`MAX_DEPTH` nested
brackets and :data:`MAX_LIST` items in any list (so a hostile file cannot
exhaust the parser's recursion or the memory); NaN and infinite numbers are
rejected field by field.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any, Final

from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.vocab import check_country, closest

__all__ = ["BASELINES", "LEVERS", "MAX_DEPTH", "MAX_LIST", "ScenarioSpec", "parse_spec",
           "parse_spec_toml"]

#: A field rule: (kind, minimum, maximum) with kind "num", "int", "str", "bool" or "list".
Rule = tuple[str, float, float]
_NUM_OR_OBSERVED = "num|observed"
_NUM_OR_CBO = "num|cbo_legislative"
#: Deepest bracket nesting and longest list accepted in a scenario file.
MAX_DEPTH = 8
MAX_LIST = 1000
MAX_CHARS = 200_000
#: Largest paths x years a scenario may simulate (float32 debt paths: 4 bytes each).
MAX_CELLS = 200_000_000

_SCENARIO: Final[dict[str, Rule]] = {
    "name": ("str", 0, 0), "country": ("str", 0, 0), "description": ("str", 0, 0),
    "baseline": ("str", 0, 0), "start": ("int", 1900, 2100), "years": ("int", 1, 50),
}
_AMOUNT: Final[dict[str, Rule]] = {
    "amount": ("num", 0, 1e5), "unit": ("str", 0, 0), "purchases_share": ("num", 0, 1),
    "persistence": ("num", 0, 1), "start": ("int", 1900, 2100), "indexation": ("str", 0, 0),
    "in_baseline": ("bool", 0, 0),
}
#: Lever name -> allowed fields and their ranges.
LEVERS: Final[dict[str, dict[str, Rule]]] = {
    "tariff": {
        "rate_pct": (_NUM_OR_OBSERVED, 0, 100), "base_rate_pct": (_NUM_OR_OBSERVED, 0, 100),
        "import_share_gdp": (_NUM_OR_OBSERVED, 0, 100), "import_elasticity": ("num", -5, 0),
        "pass_through": ("num", 0, 1), "in_baseline": ("bool", 0, 0),
    },
    "spending_cut": _AMOUNT,
    "spending_increase": _AMOUNT,
    "tax_change": {"cost": (_NUM_OR_CBO, -1e5, 1e5), "unit": ("str", 0, 0),
                   "start": ("int", 1900, 2100), "persistence": ("num", 0, 1),
                   "in_baseline": ("bool", 0, 0)},
    "exports": {"net_exports_gdp": ("num", -20, 20), "pushback": ("num", 0, 1)},
}
_MULTIPLIER: Final[dict[str, Rule]] = {
    "first_year": ("num", -1, 5), "peak": ("num", -1, 5), "decay": ("num", 0, 1),
}
_RATES: Final[dict[str, Rule]] = {
    "phillips": ("num", 0, 2), "taylor_inflation": ("num", 0, 5), "taylor_output": ("num", 0, 5),
    "look_through": ("num", 0, 1), "term_premium_bp": ("num", -50, 50),
    "repricing": ("num", 0.01, 1), "policy_decay": ("num", 0, 1),
    "semi_elasticity": ("num", 0, 2),
}
_UNCERTAINTY: Final[dict[str, Rule]] = {
    "paths": ("int", 1, 10_000_000), "seed": ("int", 0, 2**63 - 1), "method": ("str", 0, 0),
    "shock_start": ("int", 1800, 2100), "thresholds": ("list", 0, 100),
    "recession_window": ("int", 1, 10),
}
_SECTIONS: Final[tuple[str, ...]] = ("scenario", "levers", "multipliers", "rates",
                                     "uncertainty")
_UNITS: Final[tuple[str, ...]] = ("usd_bn", "pct_gdp")
#: Baselines a scenario may name; ``cbo`` is the latest CBO vintage (``cbo-2026-02``).
BASELINES: Final[tuple[str, ...]] = ("cbo-2026-02", "cbo-2024-03", "cbo", "history")
_INDEXATION: Final[tuple[str, ...]] = ("none", "prices", "gdp")
_METHODS: Final[tuple[str, ...]] = ("normal", "bootstrap")


@dataclass(frozen=True)
class ScenarioSpec:
    """A validated scenario.

    Attributes
    ----------
    name, country, description, baseline : str
    start, years : int
    levers : dict
        Lever name -> its fields (validated, defaults not filled in).
    multipliers : dict
        Instrument -> ``{first_year, peak, decay}`` overrides.
    rates : dict
        :class:`RateRules` overrides and ``semi_elasticity``.
    uncertainty : dict
        ``paths``, ``seed``, ``method``, ``shock_start``, ``thresholds``,
        ``recession_window``.
    source : str
        Where the spec came from (file path or ``"<dict>"``).
    """

    name: str
    country: str
    start: int
    years: int
    baseline: str = "history"
    description: str = ""
    levers: dict[str, dict[str, Any]] = field(default_factory=dict)
    multipliers: dict[str, dict[str, float]] = field(default_factory=dict)
    rates: dict[str, float] = field(default_factory=dict)
    uncertainty: dict[str, Any] = field(default_factory=dict)
    source: str = "<dict>"


def _err(src: str, where: str, problem: str) -> BadInputError:
    return BadInputError(f"{src}: {where} {problem}")


def _unknown(src: str, where: str, key: str, allowed: list[str] | tuple[str, ...]
             ) -> BadInputError:
    near = closest(key, list(allowed))
    hint = f" Did you mean {near[0]!r}?" if near else ""
    return _err(src, where, f"has unknown field {key!r}.{hint} Allowed: {', '.join(allowed)}.")


def _value(src: str, where: str, value: Any, rule: Rule) -> Any:
    kind, _, high = rule
    if kind in ("str", "bool"):
        expected = str if kind == "str" else bool
        if not isinstance(value, expected):
            what = "text" if kind == "str" else "true or false"
            raise _err(src, where, f"must be {what}, got {_short(value)}")
        return value
    if kind == "list":
        return _list(src, where, value, high)
    return _number(src, where, value, rule)


def _list(src: str, where: str, value: Any, high: float) -> list[float]:
    if not isinstance(value, list) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        raise _err(src, where, f"must be a list of numbers, got {_short(value)}")
    if len(value) > high:
        raise _err(src, where, f"has {len(value):,} items; at most {high:g} allowed")
    if not all(math.isfinite(v) for v in value):
        raise _err(src, where, "must hold finite numbers (no nan or inf)")
    return [float(v) for v in value]


def _number(src: str, where: str, value: Any, rule: Rule) -> Any:
    kind, low, high = rule
    if (kind, value) in ((_NUM_OR_OBSERVED, "observed"), (_NUM_OR_CBO, "cbo_legislative")):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        extra = {_NUM_OR_OBSERVED: ' or "observed"', _NUM_OR_CBO: ' or "cbo_legislative"'}
        raise _err(src, where, f"must be a number{extra.get(kind, '')}, got {_short(value)}")
    if not math.isfinite(value):
        raise _err(src, where, f"must be a finite number, got {value!r}")
    if kind == "int" and not isinstance(value, int):
        raise _err(src, where, f"must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise _err(src, where, f"= {value} is outside the allowed range {low:g} to {high:g}")
    return value


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _table(src: str, name: str, data: Any, rules: dict[str, Rule]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _err(src, f"[{name}]", "must be a table")
    out = {}
    for key, value in data.items():
        if key not in rules:
            raise _unknown(src, f"[{name}]", key, list(rules))
        out[key] = _value(src, f"[{name}] {key}", value, rules[key])
    return out


def _levers(src: str, data: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(data, dict):
        raise _err(src, "[levers]", "must be a table of levers")
    out = {}
    for name, fields in data.items():
        if name not in LEVERS:
            raise _unknown(src, "[levers]", name, list(LEVERS))
        if name == "tariff" and isinstance(fields, dict) and "offset" in fields:
            raise _err(src, "[levers.tariff] offset", "is no longer used: tariffs pass through "
                       "to prices and nominal GDP (one treatment, no income-tax offset); "
                       "remove the line")
        table = _table(src, f"levers.{name}", fields, LEVERS[name])
        index = table.get("indexation")
        if index is not None and index not in _INDEXATION:
            raise _err(src, f"[levers.{name}] indexation", f"= {index!r}; use "
                       f"{', '.join(repr(i) for i in _INDEXATION)}")
        unit = table.get("unit")
        if unit is not None and unit not in _UNITS:
            raise _err(src, f"[levers.{name}] unit", f"= {unit!r} is not a known unit; use "
                       f"{' or '.join(repr(u) for u in _UNITS)}")
        if "amount" in _AMOUNT and name.startswith("spending") and "amount" not in table:
            raise _err(src, f"[levers.{name}]", "needs an amount (and unit)")
        size = table.get("amount", table.get("cost", 0))
        if unit != "usd_bn" and isinstance(size, int | float) and abs(float(size)) > 20:
            raise _err(src, f"[levers.{name}]", "amount above 20% of GDP a year; is the unit "
                       "'usd_bn'?")
        out[name] = table
    return out


def _scenario(src: str, raw: dict[str, Any]) -> dict[str, Any]:
    if "scenario" not in raw:
        raise _err(src, "[scenario]", "is missing; it must give at least country, start, years")
    table = _table(src, "scenario", raw["scenario"], _SCENARIO)
    for key in ("country", "start", "years"):
        if key not in table:
            raise _err(src, f"[scenario] {key}", "is missing")
    try:
        table["country"] = check_country(table["country"])
    except NotFoundError as exc:
        raise _err(src, "[scenario] country", str(exc)) from exc
    base = table.setdefault("baseline", "cbo" if table["country"] == "US" else "history")
    if base not in BASELINES:
        raise _err(src, "[scenario] baseline", f"= {base!r}; use one of "
                   f"{', '.join(repr(b) for b in BASELINES)}")
    if base == "cbo":
        table["baseline"] = "cbo-2026-02"
    if base.startswith("cbo") and table["country"] != "US":
        raise _err(src, "[scenario] baseline", f"{base!r} exists only for country = 'US'")
    return table


def parse_spec(raw: dict[str, Any], source: str = "<dict>") -> ScenarioSpec:
    """Validate a scenario given as a dict (as :mod:`tomllib` returns it).

    Raises
    ------
    BadInputError
        Naming the section and field at fault and what is allowed.
    """
    for key in raw:
        if key not in _SECTIONS:
            raise _unknown(source, "the file", key, _SECTIONS)
    scen = _scenario(source, raw)
    mult_raw = raw.get("multipliers", {})
    if not isinstance(mult_raw, dict):
        raise _err(source, "[multipliers]", "must be a table")
    mult = {}
    for name, table in mult_raw.items():
        if name not in ("purchases", "transfers", "taxes", "net_exports"):
            raise _unknown(source, "[multipliers]", name,
                           ["purchases", "transfers", "taxes", "net_exports"])
        mult[name] = _table(source, f"multipliers.{name}", table, _MULTIPLIER)
    unc = _table(source, "uncertainty", raw.get("uncertainty", {}), _UNCERTAINTY)
    if unc.get("method", "normal") not in _METHODS:
        raise _err(source, "[uncertainty] method", f"= {unc['method']!r}; use 'normal' or "
                   "'bootstrap'")
    cells = int(unc.get("paths", 10_000)) * int(scen["years"])
    if cells > MAX_CELLS:
        raise _err(source, "[uncertainty] paths", f"x years = {cells:,} would keep about "
                   f"{cells * 4 / 1e9:.1f} GB of debt paths; keep it under {MAX_CELLS:,}")
    return ScenarioSpec(
        name=scen.get("name", source), country=scen["country"], start=scen["start"],
        years=scen["years"], baseline=scen["baseline"], description=scen.get("description", ""),
        levers=_levers(source, raw.get("levers", {})), multipliers=mult,
        rates=_table(source, "rates", raw.get("rates", {}), _RATES), uncertainty=unc,
        source=source,
    )


def parse_spec_toml(text: str, source: str = "<string>") -> ScenarioSpec:
    """Parse and validate a scenario given as TOML text (safe: no code is evaluated).

    Reading the file is the caller's job (see :func:`debtcycle.facade._fiscal_load.load_spec`),
    so this module stays free of I/O.

    Raises
    ------
    BadInputError
        If the text is not valid TOML or fails validation; the message names
        ``source`` and the field.
    """
    _check_shape(text, source)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInputError(f"{source}: not valid TOML ({exc})") from exc
    except RecursionError as exc:  # pragma: no cover - _check_shape bounds the nesting first
        raise BadInputError(f"{source}: nested too deeply") from exc
    return parse_spec(raw, source=source)


#: TOML strings and comments (their brackets and commas are not structure).
_STRINGS = re.compile(r'"""(?:[^\\]|\\.)*?"""' + r"|'''.*?'''" + r'|"(?:[^"\\\n]|\\.)*"'
                      + r"|'[^'\n]*'|#[^\n]*", re.S)


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _check_shape(text: str, source: str) -> None:
    """Bound size, bracket nesting and list lengths before the TOML parser sees the text.

    Strings and comments are blanked first; the item count is conservative
    (a trailing comma counts as an item).
    """
    if len(text) > MAX_CHARS:
        raise BadInputError(f"{source}: {len(text):,} characters; a scenario file is a small "
                            f"TOML document (at most {MAX_CHARS:,})")
    bare = _STRINGS.sub(lambda m: "\n" * m.group().count("\n"), text)
    stack: list[int] = []
    for k, ch in enumerate(bare):
        if ch in "[{":
            stack.append(0)
            if len(stack) > MAX_DEPTH:
                raise BadInputError(f"{source}: line {_line(bare, k)}: brackets nested more "
                                    f"than {MAX_DEPTH} deep; a scenario needs 2")
        elif ch in "]}" and stack:
            stack.pop()
        elif ch == "," and stack:
            stack[-1] += 1
            if stack[-1] >= MAX_LIST:
                raise BadInputError(f"{source}: line {_line(bare, k)}: a list with more than "
                                    f"{MAX_LIST:,} items; lists take at most {MAX_LIST:,}")
