from dashboard.pipeline.text import clauses, sentences, tokenizer, tokens
from dashboard.settings import cache_folder


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
