import itertools

import pandas as pd
import pytest
from conftest import ROOT

from dashboard import cooccurrence, extract_paths, kwic, term_frequencies, textrank, tfidf
from dashboard.query.keywords import (
    DEFAULT_RANKING,
    RANKINGS,
    background,
    distinctive,
    genre_weight,
    name_words,
    write_background,
)


def test_frequencies_leave_out_stopwords_and_action_verbs(seed_extraction):
    top = term_frequencies(seed_extraction.terms, top=30)
    assert "数字经济" in set(top["term"])
    assert not {"的", "和", "加快", "推进", "建设", "一是"} & set(top["term"])
    assert list(top["count"]) == sorted(top["count"], reverse=True)


def test_frequencies_by_sector_count_every_occurrence(seed_extraction):
    by_sector = term_frequencies(seed_extraction.terms, by="sector")
    overall = term_frequencies(seed_extraction.terms)
    assert by_sector["count"].sum() == overall["count"].sum() == seed_extraction.terms["count"].sum()
    farm_words = set(by_sector.query("sector == 'agriculture'").nlargest(10, "count")["term"])
    assert "农产品" in farm_words


def test_tfidf_prefers_domain_words_over_common_ones(seed_extraction):
    table = tfidf(seed_extraction.terms)
    weight = dict(zip(table["term"], table["tfidf"], strict=True))
    assert weight["数字经济"] > weight["企业"]


def test_textrank_weights_are_scaled_to_one(seed_extraction):
    table = textrank(seed_extraction.terms, top=10)
    assert table["textrank"].max() == 1.0
    assert len(table) == 10


def test_kwic_shows_the_term_in_its_sentence(seed_extraction):
    rows = kwic(seed_extraction.paragraphs, seed_extraction.sentences, "跨境电商", width=5)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["left"], row["right"]) == ("，大力发展", "，不断提升")
    assert row["left"] + row["term"] + row["right"] in row["evidence"]


def test_cooccurrence_links_names_that_share_a_sentence(seed_extraction):
    edges = cooccurrence(seed_extraction.terms, seed_extraction.mentions)
    pairs = {(r.source, r.target) for r in edges.itertuples()}
    assert ("温氏集团", "温氏集团养殖场") in pairs
    assert set(edges["source_type"]) <= {"project", "organization", "place", "keyword"}
    assert (edges["weight"] >= 1).all()


def plain_cooccurrence(terms, mentions, *, top_terms=30, min_weight=1):
    """The definition, sentence by sentence: every pair of the names and top keywords in a
    sentence, each name typed as in the last sentence that mentions it."""
    top = set(term_frequencies(terms, top=top_terms)["term"]) if not terms.empty else set()
    names = set(mentions["name"])
    top = {t for t in top if not any(t in name for name in names)}
    by_sentence = {}
    for row in mentions.itertuples():
        by_sentence.setdefault((row.document, row.paragraph, row.sentence), {})[row.name] = row.category
    for row in terms[terms["term"].isin(top)].itertuples():
        by_sentence.setdefault((row.document, row.paragraph, row.sentence), {}).setdefault(
            row.term, "keyword"
        )
    weights, kinds = {}, {}
    for nodes in by_sentence.values():
        kinds.update(nodes)
        for a, b in itertools.combinations(sorted(nodes), 2):
            weights[a, b] = weights.get((a, b), 0) + 1
    rows = sorted(((-w, a, b) for (a, b), w in weights.items() if w >= min_weight))
    return [(a, b, kinds[a], kinds[b], -w) for w, a, b in rows]


def as_rows(edges):
    return list(
        edges[["source", "target", "source_type", "target_type", "weight"]].itertuples(index=False, name=None)
    )


@pytest.mark.parametrize("min_weight", [1, 2])
def test_cooccurrence_is_the_sentence_by_sentence_definition(gold_extraction, min_weight):
    terms, mentions = gold_extraction.terms, gold_extraction.mentions
    # mentions out of sentence order, and one name typed two ways in two sentences
    mentions = mentions.sample(frac=1, random_state=3).reset_index(drop=True)
    twice = mentions.iloc[:2].assign(name="云岭数据港", category=["organization", "project"])
    mentions = pd.concat([mentions, twice], ignore_index=True)
    edges = cooccurrence(terms, mentions, top_terms=15, min_weight=min_weight)
    expected = plain_cooccurrence(terms, mentions, top_terms=15, min_weight=min_weight)
    assert len(expected) > (100 if min_weight == 1 else 5)
    assert as_rows(edges) == expected


def test_name_words_are_the_names_and_their_short_forms():
    names = ["江州市", "临川县", "云岭", "天承集团", "星海科技有限公司", "新区"]
    endings = ["市", "县", "区", "公司", "有限公司", "集团"]
    assert name_words(names, endings) == {
        "江州市", "江州", "临川县", "临川", "云岭", "天承集团", "天承", "星海科技有限公司", "星海科技", "新区"
    }  # fmt: skip


def test_a_short_form_that_is_a_word_of_the_genre_stays_a_topic():
    names = ["大数据交易中心", "天承集团"]
    assert name_words(names, ["交易中心", "集团"], keep={"大数据"}) == {"大数据交易中心", "天承集团", "天承"}


GENRE_WORDS = {"产业", "经济", "企业", "服务", "信息"}


def test_the_distinctive_ranking_puts_no_word_of_the_genre_first(seed_extraction):
    assert GENRE_WORDS & set(term_frequencies(seed_extraction.terms, top=10)["term"])  # counts do
    top = distinctive(seed_extraction.terms, top=15)
    assert not GENRE_WORDS & set(top["term"])
    assert {"梧州", "六堡", "再生资源"} <= set(top["term"].head(5))
    assert list(top["distinct"]) == sorted(top["distinct"], reverse=True)


@pytest.fixture(scope="module")
def test_articles():
    return extract_paths(["tests/fixtures/articles"])


def test_each_test_article_is_told_apart_by_its_own_words(test_articles):
    tops = distinctive(test_articles.terms, by="document", top=10).groupby("document")["term"].apply(set)
    own = {
        "2021-09-08-xuchang-digital-economy": {"许昌", "花木", "发制品"},
        "2023-03-15-yibin-digital-economy": {"宜宾", "早茶"},
        "2024-06-02-huzhou-digital-economy": {"湖州", "童装", "织里"},
        "2025-01-20-qujing-digital-economy": {"曲靖", "滇东"},
    }
    for document, words in own.items():
        assert words <= tops[document], document
        assert not GENRE_WORDS & tops[document], document
    # counts lead with the same words in every article
    counts = (
        term_frequencies(test_articles.terms, by="document", top=5).groupby("document")["term"].apply(set)
    )
    assert all("企业" in c or "数字" in c for c in counts)


def test_words_of_ordinary_news_weigh_less_than_the_places_and_products(test_articles):
    table = distinctive(test_articles.terms, by="document")
    qujing = table[table["document"] == "2025-01-20-qujing-digital-economy"]
    weight = dict(zip(qujing["term"], qujing["distinct"], strict=True))
    assert weight["滇东"] > weight.get("去年", 0) and weight["滇东"] > weight.get("正在", 0)


def test_the_background_counts_texts_of_the_genre(tmp_path):
    counts, documents = background()
    development = ROOT / "data" / "evaluation" / "dev"
    assert documents == len(list(development.glob("*.txt")))  # rebuilt when the texts change
    assert counts["产业"] > counts.get("梧州", 0)
    terms = pd.DataFrame(
        {
            "document": ["a", "a", "b", "c", "a", "b"],
            "term": ["产业", "产业", "产业", "六堡", "华为", "华为"],
            "count": [1, 2, 1, 1, 1, 1],
        }
    )
    path = tmp_path / "background.tsv"
    assert write_background(terms, path) == 1  # a term of one text only, and a name, are left out
    assert background(path) == ({"产业": 2}, 3)
    weights = genre_weight(pd.Series(["产业", "六堡"]), path)
    assert weights[0] < weights[1]


def test_an_empty_table_ranks_to_an_empty_table():
    empty = pd.DataFrame(columns=["document", "paragraph", "sentence", "term", "count", "sector", "pillar"])
    assert distinctive(empty).empty and list(distinctive(empty, by="sector").columns) == [
        "sector", "term", "count", "distinct"
    ]  # fmt: skip


def test_distinct_is_the_default_ranking():
    assert DEFAULT_RANKING == "distinct" and next(iter(RANKINGS)) == "distinct"
