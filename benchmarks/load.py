"""Load test: concurrent browser sessions on a shared link, against one session alone.

    .venv/bin/python benchmarks/load.py [--sessions 10] [--seconds 120]

Starts ``streamlit run app.py`` on 127.0.0.1 (nothing else is contacted), then runs two phases
with the same loop in each session — open the shared link of a filtered view
(``/projects?sector=agriculture``), wait until it is drawn, type a search into the sidebar, wait
until the rerun is drawn, again and again:

1. one session alone, for a third of ``--seconds``;
2. ``--sessions`` sessions at once (one headless Chromium, a context per session), ``--seconds``.

Both phases stop by themselves. Prints, per action, the median and 95th percentile of each phase
and their ratio (target: concurrent p95 < 4 × the single session's), the errors (page errors,
Streamlit exception boxes, time-outs: must be zero), and the server's memory (resident set of
the streamlit process) sampled every second: peak, and the peak of each quarter of the
concurrent phase, which should level off rather than climb.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from playwright.async_api import async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import ARGS, CHROMIUM, DONE, PAINTED, server  # noqa: E402

LINK = "/projects?sector=agriculture"
CONTENT = '[data-testid="stDataFrame"] canvas'
SEARCH_BOX = "例如：交易中心"
WORDS = ["平台", "中心", "农", "交易", ""]
TIMEOUT_MS = 60_000
# Marks the end of the rerun a filter change starts: the script goes to running, then back.
WATCH_RERUN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__rerun = {started: false, done: false};
  new MutationObserver(() => {
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running') window.__rerun.started = true;
    else if (window.__rerun.started && state === 'notRunning') window.__rerun.done = true;
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def resident_kib(pid: int) -> int:
    """Resident memory of a process and its children, in KiB (Linux /proc)."""
    total = 0
    for candidate in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{candidate}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found]


async def session(
    browser, url: str, until: float, timings: dict[str, list[float]], errors: list[str]
) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    n = 0
    try:
        while time.monotonic() < until:
            start = time.perf_counter()
            await page.goto(url + LINK)
            await page.wait_for_function(DONE, arg=CONTENT, timeout=TIMEOUT_MS, polling="raf")
            await page.evaluate(PAINTED)
            timings["open shared link"].append(time.perf_counter() - start)

            box = page.get_by_placeholder(SEARCH_BOX)
            await box.fill(WORDS[n % len(WORDS)] or "数")
            await page.evaluate(WATCH_RERUN)
            start = time.perf_counter()
            await box.press("Enter")
            await page.wait_for_function("() => window.__rerun.done", timeout=TIMEOUT_MS, polling="raf")
            await page.wait_for_function(DONE, arg=CONTENT, timeout=TIMEOUT_MS, polling="raf")
            await page.evaluate(PAINTED)
            timings["filter change"].append(time.perf_counter() - start)
            if await page.locator('[data-testid="stException"]').count():
                errors.append("a Streamlit exception was shown")
            n += 1
    except Exception as error:  # a time-out or a crash is an error of the run, not of the script
        errors.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        await context.close()


async def phase(
    url: str, sessions: int, seconds: float, pid: int
) -> tuple[dict, list[str], list[tuple[float, int]]]:
    timings: dict[str, list[float]] = {"open shared link": [], "filter change": []}
    errors: list[str] = []
    memory: list[tuple[float, int]] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        start = time.monotonic()
        until = start + seconds

        async def sample() -> None:
            while time.monotonic() < until:
                memory.append((time.monotonic() - start, resident_kib(pid)))
                await asyncio.sleep(1)

        await asyncio.gather(
            sample(), *(session(browser, url, until, timings, errors) for _ in range(sessions))
        )
        await browser.close()
    return timings, errors, memory


def p95(values: list[float]) -> float:
    return (
        statistics.quantiles(values, n=20)[-1]
        if len(values) >= 2
        else (values[0] if values else float("nan"))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=120)
    args = parser.parse_args()

    with server("app.py", with_process=True) as (url, process):
        asyncio.run(phase(url, 1, 10, process.pid))  # warm the caches
        single, single_errors, _ = asyncio.run(phase(url, 1, args.seconds / 3, process.pid))
        many, many_errors, memory = asyncio.run(phase(url, args.sessions, args.seconds, process.pid))

    print(
        f"{'action':<18}{'alone median':>14}{'p95':>8}{'×' + str(args.sessions) + ' median':>14}{'p95':>8}{'p95 ratio':>11}"
    )
    worst = 0.0
    for action in single:
        a, b = single[action], many[action]
        if not a or not b:
            print(f"{action:<18} no completed runs")
            worst = float("inf")
            continue
        ratio = p95(b) / p95(a)
        worst = max(worst, ratio)
        print(
            f"{action:<18}{statistics.median(a) * 1000:>12.0f}ms{p95(a) * 1000:>6.0f}ms"
            f"{statistics.median(b) * 1000:>12.0f}ms{p95(b) * 1000:>6.0f}ms{ratio:>11.2f}"
        )
    print(f"runs: alone {len(single['filter change'])}, concurrent {len(many['filter change'])}")
    errors = single_errors + many_errors
    print(f"errors: {len(errors)}" + "".join(f"\n  {e}" for e in errors[:10]))
    if memory:
        peak = max(m for _, m in memory)
        quarter = args.seconds / 4
        quarters = [
            max((m for t, m in memory if q * quarter <= t < (q + 1) * quarter), default=0) for q in range(4)
        ]
        print(
            f"server memory: peak {peak / 1024:.0f} MiB; peak per quarter "
            + ", ".join(f"{q / 1024:.0f}" for q in quarters)
            + " MiB"
        )
    ok = worst < 4 and not errors
    print(f"worst p95 ratio {worst:.2f} (target < 4), {'pass' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
