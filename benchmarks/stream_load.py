"""Protocol-level load test: many sessions speaking Streamlit's own websocket protocol, no browsers.

    python benchmarks/stream_load.py [--sessions 50] [--seconds 60] [--think 5] [--arrive 30]
                                     [--processes 1] [--proxy] [--max-runs 200] [--alone 20]

Browsers would take the two cores the server needs, so each session here is a websocket on
``/_stcore/stream`` sending ``BackMsg`` protobufs (``rerun_script`` with a ``page_name`` and a
``query_string``, and the search box's widget state) and reading ``ForwardMsg`` protobufs until
``script_finished``: what a browser asks of the server, without drawing anything.

A session opens the shared link (a page and filters drawn at random: its *first run*, counted
apart), then again and again pauses (exponential, mean ``--think`` seconds) and either switches to
another page (three times in four) or types a search on the page it is on. Sessions arrive spread
evenly over ``--arrive`` seconds. Every session stops after ``--max-runs`` reruns or ``--seconds``
seconds, whichever comes first, and the whole phase is cut off 60 seconds after that; only
127.0.0.1 is contacted.

The server is started here: one ``streamlit run app.py``, or with ``--proxy`` ``scripts/serve``
(``--processes`` streamlit processes behind nginx; each session first fetches the page, as a
browser does, and keeps the routing cookie nginx gives it). Phases: a warm-up (every page once),
one session alone (think 0.5 s, ``--alone`` seconds; 0 skips it), then ``--sessions`` sessions.

Prints per page the median, p95 and p99 of a rerun (seconds from sending ``rerun_script`` to
``script_finished``), the first runs apart, the errors (exception elements, a run that did not
finish, time-outs, dropped connections: there must be none), reruns per second, the CPU the server
processes (and nginx) used as a share of one core, and their memory (resident, summed): peak.
With ``--think 0`` the sessions rerun back to back: runs per second is then the throughput.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import cpu_seconds  # noqa: E402
from pages import free_port, server  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only address this benchmark sends to
PAGES = ["", "keywords", "projects", "reader", "network", "corpus", "lexicon"]  # "" is the overview
PAGE_NAMES = {"": "overview"}
LINKS = ["", "sector=agriculture", "sector=digital-industry", "sector=manufacturing,services",
         "pillar=industrial-digitalization", "q=平台", "lang=en", "sector=agriculture&lang=en"]  # fmt: skip
WORDS = ["", "平台", "中心", "农", "交易", "数据"]
RUN_TIMEOUT = 60  # seconds one rerun may take before it counts as an error
FINISHED_OK = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class Stats:
    def __init__(self) -> None:
        self.runs: dict[str, list[float]] = defaultdict(list)
        self.first: list[float] = []
        self.errors: list[str] = []
        self.client_cpu = 0.0  # share of one core this benchmark itself used


class Session:
    """One visitor's Streamlit session over its own websocket."""

    def __init__(self, url: str, cookie: str | None) -> None:
        self.url, self.cookie = url, cookie
        self.search_id: str | None = None  # the search box's widget id, read from the first run
        self.search = ""

    async def __aenter__(self) -> Session:
        headers = {"Cookie": self.cookie} if self.cookie else None
        self.ws = await websockets.connect(
            self.url.replace("http://", "ws://") + "/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.url,
            additional_headers=headers,
            max_size=None,
            open_timeout=RUN_TIMEOUT,
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def rerun(self, page: str, query: str) -> float:
        """Seconds from asking for a rerun of ``page`` until the server says it finished."""
        message = BackMsg()
        message.rerun_script.page_name = page
        message.rerun_script.query_string = query
        if self.search_id:
            widget = message.rerun_script.widget_states.widgets.add()
            widget.id, widget.string_value = self.search_id, self.search
        start = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        problem = None
        async with asyncio.timeout(RUN_TIMEOUT):
            while True:
                forward = ForwardMsg()
                forward.ParseFromString(await self.ws.recv())
                kind = forward.WhichOneof("type")
                if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                    element = forward.delta.new_element
                    shown = element.WhichOneof("type")
                    if shown == "exception":
                        problem = problem or f"exception: {element.exception.message[:120]}"
                    elif shown == "text_input" and element.text_input.id.endswith("-filters_q"):
                        self.search_id = element.text_input.id
                elif kind == "script_finished":
                    elapsed = time.perf_counter() - start
                    if forward.script_finished not in FINISHED_OK:
                        problem = problem or f"run ended with status {forward.script_finished}"
                    break
        if problem:
            raise RuntimeError(problem)
        return elapsed


def routing_cookie(url: str) -> str | None:
    """The cookie the proxy gives on the first answer (what a browser keeps), if any."""
    with urllib.request.urlopen(url + "/", timeout=RUN_TIMEOUT) as answer:
        cookies = [c.split(";", 1)[0] for c in answer.headers.get_all("Set-Cookie") or []]
    return "; ".join(cookies) or None


async def visitor(
    url: str, seed: int, delay: float, think: float, until: float, max_runs: int, stats: Stats
) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(delay)
    page, query = rng.choice(PAGES), rng.choice(LINKS)
    step = "first run"
    try:
        cookie = await asyncio.to_thread(routing_cookie, url)
        async with Session(url, cookie) as session:
            stats.first.append(await session.rerun(page, query))
            for _ in range(max_runs):
                if think > 0:
                    await asyncio.sleep(rng.expovariate(1 / think))
                if time.monotonic() >= until:
                    break
                if rng.random() < 0.75 and len(PAGES) > 1:
                    page = rng.choice([p for p in PAGES if p != page])
                else:
                    session.search = rng.choice([w for w in WORDS if w != session.search])
                step = PAGE_NAMES.get(page, page)
                stats.runs[step].append(await session.rerun(page, query))
    except Exception as error:  # noqa: BLE001 — every failure is an error of the run
        stats.errors.append(f"{step}: {type(error).__name__}: {str(error)[:160]}")


def descendants(pid: int) -> list[int]:
    """A process and all its children, grandchildren… (Linux /proc)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except OSError:
            continue
    return found


def tree_cpu(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            total += cpu_seconds(pid)
        except OSError:
            continue
    return total


def tree_rss_kib(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total


async def phase(
    url: str, pids: list[int], sessions: int, seconds: float, think: float, arrive: float, max_runs: int
) -> tuple[Stats, float, float, int]:
    """Runs ``sessions`` visitors; their stats, the phase's length, server CPU (cores), peak memory."""
    stats = Stats()
    start = time.monotonic()
    until = start + seconds
    cpu_before = tree_cpu(pids)
    peak = 0

    async def sample() -> None:
        nonlocal peak
        while time.monotonic() < until:
            peak = max(peak, tree_rss_kib(pids))
            await asyncio.sleep(1)

    client_before = time.process_time()
    sampler = asyncio.create_task(sample())
    visitors = [
        visitor(url, seed, arrive * seed / max(sessions, 1), think, until, max_runs, stats)
        for seed in range(sessions)
    ]
    try:
        async with asyncio.timeout(seconds + arrive + RUN_TIMEOUT):
            await asyncio.gather(*visitors)
    except TimeoutError:
        stats.errors.append("the phase was cut off: a session did not stop")
    elapsed = time.monotonic() - start
    sampler.cancel()
    peak = max(peak, tree_rss_kib(pids))
    stats.client_cpu = (time.process_time() - client_before) / elapsed
    return stats, elapsed, (tree_cpu(pids) - cpu_before) / elapsed, peak


@contextmanager
def proxied(processes: int):
    """``scripts/serve`` with ``processes`` streamlit processes on free loopback ports."""
    port, backend = free_port(), free_port()
    env = {**os.environ, "PYTHON": os.environ.get("PYTHON", sys.executable)}
    process = subprocess.Popen(
        ["scripts/serve", "--processes", str(processes), "--port", str(port), "--backend-port", str(backend)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        line = process.stdout.readline()
        if not line.startswith("serving"):
            raise SystemExit("scripts/serve did not start")
        yield f"http://{HOST}:{port}", process, [f"http://{HOST}:{backend + i}" for i in range(processes)]
    finally:
        process.terminate()
        process.wait(timeout=20)


@contextmanager
def direct():
    """One ``streamlit run app.py`` on a free loopback port."""
    with server("app.py", with_process=True) as (url, process):
        yield url, process, [url]


def quantile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def report(name: str, stats: Stats, elapsed: float, cpu: float, peak: int) -> dict[str, float]:
    every = [v for values in stats.runs.values() for v in values]
    print(f"\n{name}: {len(every)} reruns in {elapsed:.0f} s = {len(every) / elapsed:.1f} runs/s")
    print(f"  {'page':<10}{'runs':>6}{'median':>9}{'p95':>9}{'p99':>9}")
    for page in [PAGE_NAMES.get(p, p) for p in PAGES]:
        values = stats.runs.get(page, [])
        if values:
            print(
                f"  {page:<10}{len(values):>6}{statistics.median(values) * 1000:>7.0f}ms"
                f"{quantile(values, 0.95) * 1000:>7.0f}ms{quantile(values, 0.99) * 1000:>7.0f}ms"
            )
    for label, values in (("all", every), ("first run", stats.first)):
        if values:
            print(
                f"  {label:<10}{len(values):>6}{statistics.median(values) * 1000:>7.0f}ms"
                f"{quantile(values, 0.95) * 1000:>7.0f}ms{quantile(values, 0.99) * 1000:>7.0f}ms"
            )
    per_run = cpu * elapsed / max(len(every) + len(stats.first), 1)
    print(
        f"  server CPU {cpu:.0%} of one core ({os.cpu_count()} cores), {per_run * 1000:.0f} ms a rerun; "
        f"memory peak {peak / 1024:.0f} MiB; this client {stats.client_cpu:.0%} of one core; "
        f"machine load {os.getloadavg()[0]:.1f}"
    )
    print(f"  errors: {len(stats.errors)}" + "".join(f"\n    {e}" for e in stats.errors[:10]))
    return {
        "p95": quantile(every, 0.95) if every else float("nan"),
        "first_p95": quantile(stats.first, 0.95) if stats.first else float("nan"),
        "runs_per_s": len(every) / elapsed,
        "errors": len(stats.errors),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60, help="how long sessions go on")
    parser.add_argument("--think", type=float, default=5, help="mean pause between runs (exponential)")
    parser.add_argument("--arrive", type=float, default=30, help="sessions arrive over this many seconds")
    parser.add_argument("--max-runs", type=int, default=200, help="reruns of a session at most")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--proxy", action="store_true", help="through scripts/serve (nginx)")
    parser.add_argument("--alone", type=float, default=20, help="seconds of one session alone first")
    parser.add_argument("--pages", help="only these pages, comma-separated (overview, keywords…)")
    args = parser.parse_args()
    if args.pages:
        wanted = args.pages.split(",")
        PAGES[:] = [p for p in PAGES if PAGE_NAMES.get(p, p) in wanted]
    if args.processes > 1 and not args.proxy:
        parser.error("more than one process needs --proxy")

    with proxied(args.processes) if args.proxy else direct() as (url, process, backends):
        assert url.startswith(f"http://{HOST}:")
        pids = [p for p in descendants(process.pid) if p != process.pid or not args.proxy]
        for backend in backends:  # each process directly: through the proxy one cannot choose
            asyncio.run(warm(backend))
        ratio_to = None
        if args.alone > 0:
            alone = report("one session alone (think 0.5 s)", *run(url, pids, 1, args.alone, 0.5, 0, 10_000))
            ratio_to = alone["p95"]
        many = report(
            f"{args.sessions} sessions (think {args.think:g} s, arriving over {args.arrive:g} s, "
            f"{args.processes} process{'es' if args.processes > 1 else ''}{' behind nginx' if args.proxy else ''})",
            *run(url, pids, args.sessions, args.seconds, args.think, args.arrive, args.max_runs),
        )
    if ratio_to:
        print(f"\np95 {many['p95'] * 1000:.0f} ms = {many['p95'] / ratio_to:.1f}× one session alone")
    return 1 if many["errors"] else 0


def run(url, pids, sessions, seconds, think, arrive, max_runs):
    return asyncio.run(phase(url, pids, sessions, seconds, think, arrive, max_runs))


async def warm(url: str) -> None:
    """Every page with every link and search, so that the caches are warm before anything is
    measured (what a room clicking around for a while leaves behind)."""
    for query in LINKS:
        async with Session(url, None) as session:
            for word in WORDS:
                session.search = word
                for page in PAGES:
                    await session.rerun(page, query)


if __name__ == "__main__":
    sys.exit(main())
