"""The shared result shape: data as pandas, parameters and provenance, and conversions."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["Result", "jsonable"]


def _scalar(value: Any) -> Any:
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Period):
        return str(value)
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        number = float(value)
        return None if math.isnan(number) or math.isinf(number) else number
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def jsonable(value: Any) -> Any:
    """Convert pandas/numpy values (Periods, NaN, arrays, frames) to JSON-ready Python."""
    if isinstance(value, pd.DataFrame):
        return [jsonable(r) for r in value.reset_index().to_dict(orient="records")]
    if isinstance(value, pd.Series):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [jsonable(v) for v in value.tolist()]
    return _scalar(value)


@dataclass(frozen=True)
class Result:
    """Base of analytic results: subclasses add data fields and override :meth:`to_frame`.

    Attributes
    ----------
    params : dict
        The parameters the result was computed with.
    provenance : dict
        Metadata of the input series (source, series key, vintage, ...).
    """

    params: dict[str, Any] = field(default_factory=dict, kw_only=True)
    provenance: dict[str, Any] = field(default_factory=dict, kw_only=True)

    def to_frame(self) -> pd.DataFrame:
        """Return the result's main table."""
        raise NotImplementedError

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict: the table as records, parameters and provenance."""
        return {
            "data": jsonable(self.to_frame()),
            "params": jsonable(self.params),
            "provenance": jsonable(self.provenance),
        }

    def to_json(self, **kwargs: Any) -> str:
        """Return :meth:`to_dict` as a JSON string."""
        return json.dumps(self.to_dict(), **kwargs)

    def summary(self) -> str:
        """Return a plain-text rendering of the main table."""
        return self.to_frame().to_string()

    def _repr_html_(self) -> str:
        return self.to_frame().to_html()
