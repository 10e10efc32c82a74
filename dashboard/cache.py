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
    """A folder of pickled DocumentExtractions, each with a checksum: a corrupt or foreign entry is
    detected, removed and reported as a miss, never returned."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder else cache_dir() / "extractions"
        self.hits = 0
        self.misses = 0
        self.rebuilt = 0

    def key(self, content_hash: str, lexicon: Lexicon) -> str:
        return hashlib.sha256(
            f"{content_hash}:{lexicon.version}:{code_version()}".encode()
        ).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, content_hash: str, lexicon: Lexicon) -> DocumentExtraction | None:
        path = self._path(self.key(content_hash, lexicon))
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        extraction = self._decode(data)
        if extraction is None or extraction.document.content_hash != content_hash:
            self.rebuilt += 1
            self.misses += 1
            path.unlink(missing_ok=True)
            return None
        self.hits += 1
        return extraction

    @staticmethod
    def _decode(data: bytes) -> DocumentExtraction | None:
        if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + 32:
            return None
        checksum, payload = data[len(_MAGIC) : len(_MAGIC) + 32], data[len(_MAGIC) + 32 :]
        if hashlib.sha256(payload).digest() != checksum:
            return None
        try:
            value = pickle.loads(payload)  # only files this class wrote pass the checksum above
        except Exception:
            return None
        return value if isinstance(value, DocumentExtraction) else None

    def put(self, extraction: DocumentExtraction, lexicon: Lexicon) -> None:
        """Store atomically (write a temporary file, then rename), so a crash leaves no half entry.
        A cache that cannot be written (read-only disk) is skipped silently: it is only a cache."""
        path = self._path(self.key(extraction.document.content_hash, lexicon))
        payload = pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL)
        data = _MAGIC + hashlib.sha256(payload).digest() + payload
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                dir=path.parent, delete=False, suffix=".tmp"
            ) as handle:
                handle.write(data)
            os.replace(handle.name, path)
        except OSError:
            return
