"""On-disk cache of extractions, keyed by the article's content and the versions of the lexicons
and of the code that extracted it: reopening a corpus costs a read, not an extraction.

Three kinds of entry: one per document (its extraction as JSON); one per whole corpus (its tables
as Arrow files in a ZIP archive); and one per folder scan (the corpus it found, by its files'
paths, sizes and times), so that reopening an unchanged folder reads neither its articles nor
anything but its tables.
Neither format can carry code: a cache folder that someone else can write can at worst make the
dashboard show wrong tables, never run anything. Every entry holds a checksum of its content; a
corrupt, foreign or unreadable entry is removed and counted as a miss, never returned.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.feather as feather

from dashboard import settings
from dashboard.pipeline.extraction import DocumentExtraction, Initiative, Mention
from dashboard.pipeline.lexicon import Lexicon
from dashboard.pipeline.read import Document, Paragraph, ReadError, ReadingNote
from dashboard.pipeline.structure import ParagraphContext
from dashboard.pipeline.tables import COLUMNS, LIST_COLUMNS, REPEATED_TEXT, Extraction, shared_strings
from dashboard.pipeline.text import Span

_MAGIC = b"DEDX3\n"  # format marker; a file without it is not ours
PIPELINE = Path(__file__).parent


@functools.cache
def code_version(folder: Path = PIPELINE) -> str:
    """A hash of every source file of the data layer (the ``pipeline`` folder, its learned
    models included): any change to the code that reads, extracts or tabulates invalidates what
    the cache holds."""
    digest = hashlib.sha256()
    for path in sorted([*folder.rglob("*.py"), *folder.rglob("*.json"), *folder.rglob("*.crfsuite")]):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


# --- documents as JSON ---------------------------------------------------------------------------


def document_record(extraction: DocumentExtraction) -> dict:
    """A document's extraction as plain JSON values (records as lists of their fields, in order:
    shallow copies, several times faster to write than ``dataclasses.asdict``)."""
    document = vars(extraction.document)
    return {
        "document": {
            **document,
            "paragraphs": [list(vars(p).values()) for p in document["paragraphs"]],
            "warnings": [[n.code, n.details] for n in document["warnings"]],
        },
        "contexts": [list(vars(c).values()) for c in extraction.contexts],
        "sentences": [(p, i, s.start, s.end, s.text) for p, i, s in extraction.sentences],
        "mentions": [list(vars(m).values()) for m in extraction.mentions],
        "initiatives": [list(vars(i).values()) for i in extraction.initiatives],
        "terms": extraction.terms,
        "projects": extraction.projects,
    }


def document_from_record(record: dict) -> DocumentExtraction:
    """The inverse of ``document_record``."""
    doc = record["document"]
    document = Document(
        **{
            **doc,
            "paragraphs": tuple(Paragraph(*p) for p in doc["paragraphs"]),
            **{key: tuple(doc[key]) for key in ("categories", "tags")},
            "warnings": tuple(ReadingNote(code, details) for code, details in doc["warnings"]),
        }
    )
    return DocumentExtraction(
        document=document,
        contexts=[ParagraphContext(*c) for c in record["contexts"]],
        sentences=[(p, i, Span(start, end, text)) for p, i, start, end, text in record["sentences"]],
        mentions=[Mention(*m) for m in record["mentions"]],
        initiatives=[Initiative(*i[:-3], *(tuple(names) for names in i[-3:])) for i in record["initiatives"]],
        terms=[tuple(t) for t in record["terms"]],
        projects=record["projects"],
    )


# --- corpus tables as Arrow --------------------------------------------------------------------


def tables_archive(extraction: Extraction) -> bytes:
    """The corpus tables as one ZIP archive of Arrow files (LZ4-compressed: read back four times as
    fast as Parquet), with the read errors as JSON."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, table in extraction.tables().items():
            if name == "documents":  # notes as JSON text: their details differ from code to code
                notes = table["warnings"].map(lambda ns: [json.dumps([n.code, n.details]) for n in ns])
                table = table.assign(warnings=notes)
            out = io.BytesIO()
            # each column in one piece, which the file cuts only every 64 Ki rows: a corpus's tables
            # are put together from its parts' (hundreds of small pieces at 10,000 articles), which
            # the file would otherwise keep as as many record batches, each read and converted alone
            arrow = pa.Table.from_pandas(table, preserve_index=False).combine_chunks()
            for column in REPEATED_TEXT.get(name, ()):  # each distinct value stored once
                if column in arrow.column_names and len(arrow):
                    index = arrow.column_names.index(column)
                    arrow = arrow.set_column(index, column, pc.dictionary_encode(arrow.column(column)))
            feather.write_feather(arrow, out, compression="lz4")
            archive.writestr(f"{name}.arrow", out.getvalue())
        errors = [dataclasses.asdict(e) for e in extraction.errors]
        archive.writestr("errors.json", json.dumps(errors, ensure_ascii=False))
    return buffer.getvalue()


def _frame(data: bytes, name: str) -> pd.DataFrame:
    table = feather.read_table(pa.BufferReader(data))
    lists = [c for c in LIST_COLUMNS.get(name, ()) if c in table.column_names]
    repeated = [c for c in REPEATED_TEXT.get(name, ()) if c in table.column_names and len(table)]
    frame = table.drop_columns(lists + repeated).to_pandas()
    for column in repeated:  # one string object per distinct value, from the stored dictionary
        frame[column] = pd.Series(shared_strings(table.column(column)), index=frame.index, dtype=object)
    for column in lists:
        frame[column] = table.column(column).to_pylist()  # lists, as the extraction made them
    if name == "documents" and "warnings" in frame:
        frame["warnings"] = [[ReadingNote(*json.loads(n)) for n in notes] for notes in frame["warnings"]]
    return frame[COLUMNS[name]] if len(frame.columns) else pd.DataFrame(columns=COLUMNS[name])


@contextlib.contextmanager
def _no_collection():
    """The garbage collector paused: the lists of a large corpus's tables are millions of new
    objects that all live on, and the collections they would set off (each walking every object
    the process holds) took three quarters of the time of reading them."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def tables_from_archive(data: bytes) -> Extraction:
    """The inverse of ``tables_archive``."""
    with _no_collection(), zipfile.ZipFile(io.BytesIO(data)) as archive:
        tables = {name: _frame(archive.read(f"{name}.arrow"), name) for name in COLUMNS}
        errors = [ReadError(**e) for e in json.loads(archive.read("errors.json"))]
    pa.default_memory_pool().release_unused()  # the Arrow buffers the tables were read from
    return Extraction(**tables, errors=errors)


class ExtractionCache:
    """A folder of cache entries; ``hits``, ``misses`` and ``rebuilt`` (corrupt entries found)
    count what happened."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder else settings.cache_folder() / "extractions"
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

    def listing_key(self, listing: list[str], lexicon: Lexicon) -> str:
        """The key of a folder scan's result: ``listing`` names every file as the scan saw it
        (path, size, times) without reading it."""
        text = "\n".join(listing) + f"\n{lexicon.version}:{code_version()}"
        return "listing-" + hashlib.sha256(text.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        suffix = ".tables" if key.startswith("corpus-") else ".json"
        return self.folder / key[-2:] / f"{key}{suffix}"

    # documents

    def get(self, content_hash: str, document_id: str, lexicon: Lexicon) -> DocumentExtraction | None:
        """The stored extraction of a document (by the hash of its file's bytes and its id)."""
        found = self._read(self.key(content_hash, document_id, lexicon), _decode_document)
        if found is not None and found.document.content_hash != content_hash:
            self.rebuilt += 1
            return None
        return found

    def put(self, extraction: DocumentExtraction, lexicon: Lexicon) -> None:
        document = extraction.document
        payload = json.dumps(document_record(extraction), ensure_ascii=False, separators=(",", ":"))
        self._write(self.key(document.content_hash, document.id, lexicon), payload.encode("utf-8"))

    # corpora

    def get_tables(self, key: str) -> Extraction | None:
        """The stored tables of a corpus (by ``corpus_key``)."""
        return self._read(key, tables_from_archive)

    def put_tables(self, key: str, extraction: Extraction) -> None:
        self._write(key, tables_archive(extraction))

    # folder scans

    def get_listing(self, key: str) -> tuple[str, list[ReadError]] | None:
        """The corpus key and the read errors that a folder scan (by ``listing_key``) came to
        when its files were last read."""
        return self._read(key, _decode_listing)

    def put_listing(self, key: str, corpus_key: str, errors: list[ReadError]) -> None:
        record = {"corpus": corpus_key, "errors": [dataclasses.asdict(e) for e in errors]}
        self._write(key, json.dumps(record, ensure_ascii=False).encode("utf-8"))

    # entries

    def _read(self, key: str, decode):
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        value = None
        payload = _payload(data)
        if payload is not None:
            try:
                value = decode(payload)
            except Exception:  # a checksum that matches a payload we cannot read: not ours
                value = None
        if value is None:
            self.rebuilt += 1
            self.misses += 1
            path.unlink(missing_ok=True)
            return None
        self.hits += 1
        return value

    def _write(self, key: str, payload: bytes) -> None:
        """Store atomically (write a temporary file, then rename), so that no reader, in this
        process or another, ever sees half an entry. A cache that cannot be written (read-only
        disk) is skipped silently: it is only a cache."""
        path = self._path(key)
        temporary = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
                temporary = Path(handle.name)
                handle.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, path)
        except OSError:
            if temporary:
                temporary.unlink(missing_ok=True)


def _payload(data: bytes) -> bytes | None:
    """The content of an entry whose marker and checksum are right, else None."""
    if not data.startswith(_MAGIC) or len(data) < len(_MAGIC) + 32:
        return None
    checksum, payload = data[len(_MAGIC) : len(_MAGIC) + 32], data[len(_MAGIC) + 32 :]
    return payload if hashlib.sha256(payload).digest() == checksum else None


def _decode_document(payload: bytes) -> DocumentExtraction:
    return document_from_record(json.loads(payload))


def _decode_listing(payload: bytes) -> tuple[str, list[ReadError]]:
    record = json.loads(payload)
    return record["corpus"], [ReadError(**e) for e in record["errors"]]
