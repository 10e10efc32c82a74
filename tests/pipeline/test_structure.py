from dashboard.pipeline.lexicon import load_lexicon
from dashboard.pipeline.read import parse_document
from dashboard.pipeline.structure import is_heading, paragraph_contexts


def contexts(body: str):
    document = parse_document(body, doc_id="t", suffix=".txt")
    return [(c.role, c.sector, c.pillar) for c in paragraph_contexts(document, load_lexicon())]


def test_headings_are_short_lines_without_final_punctuation():
    assert is_heading("推进数字产业化，培育产业主体")
    assert not is_heading("扩大数字产业规模，发展数字产业龙头。")
    assert is_heading("很长的一段话" * 10, marked=True)


def test_pillar_heading_then_enumerated_sectors():
    result = contexts(
        "标题\n推进产业数字化，赋能三大产业\n一是加快推进农业数字化。\n建设智慧农场，发展农产品电商。\n"
        "二是推进制造业数字化。\n建设智能工厂和数字化车间。\n"
    )
    assert result[0] == ("heading", "unclassified", "industrial-digitalization")
    assert [r[1] for r in result[1:]] == [
        "agriculture",
        "agriculture",
        "manufacturing",
        "manufacturing",
    ]


def test_a_passage_without_heading_takes_its_sector_from_its_words():
    result = contexts(
        "标题\n推进数字产业化\n建设数据中心和云计算平台，发展软件产业。\n"
        "在田间地头，农业生产用上了物联网，农产品种植和养殖实现可追溯，智慧农业加快发展。\n"
    )
    assert [r[1] for r in result] == ["digital-industry", "digital-industry", "agriculture"]


def test_a_paragraph_that_names_both_pillars_stays_general():
    assert contexts("标题\n我市应推动数字产业化、加快产业数字化。\n")[0][1] == "unclassified"
