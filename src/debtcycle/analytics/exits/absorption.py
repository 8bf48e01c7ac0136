"""Required absorption: who must borrow a private surplus, year by year (sectoral balances).

The identity ``private surplus = government deficit + current-account surplus``
(``S = D + C``, % of GDP) says that if the private sector saves ``S`` and demand
is to stay up, the government and the rest of the world together must borrow
exactly ``S``.  A route is a split of ``S``: the export route puts a share
``x`` on the current account (``C = x S``), the fiscal route the rest on the
budget (``D = (1 - x) S``).

A paydown scenario adds the private sector's debt repayment to its surplus:
paying down ``X`` pp of GDP of debt over ``N`` years, with its other financial
behaviour unchanged, raises its financial surplus by ``X / N`` pp a year (net
lending = acquisition of assets - new borrowing; repaying is negative borrowing).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from debtcycle.errors import BadInputError

__all__ = ["required_absorption", "surplus_path"]


def surplus_path(base: float, *, start: int, years: int, paydown_pp: float = 0.0) -> pd.Series:
    """Private surplus path (% of GDP) with a debt paydown spread evenly over ``years``.

    Parameters
    ----------
    base : float
        The private surplus without the paydown (e.g. the latest year's).
    start : int
        First year of the path.
    years : int
        Length of the path (and of the paydown).
    paydown_pp : float
        Private debt repaid over the path, pp of GDP (0 = surplus stays at ``base``).

    Returns
    -------
    Series
        ``base + paydown_pp / years`` each year, on an annual PeriodIndex.
    """
    if years < 1 or years > 100:
        raise BadInputError(f"years {years} must be between 1 and 100.")
    if not np.isfinite(base) or not np.isfinite(paydown_pp):
        raise BadInputError("base and paydown_pp must be finite numbers.")
    index = pd.period_range(str(start), periods=years, freq="Y")
    return pd.Series(base + paydown_pp / years, index=index, name="private_surplus")


def required_absorption(surplus: pd.Series, *, export_share: float) -> pd.DataFrame:
    """Split a private surplus path between the current account and the budget.

    Parameters
    ----------
    surplus : Series
        Private financial surplus, % of GDP.
    export_share : float
        Share of the surplus the current account takes (0 = all fiscal, 1 = all
        export); must be in [0, 1].

    Returns
    -------
    DataFrame
        ``private_surplus``, ``ca_required``, ``deficit_required`` (% of GDP) and
        ``residual`` = surplus - deficit - current account (0 by construction; the
        identity is tested).
    """
    if not 0.0 <= export_share <= 1.0:
        raise BadInputError(f"export_share {export_share} must be between 0 and 1.")
    s = surplus.astype(float)
    ca = export_share * s
    deficit = s - ca
    return pd.DataFrame({"private_surplus": s, "ca_required": ca, "deficit_required": deficit,
                         "residual": s - deficit - ca})
