"""数字经济看板 — the router and frame: page config, navigation, global filters. Nothing else."""

from pathlib import Path

import streamlit as st

from dashboard.present.glossary import t
from dashboard.query import filters as url_filters
from dashboard.views import editing, frame
from dashboard.views.loaders import page_part, start_run

VIEWS = Path(__file__).parent / "dashboard" / "views"


def app_pages(lang: str) -> list:
    """The pages, titled in ``lang``: made once per session and language (a page checks its
    script's file when it is made, which was a fourteenth of a rerun's time)."""
    key = f"app_pages_{lang}"
    if key not in st.session_state:
        st.session_state[key] = [
            st.Page(VIEWS / "overview.py", title=t("page_overview", lang), icon=":material/dashboard:", default=True),
            st.Page(VIEWS / "keywords.py", title=t("page_keywords", lang), icon=":material/label:", url_path="keywords"),
            st.Page(VIEWS / "projects.py", title=t("page_projects", lang), icon=":material/table_view:", url_path="projects"),
            st.Page(VIEWS / "reader.py", title=t("page_reader", lang), icon=":material/article:", url_path="reader"),
            st.Page(VIEWS / "network.py", title=t("page_network", lang), icon=":material/hub:", url_path="network"),
            st.Page(VIEWS / "corpus.py", title=t("page_corpus", lang), icon=":material/library_books:", url_path="corpus"),
            st.Page(VIEWS / "lexicon.py", title=t("page_lexicon", lang), icon=":material/dictionary:", url_path="lexicon"),
        ]  # fmt: skip
    return st.session_state[key]


st.set_page_config(page_title="数字经济看板", page_icon="📊", layout="wide")

extraction = start_run()
documents = page_part("document_titles", url_filters.Filters())  # id → title, built once per corpus
filters = frame.init_filters(documents)
lang = filters.lang
pages = app_pages(lang)
page = st.navigation(pages, position="hidden")
shown = url_filters.page_of(page.url_path)  # the link holds this page's controls, not the others'
frame.write_url(filters, shown)
frame.localise_file_boxes(lang)

if filters.present:
    frame.presenter_bar(pages, filters, documents)
else:
    with st.sidebar:
        st.markdown(f"### {t('app_title', lang)}")
        editing.sign_in_box(lang)
        for p in pages:
            st.page_link(p, query_params=url_filters.to_query(filters, url_filters.page_of(p.url_path)))
        st.divider()
        # the documents offered: all, or in a large corpus the newest and those the search finds
        choices = page_part("document_choices", url_filters.Filters(q=filters.q, docs=filters.docs))
        frame.sidebar(documents, filters, shown, choices)
        frame.save_and_open(extraction, filters, documents)

page.run()

if filters.present:
    frame.exit_presenter_button(lang)
