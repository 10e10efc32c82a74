"""The pages on a corpus of generated articles (dates, cities, sector orders vary; a duplicate and a
broken file among them), the /corpus page's uploads and removal, and the /lexicon page's edits."""

import shutil
from pathlib import Path

import opencc
import pytest
from corpus_factory import CITIES, article_text, named_projects, write_corpus
from streamlit.testing.v1 import AppTest

from dashboard.pipeline.lexicon import read_lexicon_files
from dashboard.pipeline.taxonomy import SECTORS
from dashboard.present.glossary import t
from dashboard.settings import BUNDLED_LEXICON
from dashboard.store.lexicon_edits import edit_files, save_lexicon

APP = str(Path(__file__).resolve().parents[2] / "app.py")
CORPUS_PAGE, LEXICON_PAGE = "dashboard/views/corpus.py", "dashboard/views/lexicon.py"
NEW = article_text(
    "安宁", "天承", "2024-03-08", ["services", "agriculture", "digital-industry", "manufacturing"]
)
TITLES = {f"{city}数字经济发展观察" for city in ("江州", "临川", "云阳", "泰和", "南平", "安宁")}


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    paths = write_corpus(folder, 6)
    shutil.copy(paths[0], folder / "2023-01-20-copy-of-first.md")
    (folder / "2023-08-01-broken.md").write_bytes(b"\x00\x01binary")
    monkeypatch.setenv("DASHBOARD_CORPUS", str(folder))
    return folder


@pytest.fixture
def lexicon_copy(tmp_path, monkeypatch):
    folder = tmp_path / "lexicon"
    shutil.copytree(BUNDLED_LEXICON, folder)
    monkeypatch.setenv("DASHBOARD_LEXICON", str(folder))
    return folder


def open_page(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest, column: str):
    """The first table with this column (AppTest does not expose a dataframe's key)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def shown(at: AppTest) -> str:
    kinds = ("title", "subheader", "markdown", "caption", "info", "success", "warning", "error", "text")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(at, kind))


def test_the_overview_shows_every_document_and_why_two_files_were_left_out(corpus):
    at = open_page()
    assert {v for d in at.dataframe if "title" in d.value for v in d.value["title"]} >= TITLES
    errors = "\n".join(e.value for e in at.text)
    assert "2023-01-20-copy-of-first.md：与 2023-01-15-article-0000.md 内容相同" in errors
    assert "2023-08-01-broken.md：二进制文件，不是文本" in errors


def test_the_projects_page_lists_the_projects_of_every_document(corpus):
    at = open_page("dashboard/views/projects.py")
    names = set(at.dataframe[0].value["name"])
    for city, brand in CITIES:
        for sector in SECTORS:
            assert set(named_projects(city, brand, sector)) <= names


def test_several_documents_in_the_link_narrow_every_page_to_them(corpus):
    docs = "2023-02-15-article-0001,2023-03-15-article-0002"
    at = open_page("dashboard/views/projects.py", doc=docs)
    names = set(at.dataframe[0].value["name"])
    assert set(named_projects("临川", "蓝湾", "services")) <= names
    assert set(named_projects("云阳", "星衡", "services")) <= names
    assert not any(n.startswith("江州") for n in names)
    assert at.sidebar.multiselect(key="filters_doc").value == docs.split(",")
    at.switch_page("dashboard/views/overview.py").run()
    titles = {v for d in at.dataframe if "title" in d.value for v in d.value["title"]}
    assert titles & TITLES == {"临川数字经济发展观察", "云阳数字经济发展观察"}


def test_the_corpus_page_lists_every_article_and_the_files_it_could_not_read(corpus):
    at = open_page(CORPUS_PAGE)
    listing = table(at, "file")
    assert set(listing["title"]) == TITLES and len(listing) == 6
    assert "2023-08-01-broken.md：二进制文件，不是文本" in shown(at)


def test_an_upload_is_added_and_shown_with_what_was_found(corpus):
    at = open_page(CORPUS_PAGE)
    at.get("file_uploader")[0].set_value(("upload.md", NEW.encode(), "text/markdown")).run()
    assert not at.exception
    assert "已加入：2024-03-08-安宁数字经济发展观察.md" in at.success[0].value
    assert "服务业 3" in at.success[0].value  # two in its section, and the opening's 数字安宁
    assert (corpus / "2024-03-08-安宁数字经济发展观察.md").read_text(encoding="utf-8") == NEW
    assert len(table(at, "file")) == 7
    assert len(at.sidebar.multiselect(key="filters_doc").options) == 7  # the sidebar knows it too


def test_a_duplicate_upload_is_refused(corpus):
    at = open_page(CORPUS_PAGE)
    data = (corpus / "2023-02-15-article-0001.md").read_bytes()
    at.get("file_uploader")[0].set_value(("again.md", data, "text/markdown")).run()
    assert (
        at.warning[0].value
        == "again.md — 未加入（重复）：文章库中已有相同内容的文章 2023-02-15-article-0001.md"
    )
    assert len(list(corpus.iterdir())) == 8


def test_a_broken_upload_is_refused_with_its_reason_and_the_others_still_added(corpus):
    at = open_page(CORPUS_PAGE, lang="en")
    at.get("file_uploader")[0].set_value(
        [("broken.md", b"\x00\xff", "text/markdown"), ("good.md", NEW.encode(), "text/markdown")]
    ).run()
    assert at.error[0].value == "broken.md — Refused: binary file, not text"
    assert at.success[0].value.startswith("**Added as 2024-03-08-")
    assert len(table(at, "file")) == 7


def test_where_the_folder_is_read_only_uploads_live_in_the_session(corpus, monkeypatch):
    monkeypatch.setenv("DASHBOARD_READ_ONLY", "1")
    at = open_page(CORPUS_PAGE)
    assert t("session_only") in shown(at)
    at.get("file_uploader")[0].set_value(("upload.md", NEW.encode(), "text/markdown")).run()
    assert at.success and len(list(corpus.iterdir())) == 8
    listing = table(at, "file")
    assert "2024-03-08-安宁数字经济发展观察.md (仅本次会话)" in set(listing["file"])
    at.switch_page("dashboard/views/projects.py").run()
    assert "安宁天承数字茶园" in set(at.dataframe[0].value["name"])


def test_removing_an_article_asks_first(corpus):
    at = open_page(CORPUS_PAGE)
    at.selectbox(key="corpus_remove_doc").select("2023-03-15-article-0002").run()
    at.button(key="corpus_remove").click().run()
    assert "云阳数字经济发展观察" in at.warning[0].value
    assert (corpus / "2023-03-15-article-0002.md").exists()
    at.button(key="corpus_remove_cancel").click().run()
    assert not at.warning
    at.button(key="corpus_remove").click().run()
    at.button(key="corpus_remove_confirm").click().run()
    assert not (corpus / "2023-03-15-article-0002.md").exists()
    assert len(table(at, "file")) == 5
    assert "已删除：2023-03-15-article-0002.md" in shown(at)


def test_a_removal_is_confirmed_only_for_the_article_the_box_shows(corpus):
    at = open_page(CORPUS_PAGE)
    at.selectbox(key="corpus_remove_doc").select("2023-03-15-article-0002").run()
    at.button(key="corpus_remove").click().run()
    assert "云阳数字经济发展观察" in at.warning[0].value
    at.selectbox(key="corpus_remove_doc").select("2023-02-15-article-0001").run()  # another one
    assert not any("云阳" in w.value for w in at.warning)
    at.selectbox(key="corpus_remove_doc").select("2023-03-15-article-0002").run()
    at.button(key="corpus_remove").click().run()
    at.switch_page("dashboard/views/overview.py").run()  # away, and back: the box shows its first
    at.switch_page(CORPUS_PAGE).run()
    assert at.selectbox(key="corpus_remove_doc").value != "2023-03-15-article-0002"
    assert not any("云阳" in w.value for w in at.warning) and not at.exception
    assert (corpus / "2023-03-15-article-0002.md").exists()


def test_only_the_chosen_tab_is_worked_out_and_sent(corpus):
    at = open_page(CORPUS_PAGE)
    assert at.get("file_uploader") and not at.get("plotly_chart")  # no timeline, no comparison
    assert not any("sources" in d.value.columns for d in at.dataframe)  # no recurring projects
    at = open_page(CORPUS_PAGE, tab="across")
    assert at.get("plotly_chart") and not any("file" in d.value.columns for d in at.dataframe)
    assert not at.get("file_uploader")


@pytest.mark.parametrize(
    "params",
    [
        {"sector": "agriculture,services", "pillar": "industrial-digitalization", "q": "茶", "lang": "en"},
        {"sector": "<script>", "pillar": "x", "doc": "nope", "lang": "xx", "period": "W", "compare": "?"},
    ],
)
def test_the_across_tab_runs_with_every_filter_and_with_nonsense(corpus, params):
    at = open_page(CORPUS_PAGE, tab="across", **params)
    assert at.get("plotly_chart") and not at.get("file_uploader")


def test_across_articles_timeline_recurring_projects_and_comparison(corpus):
    at = open_page(CORPUS_PAGE, tab="across")
    keys = {c.proto.id for c in at.get("plotly_chart")}
    assert any("corpus_timeline" in k for k in keys) and any("corpus_compare_sectors" in k for k in keys)
    # the first and the seventh article share a city; write_corpus(6) has none recurring
    assert t("no_recurring") in shown(at)
    at.segmented_control(key="corpus_compare_by").set_value("periods").run()
    assert not at.exception
    assert at.selectbox(key="corpus_a_periods").value == "2023-01"
    assert "**仅见于 A** (9)" in shown(at)  # two per section, and the opening's 数字江州


def test_recurring_projects_are_listed_with_every_source(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    write_corpus(folder, 7)
    monkeypatch.setenv("DASHBOARD_CORPUS", str(folder))
    at = open_page(CORPUS_PAGE, tab="across")
    recurring = table(at, "sources")
    park = recurring.set_index("name").loc["江州鸿途数字经济产业园"]
    assert park["documents"] == 2
    assert list(park["sources"]) == ["2023-01-15 江州数字经济发展观察", "2023-07-15 江州数字经济发展观察"]


PARAGRAPH = "建设江州星河云脑平台。"


def test_an_edited_lexicon_changes_segmentation_and_extraction_as_shown(corpus, lexicon_copy):
    (corpus / "2024-05-01-yunnao.txt").write_text(f"云脑观察\n{PARAGRAPH}\n", encoding="utf-8")
    at = open_page(LEXICON_PAGE)
    at.text_area(key="lexicon_text").input(PARAGRAPH).run()

    at.text_input(key="lexicon_add").input("星河云脑").run()  # a domain word: one token now
    before, after = [str(h.proto.body) for h in at.get("html") if 'class="tokens"' in str(h.proto.body)]
    assert '<span class="new">星河</span>' in before and '<span class="new">星河云脑</span>' in after

    at.text_input(key="lexicon_add").input("云脑").run()  # a sector word: the project's sector changes
    at.segmented_control(key="lexicon_list").set_value("sectors").run()
    at.selectbox(key="lexicon_sector").select("agriculture").run()
    at.number_input(key="lexicon_weight").set_value(3).run()
    # the project as found, then with the edited lexicon
    before, after = [d.value.values.tolist() for d in at.dataframe]
    assert before[0][0] == "江州星河云脑平台" and before[0][1] != "农业"
    assert after == [["江州星河云脑平台", "农业"]]

    at.button(key="lexicon_save").click().run()
    assert t("lexicon_saved") in shown(at)
    assert "云脑" in read_lexicon_files(lexicon_copy)["sectors.yaml"]
    assert at.text_input(key="lexicon_add").value == ""
    at.switch_page("dashboard/views/projects.py").run()
    projects = at.dataframe[0].value.set_index("name")
    assert projects.loc["江州星河云脑平台", "sector"] == "农业"


def test_a_lexicon_saved_by_someone_else_meanwhile_is_merged_and_said(corpus, lexicon_copy):
    at = open_page(LEXICON_PAGE)
    at.text_input(key="lexicon_add").input("算力券").run()  # this editor's draft, from the files as read
    other = read_lexicon_files(lexicon_copy)  # another editor saves a stopword meanwhile
    save_lexicon(edit_files(other, "stopwords", add=["看板"]), lexicon_copy, base=other)
    at.button(key="lexicon_save").click().run()
    assert not at.exception
    files = read_lexicon_files(lexicon_copy)
    assert "算力券" in files["domain_words.txt"].split() and "看板" in files["stopwords.txt"].split()
    assert t("lexicon_saved") in shown(at) and "看板" in shown(at)


def test_where_the_lexicon_folder_is_read_only_the_edit_lives_in_the_session(
    corpus, lexicon_copy, monkeypatch
):
    monkeypatch.setenv("DASHBOARD_READ_ONLY", "1")
    saved = (lexicon_copy / "stopwords.txt").read_text(encoding="utf-8")
    at = open_page(LEXICON_PAGE)
    assert t("lexicon_session") in shown(at)
    at.segmented_control(key="lexicon_list").set_value("stopwords").run()
    count = next(c.value for c in at.caption if c.value.startswith("当前"))
    at.text_input(key="lexicon_add").input("数字茶园").run()
    at.button(key="lexicon_save").click().run()
    assert (lexicon_copy / "stopwords.txt").read_text(encoding="utf-8") == saved
    assert next(c.value for c in at.caption if c.value.startswith("当前")) != count
    at.switch_page("dashboard/views/keywords.py").run()
    assert not at.exception
    at.switch_page(LEXICON_PAGE).run()
    at.button(key="lexicon_discard").click().run()
    at.segmented_control(key="lexicon_list").set_value("stopwords").run()
    assert next(c.value for c in at.caption if c.value.startswith("当前")) == count


def test_the_corpus_page_says_how_an_article_was_read(corpus):
    traditional = opencc.OpenCC("s2t").convert(NEW)
    (corpus / "2024-03-08-traditional.md").write_text(traditional, encoding="utf-8")
    listing = table(open_page(CORPUS_PAGE), "file").set_index("file")
    assert listing.loc["2024-03-08-traditional.md", "warnings"] == "繁体中文，已转为简体字读取"
    assert not any(w for f, w in listing["warnings"].items() if f != "2024-03-08-traditional.md")


def test_the_reader_of_a_large_corpus_offers_the_newest_articles_whatever_the_search(corpus, monkeypatch):
    from dashboard.present import shown as parts

    monkeypatch.setattr(parts, "MAX_DOCUMENT_CHOICES", 2)  # six articles are a large corpus here
    for q in ("江州", "不在任何标题中"):
        at = open_page("dashboard/views/reader.py", q=q)
        assert not at.exception, [e.value for e in at.exception]
        offered = [s.options for s in at.selectbox if s.key == "reader_doc"]
        assert len(offered[0]) <= 2 if offered else at.subheader[0].value  # one article: no list box
