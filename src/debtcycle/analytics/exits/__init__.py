"""Exits from a balance-sheet recession: required absorption and the routes' limits."""

from debtcycle.analytics.exits.absorption import required_absorption, surplus_path
from debtcycle.analytics.exits.routes import (
    currency_route,
    export_route,
    fiscal_capacity,
    fiscal_path,
    historical_surpluses,
    partner_exposure,
    routes_table,
    share_after,
)

__all__ = ["currency_route", "export_route", "fiscal_capacity", "fiscal_path",
           "historical_surpluses", "partner_exposure", "required_absorption", "routes_table",
           "share_after",
           "surplus_path"]
