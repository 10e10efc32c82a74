"""The glossary in both languages: every key worded in each, the same placeholders in each, English
plurals, and every reason a file is refused for, as the reader, the corpus and the store give it."""

import dataclasses
import re

import pytest

from dashboard.pipeline import taxonomy as tx
from dashboard.pipeline.corpus import read_files
from dashboard.pipeline.read import PLAIN, PLAIN_NOTES, Note, ReadError, ReadingNote, Reason, plain
from dashboard.present.glossary import (
    TERMS,
    column_label,
    fields,
    name,
    note,
    notes,
    read_error,
    reason,
    short_name,
    t,
    why_not_read,
)
from dashboard.store.articles import Refusal
from dashboard.store.saved_analysis import AnalysisError

CJK = re.compile(r"[\u4e00-\u9fff]")
REASONS = [*Reason, *Refusal]
SAMPLE = {  # a value for every detail a reason may have
    "size": 6_000_000,
    "limit": 5_000_000,
    "document": "2023-01-15-a",
    "file": "2023-01-15-a.md",
    "seconds": 30,
    "error": "Read-only file system",
    "kinds": (".md", ".txt"),
    # details of reading notes
    "count": 3,
    "lines": 1,
    "encoding": "Big5",
    "line": 4,
    "value": "soon",
}


@pytest.mark.parametrize("key", TERMS)
def test_every_key_has_a_text_in_each_language_with_the_same_placeholders(key):
    zh, en = TERMS[key]
    assert zh.strip() and en.strip()
    assert fields(zh) == fields(en)
    values = dict.fromkeys(fields(zh), 2)
    assert t(key, "zh", **values) and t(key, "en", **values)  # both can be filled


@pytest.mark.parametrize("key", TERMS)
def test_a_chinese_text_is_chinese(key):
    """Only names that are the same in both languages (TF-IDF, 5G…) may lack Chinese characters."""
    zh, en = TERMS[key]
    assert CJK.search(zh) or zh == en, zh


def test_english_counts_are_singular_for_one():
    assert t("corpus_summary", "en", documents=1, projects=1) == "1 article · 1 named project"
    assert t("corpus_summary", "en", documents=3, projects=0) == "3 articles · 0 named projects"
    assert t("corpus_summary", "zh", documents=1, projects=1) == "1 篇文章 · 1 个专名项目"
    assert t("words_in_list", "en", n=1) == "1 word now"


@pytest.mark.parametrize("code", REASONS, ids=str)
def test_every_refusal_reason_is_worded_in_each_language(code):
    zh, en = TERMS[f"reason_{code}"]
    details = {k: SAMPLE[k] for k in fields(zh)}
    worded = {lang: reason(code, lang, **details) for lang in ("zh", "en")}
    assert CJK.search(worded["zh"]) and not CJK.search(worded["en"])
    assert "{" not in worded["zh"] + worded["en"]


@pytest.mark.parametrize("code", list(Reason), ids=str)
def test_the_english_wording_is_the_readers_own_plain_text(code):
    """The command line says in English, from the glossary, what it always said."""
    details = {k: SAMPLE[k] for k in fields(PLAIN[code])}
    assert reason(code, "en", **details) == plain(code, **details)


def test_the_reason_codes_of_the_reader_and_of_the_store_are_distinct():
    assert not {str(r) for r in Reason} & {str(r) for r in Refusal}


@pytest.mark.parametrize("reason_key", [k for k in TERMS if k.startswith("refused_")])
def test_every_reason_a_saved_analysis_is_refused_for_is_worded(reason_key):
    code = reason_key.removeprefix("refused_")
    values = dict.fromkeys(fields(TERMS[reason_key][0]), 7)
    error = AnalysisError(code, **values)
    assert CJK.search(error.message("zh")) and not CJK.search(error.message("en"))


def test_files_the_corpus_reader_refuses_are_told_in_the_pages_language(tmp_path):
    (tmp_path / "a.md").write_text("标题\n正文。", encoding="utf-8")
    (tmp_path / "b.md").write_text("标题\n正文。", encoding="utf-8")  # the same content
    (tmp_path / "a.txt").write_text("另一个标题\n正文。", encoding="utf-8")  # the same document id
    (tmp_path / "big.md").write_text("标题\n" + "数" * 100, encoding="utf-8")
    _, errors = read_files([tmp_path, tmp_path / "missing.md"], max_bytes=200)
    worded = [dataclasses.replace(e, path=e.path.rsplit("/", 1)[-1]) for e in errors]
    assert sorted(read_error(e, "zh") for e in worded) == [
        "a.txt：已有文件使用相同的文章编号 a",
        "b.md：与 a.md 内容相同",
        "big.md：文件大小为 307 字节，超过上限 200 字节",
        "missing.md：文件或文件夹不存在",
    ]
    assert {e.code for e in errors} == {
        Reason.SAME_ID,
        Reason.DUPLICATE_OF,
        Reason.TOO_LARGE,
        Reason.NO_SUCH_PATH,
    }
    assert sorted(why_not_read(e, "en") for e in errors) == sorted(e.reason for e in errors)


def test_a_reason_of_no_known_kind_is_shown_as_it_is():
    error = ReadError("a.md", "something else went wrong")
    assert error.code is None and read_error(error, "zh") == "a.md：something else went wrong"


@pytest.mark.parametrize("code", list(Note), ids=str)
def test_every_reading_note_is_worded_in_each_language(code):
    details = {k: SAMPLE[k] for k in fields(PLAIN_NOTES[code])}
    assert fields(TERMS[f"note_{code}"][0]) == set(details)
    worded = {lang: note(ReadingNote.of(code, **details), lang) for lang in ("zh", "en")}
    assert CJK.search(worded["zh"]) and not CJK.search(worded["en"])
    assert "{" not in worded["zh"] + worded["en"]
    assert all(str(v) in worded["zh"] and str(v) in worded["en"] for v in details.values())


def test_a_documents_notes_read_one_after_the_other():
    read = (ReadingNote("traditional"), ReadingNote("mixed_encodings", {"lines": 2}))
    assert notes(read, "zh") == "繁体中文，已转为简体字读取；编码混杂：2 行按 GB18030 读取"
    assert (
        notes(read, "en")
        == "traditional Chinese, read in simplified characters; mixed encodings: 2 lines read as GB18030"
    )
    assert notes((), "en") == ""


@pytest.mark.parametrize("key", [k for k in TERMS if k.startswith("eval_")])
def test_the_evaluations_words_are_in_each_language(key):
    values = {k: 0.5 if k in ("recall", "sector", "precision", "named") else 2 for k in fields(TERMS[key][0])}
    if "genre" in values:
        values["genre"] = "news"
    zh, en = t(key, "zh", **values), t(key, "en", **values)
    assert CJK.search(zh) and not CJK.search(en)


def test_a_sector_heading_of_a_narrow_column_is_short_in_english_and_the_full_name_in_chinese():
    sectors = [*tx.SECTORS, tx.UNCLASSIFIED]
    english = [short_name(s, "en") for s in sectors]
    # the overview's article table gives a sector 62 pixels: eight Latin letters, the full name in its tooltip
    assert all(len(heading) <= 8 for heading in english) and len(set(english)) == len(sectors)
    assert [short_name(s, "zh") for s in sectors] == [name(s, "zh") for s in sectors]
    assert name(tx.MANUFACTURING, "en") == "manufacturing" != short_name(tx.MANUFACTURING, "en")


def test_the_editing_terms_replace_no_term_of_the_pages():
    from dashboard.present.editing_terms import EDITING_TERMS
    from dashboard.present.glossary import PAGE_KEYS

    assert not PAGE_KEYS & EDITING_TERMS.keys()
    assert column_label("target") == "终点" and column_label("target", "en") == "Target"  # an edge's end
