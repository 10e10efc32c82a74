"""The corpus folder as a store of articles: an uploaded file is checked and extracted before it is
accepted, written atomically under a name made from its date and title, and never added twice;
an article can be removed; and a folder that cannot be written is recognised.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> article = "江州数字经济发展观察\\n江州市建设江州大数据产业园。".encode()
    >>> result = add_article(folder, "report.txt", article)
    >>> result.status, result.name, result.projects
    ('added', '江州数字经济发展观察.txt', {'digital-industry': 1})
    >>> again = add_article(folder, "again.txt", article)
    >>> again.status, str(again.reason), again.details
    ('duplicate', 'in_corpus', {'file': '江州数字经济发展观察.txt'})

A refusal is a reason code (a ``Refusal``, or a ``Reason`` of the reader) and its details; the
pages word it in their language (``present.glossary.reason``).
"""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from filelock import FileLock

from dashboard import settings
from dashboard.pipeline.corpus import ArticleFile, read_files
from dashboard.pipeline.extraction import extract_document
from dashboard.pipeline.lexicon import Lexicon
from dashboard.pipeline.read import (
    ARTICLE_SUFFIXES,
    Document,
    IngestError,
    Reason,
    content_hash,
    document_from_bytes,
)
from dashboard.store import audit, trash

ADDED, DUPLICATE, REFUSED = "added", "duplicate", "refused"
SLUG_LENGTH = 40
UNFINISHED = ".upload-"  # prefix of an upload being written; it becomes the article by a rename
LOCK_FILE = ".corpus.lock"  # writers of the folder take it (a dotfile: never read as an article)
LOCK_TIMEOUT = 60  # seconds a writer waits for the others
UNFINISHED_AFTER = 600  # seconds: an upload file this old was cut off (the app stopped mid-write)
_NOT_WORD = re.compile(r"[^\w]+")


class Refusal(StrEnum):
    """Why an upload was not added, beyond the reader's own reasons (``Reason``)."""

    NOT_ARTICLE = "not_article"  # details: kinds (the accepted file name endings)
    IN_CORPUS = "in_corpus"  # details: file (the article with the same content)
    CANNOT_WRITE = "cannot_write"  # details: error (the system's words)


@dataclass(frozen=True)
class AddResult:
    """What became of one uploaded file. ``name`` is its file name in the corpus (when added);
    ``reason`` (a ``Refusal`` or ``Reason`` code) and ``details`` say why it was not."""

    upload: str
    status: str
    reason: str = ""
    details: dict[str, object] = field(default_factory=dict)
    name: str = ""
    data: bytes = field(default=b"", repr=False)
    document: Document | None = field(default=None, repr=False)
    projects: dict[str, int] = field(default_factory=dict)  # named projects per sector

    @property
    def accepted(self) -> bool:
        return self.status == ADDED


def slug(title: str, *, length: int = SLUG_LENGTH) -> str:
    """A title as a safe file-name part: letters (Chinese included) and digits joined by hyphens.

    >>> slug("江州：数字经济/发展 观察!")
    '江州-数字经济-发展-观察'
    """
    text = unicodedata.normalize("NFKC", title).replace("_", " ").lower()
    return _NOT_WORD.sub("-", text).strip("-")[:length].strip("-") or "article"


def file_name_for(document: Document, suffix: str) -> str:
    """``2023-01-15-江州数字经济发展观察.md``: the article's date (when it has one) and title."""
    date = (document.date or "")[:10]
    stem = f"{date}-{slug(document.title)}" if date else slug(document.title)
    return stem + suffix.lower()


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name`` with ``-2``, ``-3``… when its document id (the stem) is taken."""
    path = Path(name)
    stem, n = path.stem, 2
    while stem in taken:
        stem = f"{path.stem}-{n}"
        n += 1
    return stem + path.suffix


def check_article(
    upload: str,
    data: bytes,
    existing: Iterable[ArticleFile],
    *,
    lexicon: Lexicon | None = None,
    max_bytes: int | None = None,
) -> AddResult:
    """Whether an uploaded file can join a corpus of ``existing`` articles: of a known kind, within
    the size limit, not a copy of one of them, readable and extractable. Nothing is written."""
    suffix = Path(upload).suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        return AddResult(upload, REFUSED, Refusal.NOT_ARTICLE, {"kinds": ARTICLE_SUFFIXES})
    limit = max_bytes if max_bytes is not None else settings.max_bytes()
    if len(data) > limit:
        return AddResult(upload, REFUSED, Reason.TOO_LARGE, {"size": len(data), "limit": limit})
    existing = list(existing)
    duplicate = _duplicate(upload, data, existing)
    if duplicate:
        return duplicate
    try:
        document = document_from_bytes(data, Path(upload))
    except IngestError as error:
        return AddResult(upload, REFUSED, error.reason, error.details)
    name = _unique(file_name_for(document, suffix), {a.document_id for a in existing})
    document = dataclasses.replace(document, id=Path(name).stem, path=name)
    try:
        extraction = extract_document(document, lexicon)
    except IngestError as error:  # a timeout: the file is refused, the app goes on
        return AddResult(upload, REFUSED, error.reason, error.details)
    except Exception as error:  # so is a failure
        return AddResult(upload, REFUSED, Reason.EXTRACTION_FAILED, {"error": str(error)})
    sectors = Counter(p["sector"] for p in extraction.projects if p["named"])
    return AddResult(upload, ADDED, name=name, data=data, document=document, projects=dict(sectors))


def _duplicate(upload: str, data: bytes, existing: Iterable[ArticleFile]) -> AddResult | None:
    digest = content_hash(data)
    for article in existing:
        if article.content_hash == digest:
            return AddResult(upload, DUPLICATE, Refusal.IN_CORPUS, {"file": article.path.name})
    return None


def corpus_lock(folder: Path) -> FileLock:
    """The lock that serialises writers of a corpus folder, across threads and processes (several
    server processes, or an ingest beside the app, on one folder)."""
    return FileLock(folder / LOCK_FILE, timeout=LOCK_TIMEOUT)


def create_exclusively(folder: Path, name: str, data: bytes, taken: set[str]) -> str:
    """Write ``data`` as a new file of ``folder`` and return its name: ``name``, or ``name`` with
    ``-2``, ``-3``… where a file of that document id exists or turns up meanwhile. An existing file
    is never replaced: the complete file is linked into place, and the link fails if the name
    exists (a reader never sees half a file, and no writer's file is overwritten)."""
    taken = set(taken)
    with tempfile.NamedTemporaryFile(dir=folder, prefix=UNFINISHED, suffix=".tmp", delete=False) as out:
        unfinished = Path(out.name)
    try:
        unfinished.write_bytes(data)
        while True:
            name = _unique(name, taken)
            try:
                os.link(unfinished, folder / name)
                return name
            except FileExistsError:
                taken.add(Path(name).stem)
    finally:  # written or not (disk full, read-only, interrupted), the temporary file goes
        unfinished.unlink(missing_ok=True)


def remove_unfinished_uploads(folder: Path, *, older_than: float = UNFINISHED_AFTER) -> list[str]:
    """Delete what uploads cut off by a crash left behind: their temporary files (never read as
    articles), once older than ``older_than`` seconds so that an upload in progress is left alone.
    Returns their names; a folder that is missing or cannot be written is left as it is."""
    removed = []
    now = time.time()
    for path in folder.glob(f"{UNFINISHED}*.tmp") if folder.is_dir() else ():
        try:
            if now - path.stat().st_mtime >= older_than:
                path.unlink()
                removed.append(path.name)
        except OSError:
            continue
    return removed


def add_article(
    folder: Path,
    upload: str,
    data: bytes,
    *,
    lexicon: Lexicon | None = None,
    session: dict[str, bytes] | None = None,
    who: str = "",
) -> AddResult:
    """Check an uploaded file against the articles in ``folder`` and, if accepted, write it there;
    or, given a ``session`` (file name → bytes: the uploads of a browser session, where the folder
    is read-only), check it against those too and keep it there. Raises OSError when the folder
    cannot be written, and ``filelock.Timeout`` when other writers hold it too long.

    Several writers may add at once (sessions of a server, several servers): the file is read and
    extracted first, then, under the folder's lock, checked again against the files there now,
    named, and created without ever replacing one. Every article reported added is there; given
    ``who`` (the editor), the audit log says so."""
    existing, _ = read_files([folder])
    if session is not None:
        result = check_article(upload, data, existing + session_articles(session), lexicon=lexicon)
        if result.accepted:
            session[result.name] = data
        return result
    result = check_article(upload, data, existing, lexicon=lexicon)  # the slow part, unlocked
    if not result.accepted:
        return result
    folder.mkdir(parents=True, exist_ok=True)
    with corpus_lock(folder):
        existing, _ = read_files([folder])
        duplicate = _duplicate(upload, data, existing)
        if duplicate:
            return duplicate
        name = create_exclusively(folder, result.name, data, {a.document_id for a in existing})
        if who:
            audit.record(folder, who, "add_article", Path(name).stem, after={"file": name, "upload": upload})
    document = dataclasses.replace(result.document, id=Path(name).stem, path=name)
    return dataclasses.replace(result, name=name, document=document)


def remove_article(
    folder: Path, document_id: str, *, session: dict[str, bytes] | None = None, who: str = ""
) -> str:
    """Remove a document (its id is its file name without extension) and return its file name:
    given a ``session`` (a browser session's uploads, where the folder is not written), from those
    only; else by moving its file into the corpus's trash, from where it can be restored (and,
    given ``who``, a line in the audit log). Raises FileNotFoundError when no article has that id,
    OSError when the file cannot be moved."""
    if session is not None:
        for name in list(session):
            if Path(name).stem == document_id:
                del session[name]
                return name
        raise FileNotFoundError(f"no article {document_id!r} in this session")
    found = [
        path
        for path in (sorted(folder.iterdir()) if folder.is_dir() else ())
        if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES and path.stem == document_id
    ]
    if found:
        with corpus_lock(folder):
            if found[0].is_file():  # not removed by another writer meanwhile
                item = trash.put(folder, found[0])
                if who:
                    after = {"trash": item.key}
                    audit.record(
                        folder, who, "remove_article", document_id, before={"file": item.name}, after=after
                    )
                return item.name
    raise FileNotFoundError(f"no article {document_id!r} in {folder}")


def restore_article(folder: Path, key: str, *, who: str = "") -> str:
    """Put an article of the trash (``key``: its name there) back into the corpus and return its
    file name: its own name, or one with ``-2``… if the id was taken meanwhile. Raises
    FileNotFoundError for nothing of that key, ``FileExistsError`` when the corpus holds the same
    content already (the trash keeps it)."""
    with corpus_lock(folder):
        path = trash.path_of(folder, key)
        data = path.read_bytes()
        existing, _ = read_files([folder])
        duplicate = _duplicate(path.name, data, existing)
        if duplicate:
            raise FileExistsError(duplicate.details["file"])
        name = create_exclusively(folder, trash.original_name(key), data, {a.document_id for a in existing})
        path.unlink()
        if who:
            audit.record(
                folder, who, "restore_article", Path(name).stem, before={"trash": key}, after={"file": name}
            )
    return name


def session_articles(uploads: dict[str, bytes]) -> list[ArticleFile]:
    """Uploads kept in a browser session (file name → bytes) as article files of the corpus."""
    return [ArticleFile(Path(name), data, content_hash(data)) for name, data in uploads.items()]


def writable(folder: Path) -> bool:
    """Whether articles can be written into ``folder``: not when ``DASHBOARD_READ_ONLY`` is set (a
    hosted deployment shared by many people) or when a file cannot be created there."""
    if settings.read_only():
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False
