"""The loaders shared by every session: the corpus folder's signature (scanned again when the folder
changes or the scan is due), the values kept per view (built once, however many sessions ask), the
tables shown (converted once per kept frame) and whether a folder takes new files."""

import gc
import os
import threading
import time

import pandas as pd
import pyarrow as pa
import pytest

from dashboard.views import editing, loaders


def test_a_file_added_is_seen_at_once_and_a_file_edited_in_place_after_the_scan_that_is_due(
    tmp_path, monkeypatch
):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text("甲", encoding="utf-8")
    first = loaders.current_signature(folder)
    assert loaders.current_signature(folder) == first

    (folder / "b.md").write_text("乙", encoding="utf-8")
    os.utime(folder, ns=(1, folder.stat().st_mtime_ns + 1_000_000))  # the folder changed
    added = loaders.current_signature(folder)
    assert added != first

    (folder / "a.md").write_text("甲乙", encoding="utf-8")  # in place: the folder is unchanged
    assert loaders.current_signature(folder) == added  # until the scan is due
    monkeypatch.setattr(loaders.time, "monotonic", lambda: float("inf"))
    # the scan that is due runs in the background; a small folder's is over within the run's wait
    assert loaders.current_signature(folder) == loaders.corpus_signature(folder) != added


def test_a_run_does_not_wait_for_a_long_scan_and_the_next_one_sees_it(tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text("甲", encoding="utf-8")
    first = loaders.current_signature(folder)
    (folder / "a.md").write_text("甲乙", encoding="utf-8")  # in place
    release = threading.Event()
    scan = loaders.corpus_signature
    monkeypatch.setattr(loaders, "corpus_signature", lambda f: release.wait(10) and scan(f))
    monkeypatch.setattr(loaders.time, "monotonic", lambda: float("inf"))
    assert loaders.current_signature(folder) == first  # the scan is under way: the last one's
    release.set()
    loaders._rescans[str(folder)].join(timeout=10)
    assert loaders.current_signature(folder) == scan(folder) != first


def test_a_background_scan_keeps_no_older_state_than_a_run_scanned(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text("甲", encoding="utf-8")
    old_stamp = folder.stat().st_mtime_ns
    loaders.current_signature(folder)
    (folder / "b.md").write_text("乙", encoding="utf-8")
    os.utime(folder, ns=(1, old_stamp + 1_000_000))  # a file added: the run scans at once
    newer = loaders.current_signature(folder)
    (folder / "b.md").unlink()  # the folder as the late background scan saw it
    loaders._scan(folder, old_stamp, background=True)
    assert loaders._scans[str(folder)][2] == newer


def test_a_missing_value_is_built_once_while_other_sessions_wait_for_it():
    kept, built, started, release = loaders._Kept(4), [], threading.Event(), threading.Event()

    def build():
        built.append(1)
        started.set()
        release.wait(10)
        return "view"

    got = []
    first = threading.Thread(target=lambda: got.append(kept.get(("k",), build)))
    first.start()
    assert started.wait(10)
    others = [threading.Thread(target=lambda: got.append(kept.get(("k",), build))) for _ in range(3)]
    for thread in others:
        thread.start()
    time.sleep(0.2)  # the others ask while the first builds
    release.set()
    for thread in [first, *others]:
        thread.join(10)
    assert got == ["view"] * 4 and built == [1]


def test_a_failed_build_is_tried_again_by_the_next_session():
    kept = loaders._Kept(4)

    def fail():
        raise ValueError("corpus unreadable")

    with pytest.raises(ValueError):
        kept.get(("k",), fail)
    assert kept.get(("k",), lambda: "view") == "view" and not kept.building


def test_the_oldest_value_gives_way_when_the_values_kept_are_full():
    kept = loaders._Kept(2)
    for key in ("a", "b", "a", "c"):  # a is used again after b: b is the oldest
        kept.get((key,), lambda key=key: key.upper())
    assert list(kept.values) == [("a",), ("c",)]


def test_a_kept_frame_is_converted_once_and_forgotten_with_it():
    frame = pd.DataFrame({"name": ["甲数据中心", "乙产业园", "丙平台"], "mentions": [3, 2, 1]})
    table = loaders.arrow_table(frame, 2, ["name"])
    assert isinstance(table, pa.Table) and table.to_pydict() == {"name": ["甲数据中心", "乙产业园"]}
    assert loaders.arrow_table(frame, 2, ["name"]) is table  # the next run: not converted again
    assert loaders.arrow_table(frame).num_rows == 3
    kept = [key for key in loaders._tables if key[0] == id(frame)]
    assert len(kept) == 2
    del frame, table
    gc.collect()
    assert not set(kept) & set(loaders._tables)


def test_a_frame_arrow_cannot_take_goes_to_the_table_as_it_is():
    frame = pd.DataFrame({"value": [1, "一"], "name": ["甲", "乙"]})  # mixed types: the table mends them
    shown = loaders.arrow_table(frame, columns=["value"])
    assert isinstance(shown, pd.DataFrame) and shown["value"].tolist() == [1, "一"]


def test_whether_a_folder_takes_files_is_tried_again_when_due_and_read_only_holds_at_once(
    tmp_path, monkeypatch
):
    tried = []
    monkeypatch.setattr(editing, "writable", lambda folder: tried.append(folder) or True)
    monkeypatch.setattr(editing, "current", lambda: editing.store_access.access(None, editors=()))
    now = [1000.0]
    monkeypatch.setattr(editing.time, "monotonic", lambda: now[0])
    assert editing.may_write(tmp_path) and editing.may_write(tmp_path) and len(tried) == 1
    now[0] += editing.WRITABLE_SECONDS
    assert editing.may_write(tmp_path) and len(tried) == 2
    monkeypatch.setenv("DASHBOARD_READ_ONLY", "1")
    assert not editing.may_write(tmp_path)
