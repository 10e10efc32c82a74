"""Every setting of the dashboard: the environment variables it reads, each with its default and
meaning, in one place. The README documents each of them (a test checks).

    >>> [setting.name for setting in SETTINGS]  # doctest: +NORMALIZE_WHITESPACE
    ['DASHBOARD_CORPUS', 'DASHBOARD_LEXICON', 'DASHBOARD_CACHE_DIR', 'DASHBOARD_MAX_BYTES',
     'DASHBOARD_TIME_LIMIT', 'DASHBOARD_READ_ONLY', 'DASHBOARD_EDITORS']
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_ARTICLES = PROJECT_ROOT / "data" / "articles"
BUNDLED_LEXICON = PROJECT_ROOT / "data" / "lexicon"
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_TIME_LIMIT = 60.0


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    meaning: str

    def value(self) -> str:
        """The value set in the environment, stripped ("" when unset)."""
        return os.environ.get(self.name, "").strip()


CORPUS = Setting("DASHBOARD_CORPUS", "data/articles", "the folder of articles the app opens")
LEXICON = Setting("DASHBOARD_LEXICON", "data/lexicon", "the lexicon folder read and written by /lexicon")
CACHE_DIR = Setting(
    "DASHBOARD_CACHE_DIR",
    "~/.cache/digital-economy-dashboard",
    "where extractions and jieba's dictionary cache are kept (else the temporary folder)",
)
MAX_BYTES = Setting("DASHBOARD_MAX_BYTES", str(DEFAULT_MAX_BYTES), "the largest article file read, in bytes")
TIME_LIMIT = Setting(
    "DASHBOARD_TIME_LIMIT", f"{DEFAULT_TIME_LIMIT:g}", "seconds one article's extraction may take"
)
READ_ONLY = Setting(
    "DASHBOARD_READ_ONLY", "", "1 keeps uploads and lexicon edits in the browser session (a shared host)"
)
EDITORS = Setting(
    "DASHBOARD_EDITORS",
    "",
    "with sign-in configured: the e-mail addresses of the editors, who change the shared corpus, "
    "lexicon and corrections",
)
SETTINGS = (CORPUS, LEXICON, CACHE_DIR, MAX_BYTES, TIME_LIMIT, READ_ONLY, EDITORS)


def corpus_folder() -> Path:
    """``DASHBOARD_CORPUS`` if set, else the bundled ``data/articles``."""
    value = CORPUS.value()
    return Path(value).expanduser().resolve() if value else BUNDLED_ARTICLES


def lexicon_folder() -> Path:
    """``DASHBOARD_LEXICON`` if set, else the project's ``data/lexicon``."""
    value = LEXICON.value()
    return Path(value).expanduser() if value else BUNDLED_LEXICON


def cache_folder() -> Path:
    """A writable folder for caches: ``DASHBOARD_CACHE_DIR``, ``~/.cache/…``, or the temp folder
    (hosted file systems may be read-only)."""
    for candidate in (CACHE_DIR.value(), Path.home() / ".cache" / "digital-economy-dashboard"):
        if not candidate:
            continue
        path = Path(candidate)
        try:
            path.mkdir(parents=True, exist_ok=True)
            probe = path / ".write-probe"
            probe.write_text("")
            probe.unlink()
            return path
        except OSError:
            continue
    path = Path(tempfile.gettempdir()) / "digital-economy-dashboard"
    path.mkdir(parents=True, exist_ok=True)
    return path


def max_bytes() -> int:
    """The size limit for one article: ``DASHBOARD_MAX_BYTES`` or 5 MB.

    >>> max_bytes()
    5000000
    """
    value = MAX_BYTES.value()
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_BYTES


def time_limit() -> float:
    """Seconds one document's extraction may take: ``DASHBOARD_TIME_LIMIT`` or 60."""
    try:
        return float(TIME_LIMIT.value() or DEFAULT_TIME_LIMIT)
    except ValueError:
        return DEFAULT_TIME_LIMIT


def read_only() -> bool:
    """Whether ``DASHBOARD_READ_ONLY`` asks to keep every change in the browser session."""
    return READ_ONLY.value().lower() in ("1", "true", "yes")


def editors() -> frozenset[str]:
    """The editors' e-mail addresses (``DASHBOARD_EDITORS``: separated by commas, semicolons or
    spaces), in lower case.

    >>> editors()
    frozenset()
    """
    return frozenset(a.lower() for a in re.split(r"[,;\s]+", EDITORS.value()) if "@" in a)


def keep_matplotlib_in_the_cache_folder() -> None:
    """matplotlib (which the word cloud's layout imports) writes a font list into ``~/.config`` and
    ``~/.cache`` unless ``MPLCONFIGDIR`` says where; put it in ``cache_folder()``, not elsewhere."""
    os.environ.setdefault("MPLCONFIGDIR", str(cache_folder() / "matplotlib"))
