"""The frame around every page: global filters in the sidebar, kept in step with the URL.

The filters live in ``st.session_state[FILTERS]`` (a ``url_filters.Filters``). They are seeded from
the query parameters when a session starts (a shared link), changed only by widget callbacks
(which run before the script, so every part of a run sees the same filters), and written back
to the query parameters on every run. Page links carry the query parameters, so the filters
survive a page switch.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import streamlit as st

from dashboard import settings
from dashboard.pipeline.lexicon import read_lexicon_files
from dashboard.pipeline.tables import Extraction
from dashboard.present import report
from dashboard.present.exports import download_name
from dashboard.present.glossary import describe_filters, name, t
from dashboard.query import filters as url_filters
from dashboard.store import saved_analysis
from dashboard.store.lexicon_edits import apply_edits, lexicon_diff
from dashboard.views import loaders

FILTERS = "app_filters"
W_SECTOR, W_PILLAR, W_DOC, W_Q, W_LANG, W_PRESENT = (
    "filters_sector",
    "filters_pillar",
    "filters_doc",
    "filters_q",
    "filters_lang",
    "filters_present",
)
# The lexicon edits of this session ({"domain": {"added": [...], "removed": [...]}, ...}): saved with
# an analysis and restored from one; the lexicon editor reads and writes them here.
W_OPEN, OPENED, OPEN_RESULT = "frame_open_analysis", "frame_opened", "frame_open_result"
# The sidebar's two folded sections: what they hold is made only while they are open (a folded
# section's link, buttons and upload box were 8 of the 40–61 messages of every rerun).
W_SHARE_SECTION, W_SAVE_SECTION = "frame_share_open", "frame_save_open"
_WIDGET_FIELDS = {
    W_SECTOR: "sectors",
    W_PILLAR: "pillar",
    W_DOC: "docs",
    W_Q: "q",
    W_LANG: "lang",
}


def filters() -> url_filters.Filters:
    """The filters of this session (call ``init_filters`` first, as ``app.py`` does)."""
    return st.session_state.get(FILTERS, url_filters.Filters())


def init_filters(documents: Sequence[str]) -> url_filters.Filters:
    """Filters from the URL on a session's first run, from session state afterwards."""
    if FILTERS not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        st.session_state[FILTERS] = url_filters.parse(params, documents=documents)
    return filters()


def set_filters(**changes) -> None:
    """Change filters from a callback; the sidebar widgets follow."""
    current = filters().replace(**changes)
    st.session_state[FILTERS] = current
    for key, field in _WIDGET_FIELDS.items():
        if field in changes and key in st.session_state:
            value = getattr(current, field)
            st.session_state[key] = list(value) if field in ("sectors", "docs") else (value or "")


def _keep_sections_as_they_are() -> None:
    """A section's state follows it when its label changes language (Streamlit tells a section by
    its label: one in the other language would open folded)."""
    for key in (W_SHARE_SECTION, W_SAVE_SECTION):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _from_widgets() -> None:
    ss = st.session_state
    _keep_sections_as_they_are()
    st.session_state[FILTERS] = filters().replace(
        sectors=url_filters.clean_sectors(ss.get(W_SECTOR, [])),
        pillar=ss.get(W_PILLAR) or None,
        docs=url_filters.clean_docs(ss.get(W_DOC, [])),
        q=" ".join(str(ss.get(W_Q, "")).split())[: url_filters.MAX_TEXT],
        lang=ss.get(W_LANG, "zh"),
        mode=url_filters.PRESENT if ss.get(W_PRESENT) else None,
    )


def bound(control: str, key: str, *, default: str | None = None, options: Sequence | None = None) -> dict:
    """The ``key``, ``on_change`` and ``args`` that keep a page's widget in step with one of the
    page controls of the filters (``url_filters.CONTROLS``), so that the URL holds it: the widget
    shows the filters' value, and a change goes to the filters. Where the choices depend on the
    data (the documents offered), ``options`` are they and ``default`` is the one that stands for
    the control's default and stays out of the link. Pass no ``default``/``value``/``index`` to
    the widget."""
    value = filters().control(control)
    if options is not None and value not in options:
        value = default
    st.session_state[key] = value
    return {"key": key, "on_change": set_control, "args": (control, key, default)}


def set_control(control: str, key: str, default: str | int | bool | None = None) -> None:
    """A page control's widget changed: the filters (and so the URL) follow."""
    value = st.session_state.get(key)
    if value is None or (default is not None and value == default):
        value = url_filters.CONTROLS[control].default
    st.session_state[FILTERS] = filters().with_control(control, value)


def write_url(current: url_filters.Filters, page: str | None = url_filters.ALL) -> None:
    """Make the query parameters say what the filters say, with the controls of ``page`` (only
    when they differ)."""
    wanted = url_filters.to_query(current, page)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


# Chinese labels break between words only (at their spaces), never inside one (打开分 / 析).
SIDEBAR_CSS = """
<style>
[data-testid="stSidebar"] summary p, [data-testid="stSidebar"] button p { word-break: keep-all; }
</style>
"""


def file_box_css(lang: str, limit_mb: int) -> str:
    """Styles that write Streamlit's file boxes in the page's language. Their button (Upload) and
    their size limit (5MB per file: Streamlit's own, ``server.maxUploadSize``) are Streamlit's
    English words, which it offers no way to set; in Chinese they are drawn from these styles
    instead, and the English text is not shown.

    >>> "选择文件" in file_box_css("zh", 5), "每个文件不超过 5 MB" in file_box_css("zh", 5), file_box_css("en", 5)
    (True, True, '')
    >>> "每个文件不超过 1 GB" in file_box_css("zh", 1024)
    True
    """
    if lang == "en":
        return ""
    shown = f"{limit_mb // 1024} GB" if limit_mb >= 1024 and limit_mb % 1024 == 0 else f"{limit_mb} MB"
    button = _css_string(t("upload_button", lang))
    limit = _css_string(t("upload_limit", lang, limit=shown))
    box = '[data-testid="stFileUploaderDropzone"]'
    return f"""
<style>
{box} [data-testid="stBaseButton-secondary"] p,
{box} [data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
{box} [data-testid="stBaseButton-secondary"] p::after {{ content: {button}; font-size: 1rem; }}
{box} [data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {limit}; font-size: 0.875rem; }}
</style>
"""


def _css_string(text: str) -> str:
    r"""``text`` as a CSS string.

    >>> print(_css_string('a"b\\c'))
    "a\"b\\c"
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


def localise_file_boxes(lang: str) -> None:
    """Streamlit's file boxes, on every page and in presenter mode too, in the page's language."""
    css = file_box_css(lang, st.get_option("server.maxUploadSize"))
    if css:
        st.html(css)


def sidebar(
    documents: dict[str, str],
    current: url_filters.Filters,
    page: str | None = url_filters.ALL,
    choices: Sequence[str] | None = None,
) -> None:
    """Sector, pillar, document, search, language and presenter mode; and the share link.
    ``choices`` are the documents offered (all of them without it)."""
    lang = current.lang
    ss = st.session_state
    seeds = {
        W_SECTOR: list(current.sectors),
        W_PILLAR: current.pillar or "",
        W_DOC: list(current.docs),
        W_Q: current.q,
        W_LANG: current.lang,
        W_PRESENT: current.present,
    }
    for key, value in seeds.items():
        ss.setdefault(key, value)

    st.html(SIDEBAR_CSS)
    st.subheader(t("filters", lang))
    st.multiselect(
        t("sector", lang),
        url_filters.SECTOR_CHOICES,
        format_func=lambda s: name(s, lang),
        key=W_SECTOR,
        on_change=_from_widgets,
        placeholder=t("all_sectors", lang),
    )
    st.selectbox(
        t("pillar", lang),
        ["", *url_filters.PILLAR_CHOICES],
        format_func=lambda p: name(p, lang) if p else t("all_pillars", lang),
        key=W_PILLAR,
        placeholder=t("choose", lang),
        on_change=_from_widgets,
    )
    if len(documents) > 1 or current.docs:
        st.multiselect(
            t("document", lang),
            list(documents) if choices is None else list(choices),
            format_func=lambda d: documents.get(d, d),
            key=W_DOC,
            on_change=_from_widgets,
            placeholder=t("all_documents", lang),
        )
    st.text_input(
        t("search", lang),
        key=W_Q,
        on_change=_from_widgets,
        help=t("search_help", lang),
        placeholder=t("search_placeholder", lang),
    )
    st.divider()
    st.segmented_control(
        t("language", lang),
        url_filters.LANGS,
        format_func={"zh": "中文", "en": "English"}.get,
        key=W_LANG,
        on_change=_from_widgets,
        required=True,
    )
    st.toggle(t("presenter_mode", lang), key=W_PRESENT, on_change=_from_widgets)
    section = st.expander(t("share", lang), icon=":material/link:", key=W_SHARE_SECTION, on_change="rerun")
    if section.open:
        with section:
            st.caption(t("share_help", lang))
            # A read-only box rather than st.code: st.code pulls a 1.5 MB highlighter into the page.
            link = html.escape(share_link(current, page), quote=True)
            st.html(
                f'<input readonly value="{link}" aria-label="link" style="width:100%;font-size:0.8rem;'
                'padding:0.35rem;border:1px solid #ccc;border-radius:4px;background:#fff">'
            )


def lexicon_edits() -> saved_analysis.LexiconEdits:
    """The lexicon edits of this session that are not saved in the lexicon folder."""
    edited = st.session_state.get(loaders.SESSION_LEXICON)
    if not edited:
        return {}
    return lexicon_diff(read_lexicon_files(settings.lexicon_folder()), edited)


def save_and_open(extraction: Extraction, current: url_filters.Filters, documents: Sequence[str]) -> None:
    """Export the view as an HTML report, save it as an analysis (JSON), or open a saved one."""
    lang = current.lang
    ss = st.session_state
    section = st.expander(
        t("save_and_open", lang), icon=":material/save:", key=W_SAVE_SECTION, on_change="rerun"
    )
    outcome = ss.pop(OPEN_RESULT, None)  # of the analysis just opened: said once, in the section
    if section.open:
        with section:
            _save_and_open_section(extraction, current, documents, outcome)


def _save_and_open_section(
    extraction: Extraction, current: url_filters.Filters, documents: Sequence[str], outcome: tuple | None
) -> None:
    lang, ss = current.lang, st.session_state
    generic = bool(current.control("generic"))
    _download(
        "export_report",
        lambda: report.render_report(extraction, current, generic=generic).encode("utf-8"),
        download_name("report", current, "html"),
        "text/html",
        lang,
    )
    edits = lexicon_edits()
    _download(
        "save_analysis",
        lambda: saved_analysis.dump(current, edits),
        download_name("analysis", current, "json"),
        "application/json",
        lang,
    )
    key = f"{W_OPEN}_{ss.get(OPENED, 0)}"  # a new key empties the uploader once a file is opened
    st.file_uploader(
        t("open_analysis", lang), key=key, on_change=_open_analysis, args=(key, documents)
    )  # any file: one that is not an analysis is refused in words of the page
    st.caption(t("open_analysis_hint", lang))  # that a file may be dropped
    if outcome and outcome[1] is None:
        st.success(t("analysis_opened", lang, file=outcome[0]), icon=":material/check:")
    elif outcome:
        reason = outcome[1].message(lang)
        st.error(t("analysis_refused", lang, file=outcome[0], reason=reason), icon=":material/error:")


_DOWNLOAD_ICONS = {"export_report": ":material/description:", "save_analysis": ":material/save:"}


def _download(action: str, data, file_name: str, mime: str, lang: str) -> None:
    """A button of the save-and-open section that downloads what ``data()`` makes when it is pressed."""
    st.download_button(
        t(action, lang),
        data,
        file_name=file_name,
        mime=mime,
        help=t(f"{action}_help", lang),
        icon=_DOWNLOAD_ICONS[action],
        key=f"frame_{action}",
        on_click="ignore",
        width="stretch",
    )


def _open_analysis(key: str, documents: Sequence[str]) -> None:
    upload = st.session_state.get(key)
    if upload is None:
        return
    _keep_sections_as_they_are()  # the analysis may be in the other language
    st.session_state[W_SAVE_SECTION] = True  # where the outcome is said
    try:
        opened, edits = saved_analysis.load(upload.getvalue(), documents=documents)
    except saved_analysis.AnalysisError as error:
        st.session_state[OPEN_RESULT] = (upload.name, error)
        return
    set_filters(
        **{
            field: getattr(opened, field)
            for field in ("sectors", "pillar", "docs", "q", "term", "lang", "controls")
        }
    )
    if edits:  # the analysis's lexicon is used for this session, the folder is left as it is
        st.session_state[loaders.SESSION_LEXICON] = apply_edits(
            read_lexicon_files(settings.lexicon_folder()), edits
        )
    st.session_state[OPEN_RESULT] = (upload.name, None)
    st.session_state[OPENED] = st.session_state.get(OPENED, 0) + 1


def share_link(current: url_filters.Filters, page: str | None = url_filters.ALL) -> str:
    """The full link of this page, its filters and the controls of ``page`` (a relative one where
    no URL is known)."""
    return url_filters.with_query(st.context.url or "/", current, page)


def row_height(current: url_filters.Filters) -> int:
    """Pixels of a table row that wraps its text over three lines: the data grid wraps a cell only
    in rows taller than 4rem, and presenter mode's rem is 20 pixels (15 on a desk)."""
    return 86 if current.present else 66


def cell_font_px(current: url_filters.Filters) -> int:
    """The data grid's text size to fit a cell's text to the column widths a page gives: 14 px on
    a desk; in presenter mode 18 px over columns an eighth wider on a 1280-pixel screen, which is
    as 16 px over the widths given."""
    return 16 if current.present else 14


def caption(current: url_filters.Filters, documents: dict[str, str]) -> str:
    """The filters in words, for presenter mode: ``领域：农业 · 搜索：“茶”``."""
    return describe_filters(current, documents)


PRESENTER_CSS = """
<style>
html { font-size: 20px; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"] { display: none !important; }
.block-container { max-width: 1500px; padding-top: 1.5rem; }
</style>
"""


def presenter_bar(pages: Sequence, current: url_filters.Filters, documents: dict[str, str]) -> None:
    """Presenter mode: page links in a row and the filters as a caption; no controls."""
    st.html(PRESENTER_CSS)
    with st.container(horizontal=True, gap="medium"):
        for page in pages:
            st.page_link(page, query_params=url_filters.to_query(current, url_filters.page_of(page.url_path)))
    st.caption(f"{t('filtered_by', current.lang)}：{caption(current, documents)}")


def exit_presenter_button(lang: str) -> None:
    st.button(
        t("exit_presenter", lang),
        key="frame_exit_presenter",
        type="tertiary",
        icon=":material/close_fullscreen:",
        on_click=set_filters,
        kwargs={"mode": None},
    )


def empty_state(lang: str, key: str = "empty_body") -> None:
    """The friendly message shown instead of an empty table or chart."""
    st.info(f"**{t('empty_title', lang)}**  \n{t(key, lang)}", icon=":material/search_off:")
