"""Projects (/projects): the project listing, one project's evidence, the initiatives, downloads."""

import streamlit as st

from dashboard.present.exports import to_csv_bytes, to_xlsx_bytes
from dashboard.present.glossary import column_label, name, t
from dashboard.present.highlight import STYLE, evidence_html
from dashboard.present.listings import (
    INITIATIVE_COLUMNS,
    PROJECT_COLUMNS_SHOWN,
    evidence_span,
    for_export,
    initiative_rows,
    project_rows,
)
from dashboard.query import view_data
from dashboard.views import frame
from dashboard.views.loaders import load_extraction

MAX_INITIATIVE_ROWS = 1000
PILLAR_WIDTH = 100  # px: 数字产业化 on one line
ROW_HEIGHT = 66  # px: above 4rem a cell wraps its text, so names and sentences show whole (three lines)

e = load_extraction()
f = frame.filters()
lang = f.lang

st.title(t("page_projects", lang))
generic = st.toggle(t("include_generic", lang), key="projects_generic")
view = view_data.projects(e, f, generic=generic)
projects, initiatives = view.projects, view.initiatives

shown = project_rows(projects, lang=lang)
st.caption(t("shown_of", lang, shown=len(shown), total=view.total))

if shown.empty:
    frame.empty_state(lang)
else:
    event = st.dataframe(
        shown,
        key="projects_table",
        hide_index=True,
        row_height=ROW_HEIGHT,
        on_select="rerun",
        selection_mode="single-row",
        column_config={
            "name": st.column_config.TextColumn(column_label("name", lang), width="medium"),
            "kind": st.column_config.TextColumn(column_label("kind", lang), width="small"),
            "sector": st.column_config.TextColumn(column_label("sector", lang), width="small"),
            "pillar": st.column_config.TextColumn(column_label("pillar", lang), width=PILLAR_WIDTH),
            "organizations": st.column_config.ListColumn(column_label("organizations", lang)),
            "places": st.column_config.ListColumn(column_label("places", lang)),
            "mentions": st.column_config.NumberColumn(column_label("mentions", lang), width="small"),
            "evidence": st.column_config.TextColumn(column_label("evidence", lang), width="large"),
        },
        column_order=PROJECT_COLUMNS_SHOWN,
    )  # fmt: skip
    rows = event.selection.rows
    if not rows:
        st.caption(t("select_row_hint", lang))
    else:
        project = projects.iloc[rows[0]]
        with st.container(border=True, key="projects_detail"):
            st.markdown(f"**{t('project_detail', lang)}** · {project['name']}")
            st.caption(
                f"{project['kind']} · {name(project['pillar'], lang)} · {name(project['sector'], lang)}"
            )
            paragraph, start, end = evidence_span(e.paragraphs, e.sentences, project)
            st.html(STYLE + evidence_html(paragraph, start, end))

    with st.container(horizontal=True):

        def workbook() -> bytes:  # built only when the button is pressed
            return to_xlsx_bytes(
                {
                    t("page_projects", lang): for_export(shown, lang=lang),
                    t("initiatives", lang): for_export(initiative_rows(initiatives, lang=lang), lang=lang),
                }
            )

        st.download_button(
            t("download_csv", lang),
            lambda: to_csv_bytes(for_export(shown, lang=lang)),
            file_name="projects.csv",
            mime="text/csv",
            icon=":material/download:",
            key="projects_csv",
            on_click="ignore",
        )
        st.download_button(
            t("download_xlsx", lang),
            workbook,
            file_name="projects.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            key="projects_xlsx",
            on_click="ignore",
        )

st.subheader(t("initiatives", lang), anchor=False)
if initiatives.empty:
    frame.empty_state(lang)
else:
    if len(initiatives) > MAX_INITIATIVE_ROWS:  # a large corpus: the first rows here, all in the download
        st.caption(t("rows_shown", lang, shown=MAX_INITIATIVE_ROWS, total=len(initiatives)))
    st.dataframe(
        initiative_rows(initiatives.head(MAX_INITIATIVE_ROWS), lang=lang),
        key="projects_initiatives",
        hide_index=True,
        column_config={
            "action": st.column_config.TextColumn(column_label("action", lang), width="small"),
            "object": st.column_config.TextColumn(column_label("object", lang), width="medium"),
            "sector": st.column_config.TextColumn(column_label("sector", lang), width="small"),
            "pillar": st.column_config.TextColumn(column_label("pillar", lang), width="small"),
            "projects": st.column_config.ListColumn(column_label("projects", lang)),
            "organizations": st.column_config.ListColumn(column_label("organizations", lang)),
            "places": st.column_config.ListColumn(column_label("places", lang)),
            "evidence": st.column_config.TextColumn(column_label("evidence", lang), width="large"),
        },
        column_order=INITIATIVE_COLUMNS,
    )  # fmt: skip
