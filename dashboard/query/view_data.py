"""What each view shows, computed once: one pure function per page, called by the page (which then
only draws) and by the HTML report, so a figure in one can never disagree with the other.

    >>> from dashboard import extract_paths
    >>> view = overview(extract_paths(["data/articles"]), Filters(sectors=("agriculture",)))
    >>> sorted(view.figures), set(view.projects["sector"])
    (['initiatives', 'organizations', 'places', 'projects'], {'agriculture'})
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from dashboard.pipeline.lexicon import Lexicon, load_lexicon
from dashboard.pipeline.tables import Extraction
from dashboard.query.filtering import filter_table, projects_view, sentence_view
from dashboard.query.filters import Filters
from dashboard.query.keywords import DEFAULT_RANKING, RANKINGS, kwic, main_sectors, without_names
from dashboard.query.network import drawn_edges, network_view

KWIC_WIDTH = 18  # characters of context either side of a keyword


@dataclass(frozen=True)
class Overview:
    """The overview (/): the documents in view and the headline tables (named projects only)."""

    documents: pd.DataFrame
    figures: dict[str, pd.DataFrame]  # projects, initiatives, organizations, places

    @property
    def projects(self) -> pd.DataFrame:
        return self.figures["projects"]


def overview(extraction: Extraction, filters: Filters) -> Overview:
    documents = extraction.documents
    if filters.docs:
        documents = documents[documents["document"].isin(filters.docs)]
    figures = {
        "projects": filter_table(extraction.named_projects, filters),
        "initiatives": filter_table(extraction.initiatives, filters),
        "organizations": filter_table(extraction.organizations, filters),
        "places": filter_table(extraction.places, filters),
    }
    return Overview(documents, figures)


@dataclass(frozen=True)
class Keywords:
    """The keywords (/keywords): the top terms, the table to chart (split by sector or not), each
    term's main sector, and the selected term's contexts."""

    top_terms: pd.DataFrame
    table: pd.DataFrame
    sectors: dict[str, str] = field(default_factory=dict)
    contexts: pd.DataFrame | None = None  # None when no term is selected


def keywords(
    extraction: Extraction,
    filters: Filters,
    *,
    measure: str = DEFAULT_RANKING,
    top: int = 20,
    split: bool = False,
    names: bool = True,
    lexicon: Lexicon | None = None,
) -> Keywords:
    """``names=False`` leaves out the names of places and organizations (``lexicon`` gives their
    endings)."""
    terms = sentence_view(extraction.terms, extraction.sentences, filters)
    if not names:
        terms = without_names(terms, extraction, lexicon or load_lexicon())
    contexts = term_contexts(extraction, filters) if filters.term else None
    if terms.empty:
        return Keywords(terms, terms, {}, contexts)
    rank = RANKINGS[measure]
    top_terms = rank(terms, top=top)
    table = top_terms
    if split:
        by_sector = rank(terms, by="sector", top=len(terms))
        table = by_sector[by_sector["term"].isin(top_terms["term"])]
    return Keywords(top_terms, table, main_sectors(terms), contexts)


def term_contexts(extraction: Extraction, filters: Filters) -> pd.DataFrame:
    """The selected term (``filters.term``) in its sentences, within the filters."""
    paragraphs = filter_table(extraction.paragraphs, filters, search=False)
    rows = kwic(paragraphs, extraction.sentences, filters.term, width=KWIC_WIDTH)
    if filters.q:
        rows = rows[rows["evidence"].str.contains(filters.q, regex=False)]
    return rows


@dataclass(frozen=True)
class Projects:
    """The projects (/projects): the listing, its total before filters, and the initiatives."""

    projects: pd.DataFrame
    total: int
    initiatives: pd.DataFrame


def projects(extraction: Extraction, filters: Filters, *, generic: bool = False) -> Projects:
    """``generic`` lists generic phrases (智能工厂) with the named projects."""
    total = len(extraction.projects if generic else extraction.named_projects)
    return Projects(
        projects_view(extraction, filters, generic=generic),
        total,
        filter_table(extraction.initiatives, filters),
    )


@dataclass(frozen=True)
class Network:
    """The network (/network): nodes, edges and their layout."""

    nodes: pd.DataFrame
    edges: pd.DataFrame
    positions: dict
    names: int = 0  # names that share a sentence with another (those drawn are bounded)

    @cached_property
    def drawn(self) -> pd.DataFrame:
        """The edges drawn (``drawn_edges``): all of them, or the strongest of many."""
        return drawn_edges(self.edges)


def network(extraction: Extraction, filters: Filters, *, top_terms: int = 20) -> Network:
    return Network(*network_view(extraction, filters, top_terms=top_terms))


@dataclass(frozen=True)
class Reader:
    """The reader (/reader): one document's paragraphs and the mentions to highlight."""

    document: pd.Series
    index: int  # the document's position in the corpus, for unique anchors
    paragraphs: pd.DataFrame
    mentions: pd.DataFrame


def reader(extraction: Extraction, filters: Filters, document: str) -> Reader:
    ids = extraction.documents["document"].tolist()
    index = ids.index(document)
    mentions = extraction.mentions[extraction.mentions["document"] == document]
    return Reader(
        extraction.documents.iloc[index],
        index,
        extraction.paragraphs[extraction.paragraphs["document"] == document],
        filter_table(mentions, filters, search=False),
    )
