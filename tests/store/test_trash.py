"""A removed article goes to the corpus's trash and comes back; the audit log says who did what."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard.pipeline.corpus import extract_paths
from dashboard.pipeline.lexicon import read_lexicon_files
from dashboard.settings import BUNDLED_LEXICON
from dashboard.store import audit, trash
from dashboard.store.articles import add_article, remove_article, restore_article
from dashboard.store.lexicon_edits import edit_files

DOC = "2022-04-22-wuzhou-digital-economy"
EDITOR = "ed@example.org"


def articles(folder):
    return sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def test_a_removed_article_is_in_the_trash_and_no_longer_read(corpus_copy):
    data = (corpus_copy / f"{DOC}.md").read_bytes()
    assert remove_article(corpus_copy, DOC, who=EDITOR) == f"{DOC}.md"
    assert articles(corpus_copy) == []
    [item] = trash.items(corpus_copy)
    assert item.name == f"{DOC}.md" and item.document_id == DOC and item.removed_at.endswith("+00:00")
    assert trash.path_of(corpus_copy, item.key).read_bytes() == data
    assert extract_paths([corpus_copy]).documents.empty  # the trash is not read as articles
    [line] = audit.entries(corpus_copy)
    assert (line["who"], line["what"], line["target"]) == (EDITOR, "remove_article", DOC)
    assert line["before"] == {"file": f"{DOC}.md"} and line["after"] == {"trash": item.key}


def test_a_restored_article_is_back_with_its_content_and_the_log_says_so(corpus_copy):
    data = (corpus_copy / f"{DOC}.md").read_bytes()
    remove_article(corpus_copy, DOC, who=EDITOR)
    [item] = trash.items(corpus_copy)
    assert restore_article(corpus_copy, item.key, who="b@example.org") == f"{DOC}.md"
    assert (corpus_copy / f"{DOC}.md").read_bytes() == data and not trash.items(corpus_copy)
    assert list(extract_paths([corpus_copy]).documents["document"]) == [DOC]
    assert [(e["who"], e["what"]) for e in audit.entries(corpus_copy)] == [
        (EDITOR, "remove_article"),
        ("b@example.org", "restore_article"),
    ]


def test_a_restored_article_whose_name_was_taken_meanwhile_gets_another(corpus_copy):
    remove_article(corpus_copy, DOC)
    (corpus_copy / f"{DOC}.txt").write_text("另一篇\n江州市建设江州大数据产业园。", encoding="utf-8")
    [item] = trash.items(corpus_copy)
    assert restore_article(corpus_copy, item.key) == f"{DOC}-2.md"


def test_an_article_already_back_is_not_restored_twice(corpus_copy):
    data = (corpus_copy / f"{DOC}.md").read_bytes()
    remove_article(corpus_copy, DOC)
    (corpus_copy / "again.md").write_bytes(data)
    [item] = trash.items(corpus_copy)
    with pytest.raises(FileExistsError):
        restore_article(corpus_copy, item.key)
    assert trash.items(corpus_copy) == [item]  # kept in the trash


@pytest.mark.parametrize("key", ["nope", "../../x.md", "20240101T000000000000Z--missing.md", ""])
def test_nothing_outside_the_trash_is_restored(corpus_copy, key):
    remove_article(corpus_copy, DOC)
    with pytest.raises(FileNotFoundError):
        restore_article(corpus_copy, key)


def test_removing_from_a_session_never_touches_the_folder(corpus_copy):
    with pytest.raises(FileNotFoundError):
        remove_article(corpus_copy, DOC, session={})
    assert articles(corpus_copy) == [f"{DOC}.md"] and not trash.items(corpus_copy)


def test_two_editors_removing_the_same_article_at_once_trash_it_once(corpus_copy):
    start = threading.Barrier(2)

    def remove(who):
        start.wait()
        try:
            return remove_article(corpus_copy, DOC, who=who)
        except FileNotFoundError:
            return None

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(remove, ["a@example.org", "b@example.org"]))
    assert sorted(r is None for r in results) == [False, True]
    assert len(trash.items(corpus_copy)) == 1 and len(audit.entries(corpus_copy)) == 1


def test_an_added_article_is_logged_with_its_editor(tmp_path):
    result = add_article(tmp_path, "a.txt", "江州观察\n江州市建设江州大数据产业园。".encode(), who=EDITOR)
    [line] = audit.entries(tmp_path)
    assert (line["who"], line["what"], line["after"]["file"]) == (EDITOR, "add_article", result.name)


def test_a_lexicon_save_is_logged_as_the_words_each_list_lost_and_gained(tmp_path):
    before = read_lexicon_files(BUNDLED_LEXICON)
    after = edit_files(before, "domain", add=["算力券"], remove=["物联网"])
    line = audit.record_lexicon(tmp_path, EDITOR, tmp_path / "lexicon", before, after)
    assert line["before"] == {"domain": ["物联网"]} and line["after"] == {"domain": ["算力券"]}
    assert audit.entries(tmp_path) == [line]
