"""Serving a room: ``scripts/serve`` starts two streamlit processes behind nginx, and pages open
through the proxy in Chromium, each browser's session staying on one process (its websocket and
its uploads reach the same one, or an upload would not be found)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, free_port
from test_browser import RENDERED, grid_cells, open_file, open_page

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SESSIONS = 4  # browsers, each with its own routing cookie: by chance both processes serve some


@pytest.fixture(scope="module")
def proxy_url(tmp_path_factory):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        pytest.fail("nginx not found: install Debian's `nginx` package (scripts/test does)", pytrace=False)
    corpus = tmp_path_factory.mktemp("proxied")
    for article in (ROOT / "data" / "articles").iterdir():
        shutil.copy(article, corpus)
    port, backend = free_port(), free_port()
    log = ROOT / "test-artifacts" / f"serve-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHON": sys.executable, "DASHBOARD_CORPUS": str(corpus), "NGINX_BIN": nginx}
    with log.open("w") as out:
        process = subprocess.Popen(
            ["scripts/serve", "--processes", "2", "--port", str(port), "--backend-port", str(backend)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=out, text=True,
        )  # fmt: skip
        try:
            line = process.stdout.readline()
            if not line.startswith("serving"):
                pytest.fail(f"scripts/serve did not start; see {log}")
            yield f"http://127.0.0.1:{port}", [backend, backend + 1]
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_the_proxy_answers_for_both_processes_and_gives_a_routing_cookie(proxy_url):
    url, backends = proxy_url
    for backend in backends:
        with urllib.request.urlopen(f"http://127.0.0.1:{backend}/_stcore/health", timeout=5) as answer:
            assert answer.status == 200
    with urllib.request.urlopen(url + "/", timeout=10) as answer:
        assert answer.status == 200
        cookies = answer.headers.get_all("Set-Cookie") or []
    assert any(c.startswith("dashboard_route=") and "HttpOnly" in c for c in cookies)
    request = urllib.request.Request(url + "/_stcore/health", headers={"Cookie": "dashboard_route=x"})
    with urllib.request.urlopen(request, timeout=10) as answer:  # a browser with its cookie keeps it
        assert not [c for c in answer.headers.get_all("Set-Cookie") or [] if "dashboard_route" in c]


def test_pages_open_through_the_proxy_and_uploads_reach_their_session(proxy_url, tmp_path):
    # a browser of its own, driven from a thread of its own: Playwright's synchronous API runs one
    # at a time in a thread, and test_browser.py's may be open for the whole run
    failures = []

    def drive():
        try:
            visit_through_the_proxy(proxy_url[0], tmp_path)
        except BaseException as failure:  # noqa: BLE001 — handed to the test's own thread
            failures.append(failure)

    thread = threading.Thread(target=drive)
    thread.start()
    thread.join()
    if failures:
        raise failures[0]


def visit_through_the_proxy(url: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    foreign = tmp_path / "map.json"
    foreign.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    routes = set()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(SESSIONS):
                context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
                try:
                    page = context.new_page()
                    errors = []
                    page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
                    open_page(page, url + "/projects?sector=agriculture")
                    assert "中农联·梧州国际农产品交易中心" in grid_cells(page)
                    routes |= {c["value"] for c in context.cookies() if c["name"] == "dashboard_route"}

                    # the upload goes over HTTP, the rerun that reads it over the websocket
                    page.get_by_test_id("stSidebar").get_by_text("导出报告 / 保存分析 / 打开分析").click()
                    open_file(page, foreign)
                    alert = page.get_by_test_id("stSidebar").get_by_test_id("stAlertContentError")
                    alert.wait_for(timeout=15_000)
                    assert "无法打开 map.json：不是本看板保存的分析文件" in alert.inner_text()

                    page.get_by_test_id("stSidebar").get_by_text("关系网络", exact=True).click()
                    page.locator(RENDERED, has_text="关系网络").wait_for(timeout=30_000)
                    assert not errors
                finally:
                    context.close()
        finally:
            browser.close()
    assert len(routes) == SESSIONS  # each browser was given its own route
