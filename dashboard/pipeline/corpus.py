"""A corpus of articles read and extracted into tables: the one entry point the CLI and the app use."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from dashboard import settings
from dashboard.pipeline import extraction as ex
from dashboard.pipeline.cache import ExtractionCache
from dashboard.pipeline.lexicon import Lexicon, load_lexicon
from dashboard.pipeline.read import (
    Document,
    IngestError,
    ReadError,
    Reason,
    article_paths,
    content_hash,
    document_from_bytes,
    document_id,
    read_bytes,
)
from dashboard.pipeline.tables import Extraction, Part, combined, part_tables


@dataclass(frozen=True)
class ArticleFile:
    """An article file's bytes, read and checked but not yet parsed."""

    path: Path
    data: bytes
    content_hash: str

    @property
    def document_id(self) -> str:
        return document_id(self.path)


def read_files(
    paths: Iterable[str | Path], *, max_bytes: int | None = None
) -> tuple[list[ArticleFile], list[ReadError]]:
    """The article files under ``paths`` (files or folders), read as bytes. Missing, too large and
    duplicate files (same content, or same document id, as one read before) become ReadErrors."""
    files, errors = article_paths(list(paths))
    articles: list[ArticleFile] = []
    ids: set[str] = set()
    contents: dict[str, str] = {}  # content hash → file name
    for path in files:
        try:
            data = read_bytes(path, max_bytes=max_bytes)
        except IngestError as error:
            errors.append(error.at(path))
            continue
        article = ArticleFile(Path(path), data, content_hash(data))
        if article.document_id in ids:
            errors.append(ReadError.of(path, Reason.SAME_ID, document=article.document_id))
        elif article.content_hash in contents:
            errors.append(ReadError.of(path, Reason.DUPLICATE_OF, file=contents[article.content_hash]))
        else:
            ids.add(article.document_id)
            contents[article.content_hash] = Path(path).name
            articles.append(article)
    return articles, errors


def read_documents(
    paths: Iterable[str | Path], *, max_bytes: int | None = None
) -> tuple[list[Document], list[ReadError]]:
    """Read and parse every article under ``paths``; unreadable ones become ReadErrors."""
    articles, errors = read_files(paths, max_bytes=max_bytes)
    documents = []
    for article in articles:
        try:
            documents.append(document_from_bytes(article.data, article.path))
        except IngestError as error:
            errors.append(error.at(article.path))
    return documents, errors


Work = Document | ArticleFile


def _extract_one(item: Work, lexicon: Lexicon) -> ex.DocumentExtraction | ReadError:
    """Parse (when needed) and extract one article; any failure becomes a ReadError."""
    try:
        document = document_from_bytes(item.data, item.path) if isinstance(item, ArticleFile) else item
    except IngestError as error:
        return error.at(item.path)
    try:
        return ex.extract_document(document, lexicon)
    except ex.ExtractionTimeout as error:
        return error.at(document.path or document.id)
    except Exception as error:  # one bad document must not cost the others
        return ReadError.of(document.path or document.id, Reason.EXTRACTION_FAILED, error=repr(error))


def _extract_chunk(
    items: list[Work], positions: list[int], lexicon: Lexicon, cache: ExtractionCache | None
) -> tuple[Part, list[ReadError | None]]:
    """A worker's share: the tables of some articles (at ``positions`` in the corpus), and for each
    article its ReadError or None. The worker stores each extraction in the cache and tabulates its
    share, so that this runs in parallel too, and sends back tables, not the extractions."""
    results = [_extract_one(item, lexicon) for item in items]
    extracted = [k for k, result in enumerate(results) if isinstance(result, ex.DocumentExtraction)]
    if cache:
        for k in extracted:
            cache.put(results[k], lexicon)
    part = part_tables([results[k] for k in extracted], [positions[k] for k in extracted])
    return part, [result if isinstance(result, ReadError) else None for result in results]


def _warm_worker(lexicon: Lexicon) -> None:
    from dashboard.pipeline.text import dictionary_tag, tokenizer

    tokenizer(lexicon)
    dictionary_tag("数字")


def _identity(item: Work) -> tuple[str, str]:
    if isinstance(item, ArticleFile):
        return item.content_hash, item.document_id
    return item.content_hash, item.id


def extract_documents(
    items: list[Work],
    *,
    lexicon: Lexicon | None = None,
    cache: ExtractionCache | None = None,
    workers: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
) -> Extraction:
    """Extract all tables from documents (or article files, parsed as needed).

    ``cache`` reuses earlier extractions of the same content (and lexicon and code version);
    ``workers`` > 1 extracts the rest in that many processes; ``progress(done, total, document_id)``
    is called as documents are done, cached or not.
    """
    lexicon = lexicon or load_lexicon()
    # each article's extraction (cached, or extracted here) or ReadError; None where a worker
    # extracted it and sent its rows in its part
    results: list[ex.DocumentExtraction | ReadError | None] = [None] * len(items)
    todo: list[int] = []
    done = 0

    def finish(n: int, result: ex.DocumentExtraction | ReadError | None, *, store: bool) -> None:
        nonlocal done
        results[n] = result
        if store and cache and isinstance(result, ex.DocumentExtraction):
            cache.put(result, lexicon)
        done += 1
        if progress:
            progress(done, len(items), _identity(items[n])[1])

    for n, item in enumerate(items):
        cached = cache.get(*_identity(item), lexicon) if cache else None
        if cached is not None:
            if isinstance(item, ArticleFile) and cached.document.path != str(item.path):
                cached.document = dataclasses.replace(cached.document, path=str(item.path))  # moved file
            finish(n, cached, store=False)
        else:
            todo.append(n)

    parts: list[Part] = []  # the workers' tables
    if workers > 1 and len(todo) > 1:
        # chunks of work, a few per worker, so that process overhead stays small
        size = max(1, min(50, len(todo) // (workers * 4)))
        chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
        _warm_worker(lexicon)  # the tokenizer is built here once, and forked workers inherit it
        with ProcessPoolExecutor(max_workers=workers, initializer=_warm_worker, initargs=(lexicon,)) as pool:
            futures = {
                pool.submit(_extract_chunk, [items[n] for n in chunk], chunk, lexicon, cache): chunk
                for chunk in chunks
            }
            for future in as_completed(futures):
                part, errors = future.result()
                parts.append(part)
                for n, error in zip(futures[future], errors, strict=True):
                    finish(n, error, store=False)
    else:
        for n in todo:
            finish(n, _extract_one(items[n], lexicon), store=True)

    at_hand = [n for n, result in enumerate(results) if isinstance(result, ex.DocumentExtraction)]
    parts.append(part_tables([results[n] for n in at_hand], at_hand))  # cached, or extracted here
    extraction = combined(parts, [r for r in results if isinstance(r, ReadError)])
    extraction.cache = cache
    return extraction


def extract_paths(
    paths: Iterable[str | Path],
    *,
    extra: Iterable[ArticleFile] = (),
    max_bytes: int | None = None,
    lexicon: Lexicon | None = None,
    cache: ExtractionCache | None = None,
    workers: int = 1,
    progress: Callable[[int, int, str], None] | None = None,
) -> Extraction:
    """Read and extract the articles under ``paths``, and the ``extra`` ones already read (uploads
    kept in a browser session); unreadable files are listed in ``errors``.
    With a ``cache``, an article already extracted is not even parsed again.

    >>> extraction = extract_paths(["data/articles"])
    >>> {"name", "sector", "evidence"} <= set(extraction.projects.columns), extraction.errors
    (True, [])
    """
    paths, extra = list(paths), list(extra)
    lexicon = lexicon or load_lexicon()
    listing = _listing(paths, extra, max_bytes) if cache else None
    listing_key = cache.listing_key(listing, lexicon) if cache and listing else None
    scanned = cache.get_listing(listing_key) if cache and listing_key else None
    extraction = cache.get_tables(scanned[0]) if cache and scanned else None
    if scanned and extraction is not None:  # an unchanged folder: no file is read
        errors = scanned[1]
        if progress:
            progress(len(extraction.documents), len(extraction.documents), "")
    else:
        articles, errors = read_files(paths, max_bytes=max_bytes)
        articles += extra
        # the paths are part of the key: the tables name the files they came from
        identities = [(a.content_hash, f"{a.document_id}:{a.path}") for a in articles]
        key = cache.corpus_key(identities, lexicon) if cache else ""
        extraction = cache.get_tables(key) if cache else None
        if extraction is None:
            extraction = extract_documents(
                articles, lexicon=lexicon, cache=cache, workers=workers, progress=progress
            )
            if cache:
                cache.put_tables(key, extraction)
        elif progress:
            progress(len(articles), len(articles), "")
        if cache and listing_key:
            cache.put_listing(listing_key, key, errors)
    extraction.cache = cache
    extraction.errors = errors + [e for e in extraction.errors if e not in errors]
    return extraction


def _listing(paths: list[str | Path], extra: list[ArticleFile], max_bytes: int | None) -> list[str] | None:
    """The articles under ``paths`` as a folder scan sees them, without reading them: each file's
    path, size, modification and change times (taken before any file is read, so that a file
    written meanwhile is read again next time), each upload's hash, and the size limit. None when
    a file cannot be looked at (it is then read, and refused with its reason)."""
    files, missing = article_paths(paths)
    listing = [f"limit\0{max_bytes if max_bytes is not None else settings.max_bytes()}"]
    listing += [f"missing\0{error.path}" for error in missing]
    try:
        for path in files:
            stat = os.stat(path)
            listing.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}")
    except OSError:
        return None
    listing += [f"upload\0{a.content_hash}\0{a.document_id}\0{a.path}" for a in extra]
    return listing
