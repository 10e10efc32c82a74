"""Signing in end to end: ``streamlit run app.py`` with an ``[auth]`` section pointing at a real
OpenID Connect provider (``oidc-provider-mock``, started here on localhost), driven in headless
Chromium. A visitor, a signed-in non-editor and an editor each see what they may do; nothing of
a token reaches the page or the server's log. Screenshots of /corpus and /projects, signed in
and not, go to ``test-artifacts/screenshots/``."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import free_port, wait_healthy
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.present.glossary import t
from dashboard.store import audit, corrections, trash

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
RENDERED = '[data-testid="stApp"][data-test-script-state="notRunning"] [data-testid="stMain"] h1'
NO_STALE = """() => !document.querySelector('[data-stale="true"]')"""
EDITOR, VIEWER = "editor@example.org", "viewer@example.org"
DOC = "2022-04-22-wuzhou-digital-economy"
DRAWN = """() => !document.querySelector('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"]')"""
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")  # a JSON Web Token's first two parts


@pytest.fixture(scope="module")
def provider():
    """The OpenID Connect provider, on localhost: any ``sub`` typed into its form signs in, with
    that ``sub`` as the e-mail address."""
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(port=free_port()) as server:
        yield f"http://localhost:{server.server_port}"


@contextmanager
def app_with_sign_in(corpus: Path, provider: str, folder: Path):
    """``streamlit run app.py`` with ``[auth]`` in a secrets file of its own and the editors set;
    the app is opened as ``localhost``, the host of its ``redirect_uri`` (the identity cookie is
    set there)."""
    port = free_port()
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "digital-economy-dashboard"\n'
        f'client_secret = "{secrets.token_hex(16)}"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = {**os.environ, "DASHBOARD_CORPUS": str(corpus), "DASHBOARD_EDITORS": f"{EDITOR}, other@example.org"}
    log = ARTIFACTS / f"streamlit-auth-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.headless", "true", "--server.address", "127.0.0.1",
             "--secrets.files", str(secrets_file), "--logger.level", "debug"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_healthy(f"http://127.0.0.1:{port}", process, log)
            yield f"http://localhost:{port}", log
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("team-corpus")
    shutil.copy(ROOT / "data" / "articles" / f"{DOC}.md", folder)
    (folder / "2024-03-08-anning.txt").write_text(
        "安宁数字经济发展观察\n安宁市建设安宁天承数字茶园，打造安宁农产品交易中心。\n", encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def app(corpus, provider, tmp_path_factory):
    with app_with_sign_in(corpus, provider, tmp_path_factory.mktemp("secrets")) as found:
        # the first run extracts the articles (and loads the tokenizer): not a test's own time
        with urllib.request.urlopen(f"{found[0]}/_stcore/health", timeout=10):
            pass
        yield found


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="zh-CN")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def settle(page, timeout: int = 30_000) -> None:
    page.wait_for_selector(RENDERED, timeout=timeout)
    page.wait_for_function(NO_STALE, timeout=30_000)
    page.wait_for_timeout(800)
    page.wait_for_selector(RENDERED, timeout=30_000)


def open_page(page, url: str) -> None:
    page.goto(url)
    settle(page, timeout=120_000)  # the first page of the module extracts the articles


def sidebar(page) -> str:
    return page.get_by_test_id("stSidebar").inner_text()


def main(page) -> str:
    return page.get_by_test_id("stMain").inner_text()


def sign_in(page, app_url: str, who: str) -> None:
    """Sign in as ``who`` through the provider's own form, and come back signed in."""
    open_page(page, app_url + "/")
    page.get_by_test_id("stSidebar").get_by_role("button", name=t("sign_in")).click()
    page.wait_for_url(re.compile(r".*/oauth2/authorize.*"), timeout=30_000)
    page.locator('input[name="sub"]').fill(who)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile("^" + re.escape(app_url) + r"/(\?.*)?$"), timeout=30_000)
    settle(page)
    page.get_by_test_id("stSidebar").get_by_text(who).wait_for(timeout=30_000)


def shot(page, name: str) -> None:
    """The page at its width, from the top to the end of its content (as test_browser.py)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # every widget drawn: a loaded machine shows grey placeholders for a while
    page.wait_for_function(DRAWN, timeout=30_000)
    page.wait_for_timeout(300)
    viewport = page.viewport_size
    tall = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 0")
    if tall > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": tall})
        page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=not tall)
    page.set_viewport_size(viewport)


def no_overflow(page) -> None:
    wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 0, f"the page is {wide} px wider than the window"


def no_token(page, log: Path) -> None:
    """Nothing shaped like a token in the page, its cookies as the page's scripts see them, or the
    server's log (at debug level)."""
    assert not JWT.search(page.content())
    assert not JWT.search(page.evaluate("() => document.cookie"))
    assert not JWT.search(log.read_text(encoding="utf-8", errors="replace"))


def choose(page, selectbox, option: str) -> None:
    """Open a selectbox and pick an option; a rerun that redraws the form closes an open list, so try again."""
    for attempt in range(3):
        selectbox.click()
        try:
            page.get_by_role("option", name=option).click(timeout=10_000)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            settle(page)


def correct_a_project(page, corpus: Path) -> None:
    """Select 粤桂云数据中心 in the project table, open 更正此项目, give it another sector and save."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    names = grid.locator('[role="gridcell"]').all_inner_texts()
    row = [n for n in names if n.strip()].index("粤桂云数据中心") // 5  # five columns shown
    grid.click(position={"x": 16, "y": 36 + 66 * row + 33})  # the row's selector
    detail = page.locator(".st-key-projects_detail")
    detail.wait_for(timeout=30_000)
    assert "粤桂云数据中心" in detail.inner_text()
    detail.get_by_text(t("correct")).click()
    form = detail.locator('[data-testid="stForm"]')
    form.wait_for(timeout=30_000)
    choose(page, form.locator('[data-testid="stSelectbox"]').first, "服务业")
    page.wait_for_timeout(300)
    no_overflow(page)
    shot(page, "projects-editor-1280x720")
    form.get_by_role("button", name=t("correct_save")).click()
    settle(page)
    page.get_by_text(t("correct_saved", name="粤桂云数据中心")).wait_for(timeout=30_000)
    [line] = [r for r in corrections.load(corpus) if r["name"] == "粤桂云数据中心"]
    assert line["by"] == EDITOR and line["changes"]["sector"] == "services"
    assert page.get_by_text(t("corrected_note", by=EDITOR, at="")[:-1].split(EDITOR)[0]).count() >= 1


def test_a_visitor_views_and_is_asked_to_sign_in_to_edit(page, app):
    app_url, log = app
    open_page(page, app_url + "/corpus")
    assert t("visitor_note") in sidebar(page)
    page.get_by_test_id("stSidebar").get_by_role("button", name=t("sign_in")).wait_for(
        state="visible", timeout=30_000
    )
    text = main(page)
    assert t("viewer_session_corpus") in text and t("trash") not in text
    no_overflow(page)
    shot(page, "corpus-visitor-1280x720")
    open_page(page, app_url + "/projects")
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=30_000)
    assert t("add_project") not in main(page)
    no_overflow(page)
    shot(page, "projects-visitor-1280x720")
    assert not page.errors
    no_token(page, log)


def test_a_signed_in_non_editor_views_only(page, app, corpus):
    app_url, log = app
    sign_in(page, app_url, VIEWER)
    assert t("signed_in_viewer", who=VIEWER) in sidebar(page)
    open_page(page, app_url + "/corpus")
    text = main(page)
    assert t("viewer_session_corpus") in text and t("trash") not in text
    open_page(page, app_url + "/projects")
    assert t("add_project") not in main(page)
    assert not page.errors
    no_token(page, log)
    assert not [e for e in audit.entries(corpus) if e["who"] == VIEWER]


def test_an_editor_signs_in_removes_and_restores_an_article_and_signs_out(page, app, corpus):
    app_url, log = app
    sign_in(page, app_url, EDITOR)
    assert t("signed_in_editor", who=EDITOR) in sidebar(page)
    open_page(page, app_url + "/corpus")
    text = main(page)
    assert t("viewer_session_corpus") not in text and t("trash") in text
    # remove the second article: it goes to the trash
    main_area = page.get_by_test_id("stMain")
    main_area.get_by_role("button", name=t("remove"), exact=True).click()
    main_area.get_by_role("button", name=t("confirm")).click()
    settle(page)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stMain\"]').innerText.includes('已移入回收站')",
        timeout=30_000,
    )
    [item] = trash.items(corpus)
    assert not (corpus / item.name).exists()
    main_area.get_by_role("button", name=t("restore"), exact=True).click()
    settle(page)
    page.get_by_text(t("restored", name=item.name)).wait_for(timeout=30_000)
    assert (corpus / item.name).exists() and not trash.items(corpus)
    assert [(e["who"], e["what"]) for e in audit.entries(corpus)][-2:] == [
        (EDITOR, "remove_article"),
        (EDITOR, "restore_article"),
    ]
    page.reload()
    settle(page)
    no_overflow(page)
    shot(page, "corpus-editor-1280x720")
    open_page(page, app_url + "/projects")
    assert t("add_project") in main(page)
    correct_a_project(page, corpus)
    assert not page.errors
    no_token(page, log)
    # signing out: the provider ends its session, the app is a visitor's again
    page.get_by_test_id("stSidebar").get_by_role("button", name=t("sign_out")).click()
    page.wait_for_url(re.compile(r"/oauth2/end_session"), timeout=30_000)
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(re.compile("^" + re.escape(app_url)), timeout=30_000)
    settle(page)
    open_page(page, app_url + "/corpus")
    assert t("visitor_note") in sidebar(page) and t("viewer_session_corpus") in main(page)
