"""Network (/network): projects, organizations, places and keywords that share sentences."""

import streamlit as st

from dashboard import charts
from dashboard.exports import to_csv_bytes
from dashboard.filtering import sentence_view
from dashboard.glossary import t
from dashboard.keywords import cooccurrence
from dashboard.network import build_network, spring_layout
from dashboard.tables import for_export
from dashboard.views import frame
from dashboard.views.loaders import load_extraction

EDGE_COLUMNS = ["source", "target", "source_type", "target_type", "weight"]

e = load_extraction()
f = frame.filters()
lang = f.lang

st.title(t("page_network", lang))
st.caption(t("network_hint", lang))

with st.container(horizontal=True, vertical_alignment="bottom", gap="large"):
    colour_by = st.segmented_control(
        t("colour_by", lang),
        ["type", "sector"],
        format_func=lambda c: t("by_type" if c == "type" else "by_sector_colour", lang),
        default="type",
        required=True,
        key="network_colour",
    )
    top_terms = st.slider(
        t("top_keywords", lang), 0, 60, 20, step=5, key="network_terms", width=260
    )

terms = sentence_view(e.terms, e.sentences, f)
mentions = sentence_view(e.mentions, e.sentences, f)
edges = cooccurrence(terms, mentions, top_terms=top_terms)
nodes, edges = build_network(edges, mentions, terms)

if edges.empty:
    frame.empty_state(lang)
    st.stop()

positions = spring_layout(nodes["id"], edges)
st.plotly_chart(
    charts.network(nodes, edges, positions, lang=lang, colour_by=colour_by), key="network_chart"
)

edge_list = for_export(edges[EDGE_COLUMNS], lang=lang)
with st.expander(f"{t('edge_list', lang)} ({len(edge_list)})"):
    st.dataframe(edge_list, hide_index=True, key="network_edges")
st.download_button(
    t("download_edges", lang),
    to_csv_bytes(edge_list),
    file_name="network-edges.csv",
    mime="text/csv",
    icon=":material/download:",
    key="network_csv",
    on_click="ignore",
)
