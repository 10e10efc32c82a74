"""Cached loaders: the corpus is extracted once per change of its files, never per filter change."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from dashboard import extract_paths
from dashboard.corpus import Extraction

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT / "data" / "articles"


def corpus_folder() -> Path:
    """``DASHBOARD_CORPUS`` if set, else the bundled ``data/articles``."""
    configured = os.environ.get("DASHBOARD_CORPUS", "").strip()
    return Path(configured).expanduser().resolve() if configured else DEFAULT_CORPUS


def corpus_signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file: a new value whenever an article changes."""
    if not folder.exists():
        return ()
    files = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
    signature = []
    for path in files:
        stat = path.stat()
        signature.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(signature)


@st.cache_data(show_spinner="正在读取文章… Reading articles…", max_entries=4)
def _extract(folder: str, signature: tuple) -> Extraction:
    return extract_paths([folder])


def load_extraction() -> Extraction:
    """The extraction of the corpus folder, from cache unless a file changed."""
    folder = corpus_folder()
    return _extract(str(folder), corpus_signature(folder))
