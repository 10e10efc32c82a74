"""What each page draws, built once per view: its figures, shaped tables and HTML, from the
extraction, the filters and the page's own choices. Pure functions without Streamlit: the views
keep their results per view (``views/loaders.py``) and only draw them, so a rerun that shows a
view already shown builds nothing again (a plotly figure alone takes tens of milliseconds).

    >>> from dashboard import extract_paths
    >>> shown = overview(extract_paths(["data/articles"]), Filters(sectors=("agriculture",)))
    >>> shown.counts["projects"]["agriculture"] == len(shown.view.projects) > 0
    True
    >>> [trace.type for trace in shown.structure.data], [trace.type for trace in shown.sector_bar.data]
    (['treemap'], ['bar'])
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dashboard.pipeline.lexicon import Lexicon
from dashboard.pipeline.tables import Extraction
from dashboard.present import charts, cloud
from dashboard.present.articles import article_rows, corpus_summary, timeline_period
from dashboard.present.glossary import name, notes, t
from dashboard.present.highlight import article_html, kwic_html, outline_html
from dashboard.present.listings import clipped_columns, initiative_rows, project_rows
from dashboard.query import view_data
from dashboard.query.comparisons import compare, document_periods, recurring_projects, subset, timeline
from dashboard.query.filtering import filter_table, sector_counts, sentence_view
from dashboard.query.filters import Filters

# Documents offered in the list boxes of the sidebar, the reader and the projects page's added projects.
MAX_DOCUMENT_CHOICES = 200

# The overview's article table lists at most this many articles (the newest); the page says so, and
# the sidebar's document filter finds the others. As many as the list boxes offer: the table shows
# ten rows at a time, and every rerun sends all of it (1,000 rows: 147 KB with a search).
MAX_ARTICLE_ROWS = MAX_DOCUMENT_CHOICES


@dataclass(frozen=True)
class Overview:
    view: view_data.Overview
    counts: dict[str, dict[str, int]]  # rows per sector of each headline table
    structure: go.Figure | None  # None when no project is in view
    sector_bar: go.Figure | None
    with_generic: int = 0  # projects in view, generic phrases included
    timeline: go.Figure | None = None  # named projects by sector over time; None for one date
    articles: pd.DataFrame | None = None  # the article table's rows, at most MAX_ARTICLE_ROWS
    total_articles: int = 0
    summary: str = ""  # articles, dates, outlets: one line (one article's title leads it)


def overview(extraction: Extraction, filters: Filters) -> Overview:
    view = view_data.overview(extraction, filters)
    counts = {key: sector_counts(table) for key, table in view.figures.items()}
    rows = article_rows(view.documents, view.projects, filters, limit=MAX_ARTICLE_ROWS)
    summary = corpus_summary(view.documents, filters.lang)
    if len(view.documents) == 1:
        summary = f"{view.documents['title'].iloc[0]} · {summary}"
    common = {
        "summary": summary,
        "with_generic": len(filter_table(extraction.projects, filters)),
        "articles": rows,
        "total_articles": len(view.documents),
    }
    if view.projects.empty:
        return Overview(view, counts, None, None, **common)
    scale = charts.scale_for(filters)
    return Overview(
        view,
        counts,
        charts.frozen(charts.structure(view.projects, lang=filters.lang, scale=scale)),
        charts.frozen(charts.sector_bar(view.projects, lang=filters.lang, scale=scale)),
        timeline=_overview_timeline(filters, view, scale),
        **common,
    )


def _overview_timeline(filters: Filters, view: view_data.Overview, scale: float) -> go.Figure | None:
    """Named projects by sector over time, by month, quarter or year (at most about 24 bars)."""
    period = timeline_period(view.documents)
    if not period:  # articles of one date
        return None
    table = timeline(view.projects, None, view.documents, period=period)  # the chart shows projects
    if table.empty or not table["projects"].any():
        return None
    return charts.frozen(charts.timeline(table, measure="projects", lang=filters.lang, scale=scale))


def document_titles(extraction: Extraction, filters: Filters) -> dict[str, str]:
    """Every document's title by id, in the corpus's order."""
    documents = extraction.documents
    return dict(zip(documents["document"].tolist(), documents["title"].tolist(), strict=True))


def document_choices(extraction: Extraction, filters: Filters) -> list[str]:
    """The documents a list box offers, in the corpus's order: all of them in a corpus of up to
    ``MAX_DOCUMENT_CHOICES``; in a larger one the newest that many (of those whose title holds
    the search text, when some does), and always the chosen ones (``filters.docs``): never none."""
    documents = extraction.documents
    ids = documents["document"].tolist()
    if len(ids) <= MAX_DOCUMENT_CHOICES:
        return ids
    pool = documents
    if filters.q:  # the titles the search finds, if it finds any
        found = documents[documents["title"].str.contains(filters.q, case=False, regex=False, na=False)]
        pool = found if len(found) else documents
    dates = pool["date"].map(lambda d: d[:10] if isinstance(d, str) else "")
    newest = set(
        pool["document"][dates.sort_values(ascending=False, kind="stable").index[:MAX_DOCUMENT_CHOICES]]
    )
    kept = newest | set(filters.docs)
    return [d for d in ids if d in kept]


def has_terms(extraction: Extraction, filters: Filters) -> bool:
    """Whether any keyword is in the filters (the keywords page has something to rank)."""
    return not sentence_view(extraction.terms, extraction.sentences, filters).empty


@dataclass(frozen=True)
class Keywords:
    view: view_data.Keywords
    chart: go.Figure | None  # None when every term was a name
    cloud: str | None  # the word cloud's SVG; None without terms or without the CJK font


def keywords(
    extraction: Extraction,
    filters: Filters,
    measure: str,
    top: int,
    split: bool,
    names: bool,
    lexicon: Lexicon | None = None,
) -> Keywords:
    view = view_data.keywords(
        extraction, filters, measure=measure, top=top, split=split, names=names, lexicon=lexicon
    )
    if view.top_terms.empty:
        return Keywords(view, None, None)
    chart = charts.frozen(
        charts.term_bar(
            view.table, measure, lang=filters.lang, by_sector=split, scale=charts.scale_for(filters)
        )
    )
    try:
        label = t("word_cloud", filters.lang)
        svg = cloud.word_cloud_svg(view.top_terms, measure, sectors=view.sectors, label=label)
    except cloud.FontMissing:
        svg = None
    return Keywords(view, chart, svg)


MAX_CONTEXTS = 200  # lines of a keyword in context shown


@dataclass(frozen=True)
class Contexts:
    html: str  # the first MAX_CONTEXTS lines; "" when the term does not occur in the view
    shown: int
    total: int


def term_contexts(extraction: Extraction, filters: Filters) -> Contexts:
    """The selected term (``filters.term``) in its sentences within the filters, as HTML."""
    rows = view_data.term_contexts(extraction, filters)
    first = rows.head(MAX_CONTEXTS)
    return Contexts(kwic_html(first) if len(first) else "", len(first), len(rows))


@dataclass(frozen=True)
class Projects:
    view: view_data.Projects
    rows: pd.DataFrame  # the listing as exported (every column, names in the UI language)
    shown: pd.DataFrame  # the listing as shown: its long texts clipped to their columns
    initiatives: pd.DataFrame  # the first initiatives as shown, clipped likewise


def projects(
    extraction: Extraction,
    filters: Filters,
    generic: bool,
    clip: dict[str, int],
    initiative_clip: dict[str, int],
    lines: int,
    font_px: int,
    max_initiatives: int,
) -> Projects:
    """``clip`` and ``initiative_clip`` give the pixel width of each column whose text is clipped
    to ``lines`` lines of ``font_px`` text."""
    view = view_data.projects(extraction, filters, generic=generic)
    rows = project_rows(view.projects, lang=filters.lang)
    initiatives = initiative_rows(view.initiatives.head(max_initiatives), lang=filters.lang)
    return Projects(
        view,
        rows,
        clipped_columns(rows, dict(clip), lines=lines, font_px=font_px),
        clipped_columns(initiatives, dict(initiative_clip), lines=lines, font_px=font_px),
    )


@dataclass(frozen=True)
class Reader:
    view: view_data.Reader
    outline: str  # HTML
    article: str  # HTML


def reader(extraction: Extraction, filters: Filters, document: str) -> Reader:
    view = view_data.reader(extraction, filters, document)
    return Reader(
        view,
        outline_html(view.paragraphs, document_index=view.index),
        article_html(
            view.paragraphs, view.mentions, document_index=view.index, lang=filters.lang, search=filters.q
        ),
    )


@dataclass(frozen=True)
class Timeline:
    table: pd.DataFrame
    chart: go.Figure | None  # None when nothing of ``measure`` is in any period


def corpus_timeline(extraction: Extraction, filters: Filters, period: str, measure: str) -> Timeline:
    projects = filter_table(extraction.projects, filters)
    initiatives = filter_table(extraction.initiatives, filters)
    table = timeline(projects, initiatives, extraction.documents, period=period)
    if table.empty or not table[measure].any():
        return Timeline(table, None)
    chart = charts.timeline(table, measure=measure, lang=filters.lang, scale=charts.scale_for(filters))
    return Timeline(table, charts.frozen(chart))


# Long lists of /corpus are bounded, however many articles there are; the page says so.
MAX_LISTED = 1000  # articles listed (the newest)
MAX_RECURRING = 200  # projects across articles (those in most articles)
MAX_SOURCES = 5  # sources written in a row of the recurring projects (all in its detail)
MAX_CHOICES = 200  # documents or periods offered to compare (the first and the last)


@dataclass(frozen=True)
class Listing:
    rows: pd.DataFrame  # newest first, at most MAX_LISTED
    total: int
    titles: dict[str, str]  # document id → title as listed, in the listing's order


def corpus_listing(
    extraction: Extraction,
    filters: Filters,
    session_ids: tuple[str, ...],
    title_px: int,
    lines: int,
    font_px: int,
) -> Listing:
    """The articles of /corpus, newest first: title (clipped to ``lines`` of ``title_px``), date,
    outlet, named projects, file (marked when kept in this session only) and reading notes."""
    lang = filters.lang
    documents = extraction.documents
    counts = extraction.named_projects.groupby("document").size()
    dates = documents["date"].map(lambda d: d[:10] if isinstance(d, str) and d else "")
    newest = documents.assign(date=dates).sort_values("date", ascending=False, kind="stable").head(MAX_LISTED)
    in_session = set(session_ids)
    rows = newest.assign(
        title=clipped_columns(newest, {"title": title_px}, lines=lines, font_px=font_px)["title"],
        warnings=newest["warnings"].map(lambda ns: notes(ns, lang)),
        outlet=newest["outlet"].fillna(""),
        projects=newest["document"].map(counts).fillna(0).astype(int),
        file=[
            p.rsplit("/", 1)[-1] + (f" ({t('in_session', lang)})" if d in in_session else "")
            for p, d in zip(newest["path"], newest["document"], strict=True)
        ],
    )
    return Listing(rows, len(documents), dict(zip(rows["document"], rows["title"], strict=True)))


def recurring(extraction: Extraction, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """Projects named in more than one article, those in most articles first, at most
    ``MAX_RECURRING``: as found, as shown (sector names, the first ``MAX_SOURCES`` sources in
    words), and how many there are."""
    merged = recurring_projects(filter_table(extraction.projects, filters), extraction.documents)
    found = merged[merged["documents"] > 1]
    total, found = len(found), found.head(MAX_RECURRING)

    def written(sources: list[dict]) -> list[str]:
        first = [f"{s['date'] or ''} {s['title']}" for s in sources[:MAX_SOURCES]]
        rest = len(sources) - MAX_SOURCES
        return [*first, t("and_more", filters.lang, n=rest)] if rest > 0 else first

    shown = found.assign(
        sector=found["sector"].map(lambda s: name(s, filters.lang)),
        sources=found["sources"].map(written),
    )
    return found, shown, total


def bounded_choices(options: list[str], keep: tuple[str, ...], limit: int | None = None) -> list[str]:
    """``options`` as offered in a list box: all of them, or, when there are more than ``limit``,
    the first and the last ``limit // 2`` with ``keep`` (the current choices) in their place.

    >>> bounded_choices(list("abcdefgh"), keep=("d",), limit=4)
    ['a', 'b', 'd', 'g', 'h']
    """
    limit = limit or MAX_CHOICES
    if len(options) <= limit:
        return options
    half = limit // 2
    kept = set(options[:half]) | set(options[-half:]) | set(keep)
    return [o for o in options if o in kept]


@dataclass(frozen=True)
class Sides:
    groups: dict[str, tuple[str, ...]]  # a side (document id or period) → its documents
    labels: dict[str, str]  # a side → how it is named
    options: list[str]  # the sides offered (bounded), oldest first


def comparison_sides(extraction: Extraction, filters: Filters, by: str, period: str) -> Sides:
    """What can be compared: each document (oldest first), or each ``period`` with articles."""
    if by == "documents":
        dated = extraction.documents.sort_values("date", na_position="first")
        groups = {d: (d,) for d in dated["document"]}
        labels = dict(zip(dated["document"], dated["title"], strict=True))
    else:
        periods = document_periods(extraction.documents, period=period).dropna()
        groups = {p: tuple(docs.index) for p, docs in periods.groupby(periods)}
        labels = {p: p for p in groups}
    chosen = tuple(str(filters.control(side)) for side in ("a", "b"))
    return Sides(groups, labels, bounded_choices(list(groups), chosen))


@dataclass(frozen=True)
class Comparison:
    result: dict[str, pd.DataFrame]
    sides: dict[str, list[str]]  # project names only in A (left), in both, only in B (right)
    sectors: go.Figure
    keywords: go.Figure | None  # None when no keyword rose or fell


def comparison(
    extraction: Extraction, filters: Filters, a: tuple[str, ...], b: tuple[str, ...], labels: tuple[str, str]
) -> Comparison:
    """Two sets of documents compared within the filters (but the document filter)."""
    everywhere = filters.replace(docs=())
    tables = {
        "projects": filter_table(extraction.projects, everywhere),
        "terms": filter_table(extraction.terms, everywhere, search=False),
    }
    result = compare(subset(tables, list(a)), subset(tables, list(b)))
    scale = charts.scale_for(filters)
    return Comparison(
        result,
        result["projects"].groupby("side")["name"].apply(list).to_dict(),
        charts.frozen(charts.sector_comparison(result["sectors"], labels, lang=filters.lang, scale=scale)),
        None
        if result["keywords"].empty
        else charts.frozen(charts.keyword_change(result["keywords"], lang=filters.lang, scale=scale)),
    )


def preview_paragraphs(extraction: Extraction, filters: Filters, limit: int) -> list[str]:
    """The paragraphs offered for a lexicon preview: those that name projects first, then the
    others, longer than 30 characters, at most ``limit``."""
    paragraphs = filter_table(extraction.paragraphs, filters, search=False)
    named = extraction.named_projects
    with_projects = set(zip(named["document"], named["paragraph"], strict=True))
    paragraphs = paragraphs.assign(
        first=[
            (d, p) not in with_projects
            for d, p in zip(paragraphs["document"], paragraphs["paragraph"], strict=True)
        ]
    ).sort_values("first", kind="stable")
    return paragraphs[paragraphs["text"].str.len() > 30].head(limit)["text"].tolist()
