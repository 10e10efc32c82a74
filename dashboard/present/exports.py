"""Tables as files people open elsewhere: CSV (UTF-8 with BOM, for Excel), XLSX, JSON records."""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import re
import unicodedata
from typing import Any

import orjson
import pandas as pd

from dashboard.present.glossary import name

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
    columns = []
    for k in range(table.shape[1]):
        column = table.iloc[:, k]
        values = column.tolist()  # Python scalars, as to_dict gives them
        if column.dtype.kind in "iub":
            columns.append(values)
        elif column.dtype.kind == "f":
            columns.append([None if v != v else v for v in values])
        else:
            columns.append([_plain(v) for v in values])
    if not columns:
        return [{} for _ in range(len(table))]
    names = list(table.columns)  # a plain list: an Index of strings is slow to walk once per row
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _tiny_float(value: Any) -> bool:
    if isinstance(value, float):
        return value != 0 and abs(value) < 1e-4
    return isinstance(value, (list, tuple)) and any(_tiny_float(v) for v in value)


def _written_alike(table: pd.DataFrame) -> bool:
    """Whether orjson writes a table as ``json`` does: it writes a float under 1e-4 otherwise
    (0.00001 for 1e-05), and nothing else that a table holds."""
    for label in table.columns:
        column = table[label]
        if column.dtype.kind == "f":
            size = column.abs()
            if ((size > 0) & (size < 1e-4)).any():
                return False
        elif column.dtype == object and any(_tiny_float(v) for v in column.tolist()):
            return False
    return True


def to_json(tables: dict[str, pd.DataFrame], **extra: Any) -> str:
    """One JSON object with a list of records per table, Chinese kept readable (not \\u-escaped):
    what ``json.dumps(…, ensure_ascii=False, indent=2)`` writes, written by orjson (some 30× faster
    on a large corpus's tables) where it writes the same."""
    payload = {name: records(table) for name, table in tables.items()} | extra
    if not extra and all(_written_alike(table) for table in tables.values()):
        try:
            return orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode("utf-8")
        except TypeError:  # a value orjson does not write (a very large integer…)
            pass
    return json.dumps(payload, ensure_ascii=False, indent=2)


# Characters no file system takes in a name (Windows' set), control characters, and runs of space.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
MAX_NAME_BYTES = 180  # of the whole name, in UTF-8: file systems allow 255


def _safe(part: str) -> str:
    part = unicodedata.normalize("NFC", part)
    part = _UNSAFE.sub(" ", part)
    return "_".join(part.split()).strip("._-")


def download_name(kind: str, filters, extension: str, *, today: dt.date | None = None) -> str:
    """The file name of a download, after the view it holds, in the view's language: its kind,
    the filters that are set (sectors, pillar, documents, search, term), then the date::

        >>> from dashboard.query.filters import Filters
        >>> f = Filters(sectors=("agriculture",), q="交易中心")
        >>> download_name("projects", f, "csv", today=dt.date(2026, 11, 26))
        'projects-农业-交易中心-2026-11-26.csv'
        >>> download_name("projects", f.replace(lang="en"), "xlsx", today=dt.date(2026, 11, 26))
        'projects-agriculture-交易中心-2026-11-26.xlsx'

    Characters that a file system refuses (``/``, ``:``, ``?``…) become ``_``-joined words, and a
    long name is cut so that it stays under ``MAX_NAME_BYTES``."""
    lang = filters.lang
    parts = [name(s, lang) for s in filters.sectors]
    parts += [name(filters.pillar, lang)] if filters.pillar else []
    parts += [*filters.docs, filters.q, filters.term]
    words = [w for w in (_safe(p) for p in parts) if w]
    date = (today or dt.date.today()).isoformat()
    head, tail = _safe(kind) or "download", f"-{date}.{_safe(extension) or 'txt'}"
    middle = "-".join(words)
    room = MAX_NAME_BYTES - len(head.encode()) - len(tail.encode()) - 1
    while len(middle.encode()) > room:
        middle = middle[:-1]
    middle = middle.rstrip("._-")
    return f"{head}-{middle}{tail}" if middle else f"{head}{tail}"
