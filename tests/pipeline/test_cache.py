import shutil

import pandas as pd
import pytest
from conftest import GOLD_ARTICLES, SEED
from corpus_factory import write_varied_corpus

from dashboard.pipeline.cache import ExtractionCache
from dashboard.pipeline.corpus import extract_documents, read_documents
from dashboard.pipeline.lexicon import load_lexicon, parse_lexicon, read_lexicon_files


def test_second_open_reads_the_cache_and_gives_the_same_tables(tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    documents, _ = read_documents([SEED])
    first = extract_documents(documents, cache=cache)
    assert (cache.hits, cache.misses) == (0, 1)
    again = extract_documents(documents, cache=cache)
    assert (cache.hits, cache.misses) == (1, 1)
    assert again.projects.equals(first.projects)


def test_an_edited_article_is_extracted_again(tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    article = tmp_path / SEED.name
    shutil.copy(SEED, article)
    extract_documents(read_documents([article])[0], cache=cache)
    article.write_text(SEED.read_text(encoding="utf-8").replace("苍海", "蓝海"), encoding="utf-8")
    edited = extract_documents(read_documents([article])[0], cache=cache)
    assert cache.hits == 0 and cache.misses == 2
    assert "蓝海数字经济产业园" in set(edited.projects["name"])


def test_a_changed_lexicon_is_a_new_key(tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    documents, _ = read_documents([SEED])
    extract_documents(documents, cache=cache)
    files = read_lexicon_files()
    files["stopwords.txt"] += "\n产业\n"
    edited = parse_lexicon(files, extra_stopwords=load_lexicon().stopwords)
    result = extract_documents(documents, cache=cache, lexicon=edited)
    assert cache.misses == 2
    assert "产业" not in set(result.terms["term"])


def test_a_corrupt_entry_is_rebuilt_not_shown(tmp_path):
    cache = ExtractionCache(tmp_path / "cache")
    documents, _ = read_documents([SEED])
    extract_documents(documents, cache=cache)
    (entry,) = (tmp_path / "cache").rglob("*.json")
    data = bytearray(entry.read_bytes())
    data[-10] ^= 0xFF
    entry.write_bytes(bytes(data))
    result = extract_documents(documents, cache=cache)
    assert cache.rebuilt == 1 and cache.hits == 0
    assert len(result.projects) > 10
    assert extract_documents(documents, cache=cache) and cache.hits == 1


def assert_same_tables(one, other):
    for name, table in one.tables().items():
        pd.testing.assert_frame_equal(getattr(other, name), table, obj=name)
    assert [(e.path, e.reason) for e in other.errors] == [(e.path, e.reason) for e in one.errors]


def test_two_workers_give_the_same_tables_as_one(tmp_path):
    """Each worker tabulates its own runs of articles; joined with the cached articles between
    them, their tables are the tables of one process: rows, order and column types, with an
    article without date or outlet and a file without body among them."""
    from dashboard.pipeline.corpus import extract_paths

    folder = tmp_path / "articles"
    folder.mkdir()
    for path in GOLD_ARTICLES:
        shutil.copy(path, folder / path.name)
    write_varied_corpus(folder, 9, filler=0)
    (folder / "2024-05-01-front-matter-only.md").write_text("---\ntitle: 无正文\n---\n", encoding="utf-8")
    (folder / "plain.txt").write_text(
        "江州市数字经济\n江州云谷大数据中心项目开工，青峰智慧农业示范基地同日签约。\n", encoding="utf-8"
    )
    cache = ExtractionCache(tmp_path / "cache")
    files = sorted(folder.iterdir())
    cached = [path for path in files[::3] if "front-matter" not in path.name]
    extract_paths(cached, cache=cache)  # every third article is cached: the workers' runs lie between
    one = extract_paths([folder])
    two = extract_paths([folder], cache=cache, workers=2)
    assert cache.hits == len(cached)
    assert len(two.documents) == len(files) - 1 and two.documents["date"].isna().sum() == 1
    assert_same_tables(one, two)


def test_tables_built_in_parts_are_the_tables_built_at_once():
    """However the articles are shared out into parts (runs, or every other one, as workers get
    them between cached articles), and in whatever order the parts come back, the combined parts
    are the tables of all."""
    from dashboard.pipeline.extraction import extract_document
    from dashboard.pipeline.read import parse_document
    from dashboard.pipeline.tables import combined, part_tables, tabulate

    documents, _ = read_documents(GOLD_ARTICLES)
    plain = parse_document(
        "临川县数字乡村\n临川县智慧农业大数据平台上线运行。\n", doc_id="plain", suffix=".txt"
    )
    extractions = [extract_document(d) for d in [*documents, plain]]
    whole = tabulate(extractions)
    every = list(range(len(extractions)))
    for shares in (
        [[n] for n in every],
        [[0, 1], [2, 3, 4], [5]],
        [every[:-1], every[-1:]],
        [every],
        [every[1::2], every[::2]],  # every other article, the later ones' part first
        [[5, 0], [3], [], [4, 1, 2]],
        [every[::-1]],
    ):
        parts = [part_tables([extractions[n] for n in share], share) for share in shares]
        assert_same_tables(whole, combined(parts))


def test_tables_put_together_from_parts_are_archived_in_one_piece():
    """Parts put together keep their text columns in as many pieces as there were parts (at
    10,000 articles, hundreds); the archive stores each table in one piece (up to the file's 64 Ki
    rows a batch), so that reopening a corpus does not read and convert hundreds of small batches."""
    import io
    import zipfile

    import pyarrow as pa
    import pyarrow.feather as feather

    from dashboard.pipeline.cache import tables_archive
    from dashboard.pipeline.extraction import extract_document
    from dashboard.pipeline.tables import combined, part_tables

    documents, _ = read_documents(GOLD_ARTICLES)
    extractions = [extract_document(d) for d in documents]
    tables = combined([part_tables([e], [n]) for n, e in enumerate(extractions)])
    assert pa.Table.from_pandas(tables.projects).column("name").num_chunks == len(extractions) > 1
    with zipfile.ZipFile(io.BytesIO(tables_archive(tables))) as archive:
        for name in ("documents", "projects", "mentions"):
            table = feather.read_table(pa.BufferReader(archive.read(f"{name}.arrow")))
            assert {table.column(c).num_chunks for c in table.column_names} == {1}, name


def test_an_unchanged_corpus_reopens_from_one_cache_entry(tmp_path):
    from dashboard.pipeline.corpus import extract_paths

    folder = tmp_path / "articles"
    folder.mkdir()
    for path in GOLD_ARTICLES:
        shutil.copy(path, folder / path.name)
    first = extract_paths([folder], cache=ExtractionCache(tmp_path / "cache"))
    cache = ExtractionCache(tmp_path / "cache")
    again = extract_paths([folder], cache=cache)
    assert (cache.hits, cache.misses) == (2, 0)  # the folder scan's entry, then the corpus tables
    assert again.projects.equals(first.projects) and again.terms.equals(first.terms)
    (folder / GOLD_ARTICLES[0].name).write_text("标题\n新的一段。\n", encoding="utf-8")
    cache = ExtractionCache(tmp_path / "cache")
    changed = extract_paths([folder], cache=cache)
    assert cache.hits == len(GOLD_ARTICLES) - 1  # the other documents come from their own entries
    assert len(changed.projects) < len(first.projects)


def test_an_unchanged_folder_reopens_without_reading_its_articles(tmp_path, monkeypatch):
    import os

    from dashboard.pipeline import corpus
    from dashboard.pipeline.corpus import extract_paths

    folder = tmp_path / "articles"
    folder.mkdir()
    for path in GOLD_ARTICLES:
        shutil.copy(path, folder / path.name)
    shutil.copy(GOLD_ARTICLES[0], folder / "copy.md")  # a duplicate: refused, with its reason
    first = extract_paths([folder], cache=ExtractionCache(tmp_path / "cache"))
    read = corpus.read_files

    def no_reading(*args, **kwargs):
        raise AssertionError("an article was read")

    monkeypatch.setattr(corpus, "read_files", no_reading)
    again = extract_paths([folder], cache=ExtractionCache(tmp_path / "cache"))
    assert again.projects.equals(first.projects) and again.documents.equals(first.documents)
    assert again.errors == first.errors and [e.code for e in again.errors] == ["duplicate_of"]

    # an article rewritten in place (same size, a later time) is read again
    edited = folder / GOLD_ARTICLES[1].name
    text = edited.read_text(encoding="utf-8")
    swapped = text.replace("。", "，", 1)
    assert swapped != text and len(swapped.encode()) == len(text.encode())
    edited.write_text(swapped, encoding="utf-8")
    stat = edited.stat()
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    with pytest.raises(AssertionError, match="an article was read"):
        extract_paths([folder], cache=ExtractionCache(tmp_path / "cache"))
    monkeypatch.setattr(corpus, "read_files", read)
    cache = ExtractionCache(tmp_path / "cache")
    changed = extract_paths([folder], cache=cache)
    assert cache.hits == len(GOLD_ARTICLES) - 1  # the unchanged documents, from their own entries
    assert not changed.sentences.equals(first.sentences)


def test_tables_of_a_large_corpus_come_back_from_their_archive_as_they_went_in():
    """Arrow files hold a long table in chunks (64 Ki rows each): read back, its repeated text
    is still one shared string per value, and nothing is lost at the chunks' seams."""
    import pandas as pd

    from dashboard.pipeline.cache import tables_archive, tables_from_archive
    from dashboard.pipeline.tables import shared_text

    extraction = extract_documents(read_documents(GOLD_ARTICLES)[0])
    rows = 150_000
    terms = extraction.terms.sample(rows, replace=True, random_state=0).reset_index(drop=True)
    extraction.terms = shared_text(terms.assign(paragraph=range(rows)), "terms")
    back = tables_from_archive(tables_archive(extraction))
    pd.testing.assert_frame_equal(back.terms, extraction.terms)
    assert back.projects.equals(extraction.projects) and back.initiatives.equals(extraction.initiatives)
    documents = back.terms["document"]
    assert documents.dtype == object and len({id(d) for d in documents}) == documents.nunique()


def test_chunks_with_different_dictionaries_give_their_own_strings_shared():
    """An archive's chunks share one dictionary; chunks that do not (an Arrow table put together
    from parts) still give each row its own value, one string object per value."""
    import pyarrow as pa

    from dashboard.pipeline.tables import shared_strings

    parts = [pa.array(["江州", "青峰", "江州"]), pa.array(["云岭", None, "江州"])]
    values = shared_strings(pa.chunked_array([part.dictionary_encode() for part in parts]))
    assert list(values) == ["江州", "青峰", "江州", "云岭", None, "江州"]
    assert len({id(value) for value in values if value is not None}) == 3


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would be")  # unwritable, even for root
    cache = ExtractionCache(blocker / "extractions")
    documents, _ = read_documents([SEED])
    first = extract_documents(documents, cache=cache)
    again = extract_documents(documents, cache=cache)
    assert cache.hits == 0 and again.projects.equals(first.projects)


def test_a_change_to_the_code_that_builds_the_tables_is_not_served_from_the_cache(tmp_path):
    """The cache's code version covers every module of the data layer: edit the module that
    builds the corpus tables, and the next run builds them anew instead of reading the old ones."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "dashboard"
    copy = tmp_path / "code"
    shutil.copytree(package, copy / "dashboard", ignore=shutil.ignore_patterns("__pycache__"))
    env = {
        **os.environ,
        "PYTHONPATH": str(copy),
        "DASHBOARD_CACHE_DIR": str(tmp_path / "cache"),
        "DASHBOARD_LEXICON": str(package.parent / "data" / "lexicon"),
    }

    def evidence() -> set[str]:
        run = subprocess.run(
            [sys.executable, "-m", "dashboard", "extract", str(SEED), "--json"],
            cwd=copy, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return {p["evidence"] for p in json.loads(run.stdout)["projects"]}

    before = evidence()
    tables = copy / "dashboard" / "pipeline" / "tables.py"
    source = tables.read_text(encoding="utf-8")
    marked = source.replace(
        'projects=shared_text(tables["projects"], "projects"),',
        'projects=tables["projects"].assign(evidence=lambda t: "CHANGED " + t["evidence"]),',
    )
    assert marked != source
    tables.write_text(marked, encoding="utf-8")
    after = evidence()
    assert after == {f"CHANGED {e}" for e in before}


def test_a_document_entry_gives_back_exactly_what_was_extracted():
    import json

    from dashboard.pipeline.cache import document_from_record, document_record
    from dashboard.pipeline.extraction import extract_document

    for document in read_documents(GOLD_ARTICLES)[0]:
        extraction = extract_document(document)
        stored = json.loads(json.dumps(document_record(extraction), ensure_ascii=False))
        assert document_from_record(stored) == extraction
