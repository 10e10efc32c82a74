"""Corpus at scale: cold ingest with 1 and 2 workers, and warm reopen from the cache.

    .venv/bin/python benchmarks/corpus.py [--articles 1000] [--filler 3]

Writes a generated corpus of N articles (tests/corpus_factory.py: cities, dates and sector orders
vary; ``--filler`` paragraphs per section give them the length of real articles) into a temporary
folder, then times, each with an empty cache of its own: extraction with 1 worker, extraction with
2 workers; then a warm reopen (read every file, take every extraction from the cache, build the
tables). Targets: 2 workers ≥ 1.8 × the speed of 1; warm reopen < 1 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from corpus_factory import write_corpus  # noqa: E402

from dashboard.pipeline.cache import ExtractionCache  # noqa: E402
from dashboard.pipeline.corpus import extract_paths, read_files  # noqa: E402
from dashboard.pipeline.text import dictionary_tag, tokenizer  # noqa: E402


def timed(work) -> tuple[float, object]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--filler", type=int, default=3, help="paragraphs without projects per section")
    args = parser.parse_args()
    tokenizer()  # the dictionary is loaded before any timing, and inherited by forked workers
    dictionary_tag("数字")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        write_corpus(folder, args.articles, filler=args.filler)
        articles, _ = read_files([folder])
        size = sum(len(a.data) for a in articles) / 1e6
        print(f"corpus: {len(articles)} articles, {size:.1f} MB")

        one, _ = timed(lambda: extract_paths([folder], cache=ExtractionCache(Path(tmp) / "c1"), workers=1))
        two, _ = timed(lambda: extract_paths([folder], cache=ExtractionCache(Path(tmp) / "c2"), workers=2))
        print(f"cold, 1 worker:   {one:7.2f} s  {len(articles) / one:7.1f} articles/s")
        print(f"cold, 2 workers:  {two:7.2f} s  {len(articles) / two:7.1f} articles/s")
        print(f"speed-up with 2 workers: {one / two:.2f}  (target ≥ 1.8)")

        cache = ExtractionCache(Path(tmp) / "c2")
        warm, extraction = timed(lambda: extract_paths([folder], cache=cache))
        print(f"warm reopen (read + cache + tables): {warm:.2f} s, {cache.hits} from cache  (target < 1 s)")
        print(f"tables: {len(extraction.projects)} projects, {len(extraction.initiatives)} initiatives")


if __name__ == "__main__":
    main()
