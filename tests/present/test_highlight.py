import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from dashboard.present.highlight import (
    Span,
    article_html,
    choose_spans,
    esc,
    evidence_html,
    kwic_html,
    legend_html,
    mark_text,
    outline_html,
)

HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>\"'&"


class _Tags(HTMLParser):
    """Collects the tags and attributes a browser would build from the HTML."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]


def tags_of(markup: str) -> _Tags:
    parser = _Tags()
    parser.feed(markup)
    return parser


def paragraphs(*rows):
    return pd.DataFrame(
        [{"document": "d", "paragraph": i, "role": role, "text": text} for i, (role, text) in enumerate(rows)]
    )


def mentions(*rows):
    columns = ["document", "paragraph", "start", "end", "category", "sector", "name"]
    return pd.DataFrame([dict(zip(columns, ("d", *row), strict=True)) for row in rows], columns=columns)


class TestEscaping:
    def test_hostile_text_becomes_text(self):
        html = mark_text(HOSTILE, [])
        assert "<script" not in html and "<img" not in html
        assert tags_of(html).tags == []

    def test_hostile_text_inside_a_mark_is_escaped(self):
        html = mark_text(HOSTILE, [Span(0, 8, "project", "services", "x")])
        assert tags_of(html).tags == ["mark"]
        assert "onerror" not in tags_of(html).attrs

    def test_hostile_article(self):
        rows = paragraphs(("heading", HOSTILE), ("body", "建设" + HOSTILE + "园区"))
        html = article_html(rows, mentions((1, 0, 2, "project", "services", "x")))
        found = tags_of(html)
        assert set(found.tags) <= {"div", "h3", "p", "mark"}
        assert not any(a.startswith("on") for a in found.attrs)
        assert tags_of(outline_html(rows)).tags == ["ul", "li", "a"]

    def test_hostile_kwic(self):
        rows = pd.DataFrame([{"left": HOSTILE, "term": "<b>", "right": HOSTILE}])
        assert set(tags_of(kwic_html(rows)).tags) == {"div", "span", "mark"}

    def test_hostile_evidence(self):
        assert set(tags_of(evidence_html(HOSTILE, 0, 10)).tags) == {"p", "mark"}

    def test_attribute_quotes(self):
        assert esc('"><script>') == "&quot;&gt;&lt;script&gt;"


class TestSpans:
    def test_longer_span_wins_overlap(self):
        # 京东(梧州)数字经济产业园 contains the place 梧州
        spans = [Span(3, 5, "place"), Span(0, 13, "project")]
        assert choose_spans(spans, 20) == [Span(0, 13, "project")]

    def test_project_wins_a_tie(self):
        spans = [Span(0, 4, "place"), Span(0, 4, "project")]
        assert [s.category for s in choose_spans(spans, 10)] == ["project"]

    def test_out_of_range_spans_are_dropped(self):
        assert choose_spans([Span(5, 50, "project"), Span(-1, 2, "place")], 10) == []

    def test_adjacent_spans_both_kept(self):
        assert len(choose_spans([Span(0, 2, "place"), Span(2, 4, "place")], 10)) == 2

    def test_text_is_kept_whole(self):
        text = "加快建设粤桂云数据中心等平台"
        html = mark_text(text, [Span(4, 11, "project", "digital-industry")])
        assert re.sub(r"<[^>]+>", "", html) == text
        assert 'style="--hl:#3b6ea8"' in html
        assert 'title="项目 · 数字产业"' in html

    def test_english_title(self):
        html = mark_text("温氏集团", [Span(0, 4, "organization", "agriculture")], lang="en")
        assert 'title="Organization · agriculture"' in html


class TestArticle:
    def test_headings_and_anchors(self):
        rows = paragraphs(("heading", "推进数字产业化"), ("item", "一是加快"), ("body", "正文"))
        html = article_html(rows, mentions(), document_index=2)
        assert '<h3 id="d2-p0"' in html and '<h4 id="d2-p1"' in html and '<p id="d2-p2"' in html
        outline = outline_html(rows, document_index=2)
        assert 'href="#d2-p0"' in outline and 'href="#d2-p1"' in outline
        assert "#d2-p2" not in outline

    def test_no_headings_no_outline(self):
        assert outline_html(paragraphs(("body", "正文"))) == ""

    def test_search_text_marked(self):
        html = article_html(paragraphs(("body", "发展跨境电商，跨境物流")), mentions(), search="跨境")
        assert html.count('class="hl hl-term"') == 2

    def test_bundled_article(self, extraction):
        doc = extraction.documents["document"].iloc[0]
        rows = extraction.paragraphs[extraction.paragraphs["document"] == doc]
        html = article_html(rows, extraction.mentions)
        assert html.count("<mark") >= len(extraction.named_projects) // 2
        assert "粤桂云数据中心</mark>" in html
        assert re.sub(r"<[^>]+>", "", html).replace("\n", "") == "".join(rows["text"])


def test_legend_lists_sectors_in_language():
    assert "农业" in legend_html("zh")
    assert "agriculture" in legend_html("en") and "农业" not in legend_html("en")


@pytest.mark.parametrize("start, end", [(0, 4), (4, 8)])
def test_evidence_marks_its_sentence(start, end):
    html = evidence_html("第一句。第二句。", start, end)
    assert f'<mark class="hl hl-evidence">{"第一句。第二句。"[start:end]}</mark>' in html
