"""Saved analyses: a view's whole state in a small JSON file, opened again as the same view."""

import json

import pytest
from conftest import SEED

from dashboard.present.listings import project_rows
from dashboard.query.filtering import projects_view
from dashboard.query.filters import Filters
from dashboard.store import saved_analysis
from dashboard.store.saved_analysis import AnalysisError, dump, load

DOCUMENTS = [SEED.stem]
VIEW = Filters(
    sectors=("services", "agriculture"),
    pillar="industrial-digitalization",
    docs=(SEED.stem,),
    q="交易中心",
    term="电商",
    lang="en",
)
EDITS = {"domain": {"added": ["算力券"], "removed": []}, "stopwords": {"added": [], "removed": ["发展"]}}


def test_a_saved_analysis_opens_as_the_same_view(extraction):
    text = dump(VIEW, EDITS)
    filters, edits = load(text, documents=DOCUMENTS)
    assert filters == VIEW and edits == EDITS
    before = project_rows(projects_view(extraction, VIEW, generic=False))
    after = project_rows(projects_view(extraction, filters, generic=False))
    assert not before.empty
    assert before.equals(after)


def test_the_file_is_small_readable_and_says_what_it_is():
    text = dump(VIEW)
    payload = json.loads(text)
    assert payload["format"] == saved_analysis.FORMAT and payload["version"] == saved_analysis.VERSION
    assert payload["filters"]["q"] == "交易中心"  # Chinese kept as is, not \\u escapes
    assert "交易中心" in text and len(text.encode()) < 1000
    assert payload["lexicon_edits"] == {}


def test_presenter_mode_is_not_saved():
    filters, _ = load(dump(Filters(mode="present", lang="en")))
    assert filters == Filters(lang="en")


def test_a_default_view_round_trips():
    assert load(dump(Filters())) == (Filters(), {})


def envelope(**fields) -> str:
    return json.dumps({"format": saved_analysis.FORMAT, "version": saved_analysis.VERSION, **fields})


@pytest.mark.parametrize(
    ("text", "reason", "words"),
    [
        ("{not json", "not_json", "not valid JSON (line 1, column 2)"),
        (b"\xff\xfe\x00bad", "not_text", "not UTF-8"),
        ("[1, 2]", "foreign", "not an analysis saved by this dashboard"),
        ('{"type": "FeatureCollection"}', "foreign", "not an analysis"),
        (json.dumps({"format": saved_analysis.FORMAT, "version": 99}), "version", "version is 99"),
        (
            envelope(filters={"sector": "mining"}),
            "bad_filter",
            "filter sector has an unknown value: 'mining'",
        ),
        (envelope(filters={"lang": "fr"}), "bad_filter", "filter lang"),
        (envelope(filters={"pillar": "both"}), "bad_filter", "filter pillar"),
        (envelope(filters={"colour": "red"}), "bad_filter", "filter colour"),
        (envelope(filters={"q": 3}), "bad_filter", "filter q"),
        (envelope(filters=["sector"]), "bad_filter", "filter filters"),
        (envelope(filters={"doc": "another-city"}), "unknown_document", "no document another-city"),
        (
            envelope(lexicon_edits={"colours": {"added": ["红"]}}),
            "bad_lexicon",
            "unknown word list 'colours'",
        ),
        (envelope(lexicon_edits={"domain": ["算力券"]}), "bad_lexicon", "expected 'added' and 'removed'"),
        (envelope(lexicon_edits={"domain": {"added": ["两 个"]}}), "bad_lexicon", "domain.added"),
        (envelope(lexicon_edits={"domain": {"added": [7]}}), "bad_lexicon", "domain.added"),
        ("x" * (saved_analysis.MAX_BYTES + 1), "too_large", "too large"),
    ],
)
def test_a_malformed_or_foreign_file_is_refused_with_its_reason(text, reason, words):
    with pytest.raises(AnalysisError) as refused:
        load(text, documents=DOCUMENTS)
    assert refused.value.reason == reason
    assert words in str(refused.value)
    assert refused.value.message("zh") != str(refused.value)  # the UI says it in Chinese too


def test_sectors_in_any_order_and_a_byte_order_mark_are_fine():
    text = "\ufeff" + envelope(filters={"sector": "agriculture,services", "lang": "zh"})
    filters, _ = load(text.encode("utf-8"))
    assert set(filters.sectors) == {"agriculture", "services"} and filters.lang == "zh"


def test_lexicon_edits_are_cleaned_of_repeats_and_empty_lists():
    edits = {"domain": {"added": ["算力券", "算力券"], "removed": []}, "agriculture": {"added": []}}
    assert load(dump(Filters(), edits))[1] == {"domain": {"added": ["算力券"], "removed": []}}


def test_page_controls_are_saved_and_reopened():
    f = Filters(sectors=("agriculture",)).with_control("rank", "textrank").with_control("rows", 25)
    assert load(dump(f))[0] == f


def test_a_control_value_that_is_not_taken_is_refused():
    payload = json.loads(dump(Filters()))
    payload["filters"] = {"top": "7"}
    with pytest.raises(AnalysisError):
        load(json.dumps(payload))
