"""A cold ``extract --no-cache`` against a bare jieba script, and ingest with 1 and 2 workers.

    .venv/bin/python benchmarks/cold_extract.py [--articles 700] [--filler 3] [--runs 3]

Writes a generated corpus of N articles (tests/corpus_factory.py; ``--filler`` paragraphs per
section give them the length of real articles) into a temporary folder, then:

1. times, each in a new process, ``python -m dashboard extract FOLDER --json --no-cache`` (output
   thrown away) and a bare script that imports jieba and runs ``jieba.lcut`` over the text of every
   file of the folder; the two alternate, best of ``--runs``. Target: extract ≤ 1.5 × the bare
   script. Both find their dictionary caches made (jieba's ``jieba.cache``, the pipeline's in its
   cache folder): one untimed run of each comes first;
2. times the extraction of the same folder into an empty extraction cache with 1 worker and with
   2 workers (``extract_paths``, as ``ingest`` runs it), alternating, best of ``--runs``.
   Target: 2 workers ≥ 1.8 × the speed of 1 (on two idle cores).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from corpus_factory import write_corpus  # noqa: E402
from extraction import best_times  # noqa: E402  (benchmarks/extraction.py: the same alternation)

BARE = """
import sys
from pathlib import Path

import jieba

tokens = 0
for path in sorted(Path(sys.argv[1]).iterdir()):
    tokens += len(jieba.lcut(path.read_text(encoding="utf-8")))
print(tokens)
"""


def run(command: list[str]) -> None:
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=700)
    parser.add_argument("--filler", type=int, default=3, help="paragraphs without projects per section")
    parser.add_argument("--runs", type=int, default=3, help="best of N runs (default 3)")
    parser.add_argument("--skip-ingest", action="store_true", help="only the cold extract")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        write_corpus(folder, args.articles, filler=args.filler)
        size = sum(len(p.read_text(encoding="utf-8")) for p in folder.iterdir())
        print(f"corpus: {args.articles} articles, {size / 1e6:.2f} M characters")
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        extract = [sys.executable, "-m", "dashboard", "extract", str(folder), "--json", "--no-cache"]
        segment = [sys.executable, str(bare), str(folder)]
        run(extract), run(segment)  # dictionary caches made before any timing
        ours, theirs = best_times(args.runs, lambda: run(extract), lambda: run(segment))
        print(f"bare jieba.lcut script:        {theirs:7.2f} s")
        print(f"extract --json --no-cache:     {ours:7.2f} s")
        print(f"ratio extract / bare jieba: {ours / theirs:.2f}  (target ≤ 1.5)")
        if args.skip_ingest:
            return

        from dashboard.pipeline.cache import ExtractionCache
        from dashboard.pipeline.corpus import extract_paths
        from dashboard.pipeline.text import tokenizer

        tokenizer()  # loaded before any timing, and inherited by forked workers
        counter = iter(range(1_000_000))

        def ingest(workers: int) -> None:
            cache = ExtractionCache(Path(tmp) / f"cache-{next(counter)}")
            extract_paths([folder], cache=cache, workers=workers)

        one, two = best_times(args.runs, lambda: ingest(1), lambda: ingest(2))
        print(f"ingest, 1 worker:   {one:7.2f} s  {args.articles / one:7.1f} articles/s")
        print(f"ingest, 2 workers:  {two:7.2f} s  {args.articles / two:7.1f} articles/s")
        print(f"speed-up with 2 workers: {one / two:.2f}  (target ≥ 1.8)")


if __name__ == "__main__":
    main()
