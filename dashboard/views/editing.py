"""Signing in, corrections, the trash and the audit log as the pages show them: each a small
panel over the pure functions of ``store`` (``access``, ``corrections``, ``articles``, ``audit``).
Every callback that writes asks again who the session's user is: a widget a page does not show
(to a visitor) can still be set by a crafted request, and must write nothing."""

from __future__ import annotations

import contextlib
import hashlib
import time
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import settings
from dashboard.pipeline import taxonomy as tx
from dashboard.pipeline.tables import Extraction
from dashboard.present.glossary import column_label, name, t
from dashboard.store import access as store_access
from dashboard.store import articles, audit, corrections, trash
from dashboard.store.articles import writable

MESSAGE = "editing_message"  # (kind, text) of the last correction, restore…, shown once


ACCESS = "editing_access"  # this session's ``store.access.Access``


def current() -> store_access.Access:
    """Who this session's user is and whether they edit (``store.access``): worked out on the
    session's first run and kept. Streamlit reads a session's user once, when the session starts
    (signing in or out starts a new one), and asking it again reads the secrets file each time."""
    found = st.session_state.get(ACCESS)
    if found is None:
        found = st.session_state[ACCESS] = store_access.access(st.user.to_dict(), editors=settings.editors())
    return found


# Whether a folder takes new files is tried by creating one: at most every few seconds per folder,
# not on every run of every page (it changes only with the host's disk or permissions).
WRITABLE_SECONDS = 5.0
_writable: dict[str, tuple[float, bool]] = {}  # folder → (tried again after, answer)


def may_write(folder: Path) -> bool:
    """Whether this session changes the shared ``folder`` (else its changes stay in the session)."""
    if not current().editor or settings.read_only():
        return False
    now = time.monotonic()
    kept = _writable.get(str(folder))
    if kept is None or now >= kept[0]:
        kept = _writable[str(folder)] = (now + WRITABLE_SECONDS, writable(folder))
    return kept[1]


def sign_in_box(lang: str) -> None:
    """In the sidebar, where sign-in is configured: sign in, or who is signed in and sign out."""
    who = current()
    if not who.sign_in:
        return
    if who.signed_in:
        st.caption(t("signed_in_editor" if who.editor else "signed_in_viewer", lang, who=who.who))
        if st.button(t("sign_out", lang), key="auth_sign_out", icon=":material/logout:"):
            st.logout()
    else:
        st.caption(t("visitor_note", lang))
        if st.button(t("sign_in", lang), key="auth_sign_in", icon=":material/login:", type="primary"):
            st.login()


def session_note(key: str, lang: str) -> str:
    """Why this page's changes stay in the session: the folder cannot be written (``key``'s
    words), or, where sign-in is configured, this user is not an editor."""
    who = current()
    if who.sign_in and not who.editor:
        return t("viewer_session_corpus" if key == "session_only" else "viewer_session_lexicon", lang)
    return t(key, lang)


def _say(kind: str, text: str) -> None:
    st.session_state[MESSAGE] = (kind, text)


def message() -> None:
    """The outcome of the last correction or restore, once."""
    found = st.session_state.pop(MESSAGE, None)
    if found:
        (st.success if found[0] == "ok" else st.error)(found[1], icon=":material/edit_note:")


def _save(extraction: Extraction, action: str, document: str, project: str, lang: str, **fields) -> None:
    folder = settings.corpus_folder()
    if not may_write(folder):  # asked again: the widget may have been set without the page showing it
        _say("error", t("visitor_note", lang))
        return
    try:
        record = corrections.correction(extraction, action, document, project, by=current().who, **fields)
        corrections.save(folder, record, before=corrections.as_it_stands(extraction, document, project))
    except corrections.CorrectionError as error:
        _say("error", t("correct_refused", lang, reason=t(f"problem_{error.problem}", lang, **error.details)))
        return
    except OSError as error:  # the folder turned read-only, filled up or went away
        _say("error", t("correct_refused", lang, reason=error.strerror or error))
        return
    _say("ok", t("correct_saved", lang, name=(record.get("changes") or {}).get("name", project)))


def _key(*parts: object) -> str:
    return hashlib.blake2b("\0".join(map(str, parts)).encode(), digest_size=6).hexdigest()


def correction_panel(extraction: Extraction, project: pd.Series, lang: str) -> None:
    """Under a project's detail: who corrected it and when; for an editor, a form to correct it."""
    if project.get("corrected"):
        st.caption(
            t(
                "corrected_note",
                lang,
                by=project["corrected_by"],
                at=str(project["corrected_at"])[:16].replace("T", " "),
            )
        )
    message()
    if not may_write(settings.corpus_folder()):
        return
    document, current_name = project["document"], project["name"]
    k = _key(document, current_name)
    with st.expander(t("correct", lang), icon=":material/edit:"):
        st.caption(t("correct_help", lang))
        with st.form(key=f"projects_correct_{k}", border=False):
            new_name = st.text_input(
                t("correct_name", lang), value=current_name, key=f"projects_correct_name_{k}"
            )
            sectors = [*tx.SECTORS, tx.UNCLASSIFIED]
            sector = st.selectbox(t("sector", lang), sectors, index=sectors.index(project["sector"]) if project["sector"] in sectors else len(sectors) - 1, format_func=lambda s: name(s, lang), key=f"projects_correct_sector_{k}", placeholder=t("choose", lang))  # fmt: skip
            pillars = [*tx.PILLARS, tx.UNCLASSIFIED]
            pillar = st.selectbox(t("pillar", lang), pillars, index=pillars.index(project["pillar"]) if project["pillar"] in pillars else len(pillars) - 1, format_func=lambda s: name(s, lang), key=f"projects_correct_pillar_{k}", placeholder=t("choose", lang))  # fmt: skip
            named = st.toggle(
                t("correct_named", lang), value=bool(project["named"]), key=f"projects_correct_named_{k}"
            )
            if st.form_submit_button(t("correct_save", lang), type="primary"):
                _save(
                    extraction, "fix", document, current_name, lang,
                    new_name=new_name, sector=sector,
                    pillar=pillar if pillar != project["pillar"] else None, named=named,
                )  # fmt: skip
                st.rerun()
        if st.button(t("correct_reject", lang), key=f"projects_reject_{k}", icon=":material/block:"):
            _save(extraction, "reject", document, current_name, lang)
            st.rerun()


def add_project_panel(
    extraction: Extraction, lang: str, documents: dict[str, str], *, key: str = "projects_add"
) -> None:
    """For an editor: add a project the extraction missed, by its text in a paragraph of one of
    ``documents`` (id → title; the reader gives its own article)."""
    if not may_write(settings.corpus_folder()) or not documents:
        return
    with st.expander(t("add_project", lang), icon=":material/add_circle:"):
        ids = list(documents)
        document = (
            st.selectbox(
                t("document", lang),
                ids,
                format_func=documents.get,
                key=f"{key}_doc",
                placeholder=t("choose", lang),
            )
            if len(ids) > 1
            else ids[0]
        )
        p = extraction.paragraphs[extraction.paragraphs["document"] == document]
        texts = dict(zip(p["paragraph"], p["text"], strict=True))
        paragraph = st.selectbox(
            t("add_project_paragraph", lang),
            list(texts),
            format_func=lambda i: f"{i + 1}. {texts[i][:40]}{'…' if len(texts[i]) > 40 else ''}",
            key=f"{key}_paragraph",
            placeholder=t("choose", lang),
        )
        text = st.text_input(t("add_project_text", lang), key=f"{key}_text")
        sectors = [*tx.SECTORS, tx.UNCLASSIFIED]
        sector = st.selectbox(
            t("sector", lang),
            sectors,
            format_func=lambda s: name(s, lang),
            key=f"{key}_sector",
            placeholder=t("choose", lang),
        )
        if (
            st.button(t("add_project_save", lang), key=f"{key}_save", type="primary")
            and paragraph is not None
        ):
            _save(extraction, "add", document, text, lang, paragraph=int(paragraph), sector=sector)
            st.rerun()


def rejected_panel(extraction: Extraction, lang: str) -> None:
    """For an editor: the projects rejected, each to restore."""
    folder = settings.corpus_folder()
    if not may_write(folder):
        return
    states = corrections.fold(corrections.load(folder))
    rejected = [s for s in states.values() if s.rejected]
    if not rejected:
        return
    with st.expander(f"{t('rejected_projects', lang)} ({len(rejected)})", icon=":material/block:"):
        for s in rejected:
            with st.container(horizontal=True, vertical_alignment="center"):
                st.caption(f"{s.shown} · {s.document} · {s.by}")
                if st.button(
                    t("correct_restore", lang), key=f"projects_unreject_{_key(s.document, s.shown)}"
                ):
                    _save(extraction, "restore", s.document, s.shown, lang)
                    st.rerun()


def log_lexicon(folder: Path, before: dict[str, str], after: dict[str, str]) -> None:
    """A line in the audit log for a lexicon saved into ``folder`` (kept beside the corpus, which
    may be read-only where the lexicon folder is not: then there is nowhere to keep it)."""
    with contextlib.suppress(OSError):
        audit.record_lexicon(settings.corpus_folder(), current().who, folder, before, after)


def _restore(key: str, lang: str) -> None:
    folder = settings.corpus_folder()
    if not may_write(folder):
        _say("error", t("visitor_note", lang))
        return
    try:
        restored = articles.restore_article(folder, key, who=current().who)
        _say("ok", t("restored", lang, name=restored))
    except FileExistsError as error:
        _say("error", t("cannot_restore", lang, reason=t("duplicate_of", lang, reason=str(error))))
    except OSError as error:
        _say("error", t("cannot_restore", lang, reason=error.strerror or error))


def trash_panel(lang: str) -> None:
    """For an editor on /corpus: the removed articles, each to restore; and the audit log."""
    folder = settings.corpus_folder()
    if not may_write(folder):
        return
    st.subheader(t("trash", lang), anchor=False)
    st.caption(t("trash_hint", lang))
    message()
    removed = trash.items(folder)
    if not removed:
        st.caption(t("trash_empty", lang))
    else:
        labels = {i.key: f"{i.name} · {i.removed_at[:16].replace('T', ' ')}" for i in removed}
        with st.container(horizontal=True, vertical_alignment="bottom"):
            chosen = st.selectbox(
                t("restore_article", lang),
                list(labels),
                format_func=labels.get,
                key="corpus_trash_item",
                placeholder=t("choose", lang),
            )
            st.button(t("restore", lang), key="corpus_restore", icon=":material/restore_from_trash:", on_click=_restore, args=(chosen, lang))  # fmt: skip
    log = audit.entries(folder)
    with st.expander(f"{t('audit_log', lang)} ({len(log)})", icon=":material/history:"):
        if not log:
            st.caption(t("audit_empty", lang))
        else:
            table = pd.DataFrame(reversed(log)).rename(columns={"target": "changed"})
            table = table[["at", "who", "what", "changed", "before", "after"]]
            table["what"] = table["what"].map(lambda w: t(f"action_{w}", lang))
            for column in ("before", "after"):
                table[column] = table[column].map(lambda v: "" if v is None else _words(v))
            st.dataframe(
                table, key="corpus_audit", hide_index=True,
                column_config={c: st.column_config.TextColumn(column_label(c, lang)) for c in table.columns},
            )  # fmt: skip


def _words(value: object) -> str:
    if isinstance(value, dict):
        return "；".join(f"{k}：{_words(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "、".join(map(str, value))
    return str(value)
