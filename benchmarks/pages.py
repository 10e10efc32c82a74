"""Render times of every page in headless Chromium, against a minimal reference Streamlit page.

    .venv/bin/python benchmarks/pages.py [--runs 5]

Starts ``streamlit run app.py`` and ``streamlit run benchmarks/reference_app.py`` on free ports,
warms the data caches, then for each page measures, in a fresh browser context each run (so the
browser cache is cold):

- first render: from navigation until Streamlit's script is no longer running and the page's
  main content (its chart, table or article) is drawn;
- filter change: from typing a search into the sidebar (the reference: its own search box)
  until the rerun it causes has finished and the content is drawn again.

Prints medians and their ratio to the reference (target: ≤ 1.3× for both).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"]
TARGET = 1.3

# page path → selector of its main content
PAGES = {
    "/": ".js-plotly-plot .main-svg",
    "/keywords": ".js-plotly-plot .main-svg",
    "/projects": '[data-testid="stDataFrame"] canvas',
    "/reader": ".article mark",
    "/network": ".js-plotly-plot .main-svg",
}
REFERENCE = {"/": ".js-plotly-plot .main-svg", "table": '[data-testid="stDataFrame"] canvas'}
SEARCH = {"app": "例如：交易中心", "reference": None}

DONE = """selector => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app && app.getAttribute('data-test-script-state') === 'notRunning'
    && document.querySelector(selector) !== null
    && document.querySelectorAll('[data-stale="true"]').length === 0;
}"""

# Before any page script runs: note the time of every message the server sends on a websocket.
NOTE_FRAMES = """(() => {
  const Native = window.WebSocket;
  window.__lastFrame = 0;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { window.__lastFrame = performance.now(); });
    }
  };
})()"""
# Marks the start of the rerun a filter change causes.
WATCH_RERUN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__rerun = {since: performance.now(), running: false};
  new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') window.__rerun.running = true;
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
# The rerun has ended: the script is no longer running, and it was seen running — or, for a
# rerun so quick that React never drew the running state, the server replied and then was quiet
# for 50 ms.
RERUN_DONE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (window.__rerun.running) return true;
  return window.__lastFrame > window.__rerun.since && performance.now() - window.__lastFrame > 50;
}"""

QUIET_ENDS: list[str] = []  # reruns whose end was found by websocket quiet, not by state

PAINTED = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(script: str, env: dict[str, str] | None = None, *, with_process: bool = False):
    """``streamlit run script`` on a free port of 127.0.0.1 (with ``env`` added to the environment);
    yields its URL (and the process, with ``with_process``), and stops it afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit(f"{script} did not start") from None
                time.sleep(0.3)
        yield (url, process) if with_process else url
    finally:
        process.terminate()
        process.wait(timeout=10)


def first_render(browser, url: str, selector: str) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(DONE, arg=selector, timeout=60_000, polling="raf")
    page.evaluate(PAINTED)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def filter_change(browser, url: str, selector: str, placeholder: str | None) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(NOTE_FRAMES)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(DONE, arg=selector, timeout=60_000, polling="raf")
    box = page.get_by_placeholder(placeholder) if placeholder else page.get_by_test_id("stTextInputField")
    box.fill("平台" if placeholder else "1")
    page.evaluate(WATCH_RERUN)
    start = time.perf_counter()
    box.press("Enter")
    page.wait_for_function(RERUN_DONE, timeout=60_000, polling="raf")
    if not page.evaluate("() => window.__rerun.running"):
        QUIET_ENDS.append(url)
    page.wait_for_function(DONE, arg=selector, timeout=60_000, polling="raf")
    page.evaluate(PAINTED)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", nargs="*", default=list(PAGES), help="page paths, e.g. / /keywords")
    args = parser.parse_args()
    runs, pages = args.runs, {p: PAGES[p] for p in args.pages}

    with (
        server("app.py") as app,
        server("benchmarks/reference_app.py") as reference,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path, selector in pages.items():  # warm the data caches and the servers
            first_render(browser, app + path, selector)
        first_render(browser, reference, REFERENCE["table"])

        # Interleave reference and page runs so that drift (CPU, GC) hits both alike.
        ref_firsts, ref_reruns, rows = [], [], []
        for path, selector in pages.items():
            firsts, reruns = [], []
            for _ in range(runs):
                ref_firsts.append(first_render(browser, reference, REFERENCE["/"]))
                firsts.append(first_render(browser, app + path, selector))
                ref_reruns.append(filter_change(browser, reference, REFERENCE["/"], None))
                reruns.append(filter_change(browser, app + path, selector, SEARCH["app"]))
            rows.append((path, median(firsts), median(reruns)))
        ref_first, ref_rerun = median(ref_firsts), median(ref_reruns)
        print(f"{'page':<12}{'first render':>14}{'ratio':>8}{'filter change':>16}{'ratio':>8}")
        print(
            f"{'reference':<12}{ref_first * 1000:>12.0f}ms{'1.00':>8}{ref_rerun * 1000:>14.0f}ms{'1.00':>8}"
        )
        worst = 0.0
        for path, first, rerun in rows:
            a, b = first / ref_first, rerun / ref_rerun
            worst = max(worst, a, b)
            print(f"{path:<12}{first * 1000:>12.0f}ms{a:>8.2f}{rerun * 1000:>14.0f}ms{b:>8.2f}")
        browser.close()
    print(f"worst ratio {worst:.2f} (target ≤ {TARGET})")
    if QUIET_ENDS:
        print(f"{len(QUIET_ENDS)} rerun(s) ended by websocket quiet (+50 ms): {sorted(set(QUIET_ENDS))}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
