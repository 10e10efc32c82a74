"""The HTML snapshot of a view: one self-contained file to hand round after a meeting.

    >>> from dashboard import extract_paths
    >>> html_text = render_report(extract_paths(["data/articles"]), url_filters.Filters(lang="en"))
    >>> html_text.startswith("<!DOCTYPE html>"), "<script src=" in html_text
    (True, False)

It holds the filters as a caption, the headline figures, every chart of the dashboard as an
interactive plotly chart (the word cloud as inline SVG), the project listing with its evidence and the source citations.
plotly.js is embedded once, and nothing else is referenced, so the file opens in a browser with no
network and no server. Article text is untrusted: every piece of it goes through ``html.escape``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from html import escape

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from dashboard.pipeline.tables import Extraction
from dashboard.present import charts
from dashboard.present.cloud import FontMissing, word_cloud_svg
from dashboard.present.glossary import column_label, describe_filters, name, t
from dashboard.present.listings import (
    CORRECTION_COLUMNS,
    INITIATIVE_COLUMNS,
    PROJECT_COLUMNS,
    initiative_rows,
    project_rows,
)
from dashboard.query import filters as url_filters
from dashboard.query import view_data
from dashboard.query.filtering import sector_counts

CONFIG = {"displaylogo": False, "responsive": True}

STYLE = f"""
body {{ font-family: {charts.FONT}; color: #2b2b2b; background: #fbfaf7; margin: 0; }}
main {{ max-width: 1100px; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; line-height: 1.6; }}
h1 {{ margin: 0 0 .25rem; }} h2 {{ margin: 2rem 0 .5rem; font-size: 1.25rem; }}
.caption, footer {{ color: #6b6b6b; font-size: .9rem; }}
.figures {{ display: grid; grid-template-columns: repeat(4, 1fr); gap: .75rem; margin-top: 1rem; }}
.figure {{ background: #fff; border: 1px solid #e4e1d8; border-radius: 4px; padding: .6rem .8rem; }}
.figure b {{ display: block; font-size: 1.8rem; }}
.chart {{ background: #fff; border: 1px solid #e4e1d8; border-radius: 4px; margin-bottom: 1rem; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9rem; background: #fff; }}
th, td {{ border: 1px solid #e4e1d8; padding: .35rem .5rem; text-align: left; vertical-align: top; }}
th {{ background: #f1efe9; }}
th, td:not(:last-child) {{ white-space: nowrap; }}
.kwic mark {{ background: #f6e3a1; }}
@media print {{ .chart {{ break-inside: avoid; }} }}
"""


def _cell(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return escape("、".join(map(str, value)))
    return escape("" if value is None else str(value))


def _projects_table(projects: pd.DataFrame, lang: str) -> str:
    """The projects, with who corrected a row and when where an editor corrected any."""
    rows = project_rows(projects, lang=lang)
    return _table(rows, PROJECT_COLUMNS + [c for c in CORRECTION_COLUMNS if c in rows.columns], lang)


def _table(rows: pd.DataFrame, columns: list[str], lang: str) -> str:
    head = "".join(f"<th>{escape(column_label(c, lang))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(row[c])}</td>" for c in columns) + "</tr>" for _, row in rows.iterrows()
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chart(figure: go.Figure | str, key: str) -> str:
    if isinstance(figure, str):  # drawn already (the word cloud's SVG)
        return f'<div class="chart" id="chart-{key}">{figure}</div>'
    # plotly escapes "<" and "/" in the figure's JSON, so article text cannot close the script
    figure.update_layout(template="plotly_white")  # the app's charts are drawn on white too
    html = figure.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{key}", config=CONFIG)
    return f'<div class="chart">{html}</div>'


def _section(title: str, body: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{body}</section>"


def _figures(tables: dict[str, pd.DataFrame], lang: str) -> str:
    boxes = []
    for key, table in tables.items():
        counts = " · ".join(f"{name(s, lang)} {n}" for s, n in sector_counts(table).items() if n) or "—"
        boxes.append(
            f'<div class="figure">{escape(t(key, lang))}<b>{len(table)}</b>'
            f'<span class="caption">{escape(counts)}</span></div>'
        )
    return f'<div class="figures">{"".join(boxes)}</div>'


def _charts(
    extraction: Extraction, filters: url_filters.Filters, overview: view_data.Overview, top_terms: int
) -> str:
    """The overview's, keywords' and network's charts of the view (those with something to draw),
    from the same view data as the pages, drawn as the pages draw them with their default choices."""
    lang, scale = filters.lang, charts.REPORT_SCALE
    figures: list[tuple[str, str, go.Figure | str]] = []  # a plotly figure, or the word cloud's SVG
    if not overview.projects.empty:
        figures.append(
            ("structure", "structure", charts.structure(overview.projects, lang=lang, scale=scale))
        )
        figures.append(
            ("sectors", "projects_per_sector", charts.sector_bar(overview.projects, lang=lang, scale=scale))
        )
    measure = filters.control("rank")  # the keywords page's ranking
    keywords = view_data.keywords(extraction, filters, measure=measure, top=top_terms)
    if not keywords.top_terms.empty:
        figures.append(
            ("terms", "top_terms", charts.term_bar(keywords.table, measure, lang=lang, scale=scale))
        )
        with contextlib.suppress(FontMissing):  # a server without the CJK font: no cloud
            label = t("word_cloud", lang)
            svg = word_cloud_svg(keywords.top_terms, measure, sectors=keywords.sectors, label=label)
            figures.append(("cloud", "word_cloud", svg))
    network = view_data.network(extraction, filters, top_terms=top_terms)
    if not network.edges.empty:
        figure = charts.network(
            network.nodes,
            network.drawn,
            network.positions,
            lang=lang,
            scale=scale,
            widths=charts.REPORT_WIDTHS,
        )
        figures.append(("network", "network_title", figure))
    return "".join(_section(t(title, lang), _chart(figure, key)) for key, title, figure in figures)


def _contexts(extraction: Extraction, filters: url_filters.Filters) -> str:
    """The selected keyword in its sentences, as on the keywords page."""
    rows = view_data.term_contexts(extraction, filters)
    lines = (
        "".join(
            f"<li>{escape(r.left)}<mark>{escape(r.term)}</mark>{escape(r.right)}</li>"
            for r in rows.itertuples(index=False)
        )
        or f"<li>{escape(t('no_contexts', filters.lang))}</li>"
    )
    return _section(f"{t('contexts', filters.lang)}：{filters.term}", f'<ul class="kwic">{lines}</ul>')


def _sources(documents: pd.DataFrame, lang: str) -> str:
    items = []
    for doc in documents.itertuples(index=False):
        parts = [f"<cite>{escape(str(doc.title))}</cite>"]
        parts += [escape(str(v)) for v in (doc.outlet, str(doc.date or "")[:10]) if v and not pd.isna(v)]
        url = doc.source_url if isinstance(doc.source_url, str) else ""
        if url.startswith(("http://", "https://")):
            parts.append(f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>')
        items.append(f"<li>{' · '.join(parts)}</li>")
    return _section(t("sources", lang), f"<ol>{''.join(items)}</ol>")


def render_report(
    extraction: Extraction,
    filters: url_filters.Filters,
    *,
    generic: bool = False,
    top_terms: int = 20,
    generated: dt.datetime | None = None,
) -> str:
    """The view of ``extraction`` inside ``filters`` as one self-contained HTML page.

    ``generic`` lists generic phrases (智能工厂) with the named projects, as the projects page
    does when asked; ``top_terms`` is how many keywords the keyword charts and network show.
    """
    lang = filters.lang
    titles = dict(zip(extraction.documents["document"], extraction.documents["title"], strict=True))
    overview = view_data.overview(extraction, filters)
    listing = view_data.projects(extraction, filters, generic=generic)
    projects = listing.projects
    when = (generated or dt.datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M")
    query = url_filters.query_string(filters.replace(mode=None))
    empty = f"<p>{escape(t('empty_body', lang))}</p>"
    body = [
        f"<h1>{escape(t('app_title', lang))}</h1>",
        f'<p class="caption">{escape(t("filtered_by", lang))}：{escape(describe_filters(filters, titles))}'
        f" · {escape(t('generated', lang))}：{when}</p>",
        _figures(overview.figures, lang),
        _charts(extraction, filters, overview, top_terms),
        _contexts(extraction, filters) if filters.term else "",
        _section(
            t("page_projects", lang),
            _projects_table(projects, lang) if len(projects) else empty,
        ),
        _section(
            t("initiatives", lang),
            _table(initiative_rows(listing.initiatives, lang=lang), INITIATIVE_COLUMNS, lang)
            if len(listing.initiatives)
            else empty,
        ),
        _sources(overview.documents, lang),
        f"<footer>{escape(t('app_title', lang))} · {escape(query or t('no_filters', lang))}</footer>",
    ]
    title = f"{t('app_title', lang)} · {t('report', lang)}"
    return (
        f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh-CN"}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n"
        f'<script type="text/javascript">{get_plotlyjs()}</script>\n</head>\n'
        f"<body><main>{''.join(body)}</main></body>\n</html>\n"
    )
