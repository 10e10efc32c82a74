"""On-disk cache of per-document extractions, keyed by the article's content and the versions of
the lexicons and the code that extracted it: reopening a corpus costs a read, not an extraction."""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from dashboard.extract import DocumentExtraction
from dashboard.lexicon import Lexicon
from dashboard.text import cache_dir

_MAGIC = b"DEDX1\n"  # format marker; a file without it is not ours
_CODE_MODULES = (
    "ingest",
    "text",
    "structure",
    "entities",
    "extract",
    "lexicon",
    "taxonomy",
    "cache",
)


@functools.cache
def code_version() -> str:
    """A hash of the data layer's source: a new release of the code invalidates what it cached."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _CODE_MODULES:
        digest.update((package / f"{name}.py").read_bytes())
    return digest.hexdigest()[:16]


class ExtractionCache:
    """A folder of pickled extractions, each with a checksum: a corrupt or foreign entry is detected,
    removed and reported as a miss, never returned.

    Two kinds of entry: one per document (its DocumentExtraction), and one per whole corpus (its
    tables), so that reopening an unchanged corpus is one read."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder else cache_dir() / "extractions"
        self.hits = 0
        self.misses = 0
        self.rebuilt = 0

    def key(self, content_hash: str, document_id: str, lexicon: Lexicon) -> str:
        text = f"{content_hash}:{document_id}:{lexicon.version}:{code_version()}"
        return hashlib.sha256(text.encode()).hexdigest()

    def corpus_key(self, documents: list[tuple[str, str]], lexicon: Lexicon) -> str:
        """The key of a corpus's tables: its documents' (content hash, id) pairs, in order."""
        text = "\n".join(f"{h}:{i}" for h, i in documents) + f"\n{lexicon.version}:{code_version()}"
        return "corpus-" + hashlib.sha256(text.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[-2:] / f"{key}.pickle"

    def get(self, content_hash: str, document_id: str, lexicon: Lexicon) -> DocumentExtraction | None:
        """The stored extraction of a document (by the hash of its file's bytes and its id)."""
        found = self.load(self.key(content_hash, document_id, lexicon), DocumentExtraction)
        if found is not None and found.document.content_hash != content_hash:
            self.rebuilt += 1
            return None
        return found

    def put(self, extraction: DocumentExtraction, lexicon: Lexicon) -> None:
        document = extraction.document
        self.store(self.key(document.content_hash, document.id, lexicon), extraction)

    def load(self, key: str, kind: type) -> object | None:
        """The object stored under ``key`` if it is intact and of ``kind``; else None (a miss)."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        value = self._decode(data)
        if not isinstance(value, kind):
            self.rebuilt += 1
            self.misses += 1
            path.unlink(missing_ok=True)
            return None
        self.hits += 1
        return value

    @staticmethod
    def _decode(data: bytes) -> object | None:
        if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + 32:
            return None
        checksum, payload = data[len(_MAGIC) : len(_MAGIC) + 32], data[len(_MAGIC) + 32 :]
        if hashlib.sha256(payload).digest() != checksum:
            return None
        try:
            return pickle.loads(payload)  # only files this class wrote pass the checksum above
        except Exception:
            return None

    def store(self, key: str, value: object) -> None:
        """Store atomically (write a temporary file, then rename), so a crash leaves no half entry.
        A cache that cannot be written (read-only disk) is skipped silently: it is only a cache."""
        path = self._path(key)
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        data = _MAGIC + hashlib.sha256(payload).digest() + payload
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
                handle.write(data)
            os.replace(handle.name, path)
        except OSError:
            return
