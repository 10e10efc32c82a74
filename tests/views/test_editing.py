"""Who may change what is shared, page by page (AppTest): without sign-in configured the local
user edits as before; with it, an editor corrects, removes to the trash and restores, and every
change is in the audit log, while a visitor or a signed-in non-editor reaches no write path:
not through the widgets a page shows them, nor through keys it does not show, crafted query
parameters or a saved analysis. Nothing of a user's token reaches the page or the report."""

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.pipeline.corpus import extract_paths
from dashboard.pipeline.lexicon import read_lexicon_files
from dashboard.present.glossary import t
from dashboard.query.filters import Filters
from dashboard.settings import BUNDLED_LEXICON
from dashboard.store import audit, corrections, journal, trash
from dashboard.store.saved_analysis import dump
from dashboard.views.frame import W_OPEN, W_SAVE_SECTION

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
CORPUS_PAGE, PROJECTS_PAGE, LEXICON_PAGE = (
    "dashboard/views/corpus.py",
    "dashboard/views/projects.py",
    "dashboard/views/lexicon.py",
)
DOC = "2022-04-22-wuzhou-digital-economy"
EDITOR = "ed@example.org"
TOKEN = "eyJhbGciOiJSUzI1NiJ9.SECRET-ID-TOKEN.signature"
VISITOR = {"is_logged_in": False}
VIEWER = {"is_logged_in": True, "email": "viewer@example.org", "sub": "viewer", "tokens": {"id": TOKEN}}
EDITOR_USER = {"is_logged_in": True, "email": EDITOR, "sub": "ed", "tokens": {"id": TOKEN, "access": TOKEN}}
NEW = "安宁数字经济发展观察\n安宁市建设安宁天承数字茶园，打造安宁农产品交易中心。\n".encode()


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    shutil.copytree(ROOT / "data" / "articles", folder)
    monkeypatch.setenv("DASHBOARD_CORPUS", str(folder))
    monkeypatch.setenv("DASHBOARD_EDITORS", f"{EDITOR}, boss@example.org")
    return folder


@pytest.fixture
def lexicon(tmp_path, monkeypatch):
    folder = tmp_path / "lexicon"
    shutil.copytree(BUNDLED_LEXICON, folder)
    monkeypatch.setenv("DASHBOARD_LEXICON", str(folder))
    return folder


def open_page(page: str | None = None, user: dict | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if user is not None:
        at.user = user
    at.query_params.update(params)
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def everything(at: AppTest) -> str:
    """Every text and value the page holds, tables included."""
    parts = [str(e.value) for kind in ("title", "subheader", "markdown", "caption", "info", "success",
             "warning", "error", "text", "text_input", "selectbox") for e in getattr(at, kind)]  # fmt: skip
    parts += [e.proto.body for e in at.get("html")]
    parts += [d.value.to_csv() for d in at.dataframe]
    return "\n".join(parts)


def keys(at: AppTest) -> set[str]:
    return set(at.session_state.keys())


def select_project(at: AppTest, name: str) -> AppTest:
    rows = list(at.dataframe[0].value["name"])
    at.session_state["projects_table"] = {
        "selection": {"rows": [rows.index(name)], "columns": [], "cells": []}
    }
    return at.run()


def state_files(corpus: Path) -> list[str]:
    folder = journal.state_folder(corpus)
    return (
        sorted(p.name for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
        if folder.exists()
        else []
    )


# the local run: no sign-in configured


def test_without_sign_in_the_local_user_corrects_and_nobody_is_asked_to_sign_in(corpus):
    at = open_page(PROJECTS_PAGE)
    assert not [b for b in at.button if b.key in ("auth_sign_in", "auth_sign_out")]
    select_project(at, "粤桂云数据中心")
    form = "projects_correct_"
    [sector] = [s for s in at.selectbox if s.key and s.key.startswith(form + "sector")]  # in its form
    sector.select("services")
    [save] = [b for b in at.button if b.proto.label == t("correct_save")]
    save.click().run()
    assert not at.exception, [e.value for e in at.exception]
    [line] = corrections.load(corpus)
    assert line["changes"]["sector"] == "services" and line["by"].startswith("local")
    listing = at.dataframe[0].value.set_index("name")
    assert listing.loc["粤桂云数据中心", "sector"] == "服务业"
    assert audit.entries(corpus)[0]["what"] == "correct_project"


def test_without_sign_in_a_removed_article_goes_to_the_trash_and_comes_back(corpus):
    at = open_page(CORPUS_PAGE)
    at.selectbox(key="corpus_remove_doc").select(DOC).run()
    at.button(key="corpus_remove").click().run()
    at.button(key="corpus_remove_confirm").click().run()
    assert not (corpus / f"{DOC}.md").exists()
    [item] = trash.items(corpus)
    assert item.name == f"{DOC}.md"
    at.selectbox(key="corpus_trash_item").select(item.key).run()
    at.button(key="corpus_restore").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert (corpus / f"{DOC}.md").exists() and not trash.items(corpus)
    assert [e["what"] for e in audit.entries(corpus)] == ["remove_article", "restore_article"]
    assert t("restored", name=f"{DOC}.md") in everything(at)


# an editor


def test_an_editor_is_named_in_the_sidebar_and_in_the_audit_log(corpus):
    at = open_page(CORPUS_PAGE, user=EDITOR_USER)
    assert t("signed_in_editor", who=EDITOR) in everything(at)
    assert at.button(key="auth_sign_out")
    at.get("file_uploader")[0].set_value(("upload.txt", NEW, "text/plain")).run()
    assert any(p.name.startswith("安宁") for p in corpus.iterdir())
    at.selectbox(key="corpus_remove_doc").select(DOC).run()
    at.button(key="corpus_remove").click().run()
    at.button(key="corpus_remove_confirm").click().run()
    log = audit.entries(corpus)
    assert [(e["who"], e["what"]) for e in log] == [(EDITOR, "add_article"), (EDITOR, "remove_article")]
    at.run()
    assert "corpus_audit" in keys(at) or t("audit_log") in " ".join(e.proto.label for e in at.expander)


def test_an_editor_rejects_a_project_and_restores_it(corpus):
    at = open_page(PROJECTS_PAGE, user=EDITOR_USER)
    select_project(at, "苍海数字经济产业园")
    [reject] = [b for b in at.button if b.key and b.key.startswith("projects_reject_")]
    reject.click().run()
    assert "苍海数字经济产业园" not in set(at.dataframe[0].value["name"])
    [restore] = [b for b in at.button if b.key and b.key.startswith("projects_unreject_")]
    restore.click().run()
    assert "苍海数字经济产业园" in set(at.dataframe[0].value["name"])
    assert [r["action"] for r in corrections.load(corpus)] == ["reject", "restore"]


def test_an_editor_adds_a_missed_project_by_its_text(corpus):
    at = open_page(PROJECTS_PAGE, user=EDITOR_USER)
    paragraphs = extract_paths([corpus]).paragraphs
    paragraph = int(paragraphs[paragraphs["text"].str.contains("公共茶仓")]["paragraph"].iloc[0])
    at.selectbox(key="projects_add_paragraph").select(paragraph)
    at.text_input(key="projects_add_text").input("公共茶仓")
    at.selectbox(key="projects_add_sector").select("agriculture")
    at.button(key="projects_add_save").click().run()
    assert not at.exception
    assert "公共茶仓" in set(at.dataframe[0].value["name"])


def test_an_editor_adds_a_missed_project_from_the_readers_paragraph(corpus):
    at = open_page("dashboard/views/reader.py", user=EDITOR_USER)
    paragraphs = extract_paths([corpus]).paragraphs
    paragraph = int(paragraphs[paragraphs["text"].str.contains("公共茶仓")]["paragraph"].iloc[0])
    at.selectbox(key="reader_add_paragraph").select(paragraph)
    at.text_input(key="reader_add_text").input("不在这里的名字")
    at.button(key="reader_add_save").click().run()
    assert t("correct_refused", reason=t("problem_not_in_paragraph", name="不在这里的名字")) in everything(at)
    at.text_input(key="reader_add_text").input("公共茶仓")
    at.button(key="reader_add_save").click().run()
    assert not at.exception
    assert t("correct_saved", name="公共茶仓") in everything(at)
    [line] = corrections.load(corpus)
    assert (line["action"], line["name"], line["paragraph"], line["by"]) == (
        "add",
        "公共茶仓",
        paragraph,
        EDITOR,
    )


def test_an_editors_token_reaches_neither_the_page_nor_the_report_nor_the_log(corpus):
    at = open_page(PROJECTS_PAGE, user=EDITOR_USER)
    select_project(at, "粤桂云数据中心")
    [reject] = [b for b in at.button if b.key and b.key.startswith("projects_reject_")]
    reject.click().run()
    for page in (None, CORPUS_PAGE, PROJECTS_PAGE, LEXICON_PAGE):
        if page:
            at.switch_page(page).run()
        assert TOKEN not in everything(at) and "SECRET-ID-TOKEN" not in str(at.session_state.to_dict())
    from dashboard.present.report import render_report
    from dashboard.views import loaders  # noqa: F401  (the app's own extraction is what the report gets)

    report = render_report(corrections.apply_corrections(
        __import__("dashboard").extract_paths([corpus]), corrections.load(corpus)), Filters())  # fmt: skip
    assert "SECRET-ID-TOKEN" not in report
    for path in journal.state_folder(corpus).rglob("*.jsonl"):
        assert "SECRET-ID-TOKEN" not in path.read_text(encoding="utf-8")


# a visitor and a signed-in non-editor


@pytest.mark.parametrize("user", [VISITOR, VIEWER], ids=["visitor", "non-editor"])
def test_a_viewer_sees_no_editing_controls_and_their_uploads_stay_in_the_session(corpus, lexicon, user):
    at = open_page(CORPUS_PAGE, user=user)
    text = everything(at)
    assert t("viewer_session_corpus") in text
    if user is VISITOR:
        assert at.button(key="auth_sign_in") and t("visitor_note") in text
    else:
        assert t("signed_in_viewer", who="viewer@example.org") in text
    assert not {k for k in keys(at) if k.startswith(("corpus_trash", "corpus_restore", "corpus_audit"))}
    before = sorted(p.name for p in corpus.iterdir())
    at.get("file_uploader")[0].set_value(("upload.txt", NEW, "text/plain")).run()
    assert at.success and sorted(p.name for p in corpus.iterdir()) == before
    # removing an article of the folder is refused; it stays where it is
    at.selectbox(key="corpus_remove_doc").select(DOC).run()
    at.button(key="corpus_remove").click().run()
    at.button(key="corpus_remove_confirm").click().run()
    assert (corpus / f"{DOC}.md").exists() and not trash.items(corpus)
    at.switch_page(PROJECTS_PAGE).run()
    select_project(at, "粤桂云数据中心")
    assert not {k for k in keys(at) if k.startswith(("projects_correct", "projects_reject", "projects_add"))}
    at.switch_page("dashboard/views/reader.py").run()
    assert not {k for k in keys(at) if k.startswith("reader_add")}
    at.switch_page(LEXICON_PAGE).run()
    assert t("viewer_session_lexicon") in everything(at)
    assert state_files(corpus) == []


@pytest.mark.parametrize("user", [VISITOR, VIEWER], ids=["visitor", "non-editor"])
def test_a_viewers_crafted_widget_state_writes_nothing(corpus, lexicon, user):
    """The write paths reached without the page showing them: the widget keys of an editor's
    forms set by hand, and the callbacks of the removal and restore run directly."""
    files = read_lexicon_files(lexicon)
    at = open_page(PROJECTS_PAGE, user=user)
    for key, value in {
        "projects_add_doc": DOC, "projects_add_paragraph": 15, "projects_add_text": "公共茶仓",
        "projects_add_sector": "agriculture", "corpus_trash_item": "x", "corpus_remove_confirm": True,
        "corpus_restore": True, "lexicon_save": True, "lexicon_add": "算力券",
    }.items():  # fmt: skip
        at.session_state[key] = value
    at.run()
    at.switch_page(CORPUS_PAGE).run()
    at.switch_page(LEXICON_PAGE).run()
    assert not at.exception
    script = AppTest.from_string(
        f"""
import streamlit as st
from dashboard.views import editing, loaders
from dashboard.pipeline.corpus import extract_paths
e = extract_paths([{str(corpus)!r}])
editing._save(e, "reject", {DOC!r}, "粤桂云数据中心", "zh")
editing._save(e, "add", {DOC!r}, "公共茶仓", "zh", paragraph=15)
editing._restore("20240101T000000000000Z--x.md", "zh")
""",
        default_timeout=60,
    )
    script.user = user
    script.run()
    assert not script.exception, [e.value for e in script.exception]
    assert script.session_state["editing_message"] == ("error", t("visitor_note"))
    assert state_files(corpus) == [] and (corpus / f"{DOC}.md").exists()
    assert read_lexicon_files(lexicon) == files


@pytest.mark.parametrize("user", [VISITOR, VIEWER], ids=["visitor", "non-editor"])
def test_crafted_query_parameters_write_nothing(corpus, lexicon, user):
    files = read_lexicon_files(lexicon)
    for page in (None, CORPUS_PAGE, PROJECTS_PAGE, LEXICON_PAGE):
        open_page(
            page, user=user, tab="trash", action="reject", restore="1", remove=DOC,
            corpus_remove_confirm="1", lexicon_save="1", who=EDITOR, email=EDITOR, is_logged_in="true",
        )  # fmt: skip
    assert state_files(corpus) == [] and (corpus / f"{DOC}.md").exists()
    assert read_lexicon_files(lexicon) == files


def test_an_analysis_in_the_other_language_is_said_opened_in_its_language(corpus, lexicon):
    analysis = dump(Filters(lang="en", sectors=("agriculture",)), {})
    at = open_page(None)
    at.session_state[W_SAVE_SECTION] = True
    at.run()
    uploader = next(u for u in at.get("file_uploader") if W_OPEN in (u.key or ""))
    uploader.set_value(("analysis.json", analysis.encode(), "application/json")).run()
    assert not at.exception
    # the section, now labelled in English, is still open and says what happened, once
    assert t("analysis_opened", "en", file="analysis.json") in everything(at)
    at.run()
    assert t("analysis_opened", "en", file="analysis.json") not in everything(at)
    assert [u for u in at.get("file_uploader") if W_OPEN in (u.key or "")]


@pytest.mark.parametrize("user", [VISITOR, VIEWER], ids=["visitor", "non-editor"])
def test_a_saved_analysis_opened_by_a_viewer_changes_only_their_session(corpus, lexicon, user):
    files = read_lexicon_files(lexicon)
    analysis = dump(Filters(), {"domain": {"added": ["算力券"], "removed": []}})
    at = open_page(None, user=user)
    assert not [u for u in at.get("file_uploader") if W_OPEN in (u.key or "")]  # folded: not made
    at.session_state[W_SAVE_SECTION] = True  # the reader opens the sidebar's save-and-open section
    at.run()
    uploader = next(u for u in at.get("file_uploader") if W_OPEN in (u.key or ""))
    uploader.set_value(("analysis.json", analysis.encode(), "application/json")).run()
    assert not at.exception
    assert t("analysis_opened", file="analysis.json") in everything(at)
    assert read_lexicon_files(lexicon) == files and state_files(corpus) == []
    json.loads(analysis)  # a real analysis, not a stand-in
