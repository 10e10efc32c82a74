"""Overview (/): the articles at a glance, headline figures, the pillar → sector → project picture."""

from pathlib import Path

import streamlit as st

from dashboard.pipeline import taxonomy as tx
from dashboard.present import charts
from dashboard.present.glossary import name, read_error, t
from dashboard.views import frame
from dashboard.views.loaders import load_extraction, page_part

e = load_extraction()
f = frame.filters()
lang = f.lang

st.title(t("app_title", lang))

if e.errors:
    names = "、".join(Path(error.path).name for error in e.errors)
    st.warning(f"{t('read_errors', lang)}（{len(e.errors)}）：{names}", icon=":material/warning:")
    with st.expander(t("read_error_reasons", lang)):
        for error in e.errors:
            st.text(read_error(error, lang))
if e.documents.empty:
    frame.empty_state(lang, "empty_corpus")
    st.stop()

shown = page_part("overview", f.replace(term=""))
view = shown.view
for doc in view.documents.itertuples(index=False):
    with st.container(border=True):
        st.subheader(doc.title, anchor=False)
        meta = [str(doc.date or "")[:10], str(doc.outlet or "")]
        line = " · ".join(m for m in meta if m and m != "nan")
        if isinstance(doc.source_url, str) and doc.source_url.startswith(("http://", "https://")):
            line += f" · [{t('source', lang)}]({doc.source_url})"
        st.caption(line)

projects = view.projects
for column, (key, table) in zip(st.columns(4), view.figures.items(), strict=True):
    counts = shown.counts[key]
    column.metric(t(key, lang), len(table))
    column.caption(" · ".join(f"{name(s, lang)} {n}" for s, n in counts.items() if n) or "—")

if projects.empty:
    frame.empty_state(lang)
    st.stop()


def _narrow_to_sector() -> None:
    points = st.session_state["overview_sector_bar"].selection.points
    sectors = [p["customdata"] for p in points if p.get("customdata") in tx.SECTOR_COLORS]
    if sectors:
        frame.set_filters(sectors=tuple(dict.fromkeys(sectors)))


# one chart a row: the structure takes the page's width, so that a small sector's tiles are wide
# enough for its names (in English too) on a 1280-pixel screen
with st.container():
    st.markdown(f"**{t('structure', lang)}**")
    st.plotly_chart(
        shown.structure,
        key="overview_structure",
        config=charts.CONFIG,
    )
with st.container():
    st.markdown(f"**{t('projects_per_sector', lang)}**")
    st.plotly_chart(
        shown.sector_bar,
        key="overview_sector_bar",
        config=charts.CONFIG,
        on_select=_narrow_to_sector,
        selection_mode="points",
    )
    st.caption(t("click_sector_hint", lang))
