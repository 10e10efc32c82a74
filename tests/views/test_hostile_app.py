"""The hostile files of tests/hostile.py through the app: in its corpus folder, and uploaded."""

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, SEED
from hostile import CASES, write_cases
from streamlit.testing.v1 import AppTest

from dashboard.store.articles import LOCK_FILE, add_article

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = ["keywords", "projects", "reader", "network", "corpus", "lexicon"]


def fingerprint(folder: Path) -> dict[str, str]:
    """The folder's files and their contents, but the writers' lock (an empty coordination file)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.name != LOCK_FILE
    }


def test_every_page_opens_on_a_corpus_full_of_hostile_files(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    write_cases(folder)
    before = fingerprint(folder)
    monkeypatch.setenv("DASHBOARD_CORPUS", str(folder))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    warning = " ".join(str(w.value) for w in at.warning)
    for case in CASES:
        if case.refused:
            assert case.name in warning
    assert SEED.stem in " ".join(str(s.value) for s in at.subheader) or at.subheader
    for page in PAGES:
        at.switch_page(f"dashboard/views/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
    across = AppTest.from_file(APP, default_timeout=120)  # the corpus page's other tab, by its link
    across.query_params.update(tab="across")
    across.run()
    across.switch_page("dashboard/views/corpus.py").run()
    assert not across.exception, [e.value for e in across.exception]
    assert across.get("plotly_chart")  # the timeline and the comparison were drawn
    assert fingerprint(folder) == before  # nothing in the corpus is changed or lost


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_an_uploaded_hostile_file_is_refused_or_added_and_nothing_else_changes(tmp_path, case):
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    before = fingerprint(folder)
    result = add_article(folder, case.name, case.data)
    after = fingerprint(folder)
    if case.refused or not result.accepted:
        assert result.reason, result
        assert after == before
    else:
        assert {k: v for k, v in after.items() if k in before} == before
        assert len(after) == len(before) + 1
    assert not list(folder.glob("*.tmp")) and [p.name for p in folder.glob(".*")] in ([], [LOCK_FILE])
