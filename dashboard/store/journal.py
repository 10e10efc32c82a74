"""Files of records beside the corpus, one JSON object a line, only ever appended to: the
corrections and the audit log. They live in the corpus folder's hidden ``.dashboard/`` folder
(never read as articles), and every append takes that folder's lock, so writers of several
threads or server processes never interleave half lines or lose one.

    >>> import tempfile
    >>> corpus = Path(tempfile.mkdtemp())
    >>> append(corpus, "notes.jsonl", {"what": "一"})
    >>> append(corpus, "notes.jsonl", {"what": "二"})
    >>> [r["what"] for r in read(corpus, "notes.jsonl")]
    ['一', '二']
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock

STATE = ".dashboard"  # hidden: the reader lists only article files, the signature skips dotfolders
LOCK_FILE = ".journal.lock"
LOCK_TIMEOUT = 60


def state_folder(corpus: Path) -> Path:
    """Where the records of a corpus folder are kept: ``<corpus>/.dashboard/``."""
    return Path(corpus) / STATE


def lock(corpus: Path) -> FileLock:
    """The lock of a corpus folder's records, across threads and processes."""
    folder = state_folder(corpus)
    folder.mkdir(parents=True, exist_ok=True)
    return FileLock(folder / LOCK_FILE, timeout=LOCK_TIMEOUT)


def now() -> str:
    """The time of a record: UTC, to the second, ISO 8601 (``2026-11-27T01:02:03+00:00``)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _line(record: dict) -> bytes:
    return (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def append(corpus: Path, name: str, *records: dict, locked: bool = False) -> None:
    """Append ``records`` to the file ``name`` of the corpus's records, each as one line, written
    with one ``write`` under the lock (``locked``: the caller holds it already) and synced."""
    if not records:
        return
    data = b"".join(_line(r) for r in records)
    path = state_folder(corpus) / name
    if locked:
        _write(path, data)
        return
    with lock(corpus):
        _write(path, data)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def read(corpus: Path, name: str) -> list[dict]:
    """The records of the file ``name``, oldest first; a line that is not a JSON object (a file
    cut off by a full disk) is skipped."""
    path = state_folder(corpus) / name
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return []
    return list(_records(text.splitlines()))


def _records(lines: Iterable[str]) -> Iterable[dict]:
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            yield record


def signature(corpus: Path, name: str) -> str:
    """Size and modification time of a records file ("" when there is none): it changes with
    every append, so a cache keyed on it is rebuilt."""
    try:
        stat = (state_folder(corpus) / name).stat()
    except OSError:
        return ""
    return f"{stat.st_size}:{stat.st_mtime_ns}"
