"""Helpers of the note: call a facade function if it exists, format numbers, name sources."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from debtcycle.errors import BadInputError, NotFoundError
from debtcycle.outputs.charts._render import source_lines
from debtcycle.outputs.report._model import Figure

__all__ = ["Calls", "figure", "pct", "pp", "scenario_dir", "shipped_scenarios", "signed",
           "trend_word"]


@dataclass
class Calls:
    """Facade calls of one note: each call timed, its ``to_dict()`` kept for the appendix.

    A facade name missing from :data:`debtcycle._LAZY` (an analysis this
    installation does not have) or a call that raises ``NotFoundError`` /
    ``BadInputError`` (no data for this country) gives ``None`` and a reason;
    any other exception is a bug and propagates.
    """

    timings: dict[str, float] = field(default_factory=dict)
    provenance: list[Any] = field(default_factory=list)

    def get(self, name: str, *args: Any, **kwargs: Any) -> tuple[Any, str]:
        """Return ``(result, "")`` or ``(None, reason)`` for ``debtcycle.<name>(*args)``."""
        import debtcycle

        if name not in debtcycle._LAZY:
            return None, f"debtcycle.{name} is not part of this installation"
        function: Callable[..., Any] = getattr(debtcycle, name)
        shown = [*map(repr, args), *(f"{k}={v!r}" for k, v in kwargs.items())]
        label = f"{name}({', '.join(shown)})"
        start = time.perf_counter()
        try:
            result = function(*args, **kwargs)
        except (NotFoundError, BadInputError) as exc:
            return None, str(exc)
        finally:
            self.timings[label] = time.perf_counter() - start
        self.provenance.append(result.to_dict())
        return result, ""


def scenario_dir() -> Path | None:
    """Return the folder of shipped scenario files (``scenarios/`` of the checkout), if any."""
    import debtcycle

    for base in (Path(debtcycle.__file__).resolve().parents[2], Path.cwd()):
        folder = base / "scenarios"
        if folder.is_dir():
            return folder
    return None


def shipped_scenarios(country: str) -> list[tuple[str, dict[str, Any]]]:
    """Return ``(file name, spec)`` of every shipped scenario for ``country``, sorted by name."""
    import tomllib

    folder = scenario_dir()
    out = []
    for path in sorted(folder.glob("*.toml")) if folder else []:
        with path.open("rb") as handle:
            spec = tomllib.load(handle)
        if str(spec.get("scenario", {}).get("country", "")).upper() == country:
            out.append((path.name, spec))
    return out


def figure(key: str, caption: str, chart: alt.TopLevelMixin, provenance: Any) -> Figure:
    """Wrap an Altair chart (from ``outputs/charts``) with its caption and source lines."""
    lines = source_lines(provenance) or ["Source: not recorded."]
    return Figure(key=key, caption=caption, spec=chart.to_dict(), sources=lines)


def pct(value: float, digits: int = 1) -> str:
    """``12.345`` -> ``"12.3%"``."""
    return f"{value:,.{digits}f}%"


def pp(value: float, digits: int = 1) -> str:
    """Signed percentage points: ``-2.5`` -> ``"-2.5 pp"``."""
    return f"{value:+,.{digits}f} pp"


def signed(value: float, digits: int = 1) -> str:
    """Signed number: ``3.0`` -> ``"+3.0"``."""
    return f"{value:+,.{digits}f}"


def trend_word(change: float, *, stable: float = 1.0) -> str:
    """``"rose"``, ``"fell"`` or ``"was about stable"`` for a change in pp (band ``stable``)."""
    if pd.isna(change):
        return "has no comparable value"
    if change > stable:
        return "rose"
    if change < -stable:
        return "fell"
    return "was about stable"
