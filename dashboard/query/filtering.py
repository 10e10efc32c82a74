"""The global filters applied to the extracted tables (pure pandas, no Streamlit).

    >>> projects = pd.DataFrame({"name": ["茶园", "工厂"], "sector": ["agriculture", "manufacturing"],
    ...                          "document": ["a", "a"]})
    >>> filter_table(projects, Filters(sectors=("agriculture",)))["name"].tolist()
    ['茶园']

Every table carries ``document`` and ``sector``; ``pillar`` is derived from the sector where a
table has none, so one function serves projects, initiatives, organizations, places and terms.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.pipeline import taxonomy as tx
from dashboard.query.filters import Filters

if TYPE_CHECKING:
    from dashboard.pipeline.tables import Extraction

# Columns that free-text search looks in, per kind of table (the first that exist are used).
SEARCH_COLUMNS: tuple[str, ...] = (
    "name",
    "kind",
    "action",
    "object",
    "term",
    "text",
    "evidence",
    "organizations",
    "places",
    "projects",
)


def _as_text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(map(str, value))
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


class _Searchable:
    """A table's text columns in the form a search reads (Arrow strings; lists of names as Arrow
    lists; repeated text as the codes of its distinct values), and the masks of its last searches.

    One search is asked of the same table by several views (a corpus's 530,000 initiatives by the
    overview's figures, its timeline, the projects and corpus pages), and each new search of it
    reads the columns as converted for the first. Tables are never changed in place once built,
    so a live table's identity stands for its content; this goes when the table does."""

    MASKS_KEPT = 16

    def __init__(self) -> None:
        self.columns: dict[str, tuple] = {}
        self.masks: OrderedDict[tuple[str, tuple[str, ...]], np.ndarray] = OrderedDict()
        self.documents: tuple[pd.Index, np.ndarray] | None = None  # see _document_numbers


_SEARCHABLE: dict[int, _Searchable] = {}
_SEARCHABLE_LOCK = threading.Lock()


def _searchable(table: pd.DataFrame) -> _Searchable:
    with _SEARCHABLE_LOCK:
        found = _SEARCHABLE.get(id(table))
        if found is None:
            found = _SEARCHABLE[id(table)] = _Searchable()
            weakref.finalize(table, _SEARCHABLE.pop, id(table), None)
        return found


def search_mask(table: pd.DataFrame, q: str, columns: Sequence[str] | None = None) -> pd.Series:
    """Rows where any of ``columns`` contains ``q`` (literal, case-insensitive for Latin letters;
    in a column of lists, one of its names)."""
    q = q.strip()
    if not q:
        return pd.Series(True, index=table.index)
    return pd.Series(_search_rows(table, q, columns).copy(), index=table.index)


def _search_rows(table: pd.DataFrame, q: str, columns: Sequence[str] | None) -> np.ndarray:
    """``search_mask`` of a stripped, non-empty ``q``, as the array the table keeps: read, never
    changed."""
    columns = tuple(c for c in (columns or SEARCH_COLUMNS) if c in table.columns)
    searchable = _searchable(table)
    with _SEARCHABLE_LOCK:
        mask = searchable.masks.get((q, columns))
        if mask is not None:
            searchable.masks.move_to_end((q, columns))
            return mask
    mask = np.zeros(len(table), dtype=bool)
    for column in columns:  # two sessions may convert a column at once: either result is kept
        form = searchable.columns.get(column)
        if form is None:
            form = searchable.columns[column] = _search_form(table[column])
        mask |= _contains(form, q, len(table))
    with _SEARCHABLE_LOCK:
        searchable.masks[q, columns] = mask
        while len(searchable.masks) > _Searchable.MASKS_KEPT:
            searchable.masks.popitem(last=False)
    return mask


def _search_form(values: pd.Series) -> tuple:
    """A column as a search reads it: ``("text", strings)``, ``("lists", lists of strings)`` or
    ``("codes", codes, distinct strings)`` (each distinct value once; code -1: missing)."""
    if isinstance(values.dtype, pd.StringDtype):
        return ("text", values)
    objects = values.to_numpy(dtype=object)
    # lists of names (every row a list: a text would pass to Arrow as a list of characters)
    if len(objects) and type(objects[0]) is list and set(map(type, objects)) == {list}:
        try:
            return ("lists", pa.array(objects, type=pa.list_(pa.string()), from_pandas=True))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass
    # text in object columns (the tables' repeated text, pandas before 3), numbers, mixed objects
    try:
        codes, distinct = pd.factorize(objects)
    except TypeError:  # lists among other values
        codes, distinct = np.arange(len(objects)), objects
    try:
        texts = pa.array(distinct, type=pa.string(), from_pandas=True).fill_null("")
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        texts = pa.array([_as_text(v) for v in distinct], type=pa.string())
    return ("codes", codes.astype(np.int32), texts)  # half the memory of numpy's default


def _contains(form: tuple, q: str, rows: int) -> np.ndarray:
    """Whether each value of a column (in its ``_search_form``) contains ``q``: one vectorised
    Arrow pass over its strings, its lists' names or its distinct values."""
    if form[0] == "text":
        return form[1].str.contains(q, case=False, regex=False, na=False).to_numpy(dtype=bool)
    if form[0] == "lists":
        found = pc.match_substring(pc.list_flatten(form[1]), q, ignore_case=True)
        hits = np.zeros(rows, dtype=bool)
        hits[pc.filter(pc.list_parent_indices(form[1]), found).to_numpy()] = True
        return hits
    _, codes, texts = form
    found = pc.match_substring(texts, q, ignore_case=True).to_numpy(zero_copy_only=False)
    return np.append(found, False)[codes]  # a missing value (code -1) is found nowhere


def filter_table(
    table: pd.DataFrame,
    filters: Filters,
    *,
    search: bool = True,
    search_columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The rows of ``table`` inside the sector, pillar, document and search filters."""
    return table[_filter_mask(table, filters, search=search, search_columns=search_columns)]


def _filter_mask(
    table: pd.DataFrame, filters: Filters, *, search: bool, search_columns: Sequence[str] | None = None
) -> np.ndarray:
    mask = np.ones(len(table), dtype=bool)
    if filters.sectors and "sector" in table.columns:
        mask &= table["sector"].isin(filters.sectors).to_numpy(dtype=bool)
    if filters.pillar and "sector" in table.columns:
        pillars = table["pillar"] if "pillar" in table.columns else table["sector"].map(tx.pillar_of)
        mask &= (pillars == filters.pillar).to_numpy(dtype=bool)
    if filters.docs and "document" in table.columns:
        mask &= table["document"].isin(filters.docs).to_numpy(dtype=bool)
    if search and filters.q.strip():
        mask &= _search_rows(table, filters.q.strip(), search_columns)
    return mask


def projects_view(extraction: Extraction, filters: Filters, *, generic: bool) -> pd.DataFrame:
    """Projects in the filters; generic phrases (``named`` false) only when asked for."""
    return filter_table(extraction.projects if generic else extraction.named_projects, filters)


def sentence_view(table: pd.DataFrame, sentences: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Rows of a per-sentence table (terms, mentions) in the filters; a search keeps the rows
    of the sentences that contain the search text."""
    if not filters.q.strip():
        return filter_table(table, filters, search=False)
    hits = sentences[_search_rows(sentences, filters.q.strip(), ["text"])]
    documents, numbers = _document_numbers(table)
    found = np.isin(
        _sentence_keys(table, numbers), _sentence_keys(hits, documents.get_indexer(hits["document"]))
    )
    return table[_filter_mask(table, filters, search=False) & found]


def _document_numbers(table: pd.DataFrame) -> tuple[pd.Index, np.ndarray]:
    """The documents of a table, and each row's document by its place among them (kept with the
    table: a corpus's terms are millions of rows)."""
    searchable = _searchable(table)
    if searchable.documents is None:
        numbers, documents = pd.factorize(table["document"].to_numpy(dtype=object))
        searchable.documents = (pd.Index(documents), numbers.astype(np.int32))
    return searchable.documents


def _sentence_keys(frame: pd.DataFrame, numbers: np.ndarray) -> np.ndarray:
    """One integer per row for its sentence (document, paragraph, sentence), from the number of
    each row's document (-1: a document to leave out, whose rows get -1). Vectorised."""
    keys = (numbers.astype(np.int64) << 40) | (frame["paragraph"].to_numpy(dtype=np.int64) << 20)
    keys |= frame["sentence"].to_numpy(dtype=np.int64)
    return np.where(numbers >= 0, keys, -1)


def sector_counts(table: pd.DataFrame) -> dict[str, int]:
    """Rows per sector, every sector present (zeros included), in the taxonomy's order."""
    counts = table["sector"].value_counts() if "sector" in table.columns else pd.Series()
    return {s: int(counts.get(s, 0)) for s in (*tx.SECTORS, tx.UNCLASSIFIED)}
