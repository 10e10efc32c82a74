from pathlib import Path

import pytest

from dashboard.pipeline.text import clauses, sentences, tokenizer, tokens
from dashboard.settings import cache_folder

ROOT = Path(__file__).resolve().parent.parent.parent


def test_sentences_keep_offsets_and_closing_quotes():
    text = "扩大数字产业规模。他说：“好的。”\n下一行"
    spans = sentences(text)
    assert [s.text for s in spans] == ["扩大数字产业规模。", "他说：“好的。”", "下一行"]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_clauses_do_not_cut_inside_quotes():
    assert [c.text for c in clauses("建设“物理集中、统一运维”的云中心，满足需求。")] == [
        "建设“物理集中、统一运维”的云中心",
        "满足需求",
    ]


def test_domain_words_stay_whole():
    words = [t.text for t in tokens("发展跨境电商和工业互联网，推进产业数字化", tokenizer())]
    assert {"跨境电商", "工业互联网", "产业数字化"} <= set(words)


def test_the_tokenizer_is_built_once():
    assert tokenizer() is tokenizer()


def test_cache_folder_is_the_one_configured(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path / "cache"))
    assert cache_folder() == tmp_path / "cache" and (tmp_path / "cache").is_dir()


# --- rjieba cuts as jieba does ------------------------------------------------------------------


@pytest.fixture(scope="module")
def jieba_as_before():
    """jieba itself, given the lexicon's words as the pipeline gave them before rjieba."""
    import jieba
    import jieba.posseg

    from dashboard.pipeline.lexicon import load_lexicon

    lexicon = load_lexicon()
    tok = jieba.Tokenizer()
    tok.initialize()
    for word, freq in lexicon.domain_words:
        tok.add_word(word, freq or max(tok.suggest_freq(word), 1000))
    for word in lexicon.actions:
        if len(word) >= 2 and tok.FREQ.get(word, 0) < 1000:
            tok.add_word(word, 1000)
    return tok, jieba.posseg.dt.word_tag_tab


def _corpus_texts(tmp_path) -> list[str]:
    import sys

    from dashboard.pipeline.corpus import read_documents

    sys.path.insert(0, str(ROOT / "tests"))
    from corpus_factory import write_corpus

    write_corpus(tmp_path / "generated", 12, filler=1)
    folders = [
        ROOT / "data" / "articles",
        ROOT / "tests" / "fixtures" / "articles",
        ROOT / "data" / "evaluation" / "dev",
        ROOT / "data" / "evaluation" / "heldout",
        tmp_path / "generated",
    ]
    documents, errors = read_documents(folders)
    assert not errors and len(documents) > 60
    texts = [text for d in documents for text in (d.title, *(p.text for p in d.paragraphs))]
    return list(dict.fromkeys(texts))


def test_the_segmentation_is_jiebas_on_the_test_corpus_and_the_evaluation_texts(tmp_path, jieba_as_before):
    """rjieba with the lexicon's words cuts every title and paragraph of the bundled, test,
    generated and evaluation articles into the same tokens, at the same offsets, as jieba; the
    frequencies and part-of-speech tags the finder reads are jieba's too."""
    from dashboard.pipeline.text import _dictionary_table, dictionary_tag, word_frequency

    jieba_tok, jieba_tags = jieba_as_before
    segmenter = tokenizer()
    texts = _corpus_texts(tmp_path)
    differing = [t for t in texts if [tuple(x) for x in segmenter.tokenize(t)] != list(jieba_tok.tokenize(t))]
    assert differing == []
    frequencies, tags, _, _ = _dictionary_table()
    assert tags == jieba_tags and segmenter.total == jieba_tok.total
    assert {**frequencies, **segmenter.words} == {w: f for w, f in jieba_tok.FREQ.items() if f}
    words = {w for t in texts for w, _, _ in jieba_tok.tokenize(t)}
    assert [w for w in words if word_frequency(segmenter, w) != jieba_tok.FREQ.get(w, 0)] == []
    assert [w for w in words if dictionary_tag(w) != jieba_tags.get(w)] == []


@pytest.mark.parametrize(
    "text",
    [
        "2020-2022年，新增10G-PON端口",
        "建成3.5G基站和1.2.3版平台",
        "C++与C#开发",
        "增长12.5%，达到5%",
        "区区区域哈哈哈",
        "㐀鿠数字\r\n经济  平台",
    ],
)
def test_what_rjieba_cuts_otherwise_is_cut_by_jieba(text, jieba_as_before):
    jieba_tok, _ = jieba_as_before
    assert [tuple(x) for x in tokenizer().tokenize(text)] == list(jieba_tok.tokenize(text))
