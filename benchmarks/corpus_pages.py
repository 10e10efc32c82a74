"""The projects page on a corpus of 1,000 generated articles against the same page on one article.

    .venv/bin/python benchmarks/corpus_pages.py [--articles 1000] [--runs 5]

Writes the articles (``write_corpus(folder, n, filler=3)``) into a temporary folder, fills the
extraction cache with ``python -m dashboard ingest folder --workers 2``, starts the app on that
folder and on the bundled one-article corpus, warms both, then measures (as ``pages.py`` does,
each run in a fresh browser context) the first render of ``/projects`` and the rerun after a
search typed into the sidebar. Prints medians and their ratio (target: ≤ 1.5×).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pages import ARGS, CHROMIUM, PAGES, ROOT, SEARCH, filter_change, first_render, median, server
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(ROOT / "tests"))
from corpus_factory import write_corpus  # noqa: E402

TARGET = 1.5
PAGE = "/projects"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        write_corpus(folder, args.articles, filler=3)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "dashboard", "ingest", str(folder), "--workers", "2"], cwd=ROOT, check=True
        )
        print(f"ingested {args.articles} articles in {time.perf_counter() - start:.1f} s")

        selector = PAGES[PAGE]
        with (
            server("app.py", {"DASHBOARD_CORPUS": str(folder)}) as large,
            server("app.py") as small,
            sync_playwright() as p,
        ):
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            start = time.perf_counter()
            first_render(browser, large + PAGE, selector)  # reads the corpus from the cache once
            print(f"first load of the {args.articles}-article corpus: {time.perf_counter() - start:.1f} s")
            first_render(browser, small + PAGE, selector)

            # Interleaved, so that drift (CPU, GC) hits both alike.
            figures = {"small": ([], []), "large": ([], [])}
            for _ in range(args.runs):
                for name, url in (("small", small), ("large", large)):
                    figures[name][0].append(first_render(browser, url + PAGE, selector))
                    figures[name][1].append(filter_change(browser, url + PAGE, selector, SEARCH["app"]))
            browser.close()

    (small_first, small_rerun), (large_first, large_rerun) = (
        (median(figures[n][0]), median(figures[n][1])) for n in ("small", "large")
    )
    ratios = (large_first / small_first, large_rerun / small_rerun)
    print(f"{'corpus':<16}{'first render':>14}{'filter change':>16}")
    print(f"{'1 article':<16}{small_first * 1000:>12.0f}ms{small_rerun * 1000:>14.0f}ms")
    print(f"{f'{args.articles} articles':<16}{large_first * 1000:>12.0f}ms{large_rerun * 1000:>14.0f}ms")
    print(f"{'ratio':<16}{ratios[0]:>14.2f}{ratios[1]:>16.2f}")
    print(f"worst ratio {max(ratios):.2f} (target ≤ {TARGET})")
    return 0 if max(ratios) <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
