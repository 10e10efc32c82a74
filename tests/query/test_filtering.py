import pandas as pd
import pytest

from dashboard.pipeline import taxonomy as tx
from dashboard.query.filtering import (
    filter_table,
    projects_view,
    search_mask,
    sector_counts,
    sentence_view,
)
from dashboard.query.filters import Filters


@pytest.fixture
def table():
    return pd.DataFrame(
        {
            "name": ["温氏集团养殖场", "粤桂云数据中心", "梧州综保区"],
            "sector": ["agriculture", "digital-industry", "services"],
            "document": ["a", "a", "b"],
            "evidence": ["建设智能化温室", "加快建设数据中心", "发展跨境电商"],
            "places": [[], ["梧州市"], ["梧州市"]],
        }
    )


class TestFilterTable:
    def test_no_filters_keeps_everything(self, table):
        assert len(filter_table(table, Filters())) == 3

    def test_sector(self, table):
        assert filter_table(table, Filters(sectors=("agriculture",)))["name"].tolist() == ["温氏集团养殖场"]

    def test_pillar_derived_from_sector(self, table):
        view = filter_table(table, Filters(pillar=tx.INDUSTRIAL_DIGITALIZATION))
        assert set(view["sector"]) == {"agriculture", "services"}

    def test_document(self, table):
        assert len(filter_table(table, Filters(docs=("b",)))) == 1
        assert len(filter_table(table, Filters(docs=("a", "b")))) == 3

    @pytest.mark.parametrize(
        "q, names",
        [
            ("数据中心", ["粤桂云数据中心"]),  # name and evidence
            ("温室", ["温氏集团养殖场"]),  # evidence only
            ("梧州市", ["粤桂云数据中心", "梧州综保区"]),  # list column
            ("(", []),  # literal, not a regex
            ("无此内容", []),
        ],
    )
    def test_search(self, table, q, names):
        assert filter_table(table, Filters(q=q))["name"].tolist() == names

    def test_search_is_case_insensitive(self):
        frame = pd.DataFrame({"name": ["IT解决方案"], "sector": ["services"]})
        assert search_mask(frame, "it").tolist() == [True]

    def test_in_a_list_column_one_name_must_contain_the_search(self):
        frame = pd.DataFrame({"name": ["甲", "乙", "丙"], "places": [["梧州", "市场"], ["梧州市"], []]})
        assert search_mask(frame, "州市").tolist() == [False, True, False]
        assert search_mask(frame, "市场").tolist() == [True, False, False]

    def test_a_column_of_other_objects_is_searched_as_text(self):
        frame = pd.DataFrame({"name": ["甲", "乙", "丙"], "places": [["江州"], None, 5]})
        assert search_mask(frame, "江州").tolist() == [True, False, False]
        assert search_mask(frame, "5").tolist() == [False, False, True]

    @pytest.mark.parametrize("dtype", [object, "category", "str"])
    def test_text_columns_of_any_dtype_are_searched_as_text(self, dtype):
        frame = pd.DataFrame({"name": pd.Series(["数字经济产业园", "数据中心", None], dtype=dtype)})
        assert search_mask(frame, "数字经济").tolist() == [True, False, False]
        assert search_mask(frame, "数据").tolist() == [False, True, False]

    def test_a_column_mixing_lists_and_text(self):
        frame = pd.DataFrame({"name": ["甲", "乙"], "places": [["江州市"], "江州新区"]})
        assert search_mask(frame, "江州").tolist() == [True, True]

    def test_filters_combine(self, table):
        assert filter_table(table, Filters(sectors=("services",), q="数据")).empty


class TestSearchesKeptPerTable:
    def test_a_search_asked_again_gives_the_same_rows_even_after_its_result_was_changed(self, table):
        first = search_mask(table, "数据")
        first[:] = True  # what a caller does with its mask is its own
        assert search_mask(table, "数据").tolist() == [False, True, False]
        assert search_mask(table, "综保").tolist() == [False, False, True]  # another search: its own rows

    def test_what_a_table_keeps_goes_with_it(self):
        import gc

        from dashboard.query import filtering

        frame = pd.DataFrame(
            {"name": pd.Series(["数据中心", "茶园"], dtype=object), "places": [["江州"], []]}
        )
        assert search_mask(frame, "江州").tolist() == [True, False]
        assert id(frame) in filtering._SEARCHABLE
        key = id(frame)
        del frame
        gc.collect()
        assert key not in filtering._SEARCHABLE

    def test_repeated_text_with_missing_values_is_searched_by_its_distinct_values(self):
        shared = "粤桂云数据中心"
        frame = pd.DataFrame(
            {"evidence": pd.Series([shared, None, shared, "茶园", float("nan")], dtype=object)}
        )
        assert search_mask(frame, "数据").tolist() == [True, False, True, False, False]


def test_projects_view_named_by_default(extraction):
    named = projects_view(extraction, Filters(), generic=False)
    everything = projects_view(extraction, Filters(), generic=True)
    assert named["named"].all()
    assert len(everything) > len(named)
    assert "智能工厂" in set(everything["name"]) - set(named["name"])


def test_agriculture_only(extraction):
    view = projects_view(extraction, Filters(sectors=("agriculture",)), generic=True)
    assert not view.empty
    assert set(view["sector"]) == {"agriculture"}


def test_sentence_view_search_keeps_terms_of_matching_sentences(extraction):
    view = sentence_view(extraction.terms, extraction.sentences, Filters(q="六堡茶"))
    assert not view.empty
    assert "六堡" in set(view["term"]) or "六堡茶" in set(view["term"])
    assert len(view) < len(extraction.terms)


def test_sentence_view_keeps_exactly_the_rows_of_the_sentences_found_in_every_document():
    from conftest import GOLD_ARTICLES

    from dashboard import extract_paths

    corpus = extract_paths(GOLD_ARTICLES)
    sentences = corpus.sentences
    for q in ("数字", "平台", "没有这个词"):
        found = sentences[sentences["text"].str.contains(q, regex=False)]
        keys = set(zip(found["document"], found["paragraph"], found["sentence"], strict=True))
        for table in (corpus.terms, corpus.mentions):
            expected = [
                k in keys for k in zip(table["document"], table["paragraph"], table["sentence"], strict=True)
            ]
            view = sentence_view(table, sentences, Filters(q=q))
            assert view.equals(table[expected]), q
    assert corpus.terms["document"].nunique() > 1 and len(
        sentence_view(corpus.terms, sentences, Filters(q="数字"))
    )


def test_sector_counts_has_every_sector(extraction):
    counts = sector_counts(extraction.named_projects)
    assert list(counts) == [*tx.SECTORS, tx.UNCLASSIFIED]
    assert sum(counts.values()) == len(extraction.named_projects)
