"""Every page through Streamlit's AppTest: runs, filters from the URL, language, empty states."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.present.glossary import t

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = {
    "overview": "dashboard/views/overview.py",
    "keywords": "dashboard/views/keywords.py",
    "projects": "dashboard/views/projects.py",
    "reader": "dashboard/views/reader.py",
    "network": "dashboard/views/network.py",
}


def open_page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.run()
    if page != "overview":
        at.switch_page(PAGES[page]).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [
        e.value for kind in ("title", "subheader", "markdown", "caption", "info") for e in getattr(at, kind)
    ]
    return "\n".join(map(str, parts))


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_on_the_bundled_article(page):
    at = open_page(page)
    assert at.title[0].value == t(f"page_{page}" if page != "overview" else "app_title")


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_every_filter_set(page):
    open_page(
        page,
        sector="agriculture,services",
        pillar="industrial-digitalization",
        doc="2022-04-22-wuzhou-digital-economy",
        q="茶",
        term="六堡茶",
        lang="en",
    )


@pytest.mark.parametrize("page", PAGES)
def test_page_survives_nonsense_parameters(page):
    open_page(page, sector="<script>", pillar="x", doc="nope", lang="xx", mode="y")


def test_sector_in_url_leaves_only_that_sector_in_projects_table():
    at = open_page("projects", sector="agriculture")
    table = at.dataframe[0].value
    assert not table.empty
    assert set(table["sector"]) == {"农业"}
    assert "中农联·梧州国际农产品交易中心" in set(table["name"])
    assert "粤桂云数据中心" not in set(table["name"])


def test_generic_toggle_adds_generic_phrases():
    at = open_page("projects")
    named = len(at.dataframe[0].value)
    at.toggle(key="projects_generic").set_value(True).run()
    assert len(at.dataframe[0].value) > named
    assert "智能工厂" in set(at.dataframe[0].value["name"])


def test_sidebar_filter_writes_the_url():
    at = open_page("projects")
    at.sidebar.multiselect(key="filters_sector").select("agriculture").run()
    assert at.query_params["sector"] == "agriculture"
    assert set(at.dataframe[0].value["sector"]) == {"农业"}
    at.sidebar.text_input(key="filters_q").input("交易中心").run()
    assert at.query_params["q"] == "交易中心"
    assert set(at.dataframe[0].value["name"]) == {"中农联·梧州国际农产品交易中心"}


def test_filters_survive_a_page_switch():
    at = open_page("projects", sector="agriculture")
    at.switch_page(PAGES["network"]).run()
    assert at.query_params["sector"] == "agriculture"
    assert at.sidebar.multiselect(key="filters_sector").value == ["agriculture"]


@pytest.mark.parametrize("page", PAGES)
def test_english_labels(page):
    at = open_page(page, lang="en")
    assert at.title[0].value == t(f"page_{page}" if page != "overview" else "app_title", "en")
    assert at.sidebar.multiselect(key="filters_sector").label == "Sector"
    assert at.sidebar.multiselect(key="filters_sector").options == [
        "digital industry", "manufacturing", "services", "agriculture", "unclassified"
    ]  # fmt: skip


def test_english_table_values():
    at = open_page("projects", lang="en", sector="agriculture")
    assert set(at.dataframe[0].value["sector"]) == {"agriculture"}
    assert set(at.dataframe[0].value["pillar"]) == {"industrial digitalization"}


@pytest.mark.parametrize("page", ["overview", "keywords", "projects", "network"])
def test_empty_result_shows_the_empty_state(page):
    at = open_page(page, q="这段文字不会出现在文章里")
    assert any(t("empty_title") in str(i.value) for i in at.info)
    assert not at.error


def test_keyword_picker_sets_term_and_shows_contexts():
    at = open_page("keywords")
    at.selectbox(key="keywords_term").select("数字经济").run()
    assert at.query_params["term"] == "数字经济"
    assert "数字经济" in texts(at)
    html = "".join(str(h.proto.body) for h in at.get("html"))
    assert '<mark class="hl hl-term">数字经济</mark>' in html


@pytest.mark.parametrize("measure", ["distinct", "count", "tfidf", "textrank"])
def test_keyword_measures(measure):
    at = open_page("keywords")
    at.get("button_group")[0].set_value(measure).run()
    at.toggle(key="keywords_split").set_value(True).run()
    assert not at.exception
    assert at.get("plotly_chart")


def test_presenter_mode_has_no_sidebar_controls():
    at = open_page("projects", mode="present", sector="agriculture")
    assert not at.sidebar.multiselect and not at.sidebar.text_input
    assert "农业" in texts(at)
    at.button(key="frame_exit_presenter").click().run()
    assert at.sidebar.multiselect(key="filters_sector").value == ["agriculture"]
    assert "mode" not in at.query_params


def test_reader_marks_mentions():
    at = open_page("reader")
    html = "".join(str(h.proto.body) for h in at.get("html"))
    assert "粤桂云数据中心</mark>" in html
    assert 'href="#d0-p2"' in html  # the outline links to the first heading


def test_keywords_lead_with_what_tells_the_article_apart():
    at = open_page("keywords")
    first = at.selectbox(key="keywords_term").options[:10]
    assert not {"产业", "经济", "企业", "服务", "信息"} & set(first)
    counted = open_page("keywords", rank="count").selectbox(key="keywords_term").options[:10]
    assert "产业" in counted


def test_keywords_can_leave_out_places_and_organizations():
    at = open_page("keywords", rank="count")
    with_names = at.selectbox(key="keywords_term").options
    at.toggle(key="keywords_no_names").set_value(True).run()
    without = at.selectbox(key="keywords_term").options
    assert not at.exception
    assert {"梧州", "京东"} <= set(with_names)  # the city (梧州市), a company (京东集团)
    assert not {"梧州", "京东", "广西"} & set(without)
    assert {"数字经济", "平台", "产业园"} <= set(without)


def test_the_edge_list_is_sent_when_its_panel_is_opened():
    at = open_page("network")
    assert at.get("plotly_chart") and not at.dataframe  # the chart, not the list
    at.session_state["network_edge_panel"] = True  # the reader opens the panel
    at.run()
    edges = at.dataframe[0].value
    assert len(edges) > 10 and {"起点", "终点", "共现次数"} <= set(edges.columns)


def test_the_overview_sends_the_article_columns_it_shows_only():
    table = open_page("overview").dataframe[-1].value
    sectors = ["digital-industry", "manufacturing", "services", "agriculture", "unclassified"]
    assert table.columns.tolist() == ["title", "date", "outlet", *sectors, "reader", "source_url"]
    assert table["reader"].iloc[0].startswith("reader?doc=")
