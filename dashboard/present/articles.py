"""The articles of a corpus at a glance, for the overview: a one-line summary, a compact table with
each article's named projects per sector and a link to read it, and the period a timeline of them
is drawn by.

    >>> import pandas as pd
    >>> docs = pd.DataFrame({"document": ["a", "b"], "title": ["甲", "乙"],
    ...                      "date": ["2023-01-15T08:00:00+08:00", "2023-06-15"], "outlet": ["江州日报", None]})
    >>> corpus_summary(docs, "zh")
    '2 篇文章 · 2023-01-15 至 2023-06-15 · 来源：江州日报'
"""

from __future__ import annotations

import pandas as pd

from dashboard.pipeline import taxonomy as tx
from dashboard.present.glossary import t
from dashboard.query import filters as url_filters

SECTOR_COLUMNS = (*tx.SECTORS, tx.UNCLASSIFIED)
MAX_OUTLETS = 3  # named in the summary; the others are counted


def _day(value: object) -> str:
    text = str(value)[:10] if isinstance(value, str) and value else ""
    return text if len(text) == 10 and text[4] == "-" else ""


def corpus_summary(documents: pd.DataFrame, lang: str = "zh") -> str:
    """``6 篇文章 · 2023-01-15 至 2023-06-15 · 来源：江州日报、宜宾日报等 4 家``: how many articles,
    the dates they span and their outlets, on one line."""
    parts = [
        t("summary_article", lang) if len(documents) == 1 else t("summary_articles", lang, n=len(documents))
    ]
    days = sorted(d for d in documents["date"].map(_day) if d)
    if days:
        parts.append(days[0] if days[0] == days[-1] else t("summary_span", lang, start=days[0], end=days[-1]))
    outlets = [o for o in dict.fromkeys(documents["outlet"].dropna().astype(str).str.strip()) if o]
    if outlets:
        named = ("、" if lang == "zh" else ", ").join(outlets[:MAX_OUTLETS])
        more = len(outlets) - MAX_OUTLETS
        key = "summary_outlets_more" if more > 0 else "summary_outlets"
        parts.append(t(key, lang, outlets=named, n=len(outlets)))
    return " · ".join(parts)


def article_rows(
    documents: pd.DataFrame,
    named_projects: pd.DataFrame,
    filters: url_filters.Filters,
    limit: int | None = None,
) -> pd.DataFrame:
    """One row per article, newest first (the first ``limit`` of them): document, title, date
    (day), outlet, the named projects of each sector (one column a sector slug, within ``filters``'
    projects), their total, ``reader`` (a link relative to the app that opens the article in the
    reader, keeping the filters) and ``source_url`` (the article's own page, or empty)."""
    counts = (
        named_projects.groupby(["document", "sector"]).size().unstack(fill_value=0)
        if not named_projects.empty
        else pd.DataFrame()
    )
    rows = documents[["document", "title", "date", "outlet", "source_url"]].copy()
    rows["date"] = rows["date"].map(_day)
    rows["outlet"] = rows["outlet"].fillna("").astype(str)
    for sector in SECTOR_COLUMNS:
        column = counts[sector] if sector in counts else pd.Series(dtype=int)
        rows[sector] = rows["document"].map(column).fillna(0).astype(int)
    rows["total"] = rows[list(SECTOR_COLUMNS)].sum(axis=1)
    rows = rows.sort_values(["date", "title"], ascending=[False, True], kind="stable")
    rows = rows.head(limit).reset_index(drop=True) if limit is not None else rows.reset_index(drop=True)
    rows["reader"] = [
        url_filters.with_query("reader", filters.replace(docs=(d,), mode=None), page="reader")
        for d in rows["document"]
    ]
    rows["source_url"] = rows["source_url"].map(
        lambda u: u if isinstance(u, str) and u.startswith(("http://", "https://")) else ""
    )
    columns = ["document", "title", "date", "outlet", *SECTOR_COLUMNS, "total", "reader", "source_url"]
    return rows[columns]


def timeline_period(documents: pd.DataFrame) -> str | None:
    """The period a sector-over-time chart of these articles is drawn by: month, quarter or year,
    so that it has at most about 24 bars; ``None`` when the articles have fewer than two dates."""
    days = sorted({d for d in documents["date"].map(_day) if d})
    if len(days) < 2:
        return None
    first, last = pd.Timestamp(days[0]), pd.Timestamp(days[-1])
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    return "M" if months <= 24 else "Q" if months <= 72 else "Y"
