"""Cached loaders: the corpus is extracted once per change of its files, never per filter change."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs

import streamlit as st

from dashboard import charts, extract_paths, state, term_frequencies, textrank, tfidf
from dashboard.cache import ExtractionCache
from dashboard.corpus import Extraction
from dashboard.filtering import sentence_view
from dashboard.keywords import main_sectors
from dashboard.network import network_view

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


@st.cache_resource(show_spinner="正在读取文章… Reading articles…", max_entries=4)
def _extract(folder: str, signature: tuple) -> Extraction:
    # A resource, not data: every session shares the one copy (pages never modify it), and the
    # on-disk cache makes a restart or a changed file cost a read, not a re-extraction.
    return extract_paths([folder], cache=ExtractionCache())


def load_extraction() -> Extraction:
    """The extraction of the corpus folder, from cache unless a file changed."""
    folder = corpus_folder()
    return _extract(str(folder), corpus_signature(folder))


@st.cache_data(show_spinner=False, max_entries=64)
def _network(folder: str, signature: tuple, query: str, top_terms: int, colour_by: str):
    extraction = _extract(folder, signature)
    filters = state.parse(parse_qs(query))
    nodes, edges, positions = network_view(extraction, filters, top_terms=top_terms)
    if edges.empty:
        return None, edges
    figure = charts.network(nodes, edges, positions, lang=filters.lang, colour_by=colour_by)
    return figure, edges


def network(filters: state.Filters, *, top_terms: int, colour_by: str):
    """The network figure and its edge list for these filters (``None`` when there are no edges).

    Layout and figure take ~0.1 s, so they are cached per view like the extraction itself.
    """
    folder = corpus_folder()
    return _network(str(folder), corpus_signature(folder), state.query_string(filters), top_terms, colour_by)


RANKINGS = {"count": term_frequencies, "tfidf": tfidf, "textrank": textrank}


@st.cache_data(show_spinner=False, max_entries=64)
def _keywords(folder: str, signature: tuple, query: str, measure: str, top: int, split: bool):
    extraction = _extract(folder, signature)
    terms = sentence_view(extraction.terms, extraction.sentences, state.parse(parse_qs(query)))
    if terms.empty:
        return terms, terms, {}
    rank = RANKINGS[measure]
    top_terms = rank(terms, top=top)
    table = top_terms
    if split:
        by_sector = rank(terms, by="sector", top=len(terms))
        table = by_sector[by_sector["term"].isin(top_terms["term"])]
    return top_terms, table, main_sectors(terms)


def keywords(filters: state.Filters, *, measure: str, top: int, split: bool):
    """The top terms, the table to chart (split by sector or not), and each term's main sector."""
    folder = corpus_folder()
    query = state.query_string(filters.replace(term=""))  # the selected term does not change them
    return _keywords(str(folder), corpus_signature(folder), query, measure, top, split)
