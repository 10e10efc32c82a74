"""A corpus of generated articles: several dates, cities and sector orders, a duplicate, a broken file."""

import shutil

import pytest
from corpus_factory import CITIES, named_projects, write_corpus

from dashboard.pipeline.corpus import extract_paths
from dashboard.pipeline.taxonomy import SECTORS
from dashboard.query.comparisons import (
    compare,
    document_periods,
    project_key,
    recurring_projects,
    subset,
    timeline,
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    paths = write_corpus(folder, 7)
    shutil.copy(paths[0], folder / "2023-01-15-copy-of-first.md")  # same content, other name
    (folder / "2023-07-01-broken.md").write_bytes(b"\x00\x01binary")
    return extract_paths([folder])


def test_every_article_is_a_document_and_the_duplicate_and_the_broken_file_are_refused(corpus):
    assert len(corpus.documents) == 7
    reasons = sorted(e.reason for e in corpus.errors)
    assert reasons == ["binary file, not text", "duplicate of 2023-01-15-article-0000.md"]


def test_each_article_yields_its_projects_in_their_sectors(corpus):
    for n, (city, brand) in enumerate(CITIES):
        document = corpus.documents["document"][
            corpus.documents["document"].str.endswith(f"article-{n:04d}")
        ].iloc[0]
        listed = corpus.projects.query("document == @document and named").set_index("name")["sector"]
        for sector in ("digital-industry", "manufacturing", "services", "agriculture"):
            for name in named_projects(city, brand, sector):
                assert listed.get(name) == sector, (document, name, listed.to_dict())


def test_a_project_in_two_articles_is_one_entity_with_both_sources(corpus):
    merged = recurring_projects(corpus.projects, corpus.documents)
    park = merged.query("name == '江州鸿途数字经济产业园'").iloc[0]
    assert park["documents"] == 2
    assert {s["document"] for s in park["sources"]} == {
        "2023-01-15-article-0000",
        "2023-07-15-article-0006",
    }
    assert (park["first"], park["last"]) == ("2023-01-15", "2023-07-15")
    recurring = set(merged.query("documents == 2")["name"])
    sections = {n for sector in SECTORS for n in named_projects("江州", "鸿途", sector)}
    assert recurring == sections | {"数字江州"}  # the opening: 加快建设数字江州, the city's programme


def test_project_key_ignores_bracketed_places():
    assert project_key("鸿途（江州）产业园") == project_key("鸿途产业园")


def test_timeline_counts_projects_and_initiatives_by_month_and_sector(corpus):
    table = timeline(corpus.projects, corpus.initiatives, corpus.documents)
    january = table.query("period == '2023-01'").set_index("sector")
    assert january.loc["digital-industry", "projects"] == 2
    assert set(table["period"]) == {f"2023-0{m}" for m in range(1, 8)}
    assert table["initiatives"].sum() == len(corpus.initiatives)


def test_a_timeline_of_projects_alone_counts_no_initiatives(corpus):
    both = timeline(corpus.projects, corpus.initiatives, corpus.documents)
    alone = timeline(corpus.projects, None, corpus.documents)
    assert alone["projects"].tolist() == both.loc[both["projects"] > 0, "projects"].tolist()
    assert alone["initiatives"].eq(0).all() and len(alone) < len(both)


def test_comparing_two_articles(corpus):
    tables = {"projects": corpus.projects, "terms": corpus.terms}
    result = compare(subset(tables, ["2023-01-15-article-0000"]), subset(tables, ["2023-02-15-article-0001"]))
    assert result["sectors"].set_index("sector").loc["agriculture"].tolist() == [2, 2]
    assert result["sectors"]["left"].sum() == 9  # two per section, and the opening's 数字江州 (services)
    sides = result["projects"].set_index("name")["side"]
    assert sides["江州鸿途数字经济产业园"] == "left" and sides["临川蓝湾数字茶园"] == "right"
    assert not result["keywords"].empty


@pytest.mark.parametrize("period, first", [("M", "2023-01"), ("Q", "2023Q1"), ("Y", "2023")])
def test_each_document_has_its_period(corpus, period, first):
    periods = document_periods(corpus.documents, period=period)
    assert periods["2023-01-15-article-0000"] == first
    assert periods.notna().all()


def test_recurring_projects_merge_names_sectors_dates_and_sources_per_project():
    import pandas as pd

    documents = pd.DataFrame(
        {"document": ["a", "b", "c"], "title": ["甲", "乙", "丙"], "date": ["2023-05-01", None, "2023-01-01"]}
    )
    projects = pd.DataFrame(
        {
            "name": ["鸿途产业园", "鸿途（江州）产业园", "鸿途产业园", "云谷数据中心"],
            "kind": ["产业园", "产业园", "产业园", "数据中心"],
            "named": [True, True, True, True],
            "sector": ["services", "digital-industry", "services", "digital-industry"],
            "document": ["a", "b", "c", "a"],
            "mentions": [1, 2, 3, 1],
            "evidence": ["句一", "句二", "句三", "句四"],
        }
    )
    merged = recurring_projects(projects, documents).set_index("name")
    assert list(merged.index) == ["鸿途（江州）产业园", "云谷数据中心"]  # by articles, then mentions
    park = merged.loc["鸿途（江州）产业园"]
    assert (park["sector"], park["documents"], park["mentions"]) == ("services", 3, 6)
    assert (park["first"], park["last"]) == ("2023-01-01", "2023-05-01")
    assert [s["document"] for s in park["sources"]] == ["c", "a", "b"]  # by date, undated last
    assert merged.loc["云谷数据中心", "pillar"] == "digital-industrialization"


def test_named_projects_keep_their_columns_and_are_one_table_per_projects_table(tmp_path, seed_extraction):
    empty = extract_paths([tmp_path])
    assert empty.named_projects.empty
    assert list(empty.named_projects.columns) == list(empty.projects.columns)
    assert seed_extraction.named_projects is seed_extraction.named_projects  # what searches keep serves again
    assert seed_extraction.named_projects["named"].all()
