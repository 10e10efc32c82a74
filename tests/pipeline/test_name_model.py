"""The name model: trained on development texts only, reproducible from them, merged with what the
grammar finds, and the grammar alone where no model is shipped."""

import json

import pytest
from conftest import ROOT, SEED, script_module

from dashboard.pipeline import cache, extraction, name_model
from dashboard.pipeline.entities import LEARNED_KIND, PLACE, PROJECT, EntityFinder, Found
from dashboard.pipeline.lexicon import load_lexicon
from dashboard.pipeline.read import read_document
from dashboard.pipeline.text import Span, tokenizer, tokens


def training_script():
    return script_module("train-name-model")


@pytest.fixture(scope="module")
def finder():
    lexicon = load_lexicon()
    return EntityFinder(lexicon, tokenizer(lexicon))


def test_the_shipped_model_was_trained_on_development_texts_only():
    about = json.loads(name_model.ABOUT_PATH.read_text(encoding="utf-8"))
    heldout = {p.stem for p in (ROOT / "data" / "evaluation" / "heldout").glob("*.yaml")}
    development = {p.stem for p in (ROOT / "data" / "evaluation" / "dev").glob("*.yaml")}
    assert heldout and not heldout & set(about["trained_on"])
    assert set(about["trained_on"]) == development, "run scripts/train-name-model"
    assert 0 < about["threshold"] < 1


def test_gold_names_are_marked_where_they_stand_quotes_and_bracket_widths_aside():
    script = training_script()
    text = "建设“江州云谷”数据中心和江州(北岸)产业园，打造江州云谷。"
    marks = script.marks(text, ["江州云谷数据中心", "江州（北岸）产业园", "江州云谷"])
    found = [text[s:e] for s, e in name_model.spans(marks)]
    assert found == [
        "江州云谷”数据中心",
        "江州(北岸)产业园",
        "江州云谷",
    ]  # quotes inside a name, not before it


def test_each_character_is_described_by_its_word_its_quotes_and_the_heads(finder):
    text = "建设“江州云谷”产业园"
    rows = name_model.features(text, tokens(text, finder.tok), finder.project_heads)
    assert len(rows) == len(text)
    by_character = [dict(f.split("=", 1) for f in row) for row in rows]
    assert [row["quoted"] for row in by_character] == ["0", "0", "1", "1", "1", "1", "1", "1", "0", "0", "0"]
    assert [row["head"] for row in by_character][-3:] == ["1", "1", "1"]
    assert by_character[0]["c-1"] == "^" and by_character[-1]["c+1"] == "$"
    # the words around the word there: 产业园 follows the closing quote, 建设 opens the paragraph
    assert (by_character[-1]["w-1"], by_character[-1]["w+1"]) == ("”", "$")
    assert (by_character[0]["w-1"], by_character[1]["w+1"]) == ("^", "“")


def test_a_learned_name_takes_the_place_of_a_project_it_overlaps(finder):
    sentence = "甲公司在江州建设乙丙大数据产业园。"
    place = Found(PLACE, "江州", "市", 4, 6)
    rule = Found(PROJECT, "丙大数据产业园", "产业园", 9, 16)
    learned = Span(8, 16, sentence[8:16])
    merged = finder.with_learned(sentence, tokens(sentence, finder.tok), [place, rule], [learned])
    assert [(f.category, f.name) for f in merged] == [(PLACE, "江州"), (PROJECT, "乙丙大数据产业园")]
    assert merged[1].kind == "产业园"


def test_a_learned_name_inside_a_project_found_by_its_head_gives_way(finder):
    sentence = "建设江州鸿途国际陶瓷公共服务平台。"
    rule = Found(PROJECT, "江州鸿途国际陶瓷公共服务平台", "平台", 2, 16)
    inside = Span(6, 16, sentence[6:16])
    assert finder.with_learned(sentence, tokens(sentence, finder.tok), [rule], [inside]) == [rule]


def test_a_learned_name_that_ends_as_a_partner_organization_gives_way(finder):
    sentence = "联合青峰国际茶业交易中心和云岭集团建设公共茶仓。"
    toks = tokens(sentence, finder.tok)
    found = finder.find(sentence, toks)
    partner = next(f for f in found if f.name == "青峰国际茶业交易中心")
    assert partner.category == "organization"
    merged = finder.with_learned(sentence, toks, found, [Span(0, partner.end, sentence[: partner.end])])
    assert merged == found  # not 联合青峰国际茶业交易中心, a project
    institute = "筹建江州数据空间研究院。"  # an institute being built may still be a project
    toks = tokens(institute, finder.tok)
    learned = finder.with_learned(
        institute, toks, finder.find(institute, toks), [Span(2, 11, institute[2:11])]
    )
    assert "江州数据空间研究院" in {f.name for f in learned if f.category == PROJECT}


def test_a_learned_name_without_a_head_is_a_named_thing_of_its_own_kind(finder):
    sentence = "打造大唐不夜城和智能工厂。"
    toks = tokens(sentence, finder.tok)
    headless = finder.with_learned(sentence, toks, [], [Span(2, 7, "大唐不夜城")])
    assert [(f.name, f.kind, f.named) for f in headless] == [("大唐不夜城", LEARNED_KIND, True)]
    generic = finder.with_learned(sentence, toks, [], [Span(8, 12, "智能工厂")])
    assert [(f.name, f.kind, f.named) for f in generic] == [("智能工厂", "工厂", False)]
    # one made of the genre's own words only is a category, headless or not
    sentence = "加快推进数字新基建。"
    category = finder.with_learned(sentence, tokens(sentence, finder.tok), [], [Span(4, 9, "数字新基建")])
    assert [(f.name, f.named) for f in category] == [("数字新基建", False)]


def test_a_learned_piece_of_work_named_by_the_genres_words_only_is_no_project(finder):
    """The grammar lists no 工程建设项目 (a kind of work); a learned name of that kind is left out as
    well, while one with a word of its own, a head inside it or a programme's head stands."""
    sentence = (
        "实现企业开办、工程建设项目审批全流程线上运行，开工云岭光伏项目、数字经济产业园建设项目，"
        "实施产业数字化转型行动。"
    )
    toks = tokens(sentence, finder.tok)
    found = finder.find(sentence, toks)

    def learned(name: str) -> list[tuple[str, bool]]:
        start = sentence.index(name)
        merged = finder.with_learned(sentence, toks, found, [Span(start, start + len(name), name)])
        return [(f.name, f.named) for f in merged if f.category == PROJECT and f.start == start]

    assert learned("工程建设项目") == []
    assert learned("云岭光伏项目") == [("云岭光伏项目", True)]
    assert [name for name, _ in learned("数字经济产业园建设项目")] == ["数字经济产业园建设项目"]
    assert [name for name, _ in learned("产业数字化转型行动")] == ["产业数字化转型行动"]


def test_a_learned_name_ending_in_the_count_of_a_list_gives_way_to_its_items(finder):
    sentence = "江州市开展云岭算力提升、临川数据流通和青峰安全护航三大数据要素行动。"
    toks = tokens(sentence, finder.tok)
    found = finder.find(sentence, toks)
    start = sentence.index("青峰")
    learned = finder.with_learned(sentence, toks, found, [Span(start, len(sentence) - 1, sentence[start:-1])])
    names = [f.name for f in learned if f.category == PROJECT]
    assert "青峰安全护航数据要素行动" in names and "青峰安全护航三大数据要素行动" not in names


def test_a_learned_name_leaves_out_the_launch_it_took_in(finder):
    sentence = "江州市农业农村局等7部门联合启动云岭数字乡村试点工作，推进临川数字经济推进工程。"
    toks = tokens(sentence, finder.tok)
    launched = sentence.index("云岭数字乡村试点") + len("云岭数字乡村试点")
    learned = finder.with_learned(sentence, toks, [], [Span(0, launched, sentence[:launched])])
    assert [f.name for f in learned if f.category == PROJECT] == ["云岭数字乡村试点"]
    start = sentence.index("临川")
    # just before its head, a launching action is part of the name
    kept = finder.with_learned(sentence, toks, [], [Span(start, len(sentence) - 1, sentence[start:-1])])
    assert [f.name for f in kept if f.category == PROJECT] == ["临川数字经济推进工程"]


def test_a_learned_name_that_lists_names_is_cut_into_them(finder):
    def learned(sentence: str, name: str) -> list[str]:
        toks = tokens(sentence, finder.tok)
        start = sentence.index(name)
        span = Span(start, start + len(name), name)
        return [f.name for f in finder.with_learned(sentence, toks, [], [span]) if f.category == PROJECT]

    two = "打造江州数字经济产业园和临川区数字产业园。"
    assert learned(two, "江州数字经济产业园和临川区数字产业园") == ["江州数字经济产业园", "临川区数字产业园"]
    listed = "青峰自然科学博物馆、云岭雨林植物园与临川科普乐园共同开放。"
    assert learned(listed, "青峰自然科学博物馆、云岭雨林植物园与临川科普乐园") == [
        "青峰自然科学博物馆",
        "云岭雨林植物园",
        "临川科普乐园",
    ]
    # before the conjunction no head: one name (文化和科技融合), and 及 joins the parts of one project
    one = "建设江州文化和科技融合示范基地。"
    assert learned(one, "江州文化和科技融合示范基地") == ["江州文化和科技融合示范基地"]
    parts = "推进青峰米业年产5万吨精米生产线及冷链项目。"
    assert learned(parts, "青峰米业年产5万吨精米生产线及冷链项目") == [
        "青峰米业年产5万吨精米生产线及冷链项目"
    ]


def test_a_less_sure_name_stands_only_if_it_reads_as_one_named_project(finder):
    def kept(sentence: str, start: int, end: int, *, sure: bool) -> list[str]:
        toks = tokens(sentence, finder.tok)
        unsure = set() if sure else {(start, end)}
        learned = [Span(start, end, sentence[start:end])]
        merged = finder.with_learned(sentence, toks, finder.find(sentence, toks), learned, unsure)
        return [f.name for f in merged if f.category == PROJECT]

    joined = "引进青峰、云岭数据中心。"  # two names joined by 、: one project only if the tagger is sure
    assert "青峰、云岭" in kept(joined, 2, 7, sure=True)
    assert "青峰、云岭" not in kept(joined, 2, 7, sure=False)
    sized = "建设1.7万亩青峰、云岭基地。"  # the check holds once the area before the name is cut
    assert "青峰、云岭基地" in kept(sized, 2, 14, sure=True)
    assert "青峰、云岭基地" not in kept(sized, 2, 14, sure=False)
    place = "项目落户江州市临川区，总投资3亿元。"  # a place the grammar found
    assert "江州市临川区" not in kept(place, 4, 10, sure=False)
    category = "建设智慧农业示范工程。"  # a bare category
    assert kept(category, 2, 10, sure=False) == []
    named = "建设青峰智慧农场。"
    assert kept(named, 2, 8, sure=False) == ["青峰智慧农场"]


def test_confidence_below_the_threshold_leaves_a_name_out(finder):
    model = name_model.load_name_model()
    assert model is not None
    text = "江州市将建设江州云谷大数据产业园和鸿途农产品交易中心，推进智慧农业。"
    toks = tokens(text, finder.tok)
    everything = name_model.NameModel(name_model.MODEL_PATH, 0.0).names(text, toks, finder.project_heads)
    shipped = model.names(text, toks, finder.project_heads)
    assert everything and {(n.start, n.end) for n in shipped} <= {(n.start, n.end) for n in everything}
    assert all(n.confidence >= model.lowest for n in shipped) and model.lowest <= model.threshold
    assert not name_model.NameModel(name_model.MODEL_PATH, 1.01).names(text, toks, finder.project_heads)


def test_without_a_model_the_grammar_alone_finds_names(without_name_model):
    grammar = {p["name"] for p in extraction.extract_document(read_document(SEED)).projects}
    assert grammar


def test_the_model_is_part_of_the_extraction_cache_key(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "name_model.crfsuite").write_bytes(b"one")
    before = cache.code_version.__wrapped__(tmp_path)
    (tmp_path / "name_model.crfsuite").write_bytes(b"two")
    assert cache.code_version.__wrapped__(tmp_path) != before


def test_training_again_gives_the_shipped_model(tmp_path, finder):
    """The model in the repository is what the script makes of the development texts as they are:
    a change to the gold or the tokenizer that moves it shows here, and is trained again."""
    script = training_script()
    rows = script.examples(script.DEVELOPMENT)
    script.train(rows, sorted(rows), tmp_path / "model.crfsuite")
    shipped_model = name_model.load_name_model()
    retrained = name_model.NameModel(
        tmp_path / "model.crfsuite", shipped_model.threshold, shipped_model.lowest
    )
    for path in (SEED, *sorted((ROOT / "tests" / "fixtures" / "articles").glob("*"))):
        for paragraph in read_document(path).paragraphs:
            toks = tokens(paragraph.text, finder.tok)
            shipped = name_model.load_name_model().names(paragraph.text, toks, finder.project_heads)
            again = retrained.names(paragraph.text, toks, finder.project_heads)
            assert [(n.start, n.end) for n in again] == [(n.start, n.end) for n in shipped], (
                "run scripts/train-name-model"
            )


def test_a_long_paragraph_is_read_sentence_by_sentence_and_a_run_on_line_is_left_to_the_grammar(finder):
    model = name_model.load_name_model()
    sentence = "江州市打造“江州云谷”数字经济产业园，建设鸿途农产品交易中心。"
    alone = [
        (n.start, n.end) for n in model.names(sentence, tokens(sentence, finder.tok), finder.project_heads)
    ]
    assert alone
    filler = "数字经济发展迅速。" * (name_model.MAX_TAGGED // 9 + 1)
    long = filler + sentence
    found = model.names(long, tokens(long, finder.tok), finder.project_heads)
    assert [(n.start - len(filler), n.end - len(filler)) for n in found] == alone
    run_on = "数字经济产业园区平台中心" * (name_model.MAX_TAGGED // 12 + 1)
    assert not model.names(run_on, tokens(run_on, finder.tok), finder.project_heads)


def test_a_learned_name_after_an_example_marker_is_the_example(finder):
    for sentence, example in (
        ("在规模化养殖场如鸿途集团养殖场建设智能化温室。", "鸿途集团养殖场"),  # jieba glues 如 onto 鸿途
        ("在规模化养殖场例如青峰集团养殖场建设智能化温室。", "青峰集团养殖场"),
    ):
        toks = tokens(sentence, finder.tok)
        end = sentence.index(example) + len(example)
        learned = finder.with_learned(sentence, toks, [], [Span(1, end, sentence[1:end])])
        assert [f.name for f in learned if f.category == PROJECT] == [example]
    assert "如鸿途" in [t.text for t in tokens("在规模化养殖场如鸿途集团养殖场建设智能化温室。", finder.tok)]


def test_a_learned_name_that_is_one_common_word_or_a_clause_without_a_head_is_left_out(finder):
    sentence = "投料、供水、送风等全程自动化，支持青峰物流集团建设智慧仓储和冷链配送体系。"
    toks = tokens(sentence, finder.tok)
    start = sentence.index("青峰")
    clause = Span(start, sentence.index("和冷链"), sentence[start : sentence.index("和冷链")])
    assert finder.with_learned(sentence, toks, [], [Span(3, 5, "供水"), clause]) == []
    # a modal verb outside quotes: what can be done, in a clause
    sentence = "市民在不同医院就诊可“一码通用”。"
    toks = tokens(sentence, finder.tok)
    start, end = sentence.index("不同"), sentence.index("。")
    assert finder.with_learned(sentence, toks, [], [Span(start, end, sentence[start:end])]) == []
    # a coined headless name and a quoted word stay
    sentence = "打造大唐不夜城，推出“供水”品牌。"
    toks = tokens(sentence, finder.tok)
    kept = finder.with_learned(sentence, toks, [], [Span(2, 7, "大唐不夜城"), Span(11, 13, "供水")])
    assert [f.name for f in kept] == ["大唐不夜城", "供水"]


def test_a_learned_name_does_not_reach_past_a_project_over_a_locative(finder):
    sentence = "走进开发区，云岭材料集团单晶硅智能工厂里机械臂往来穿梭。"
    toks = tokens(sentence, finder.tok)
    found = finder.find(sentence, toks)
    factory = next(f for f in found if f.category == PROJECT and f.name.endswith("智能工厂"))
    end = sentence.index("往来")
    merged = finder.with_learned(
        sentence, toks, found, [Span(factory.start, end, sentence[factory.start : end])]
    )
    assert "云岭材料集团单晶硅智能工厂" in [f.name for f in merged if f.category == PROJECT]
    assert not any("机械" in f.name for f in merged)
