"""Article text as safe HTML with its projects, organizations and places highlighted.

Article text is untrusted: every piece of it goes through ``html.escape`` before any markup is
put around it, so ``<script>`` or ``onerror=`` in an article is shown as text, never run::

    >>> mark_text("建设<b>园区</b>", [Span(2, 11, "project", "services", "园区")])
    '建设<mark class="hl hl-project" style="--hl:#4f9a7b" title="项目 · 服务业">&lt;b&gt;园区&lt;/b&gt;</mark>'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.pipeline import taxonomy as tx
from dashboard.present.glossary import name, t

CATEGORIES = ("project", "organization", "place")
_PRIORITY = {c: i for i, c in enumerate(CATEGORIES)}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    category: str  # project | organization | place | evidence | term
    sector: str = tx.UNCLASSIFIED
    name: str = ""


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _colour(sector: str) -> str:
    return tx.SECTOR_COLORS.get(sector, tx.SECTOR_COLORS[tx.UNCLASSIFIED])


def choose_spans(spans: Iterable[Span], length: int) -> list[Span]:
    """Non-overlapping spans inside ``[0, length)``, longer first, projects before other kinds.

    ``鸿途(江州)数字经济产业园`` contains the place ``江州``; the project wins, the place is
    still listed in the project's row.
    """
    ordered = sorted(
        (s for s in spans if 0 <= s.start < s.end <= length),
        key=lambda s: (-(s.end - s.start), _PRIORITY.get(s.category, 9), s.start),
    )
    taken: list[Span] = []
    for span in ordered:
        if all(span.end <= o.start or span.start >= o.end for o in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def _open_tag(span: Span, lang: str) -> str:
    if span.category in CATEGORIES:
        title = f"{t(span.category, lang)} · {name(span.sector, lang)}"
        return (
            f'<mark class="hl hl-{span.category}" style="--hl:{_colour(span.sector)}" title="{esc(title)}">'
        )
    return f'<mark class="hl hl-{esc(span.category)}">'


def mark_text(text: str, spans: Iterable[Span], *, lang: str = "zh") -> str:
    """``text`` escaped, with each chosen span wrapped in a ``<mark>``."""
    out: list[str] = []
    at = 0
    for span in choose_spans(spans, len(text)):
        out.append(esc(text[at : span.start]))
        out.append(_open_tag(span, lang) + esc(text[span.start : span.end]) + "</mark>")
        at = span.end
    out.append(esc(text[at:]))
    return "".join(out)


def mention_spans(mentions: pd.DataFrame) -> dict[tuple[str, int], list[Span]]:
    """Mentions grouped by (document, paragraph) as spans."""
    grouped: dict[tuple[str, int], list[Span]] = {}
    for row in mentions.itertuples(index=False):
        span = Span(int(row.start), int(row.end), row.category, row.sector, row.name)
        grouped.setdefault((row.document, int(row.paragraph)), []).append(span)
    return grouped


def anchor(document_index: int, paragraph: int) -> str:
    """The HTML id of a paragraph (document ids are file names, so an index is used instead)."""
    return f"d{document_index}-p{paragraph}"


_HEADING_TAG = {"heading": "h3", "item": "h4"}


def article_html(
    paragraphs: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    document_index: int = 0,
    lang: str = "zh",
    search: str = "",
) -> str:
    """One document's paragraphs as HTML, headings as ``<h3>``/``<h4>``, mentions marked.

    Occurrences of ``search`` are marked too, where they do not overlap a mention.
    """
    spans = mention_spans(mentions)
    out = ['<div class="article">']
    for row in paragraphs.itertuples(index=False):
        tag = _HEADING_TAG.get(row.role, "p")
        marks = spans.get((row.document, int(row.paragraph)), []) + term_spans(row.text, search)
        body = mark_text(row.text, marks, lang=lang)
        ident = anchor(document_index, int(row.paragraph))
        out.append(f'<{tag} id="{ident}" class="para para-{esc(row.role)}">{body}</{tag}>')
    out.append("</div>")
    return "\n".join(out)


def outline_html(paragraphs: pd.DataFrame, *, document_index: int = 0) -> str:
    """Links to the section headings (role heading or item) of one document."""
    items = []
    for row in paragraphs.itertuples(index=False):
        if row.role not in _HEADING_TAG:
            continue
        level = "outline-heading" if row.role == "heading" else "outline-item"
        ident = anchor(document_index, int(row.paragraph))
        items.append(f'<li class="{level}"><a href="#{ident}">{esc(row.text)}</a></li>')
    return '<ul class="outline">' + "".join(items) + "</ul>" if items else ""


def legend_html(lang: str = "zh", sectors: Sequence[str] | None = None) -> str:
    """Sector colours and the three kinds of mark."""
    sectors = sectors or (*tx.SECTORS, tx.UNCLASSIFIED)
    chips = [
        f'<span class="chip" style="--hl:{_colour(s)}"><i></i>{esc(name(s, lang))}</span>' for s in sectors
    ]
    kinds = [f'<mark class="hl hl-{c}" style="--hl:#8c8c8c">{esc(t(c, lang))}</mark>' for c in CATEGORIES]
    return f'<div class="legend">{"".join(chips)}<span class="sep"></span>{"".join(kinds)}</div>'


def evidence_html(paragraph_text: str, start: int, end: int, *, lang: str = "zh") -> str:
    """A paragraph with its evidence sentence (``start:end``) marked."""
    body = mark_text(paragraph_text, [Span(start, end, "evidence")], lang=lang)
    return f'<p class="para evidence-para">{body}</p>'


def kwic_html(rows: pd.DataFrame) -> str:
    """Keyword-in-context lines: left context, the term marked, right context."""
    lines = [
        f'<div class="kwic-line"><span class="kwic-left">{esc(r.left)}</span>'
        f'<mark class="hl hl-term">{esc(r.term)}</mark><span class="kwic-right">{esc(r.right)}</span></div>'
        for r in rows.itertuples(index=False)
    ]
    return '<div class="kwic">' + "".join(lines) + "</div>"


def term_spans(text: str, term: str) -> list[Span]:
    """Every occurrence of ``term`` in ``text`` as a span."""
    if not term:
        return []
    return [Span(m.start(), m.end(), "term") for m in re.finditer(re.escape(term), text)]


STYLE = """
<style>
.article .para { line-height: 1.9; margin: 0 0 0.9em 0; }
.article h3.para { font-size: 1.25rem; margin-top: 1.4em; scroll-margin-top: 4rem; }
.article h4.para { font-size: 1.08rem; margin-top: 1.1em; scroll-margin-top: 4rem; }
.article p.para { scroll-margin-top: 4rem; }
mark.hl { background: transparent; color: inherit; padding: 0 1px; border-radius: 2px; }
mark.hl-project { background: color-mix(in srgb, var(--hl) 22%, transparent);
  box-shadow: inset 0 -2px 0 var(--hl); }
mark.hl-organization { text-decoration: underline 2px var(--hl); text-underline-offset: 4px; }
mark.hl-place { border-bottom: 2px dotted var(--hl); }
mark.hl-evidence, mark.hl-term { background: #fbe7a1; }
.legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: center;
  font-size: 0.9rem; margin: 0.2rem 0 1rem 0; }
.legend .chip i { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px;
  background: var(--hl); margin-right: 0.3em; vertical-align: -0.05em; }
.legend .sep { width: 1px; height: 1em; background: #ccc; }
.outline { list-style: none; padding-left: 0; font-size: 0.92rem; }
.outline li { margin: 0.3em 0; } .outline-item { padding-left: 1em; }
.outline a, .outline a:visited { color: #3b6ea8; text-decoration: none; }  /* the theme's primaryColor */
.outline a:hover { text-decoration: underline; }
.kwic-line { font-size: 0.98rem; line-height: 1.9; display: grid;
  grid-template-columns: 1fr auto 1fr; gap: 0.25em; }
.kwic-left { text-align: right; }
.kwic-left, .kwic-right { color: #555; }
.evidence-para { line-height: 1.9; }
.tokens { display: flex; flex-wrap: wrap; gap: 0.3em; line-height: 1.6; }
.tokens span { border: 1px solid #d9d4c7; border-radius: 3px; padding: 0 0.3em; }
.tokens span.new { border-color: #3b6ea8; background: #e6eef7; font-weight: 600; }
</style>
"""


def tokens_html(tokens: Sequence[str], *, new: Iterable[str] = ()) -> str:
    """A segmentation as a row of boxed tokens; the ``new`` ones (not in the other segmentation)
    stand out. Blank tokens (spaces) are left out.

    >>> tokens_html(["建设", "<b>"], new=["<b>"])
    '<div class="tokens"><span>建设</span><span class="new">&lt;b&gt;</span></div>'
    """
    marked = set(new)
    boxes = "".join(
        f'<span class="new">{esc(tok)}</span>' if tok in marked else f"<span>{esc(tok)}</span>"
        for tok in tokens
        if tok.strip()
    )
    return f'<div class="tokens">{boxes}</div>'
