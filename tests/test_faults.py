"""Faults while the app runs: the corpus folder missing, read-only, or with a bad file in it."""

import shutil
from pathlib import Path

from conftest import CORPUS
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGES = [
    "dashboard/views/keywords.py",
    "dashboard/views/projects.py",
    "dashboard/views/reader.py",
    "dashboard/views/network.py",
]


def run_all_pages(folder: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("DASHBOARD_CORPUS", str(folder))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
    return at


def shown(at: AppTest) -> str:
    kinds = ("title", "subheader", "markdown", "caption", "info", "warning", "error", "text")
    return "\n".join(str(getattr(e, "value", getattr(e, "label", ""))) for k in kinds for e in getattr(at, k))


def test_a_missing_corpus_folder_is_a_message_not_a_crash(tmp_path, monkeypatch):
    at = run_all_pages(tmp_path / "gone", monkeypatch)
    at.switch_page("dashboard/views/overview.py").run()
    assert "gone: no such file or folder" in shown(at)


def test_a_folder_that_disappears_while_the_app_runs(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    monkeypatch.setenv("DASHBOARD_CORPUS", str(folder))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    shutil.rmtree(folder)
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_bad_file_is_named_and_the_rest_is_shown(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    (folder / "broken.md").write_bytes(b"\x00\x01\x02")
    at = run_all_pages(folder, monkeypatch)
    at.switch_page("dashboard/views/overview.py").run()
    text = shown(at)
    assert "broken.md" in text and "binary" in text
    assert "让经济发展插上" in text
