import pandas as pd
import pytest

from dashboard.present.articles import SECTOR_COLUMNS, article_rows, corpus_summary, timeline_period
from dashboard.query.filters import Filters


def documents(dates, outlets=None, urls=None):
    n = len(dates)
    return pd.DataFrame(
        {
            "document": [f"d{i}" for i in range(n)],
            "title": [f"标题{i}" for i in range(n)],
            "date": dates,
            "outlet": outlets or [None] * n,
            "source_url": urls or [None] * n,
        }
    )


def test_summary_of_one_article(extraction):
    outlet = extraction.documents["outlet"].iloc[0]
    assert corpus_summary(extraction.documents, "zh") == f"1 篇文章 · 2022-04-22 · 来源：{outlet}"
    assert corpus_summary(extraction.documents, "en") == f"1 article · 2022-04-22 · from {outlet}"


def test_summary_names_three_outlets_and_counts_the_others():
    docs = documents(
        ["2023-03-01", None, "2021-05-02T08:00:00+08:00", "2022-01-01", ""],
        ["甲报", "乙报", "丙报", "丁报", "甲报"],
    )
    assert corpus_summary(docs, "zh") == "5 篇文章 · 2021-05-02 至 2023-03-01 · 来源：甲报、乙报、丙报等 4 家"
    assert corpus_summary(docs, "en").endswith("from 甲报, 乙报, 丙报 and others (4 outlets)")


def test_summary_of_undated_articles_without_outlets():
    assert corpus_summary(documents([None, ""]), "zh") == "2 篇文章"


def test_article_rows_count_named_projects_per_sector_and_link_to_the_reader():
    docs = documents(
        ["2023-01-15", "2023-06-15"], ["甲报", None], ["https://a.example/1", "javascript:alert(1)"]
    )
    projects = pd.DataFrame(
        {
            "document": ["d0", "d0", "d1", "d0"],
            "sector": ["agriculture", "agriculture", "services", "unclassified"],
        }
    )
    rows = article_rows(
        docs, projects, Filters(sectors=("agriculture",), mode="present").with_control("rank", "count")
    )
    assert rows["document"].tolist() == ["d1", "d0"]  # newest first
    first = rows.set_index("document").loc["d0"]
    assert (first["agriculture"], first["services"], first["unclassified"], first["total"]) == (2, 0, 1, 3)
    assert (
        first["reader"] == "reader?sector=agriculture&doc=d0"
    )  # the filters kept, no mode, no other page's control
    assert first["source_url"] == "https://a.example/1"
    assert rows.set_index("document").loc["d1", "source_url"] == ""  # only web links
    assert list(rows.columns[4 : 4 + len(SECTOR_COLUMNS)]) == list(SECTOR_COLUMNS)


def test_article_rows_without_projects(extraction):
    rows = article_rows(extraction.documents, extraction.named_projects.iloc[0:0], Filters())
    assert rows["total"].tolist() == [0]


def test_article_rows_of_the_bundled_article(extraction):
    rows = article_rows(extraction.documents, extraction.named_projects, Filters())
    assert rows.loc[0, "total"] == len(extraction.named_projects)
    assert rows.loc[0, "reader"] == "reader?doc=2022-04-22-wuzhou-digital-economy"


@pytest.mark.parametrize(
    "dates, period",
    [
        (["2023-01-15"], None),
        (["2023-01-15", "2023-01-15T09:00:00+08:00", None], None),  # one date
        (["2023-01-15", "2023-06-15"], "M"),
        (["2021-01-15", "2023-06-15"], "Q"),
        (["2014-01-15", "2023-06-15"], "Y"),
    ],
)
def test_timeline_period(dates, period):
    assert timeline_period(documents(dates)) == period
