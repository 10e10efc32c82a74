"""A corpus of articles read and extracted into tables: the one entry point the CLI and the app use."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard import extract as ex
from dashboard.cache import ExtractionCache
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
    cache: ExtractionCache | None = None  # the cache it was read through, with its hit counts

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
    contents: dict[str, str] = {}  # content hash → file name
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
        if document.content_hash in contents:
            errors.append(ReadError(str(path), f"duplicate of {contents[document.content_hash]}"))
            continue
        seen.add(document.id)
        contents[document.content_hash] = Path(path).name
        documents.append(document)
    return documents, errors


def _extract_one(document: Document, lexicon: Lexicon) -> ex.DocumentExtraction | ReadError:
    try:
        return ex.extract_document(document, lexicon)
    except Exception as error:  # one bad document must not cost the others
        return ReadError(document.path or document.id, f"extraction failed: {error!r}")


def _warm_worker(lexicon: Lexicon) -> None:
    from dashboard.text import dictionary_tag, tokenizer

    tokenizer(lexicon)
    dictionary_tag("数字")


def extract_documents(
    documents: list[Document],
    *,
    lexicon: Lexicon | None = None,
    cache: ExtractionCache | None = None,
    workers: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
) -> Extraction:
    """Extract all tables from documents.

    ``cache`` reuses earlier extractions of the same content (and lexicon and code version);
    ``workers`` > 1 extracts the rest in that many processes; ``progress(done, total, document_id)``
    is called once per document, cached or not.
    """
    lexicon = lexicon or load_lexicon()
    results: dict[int, ex.DocumentExtraction | ReadError] = {}
    todo: list[int] = []
    done = 0
    for n, document in enumerate(documents):
        cached = cache.get(document.content_hash, lexicon) if cache else None
        if cached is not None:
            results[n] = cached
            done += 1
            if progress:
                progress(done, len(documents), document.id)
        else:
            todo.append(n)

    def finish(n: int, result: ex.DocumentExtraction | ReadError) -> None:
        nonlocal done
        results[n] = result
        if cache and not isinstance(result, ReadError):
            cache.put(result, lexicon)
        done += 1
        if progress:
            progress(done, len(documents), documents[n].id)

    if workers > 1 and len(todo) > 1:
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_warm_worker, initargs=(lexicon,)
        ) as pool:
            futures = {pool.submit(_extract_one, documents[n], lexicon): n for n in todo}
            for future in as_completed(futures):
                finish(futures[future], future.result())
    else:
        for n in todo:
            finish(n, _extract_one(documents[n], lexicon))

    extractions = [r for _, r in sorted(results.items()) if not isinstance(r, ReadError)]
    failures = [r for _, r in sorted(results.items()) if isinstance(r, ReadError)]
    return tabulate(extractions, failures)


def tabulate(
    extractions: list[ex.DocumentExtraction], errors: list[ReadError] | None = None
) -> Extraction:
    """The corpus tables from per-document extractions."""
    mentions = ex.mentions_table(extractions)
    return Extraction(
        documents=ex.documents_table([e.document for e in extractions]),
        paragraphs=ex.paragraphs_table(extractions),
        sentences=ex.sentences_table(extractions),
        mentions=mentions,
        projects=ex.projects_table(extractions),
        initiatives=ex.initiatives_table(extractions),
        organizations=ex.entities_table(mentions, ORGANIZATION),
        places=ex.entities_table(mentions, PLACE),
        terms=ex.terms_table(extractions),
        errors=list(errors or []),
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
