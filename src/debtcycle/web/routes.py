"""The API's route table: one line per analysis, mapping ``/api/<name>`` to a facade call.

Each :class:`Route` names the public facade function (a name of
``debtcycle._LAZY``) and its typed query parameters; :mod:`debtcycle.web.app`
turns every entry into a GET endpoint with OpenAPI documentation.  A route
whose facade function is not installed is skipped, so the API grows as the
facade does.  Numbers carry bounds so no request can ask for unbounded work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["REQUIRED", "ROUTES", "Param", "Route", "route"]

#: Marker of a parameter without default.
REQUIRED: Any = ...


@dataclass(frozen=True)
class Param:
    """One query parameter.

    Attributes
    ----------
    name : str
        Query name (also the facade keyword unless ``arg`` says otherwise).
    kind : {"str", "list", "int", "float", "bool"}
        Type; ``list`` accepts repeated parameters or commas (``?at=2008Q4,last``).
    default : object
        Default, or :data:`REQUIRED`.
    help : str
        Description shown at ``/docs``.
    low, high : float, optional
        Bounds of a number.
    arg : str or int, optional
        Facade keyword (str) or positional index (int); default the keyword ``name``.
    """

    name: str
    kind: str = "str"
    default: Any = None
    help: str = ""
    low: float | None = None
    high: float | None = None
    arg: str | int | None = None


@dataclass(frozen=True)
class Route:
    """One GET route ``/api/<name>`` over the facade function ``function``."""

    name: str
    function: str
    summary: str
    params: tuple[Param, ...]


def _country(help_: str = "Country code, e.g. CN.") -> Param:
    return Param("country", default=REQUIRED, help=help_, arg=0)


_SECTOR = "Borrowing sector: households, nonfin_corp, general_gov, private_nonfin, total_nonfin."

ROUTES: tuple[Route, ...] = (
    Route("leverage", "leverage", "Every sector's debt/GDP at dates, with changes.", (
        _country(), Param("at", "list", help="Dates, e.g. 2008Q4, 2015, last."),
        Param("valuation", default="market", help="Government debt: market or nominal."))),
    Route("decompose", "decompose", "Why debt/GDP moved: debt, real growth, inflation.", (
        _country(), Param("sector", default="total_nonfin", help=_SECTOR),
        Param("start", help="First period, e.g. 2008."), Param("end", help="Last period."))),
    Route("compare", "compare", "One sector's debt/GDP across countries, with ranks.", (
        Param("countries", "list", default=REQUIRED, help="Country codes, e.g. CN,JP,US.",
              arg=0),
        Param("sector", default="total_nonfin", help=_SECTOR),
        Param("at", "list", help="Dates, e.g. 2008Q4, last."))),
    Route("align", "align", "Align two countries on an event; similarity of the follower.", (
        _country("Follower country, e.g. CN."),
        Param("to", default="JP", help="Reference country, e.g. JP.", arg=1),
        Param("event", default="property-peak", help="property-peak or a period."),
        Param("to_event", default="property-peak", help="Event of the reference."),
        Param("sector", default="private_nonfin", help=_SECTOR),
        Param("before", "int", 8, "Periods before the event.", 0, 200),
        Param("after", "int", 40, "Periods after the event.", 0, 400))),
    Route("phases", "phases", "Leveraging, deleveraging and stable phases, with stability.", (
        _country(), Param("sector", help=_SECTOR),
        Param("as_of", help="Last period of data used (real-time call), e.g. 2015Q4."))),
    Route("gap", "gap", "BIS-style credit-to-GDP gap and Basel buffer guide.", (_country(),)),
    Route("risk", "risk", "Vulnerability: gap, debt service, crisis probability.", (_country(),)),
    Route("balances", "balances", "Sectoral financial balances, % of GDP.", (_country(),)),
    Route("bsr", "bsr", "Balance-sheet-recession diagnosis by year.", (_country(),)),
    Route("bsr_compare", "bsr_compare", "A country after its property peak vs Japan.", (
        _country("Follower country, e.g. CN."),
        Param("reference", default="JP", help="Reference country.", arg=1))),
    Route("exits", "exits", "Who absorbs the private surplus, at what cost.", (_country(),)),
    Route("fiscal_baseline", "fiscal_baseline", "Engine vs CBO's baseline (US).", (
        Param("country", default="US", help="Country code (CBO: US).", arg=0),)),
    Route("fiscal_changes", "fiscal_changes", "Changes between two CBO baselines (US).", (
        Param("country", default="US", help="Country code (CBO: US).", arg=0),)),
    Route("fiscal_fan", "fiscal_fan", "Stochastic debt fan chart.", (
        _country(), Param("paths", "int", 10_000, "Simulated paths.", 100, 100_000),
        Param("years", "int", 10, "Years simulated.", 1, 30),
        Param("seed", "int", 0, "Random seed.", 0, 2**31 - 1))),
    Route("fiscal_stress", "fiscal_stress", "IMF-style standard stress tests.", (
        _country(), Param("years", "int", 10, "Years simulated.", 1, 30))),
    Route("recession", "recession", "US recession probability from the term spread.", (
        Param("country", default="US", help="Country code (US).", arg=0),)),
    Route("markets", "markets", "Equities and bond yields by leverage phase.", (_country(),)),
    Route("ewm_evaluate", "ewm_evaluate", "Early-warning model record (AUROC).", ()),
)


def route(name: str) -> Route | None:
    """Return the route called ``name`` (``None`` if there is none)."""
    return next((r for r in ROUTES if r.name == name), None)
