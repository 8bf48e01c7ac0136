"""Response bodies of a result: JSON (as the CLI prints it), CSV, and Excel with metadata."""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

from debtcycle.analytics._result import jsonable

__all__ = ["MEDIA", "as_csv", "as_json", "as_xlsx", "metadata_rows"]

MEDIA = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def as_json(obj: Any) -> bytes:
    """Return ``obj`` as the CLI's ``--json`` prints it (NaN as null, Periods as labels)."""
    return json.dumps(jsonable(obj), allow_nan=False).encode("utf-8")


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = [" ".join(map(str, c)).strip() for c in out.columns]
    if isinstance(out.index, pd.PeriodIndex):
        out.index = out.index.astype(str)
    return out


def as_csv(frame: pd.DataFrame) -> bytes:
    """Return the result's main table as CSV (index kept)."""
    return _flat(frame).to_csv().encode("utf-8")


def _series_infos(obj: Any) -> list[dict[str, Any]]:
    """Return every dict naming a series (``source`` with ``series_key`` or ``dataset``)."""
    if isinstance(obj, dict):
        if "source" in obj and ("series_key" in obj or "dataset" in obj):
            return [obj]
        return [i for v in obj.values() for i in _series_infos(v)]
    if isinstance(obj, list):
        return [i for v in obj for i in _series_infos(v)]
    return []


def metadata_rows(provenance: Any, params: Any) -> pd.DataFrame:
    """One row per input series (source, dataset, key, unit, vintage, url) plus the parameters."""
    rows = [{k: str(v) for k, v in info.items() if not isinstance(v, dict | list)}
            for info in _series_infos(jsonable(provenance))]
    rows.append({"parameters": json.dumps(jsonable(params), allow_nan=False)})
    return pd.DataFrame(rows)


def as_xlsx(frame: pd.DataFrame, provenance: Any, params: Any) -> bytes:
    """Return an Excel workbook: sheet ``data`` (the table) and ``metadata`` (the sources)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        data = _flat(frame)
        for column in data.columns:
            if isinstance(data[column].dtype, pd.PeriodDtype):
                data[column] = data[column].astype(str)
        data.to_excel(writer, sheet_name="data")
        metadata_rows(provenance, params).to_excel(writer, sheet_name="metadata", index=False)
    return buffer.getvalue()
