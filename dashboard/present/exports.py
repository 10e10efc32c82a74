"""Tables as files people open elsewhere: CSV (UTF-8 with BOM, for Excel), XLSX, JSON records."""

from __future__ import annotations

import io
import json
import math
from typing import Any

import pandas as pd

LIST_SEPARATOR = "、"


def flat(table: pd.DataFrame) -> pd.DataFrame:
    """A copy with list cells joined by 、 so that spreadsheets show them as text."""
    table = table.copy()
    for column in table.columns:
        if table[column].map(lambda v: isinstance(v, (list, tuple))).any():
            table[column] = table[column].map(
                lambda v: LIST_SEPARATOR.join(map(str, v)) if isinstance(v, (list, tuple)) else v
            )
    return table


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark, which Excel needs to show Chinese correctly."""
    return flat(table).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """One XLSX workbook with a sheet per table (sheet names cut to Excel's 31 characters)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in tables.items():
            flat(table).to_excel(writer, sheet_name=name[:31] or "sheet", index=False)
    return buffer.getvalue()


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts (lists kept as lists, NaN as null)."""
    return [{k: _plain(v) for k, v in row.items()} for row in table.to_dict(orient="records")]


def to_json(tables: dict[str, pd.DataFrame], **extra: Any) -> str:
    """One JSON object with a list of records per table, Chinese kept readable (not \\u-escaped)."""
    payload = {name: records(table) for name, table in tables.items()} | extra
    return json.dumps(payload, ensure_ascii=False, indent=2)
