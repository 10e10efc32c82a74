"""Tables as the dashboard shows them: chosen columns, sector and pillar names in the UI language.

>>> projects = pd.DataFrame({"name": ["江州大数据产业园"], "sector": ["digital-industry"]})
>>> project_rows(projects, lang="en").to_dict("records")
[{'name': '江州大数据产业园', 'sector': 'digital industry'}]
"""

from __future__ import annotations

import pandas as pd

from dashboard.present.glossary import column_label, name

# The columns people see, in order (the page's table, the report); the rows and the downloads also
# carry where each row comes from (TRACE_COLUMNS).
PROJECT_COLUMNS = ["name", "kind", "sector", "pillar", "organizations", "places", "mentions", "evidence"]
# On the page the sentence comes beside the name, so that both show on a narrow screen.
PROJECT_COLUMNS_SHOWN = [
    "name",
    "evidence",
    "sector",
    "pillar",
    "kind",
    "mentions",
    "organizations",
    "places",
]
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
TRACE_COLUMNS = ["document", "paragraph"]


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
    """The project listing: one row per project, in the order the extraction gives."""
    return _named(projects, PROJECT_COLUMNS + TRACE_COLUMNS, lang)


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
