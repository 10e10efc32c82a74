"""What the pages draw, built once per view: bounded however many articles there are."""

import pytest
from corpus_factory import write_corpus

from dashboard.pipeline.corpus import extract_paths
from dashboard.present import charts, shown
from dashboard.query.filters import Filters


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    write_corpus(folder, 7)
    return extract_paths([folder])


def test_the_overview_part_holds_the_count_with_generic_phrases_the_timeline_and_the_article_rows(corpus):
    part = shown.overview(corpus, Filters())
    assert part.with_generic == len(corpus.projects) > len(part.view.projects)
    assert [trace.type for trace in part.timeline.data][0] == "bar"
    assert len(part.articles) == part.total_articles == 7
    assert part.summary.startswith("7 篇文章")


def test_the_overview_lists_the_newest_articles_only_up_to_its_bound(corpus, monkeypatch):
    monkeypatch.setattr(shown, "MAX_ARTICLE_ROWS", 3)
    part = shown.overview(corpus, Filters())
    assert (len(part.articles), part.total_articles) == (3, 7)
    assert part.articles["date"].tolist() == sorted(part.articles["date"], reverse=True)


def test_one_article_has_no_timeline_and_its_title_leads_the_summary(corpus):
    document = corpus.documents.iloc[0]
    part = shown.overview(corpus, Filters(docs=(document["document"],)))
    assert part.timeline is None
    assert part.summary.startswith(f"{document['title']} · ")


def test_the_structure_draws_a_bounded_number_of_tiles_per_sector(corpus):
    trace = charts.structure(corpus.projects, per_sector=2).data[0]
    sectors = set(corpus.projects["sector"])
    assert len(trace.ids) <= 2 * len(sectors) * 3 + len(sectors) * 2
    others = [label for label in trace.labels if label.startswith("其他")]
    assert others and all(label.endswith("个项目") for label in others)
    value = dict(zip(trace.ids, trace.values, strict=True))
    for sector_id in {p for p in trace.parents if "/" in p}:
        children = [i for i, p in zip(trace.ids, trace.parents, strict=True) if p == sector_id]
        assert value[sector_id] == sum(value[c] for c in children)


def test_the_corpus_listing_the_recurring_projects_and_the_sides_offered_are_bounded(corpus, monkeypatch):
    monkeypatch.setattr(shown, "MAX_LISTED", 4)
    monkeypatch.setattr(shown, "MAX_RECURRING", 2)
    monkeypatch.setattr(shown, "MAX_CHOICES", 4)
    listing = shown.corpus_listing(corpus, Filters(), ("2023-01-15-article-0000",), 220, 3, 14)
    assert (len(listing.rows), listing.total) == (4, 7)
    assert listing.rows["date"].tolist() == sorted(listing.rows["date"], reverse=True)
    assert list(listing.titles) == listing.rows["document"].tolist()

    found, written, total = shown.recurring(corpus, Filters())
    # the first and the seventh article share a city: its eight section projects and 数字江州
    assert (len(found), len(written), total) == (2, 2, 9)

    sides = shown.comparison_sides(corpus, Filters(), "documents", "M")
    assert len(sides.groups) == 7
    assert sides.options == [*list(sides.groups)[:2], *list(sides.groups)[-2:]]


def test_a_recurring_project_writes_its_first_sources_and_how_many_more(corpus, monkeypatch):
    monkeypatch.setattr(shown, "MAX_SOURCES", 1)
    found, written, _ = shown.recurring(corpus, Filters())
    assert len(found["sources"].iloc[0]) == 2
    assert written["sources"].iloc[0][1] == "……另有 1 篇"


def test_list_boxes_offer_every_document_of_a_small_corpus_and_a_bounded_choice_of_a_large_one(
    corpus, monkeypatch
):
    ids = corpus.documents["document"].tolist()
    assert shown.document_choices(corpus, Filters()) == ids
    assert list(shown.document_titles(corpus, Filters())) == ids
    monkeypatch.setattr(shown, "MAX_DOCUMENT_CHOICES", 2)
    newest = sorted(ids)[-2:]  # the files are named by date
    assert shown.document_choices(corpus, Filters()) == newest
    assert shown.document_choices(corpus, Filters(docs=(ids[0],))) == [ids[0], *newest]
    assert len(shown.document_choices(corpus, Filters(q="江州"))) == 2  # the first and the seventh
    assert shown.document_choices(corpus, Filters(q="不在标题中")) == newest  # never none


def test_a_term_in_context_is_shown_at_most_a_bounded_number_of_times(corpus, monkeypatch):
    monkeypatch.setattr(shown, "MAX_CONTEXTS", 2)
    contexts = shown.term_contexts(corpus, Filters(term="数字"))
    assert contexts.shown == 2 < contexts.total
    assert contexts.html.count('class="kwic-line"') == 2
    assert shown.term_contexts(corpus, Filters(term="不在文中")).html == ""
