"""A corpus of articles read and extracted into tables: the one entry point the CLI and the app use."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard import extract as ex
from dashboard.entities import ORGANIZATION, PLACE
from dashboard.ingest import Document, IngestError, article_paths, read_document
from dashboard.lexicon import Lexicon, load_lexicon


@dataclass(frozen=True)
class ReadError:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Extraction:
    """Tables extracted from a corpus; every row carries ``document`` (and where it applies
    ``paragraph``, ``sentence`` and ``evidence``) so it can be traced to its source sentence."""

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

    @property
    def named_projects(self) -> pd.DataFrame:
        return self.projects[self.projects["named"]]


def read_documents(
    paths: Iterable[str | Path], *, max_bytes: int | None = None
) -> tuple[list[Document], list[ReadError]]:
    """Read every article under ``paths`` (files or folders); unreadable ones become ReadErrors."""
    files, missing = article_paths(list(paths))
    errors = [ReadError(path, reason) for path, reason in missing]
    documents: list[Document] = []
    seen: set[str] = set()
    for path in files:
        try:
            document = read_document(path, max_bytes=max_bytes)
        except IngestError as error:
            errors.append(ReadError(str(path), str(error)))
            continue
        if document.id in seen:
            errors.append(
                ReadError(str(path), f"another file has the same document id {document.id!r}")
            )
            continue
        seen.add(document.id)
        documents.append(document)
    return documents, errors


def extract_documents(
    documents: list[Document],
    *,
    lexicon: Lexicon | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Extraction:
    """Extract all tables from documents; ``progress(done, total, document_id)`` is called per document."""
    lexicon = lexicon or load_lexicon()
    extractions = []
    failures = []
    for n, document in enumerate(documents, start=1):
        try:
            extractions.append(ex.extract_document(document, lexicon))
        except Exception as error:  # one bad document must not cost the others
            failures.append(
                ReadError(document.path or document.id, f"extraction failed: {error!r}")
            )
        if progress:
            progress(n, len(documents), document.id)
    documents = [e.document for e in extractions]
    mentions = ex.mentions_table(extractions)
    return Extraction(
        documents=ex.documents_table(documents),
        paragraphs=ex.paragraphs_table(extractions),
        sentences=ex.sentences_table(extractions),
        mentions=mentions,
        projects=ex.projects_table(extractions),
        initiatives=ex.initiatives_table(extractions),
        organizations=ex.entities_table(mentions, ORGANIZATION),
        places=ex.entities_table(mentions, PLACE),
        terms=ex.terms_table(extractions),
        errors=failures,
    )


def extract_paths(
    paths: Iterable[str | Path], *, max_bytes: int | None = None, **options
) -> Extraction:
    """Read and extract the articles under ``paths``; unreadable files are listed in ``errors``.

    >>> extraction = extract_paths(["data/articles"])  # doctest: +SKIP
    >>> extraction.projects[["name", "sector", "evidence"]]  # doctest: +SKIP
    """
    documents, errors = read_documents(paths, max_bytes=max_bytes)
    extraction = extract_documents(documents, **options)
    extraction.errors = errors + extraction.errors
    return extraction
