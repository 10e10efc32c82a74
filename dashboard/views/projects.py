"""Projects (/projects): the project listing, one project's evidence, the initiatives, downloads."""

import streamlit as st

from dashboard.present.exports import download_name, to_csv_bytes, to_xlsx_bytes
from dashboard.present.glossary import column_label, name, t
from dashboard.present.highlight import STYLE, evidence_html
from dashboard.present.listings import (
    INITIATIVE_COLUMNS_SHOWN,
    PROJECT_COLUMNS_SHOWN,
    evidence_span,
    for_export,
    initiative_rows,
)
from dashboard.query import filters as url_filters
from dashboard.views import editing, frame
from dashboard.views.loaders import arrow_table, load_extraction, offered_documents, page_part

MAX_INITIATIVE_ROWS = 1000  # clipped once per view; as many as the project table are shown
LINES = 3  # of a name or a sentence in a row (frame.row_height)
# Column widths in pixels: together they fit a 1280-pixel screen with the sidebar open (the table
# is 847 pixels wide there, its row selectors 33) and wider screens stretch them. A sentence is
# shown as far as three lines of its column hold; the whole of it is in the project's detail.
WIDTHS = {"name": 180, "evidence": 370, "sector": 110, "kind": 70, "mentions": 70}
INITIATIVE_WIDTHS = {"action": 70, "object": 170, "evidence": 370, "sector": 110, "projects": 110}


def column_config(widths: dict[str, int], lang: str) -> dict:
    """The shown columns, labelled in the page's language, at their widths."""
    kinds = {"mentions": st.column_config.NumberColumn, "projects": st.column_config.ListColumn}
    return {
        c: kinds.get(c, st.column_config.TextColumn)(column_label(c, lang), width=w)
        for c, w in widths.items()
    }


e = load_extraction()
f = frame.filters()
lang = f.lang
font = frame.cell_font_px(f)

st.title(t("page_projects", lang))
with st.container(horizontal=True, vertical_alignment="bottom", gap="large"):
    generic = st.toggle(t("include_generic", lang), **frame.bound("generic", "projects_generic"))
    limit = st.select_slider(
        t("rows_to_show", lang),
        [int(n) for n in url_filters.CONTROLS["rows"].choices],
        width=260,
        **frame.bound("rows", "projects_rows"),
    )
clip = (("evidence", WIDTHS["evidence"]),)
initiative_clip = tuple((c, INITIATIVE_WIDTHS[c]) for c in ("object", "evidence"))
part = page_part(
    "projects", f.replace(term=""), generic, clip, initiative_clip, LINES, font, MAX_INITIATIVE_ROWS
)
view = part.view
projects, initiatives = view.projects.head(limit), view.initiatives

listing = part.rows  # every row, for the downloads
st.caption(t("shown_of", lang, shown=len(listing), total=view.total))
if len(listing) > limit:  # the first rows here, all in the download
    st.caption(t("rows_shown", lang, shown=limit, total=len(listing)))

if part.shown.empty:
    frame.empty_state(lang)
else:
    event = st.dataframe(
        arrow_table(part.shown, limit),
        key="projects_table",
        hide_index=True,
        row_height=frame.row_height(f),
        on_select="rerun",
        selection_mode="single-row",
        column_config=column_config(WIDTHS, lang),
        column_order=PROJECT_COLUMNS_SHOWN,
    )  # fmt: skip
    rows = event.selection.rows
    if not rows:
        st.caption(t("select_project_hint", lang))
    else:
        project = projects.iloc[rows[0]]
        with st.container(border=True, key="projects_detail"):
            st.markdown(f"**{t('project_detail', lang)}** · {project['name']}")
            st.caption(
                f"{project['kind']} · {name(project['pillar'], lang)} · {name(project['sector'], lang)}"
            )
            for column in ("organizations", "places"):
                if len(project[column]):
                    st.caption(f"{column_label(column, lang)}：{'、'.join(project[column])}")
            paragraph, start, end = evidence_span(e.paragraphs, e.sentences, project)
            st.html(STYLE + evidence_html(paragraph, start, end))
            editing.correction_panel(e, project, lang)

    with st.container(horizontal=True):

        def workbook() -> bytes:  # built only when the button is pressed
            return to_xlsx_bytes(
                {
                    t("page_projects", lang): for_export(listing, lang=lang),
                    t("initiatives", lang): for_export(initiative_rows(initiatives, lang=lang), lang=lang),
                }
            )

        st.download_button(
            t("download_csv", lang),
            lambda: to_csv_bytes(for_export(listing, lang=lang)),
            file_name=download_name("projects", f, "csv"),
            mime="text/csv",
            icon=":material/download:",
            key="projects_csv",
            on_click="ignore",
        )
        st.download_button(
            t("download_xlsx", lang),
            workbook,
            file_name=download_name("projects", f, "xlsx"),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            icon=":material/download:",
            key="projects_xlsx",
            on_click="ignore",
        )

titles, offered = offered_documents(f)  # not every title of a large corpus: a list box of 200 at most
editing.add_project_panel(e, lang, {d: titles[d] for d in offered})
editing.rejected_panel(e, lang)

st.subheader(t("initiatives", lang), anchor=False)
if initiatives.empty:
    frame.empty_state(lang)
else:
    if len(initiatives) > limit:  # as many rows as of projects; all in the download
        st.caption(t("rows_shown", lang, shown=limit, total=len(initiatives)))
    st.dataframe(
        arrow_table(part.initiatives, limit),
        key="projects_initiatives",
        hide_index=True,
        row_height=frame.row_height(f),
        column_config=column_config(INITIATIVE_WIDTHS, lang),
        column_order=INITIATIVE_COLUMNS_SHOWN,
    )  # fmt: skip
