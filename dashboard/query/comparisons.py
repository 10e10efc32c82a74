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
    dates = documents.set_index("document")["date"].map(
        lambda d: d[:10] if isinstance(d, str) and d else None
    )
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
    # Whole-table operations, not a loop over groups: a corpus of thousands of articles has
    # thousands of projects. Within a project its mentions go by date (undated last), then document.
    dated = _dated(table, documents).reset_index(drop=True)
    dated = dated.assign(_first=dated.groupby("key", sort=False).ngroup())
    dated = dated.sort_values(["_first", "date", "document"], na_position="last").reset_index(drop=True)
    groups = dated.groupby("_first", sort=True)
    heads = dated.drop_duplicates("_first").set_index("_first")
    longest = dated.loc[dated["name"].str.len().groupby(dated["_first"]).idxmax().to_numpy(), "name"]
    modes = (  # the most frequent sector, the first in the alphabet among equals
        dated.groupby(["_first", "sector"]).size().rename("n").reset_index()
        .sort_values(["_first", "n", "sector"], ascending=[True, False, True])
        .drop_duplicates("_first").set_index("_first")["sector"]
    )  # fmt: skip
    sources: dict[int, list[dict]] = {}
    for group, document, title, date, evidence in zip(
        dated["_first"].tolist(),
        dated["document"].tolist(),
        dated["title"].tolist(),
        dated["date"].tolist(),
        dated["evidence"].tolist(),
        strict=True,
    ):
        sources.setdefault(group, []).append(
            {"document": document, "title": title, "date": date, "evidence": evidence}
        )
    # sorted by date within each project: its first and last dated mentions give the span
    with_date = dated[dated["date"].notna()]
    first = with_date.drop_duplicates("_first").set_index("_first")["date"].reindex(heads.index)
    last = with_date.drop_duplicates("_first", keep="last").set_index("_first")["date"].reindex(heads.index)

    def day(values: pd.Series) -> list:
        return [None if pd.isna(v) else v for v in values.tolist()]

    result = pd.DataFrame(
        {
            "name": longest.to_numpy(),
            "kind": heads["kind"].to_numpy(),
            "sector": modes.reindex(heads.index).to_numpy(),
            "documents": pd.Series(pd.factorize(dated["document"])[0])
            .groupby(dated["_first"])
            .nunique()
            .to_numpy(),
            "mentions": groups["mentions"].sum().astype(int).to_numpy(),
            "first": day(first),
            "last": day(last),
            "sources": [sources[g] for g in heads.index],
        }
    )
    result.insert(3, "pillar", result["sector"].map(tx.pillar_of))
    return result.sort_values(
        ["documents", "mentions", "name"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)[columns]


def document_periods(documents: pd.DataFrame, *, period: str = "M") -> pd.Series:
    """The period (``2023-01``, ``2023Q1``, ``2023``) of each document, by id; None when undated."""
    dates = pd.to_datetime(
        documents.set_index("document")["date"].map(lambda d: str(d)[:10] if d else None),
        errors="coerce",
    )
    return dates.dt.to_period(period).astype(str).where(dates.notna())


def timeline(
    projects: pd.DataFrame, initiatives: pd.DataFrame | None, documents: pd.DataFrame, *, period: str = "M"
) -> pd.DataFrame:
    """Named projects and initiatives per period (``M`` month, ``Q`` quarter, ``Y`` year) and sector,
    by article date. Undated articles are left out. Columns: period, sector, projects, initiatives
    (0 throughout when ``initiatives`` is None: a chart of projects alone need not count them)."""
    columns = ["period", "sector", "projects", "initiatives"]
    periods = document_periods(documents, period=period)
    counts = []
    for name, table in (("projects", projects[projects["named"]]), ("initiatives", initiatives)):
        if table is None or table.empty:
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
