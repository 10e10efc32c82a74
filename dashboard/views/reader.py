"""Reader (/reader): the article paragraph by paragraph, mentions highlighted in sector colours."""

import streamlit as st

from dashboard.present.glossary import notes, t
from dashboard.present.highlight import STYLE, legend_html
from dashboard.views import editing, frame
from dashboard.views.loaders import load_extraction, offered_documents, page_part

e = load_extraction()
f = frame.filters()
lang = f.lang

st.title(t("page_reader", lang))
if e.documents.empty:
    frame.empty_state(lang, "empty_corpus")
    st.stop()

titles, choices = offered_documents(f)
document = st.selectbox(
    t("document", lang), choices, format_func=titles.get, key="reader_doc", placeholder=t("choose", lang)
) if len(choices) > 1 else choices[0]  # fmt: skip
shown = page_part("reader", f.replace(term=""), document)
view = shown.view
row, index = view.document, view.index

st.subheader(row["title"], anchor=False)
st.caption(" · ".join(str(v) for v in (str(row["date"])[:10], row["outlet"]) if isinstance(v, str) and v))
if len(row["warnings"]):  # how the article was read: converted, repaired, metadata left out
    st.caption(f"{t('col_warnings', lang)}{'：' if lang == 'zh' else ': '}" + notes(row["warnings"], lang))
st.html(STYLE + legend_html(lang))
st.caption(t("reader_hint", lang))

outline, text = st.columns([1, 3])
with outline:
    st.markdown(f"**{t('outline', lang)}**")
    st.html(STYLE + shown.outline)
with text:
    st.html(STYLE + shown.article)
    editing.message()
    editing.add_project_panel(e, lang, {document: titles[document]}, key="reader_add")
