"""Network (/network): projects, organizations, places and keywords that share sentences."""

import streamlit as st

from dashboard.present import charts
from dashboard.present.exports import download_name, to_csv_bytes
from dashboard.present.glossary import t
from dashboard.present.listings import for_export
from dashboard.views import frame, loaders

EDGE_COLUMNS = ["source", "target", "source_type", "target_type", "weight"]

f = frame.filters()
lang = f.lang

st.title(t("page_network", lang))
st.caption(t("network_hint", lang))

with st.container(horizontal=True, vertical_alignment="bottom", gap="large"):
    colour_by = st.segmented_control(
        t("colour_by", lang),
        ["type", "sector"],
        format_func=lambda c: t("by_type" if c == "type" else "by_sector_colour", lang),
        required=True,
        **frame.bound("colour", "network_colour"),
    )
    top_terms = st.slider(
        t("top_keywords", lang), 0, 60, step=5, width=260, **frame.bound("keywords", "network_terms")
    )

figure, edges, view = loaders.network(f, top_terms=top_terms, colour_by=colour_by)
if figure is None:
    frame.empty_state(lang)
    st.stop()
drawn = int((view.nodes["type"] != "keyword").sum())
if view.names > drawn:  # a large corpus: the names with the heaviest links
    st.caption(t("names_shown", lang, shown=drawn, total=view.names))
if len(view.drawn) < len(view.edges):  # many links: each name's strongest, all in the edge list
    st.caption(t("edges_drawn", lang, shown=len(view.drawn), total=len(view.edges)))

st.plotly_chart(figure, key="network_chart", config=charts.CONFIG)


def edge_list():
    return for_export(edges[EDGE_COLUMNS], lang=lang)


# the list is made and sent when its panel is opened (a rerun) or downloaded, not with every view:
# at 1,000 articles it was two thirds of what a filter change sent
edge_panel = st.expander(
    f"{t('edge_list', lang)} ({len(edges)})", key="network_edge_panel", on_change="rerun"
)
if edge_panel.open:
    with edge_panel:
        st.dataframe(edge_list(), hide_index=True, key="network_edges")
st.download_button(
    t("download_edges", lang),
    lambda: to_csv_bytes(edge_list()),
    file_name=download_name("network-edges", f, "csv"),
    mime="text/csv",
    icon=":material/download:",
    key="network_csv",
    on_click="ignore",
)
