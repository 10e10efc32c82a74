"""Cached loaders: the corpus is extracted once per change of its files, its lexicon or the uploads
kept in the session, never per filter change."""

from __future__ import annotations

import gc
import hashlib
import os
import threading
import time
import weakref
from collections import OrderedDict
from pathlib import Path
from urllib.parse import parse_qs

import pandas as pd
import pyarrow as pa
import streamlit as st

from dashboard import settings
from dashboard.pipeline.cache import ExtractionCache
from dashboard.pipeline.corpus import ArticleFile, extract_paths
from dashboard.pipeline.lexicon import Lexicon, load_lexicon, read_lexicon_files
from dashboard.pipeline.tables import Extraction
from dashboard.present import charts, shown
from dashboard.query import filters as url_filters
from dashboard.query import view_data
from dashboard.store import corrections
from dashboard.store.articles import remove_unfinished_uploads, session_articles
from dashboard.store.lexicon_edits import Preview, build_lexicon
from dashboard.store.lexicon_edits import preview as lexicon_preview


def corpus_signature(folder: Path) -> str:
    """A digest of the name, size and modification time of every file (but hidden ones: uploads
    being written, the writers' lock): it changes whenever an article does. Short, so that cache keys hash quickly."""
    digest = hashlib.blake2b(digest_size=16)
    if folder.is_file():
        stat = folder.stat()
        digest.update(f"{folder}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for root, dirs, files in os.walk(folder) if folder.is_dir() else ():
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # the editors' records, the trash
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


# A whole scan of a folder of 10,000 articles takes a third of a second: a run reuses the last one
# while the folder itself is unchanged (a file added, removed or renamed, as uploads are, changes
# it at once, and is scanned in the run) and the scan is recent. A scan that is due is made in the
# background, and the run that starts it waits for it only briefly: a small folder's edits are seen
# by that run, a large one's by the first run after the scan (within seconds).
RESCAN_SECONDS = 2.0
SCAN_WAIT_SECONDS = 0.05  # a run waits this long for the scan it started (a folder of some hundred files)
_scans: dict[str, tuple[float, int | None, str]] = {}  # folder → (rescan due, its mtime, signature)
_rescans: dict[str, threading.Thread] = {}  # folder → its scan under way in the background
_scans_lock = threading.Lock()


def _scan(folder: Path, stamp: int | None, *, background: bool = False) -> str:
    """Scan ``folder`` (whose mtime was ``stamp``) and keep its signature; a scan in the background
    keeps it only if no run scanned a newer state of the folder meanwhile."""
    start = time.monotonic()
    signature = corpus_signature(folder)
    took = time.monotonic() - start
    with _scans_lock:  # kept until: the next scan is due
        kept = _scans.get(str(folder))
        if not background or kept is None or kept[1] == stamp:
            _scans[str(folder)] = (start + max(RESCAN_SECONDS, 10 * took), stamp, signature)
    return signature


def current_signature(folder: Path) -> str:
    """``corpus_signature(folder)``: scanned in this run when the folder changed; otherwise the last
    scan's, and once it is older than ``RESCAN_SECONDS`` (or ten times what the scan took, for a
    very large folder) a new scan starts in the background, which this run waits for only
    ``SCAN_WAIT_SECONDS``: the runs after it see what a longer scan finds."""
    try:
        stamp = folder.stat().st_mtime_ns
    except OSError:
        stamp = None
    rescan = None
    with _scans_lock:
        kept = _scans.get(str(folder))
        if kept is not None and kept[1] == stamp:
            rescan = _rescans.get(str(folder))
            if time.monotonic() >= kept[0] and (rescan is None or not rescan.is_alive()):
                rescan = _rescans[str(folder)] = threading.Thread(
                    target=_scan,
                    args=(folder, stamp),
                    kwargs={"background": True},
                    name="corpus-scan",
                    daemon=True,
                )
                rescan.start()
    if kept is None or kept[1] != stamp:  # new, or a file added, removed or renamed
        return _scan(folder, stamp)
    if rescan is not None and rescan.is_alive():  # a small folder's scan is over within the wait
        rescan.join(SCAN_WAIT_SECONDS)
    with _scans_lock:
        return _scans[str(folder)][2]


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


@st.cache_resource(show_spinner=False, max_entries=256)
def _preview(version: str, paragraph: str, _lexicon: Lexicon) -> Preview:
    return lexicon_preview(paragraph, _lexicon)


def preview(paragraph: str, lexicon: Lexicon) -> Preview:
    """How ``lexicon`` segments ``paragraph`` and the projects it finds there, once per lexicon
    version and paragraph."""
    return _preview(lexicon.version, paragraph, lexicon)


@st.cache_resource(show_spinner="正在读取文章… Reading articles…", max_entries=4)
def _extract(
    folder: str, signature: str, lexicon_version: str, uploads: tuple, _lexicon: Lexicon, _extra: tuple
) -> Extraction:
    # A resource, not data: every session shares the one copy (pages never modify it), and the
    # on-disk cache makes a restart or a changed file cost a read, not a re-extraction.
    remove_unfinished_uploads(Path(folder))
    extraction = extract_paths([folder], extra=_extra, lexicon=_lexicon, cache=ExtractionCache())
    # The tables of 10,000 articles hold millions of Python objects, which the garbage collector
    # would walk on each full collection (1,000 articles: 0.12 s each) though they live until the
    # corpus changes: set them aside (they are still freed when no longer referenced).
    gc.collect()
    gc.freeze()
    return extraction


class _Kept:
    """The last ``size`` values built, by key, shared by every session and thread: what
    ``st.cache_resource`` keeps, without hashing its arguments and reading its function's signature
    on every call (a tenth of a quick rerun, called once or more per page). Keys are tuples of
    strings and numbers. A value missing is built once: sessions that ask for it meanwhile wait
    for it (a room opening one link after the corpus changed)."""

    def __init__(self, size: int) -> None:
        self.size, self.values, self.lock = size, OrderedDict(), threading.Lock()
        self.building: dict[tuple, threading.Lock] = {}

    def get(self, key: tuple, build):
        with self.lock:
            if key in self.values:
                self.values.move_to_end(key)
                return self.values[key]
            building = self.building.setdefault(key, threading.Lock())
        with building:
            with self.lock:
                if key in self.values:  # built by another session while this one waited
                    return self.values[key]
            try:
                value = build()
            finally:
                with self.lock:
                    self.building.pop(key, None)
            with self.lock:
                self.values[key] = value
                while len(self.values) > self.size:
                    self.values.popitem(last=False)
        return value


_extractions = _Kept(4)


def _corrected(key: tuple, lex: Lexicon, extra: tuple[ArticleFile, ...]) -> Extraction:
    """The extraction with the editors' corrections laid over it, rebuilt when what it is of
    changes (``_source``'s key: the corpus, the lexicon, the uploads, the corrections' file)."""
    folder, signature, lexicon_version, uploads, _ = key

    def build() -> Extraction:
        extraction = _extract(folder, signature, lexicon_version, uploads, lex, extra)
        return corrections.apply_corrections(extraction, corrections.load(Path(folder)))

    return _extractions.get(key, build)


def _source() -> tuple[tuple, Lexicon, tuple[ArticleFile, ...]]:
    """What the extraction is of: its cache key, and the lexicon and session uploads behind it."""
    folder = settings.corpus_folder()
    lex = lexicon()
    extra = tuple(session_articles(session_uploads()))
    uploads = tuple((a.path.name, a.content_hash) for a in extra)
    key = (str(folder), current_signature(folder), lex.version, uploads, corrections.signature(folder))
    return key, lex, extra


# What this run of the app reads, worked out once at its start (``start_run``) and reused by the
# page: the corpus's cache key, the lexicon, the session's uploads and the extraction.
THIS_RUN = "loaders_this_run"


def start_run() -> Extraction:
    """The extraction for this run, worked out afresh; ``app.py`` calls it first in every run
    (after the callbacks, which may have changed the corpus or the lexicon), so that the page's
    ``load_extraction`` and ``page_part`` need not look again."""
    st.session_state.pop(THIS_RUN, None)
    key, lex, extra = _source()
    extraction = _corrected(key, lex, extra)
    st.session_state[THIS_RUN] = (key, lex, extra, extraction)
    return extraction


def _this_run() -> tuple[tuple, Lexicon, tuple[ArticleFile, ...], Extraction]:
    found = st.session_state.get(THIS_RUN)
    if found is None:  # a page run on its own
        key, lex, extra = _source()
        found = (key, lex, extra, _corrected(key, lex, extra))
    return found


def load_extraction() -> Extraction:
    """The extraction of the corpus folder and this session's uploads, from cache unless a file,
    an upload or the lexicon changed."""
    return _this_run()[3]


_parts = _Kept(256)


def page_part(part: str, filters: url_filters.Filters, *choices, lexicon: bool = False):
    """``shown.<part>(extraction, filters, *choices)`` (and ``lexicon=`` the lexicon in use), built
    once per view and corpus and shared by every session: a resource, not data, so that a rerun
    gets it without a copy (unpickling a plotly figure costs as much as building it). Pages only
    read what they get."""
    key, lex, _, extraction = _this_run()
    query = url_filters.query_string(filters)

    def build():
        extra = (lex,) if lexicon else ()
        return getattr(shown, part)(extraction, url_filters.parse(parse_qs(query)), *choices, *extra)

    return _parts.get((key, part, query, choices, lexicon), build)


def offered_documents(filters: url_filters.Filters) -> tuple[dict[str, str], list[str]]:
    """Every document's title by id, and the documents a page offers to choose from: those the
    filters chose, or else all of them, or in a large corpus the newest and those the search finds
    (both worked out once per corpus and search)."""
    titles = page_part("document_titles", url_filters.Filters())
    chosen = [d for d in filters.docs if d in titles]
    return titles, chosen or page_part("document_choices", url_filters.Filters(q=filters.q))


def _network(extraction: Extraction, query: str, top_terms: int, colour_by: str):
    filters = url_filters.parse(parse_qs(query))
    view = view_data.network(extraction, filters, top_terms=top_terms)
    if view.edges.empty:
        return None, view.edges, view
    present = filters.present  # names and markers drawn larger, for a wider page without a sidebar
    figure = charts.network(
        view.nodes,
        view.drawn,
        view.positions,
        lang=filters.lang,
        colour_by=colour_by,
        scale=charts.scale_for(filters),
        widths=charts.ROOM_WIDTHS if present else charts.DESK_WIDTHS,
    )
    return charts.frozen(figure), view.edges, view


def network(filters: url_filters.Filters, *, top_terms: int, colour_by: str):
    """The network figure, its edge list and its view for these filters (the figure ``None``
    when there are no edges).

    Layout and figure take ~0.1 s, so they are cached per view like the extraction itself.
    """
    key, _, _, extraction = _this_run()
    query = url_filters.query_string(filters)
    return _parts.get(
        (key, "network", query, top_terms, colour_by),
        lambda: _network(extraction, query, top_terms, colour_by),
    )


# The Arrow tables of frames shown (``arrow_table``), by the frame's identity, rows and columns: forgotten
# with their frame, which a view's parts keep as long as the view is kept.
_tables: dict[tuple, tuple[weakref.ref, pa.Table]] = {}


def arrow_table(
    frame: pd.DataFrame, rows: int | None = None, columns: list[str] | None = None
) -> pa.Table | pd.DataFrame:
    """The first ``rows`` of ``frame`` (all without it), ``columns`` of them (all without it), as
    the Arrow table ``st.dataframe`` sends: converted once per frame of a kept view
    (``page_part``), not on every run (converting was a twentieth of a run's time). A frame that
    Arrow cannot take as it is goes to ``st.dataframe`` as a frame, which mends its types."""
    key = (id(frame), rows, None if columns is None else tuple(columns))
    found = _tables.get(key)
    if found is not None and found[0]() is frame:
        return found[1]
    shown = frame if rows is None else frame.head(rows)
    shown = shown if columns is None else shown[list(columns)]
    try:
        converted = pa.Table.from_pandas(shown)
    except (pa.ArrowException, OverflowError):
        return shown
    _tables[key] = (weakref.ref(frame, lambda _: _tables.pop(key, None)), converted)
    return converted
