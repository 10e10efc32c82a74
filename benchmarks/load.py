"""Load test: concurrent browser sessions on a shared link, against one session alone.

    .venv/bin/python benchmarks/load.py [--sessions 10] [--seconds 120] [--think 8]

Starts ``streamlit run app.py`` on 127.0.0.1 (nothing else is contacted). Each session is a
visitor in its own browser context: it opens the shared link of a filtered view
(``/projects?sector=agriculture``) and waits until it is drawn, pauses, types a search into the
sidebar and waits until the rerun is drawn, pauses, and starts again. Its first open, with an
empty browser cache, is counted apart as "first visit". A pause lasts between half and one and a
half ``--think`` seconds; visitors arrive within the first ``--think`` seconds. Two phases:

1. one session alone, for a third of ``--seconds``, without pauses (on an idle machine they
   would change nothing but the number of samples);
2. ``--sessions`` sessions at once (one headless Chromium, a context per session), ``--seconds``.

Both phases stop by themselves. Prints, per action, the median and 95th percentile of each phase
and their ratio (target: concurrent p95 < 4 × the single session's), the errors (page errors,
Streamlit exception boxes, time-outs: must be zero), the CPU used by the server and by the whole
machine (the browsers run on it too), and the server's memory (resident set of the streamlit
process) sampled every second: peak, and the peak of each quarter of the concurrent phase, which
should level off rather than climb.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from pathlib import Path

from playwright.async_api import async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import (  # noqa: E402
    ARGS,
    CHROMIUM,
    DONE,
    NOTE_FRAMES,
    PAINTED,
    RERUN_DONE,
    WATCH_RERUN,
    server,
)

LINK = "/projects?sector=agriculture"
CONTENT = '[data-testid="stDataFrame"] canvas'
SEARCH_BOX = "例如：交易中心"
WORDS = ["平台", "中心", "农", "交易", "数"]
TIMEOUT_MS = 60_000
POLL_MS = 25  # how often a page checks whether it is drawn: every frame (raf) would draw frames itself


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


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) a process has used so far, in seconds (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs since boot (Linux /proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle and iowait
    return sum(values) - idle, sum(values)


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found]


async def session(
    browser,
    url: str,
    until: float,
    think: float,
    seed: int,
    timings: dict[str, list[float]],
    errors: list[str],
) -> None:
    """One visitor: open the link, change the search, again and again until ``until``.

    A time-out or an exception box is an error of the run; the visitor then starts over with
    the link, so one failure does not silence a session for the rest of the run."""
    pause = random.Random(seed)
    context, page = await visitor(browser)
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    n = 0
    if think > 0:
        await asyncio.sleep(pause.uniform(0, think))  # visitors do not all click at the same instant
    while time.monotonic() < until:
        step = "first visit" if n == 0 else "open shared link"
        try:
            timings[step].append(await open_link(page, url))
            await thinking(pause, think)

            step = "filter change"
            box = page.get_by_placeholder(SEARCH_BOX)
            await box.fill(WORDS[n % len(WORDS)])
            await page.evaluate(WATCH_RERUN)
            start = time.perf_counter()
            await box.press("Enter")
            await page.wait_for_function(RERUN_DONE, timeout=TIMEOUT_MS, polling=POLL_MS)
            await page.wait_for_function(DONE, arg=CONTENT, timeout=TIMEOUT_MS, polling=POLL_MS)
            await page.evaluate(PAINTED)
            timings[step].append(time.perf_counter() - start)
            if await page.locator('[data-testid="stException"]').count():
                errors.append(f"{step}: a Streamlit exception was shown")
            await thinking(pause, think)
        except Exception as error:  # noqa: BLE001 — every failure is counted, then the loop goes on
            errors.append(f"{step}: {type(error).__name__}: {str(error).splitlines()[0]}")
        n += 1
    await context.close()


async def visitor(browser):
    """A new browser context (an empty cache, its own Streamlit session) and its page."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    await context.add_init_script(NOTE_FRAMES)
    return context, await context.new_page()


async def open_link(page, url: str) -> float:
    """Seconds from following the shared link until its table is drawn."""
    start = time.perf_counter()
    await page.goto(url + LINK)
    await page.wait_for_function(DONE, arg=CONTENT, timeout=TIMEOUT_MS, polling=POLL_MS)
    await page.evaluate(PAINTED)
    return time.perf_counter() - start


async def first_visits(url: str, n: int) -> list[float]:
    """``n`` first visits one after the other, each with an empty cache: one visitor's figure."""
    times = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(n):
            context, page = await visitor(browser)
            times.append(await open_link(page, url))
            await context.close()
        await browser.close()
    return times


async def thinking(pause: random.Random, think: float) -> None:
    """A visitor's pause between actions: uniform between half and one and a half ``think``."""
    if think > 0:
        await asyncio.sleep(pause.uniform(0.5 * think, 1.5 * think))


async def phase(
    url: str, sessions: int, seconds: float, pid: int, think: float = 0
) -> tuple[dict, list[str], list[tuple[float, int]], dict[str, float]]:
    """Runs ``sessions`` visitors for ``seconds``: their timings, errors, the server's memory
    each second, and the share of CPU the server and the whole machine used."""
    timings: dict[str, list[float]] = {"first visit": [], "open shared link": [], "filter change": []}
    errors: list[str] = []
    memory: list[tuple[float, int]] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        start = time.monotonic()
        until = start + seconds
        server_before, machine_before = cpu_seconds(pid), machine_busy()

        async def sample() -> None:
            while time.monotonic() < until:
                memory.append((time.monotonic() - start, resident_kib(pid)))
                await asyncio.sleep(1)

        await asyncio.gather(
            sample(),
            *(session(browser, url, until, think, seed, timings, errors) for seed in range(sessions)),
        )
        elapsed = time.monotonic() - start
        busy, total = (after - before for after, before in zip(machine_busy(), machine_before, strict=True))
        cpu = {"server": (cpu_seconds(pid) - server_before) / elapsed, "machine": busy / total}
        await browser.close()
    return timings, errors, memory, cpu


def p95(values: list[float]) -> float:
    return (
        statistics.quantiles(values, n=20, method="inclusive")[-1]
        if len(values) >= 2
        else (values[0] if values else float("nan"))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument(
        "--think", type=float, default=8, help="mean pause of a visitor between actions, in seconds"
    )
    args = parser.parse_args()

    with server("app.py", with_process=True) as (url, process):
        asyncio.run(phase(url, 1, 10, process.pid))  # warm the caches
        single, single_errors, _, single_cpu = asyncio.run(phase(url, 1, args.seconds / 3, process.pid))
        single["first visit"] += asyncio.run(first_visits(url, 4))
        many, many_errors, memory, many_cpu = asyncio.run(
            phase(url, args.sessions, args.seconds, process.pid, args.think)
        )

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
    for name, cpu in (("alone", single_cpu), (f"×{args.sessions}", many_cpu)):
        print(
            f"CPU {name}: server {cpu['server']:.0%} of one core, "
            f"machine {cpu['machine']:.0%} busy ({os.cpu_count()} cores)"
        )
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
