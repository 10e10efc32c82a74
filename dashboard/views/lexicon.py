"""Lexicon (/lexicon): add or remove domain words, stopwords and sector keywords; see what a change
does to a paragraph before saving it; saving extracts the articles again."""

import pandas as pd
import streamlit as st

from dashboard import settings
from dashboard.present.glossary import describe_lexicon_edits, name, t
from dashboard.present.highlight import STYLE, tokens_html
from dashboard.query import filters as url_filters
from dashboard.store.lexicon_edits import LexiconConflict, edit_files, save_lexicon, split_words
from dashboard.views import editing, frame, loaders

e = loaders.load_extraction()
f = frame.filters()
lang = f.lang
folder = settings.lexicon_folder()
in_session = not editing.may_write(folder)  # a visitor, a non-editor, or a read-only folder
files = loaders.lexicon_files()
current = loaders.lexicon()
ADD, REMOVE, SAVED, REFUSED = "lexicon_add", "lexicon_remove", "lexicon_saved", "lexicon_refused"


def _save(draft: dict[str, str], base: dict[str, str]) -> None:
    merged = {}
    in_session = not editing.may_write(folder)  # asked again: the callback may come without the page
    if in_session:
        st.session_state[loaders.SESSION_LEXICON] = draft
    else:
        try:
            merged = save_lexicon(draft, folder, base=base).merged
        except LexiconConflict as conflict:
            st.session_state[REFUSED] = str(conflict)
            return
        editing.log_lexicon(folder, base, draft)
    st.session_state[ADD] = st.session_state[REMOVE] = ""
    st.session_state[SAVED] = merged


def _discard() -> None:
    st.session_state.pop(loaders.SESSION_LEXICON, None)


st.title(t("page_lexicon", lang))
st.caption(t("lexicon_hint", lang))
if in_session:
    st.info(editing.session_note("lexicon_session", lang), icon=":material/cloud_off:")
    if st.session_state.get(loaders.SESSION_LEXICON):
        st.button(
            t("discard_session_lexicon", lang), key="lexicon_discard", on_click=_discard, type="tertiary"
        )
saved = st.session_state.pop(SAVED, None)
if saved is not None:
    st.success(t("lexicon_saved", lang), icon=":material/check_circle:")
if saved:  # others saved meanwhile: their words were kept too
    st.info(t("lexicon_merged", lang, words=describe_lexicon_edits(saved, lang)), icon=":material/merge:")
if refused := st.session_state.pop(REFUSED, None):
    st.error(t("lexicon_conflict", lang, words=refused), icon=":material/error:")

with st.container(horizontal=True, vertical_alignment="bottom", gap="medium"):
    target = st.segmented_control(t("word_list", lang), ["domain", "stopwords", "sectors"], format_func=lambda w: t(f"list_{w}", lang), default="domain", required=True, key="lexicon_list")  # fmt: skip
    sector = weight = None
    if target == "sectors":
        sector = st.selectbox(t("sector", lang), url_filters.SECTOR_CHOICES[:-1], format_func=lambda s: name(s, lang), key="lexicon_sector", width=200, placeholder=t("choose", lang))  # fmt: skip
        weight = st.number_input(t("weight", lang), 1, 5, 1, key="lexicon_weight", width=120)
sizes = {"domain": len(current.domain_words), "stopwords": len(current.stopwords)}
sizes["sectors"] = len(current.sector_words.get(sector, {})) if sector else 0
st.caption(t("words_in_list", lang, n=sizes[target]))
left, right = st.columns(2)
add = split_words(
    left.text_input(t("words_add", lang), key=ADD, placeholder=t("words_add_placeholder", lang))
)
remove = split_words(right.text_input(t("words_remove", lang), key=REMOVE))
draft = edit_files(files, target, add=add, remove=remove, sector=sector, weight=weight or 1)
changed = draft != files

choice = st.selectbox(
    t("preview_paragraph", lang),
    loaders.page_part("preview_paragraphs", f.replace(q="", term=""), 200),
    format_func=lambda p: p[:60] + ("…" if len(p) > 60 else ""),
    key="lexicon_paragraph",
    placeholder=t("choose", lang),
)
typed = st.text_area(t("own_paragraph", lang), key="lexicon_text", height=90)
paragraph = typed.strip() or choice or ""


def _projects(found: list[tuple[str, bool, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(n, name(s, lang)) for n, named, s in found if named],
        columns=[t("project", lang), t("sector", lang)],
    )


if paragraph:
    before = loaders.preview(paragraph, current)
    after = loaders.preview(paragraph, loaders.lexicon_from(draft)) if changed else None
    columns = st.columns(2) if after else [st.container()]
    for column, label, shown, other in (
        (columns[0], t("before", lang), before, after),
        *([(columns[1], t("after", lang), after, before)] if after else []),
    ):
        with column.container(border=True):
            st.markdown(f"**{label}** · {t('segmentation', lang)}")
            new = set(shown.tokens) - set(other.tokens) if other else ()
            st.html(STYLE + tokens_html(shown.tokens, new=new))
            st.markdown(f"**{t('found_projects', lang)}**")
            table = _projects(shown.projects)
            if table.empty:
                st.caption(t("no_named_projects", lang))
            else:
                st.dataframe(table, hide_index=True, key=f"lexicon_projects_{label}")
if not changed:
    st.caption(t("no_change", lang))
st.button(t("save_lexicon", lang), key="lexicon_save", type="primary", disabled=not changed, on_click=_save, args=(draft, files))  # fmt: skip
