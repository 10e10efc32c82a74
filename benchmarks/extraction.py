"""Extraction throughput against bare jieba segmentation of the same text.

    .venv/bin/python benchmarks/extraction.py [--megabytes 2]

Builds a corpus of at least N MB of article text from the bundled and test articles (paragraphs
shuffled into new documents, so the text is the genre's but no document repeats another), then
times, in the same run and on the same text: bare ``jieba.lcut`` over every paragraph, and the
whole extraction (sentences, tokens, structure, names, initiatives, term counts, tables).
Target: extraction ≤ 1.5 × bare segmentation.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.pipeline.corpus import extract_documents, read_documents  # noqa: E402
from dashboard.pipeline.lexicon import load_lexicon  # noqa: E402
from dashboard.pipeline.read import Document, Paragraph  # noqa: E402
from dashboard.pipeline.text import dictionary_tag, tokenizer  # noqa: E402


def build_corpus(megabytes: float, seed: int = 7) -> list[Document]:
    sources, _ = read_documents([ROOT / "data" / "articles", ROOT / "tests" / "fixtures" / "articles"])
    paragraphs = [p.text for d in sources for p in d.paragraphs]
    rng = random.Random(seed)
    documents, size = [], 0
    while size < megabytes * 1_000_000:
        texts = rng.sample(paragraphs, k=min(20, len(paragraphs)))
        documents.append(
            Document(
                id=f"bench-{len(documents):05d}",
                title="基准",
                paragraphs=tuple(Paragraph(i, t) for i, t in enumerate(texts)),
            )
        )
        size += sum(len(t.encode("utf-8")) for t in texts)
    return documents


def best_times(runs: int, *works) -> list[float]:
    """Best wall time of each piece of work over ``runs`` rounds, run alternately so that a busy
    moment of the machine weighs on both alike."""
    best = [float("inf")] * len(works)
    for _ in range(runs):
        for i, work in enumerate(works):
            start = time.perf_counter()
            work()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=2.0)
    parser.add_argument("--runs", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args()

    documents = build_corpus(args.megabytes)
    paragraphs = [p.text for d in documents for p in d.paragraphs]
    megabytes = sum(len(t.encode("utf-8")) for t in paragraphs) / 1e6
    lexicon = load_lexicon()
    tokenizer(lexicon)  # both sides start with a loaded dictionary (and its part-of-speech table)
    dictionary_tag("数字")
    bare = jieba.Tokenizer()
    bare.initialize()

    segmentation, extraction = best_times(
        args.runs,
        lambda: [bare.lcut(t) for t in paragraphs],
        lambda: extract_documents(documents, lexicon=lexicon),
    )
    print(f"corpus: {len(documents)} documents, {len(paragraphs)} paragraphs, {megabytes:.2f} MB")
    print(f"bare jieba.lcut:    {segmentation:7.2f} s  {megabytes / segmentation:6.2f} MB/s")
    print(f"whole extraction:   {extraction:7.2f} s  {megabytes / extraction:6.2f} MB/s")
    print(f"ratio extraction / segmentation: {extraction / segmentation:.2f}  (target ≤ 1.5)")


if __name__ == "__main__":
    main()
