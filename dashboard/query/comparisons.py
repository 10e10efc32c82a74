"""Across documents: a timeline, projects that recur in several articles, two sets compared."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.pipeline import taxonomy as tx
from dashboard.query.keywords import term_frequencies

_BRACKETED = re.compile(r"（[^（）]*）")


def project_key(name: str) -> str:
    """The form a project name is matched on across articles: without bracketed parts, so that
    鸿途（江州）产业园 and 鸿途产业园 are one project."""
    return _BRACKETED.sub("", name)


def _dated(projects: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    dates = documents.set_index("document")["date"].map(lambda d: str(d)[:10] if d else None)
    titles = documents.set_index("document")["title"]
    return projects.assign(
        date=projects["document"].map(dates),
        title=projects["document"].map(titles),
        key=projects["name"].map(project_key),
    )


def recurring_projects(
    projects: pd.DataFrame, documents: pd.DataFrame, *, named_only: bool = True
) -> pd.DataFrame:
    """One row per project across the corpus, its mentions in every article merged.

    Columns: name (the longest form), sector (the most frequent), pillar, documents (how many),
    mentions (all), first and last date, sources (list of {document, title, date, evidence}).
    Sorted by how many articles mention it.
    """
    columns = [
        "name",
        "kind",
        "sector",
        "pillar",
        "documents",
        "mentions",
        "first",
        "last",
        "sources",
    ]
    table = projects[projects["named"]] if named_only else projects
    if table.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for _, group in _dated(table, documents).groupby("key", sort=False):
        group = group.sort_values(["date", "document"], na_position="last")
        sector = group["sector"].mode().iloc[0]
        rows.append(
            {
                "name": max(group["name"], key=len),
                "kind": group["kind"].iloc[0],
                "sector": sector,
                "pillar": tx.pillar_of(sector),
                "documents": group["document"].nunique(),
                "mentions": int(group["mentions"].sum()),
                "first": group["date"].dropna().min() if group["date"].notna().any() else None,
                "last": group["date"].dropna().max() if group["date"].notna().any() else None,
                "sources": [
                    {
                        "document": r.document,
                        "title": r.title,
                        "date": r.date,
                        "evidence": r.evidence,
                    }
                    for r in group.itertuples()
                ],
            }
        )
    result = pd.DataFrame(rows, columns=columns)
    return result.sort_values(["documents", "mentions", "name"], ascending=[False, False, True]).reset_index(
        drop=True
    )


def document_periods(documents: pd.DataFrame, *, period: str = "M") -> pd.Series:
    """The period (``2023-01``, ``2023Q1``, ``2023``) of each document, by id; None when undated."""
    dates = pd.to_datetime(
        documents.set_index("document")["date"].map(lambda d: str(d)[:10] if d else None),
        errors="coerce",
    )
    return dates.dt.to_period(period).astype(str).where(dates.notna())


def timeline(
    projects: pd.DataFrame, initiatives: pd.DataFrame, documents: pd.DataFrame, *, period: str = "M"
) -> pd.DataFrame:
    """Named projects and initiatives per period (``M`` month, ``Q`` quarter, ``Y`` year) and sector,
    by article date. Undated articles are left out. Columns: period, sector, projects, initiatives."""
    columns = ["period", "sector", "projects", "initiatives"]
    periods = document_periods(documents, period=period)
    counts = []
    for name, table in (("projects", projects[projects["named"]]), ("initiatives", initiatives)):
        if table.empty:
            continue
        frame = table.assign(period=table["document"].map(periods)).dropna(subset=["period"])
        counts.append(frame.groupby(["period", "sector"]).size().rename(name))
    if not counts:
        return pd.DataFrame(columns=columns)
    result = pd.concat(counts, axis=1).fillna(0).astype(int).reset_index()
    for column in ("projects", "initiatives"):
        if column not in result:
            result[column] = 0
    return result[columns].sort_values(["period", "sector"]).reset_index(drop=True)


def compare(
    left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame], *, top: int = 15
) -> dict[str, pd.DataFrame]:
    """Two sets of documents (each a dict with ``projects`` and ``terms``) side by side.

    Returns ``sectors`` (named projects per sector, left and right), ``projects`` (each named
    project with ``side`` = left, right or both) and ``keywords`` (terms whose share of all terms
    rose or fell most, ``change`` in occurrences per thousand terms).
    """

    def sector_mix(projects: pd.DataFrame) -> pd.Series:
        return projects[projects["named"]].groupby("sector").size()

    sectors = (
        pd.DataFrame({"left": sector_mix(left["projects"]), "right": sector_mix(right["projects"])})
        .reindex([*tx.SECTORS, tx.UNCLASSIFIED])
        .fillna(0)
        .astype(int)
        .rename_axis("sector")
        .reset_index()
    )
    sectors = sectors[(sectors["left"] > 0) | (sectors["right"] > 0) | sectors["sector"].isin(tx.SECTORS)]

    keys_left = {project_key(n): n for n in left["projects"].query("named")["name"]}
    keys_right = {project_key(n): n for n in right["projects"].query("named")["name"]}
    project_rows = [
        {
            "name": keys_left.get(k) or keys_right[k],
            "side": "both" if k in keys_left and k in keys_right else ("left" if k in keys_left else "right"),
        }
        for k in sorted(set(keys_left) | set(keys_right))
    ]
    projects = pd.DataFrame(project_rows, columns=["name", "side"])

    def shares(terms: pd.DataFrame) -> pd.Series:
        counts = (
            term_frequencies(terms).set_index("term")["count"] if not terms.empty else pd.Series(dtype=float)
        )
        return counts / max(1, counts.sum()) * 1000

    both = pd.DataFrame({"left": shares(left["terms"]), "right": shares(right["terms"])}).fillna(0.0)
    both["change"] = both["right"] - both["left"]
    ranked = both.reindex(both["change"].abs().sort_values(ascending=False).index).head(top)
    keywords = ranked.rename_axis("term").reset_index()
    return {"sectors": sectors.reset_index(drop=True), "projects": projects, "keywords": keywords}


def subset(tables: dict[str, pd.DataFrame], documents: list[str]) -> dict[str, pd.DataFrame]:
    """The rows of each table that belong to the given documents."""
    return {name: table[table["document"].isin(documents)] for name, table in tables.items()}
