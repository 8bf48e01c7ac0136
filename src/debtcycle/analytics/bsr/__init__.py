"""Balance-sheet recession: sectoral balances, diagnosis, China-Japan comparison, exits."""

from debtcycle.analytics.bsr.balances import (
    SectoralBalances,
    balances_from_accounts,
    balances_from_flow_of_funds,
    compare_balances,
    fiscal_year_gdp,
)
from debtcycle.analytics.bsr.diagnosis import Diagnosis, Thresholds, diagnose, episodes

__all__ = [
    "Diagnosis",
    "SectoralBalances",
    "Thresholds",
    "balances_from_accounts",
    "balances_from_flow_of_funds",
    "compare_balances",
    "diagnose",
    "episodes",
    "fiscal_year_gdp",
]
