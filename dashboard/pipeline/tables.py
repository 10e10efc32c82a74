"""The corpus tables built from per-document extractions: the one place that knows their columns.

Every row carries ``document`` (and where it applies ``paragraph``, ``sentence`` and ``evidence``),
so it can be traced to its source sentence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.pipeline.entities import ORGANIZATION, PLACE
from dashboard.pipeline.extraction import DocumentExtraction, Initiative, Mention
from dashboard.pipeline.read import Document, ReadError

if TYPE_CHECKING:
    from dashboard.pipeline.cache import ExtractionCache

_ENTITY_COLUMNS = ["name", "kind", "document", "mentions", "paragraph", "sentence", "evidence", "sector"]
COLUMNS: dict[str, list[str]] = {
    "documents": [
        "document", "title", "date", "outlet", "source_url", "paragraphs", "characters", "path",
        "content_hash", "warnings",
    ],
    "paragraphs": ["document", "paragraph", "role", "section", "sector", "pillar", "text"],
    "sentences": ["document", "paragraph", "sentence", "start", "end", "text"],
    "mentions": list(Mention.__dataclass_fields__),
    "projects": [
        "name", "kind", "named", "sector", "pillar", "document", "paragraph", "sentence", "evidence",
        "mentions", "organizations", "places", "paragraphs",
    ],
    "initiatives": list(Initiative.__dataclass_fields__),
    "organizations": _ENTITY_COLUMNS,
    "places": _ENTITY_COLUMNS,
    "terms": ["document", "paragraph", "sentence", "term", "count", "sector", "pillar"],
}  # fmt: skip
"""The columns of every corpus table, by table name (the fields of ``Extraction``)."""

LIST_COLUMNS = {
    "documents": ["warnings"],
    "projects": ["organizations", "places", "paragraphs"],
    "initiatives": ["projects", "organizations", "places"],
}
"""The columns whose cells are lists (of names, or of paragraph indexes)."""

REPEATED_TEXT = {
    "paragraphs": ["document", "role", "section", "sector", "pillar"],
    "sentences": ["document"],
    "mentions": ["category", "kind", "document", "sector", "evidence"],
    "projects": ["kind", "sector", "pillar", "document", "evidence"],
    "initiatives": ["document", "action", "sector", "pillar", "evidence"],
    "terms": ["document", "term", "sector", "pillar"],
}
"""The text columns whose values repeat from row to row (a document's id on each of its terms, a
sentence on each of its initiatives): kept as one Python string per distinct value, shared by the
rows (``shared_text``)."""


def shared_strings(array: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """The strings of ``array`` (or of a dictionary-encoded one: its dictionary, once) as an
    array of Python strings, one object per distinct value shared by every row that holds it."""
    if isinstance(array, pa.ChunkedArray):  # one chunk per record batch, when read back
        # Arrow joins chunks that share a dictionary as they are, and unifies those that do not:
        # unifying first would hash every chunk's dictionary (at 10,000 articles, 200 copies of
        # 27,000 sentences a column, 1.5 s of a reopen)
        array = array.combine_chunks()
    if not pa.types.is_dictionary(array.type):
        array = pc.dictionary_encode(array)
    values = np.array([*array.dictionary.to_pylist(), None], dtype=object)
    return values[array.indices.fill_null(len(values) - 1).to_numpy(zero_copy_only=False)]


def shared_text(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """``frame`` (the table ``name``) with its ``REPEATED_TEXT`` columns holding one string object
    per distinct value, each row pointing to it: eight bytes a row instead of its own copy of
    the text. At 10,000 articles the tables take 480 MB less (terms alone: 2.4 million rows)."""
    for column in REPEATED_TEXT.get(name, ()):
        if column in frame.columns and len(frame):
            values = shared_strings(pa.array(frame[column], from_pandas=True))
            frame[column] = pd.Series(values, index=frame.index, dtype=object)
    return frame


@dataclass
class Extraction:
    """Tables extracted from a corpus (columns in ``COLUMNS``); ``errors`` are the files that could
    not be read."""

    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    projects: pd.DataFrame
    initiatives: pd.DataFrame
    organizations: pd.DataFrame
    places: pd.DataFrame
    terms: pd.DataFrame
    errors: list[ReadError] = field(default_factory=list)
    cache: ExtractionCache | None = None  # the cache it was read through, with its hit counts

    @property
    def named_projects(self) -> pd.DataFrame:
        """The projects flagged named: one table for as long as ``projects`` is the same one, so
        that what searches keep of a table (``filtering.search_mask``) serves them again."""
        kept = self.__dict__.get("_named_projects")
        if kept is None or kept[0] is not self.projects:
            named = self.projects["named"].astype(bool)  # an empty column is no mask until it is bool
            kept = self.__dict__["_named_projects"] = (self.projects, self.projects[named])
        return kept[1]

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, in the order of ``COLUMNS``."""
        return {name: getattr(self, name) for name in COLUMNS}


def tabulate(extractions: list[DocumentExtraction], errors: list[ReadError] | None = None) -> Extraction:
    """The corpus tables from per-document extractions."""
    return combined([part_tables(extractions)], errors)


@dataclass
class Part:
    """The tables of some of a corpus's articles (``PART_TABLES``), and for each table the corpus
    position of the article each row comes from, to be ``combined`` with the other parts."""

    tables: dict[str, pd.DataFrame]
    positions: dict[str, np.ndarray]

    @property
    def first(self) -> int:
        """The position of its first article (-1 for a part of none)."""
        documents = self.positions["documents"]
        return int(documents[0]) if len(documents) else -1


PART_TABLES = ("documents", "paragraphs", "sentences", "mentions", "projects", "initiatives", "terms")
"""The tables built straight from extractions; ``organizations`` and ``places`` are counted from
the whole ``mentions`` table."""


def part_tables(extractions: list[DocumentExtraction], positions: Sequence[int] | None = None) -> Part:
    """The tables of some of a corpus's extractions, the ``n``-th at corpus position
    ``positions[n]`` (by default, their order). A worker that extracts a share of the corpus
    tabulates it too, and sends back tables, which pickle in a third of the time of the
    extractions themselves."""
    positions = np.arange(len(extractions)) if positions is None else np.asarray(positions, dtype=np.int64)
    built = {
        "documents": (documents_table([e.document for e in extractions]), [1] * len(extractions)),
        "paragraphs": paragraphs_table(extractions),
        "sentences": sentences_table(extractions),
        "mentions": mentions_table(extractions),
        "projects": projects_table(extractions),
        "initiatives": initiatives_table(extractions),
        "terms": terms_table(extractions),
    }
    return Part(
        tables={name: table for name, (table, _) in built.items()},
        positions={name: np.repeat(positions, counts) for name, (_, counts) in built.items()},
    )


def combined(parts: list[Part], errors: list[ReadError] | None = None) -> Extraction:
    """The corpus tables from the ``part_tables`` of its extractions, each row in corpus order:
    the same tables, columns and types as those of all the extractions at once."""
    parts = sorted(parts, key=lambda part: part.first)
    tables = {name: _concatenated(parts, name) for name in PART_TABLES}
    mentions = shared_text(tables["mentions"], "mentions")
    return Extraction(
        documents=tables["documents"],
        paragraphs=shared_text(tables["paragraphs"], "paragraphs"),
        sentences=shared_text(tables["sentences"], "sentences"),
        mentions=mentions,
        projects=shared_text(tables["projects"], "projects"),
        initiatives=shared_text(tables["initiatives"], "initiatives"),
        organizations=entities_table(mentions, ORGANIZATION),
        places=entities_table(mentions, PLACE),
        terms=shared_text(tables["terms"], "terms"),
        errors=list(errors or []),
    )


def _concatenated(parts: list[Part], name: str) -> pd.DataFrame:
    """The table ``name`` from its parts, its rows in the order of their articles' positions (the
    parts' own order where their articles do not interleave). A column whose type differs between
    parts (numbers in one, no value at all in another) takes the type pandas gives all its values
    at once, as in one table."""
    filled = [part for part in parts if len(part.tables[name])]
    if not filled:
        return parts[0].tables[name] if parts else pd.DataFrame(columns=COLUMNS[name])
    frames = [part.tables[name] for part in filled]
    table = frames[0]
    if len(frames) > 1:
        table = pd.concat(frames, ignore_index=True)
        for column in table.columns:
            if len({str(frame[column].dtype) for frame in frames}) > 1:
                table[column] = pd.Series(table[column].tolist(), index=table.index)
    positions = np.concatenate([part.positions[name] for part in filled])
    if (np.diff(positions) < 0).any():  # cached articles between a worker's
        table = table.take(np.argsort(positions, kind="stable")).reset_index(drop=True)
    return table


def _rows(
    extractions: list[DocumentExtraction], rows_of: Callable[[DocumentExtraction], list]
) -> tuple[list, list[int]]:
    """The rows ``rows_of`` gives of each extraction, one extraction's after the other's, and how
    many each gave."""
    rows: list = []
    counts = []
    for e in extractions:
        mine = rows_of(e)
        rows += mine
        counts.append(len(mine))
    return rows, counts


def mentions_table(extractions: list[DocumentExtraction]) -> tuple[pd.DataFrame, list[int]]:
    """Every mention of a project, organization or place, with its place in the text (and the
    rows of each extraction, as every table builder below gives them)."""
    rows, counts = _rows(extractions, lambda e: [m.__dict__ for m in e.mentions])
    return pd.DataFrame(rows, columns=COLUMNS["mentions"]), counts


def projects_table(extractions: list[DocumentExtraction]) -> tuple[pd.DataFrame, list[int]]:
    """One row per project per document, repeated mentions merged, with the names said with it."""
    rows, counts = _rows(extractions, lambda e: list(e.projects))
    return pd.DataFrame(rows, columns=COLUMNS["projects"]), counts


def entities_table(mentions: pd.DataFrame, category: str) -> pd.DataFrame:
    """Organizations (``category="organization"``) or places, with mention counts and first evidence."""
    columns = COLUMNS["organizations"]
    selected = mentions[mentions["category"] == category]
    if selected.empty:
        return pd.DataFrame(columns=columns)
    grouped = selected.groupby(["document", "name"], sort=False)
    table = grouped.agg(
        kind=("kind", "first"), mentions=("name", "size"), paragraph=("paragraph", "first"),
        sentence=("sentence", "first"), evidence=("evidence", "first"), sector=("sector", "first"),
    ).reset_index()  # fmt: skip
    return table[columns]


def initiatives_table(extractions: list[DocumentExtraction]) -> tuple[pd.DataFrame, list[int]]:
    """One row per action clause: action, object, sector, pillar, who and where, evidence."""
    rows, counts = _rows(
        extractions,
        lambda e: [
            {
                **i.__dict__,
                "projects": list(i.projects),
                "organizations": list(i.organizations),
                "places": list(i.places),
            }
            for i in e.initiatives
        ],
    )
    return pd.DataFrame(rows, columns=COLUMNS["initiatives"]), counts


def terms_table(extractions: list[DocumentExtraction]) -> tuple[pd.DataFrame, list[int]]:
    """Term counts per sentence, with the sector and pillar of its paragraph."""

    def rows_of(e: DocumentExtraction) -> list[tuple]:
        rows = []
        for (paragraph, sentence, term), count in Counter(e.terms).items():
            context = e.contexts[paragraph]
            rows.append((e.document.id, paragraph, sentence, term, count, context.sector, context.pillar))
        return rows

    rows, counts = _rows(extractions, rows_of)
    return pd.DataFrame(rows, columns=COLUMNS["terms"]), counts


def documents_table(documents: list[Document]) -> pd.DataFrame:
    """One row per document: id, title, date, outlet, source link, size."""
    rows = [
        {
            "document": d.id, "title": d.title, "date": d.date, "outlet": d.outlet, "source_url": d.source_url,
            "paragraphs": len(d.paragraphs), "characters": len(d.text), "path": d.path,
            "content_hash": d.content_hash, "warnings": list(d.warnings),
        }
        for d in documents
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS["documents"])


def paragraphs_table(extractions: list[DocumentExtraction]) -> tuple[pd.DataFrame, list[int]]:
    """Every paragraph with its role, section, sector and pillar."""
    rows, counts = _rows(
        extractions,
        lambda e: [
            {
                "document": e.document.id, "paragraph": c.paragraph, "role": c.role, "section": c.section,
                "sector": c.sector, "pillar": c.pillar, "text": e.document.paragraphs[c.paragraph].text,
            }
            for c in e.contexts
        ],
    )  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS["paragraphs"]), counts


def sentences_table(extractions: list[DocumentExtraction]) -> tuple[pd.DataFrame, list[int]]:
    """Every sentence with its offsets in its paragraph."""
    rows, counts = _rows(
        extractions,
        lambda e: [
            (e.document.id, paragraph, index, span.start, span.end, span.text)
            for paragraph, index, span in e.sentences
        ],
    )
    return pd.DataFrame(rows, columns=COLUMNS["sentences"]), counts
