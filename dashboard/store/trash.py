"""The trash of a corpus folder: a removed article's file is moved into
``<corpus>/.dashboard/trash/`` (never read as an article) under a name that says when, and can be
put back (``articles.restore_article``). Nothing in it is deleted by the dashboard.

    >>> import tempfile
    >>> corpus = Path(tempfile.mkdtemp())
    >>> _ = (corpus / "a.txt").write_text("江州观察\\n江州市建设江州大数据产业园。", encoding="utf-8")
    >>> item = put(corpus, corpus / "a.txt")
    >>> (corpus / "a.txt").exists(), [i.name for i in items(corpus)]
    (False, ['a.txt'])
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dashboard.store import journal

TRASH = "trash"
_STAMP = "%Y%m%dT%H%M%S%fZ"
_SEPARATOR = "--"


@dataclass(frozen=True)
class TrashItem:
    """A removed article: ``key`` is its file name in the trash, ``name`` the name it had in the
    corpus, ``removed_at`` when (UTC, ISO 8601)."""

    key: str
    name: str
    removed_at: str

    @property
    def document_id(self) -> str:
        return Path(self.name).stem


def folder(corpus: Path) -> Path:
    return journal.state_folder(corpus) / TRASH


def put(corpus: Path, path: Path) -> TrashItem:
    """Move an article file of ``corpus`` into its trash (a rename: the file is in one place or the
    other, never lost). The caller holds the corpus's lock."""
    trash = folder(corpus)
    trash.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC)
    key = f"{stamp.strftime(_STAMP)}{_SEPARATOR}{path.name}"
    os.replace(path, trash / key)
    return TrashItem(key, path.name, stamp.replace(microsecond=0).isoformat())


def _item(key: str) -> TrashItem | None:
    stamp, sep, name = key.partition(_SEPARATOR)
    try:
        when = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return TrashItem(key, name, when.replace(microsecond=0).isoformat()) if sep and name else None


def original_name(key: str) -> str:
    """The file name an article of the trash had in the corpus."""
    return key.partition(_SEPARATOR)[2]


def items(corpus: Path) -> list[TrashItem]:
    """What the trash holds, the latest removed first."""
    trash = folder(corpus)
    found = [_item(p.name) for p in trash.iterdir() if p.is_file()] if trash.is_dir() else []
    return sorted((i for i in found if i), key=lambda i: i.key, reverse=True)


def path_of(corpus: Path, key: str) -> Path:
    """The file of a trash item; raises FileNotFoundError for a key that names none (or names
    anything outside the trash)."""
    item = _item(key)
    path = folder(corpus) / key
    if item is None or Path(key).name != key or not path.is_file():
        raise FileNotFoundError(f"nothing called {key!r} in the trash")
    return path
