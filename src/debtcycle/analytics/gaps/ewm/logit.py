"""Panel logit with optional country fixed effects (statsmodels ``Logit``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.discrete.discrete_model import BinaryResultsWrapper

from debtcycle.errors import BadInputError

__all__ = ["PanelLogit", "design", "fit_panel_logit"]


def design(sample: pd.DataFrame, features: Sequence[str], fixed_effects: bool) -> pd.DataFrame:
    """Regressors: the features plus a constant or one dummy per country."""
    x = sample[list(features)].astype(float)
    if fixed_effects:
        dummies = pd.get_dummies(sample["country"], prefix="fe", dtype=float)
        return pd.concat([x, dummies], axis=1)
    out: pd.DataFrame = sm.add_constant(x, has_constant="add")
    return out


@dataclass(frozen=True)
class PanelLogit:
    """A fitted panel logit: the statsmodels result and what it was fitted on."""

    result: BinaryResultsWrapper
    features: tuple[str, ...]
    fixed_effects: bool

    def predict(self, sample: pd.DataFrame) -> pd.Series:
        """Predicted probabilities for rows of ``sample`` (countries must be known with FE)."""
        x = design(sample, self.features, self.fixed_effects)
        names = list(self.result.params.index)
        missing = [c for c in x.columns if c not in names]
        if missing:
            raise BadInputError(f"no fixed effect estimated for {missing}; fit without "
                                "fixed effects to predict for new countries.")
        x = x.reindex(columns=names, fill_value=0.0)
        return pd.Series(np.asarray(self.result.predict(x)), index=sample.index)

    def coefficients(self) -> pd.DataFrame:
        """Coefficients of the features with standard errors and p-values."""
        r = self.result
        keep = list(self.features)
        return pd.DataFrame({"coef": r.params[keep], "se": r.bse[keep], "pvalue": r.pvalues[keep]})


def fit_panel_logit(
    sample: pd.DataFrame, outcome: str, features: Sequence[str], *, fixed_effects: bool = True
) -> PanelLogit:
    """Fit ``P(outcome = 1) = logistic(features @ beta + country effect)`` by maximum likelihood.

    Parameters
    ----------
    sample : DataFrame
        Rows = country-periods with columns ``country``, ``outcome`` and the features;
        no missing values.
    outcome : str
        0/1 column.
    features : sequence of str
        Regressor columns.
    fixed_effects : bool
        One intercept per country (as Schularick-Taylor 2012) instead of a common constant.

    Returns
    -------
    PanelLogit
    """
    if sample[[outcome, *features]].isna().any().any():
        raise BadInputError("fit_panel_logit: drop rows with missing values first.")
    if sample[outcome].nunique() < 2:
        raise BadInputError("fit_panel_logit: the sample has no crisis (or only crises).")
    x = design(sample, features, fixed_effects)
    result = sm.Logit(sample[outcome].astype(float), x).fit(disp=0, maxiter=200)
    return PanelLogit(result=result, features=tuple(features), fixed_effects=fixed_effects)
