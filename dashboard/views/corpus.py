"""Corpus (/corpus): the articles, adding and removing them; across articles, a timeline, projects
that recur, and two articles or two periods compared."""

import streamlit as st

from dashboard import settings
from dashboard.present import charts
from dashboard.present.glossary import column_label, name, notes, read_error, reason, size, t
from dashboard.query import filters as url_filters
from dashboard.store import articles
from dashboard.views import editing, frame, loaders

e = loaders.load_extraction()
f = frame.filters()
lang = f.lang
folder = settings.corpus_folder()
in_session = not editing.may_write(folder)  # a visitor, a non-editor, or a read-only folder
uploads = loaders.session_uploads()
# The article listing's columns and their widths in pixels: together they fit the table's 847
# pixels on a 1280-pixel screen with the sidebar open (wider screens stretch them); titles and
# reading notes wrap over up to three lines.
LISTING = {"title": 220, "date": 90, "outlet": 90, "projects": 70, "file": 190, "warnings": 170}
LINES = 3
MAX_SOURCES = 20  # of a recurring project, written in its detail
MAX_NAMES = 100  # projects named in each column of a comparison
ROUND, RESULTS, CONFIRM, REMOVED = "corpus_upload_round", "corpus_results", "corpus_confirm", "corpus_removed"


def _add(key: str) -> None:
    """Check, extract and add each uploaded file; then empty the uploader (a new key)."""
    results = []
    in_session = not editing.may_write(folder)  # asked again: the callback may come without the page
    for file in st.session_state.get(key) or []:
        try:
            result = articles.add_article(
                folder,
                file.name,
                file.getvalue(),
                lexicon=loaders.lexicon(),
                session=uploads if in_session else None,
                who=editing.current().who,
            )
        except OSError as error:  # the folder turned read-only, filled up or went away
            why = {"error": error.strerror or str(error)}
            result = articles.AddResult(file.name, articles.REFUSED, articles.Refusal.CANNOT_WRITE, why)
        results.append(result)
    st.session_state[RESULTS] = results
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1


def _remove(document: str) -> None:
    in_session = not editing.may_write(folder)  # asked again: the callback may come without the page
    try:
        removed = articles.remove_article(
            folder, document, session=uploads if in_session else None, who=editing.current().who
        )
        st.session_state[REMOVED] = t("removed" if in_session else "moved_to_trash", lang, name=removed)
    except OSError as error:
        st.session_state[REMOVED] = t("cannot_remove", lang, reason=error.strerror or error)
    st.session_state[CONFIRM] = None
    frame.set_filters(docs=tuple(d for d in f.docs if d != document))


st.title(t("page_corpus", lang))
st.caption(t("corpus_summary", lang, documents=len(e.documents), projects=len(e.named_projects)))
TABS = {"articles": t("corpus_articles", lang), "across": t("corpus_across", lang)}


def _tab_changed() -> None:
    chosen = {label: tab for tab, label in TABS.items()}.get(st.session_state.get("corpus_tab"))
    st.session_state[frame.FILTERS] = frame.filters().with_control("tab", chosen)
    st.session_state[CONFIRM] = None  # a removal asked for is asked again after the other tab


st.session_state["corpus_tab"] = TABS[f.control("tab")]  # the tab in the link
articles_tab, across_tab = st.tabs(list(TABS.values()), key="corpus_tab", on_change=_tab_changed)

with articles_tab:
    if articles_tab.open:  # only the chosen tab's content is worked out and sent
        st.subheader(t("add_articles", lang), anchor=False)
        if in_session:
            st.info(editing.session_note("session_only", lang), icon=":material/cloud_off:")
        uploader = f"corpus_upload_{st.session_state.get(ROUND, 0)}"
        st.file_uploader(  # any kind of file: one that is not an article is refused in words of the page
            t("upload_label", lang),
            accept_multiple_files=True,
            key=uploader,
            on_change=_add,
            args=(uploader,),
            help=t("upload_help", lang),
        )
        # that files may be dropped, and how large they may be
        st.caption(t("upload_hint", lang, limit=size(settings.max_bytes(), lang)))
        for r in st.session_state.get(RESULTS, []):
            if r.accepted:
                found = " · ".join(f"{name(s, lang)} {n}" for s, n in r.projects.items()) or t(
                    "no_named_projects", lang
                )
                date = (r.document.date or "")[:10]
                st.success(
                    f"**{t('added_as', lang, name=r.name)}**  \n{r.document.title} · {date}  \n{found}"
                    + (f"  \n{notes(r.document.warnings, lang)}" if r.document.warnings else ""),
                    icon=":material/check_circle:",
                )
            elif r.status == articles.DUPLICATE:
                why = reason(r.reason, lang, **r.details)
                st.warning(
                    f"{r.upload} — {t('duplicate_of', lang, reason=why)}", icon=":material/content_copy:"
                )
            else:
                why = reason(r.reason, lang, **r.details)
                st.error(f"{r.upload} — {t('not_added', lang, reason=why)}", icon=":material/block:")

        st.subheader(f"{t('corpus_articles', lang)} ({len(e.documents)})", anchor=False)
        if e.errors:
            with st.expander(t("read_errors", lang), icon=":material/warning:"):
                for error in e.errors:
                    st.text(read_error(error, lang))
        if e.documents.empty:
            frame.empty_state(lang, "empty_corpus")
        else:
            session_ids = tuple(sorted(n.rsplit(".", 1)[0] for n in uploads))
            listed = loaders.page_part(
                "corpus_listing",
                url_filters.Filters(lang=lang, mode=f.mode),  # the same listing whatever the filters
                session_ids,
                LISTING["title"],
                LINES,
                frame.cell_font_px(f),
            )
            listing = listed.rows
            if listed.total > len(listing):
                st.caption(t("listed_shown", lang, shown=len(listing), total=listed.total))
            st.dataframe(
                loaders.arrow_table(listing, columns=list(LISTING)),
                key="corpus_documents",
                hide_index=True,
                row_height=frame.row_height(f),
                column_config={
                    "title": st.column_config.TextColumn(column_label("title", lang), width=LISTING["title"]),
                    "date": st.column_config.TextColumn(column_label("date", lang), width=LISTING["date"]),
                    "outlet": st.column_config.TextColumn(column_label("outlet", lang), width=LISTING["outlet"]),
                    "projects": st.column_config.NumberColumn(t("projects", lang), width=LISTING["projects"]),
                    "file": st.column_config.TextColumn(column_label("file", lang), width=LISTING["file"]),
                    "warnings": st.column_config.TextColumn(column_label("warnings", lang), width=LISTING["warnings"]),
                },
            )  # fmt: skip

            titles = listed.titles
            with st.container(horizontal=True, vertical_alignment="bottom"):
                chosen = st.selectbox(
                    t("remove_article", lang),
                    list(titles),
                    format_func=titles.get,
                    key="corpus_remove_doc",
                    placeholder=t("choose", lang),
                )
                st.button(t("remove", lang), key="corpus_remove", icon=":material/delete:", on_click=st.session_state.__setitem__, args=(CONFIRM, chosen))  # fmt: skip
            pending = st.session_state.get(CONFIRM)
            if pending is not None and pending == chosen:  # the article the box shows, or asked again
                file_name = listing.set_index("document").loc[pending, "file"]
                st.warning(
                    t(
                        "confirm_remove" if in_session else "confirm_trash",
                        lang,
                        title=titles[pending],
                        name=file_name,
                    ),
                    icon=":material/delete_forever:",
                )
                with st.container(horizontal=True):
                    st.button(
                        t("confirm", lang),
                        key="corpus_remove_confirm",
                        type="primary",
                        on_click=_remove,
                        args=(pending,),
                    )
                    st.button(t("cancel", lang), key="corpus_remove_cancel", on_click=st.session_state.__setitem__, args=(CONFIRM, None))  # fmt: skip
        if st.session_state.get(REMOVED):
            st.caption(st.session_state[REMOVED])
        editing.trash_panel(lang)

with across_tab:
    if across_tab.open:
        st.subheader(t("timeline", lang), anchor=False)
        st.caption(t("timeline_hint", lang))
        with st.container(horizontal=True, gap="large"):
            period = st.segmented_control(t("period", lang), ["M", "Q", "Y"], format_func=lambda p: t(f"period_{p}", lang), required=True, **frame.bound("period", "corpus_period"))  # fmt: skip
            measure = st.segmented_control(t("count", lang), ["projects", "initiatives"], format_func=lambda m: t(m, lang), required=True, **frame.bound("measure", "corpus_measure"))  # fmt: skip
        across = f.replace(term="")
        chart = loaders.page_part("corpus_timeline", across, period, measure).chart
        if chart is None:
            st.info(t("no_timeline", lang), icon=":material/event_busy:")
        else:
            st.plotly_chart(
                chart,
                key="corpus_timeline",
                config=charts.CONFIG,
            )

        st.subheader(t("recurring", lang), anchor=False)
        st.caption(t("recurring_hint", lang))
        recurring, shown, total = loaders.page_part("recurring", across)
        if total > len(recurring):
            st.caption(t("recurring_shown", lang, shown=len(recurring), total=total))
        if recurring.empty:
            st.info(t("no_recurring", lang), icon=":material/search_off:")
        else:
            event = st.dataframe(
                loaders.arrow_table(shown, columns=["name", "sector", "documents", "mentions", "first", "last", "sources"]),
                key="corpus_recurring",
                hide_index=True,
                on_select="rerun",
                selection_mode="single-row",
                column_config={
                    "name": st.column_config.TextColumn(column_label("name", lang), width="medium"),
                    "sector": st.column_config.TextColumn(column_label("sector", lang), width="small"),
                    "documents": st.column_config.NumberColumn(column_label("documents", lang), width="small"),
                    "mentions": st.column_config.NumberColumn(column_label("mentions", lang), width="small"),
                    "first": st.column_config.TextColumn(column_label("first", lang), width="small"),
                    "last": st.column_config.TextColumn(column_label("last", lang), width="small"),
                    "sources": st.column_config.ListColumn(column_label("sources", lang), width="large"),
                },
            )  # fmt: skip
            if event.selection.rows:
                project = recurring.iloc[event.selection.rows[0]]
                with st.container(border=True, key="corpus_recurring_detail"):
                    st.markdown(f"**{project['name']}** · {t('sources', lang)}")
                    sources = project["sources"]
                    st.markdown(
                        "\n".join(
                            f"- {s['date'] or ''} **{s['title']}**：{s['evidence']}"
                            for s in sources[:MAX_SOURCES]
                        )
                    )
                    if len(sources) > MAX_SOURCES:
                        st.caption(t("and_more", lang, n=len(sources) - MAX_SOURCES))
            else:
                st.caption(t("select_row_hint", lang))

        st.subheader(t("comparison", lang), anchor=False)
        by = st.segmented_control(t("compare_by", lang), ["documents", "periods"], format_func=lambda b: t(f"compare_{b}", lang), required=True, **frame.bound("compare", "corpus_compare_by"))  # fmt: skip
        sides = loaders.page_part("comparison_sides", across, by, period)
        groups, labels = sides.groups, sides.labels
        if len(groups) < 2:
            st.info(t("need_two", lang), icon=":material/compare_arrows:")
        else:
            options = sides.options
            a_col, b_col = st.columns(2)
            a = a_col.selectbox(
                t("side_a", lang),
                options,
                format_func=labels.get,
                placeholder=t("choose", lang),
                **frame.bound("a", f"corpus_a_{by}", default=options[0], options=options),
            )
            b = b_col.selectbox(t("side_b", lang), options, format_func=labels.get, placeholder=t("choose", lang), **frame.bound("b", f"corpus_b_{by}", default=options[-1], options=options))  # fmt: skip
            sides_ab = (t("side_a", lang), t("side_b", lang))
            result = loaders.page_part("comparison", across, tuple(groups[a]), tuple(groups[b]), sides_ab)
            st.plotly_chart(result.sectors, key="corpus_compare_sectors", config=charts.CONFIG)
            for column, side, title in zip(
                st.columns(3),
                ("left", "both", "right"),
                (t("only_in", lang, side="A"), t("in_both", lang), t("only_in", lang, side="B")),
                strict=True,
            ):
                with column.container(border=True):
                    names = result.sides.get(side, [])
                    st.markdown(f"**{title}** ({len(names)})")
                    st.caption(
                        "、".join(names[:MAX_NAMES]) + ("…" if len(names) > MAX_NAMES else "")
                        or t("none", lang)
                    )
            if result.keywords is not None:
                st.markdown(f"**{t('keywords_changed', lang)}**")
                st.plotly_chart(result.keywords, key="corpus_compare_keywords", config=charts.CONFIG)
