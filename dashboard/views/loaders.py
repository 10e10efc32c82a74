"""Cached loaders: the corpus is extracted once per change of its files, its lexicon or the uploads
kept in the session, never per filter change."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from urllib.parse import parse_qs

import pandas as pd
import streamlit as st

from dashboard import settings
from dashboard.pipeline.cache import ExtractionCache
from dashboard.pipeline.corpus import ArticleFile, extract_paths
from dashboard.pipeline.lexicon import Lexicon, load_lexicon, read_lexicon_files
from dashboard.pipeline.tables import Extraction
from dashboard.present import charts, cloud
from dashboard.query import filters as url_filters
from dashboard.query import view_data
from dashboard.store.articles import remove_unfinished_uploads, session_articles
from dashboard.store.lexicon_edits import build_lexicon


def corpus_signature(folder: Path) -> str:
    """A digest of the name, size and modification time of every file (but hidden ones: uploads
    being written, the writers' lock): it changes whenever an article does. Short, so that cache keys hash quickly."""
    digest = hashlib.blake2b(digest_size=16)
    if folder.is_file():
        stat = folder.stat()
        digest.update(f"{folder}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for root, dirs, files in os.walk(folder) if folder.is_dir() else ():
        dirs.sort()
        for name in sorted(files):
            if name.startswith("."):  # uploads being written, the writers' lock
                continue
            path = os.path.join(root, name)
            try:
                stat = os.stat(path)
            except OSError:  # gone between the listing and now: the next run sees it
                continue
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


# Session state where the folders cannot be written (a hosted deployment): uploaded articles
# (file name → bytes) and the edited lexicon (file name → text).
SESSION_UPLOADS = "corpus_session_uploads"
SESSION_LEXICON = "lexicon_session_files"


def session_uploads() -> dict[str, bytes]:
    return st.session_state.setdefault(SESSION_UPLOADS, {})


def lexicon_files() -> dict[str, str]:
    """The texts of the lexicon in use: edited in this session, else saved in the lexicon folder."""
    return st.session_state.get(SESSION_LEXICON) or read_lexicon_files(settings.lexicon_folder())


@st.cache_resource(show_spinner=False, max_entries=8)
def _lexicon(files: tuple[tuple[str, str], ...]) -> Lexicon:
    return build_lexicon(dict(files))


def lexicon_from(files: dict[str, str]) -> Lexicon:
    """A lexicon from its file texts (an edit being previewed, or kept in the session)."""
    return _lexicon(tuple(sorted(files.items())))


def lexicon() -> Lexicon:
    """The lexicon in use (its version changes whenever one of its files does)."""
    files = st.session_state.get(SESSION_LEXICON)
    return lexicon_from(files) if files else load_lexicon(settings.lexicon_folder())


@st.cache_resource(show_spinner="正在读取文章… Reading articles…", max_entries=4)
def _extract(
    folder: str, signature: str, lexicon_version: str, uploads: tuple, _lexicon: Lexicon, _extra: tuple
) -> Extraction:
    # A resource, not data: every session shares the one copy (pages never modify it), and the
    # on-disk cache makes a restart or a changed file cost a read, not a re-extraction.
    remove_unfinished_uploads(Path(folder))
    return extract_paths([folder], extra=_extra, lexicon=_lexicon, cache=ExtractionCache())


def _source() -> tuple[tuple, Lexicon, tuple[ArticleFile, ...]]:
    """What the extraction is of: its cache key, and the lexicon and session uploads behind it."""
    folder = settings.corpus_folder()
    lex = lexicon()
    extra = tuple(session_articles(session_uploads()))
    uploads = tuple((a.path.name, a.content_hash) for a in extra)
    return (str(folder), corpus_signature(folder), lex.version, uploads), lex, extra


def load_extraction() -> Extraction:
    """The extraction of the corpus folder and this session's uploads, from cache unless a file,
    an upload or the lexicon changed."""
    key, lex, extra = _source()
    return _extract(*key, lex, extra)


@st.cache_data(show_spinner=False, max_entries=64)
def _network(source: tuple, query: str, top_terms: int, colour_by: str, _extraction: Extraction):
    filters = url_filters.parse(parse_qs(query))
    view = view_data.network(_extraction, filters, top_terms=top_terms)
    if view.edges.empty:
        return None, view.edges
    present = filters.present  # names and markers drawn larger, for a wider page without a sidebar
    figure = charts.network(
        view.nodes,
        view.edges,
        view.positions,
        lang=filters.lang,
        colour_by=colour_by,
        scale=charts.scale_for(filters),
        widths=charts.ROOM_WIDTHS if present else charts.DESK_WIDTHS,
    )
    return figure, view.edges


def network(filters: url_filters.Filters, *, top_terms: int, colour_by: str):
    """The network figure and its edge list for these filters (``None`` when there are no edges).

    Layout and figure take ~0.1 s, so they are cached per view like the extraction itself.
    """
    key, lex, extra = _source()
    return _network(key, url_filters.query_string(filters), top_terms, colour_by, _extract(*key, lex, extra))


@st.cache_data(show_spinner=False, max_entries=64)
def word_cloud(terms: pd.DataFrame, measure: str, sectors: dict[str, str], label: str) -> str | None:
    """The word cloud's SVG (its layout takes a few tenths of a second), cached per set of words;
    ``None`` on a server without the CJK font."""
    try:
        return cloud.word_cloud_svg(terms, measure, sectors=sectors, label=label)
    except cloud.FontMissing:
        return None


@st.cache_data(show_spinner=False, max_entries=64)
def _keywords(
    source: tuple,
    query: str,
    measure: str,
    top: int,
    split: bool,
    names: bool,
    _extraction: Extraction,
    _lexicon: Lexicon,
) -> view_data.Keywords:
    filters = url_filters.parse(parse_qs(query))
    return view_data.keywords(
        _extraction, filters, measure=measure, top=top, split=split, names=names, lexicon=_lexicon
    )


def keywords(
    filters: url_filters.Filters, *, measure: str, top: int, split: bool, names: bool = True
) -> view_data.Keywords:
    """The keywords view for these filters and choices, cached per view; without the names of
    places and organizations unless ``names``. The selected term's contexts are not part of it
    (``view_data.term_contexts``): choosing a term does not rank the terms again."""
    key, lex, extra = _source()
    query = url_filters.query_string(filters.replace(term=""))
    return _keywords(key, query, measure, top, split, names, _extract(*key, lex, extra), lex)
