from dashboard import cooccurrence, kwic, term_frequencies, textrank, tfidf
from dashboard.query.keywords import name_words


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


def test_name_words_are_the_names_and_their_short_forms():
    names = ["江州市", "临川县", "云岭", "天承集团", "星海科技有限公司", "新区"]
    endings = ["市", "县", "区", "公司", "有限公司", "集团"]
    assert name_words(names, endings) == {
        "江州市", "江州", "临川县", "临川", "云岭", "天承集团", "天承", "星海科技有限公司", "星海科技", "新区"
    }  # fmt: skip


def test_a_short_form_that_is_a_word_of_the_genre_stays_a_topic():
    names = ["大数据交易中心", "天承集团"]
    assert name_words(names, ["交易中心", "集团"], keep={"大数据"}) == {"大数据交易中心", "天承集团", "天承"}
