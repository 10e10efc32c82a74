"""The app in a real browser: rendering, shared links, page switches, hostile articles.

Drives Debian's ``/usr/bin/chromium`` (or ``$CHROMIUM``) through Playwright against
``streamlit run app.py`` started here. Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from conftest import free_port, wait_healthy
from corpus_factory import article_text, named_projects

from dashboard.pipeline import taxonomy as tx
from dashboard.present.glossary import name as sector_name

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PAGES = {"overview": "/", "keywords": "/keywords", "projects": "/projects", "reader": "/reader", "network": "/network",
         "corpus": "/corpus", "corpus-across": "/corpus?tab=across", "lexicon": "/lexicon"}  # fmt: skip
RENDERED = '[data-testid="stApp"][data-test-script-state="notRunning"] [data-testid="stMain"] h1'
NO_STALE = """() => !document.querySelector('[data-stale="true"]')"""
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>"


@contextmanager
def streamlit_server(corpus: Path):
    """``streamlit run app.py`` on a free port with ``DASHBOARD_CORPUS=corpus``; always stopped."""
    port = free_port()
    env = {**os.environ, "DASHBOARD_CORPUS": str(corpus)}
    log = (ROOT / "test-artifacts").joinpath(f"streamlit-{port}.log")
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.headless", "true", "--server.address", "127.0.0.1"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, process, log)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    for article in (ROOT / "data" / "articles").iterdir():
        shutil.copy(article, corpus)
    with streamlit_server(corpus) as url:
        yield url


@pytest.fixture(scope="session")
def hostile_url(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("hostile")
    (corpus / "2024-01-01-hostile.md").write_text(
        "---\n"
        f"title: '{HOSTILE}数字经济'\n"
        "date: 2024-01-01\n"
        "---\n"
        f"<p>推进数字产业化</p><p>加快建设{HOSTILE}数字经济产业园，打造农产品交易中心。</p>"
        f"<p>{HOSTILE}</p>\n",
        encoding="utf-8",
    )
    # plain text keeps the tags in the body itself, so the reader must escape them
    (corpus / "2024-01-02-hostile.txt").write_text(
        f"恶意标题{HOSTILE}\n\n加快建设{HOSTILE}数字经济产业园，打造交易中心。\n", encoding="utf-8"
    )
    shutil.copy(ROOT / "data" / "articles" / "2022-04-22-wuzhou-digital-economy.md", corpus)
    with streamlit_server(corpus) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    page.errors = []
    page.dialogs = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


def open_page(page, url: str):
    head, mark, query = url.partition("?")  # a page's own query and another: one query (?tab=across&lang=en)
    page.goto(head + mark + query.replace("?", "&", 1))
    page.wait_for_selector(RENDERED, timeout=30_000)
    page.wait_for_timeout(800)  # let plotly and the data grid draw
    page.wait_for_selector(RENDERED, timeout=30_000)


def shot(page, name: str) -> None:
    """The page at its width, from the top to the end of its content: the main column scrolls on
    its own, so the window is made as tall as the content for the picture, then put back."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    tall = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 0")
    if tall > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": tall})
        page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=not tall)  # not the app: the page
    page.set_viewport_size(viewport)


def grid_cells(page) -> list[str]:
    """The cell texts of the first table. The data grid draws on a canvas and mirrors its cells
    in an accessible table, which fills in after the data arrives; stale elements of the page
    before must be gone first."""
    page.wait_for_function(NO_STALE, timeout=30_000)
    cells = page.locator('[data-testid="stDataFrame"]').first.locator('[role="gridcell"]')
    cells.first.wait_for(state="attached", timeout=30_000)
    page.wait_for_timeout(300)
    texts = cells.all_inner_texts()
    if not texts:  # the grid was drawn again between the two reads (a rerun): read it once drawn
        cells.first.wait_for(state="attached", timeout=30_000)
        page.wait_for_timeout(300)
        texts = cells.all_inner_texts()
    return texts


def test_shared_link_shows_only_agriculture_projects(page, app_url):
    open_page(page, app_url + "/projects?sector=agriculture")
    cells = grid_cells(page)
    assert "中农联·梧州国际农产品交易中心" in cells
    assert "农业" in cells
    for other in ("数字产业", "制造业", "服务业", "粤桂云数据中心", "梧州综保区"):
        assert other not in cells


def test_switching_pages_keeps_the_filter(page, app_url):
    open_page(page, app_url + "/projects?sector=agriculture&lang=en")
    page.get_by_test_id("stSidebar").get_by_text("Network", exact=True).click()
    page.wait_for_url("**/network?*", timeout=15_000)
    page.locator(RENDERED, has_text="Network").wait_for(timeout=30_000)
    assert "sector=agriculture" in page.url and "lang=en" in page.url
    page.get_by_test_id("stSidebar").get_by_text("Projects", exact=True).click()
    page.wait_for_url("**/projects?*", timeout=15_000)
    page.locator(RENDERED, has_text="Projects").wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    assert "sector=agriculture" in page.url
    assert "agriculture" in grid_cells(page)


def test_changing_a_filter_updates_the_link(page, app_url):
    open_page(page, app_url + "/projects")
    page.get_by_test_id("stSidebar").get_by_placeholder("例如：交易中心").fill("交易中心")
    page.keyboard.press("Enter")
    page.wait_for_url("**/projects?q=*", timeout=15_000)
    assert "q=%E4%BA%A4%E6%98%93%E4%B8%AD%E5%BF%83" in page.url


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("doc", ["", "2024-01-01-hostile", "2024-01-02-hostile"])
def test_hostile_article_runs_no_script(page, hostile_url, name, doc):
    open_page(page, hostile_url + PAGES[name] + (f"?doc={doc}" if doc else ""))
    page.wait_for_timeout(500)
    assert page.dialogs == []
    assert page.errors == []
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('[data-testid="stMain"] script').count() == 0
    if doc and name in ("overview", "reader"):
        assert "<script>alert(1)</script>" in page.locator('[data-testid="stMain"]').inner_text()
    if name == "corpus-across":  # the tab the link chose, with its charts
        assert page.get_by_test_id("stPlotlyChart").count() >= 1
    if doc == "2024-01-02-hostile" and name == "reader":
        assert HOSTILE + "数字经济产业园" in page.locator('[data-testid="stMain"]').inner_text()
    shot(page, f"hostile-{name}{'-' + doc[-12:] if doc else ''}")


def test_the_snapshot_draws_its_charts_with_no_network(browser, extraction, tmp_path):
    from dashboard.present.report import render_report
    from dashboard.query.filters import Filters

    snapshot = tmp_path / "report.html"
    snapshot.write_text(render_report(extraction, Filters()), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    elsewhere = []

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(snapshot.as_uri())
    page.wait_for_selector(".chart .main-svg", timeout=15_000)
    page.wait_for_timeout(500)
    assert page.locator(".chart .js-plotly-plot").count() == 4
    assert page.locator("#chart-cloud svg.word-cloud text").count() >= 10
    assert page.locator("#chart-sectors .main-svg .bars path").count() >= 4  # the bars are drawn
    listing = page.locator("table").first.inner_text()
    for project in extraction.named_projects["name"]:
        assert project in listing
    assert "梧州日报" in page.locator("ol").inner_text()
    assert errors == [] and elsewhere == []
    shot(page, "report-snapshot")
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_pages_fetch_nothing_from_the_internet(browser, app_url, name):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    hosts = set()
    context.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page = context.new_page()
    open_page(page, app_url + PAGES[name] + "?lang=en")
    page.wait_for_timeout(1000)
    assert hosts == {app_url.split("/")[2]}
    context.close()


def open_save_area(page):
    page.get_by_test_id("stSidebar").get_by_text("导出报告 / 保存分析 / 打开分析").click()


def open_file(page, path: Path) -> None:
    page.get_by_test_id("stSidebar").locator('input[type="file"]').set_input_files(str(path))


def test_a_saved_analysis_reopens_the_same_view(page, app_url, tmp_path):
    open_page(page, app_url + "/projects?sector=agriculture,services&q=交易中心")
    before = grid_cells(page)
    open_save_area(page)
    with page.expect_download() as download:
        page.get_by_test_id("stSidebar").get_by_role("button", name="保存分析").click()
    saved = tmp_path / "analysis.json"
    download.value.save_as(saved)

    open_page(page, app_url + "/projects")
    assert grid_cells(page) != before
    open_save_area(page)
    open_file(page, saved)
    page.wait_for_url("**/projects?sector=*", timeout=15_000)
    page.get_by_text("已打开分析：analysis.json").wait_for(timeout=15_000)
    page.wait_for_selector(RENDERED, timeout=30_000)
    page.wait_for_timeout(800)  # let the data grid draw its new rows
    assert "sector=services,agriculture" in page.url or "sector=services%2Cagriculture" in page.url
    assert "q=%E4%BA%A4%E6%98%93%E4%B8%AD%E5%BF%83" in page.url
    assert grid_cells(page) == before
    assert page.get_by_test_id("stSidebar").get_by_placeholder("例如：交易中心").input_value() == "交易中心"


def test_a_foreign_file_is_refused_with_its_reason(page, app_url, tmp_path):
    foreign = tmp_path / "map.json"
    foreign.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    open_page(page, app_url + "/projects?sector=agriculture")
    open_save_area(page)
    open_file(page, foreign)
    error = page.get_by_test_id("stSidebar").get_by_test_id("stAlertContentError")
    error.wait_for(timeout=15_000)
    assert "无法打开 map.json：不是本看板保存的分析文件" in error.inner_text()
    assert page.url.endswith("/projects?sector=agriculture")


def test_the_report_button_downloads_the_view(page, app_url, tmp_path):
    open_page(page, app_url + "/?sector=agriculture&lang=en")
    page.get_by_test_id("stSidebar").get_by_text("Report / save / open").click()
    with page.expect_download() as download:
        page.get_by_test_id("stSidebar").get_by_role("button", name="Export report").click()
    report = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Sector：agriculture" in report and "<td>中农联·梧州国际农产品交易中心</td>" in report
    assert "粤桂云数据中心" not in report
    assert re.fullmatch(r"report-agriculture-\d{4}-\d\d-\d\d\.html", download.value.suggested_filename)


def test_a_download_is_named_after_the_view(page, app_url):
    open_page(page, app_url + "/projects?sector=agriculture&q=交易中心")
    with page.expect_download() as download:
        page.get_by_role("button", name="下载 CSV").click()
    assert re.fullmatch(r"projects-农业-交易中心-\d{4}-\d\d-\d\d\.csv", download.value.suggested_filename)


def test_the_network_sends_its_edge_list_when_opened_and_downloads_it(page, app_url):
    open_page(page, app_url + "/network")
    main = page.get_by_test_id("stMain")
    assert main.get_by_test_id("stDataFrame").count() == 0  # not sent with the view
    main.get_by_test_id("stExpander").get_by_text("边列表").click()
    main.get_by_test_id("stDataFrame").wait_for(timeout=30_000)
    with page.expect_download() as download:
        main.get_by_role("button", name="下载边列表 CSV").click()
    rows = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "起点,终点,起点类型,终点类型,共现次数" and len(rows) > 10


@pytest.fixture
def corpus_url(tmp_path):
    """A server of its own on a copy of the bundled corpus, which its test may change."""
    corpus = tmp_path / "articles"
    shutil.copytree(ROOT / "data" / "articles", corpus)
    with streamlit_server(corpus) as url:
        yield url, corpus


def test_an_uploaded_article_joins_the_corpus_and_its_projects_are_listed(page, corpus_url, tmp_path):
    url, corpus = corpus_url
    upload = tmp_path / "upload.md"
    upload.write_text(
        article_text("安宁", "天承", "2024-03-08", ["agriculture", "services"]), encoding="utf-8"
    )
    open_page(page, url + "/corpus")
    page.get_by_test_id("stMain").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(upload)
    page.get_by_test_id("stAlertContentSuccess").wait_for(timeout=30_000)
    assert (
        "已加入：2024-03-08-安宁数字经济发展观察.md"
        in page.get_by_test_id("stAlertContentSuccess").inner_text()
    )
    assert (corpus / "2024-03-08-安宁数字经济发展观察.md").exists()
    page.wait_for_selector(RENDERED, timeout=30_000)
    shot(page, "corpus-uploaded")
    page.locator(".st-key-corpus_remove button").click()  # a removal asked for, then another tab
    page.get_by_text("确定删除").wait_for(timeout=30_000)
    page.get_by_role("tab", name="跨文章分析").click()
    page.get_by_test_id("stPlotlyChart").first.wait_for(timeout=30_000)  # drawn once chosen
    settle(page)
    shot(page, "corpus-across")
    page.get_by_role("tab", name="文章", exact=True).click()
    page.locator(".st-key-corpus_remove button").wait_for(timeout=30_000)
    settle(page)
    assert page.get_by_text("确定删除").count() == 0  # asked again, not confirmed unseen

    page.get_by_test_id("stMain").get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        upload
    )  # the same file again
    page.get_by_test_id("stAlertContentWarning").wait_for(timeout=30_000)
    assert "重复" in page.get_by_test_id("stAlertContentWarning").inner_text()

    open_page(page, url + "/projects?q=安宁")
    cells = grid_cells(page)
    for sector in ("agriculture", "services"):
        for name in named_projects("安宁", "天承", sector):
            assert name in cells
    assert page.errors == []


def test_clicking_a_sector_bar_narrows_the_filter(page, app_url):
    open_page(page, app_url + "/")
    bars = page.locator(".stPlotlyChart").nth(1).locator("g.point path")
    bars.nth(3).scroll_into_view_if_needed()  # the chart is below the structure's
    box = bars.nth(3).bounding_box()  # the fourth sector: agriculture
    # plotly's drag layer sits on top of the bars, so click where the bar is drawn
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/?sector=agriculture*", timeout=15_000)
    page.wait_for_function(NO_STALE, timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0


# Latin words a Chinese page may show that are not ours to translate: names read the same in both
# languages, and the language switch's name for English. Article text and file names are data.
SAME_IN_BOTH = {"TF-IDF", "TextRank", "CSV", "Excel", "HTML", "JSON", "English", "MB", "KB", "A", "B",
                "DASHBOARD_CORPUS", "data/articles/", ".md", ".markdown", ".txt", ".html", ".htm"}  # fmt: skip
# Streamlit's own widget text (its toolbar, plotly's tools) speaks English; its file box's English
# words stay in the page, hidden, and are drawn in Chinese by the page's styles (tested apart).
# Icons are ligatures (names such as "dashboard").
NOT_OURS = ('[data-testid="stIconMaterial"], [data-testid="stExpanderIcon"], [data-testid="stAlertDynamicIcon"], '
            '[data-testid="stFileUploaderDropzone"], [data-testid="stSkipToContent"], [data-testid="stToolbar"], '
            '[data-testid="stHeader"], .modebar, style, script')  # fmt: skip
TEXTS = """(skip) => {
  const texts = [];
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stApp"]'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement && !node.parentElement.closest(skip)) texts.push(node.textContent);
  }
  for (const field of document.querySelectorAll('[placeholder]')) texts.push(field.getAttribute('placeholder'));
  return texts;
}"""
ALERTS = """([errors, warnings]) => !document.querySelector('[data-stale="true"]')
  && document.querySelectorAll('[data-testid="stAlertContentError"]').length == errors
  && document.querySelectorAll('[data-testid="stAlertContentWarning"]').length == warnings"""
LATIN = re.compile(r"\.?[A-Za-z][A-Za-z0-9_./'-]*")


def latin_words(page, data: str) -> set[str]:
    """Latin-script words of the page's texts and placeholders that are neither data (in ``data``)
    nor names."""
    words = {w.rstrip(".") for text in page.evaluate(TEXTS, NOT_OURS) for w in LATIN.findall(text)}
    return {w for w in words if w not in SAME_IN_BOTH and w not in data}


@pytest.fixture(scope="module")
def corpus_data(extraction) -> str:
    """Everything of the bundled corpus a page may quote: titles, paragraphs, file names, and the
    addresses the overview's article table links to (the source page; the reader's path and query
    keys, a contract of the URL, not a message)."""
    parts = [
        *extraction.documents["title"],
        *extraction.documents["path"],
        *extraction.paragraphs["text"],
        *extraction.documents["source_url"].dropna(),
        *extraction.documents["document"],
        "/reader?doc=",
    ]
    return "\n".join(map(str, parts))


def open_sidebar_sections(page) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    for section in ("分享当前视图", "导出报告 / 保存分析 / 打开分析"):
        sidebar.get_by_text(section, exact=True).click()
    # a folded section's content is made when it opens, by a rerun
    sidebar.locator("input[readonly]").wait_for(timeout=15_000)
    sidebar.get_by_test_id("stFileUploaderDropzone").wait_for(timeout=15_000)
    page.wait_for_selector(RENDERED, timeout=30_000)


FILE_BOX_TEXT = """(box) => {
  const button = box.querySelector('[data-testid="stBaseButton-secondary"] p');
  const limit = box.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span');
  return [button, limit].map((e) => [
    getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content, getComputedStyle(e, '::after').fontSize,
  ]);
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_streamlits_file_boxes_speak_the_pages_language(page, app_url, lang):
    """Streamlit writes its file box's button and size limit in English; a Chinese page draws
    them in Chinese instead, in the main column and in the sidebar alike."""
    open_page(page, app_url + "/corpus" + ("?lang=en" if lang == "en" else ""))
    page.get_by_test_id("stMain").get_by_test_id("stFileUploaderDropzone").wait_for(timeout=15_000)
    if lang == "zh":
        open_sidebar_sections(page)
    boxes = page.get_by_test_id("stFileUploaderDropzone")
    assert boxes.count() == (2 if lang == "zh" else 1)
    for k in range(boxes.count()):
        (button_size, button, drawn_size), (limit_size, limit, drawn_limit_size) = boxes.nth(k).evaluate(
            FILE_BOX_TEXT
        )
        if lang == "zh":  # the English words take no room; the Chinese ones are drawn at a size
            assert (button_size, button) == ("0px", '"选择文件"')
            assert (limit_size, limit) == ("0px", '"每个文件不超过 5 MB"')
            assert (
                float(drawn_size.removesuffix("px")) >= 12
                and float(drawn_limit_size.removesuffix("px")) >= 11
            )
        else:  # Streamlit's own words stand
            assert button == limit == "none" and button_size != "0px"
    shot(page, f"corpus-file-box-{lang}")


@pytest.mark.parametrize("name", PAGES)
def test_a_chinese_page_shows_no_english_message_of_ours(page, app_url, corpus_data, name):
    open_page(page, app_url + PAGES[name])
    open_sidebar_sections(page)
    assert latin_words(page, corpus_data) == set()


def test_refused_uploads_are_told_in_chinese(page, app_url, corpus_data, tmp_path):
    pdf, binary, again = tmp_path / "scan.pdf", tmp_path / "broken.md", tmp_path / "again.md"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    binary.write_bytes(b"\x00\x01binary")
    shutil.copy(ROOT / "data" / "articles" / "2022-04-22-wuzhou-digital-economy.md", again)
    open_page(page, app_url + "/corpus")
    box = page.get_by_test_id("stMain").get_by_test_id("stFileUploaderDropzoneInput")
    box.set_input_files([pdf, binary, again])
    page.wait_for_function(ALERTS, arg=[2, 1], timeout=30_000)
    errors = (
        page.get_by_test_id("stAlertContentError").get_by_test_id("stMarkdownContainer").all_inner_texts()
    )
    assert errors == ["scan.pdf — 未加入：不是文章文件（可接受 .md、.markdown、.txt、.html、.htm）",
                      "broken.md — 未加入：二进制文件，不是文本"]  # fmt: skip
    assert page.get_by_test_id("stAlertContentWarning").get_by_test_id(
        "stMarkdownContainer"
    ).inner_text() == (
        "again.md — 未加入（重复）：文章库中已有相同内容的文章 2022-04-22-wuzhou-digital-economy.md"
    )
    assert latin_words(page, corpus_data + "scan.pdf broken.md again.md") == set()
    shot(page, "corpus-refused")

    box.set_input_files([pdf])  # a second round replaces the first: one refusal, in our words only
    page.wait_for_function(ALERTS, arg=[1, 0], timeout=30_000)
    assert "scan.pdf — 未加入" in page.get_by_test_id("stAlertContentError").inner_text()
    assert page.get_by_test_id("stAlertContentWarning").count() == 0
    assert latin_words(page, corpus_data + "scan.pdf") == set()


def test_an_english_page_counts_in_english(page, app_url):
    open_page(page, app_url + "/corpus?lang=en")
    page.get_by_test_id("stMain").get_by_text("1 article · ", exact=False).wait_for(timeout=15_000)
    page.get_by_test_id("stSidebar").get_by_placeholder("e.g. 交易中心").wait_for(timeout=15_000)


VIEWPORTS = {"1280x720": (1280, 720), "1400x1000": (1400, 1000), "1920x1080": (1920, 1080)}
MODES = {"": "", "-en": "?lang=en", "-present": "?mode=present"}
# How far the page, its main column and each table shown reach past their width (a table that
# scrolls sideways hides its last columns).
OVERFLOW = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return {page: document.documentElement.scrollWidth - window.innerWidth,
          main: main.scrollWidth - main.clientWidth,
          tables: [...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')]
            .filter(el => el.clientWidth > 0).map(el => el.scrollWidth - el.clientWidth)};
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_in_each_language_and_mode_fits_the_screen(browser, app_url, corpus_data, viewport):
    """Every page in Chinese, English and presenter mode on a laptop, a desk monitor and a
    projector: no error, nothing wider than the window, every table's columns in view, no Latin
    message of ours on a Chinese page, the network's names apart and inside its plot; a picture of
    each in test-artifacts/screenshots/."""
    width, height = VIEWPORTS[viewport]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    problems = []
    for name, path in PAGES.items():
        for suffix, query in MODES.items():
            label = f"{name}{suffix}-{viewport}"
            open_page(page, app_url + path + query)
            page.wait_for_function(NO_STALE, timeout=30_000)
            if page.locator('[data-testid="stException"]').count():
                problems.append(
                    (label, "exception", page.locator('[data-testid="stException"]').first.inner_text())
                )
            overflow = page.evaluate(OVERFLOW)
            if overflow["page"] > 0 or overflow["main"] > 0 or any(t > 0 for t in overflow["tables"]):
                problems.append((label, "wider than the window", overflow))
            if suffix != "-en" and (latin := latin_words(page, corpus_data)):
                problems.append((label, "Latin words on a Chinese page", latin))
            if name == "network":  # names at 12 px (18 on a projector), apart and whole
                least = 12 * (1.5 if suffix == "-present" else 1)
                problems += [(label, *problem) for problem in network_name_problems(page, least)]
            shot(page, label)
    assert problems == [] and errors == [], (problems, errors)
    context.close()


# The rendered size of a chart text: its font size times the scale plotly drew it at.
RENDERED_LABELS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(el => el.textContent.trim() && el.getBoundingClientRect().width > 0)
  .map(el => {
    const ctm = el.getScreenCTM();
    return {text: el.textContent, px: parseFloat(getComputedStyle(el).fontSize) * Math.hypot(ctm.a, ctm.b)};
  })"""


def open_chart_page(browser, url: str, viewport: tuple[int, int]):
    context = browser.new_context(viewport=dict(zip(("width", "height"), viewport, strict=True)))
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    open_page(page, url)
    return context, page


@pytest.mark.parametrize(
    ("query", "least"), [("", 12), ("?lang=en", 12), ("?mode=present", 12 * 1.5)]
)  # fmt: skip
def test_chart_structure_labels_are_readable(browser, app_url, query, least):
    context, page = open_chart_page(browser, app_url + "/" + query, (1280, 720))
    page.wait_for_selector(".treemap text.slicetext", state="attached", timeout=30_000)
    page.wait_for_timeout(500)
    labels = page.evaluate(RENDERED_LABELS, ".treemap text.slicetext")
    names = {label["text"] for label in labels}
    assert len(names) >= 8, labels  # pillars, sectors and projects are written, not only hovered
    lang = "en" if "lang=en" in query else "zh"
    groups = {sector_name(slug, lang) for slug in (*tx.PILLARS, *tx.SECTORS)}
    assert groups <= names, groups - names  # the small digital-industry column too
    small = [label for label in labels if label["px"] < least - 0.01]
    assert small == [], small
    assert page.errors == []
    context.close()


# Each written name of the network: its box, and the plot area's box.
NETWORK_LABELS = """() => {
  const plot = document.querySelector('[data-testid="stPlotlyChart"] .nsewdrag').getBoundingClientRect();
  const names = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .scatterlayer .textpoint text')]
    .filter(el => el.textContent.trim())
    .map(el => { const b = el.getBoundingClientRect();
                 return {text: el.textContent, left: b.left, top: b.top, right: b.right, bottom: b.bottom,
                         px: parseFloat(getComputedStyle(el).fontSize)}; });
  return {plot: {left: plot.left, top: plot.top, right: plot.right, bottom: plot.bottom}, names};
}"""


def network_name_problems(page, least: float) -> list:
    """What is wrong with the network's written names: fewer than ten, smaller than ``least``
    pixels, over another name or past the plot's edge (the first character cut off)."""
    page.wait_for_selector('[data-testid="stPlotlyChart"] .scatterlayer .textpoint text', state="attached")
    page.wait_for_timeout(300)
    drawn = page.evaluate(NETWORK_LABELS)
    plot, names = drawn["plot"], drawn["names"]
    problems = [("few names", names)] if len(names) < 10 else []
    problems += [("small", n) for n in names if n["px"] < least]
    tolerance = 0.5  # sub-pixel rounding of the browser
    for i, a in enumerate(names):
        if not (a["left"] >= plot["left"] - tolerance and a["right"] <= plot["right"] + tolerance
                and a["top"] >= plot["top"] - tolerance and a["bottom"] <= plot["bottom"] + tolerance):  # fmt: skip
            problems.append(("past the edge", a, plot))
        for b in names[i + 1 :]:
            apart = (
                a["right"] <= b["left"] + tolerance
                or b["right"] <= a["left"] + tolerance
                or a["bottom"] <= b["top"] + tolerance
                or b["bottom"] <= a["top"] + tolerance
            )
            if not apart:
                problems.append(("overlap", a, b))
    return problems


# Each word of the cloud written alone on a canvas of the cloud's size, in the page's font and at
# its drawn scale: a pixel inked by two words is an overlap.
CLOUD_OVERLAPS = """() => {
  const svg = document.querySelector('svg.word-cloud');
  const box = svg.viewBox.baseVal, k = svg.getBoundingClientRect().width / box.width;
  const width = Math.ceil(box.width * k), height = Math.ceil(box.height * k);
  const family = getComputedStyle(svg).fontFamily;
  const owner = new Int16Array(width * height).fill(-1);
  const words = [...svg.querySelectorAll('text')];
  const overlaps = [];
  words.forEach((el, i) => {
    const canvas = document.createElement('canvas');
    canvas.width = width; canvas.height = height;
    const ctx = canvas.getContext('2d');
    ctx.font = `${parseFloat(el.getAttribute('font-size')) * k}px ${family}`;
    ctx.fillText(el.lastChild.textContent, parseFloat(el.getAttribute('x')) * k, parseFloat(el.getAttribute('y')) * k);
    const ink = ctx.getImageData(0, 0, width, height).data;
    for (let p = 0; p < width * height; p++) {
      if (ink[p * 4 + 3] < 96) continue;
      if (owner[p] >= 0) { overlaps.push([words[owner[p]].lastChild.textContent, el.lastChild.textContent]); break; }
      owner[p] = i;
    }
  });
  const colours = new Set(words.map(el => el.getAttribute('fill')));
  return {words: words.map(el => el.lastChild.textContent), colours: colours.size, overlaps};
}"""


@pytest.mark.parametrize(
    ("query", "viewport"), [("", (1280, 720)), ("?lang=en&mode=present", (1920, 1080))]
)  # fmt: skip
def test_chart_word_cloud_words_do_not_overlap(browser, app_url, query, viewport):
    context, page = open_chart_page(browser, app_url + "/keywords" + query, viewport)
    page.wait_for_selector("svg.word-cloud text", state="attached", timeout=30_000)
    page.locator('[data-testid="stSlider"] input[type="range"]').first.focus()
    page.keyboard.press("End")  # 50 words: a crowded cloud
    page.wait_for_function(
        "() => document.querySelectorAll('svg.word-cloud text').length > 30", timeout=30_000
    )
    page.wait_for_function(NO_STALE, timeout=30_000)
    drawn = page.evaluate(CLOUD_OVERLAPS)
    assert len(drawn["words"]) > 30 and drawn["overlaps"] == [], drawn
    assert drawn["colours"] >= 2  # sector colours
    assert page.errors == []
    context.close()


# ── Links that reproduce the view: every page control is in the link and read back on open ──

VIEW_STATE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const all = (selector) => [...main.querySelectorAll(selector)];
  return {
    text: main.innerText,
    toggles: all('input[type="checkbox"]').map((i) => i.checked),
    chosen: all('[data-testid$="segmented_controlActive"]').map((b) => b.innerText),
    tabs: all('[role="tab"][aria-selected="true"]').map((t) => t.innerText),
    selects: all('input[role="combobox"]').map((s) => s.value),
    sliders: all('input[type="range"]').map((s) => s.getAttribute('aria-valuetext')),
    charts: all('.stPlotlyChart .main-svg text').map((t) => t.textContent).join('|'),
    cells: all('[role="gridcell"]').map((c) => c.innerText),
  };
}"""


def settle(page) -> None:
    """Wait for the rerun a widget started to finish and its elements to be fresh."""
    page.wait_for_timeout(500)
    page.wait_for_selector(RENDERED, timeout=30_000)
    page.wait_for_function(NO_STALE, timeout=30_000)
    page.wait_for_timeout(800)  # plotly and the data grid draw


def click_choice(page, key: str, label: str) -> None:
    page.locator(f".st-key-{key} button", has_text=label).first.click()
    settle(page)


def flip(page, key: str) -> None:
    page.locator(f".st-key-{key} label").first.click()
    settle(page)


def slide(page, key: str, key_press: str, times: int = 1) -> None:
    thumb = page.locator(f".st-key-{key} input[type='range']").first
    thumb.focus()
    for _ in range(times):
        thumb.press(key_press)
    settle(page)


def pick(page, key: str, option: str | None = None) -> str:
    """Choose ``option`` (by its text; the third offered when none) in a select box; its text."""
    box = page.locator(f".st-key-{key} [role='combobox']").first
    box.click()
    page.wait_for_timeout(300)
    if box.get_attribute("aria-expanded") != "true":  # a click on a box that just got focus
        box.press("ArrowDown")
    options = page.locator("[role='option']")
    chosen = options.filter(has_text=option).first if option else options.nth(2)
    text = chosen.inner_text().strip()
    chosen.click()
    settle(page)
    return text


def reopened(browser, url: str, shown: dict) -> dict:
    """What a fresh browser (no session, no cookies) shows at ``url``: once it shows ``shown``, or
    what it shows after 30 s (charts and the data grid draw after the page's run)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    try:
        fresh = context.new_page()
        open_page(fresh, url)
        for _ in range(30):
            fresh.wait_for_function(NO_STALE, timeout=30_000)
            again = fresh.evaluate(VIEW_STATE)
            if again == shown:
                break
            fresh.wait_for_timeout(1000)
        return again
    finally:
        context.close()


@pytest.fixture(scope="module")
def several_url(tmp_path_factory):
    """The bundled article and three generated ones, three months apart: every control has
    something to change."""
    corpus = tmp_path_factory.mktemp("several")
    for article in (ROOT / "data" / "articles").iterdir():
        shutil.copy(article, corpus)
    for n, (city, brand) in enumerate([("江州", "鸿途"), ("临川", "蓝湾"), ("云阳", "星衡")]):
        sectors = list(tx.SECTORS)[n:] + list(tx.SECTORS)[:n]
        date = f"2023-{3 * n + 1:02d}-15"
        (corpus / f"{date}-{n}.md").write_text(
            article_text(city, brand, date, sectors, filler=1), encoding="utf-8"
        )
    with streamlit_server(corpus) as url:
        yield url


def set_keywords(page):
    click_choice(page, "keywords_measure", "TextRank")
    slide(page, "keywords_top", "ArrowRight", 2)
    flip(page, "keywords_split")
    flip(page, "keywords_no_names")
    return {"term": pick(page, "keywords_term")}


def set_projects(page):
    flip(page, "projects_generic")
    slide(page, "projects_rows", "ArrowLeft", 2)


def set_network(page):
    click_choice(page, "network_colour", "按领域")
    slide(page, "network_terms", "ArrowLeft", 2)


def set_corpus(page):
    page.locator(".st-key-corpus_tab [role='tab']", has_text="跨文章分析").click()
    settle(page)
    click_choice(page, "corpus_period", "季度")
    click_choice(page, "corpus_measure", "举措")
    pick(page, "corpus_a_documents", "临川数字经济发展观察")
    click_choice(page, "corpus_compare_by", "两个时期")
    pick(page, "corpus_b_periods", "2023Q2")


@pytest.mark.parametrize(
    "path, set_controls, expected",
    [
        ("/keywords", set_keywords, {"rank": "textrank", "top": "30", "split": "1", "no_names": "1"}),
        ("/projects", set_projects, {"generic": "1", "rows": "25"}),
        ("/network", set_network, {"colour": "sector", "keywords": "10"}),
        ("/corpus", set_corpus, {"tab": "across", "period": "Q", "measure": "initiatives", "a": "2023-04-15-1",
                                 "compare": "periods", "b": "2023Q2"}),
    ],
)  # fmt: skip
def test_a_pages_link_reopens_the_view_its_controls_made(
    page, browser, several_url, path, set_controls, expected
):
    open_page(page, several_url + path)
    default = page.evaluate(VIEW_STATE)
    chosen = set_controls(page) or {}
    query = {key: values[-1] for key, values in parse_qs(urlsplit(page.url).query).items()}
    assert query == {**expected, **chosen}  # every control, and nothing at its default
    shown = page.evaluate(VIEW_STATE)
    assert shown != default
    again = reopened(browser, page.url, shown)
    for part in ("toggles", "chosen", "tabs", "selects", "sliders", "charts", "cells", "text"):
        assert again[part] == shown[part], part


# ── The overview for N articles: figures and the first chart on the first screen ──

FIRST_SCREEN = """() => {
  const top = (el) => el ? el.getBoundingClientRect().top : null;
  const metrics = [...document.querySelectorAll('[data-testid="stMetric"]')];
  return {
    height: window.innerHeight,
    metrics: metrics.length,
    metricsBottom: Math.max(...metrics.map((m) => m.getBoundingClientRect().bottom)),
    chartTop: top(document.querySelector('.stPlotlyChart')),
    cards: document.querySelectorAll('[data-testid="stMain"] h3').length,  // a card's title was a subheader
    tables: document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]').length,
    charts: document.querySelectorAll('[data-testid="stMain"] .stPlotlyChart').length,
  };
}"""


@pytest.fixture(scope="module")
def six_url(tmp_path_factory):
    """Six generated articles, a month apart, four outlets' worth of cities."""
    corpus = tmp_path_factory.mktemp("six")
    from corpus_factory import write_corpus

    write_corpus(corpus, 6, filler=1)
    with streamlit_server(corpus) as url:
        yield url


@pytest.mark.parametrize("articles", [1, 6])
@pytest.mark.parametrize(
    "viewport, query, where",
    [((1280, 720), "", "desk"), ((1920, 1080), "?mode=present", "present")],
)
def test_the_overview_leads_with_the_figures_and_a_chart(
    browser, app_url, six_url, articles, viewport, query, where
):
    url = app_url if articles == 1 else six_url
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="zh-CN")
    try:
        page = context.new_page()
        open_page(page, url + "/" + query)
        page.wait_for_function(NO_STALE, timeout=30_000)
        page.wait_for_timeout(1500)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"overview-{articles}-articles-{where}-first-screen.png"))
        seen = page.evaluate(FIRST_SCREEN)
        shot(page, f"overview-{articles}-articles-{where}-whole")
    finally:
        context.close()
    assert seen["metrics"] == 4
    assert seen["metricsBottom"] < seen["height"]  # the headline figures on the first screen
    assert (
        seen["chartTop"] is not None and seen["chartTop"] < seen["height"] - 40
    )  # the first chart starts on it
    assert seen["tables"] == 1 and seen["cards"] == 0  # the articles in a table, not one card each
    assert seen["charts"] == (3 if articles > 1 else 2)  # sectors over time for articles of several dates


def test_an_articles_read_link_opens_it_in_the_reader(page, six_url):
    open_page(page, six_url + "/?sector=agriculture")
    cells = grid_cells(page)  # the grid mirrors each cell's value: a link's is its address
    links = [c for c in cells if c.startswith("reader?")]
    assert len(links) == 6
    assert links[0] == "reader?sector=agriculture&doc=2023-06-15-article-0005"  # newest first
    open_page(page, urljoin(page.url, links[0]))  # relative to the page, as the browser follows it
    page.locator(RENDERED, has_text="原文").wait_for(timeout=30_000)
    assert page.locator('[data-testid="stMain"] h3', has_text="安宁数字经济发展观察").count() == 1
