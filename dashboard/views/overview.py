"""Overview (/): a line on the corpus, the headline figures, the pillar → sector → project picture
and projects per sector (over time too, for articles of several dates), then the articles as a
sortable table."""

from pathlib import Path

import streamlit as st

from dashboard.pipeline import taxonomy as tx
from dashboard.present import charts
from dashboard.present.articles import SECTOR_COLUMNS
from dashboard.present.glossary import column_label, name, read_error, short_name, t
from dashboard.views import frame
from dashboard.views.loaders import arrow_table, load_extraction, page_part

# The article table's columns in pixels: they fit its 847 pixels on a 1280-pixel screen with the
# sidebar open, the title taking what the other columns leave (less when 未分类 has a column too).
# The table shows ten rows at a time and scrolls (the page does not grow with them).
ARTICLE_TABLE_WIDTH = 847
ARTICLE_WIDTHS = {"title": 260, "date": 90, "outlet": 100, "sector": 62, "link": 70}

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
st.caption(shown.summary)  # articles, dates, outlets: one line

projects = view.projects
for column, (key, table) in zip(st.columns(4), view.figures.items(), strict=True):
    counts = shown.counts[key]
    column.metric(t(key, lang), len(table), help=t(f"{key}_help", lang, all=shown.with_generic))
    column.caption(" · ".join(f"{name(s, lang)} {n}" for s, n in counts.items() if n) or "—")


def _narrow_to_sector() -> None:
    points = st.session_state["overview_sector_bar"].selection.points
    sectors = [p["customdata"] for p in points if p.get("customdata") in tx.SECTOR_COLORS]
    if sectors:
        frame.set_filters(sectors=tuple(dict.fromkeys(sectors)))


if projects.empty:  # no chart to draw; the articles are listed all the same
    frame.empty_state(lang)
else:
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

    if shown.timeline is not None:  # articles of more than one date
        st.markdown(f"**{t('sector_over_time', lang)}**")
        st.plotly_chart(shown.timeline, key="overview_timeline", config=charts.CONFIG)

st.markdown(f"**{t('articles_table', lang)}**")
articles = shown.articles
if shown.total_articles > len(articles):  # the newest here; the document filter finds the others
    st.caption(t("articles_shown", lang, shown=len(articles), total=shown.total_articles))
sector_columns = [s for s in SECTOR_COLUMNS if articles[s].any()]
sectors = {
    s: st.column_config.NumberColumn(
        short_name(s, lang),
        help=name(s, lang) if short_name(s, lang) != name(s, lang) else None,  # the full name, if cut
        width=ARTICLE_WIDTHS["sector"],
    )
    for s in sector_columns
}
others = ARTICLE_WIDTHS["date"] + ARTICLE_WIDTHS["outlet"] + 2 * ARTICLE_WIDTHS["link"]
title_width = min(
    ARTICLE_WIDTHS["title"], ARTICLE_TABLE_WIDTH - others - ARTICLE_WIDTHS["sector"] * len(sector_columns)
)
columns = ["title", "date", "outlet", *sector_columns, "reader", "source_url"]
st.dataframe(
    arrow_table(articles, columns=columns),  # the columns shown only: a third less to send
    key="overview_articles",
    hide_index=True,
    column_order=columns,
    column_config={
        "title": st.column_config.TextColumn(column_label("title", lang), width=title_width),
        "date": st.column_config.TextColumn(column_label("date", lang), width=ARTICLE_WIDTHS["date"]),
        "outlet": st.column_config.TextColumn(column_label("outlet", lang), width=ARTICLE_WIDTHS["outlet"]),
        **sectors,
        "reader": st.column_config.LinkColumn(t("col_reader", lang), display_text=t("read", lang), width=ARTICLE_WIDTHS["link"]),
        "source_url": st.column_config.LinkColumn(t("col_source_url", lang), display_text=t("source", lang), width=ARTICLE_WIDTHS["link"]),
    },
)  # fmt: skip
st.caption(t("articles_table_hint", lang))
