"""Keywords (/keywords): top terms by count, TF-IDF or TextRank; a word cloud; a term in context."""

import streamlit as st

from dashboard.present import charts
from dashboard.present.glossary import t
from dashboard.present.highlight import STYLE
from dashboard.query.keywords import RANKINGS
from dashboard.views import frame
from dashboard.views.loaders import page_part

f = frame.filters()
lang = f.lang

st.title(t("page_keywords", lang))
if not page_part("has_terms", f.replace(term="")):
    frame.empty_state(lang)
    st.stop()

with st.container(horizontal=True, vertical_alignment="bottom", gap="large"):
    measure = st.segmented_control(
        t("measure", lang),
        list(RANKINGS),
        format_func=lambda m: t(f"measure_{m}", lang),
        help=t("measure_help", lang),
        required=True,
        **frame.bound("rank", "keywords_measure"),
    )
    top = st.slider(t("top_n", lang), 5, 50, step=5, width=260, **frame.bound("top", "keywords_top"))
    split = st.toggle(t("split_by_sector", lang), **frame.bound("split", "keywords_split"))
    no_names = st.toggle(
        t("leave_out_names", lang),
        help=t("leave_out_names_help", lang),
        **frame.bound("no_names", "keywords_no_names"),
    )

# the selected term's contexts are not part of it: choosing a term does not rank the terms again
shown = page_part("keywords", f.replace(term=""), measure, top, split, not no_names, lexicon=True)
view = shown.view
top_terms = view.top_terms
if top_terms.empty:  # every term was a name
    frame.empty_state(lang)
    st.stop()


def _pick_term(key: str) -> None:
    points = st.session_state[key].selection.points
    if points:
        frame.set_filters(term=str(points[0].get("customdata") or points[0].get("y") or ""))


def _picked() -> None:
    frame.set_filters(term=st.session_state.get("keywords_term") or "")


bars, cloud = st.columns([1, 1])
with bars:
    st.markdown(f"**{t('top_terms', lang)}**")
    st.plotly_chart(
        shown.chart,
        key="keywords_bar",
        config=charts.CONFIG,
        on_select=lambda: _pick_term("keywords_bar"),
        selection_mode="points",
    )
with cloud:
    st.markdown(f"**{t('word_cloud', lang)}**")
    svg = shown.cloud
    if svg is None:
        st.info(t("no_cjk_font", lang), icon=":material/font_download_off:")
    else:  # st.markdown, not st.html: st.html keeps HTML only and drops SVG. The SVG is built escaped.
        st.markdown(svg, unsafe_allow_html=True)
st.caption(t("click_term_hint", lang))

choices = list(dict.fromkeys([*top_terms["term"], *([f.term] if f.term else [])]))
st.session_state["keywords_term"] = f.term or None
st.selectbox(
    t("pick_term", lang),
    choices,
    key="keywords_term",
    on_change=_picked,
    placeholder=t("no_term", lang),
)

if f.term:
    st.subheader(f"{t('contexts', lang)}：{f.term}", anchor=False)
    contexts = page_part("term_contexts", f)
    if not contexts.total:
        st.info(t("no_contexts", lang), icon=":material/search_off:")
    else:
        if contexts.total > contexts.shown:
            st.caption(t("contexts_shown", lang, shown=contexts.shown, total=contexts.total))
        st.html(STYLE + contexts.html)
