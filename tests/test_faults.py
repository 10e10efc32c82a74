"""Faults while the app runs: the corpus folder missing, read-only, or with a bad file in it; an upload
cut off by a crash."""

import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from conftest import CORPUS, FIXTURES, ROOT
from streamlit.testing.v1 import AppTest

from dashboard.pipeline.corpus import read_files
from dashboard.store.articles import remove_unfinished_uploads

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
    texts = [str(getattr(e, "value", getattr(e, "label", ""))) for k in kinds for e in getattr(at, k)]
    titles = [str(v) for table in at.dataframe if "title" in table.value for v in table.value["title"]]
    return "\n".join(texts + titles)  # the overview lists the articles' titles in a table


def test_a_missing_corpus_folder_is_a_message_not_a_crash(tmp_path, monkeypatch):
    at = run_all_pages(tmp_path / "gone", monkeypatch)
    at.switch_page("dashboard/views/overview.py").run()
    assert "gone：文件或文件夹不存在" in shown(at)


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
    assert "broken.md：二进制文件，不是文本" in text
    assert "让经济发展插上" in text


# Stands in for a crash between writing an upload and linking it into place: os.link
# announces itself, then waits to be killed.
CUT_OFF_UPLOAD = """
import os, sys, time
from pathlib import Path
from dashboard.store import articles

def killed_here(*args):
    print("written", flush=True)
    time.sleep(600)

os.link = killed_here
articles.add_article(Path(sys.argv[1]), "new.md", Path(sys.argv[2]).read_bytes())
"""


def test_an_upload_cut_off_by_a_crash_leaves_no_partial_article(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    upload = FIXTURES / "2023-03-15-yibin-digital-economy.md"
    process = subprocess.Popen(
        [sys.executable, "-c", CUT_OFF_UPLOAD, str(folder), str(upload)], cwd=ROOT, stdout=subprocess.PIPE
    )
    try:
        assert process.stdout.readline().strip() == b"written"
    finally:
        process.kill()
        process.wait()

    left = [p for p in folder.iterdir() if p.name not in before and p.name != ".corpus.lock"]
    assert [p.name.startswith(".upload-") and p.suffix == ".tmp" for p in left] == [True]
    assert left[0].read_bytes() == upload.read_bytes()  # the whole upload, but never under an article name
    articles, problems = read_files([folder])
    assert {a.path.name: a.data for a in articles} == before and not problems

    # Restarted later: the app opens on the same articles and clears the cut-off upload away.
    an_hour_ago = time.time() - 3600
    os.utime(left[0], (an_hour_ago, an_hour_ago))
    at = run_all_pages(folder, monkeypatch)
    assert "让经济发展插上" in shown(at.switch_page("dashboard/views/overview.py").run())
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.name != ".corpus.lock"} == before


def test_an_upload_in_progress_is_not_taken_for_a_cut_off_one(tmp_path):
    (tmp_path / ".upload-abc.tmp").write_bytes(b"being written")
    assert remove_unfinished_uploads(tmp_path) == []
    assert remove_unfinished_uploads(tmp_path, older_than=0) == [".upload-abc.tmp"]
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_turns_read_only_refuses_the_upload_with_its_reason(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)

    def articles() -> dict[str, bytes]:  # the folder's files but the writers' lock
        return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != ".corpus.lock"}

    before = articles()
    monkeypatch.setenv("DASHBOARD_CORPUS", str(folder))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("dashboard/views/corpus.py").run()

    def read_only_file_system(source, target):  # what the OS answers once the folder is read-only
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(target))

    monkeypatch.setattr(os, "link", read_only_file_system)
    upload = (FIXTURES / "2023-03-15-yibin-digital-economy.md").read_bytes()
    at.get("file_uploader")[0].set_value(("yibin.md", upload, "text/markdown")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error[0].value == ("yibin.md — 未加入：文章库文件夹无法写入（Read-only file system）")
    assert articles() == before  # nothing half-written left
    at.switch_page("dashboard/views/overview.py").run()
    assert not at.exception and "让经济发展插上" in shown(at)


# Writes an upload into a folder where files may not grow past 100 kB (as on a full disk).
FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from dashboard.store.articles import create_exclusively

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
try:
    create_exclusively(Path(sys.argv[1]), "new.md", b"x" * 1_000_000, set())
except OSError as error:
    print(error.errno)
"""


def test_an_upload_that_cannot_be_written_whole_leaves_nothing(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == str(errno.EFBIG), result.stderr
    assert list(tmp_path.iterdir()) == []
