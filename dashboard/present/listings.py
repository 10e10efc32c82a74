"""Tables as the dashboard shows them: chosen columns, sector and pillar names in the UI language.

>>> projects = pd.DataFrame({"name": ["江州大数据产业园"], "sector": ["digital-industry"]})
>>> project_rows(projects, lang="en").to_dict("records")
[{'name': '江州大数据产业园', 'sector': 'digital industry'}]
"""

from __future__ import annotations

import functools

import pandas as pd

from dashboard.present.glossary import column_label, name
from dashboard.present.labels import text_width

# The columns people see, in order (the page's table, the report); the rows and the downloads also
# carry where each row comes from (TRACE_COLUMNS).
PROJECT_COLUMNS = ["name", "kind", "sector", "pillar", "organizations", "places", "mentions", "evidence"]
# On the page the sentence comes beside the name, and only the columns that fit beside them on a
# 1280-pixel screen are shown (a sector names its pillar); a project's organizations and places
# are in its detail, and every column is in the downloads and the report.
PROJECT_COLUMNS_SHOWN = ["name", "evidence", "sector", "kind", "mentions"]
INITIATIVE_COLUMNS = [
    "action",
    "object",
    "sector",
    "pillar",
    "projects",
    "organizations",
    "places",
    "evidence",
]
INITIATIVE_COLUMNS_SHOWN = ["action", "object", "evidence", "sector", "projects"]
TRACE_COLUMNS = ["document", "paragraph"]
# Who corrected a row and when: listed where an editor corrected any (``store.corrections``).
CORRECTION_COLUMNS = ["corrected_by", "corrected_at"]
ELLIPSIS = "…"


def _named(table: pd.DataFrame, columns: list[str], lang: str) -> pd.DataFrame:
    table = table[[c for c in columns if c in table.columns]].reset_index(drop=True)
    for column in ("sector", "pillar"):
        if column in table.columns:
            table[column] = table[column].map(lambda slug: name(slug, lang))
    for column in ("organizations", "places", "projects"):
        if column in table.columns:
            table[column] = table[column].map(lambda v: list(v) if v is not None else [])
    return table


def project_rows(projects: pd.DataFrame, *, lang: str = "zh") -> pd.DataFrame:
    """The project listing: one row per project, in the order the extraction gives; with who
    corrected it and when, where any row is corrected."""
    corrected = "corrected" in projects.columns and bool(projects["corrected"].any())
    return _named(projects, PROJECT_COLUMNS + TRACE_COLUMNS + (CORRECTION_COLUMNS if corrected else []), lang)


def initiative_rows(initiatives: pd.DataFrame, *, lang: str = "zh") -> pd.DataFrame:
    return _named(initiatives, INITIATIVE_COLUMNS + TRACE_COLUMNS, lang)


def for_export(table: pd.DataFrame, *, lang: str = "zh") -> pd.DataFrame:
    """The table with its column headings in the UI language, as people read it in Excel."""
    return table.rename(columns=lambda c: column_label(c, lang))


def evidence_span(paragraphs: pd.DataFrame, sentences: pd.DataFrame, item: pd.Series) -> tuple[str, int, int]:
    """The paragraph text of an item and the offsets of its evidence sentence in it.

    Falls back to the evidence alone (wholly marked) when the paragraph is not found.
    """
    document, paragraph, sentence = item["document"], int(item["paragraph"]), int(item["sentence"])
    text = paragraphs.loc[
        (paragraphs["document"] == document) & (paragraphs["paragraph"] == paragraph), "text"
    ]
    span = sentences.loc[
        (sentences["document"] == document)
        & (sentences["paragraph"] == paragraph)
        & (sentences["sentence"] == sentence),
        ["start", "end"],
    ]
    if text.empty or span.empty:
        evidence = str(item.get("evidence", ""))
        return evidence, 0, len(evidence)
    return str(text.iloc[0]), int(span["start"].iloc[0]), int(span["end"].iloc[0])


def clipped(text: str, *, width: float, lines: int, font_px: float = 14) -> str:
    """``text`` as much of it as ``lines`` lines of ``width`` pixels hold, ending in … when cut: a
    table cell shows a whole beginning rather than half a line at its bottom edge.

    >>> clipped("在数字产业化方面，应大力发展数字经济领域的标志性产业。", width=100, lines=2, font_px=10)
    '在数字产业化方面，应大力发展数字经…'
    >>> clipped("短句。", width=100, lines=2)
    '短句。'
    """
    # a line breaks before a character that does not fit, so each line loses up to one character
    room = lines * (width - font_px) - text_width(ELLIPSIS, font_px)
    if text_width(text, font_px) <= lines * (width - font_px):
        return text
    used, end = 0.0, 0
    for end, ch in enumerate(text):  # noqa: B007
        used += text_width(ch, font_px)
        if used > room:
            break
    return text[:end].rstrip("，、；：,;: ") + ELLIPSIS


# A page reruns on every click: the same cells are clipped once, not on every rerun.
_clipped_once = functools.lru_cache(maxsize=200_000)(clipped)


def clipped_columns(
    table: pd.DataFrame, widths: dict[str, float], *, lines: int, font_px: float
) -> pd.DataFrame:
    """``table`` with the text of each column named in ``widths`` clipped to that many pixels
    (``clipped``)."""
    return table.assign(
        **{
            column: [_clipped_once(str(s), width=width, lines=lines, font_px=font_px) for s in table[column]]
            for column, width in widths.items()
        }
    )
