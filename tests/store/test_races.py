"""Many writers at once on one corpus folder, one lexicon folder and one cache: threads (sessions of
one server) and processes (several servers, or an ingest beside the app). Each race is run many
times, in a bounded loop: a writer reported as successful must have its effect, every time."""

import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dashboard.pipeline.cache import ExtractionCache
from dashboard.pipeline.corpus import extract_paths
from dashboard.pipeline.lexicon import parse_lexicon, read_lexicon_files
from dashboard.store.articles import ADDED, DUPLICATE, add_article
from dashboard.store.lexicon_edits import LexiconConflict, edit_files, save_lexicon

ROUNDS = 15  # iterations of each race: enough to lose a file nearly every round without the lock
WRITERS = 4


def article(n: int) -> bytes:
    """Articles that all get the same file name (same title, no date) but differ in content."""
    return f"江州数字经济观察\n江州市建设江州第{n}数字产业园，推进数字经济发展。\n".encode()


def add_at_once(folder: Path, uploads: list[tuple[str, bytes]]) -> list:
    """Add the uploads from as many threads, released together."""
    start = threading.Barrier(len(uploads))

    def add(upload: tuple[str, bytes]):
        start.wait()
        return add_article(folder, *upload)

    with ThreadPoolExecutor(len(uploads)) as pool:
        return list(pool.map(add, uploads))


def articles_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_different_articles_with_the_same_name_from_threads_are_all_kept(tmp_path, round_):
    uploads = [(f"upload-{n}.txt", article(n)) for n in range(WRITERS)]
    results = add_at_once(tmp_path, uploads)
    assert [r.status for r in results] == [ADDED] * WRITERS
    kept = articles_in(tmp_path)
    assert sorted(kept) == sorted(r.name for r in results)  # four names, four files
    for result, (_, data) in zip(results, uploads, strict=True):
        assert kept[result.name] == data and result.document.id == Path(result.name).stem


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_the_same_article_added_twice_at_once_is_kept_once(tmp_path, round_):
    results = add_at_once(tmp_path, [("a.txt", article(0)), ("b.txt", article(0))])
    assert sorted(r.status for r in results) == [ADDED, DUPLICATE]
    assert list(articles_in(tmp_path).values()) == [article(0)]


def _add_in_process(folder: str, upload: str, data: bytes, start) -> tuple[str, str]:
    start.wait()
    result = add_article(Path(folder), upload, data)
    return result.status, result.name


def test_servers_in_separate_processes_lose_no_article(tmp_path):
    context = multiprocessing.get_context("fork")  # the test process's jieba, already loaded
    for round_ in range(5):
        folder = tmp_path / f"round-{round_}"
        folder.mkdir()
        uploads = [(f"upload-{n}.txt", article(n)) for n in range(WRITERS)] + [("again.txt", article(0))]
        with context.Manager() as manager, context.Pool(len(uploads)) as pool:
            start = manager.Barrier(len(uploads))
            results = pool.starmap(_add_in_process, [(str(folder), u, d, start) for u, d in uploads])
        assert sorted(status for status, _ in results) == [ADDED] * WRITERS + [DUPLICATE]
        kept = articles_in(folder)
        assert len(kept) == WRITERS
        assert sorted(kept.values()) == sorted(article(n) for n in range(WRITERS))
        assert {name for status, name in results if status == ADDED} == set(kept)


def lexicon_folder(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    folder = tmp_path / "lexicon"
    base = read_lexicon_files()
    save_lexicon(base, folder, base=base)
    return folder, read_lexicon_files(folder)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_editors_saving_the_lexicon_at_once_both_keep_their_words(tmp_path, round_):
    folder, base = lexicon_folder(tmp_path)
    drafts = [
        edit_files(base, "domain", add=["算力券"]),
        edit_files(base, "stopwords", add=["看板"]),
        edit_files(base, "sectors", add=["预制菜"], sector="agriculture", weight=2),
        edit_files(base, "domain", remove=["物联网"]),
    ]
    start = threading.Barrier(len(drafts))

    def save(draft):
        start.wait()
        return save_lexicon(draft, folder, base=base)

    with ThreadPoolExecutor(len(drafts)) as pool:
        saved = list(pool.map(save, drafts))
    files = read_lexicon_files(folder)
    assert "算力券" in files["domain_words.txt"].split() and "物联网" not in files["domain_words.txt"].split()
    assert "看板" in files["stopwords.txt"].split()
    assert parse_lexicon(files).sector_words["agriculture"]["预制菜"] == 2
    assert sum(1 for s in saved if s.merged) == len(drafts) - 1  # all but the first merged


def test_an_edit_that_contradicts_one_saved_meanwhile_is_refused_with_the_words(tmp_path):
    folder, base = lexicon_folder(tmp_path)
    save_lexicon(
        edit_files(base, "sectors", add=["预制菜"], sector="agriculture", weight=2), folder, base=base
    )
    saved = read_lexicon_files(folder)
    with pytest.raises(LexiconConflict, match="预制菜"):
        save_lexicon(
            edit_files(base, "sectors", add=["预制菜"], sector="agriculture", weight=5), folder, base=base
        )
    assert read_lexicon_files(folder) == saved  # nothing written


def test_the_lexicon_switches_all_its_files_at_once(tmp_path):
    """Readers see the old lexicon or the new one, never a mix: every save is a new folder of all
    the files, and one pointer names the one in use."""
    folder, base = lexicon_folder(tmp_path)
    draft = edit_files(edit_files(base, "domain", add=["算力券"]), "stopwords", add=["看板"])
    seen = set()
    stop = threading.Event()

    def read():
        while not stop.is_set():
            files = read_lexicon_files(folder)
            seen.add(("算力券" in files["domain_words.txt"], "看板" in files["stopwords.txt"]))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(20):
            save_lexicon(draft, folder, base=read_lexicon_files(folder))
            save_lexicon(base, folder, base=read_lexicon_files(folder))
    finally:
        stop.set()
        reader.join()
    assert seen <= {(False, False), (True, True)}


def _write_and_read_cache(folder: str, corpus: str, start) -> tuple[int, int]:
    cache = ExtractionCache(Path(folder))
    start.wait()
    for _ in range(3):
        extract_paths([corpus], cache=cache)
    return cache.rebuilt, cache.hits


def test_processes_sharing_a_cache_never_read_a_torn_entry(tmp_path):
    from conftest import GOLD_ARTICLES

    corpus = tmp_path / "articles"
    corpus.mkdir()
    for path in GOLD_ARTICLES:
        (corpus / path.name).write_bytes(path.read_bytes())
    context = multiprocessing.get_context("fork")
    with context.Manager() as manager, context.Pool(3) as pool:
        start = manager.Barrier(3)
        results = pool.starmap(_write_and_read_cache, [(str(tmp_path / "cache"), str(corpus), start)] * 3)
    assert [rebuilt for rebuilt, _ in results] == [0, 0, 0]  # no entry was ever found corrupt
    assert all(hits >= 2 for _, hits in results)
